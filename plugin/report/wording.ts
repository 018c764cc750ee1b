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

// An existing file is opened in place: wof.sys must decompress it first.
const DECOMPRESSES = 'this decompresses it onto C:';
// New or existing: either way the result is a full, uncompressed file on C: (a new one was never compressed).
const FULL_COPY = 'this stores it uncompressed on C:';
const APP_DATA = 'Write to an app-data folder instead.';

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
    advice: 'Leave system files as they are; write a copy elsewhere.',
  },
  overwrite: { action: 'overwrites', actionBase: 'overwrite', consequence: FULL_COPY, advice: APP_DATA },
  append: {
    action: 'appends to',
    actionBase: 'append to',
    consequence: FULL_COPY,
    advice: 'Keep logs and data in an app-data folder instead.',
  },
  replace: {
    action: 'replaces',
    actionBase: 'replace',
    consequence: FULL_COPY,
    advice: 'Copy or move into an app-data folder instead.',
  },
  'create-if-missing': {
    action: 'creates',
    actionBase: 'create',
    consequence: 'a new file there is stored in full among the compressed system files',
    advice: 'Keep app files in an app-data folder instead.',
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

// A hosts editor cannot move the hosts file elsewhere: what it can do is write it only when asked.
const HOSTS_ADVICE = 'Write the hosts file only when the user asks.';
const HOSTS_FILE = /\\drivers\\etc\\hosts$/iu;

/** True when every pattern is the hosts file (`…\System32\drivers\etc\hosts`). */
function allHostsFile(patterns: readonly string[]): boolean {
  return patterns.length > 0 && patterns.every((pattern) => HOSTS_FILE.test(pattern));
}

/** The advice for a finding: the decision's own, or the hosts file's when that is what is written. */
export function adviceFor(advice: Advice | undefined, effect: WriteEffect, patterns: readonly string[]): string {
  if (effect !== 'read-write' && (advice === undefined || advice.kind === 'app-data') && allHostsFile(patterns))
    return HOSTS_ADVICE;
  return adviceText(advice, effect);
}

/** The advice a decision asks for, in words. */
function adviceText(advice: Advice | undefined, effect: WriteEffect): string {
  if (advice === undefined) return WORDING[effect].advice;
  if (advice.kind === 'app-data') return APP_DATA;
  switch (advice.api) {
    case 'node':
      return `Open it read-only (${advice.spelling}) if you only read it.`;
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
