/**
 * Wraps the Node fs functions of the shared write-API table (sync, callback
 * and promise forms; streams; copy, cp and rename destinations). fs-extra and
 * graceful-fs call these same functions, so they are traced through them.
 *
 * A wrapper decides from the arguments alone whether the call writes; reads
 * go straight to the original. It calls the original with the same `this`
 * and arguments and returns (or throws) whatever it does, synchronously.
 */
import fs from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_FS, STRING_FLAGS, type FsApiSpec, type Operation } from '../../formats/write-apis.js';
import type { TraceEffect } from './event.js';
import type { OpenFacts, Recorder } from './recorder.js';
import { isWrapped, traceWrapper } from './wrapper.js';

/** Classes: their instances open through fs.open, which is wrapped. */
const NOT_WRAPPED = new Set(['WriteStream', 'ReadStream']);
const STREAM_FACTORIES = new Set(['createWriteStream', 'createReadStream']);

const { O_WRONLY = 1, O_RDWR = 2, O_APPEND = 0, O_CREAT = 0, O_TRUNC = 0, O_EXCL = 0 } = fs.constants;
const NUMERIC_FLAG_NAMES: readonly (readonly [string, number])[] = [
  ['O_WRONLY', O_WRONLY],
  ['O_RDWR', O_RDWR],
  ['O_APPEND', O_APPEND],
  ['O_CREAT', O_CREAT],
  ['O_TRUNC', O_TRUNC],
  ['O_EXCL', O_EXCL],
];

/** The path argument as a string; undefined for a file descriptor (no open by path). */
function pathText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (value instanceof URL) return value.protocol === 'file:' ? fileURLToPath(value) : undefined;
  return undefined;
}

// An absolute POSIX path with no `.`, `..`, empty or trailing segment is what resolve() would return.
const NOT_NORMAL = /\/\.{1,2}(?:\/|$)|\/\/|.\/$/u;
const POSIX = process.platform !== 'win32';

/** resolve(path), skipped where it would return the path as it is (fs.cpSync passes thousands of those). */
export function absolutePath(path: string): string {
  return POSIX && path.startsWith('/') && !NOT_NORMAL.test(path) ? path : resolve(path);
}

type Access = { readonly effect: TraceEffect; readonly access: string };

/** String flags decided once each: the same few come back on every call. */
const STRING_FLAG_ACCESS = new Map<string, Access | undefined>(
  [...STRING_FLAGS].map(([flag, mode]) => [flag, mode === 'read' ? undefined : { effect: mode, access: `'${flag}'` }]),
);

/** The access a flag value asks for, with this platform's numeric constants (the program's own). */
function decideFlag(flag: unknown): Access | undefined {
  if (typeof flag === 'string') return STRING_FLAG_ACCESS.get(flag);
  if (typeof flag === 'number') {
    const writes = (flag & (O_WRONLY | O_RDWR)) !== 0 || (flag & (O_APPEND | O_CREAT | O_TRUNC)) !== 0;
    if (!writes) return undefined;
    const names = NUMERIC_FLAG_NAMES.filter(([, bit]) => bit !== 0 && (flag & bit) === bit).map(([name]) => name);
    const effect: TraceEffect = (flag & O_TRUNC) !== 0 ? 'truncate' : (flag & O_APPEND) !== 0 ? 'append' : 'read-write';
    return { effect, access: `${names.join(' | ')} (${flag})` };
  }
  return undefined;
}

function optionsFlag(operation: Extract<Operation, { kind: 'options-flag' }>, options: object): unknown {
  const flag = (options as Record<string, unknown>)[operation.key];
  if (flag === undefined) return operation.defaultFlag;
  return operation.falsyFlag !== undefined && !flag ? operation.falsyFlag : flag;
}

/**
 * Whether a call writes, and how; undefined for reads and for calls on
 * descriptors. Built once per function: the access of a call without flags
 * is decided here, so the common read (`readFileSync(file)`,
 * `readFileSync(file, 'utf8')`) costs a type check and nothing else.
 */
function decider(spec: FsApiSpec, api: string): (args: ArrayLike<unknown>) => OpenFacts | undefined {
  const { operation } = spec;
  const facts = (access: Access | undefined, args: ArrayLike<unknown>): OpenFacts | undefined => {
    if (access === undefined) return undefined;
    const path = pathText(args[spec.pathArg]);
    if (path === undefined) return undefined;
    return { api, path, absolute: absolutePath(path), effect: access.effect, access: access.access };
  };
  switch (operation.kind) {
    case 'open-flags': {
      const byDefault = decideFlag(operation.defaultFlag);
      return (args) => {
        const flag = args[operation.flagsArg];
        return facts(flag === undefined || typeof flag === 'function' ? byDefault : decideFlag(flag), args);
      };
    }
    case 'options-flag': {
      const byDefault = decideFlag(operation.defaultFlag);
      return (args) => {
        const options = args[operation.optionsArg];
        // No options object (none, an encoding, a callback): the default flag.
        const access =
          options === null || typeof options !== 'object' ? byDefault : decideFlag(optionsFlag(operation, options));
        return facts(access, args);
      };
    }
    case 'fixed': {
      const access: Access = { effect: operation.effect, access: operation.effect };
      return (args) => facts(access, args);
    }
    default: {
      return () => undefined; // Deno's operations: not in Node.
    }
  }
}

function wrap(owner: Record<string, unknown>, key: string, api: string, spec: FsApiSpec, recorder: Recorder): void {
  const original = owner[key];
  if (typeof original !== 'function' || isWrapped(original)) return;
  // Node's streams open their file later through fs.open: traced at creation instead.
  const streamOpen = key === 'open' && owner === (fs as unknown);
  const isStreamFactory = STREAM_FACTORIES.has(key);
  const decide = decider(spec, api);
  owner[key] = traceWrapper(original, api, recorder, {
    decide: streamOpen
      ? (args) => {
          const facts = decide(args);
          if (facts !== undefined) facts.streamOpen = true;
          return facts;
        }
      : decide,
    ...(isStreamFactory ? { afterTraced: (facts: OpenFacts) => recorder.noteStream(facts.absolute) } : {}),
  });
}

/** Wraps every write-capable function of an fs module object (fs, or Electron's original-fs). */
export function hookFs(module: typeof fs, prefix: string, recorder: Recorder): void {
  const target = module as unknown as Record<string, unknown>;
  const promises = module.promises as unknown as Record<string, unknown>;
  for (const [base, spec] of NODE_FS) {
    if (NOT_WRAPPED.has(base)) continue;
    wrap(target, base, `${prefix}.${base}`, spec, recorder);
    wrap(target, `${base}Sync`, `${prefix}.${base}Sync`, spec, recorder);
    if (!base.endsWith('Stream')) {
      wrap(promises, base, `${prefix}.promises.${base}`, spec, recorder);
    }
  }
}
