import type { TSESTree } from '@typescript-eslint/utils';
import type { Frame } from './evaluator/frames.js';

/**
 * The one answer both access deciders give (node-fs/access.ts for Node, Bun
 * and Deno; win32/access.ts for Win32 and the CRT through FFI): what a call
 * does to the file it names, how to show its access, and whether every value
 * of its flags writes. The plugin's wording table turns it into a message.
 */

export type WriteEffect =
  /** Write access that keeps the content ('r+', GENERIC_WRITE with OPEN_EXISTING). */
  | 'read-write'
  /** fs.truncate: empties the existing file. */
  | 'truncate'
  /** Replaces the content, creating the file if needed ('w', writeFile, CREATE_ALWAYS). */
  | 'overwrite'
  | 'append'
  /** The destination of a copy, move or rename. */
  | 'replace'
  | 'create-if-missing'
  /** Attribute-only (utimes, chmod): reported only when asked, worded "may". */
  | 'attributes'
  /** Metadata-only Win32 access (FILE_WRITE_ATTRIBUTES, WRITE_DAC…): reported only when asked. */
  | 'metadata';

export interface AccessDecision {
  readonly effect: WriteEffect;
  /** How the access reads in a message, with its leading space: ` with write access ('r+')`, ` (destination)`, ''. */
  readonly access: string;
  /** False when only some values of the flags or mask write. */
  readonly certain: boolean;
  /** Advice specific to the API, replacing the effect's default (the plugin words it). */
  readonly advice?: Advice;
  /** A read-only rewrite of one argument, offered where the handle is never written. */
  readonly fix?: { readonly node: TSESTree.Node; readonly text: string };
}

/** What to advise instead, when it depends on the API rather than on the effect. */
export type Advice =
  /** Ask for read access only, spelled as the API spells it. */
  | {
      readonly kind: 'read-only';
      readonly api: 'node' | 'access-mask' | 'open-file' | 'crt-mode' | 'crt-oflag';
      readonly spelling: string;
    }
  /** Write somewhere else. */
  | { readonly kind: 'app-data' };

type Decide<Sink, Options> = (sink: Sink, options: Options, frame?: Frame) => AccessDecision | undefined;

/**
 * A decider memoised per options object and call (both rules and every wrapper call ask again),
 * and decided once, without its frame, where the call's access is fixed whatever its caller passes.
 */
export function memoisedDecider<Sink extends { readonly node: TSESTree.Node }, Options extends object>(
  decide: (sink: Sink, options: Options, frame: Frame | undefined) => AccessDecision | undefined,
  accessIsFixed: (sink: Sink) => boolean,
): Decide<Sink, Options> {
  const decided = new WeakMap<Options, WeakMap<TSESTree.Node, AccessDecision | null>>();
  const memoised: Decide<Sink, Options> = (sink, options, frame) => {
    if (frame !== undefined && accessIsFixed(sink)) return memoised(sink, options);
    let byOptions = decided.get(options);
    if (byOptions === undefined) {
      byOptions = new WeakMap();
      decided.set(options, byOptions);
    }
    if (frame === undefined && byOptions.has(sink.node)) return byOptions.get(sink.node) ?? undefined;
    const decision = decide(sink, options, frame);
    if (frame === undefined) byOptions.set(sink.node, decision ?? null);
    return decision;
  };
  return memoised;
}
