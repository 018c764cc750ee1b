import type { AbstractValue } from '../evaluator/values.js';
import {
  DENO,
  FS_EXTRA,
  FS_FAMILY,
  NODE_FS,
  WRITE_FILE as writeFile,
  fixedSpec as fixed,
  type FsApi,
} from '../../formats/write-apis.js';

/**
 * Looks up the file API a callee denotes in the table the rules share with the
 * runtime tracer (formats/write-apis.ts: which argument names the written file
 * and how its access is decided).
 */

export type { FixedEffect, FsApi, Operation } from '../../formats/write-apis.js';
export { FILE_API_MODULES, FS_FAMILY } from '../../formats/write-apis.js';

/** `writeFileSync` → `writeFile`. */
export function withoutSync(name: string): string {
  return name.endsWith('Sync') ? name.slice(0, -'Sync'.length) : name;
}

/** The file API a callee value denotes, if any. */
export function lookupFsApi(callee: AbstractValue): FsApi | undefined {
  if (callee.kind === 'member' && callee.object.kind === 'call') {
    return lookupBunFileMethod(callee.object.callee, callee.name);
  }
  if (callee.kind !== 'module') {
    return undefined;
  }
  const { module, path } = callee;
  if (FS_FAMILY.has(module)) {
    const promises = path.length === 2 && path[0] === 'promises';
    if (path.length !== 1 && !promises) {
      return undefined;
    }
    const member = path.at(-1) ?? '';
    const base = promises ? member : withoutSync(member);
    const spec = NODE_FS.get(base) ?? (module === 'fs-extra' && !promises ? FS_EXTRA.get(base) : undefined);
    if (spec === undefined || (promises && /Stream$/u.test(member))) {
      return undefined;
    }
    return { name: `${module === 'fs' ? 'fs' : module}.${path.join('.')}`, ...spec };
  }
  if (module === 'jsonfile' && path.length === 1 && withoutSync(path[0] ?? '') === 'writeFile') {
    return { name: `jsonfile.${path[0]}`, ...writeFile };
  }
  if (module === 'write-file-atomic' && (path.length === 0 || (path.length === 1 && path[0] === 'sync'))) {
    return { name: path.length === 0 ? 'writeFileAtomic' : 'writeFileAtomic.sync', ...fixed(0, 'overwrite') };
  }
  if (module === 'bun' && path.length === 1 && path[0] === 'write') {
    return { name: 'Bun.write', ...fixed(0, 'overwrite') };
  }
  if (module === 'deno' && path.length === 1) {
    const spec = DENO.get(withoutSync(path[0] ?? ''));
    return spec === undefined ? undefined : { name: `Deno.${path[0]}`, ...spec };
  }
  return undefined;
}

/** `Bun.file(path).write(data)` / `.writer()`: the path is the argument of `Bun.file`. */
function lookupBunFileMethod(inner: AbstractValue, method: string): FsApi | undefined {
  if (inner.kind !== 'module' || inner.module !== 'bun' || inner.path.length !== 1 || inner.path[0] !== 'file') {
    return undefined;
  }
  if (method !== 'write' && method !== 'writer') {
    return undefined;
  }
  // pathArg -1: the path lives in the inner Bun.file() call (see the rule).
  return { name: `Bun.file().${method}`, pathArg: -1, operation: { kind: 'fixed', effect: 'overwrite' } };
}

const CANDIDATE_NAMES: ReadonlySet<string> = new Set(
  [...NODE_FS.keys(), ...FS_EXTRA.keys(), ...DENO.keys(), 'sync', 'write', 'writer', 'call', 'writeFileSync'].flatMap(
    (name) => [name, `${name}Sync`, `${name}Async`],
  ),
);

/** The readers that write only when given a flag (`readFile(p, { flag: 'w' })`), by the option naming it. */
const FLAG_OPTION_OF_READER: ReadonlyMap<string, string> = new Map([
  ['readFile', 'flag'],
  ['readJson', 'flag'],
  ['readJSON', 'flag'],
  ['createReadStream', 'flags'],
  ['ReadStream', 'flags'],
]);
// Read-only unless given write flags: a module using them writes only with a `flag` option (file-gate.ts).
const READ_UNLESS_FLAGGED = new Set([...FLAG_OPTION_OF_READER.keys(), 'read']);

/** An API name without its `Sync` or `Async` suffix: `readFileSync` → `readFile`. */
export function baseApiName(name: string): string {
  return name.replace(/(?:Sync|Async)$/u, '');
}

/** The option that asks a reader for write access (`flag` of readFile, `flags` of createReadStream); undefined for any other name. */
export function readerFlagOption(name: string): string | undefined {
  return FLAG_OPTION_OF_READER.get(baseApiName(name));
}

/** The candidate names that write whatever their arguments (all but the readers), for text pre-filters. */
export function writeCapableNames(): string[] {
  return [...CANDIDATE_NAMES].filter((name) => !READ_UNLESS_FLAGGED.has(baseApiName(name)));
}

/**
 * Cheap syntactic filter run on every call: a member call can only be a file
 * API (or `.call` of one) when its property has one of these names.
 */
export function isCandidateMemberName(name: string): boolean {
  return CANDIDATE_NAMES.has(name);
}
