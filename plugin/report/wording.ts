import type { Advice, WriteEffect } from '../../analysis/access-decision.js';

/**
 * The one wording table: what each effect is called in a message and what
 * it costs on a WIMBoot or CompactOS device. Deciders (analysis/*\/access.ts)
 * may replace the advice with an API-specific one.
 */

export interface Wording {
  /** `opens`, `overwrites`… */
  readonly action: string;
  /** `open`, `overwrite`… (after "may"). */
  readonly actionBase: string;
  readonly consequence: string;
  readonly advice: string;
}

const DECOMPRESSES = 'this decompresses the system file onto C:';
const REPLACES = 'this replaces the compressed system file with a full, uncompressed copy on C:';
const APP_DATA = 'Write to a per-user or app-data location instead.';

export const WORDING: Readonly<Record<WriteEffect, Wording>> = {
  'read-write': {
    action: 'opens',
    actionBase: 'open',
    consequence: DECOMPRESSES,
    advice: "Open it read-only ('r') if you only read it.",
  },
  truncate: {
    action: 'truncates',
    actionBase: 'truncate',
    consequence: DECOMPRESSES,
    advice: 'Leave system files as they are; write a copy to an app-data location instead.',
  },
  overwrite: { action: 'overwrites', actionBase: 'overwrite', consequence: REPLACES, advice: APP_DATA },
  append: {
    action: 'appends to',
    actionBase: 'append to',
    consequence: DECOMPRESSES,
    advice: 'Keep logs and data in a per-user or app-data location instead.',
  },
  replace: {
    action: 'replaces',
    actionBase: 'replace',
    consequence: 'the compressed system file is replaced by a full, uncompressed copy on C:',
    advice: 'Copy or move into a per-user or app-data location instead.',
  },
  'create-if-missing': {
    action: 'creates',
    actionBase: 'create',
    consequence: "a file created there is stored in full on C: among the image's compressed files",
    advice: 'Keep app files in an app-data location instead.',
  },
  attributes: {
    action: 'changes the attributes of',
    actionBase: 'change the attributes of',
    consequence: 'this may decompress the system file (attribute-only writes are not confirmed to)',
    advice: 'Leave system file attributes alone.',
  },
  metadata: {
    action: 'opens',
    actionBase: 'open',
    consequence: 'this may decompress the system file (metadata-only writes are not confirmed to)',
    advice: 'Leave system file metadata alone.',
  },
};

/** The advice a decision asks for, in words. */
export function adviceText(advice: Advice | undefined, effect: WriteEffect): string {
  if (advice === undefined) return WORDING[effect].advice;
  if (advice.kind === 'app-data') return APP_DATA;
  switch (advice.api) {
    case 'node':
      return `Open it read-only (${advice.spelling}) if you only read it (wimboot/prefer-read-only-open fixes this when the handle is never written).`;
    case 'access-mask':
      return 'Request GENERIC_READ only if you only read it.';
    case 'open-file':
      return 'Use OF_READ if you only read it.';
    case 'crt-mode':
      return `Open it read-only (${advice.spelling}) if you only read it.`;
    case 'crt-oflag':
      return 'Open it with _O_RDONLY if you only read it.';
  }
}
