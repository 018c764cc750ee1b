/**
 * The write-API tables shared by the lint rules (analysis/) and the runtime
 * tracer (runtime-check/trace/): one table, used by both, so what the rules
 * flag and what the tracer records cannot drift. Pure data and the formatting
 * of access masks; the lookups over it live with their users.
 * Coverage list: docs/reference/fs-surface.md §1–4 (and docs/rules/).
 */

// ---- Node fs and its wrappers, Deno, Bun ----

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

export type FsApiSpec = Omit<FsApi, 'name'>;

const open: FsApiSpec = { pathArg: 0, operation: { kind: 'open-flags', flagsArg: 1, defaultFlag: 'r' } };
export const WRITE_FILE: FsApiSpec = {
  pathArg: 0,
  operation: { kind: 'options-flag', optionsArg: 2, key: 'flag', defaultFlag: 'w' },
};
const appendFile: FsApiSpec = {
  pathArg: 0,
  operation: { kind: 'options-flag', optionsArg: 2, key: 'flag', defaultFlag: 'a', falsyFlag: 'a' },
};
const readFile: FsApiSpec = {
  pathArg: 0,
  operation: { kind: 'options-flag', optionsArg: 1, key: 'flag', defaultFlag: 'r' },
};
const writeStream: FsApiSpec = {
  pathArg: 0,
  operation: { kind: 'options-flag', optionsArg: 1, key: 'flags', defaultFlag: 'w' },
};
const readStream: FsApiSpec = {
  pathArg: 0,
  operation: { kind: 'options-flag', optionsArg: 1, key: 'flags', defaultFlag: 'r' },
};
export const fixedSpec = (pathArg: number, effect: FixedEffect): FsApiSpec => ({
  pathArg,
  operation: { kind: 'fixed', effect },
});

/** Node fs functions (the same in graceful-fs, original-fs, fs-extra, mz/fs). */
export const NODE_FS: ReadonlyMap<string, FsApiSpec> = new Map([
  ['open', open],
  ['writeFile', WRITE_FILE],
  ['appendFile', appendFile],
  ['readFile', readFile],
  ['createWriteStream', writeStream],
  ['WriteStream', writeStream],
  ['createReadStream', readStream],
  ['ReadStream', readStream],
  ['truncate', fixedSpec(0, 'truncate')],
  ['copyFile', fixedSpec(1, 'replace')],
  ['cp', fixedSpec(1, 'replace')],
  ['rename', fixedSpec(1, 'replace')],
  ['utimes', fixedSpec(0, 'attributes')],
  ['lutimes', fixedSpec(0, 'attributes')],
  ['chmod', fixedSpec(0, 'attributes')],
  ['lchmod', fixedSpec(0, 'attributes')],
]);

/** fs-extra's own additions (docs/reference/fs-surface.md §3.1). */
export const FS_EXTRA: ReadonlyMap<string, FsApiSpec> = new Map([
  ['outputFile', fixedSpec(0, 'overwrite')],
  ['outputJson', fixedSpec(0, 'overwrite')],
  ['outputJSON', fixedSpec(0, 'overwrite')],
  ['writeJson', fixedSpec(0, 'overwrite')],
  ['writeJSON', fixedSpec(0, 'overwrite')],
  ['copy', fixedSpec(1, 'replace')],
  ['move', fixedSpec(1, 'replace')],
  ['ensureFile', fixedSpec(0, 'create-if-missing')],
  ['createFile', fixedSpec(0, 'create-if-missing')],
]);

export const DENO: ReadonlyMap<string, FsApiSpec> = new Map([
  ['writeFile', { pathArg: 0, operation: { kind: 'deno-write', optionsArg: 2 } }],
  ['writeTextFile', { pathArg: 0, operation: { kind: 'deno-write', optionsArg: 2 } }],
  ['create', fixedSpec(0, 'overwrite')],
  ['open', { pathArg: 0, operation: { kind: 'deno-open', optionsArg: 1 } }],
  ['truncate', fixedSpec(0, 'truncate')],
  ['copyFile', fixedSpec(1, 'replace')],
  ['rename', fixedSpec(1, 'replace')],
  ['utime', fixedSpec(0, 'attributes')],
  ['chmod', fixedSpec(0, 'attributes')],
]);

/** Modules with Node fs's API (and fs.constants). */
export const FS_FAMILY: ReadonlySet<string> = new Set(['fs', 'graceful-fs', 'original-fs', 'fs-extra', 'mz/fs']);

/** Every module the file API table looks up (see lookupFsApi); Deno is a global. */
export const FILE_API_MODULES: readonly string[] = [...FS_FAMILY, 'jsonfile', 'write-file-atomic', 'bun'];

// ---- fs open flags ----

/** What an open does to an existing file. */
export type WriteMode =
  /** 'r+', O_RDWR: write access, keeps the content. */
  | 'read-write'
  /** 'w', 'w+', O_TRUNC: truncates (replaces) the content. */
  | 'truncate'
  /** 'a', 'a+', O_APPEND: append-only access. */
  | 'append';

export const STRING_FLAGS: ReadonlyMap<string, WriteMode | 'read'> = new Map<string, WriteMode | 'read'>([
  ['r', 'read'],
  ['rs', 'read'],
  ['sr', 'read'],
  ['r+', 'read-write'],
  ['rs+', 'read-write'],
  ['sr+', 'read-write'],
  ['w', 'truncate'],
  ['wx', 'truncate'],
  ['xw', 'truncate'],
  ['w+', 'truncate'],
  ['wx+', 'truncate'],
  ['xw+', 'truncate'],
  ['a', 'append'],
  ['ax', 'append'],
  ['xa', 'append'],
  ['as', 'append'],
  ['sa', 'append'],
  ['a+', 'append'],
  ['ax+', 'append'],
  ['xa+', 'append'],
  ['as+', 'append'],
  ['sa+', 'append'],
]);

// ---- Win32 and the CRT ----

/** Which DLLs export a function (kernel32's file API also lives in kernelbase). */
export type DllFamily = 'kernel32' | 'ntdll' | 'crt';

export type Win32Access =
  /** CreateFile*: an access mask and a disposition. */
  | {
      readonly kind: 'create-file';
      readonly accessArg: number;
      readonly dispositionArg: number | undefined;
      readonly dispositions: 'win32' | 'nt';
    }
  /** OpenFile(path, OFSTRUCT*, uStyle). */
  | { readonly kind: 'open-file-style'; readonly styleArg: number }
  /** The destination of a copy, move or replace. */
  | { readonly kind: 'destination'; readonly guard?: DestinationGuard }
  /** fopen-family mode strings ('r+', 'w', 'a'...). */
  | { readonly kind: 'crt-mode'; readonly modeArg: number }
  /** _open-family oflag. */
  | { readonly kind: 'crt-oflag'; readonly oflagArg: number }
  /** _creat/_wcreat: always creates or truncates. */
  | { readonly kind: 'crt-create' };

/**
 * A flag argument that decides whether an existing destination is replaced:
 * CopyFileW's bFailIfExists (bit set: never replaces), MoveFileExW's
 * MOVEFILE_REPLACE_EXISTING (bit clear: never replaces).
 */
export interface DestinationGuard {
  readonly arg: number;
  readonly bit: number;
  readonly replacesWhen: 'set' | 'clear';
}

export interface Win32Api {
  readonly name: string;
  readonly family: DllFamily;
  /** Argument holding the path, or the OBJECT_ATTRIBUTES pointer for NT calls. */
  readonly pathArg: number;
  readonly pathIn: 'argument' | 'object-attributes';
  readonly access: Win32Access;
  /** The opened handle is the return value (CreateFileW) rather than an out parameter (NtCreateFile). */
  readonly returnsHandle: boolean;
}

const createFile = (name: string, dispositionArg: number): Win32Api => ({
  name,
  family: 'kernel32',
  pathArg: 0,
  pathIn: 'argument',
  access: { kind: 'create-file', accessArg: 1, dispositionArg, dispositions: 'win32' },
  returnsHandle: true,
});
const ntOpen = (name: string, dispositionArg: number | undefined): Win32Api => ({
  name,
  family: 'ntdll',
  pathArg: 2,
  pathIn: 'object-attributes',
  access: { kind: 'create-file', accessArg: 1, dispositionArg, dispositions: 'nt' },
  returnsHandle: false,
});
const destination = (name: string, pathArg: number, guard?: DestinationGuard): Win32Api => ({
  name,
  family: 'kernel32',
  pathArg,
  pathIn: 'argument',
  access: guard === undefined ? { kind: 'destination' } : { kind: 'destination', guard },
  returnsHandle: false,
});
const crt = (name: string, pathArg: number, access: Win32Access): Win32Api => ({
  name,
  family: 'crt',
  pathArg,
  pathIn: 'argument',
  access,
  returnsHandle: access.kind === 'crt-mode' || (access.kind === 'crt-oflag' && pathArg === 0),
});

const FAIL_IF_EXISTS: DestinationGuard = { arg: 2, bit: 1, replacesWhen: 'clear' };
const COPY_FILE_FAIL_IF_EXISTS: DestinationGuard = { arg: 5, bit: 0x1, replacesWhen: 'clear' };
const MOVEFILE_REPLACE_EXISTING = (arg: number): DestinationGuard => ({ arg, bit: 0x1, replacesWhen: 'set' });

export const WIN32_APIS: readonly Win32Api[] = [
  createFile('CreateFileW', 4),
  createFile('CreateFileA', 4),
  createFile('CreateFile2', 3),
  createFile('CreateFileTransactedW', 4),
  createFile('CreateFileTransactedA', 4),
  {
    name: 'OpenFile',
    family: 'kernel32',
    pathArg: 0,
    pathIn: 'argument',
    access: { kind: 'open-file-style', styleArg: 2 },
    returnsHandle: true,
  },
  ntOpen('NtCreateFile', 7),
  ntOpen('ZwCreateFile', 7),
  ntOpen('NtOpenFile', undefined),
  ntOpen('ZwOpenFile', undefined),
  destination('CopyFileW', 1, FAIL_IF_EXISTS),
  destination('CopyFileA', 1, FAIL_IF_EXISTS),
  destination('CopyFileExW', 1, COPY_FILE_FAIL_IF_EXISTS),
  destination('CopyFileExA', 1, COPY_FILE_FAIL_IF_EXISTS),
  destination('CopyFileTransactedW', 1, COPY_FILE_FAIL_IF_EXISTS),
  destination('CopyFile2', 1),
  destination('MoveFileExW', 1, MOVEFILE_REPLACE_EXISTING(2)),
  destination('MoveFileExA', 1, MOVEFILE_REPLACE_EXISTING(2)),
  destination('MoveFileWithProgressW', 1, MOVEFILE_REPLACE_EXISTING(4)),
  destination('MoveFileWithProgressA', 1, MOVEFILE_REPLACE_EXISTING(4)),
  destination('MoveFileTransactedW', 1, MOVEFILE_REPLACE_EXISTING(4)),
  destination('ReplaceFileW', 0),
  destination('ReplaceFileA', 0),
  crt('fopen', 0, { kind: 'crt-mode', modeArg: 1 }),
  crt('_wfopen', 0, { kind: 'crt-mode', modeArg: 1 }),
  crt('_fsopen', 0, { kind: 'crt-mode', modeArg: 1 }),
  crt('_wfsopen', 0, { kind: 'crt-mode', modeArg: 1 }),
  crt('freopen', 0, { kind: 'crt-mode', modeArg: 1 }),
  crt('_wfreopen', 0, { kind: 'crt-mode', modeArg: 1 }),
  // errno_t fopen_s(FILE **out, path, mode): the stream is an out parameter.
  { ...crt('fopen_s', 1, { kind: 'crt-mode', modeArg: 2 }), returnsHandle: false },
  { ...crt('_wfopen_s', 1, { kind: 'crt-mode', modeArg: 2 }), returnsHandle: false },
  crt('_open', 0, { kind: 'crt-oflag', oflagArg: 1 }),
  crt('_wopen', 0, { kind: 'crt-oflag', oflagArg: 1 }),
  crt('_sopen', 0, { kind: 'crt-oflag', oflagArg: 1 }),
  crt('_wsopen', 0, { kind: 'crt-oflag', oflagArg: 1 }),
  crt('_sopen_s', 1, { kind: 'crt-oflag', oflagArg: 2 }),
  crt('_wsopen_s', 1, { kind: 'crt-oflag', oflagArg: 2 }),
  crt('_creat', 0, { kind: 'crt-create' }),
  crt('_wcreat', 0, { kind: 'crt-create' }),
];

// ---- Access masks and dispositions ----

/** One possible value of a flag argument. */
export interface FlagValue {
  /** Unsigned 32-bit bits; when not exact, bits known to be set (others may be too). */
  readonly bits: number;
  readonly exact: boolean;
}

export type NameTable = ReadonlyMap<string, number>;

export const GENERIC_READ = 0x8000_0000;
export const GENERIC_WRITE = 0x4000_0000;
export const GENERIC_EXECUTE = 0x2000_0000;
export const GENERIC_ALL = 0x1000_0000;
export const MAXIMUM_ALLOWED = 0x0200_0000;
export const FILE_WRITE_DATA = 0x2;
export const FILE_APPEND_DATA = 0x4;

/** Access rights that let the handle change a file's data (or may: MAXIMUM_ALLOWED). */
export const DATA_WRITE_BITS =
  (GENERIC_WRITE | GENERIC_ALL | MAXIMUM_ALLOWED | FILE_WRITE_DATA | FILE_APPEND_DATA) >>> 0;
/** FILE_WRITE_EA, FILE_WRITE_ATTRIBUTES, DELETE, WRITE_DAC, WRITE_OWNER: metadata only. */
export const METADATA_WRITE_BITS = 0x10 | 0x100 | 0x1_0000 | 0x4_0000 | 0x8_0000;

/** Access-mask names, in the order a mask is spelled out (composites first). */
export const ACCESS_NAME_LIST: readonly (readonly [string, number])[] = [
  ['GENERIC_READ', GENERIC_READ],
  ['GENERIC_WRITE', GENERIC_WRITE],
  ['GENERIC_EXECUTE', GENERIC_EXECUTE],
  ['GENERIC_ALL', GENERIC_ALL],
  ['MAXIMUM_ALLOWED', MAXIMUM_ALLOWED],
  ['ACCESS_SYSTEM_SECURITY', 0x0100_0000],
  ['FILE_ALL_ACCESS', 0x001f_01ff],
  ['FILE_GENERIC_READ', 0x0012_0089],
  ['FILE_GENERIC_WRITE', 0x0012_0116],
  ['FILE_GENERIC_EXECUTE', 0x0012_00a0],
  ['STANDARD_RIGHTS_ALL', 0x001f_0000],
  ['STANDARD_RIGHTS_REQUIRED', 0x000f_0000],
  ['SYNCHRONIZE', 0x0010_0000],
  ['WRITE_OWNER', 0x0008_0000],
  ['WRITE_DAC', 0x0004_0000],
  ['READ_CONTROL', 0x0002_0000],
  ['DELETE', 0x0001_0000],
  ['FILE_WRITE_ATTRIBUTES', 0x100],
  ['FILE_READ_ATTRIBUTES', 0x80],
  ['FILE_DELETE_CHILD', 0x40],
  ['FILE_EXECUTE', 0x20],
  ['FILE_WRITE_EA', 0x10],
  ['FILE_READ_EA', 0x8],
  ['FILE_APPEND_DATA', FILE_APPEND_DATA],
  ['FILE_WRITE_DATA', FILE_WRITE_DATA],
  ['FILE_READ_DATA', 0x1],
];

export const WIN32_DISPOSITIONS: NameTable = new Map([
  ['CREATE_NEW', 1],
  ['CREATE_ALWAYS', 2],
  ['OPEN_EXISTING', 3],
  ['OPEN_ALWAYS', 4],
  ['TRUNCATE_EXISTING', 5],
]);
/** Dispositions that empty an existing file. */
export const WIN32_TRUNCATING = new Set([2, 5]);

export const NT_DISPOSITIONS: NameTable = new Map([
  ['FILE_SUPERSEDE', 0],
  ['FILE_OPEN', 1],
  ['FILE_CREATE', 2],
  ['FILE_OPEN_IF', 3],
  ['FILE_OVERWRITE', 4],
  ['FILE_OVERWRITE_IF', 5],
]);
export const NT_TRUNCATING = new Set([0, 4, 5]);

export function hex(bits: number): string {
  return `0x${(bits >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** `GENERIC_READ | GENERIC_WRITE (0xC0000000)`; `GENERIC_WRITE | … (at least 0x40000000)` when other bits are unknown. */
export function describeAccess(value: FlagValue): string {
  return describeBits(value, ACCESS_NAME_LIST);
}

export function describeBits(value: FlagValue, list: readonly (readonly [string, number])[]): string {
  const { bits, exact } = value;
  const names: string[] = [];
  let covered = 0;
  for (const [name, flag] of list) {
    // A name counts when all its bits are set and it adds at least one new bit.
    if ((bits & flag) >>> 0 === flag && (flag & ~covered) !== 0) {
      names.push(name);
      covered = (covered | flag) >>> 0;
    }
  }
  const rest = (bits & ~covered) >>> 0;
  if (rest !== 0) names.push(hex(rest));
  if (!exact) {
    return `${names.length === 0 ? '…' : `${names.join(' | ')} | …`} (at least ${hex(bits)})`;
  }
  return `${names.length === 0 ? '0' : names.join(' | ')} (${hex(bits)})`;
}

/** The name a table gives an exact value (dispositions): `CREATE_ALWAYS`. */
export function describeEnum(bits: number, table: NameTable): string {
  for (const [name, value] of table) {
    if (value === bits) return name;
  }
  return String(bits);
}

/** What an access mask lets the handle write. */
export function accessWrites(value: FlagValue): 'data' | 'metadata' | undefined {
  if ((value.bits & DATA_WRITE_BITS) !== 0) return 'data';
  if ((value.bits & METADATA_WRITE_BITS) !== 0) return 'metadata';
  return undefined;
}
