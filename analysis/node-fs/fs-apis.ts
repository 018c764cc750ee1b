import type { AbstractValue } from '../evaluator/values.js';

/**
 * Every file API the fs rule knows, by module and member path, with the
 * argument that names the written file and how its access is decided.
 * Coverage list: docs/reference/fs-surface.md §1–3 (and docs/rules/no-system-file-write.md).
 */

export type Operation =
  /** `open(path, flags)`: access decided by the flags argument. */
  | { readonly kind: 'open-flags'; readonly flagsArg: number; readonly defaultFlag: string }
  /** `writeFile(path, data, { flag })`-style: access decided by an options property. */
  | {
      readonly kind: 'options-flag';
      readonly optionsArg: number;
      readonly key: 'flag' | 'flags';
      readonly defaultFlag: string;
      /** appendFile forces 'a' when the flag is falsy. */
      readonly falsyFlag?: string;
    }
  /** Always writes: truncate, overwrite a whole file, replace a destination... */
  | { readonly kind: 'fixed'; readonly effect: FixedEffect }
  /** `Deno.open(path, { write, append, truncate, create })`. */
  | { readonly kind: 'deno-open'; readonly optionsArg: number }
  /** `Deno.writeFile(path, data, { append })`. */
  | { readonly kind: 'deno-write'; readonly optionsArg: number };

export type FixedEffect = 'truncate' | 'overwrite' | 'replace' | 'create-if-missing' | 'attributes';

export interface FsApi {
  /** How messages name it, e.g. `fs.openSync`, `fs.promises.writeFile`, `Bun.write`. */
  readonly name: string;
  /** Argument holding the path that gets write access. */
  readonly pathArg: number;
  readonly operation: Operation;
}

type Spec = Omit<FsApi, 'name'>;

const open: Spec = { pathArg: 0, operation: { kind: 'open-flags', flagsArg: 1, defaultFlag: 'r' } };
const writeFile: Spec = {
  pathArg: 0,
  operation: { kind: 'options-flag', optionsArg: 2, key: 'flag', defaultFlag: 'w' },
};
const appendFile: Spec = {
  pathArg: 0,
  operation: { kind: 'options-flag', optionsArg: 2, key: 'flag', defaultFlag: 'a', falsyFlag: 'a' },
};
const readFile: Spec = {
  pathArg: 0,
  operation: { kind: 'options-flag', optionsArg: 1, key: 'flag', defaultFlag: 'r' },
};
const writeStream: Spec = {
  pathArg: 0,
  operation: { kind: 'options-flag', optionsArg: 1, key: 'flags', defaultFlag: 'w' },
};
const readStream: Spec = {
  pathArg: 0,
  operation: { kind: 'options-flag', optionsArg: 1, key: 'flags', defaultFlag: 'r' },
};
const fixed = (pathArg: number, effect: FixedEffect): Spec => ({ pathArg, operation: { kind: 'fixed', effect } });

/** Node fs functions (the same in graceful-fs, original-fs, fs-extra, mz/fs). */
const NODE_FS: ReadonlyMap<string, Spec> = new Map([
  ['open', open],
  ['writeFile', writeFile],
  ['appendFile', appendFile],
  ['readFile', readFile],
  ['createWriteStream', writeStream],
  ['WriteStream', writeStream],
  ['createReadStream', readStream],
  ['ReadStream', readStream],
  ['truncate', fixed(0, 'truncate')],
  ['copyFile', fixed(1, 'replace')],
  ['cp', fixed(1, 'replace')],
  ['rename', fixed(1, 'replace')],
  ['utimes', fixed(0, 'attributes')],
  ['lutimes', fixed(0, 'attributes')],
  ['chmod', fixed(0, 'attributes')],
  ['lchmod', fixed(0, 'attributes')],
]);

/** fs-extra's own additions (docs/reference/fs-surface.md §3.1). */
const FS_EXTRA: ReadonlyMap<string, Spec> = new Map([
  ['outputFile', fixed(0, 'overwrite')],
  ['outputJson', fixed(0, 'overwrite')],
  ['outputJSON', fixed(0, 'overwrite')],
  ['writeJson', fixed(0, 'overwrite')],
  ['writeJSON', fixed(0, 'overwrite')],
  ['copy', fixed(1, 'replace')],
  ['move', fixed(1, 'replace')],
  ['ensureFile', fixed(0, 'create-if-missing')],
  ['createFile', fixed(0, 'create-if-missing')],
]);

const DENO: ReadonlyMap<string, Spec> = new Map([
  ['writeFile', { pathArg: 0, operation: { kind: 'deno-write', optionsArg: 2 } }],
  ['writeTextFile', { pathArg: 0, operation: { kind: 'deno-write', optionsArg: 2 } }],
  ['create', fixed(0, 'overwrite')],
  ['open', { pathArg: 0, operation: { kind: 'deno-open', optionsArg: 1 } }],
  ['truncate', fixed(0, 'truncate')],
  ['copyFile', fixed(1, 'replace')],
  ['rename', fixed(1, 'replace')],
  ['utime', fixed(0, 'attributes')],
  ['chmod', fixed(0, 'attributes')],
]);

/** Modules with Node fs's API (and fs.constants). */
export const FS_FAMILY: ReadonlySet<string> = new Set(['fs', 'graceful-fs', 'original-fs', 'fs-extra', 'mz/fs']);

/** Every module the file API table looks up (see lookupFsApi); Deno is a global. */
export const FILE_API_MODULES: readonly string[] = [...FS_FAMILY, 'jsonfile', 'write-file-atomic', 'bun'];

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

/**
 * Cheap syntactic filter run on every call: a member call can only be a file
 * API (or `.call` of one) when its property has one of these names.
 */
export function isCandidateMemberName(name: string): boolean {
  return CANDIDATE_NAMES.has(name);
}
