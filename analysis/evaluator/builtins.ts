import type { TSESTree } from '@typescript-eslint/utils';
import { FS_FAMILY } from '../node-fs/fs-apis.js';
import { isFunctionNode, staticPropertyKey } from '../ast.js';
import { isAbsoluteEnvRoot } from '../paths/windows-env.js';
import {
  type AbstractValue,
  type Part,
  type Values,
  MAX_ALTERNATIVES,
  MAX_PARTS,
  UNKNOWN,
  UNKNOWN_STRING,
  collectSpreads,
  KeyOverrides,
  concat,
  known,
  normaliseParts,
  singleText,
  staticText,
  isWhollyUnknown,
  stringsOf,
  stringOf,
  text,
  union,
} from './values.js';

/**
 * Models of the built-in modules whose results the evaluator can compute:
 * `path`, `url`, `Buffer`, `process.env`, `fs.constants`, `require` and the
 * promisify helpers. Everything else becomes an opaque `call` value.
 */

type ModuleValue = Extract<AbstractValue, { kind: 'module' }>;

/** `node:fs/promises` → module `fs`, path `['promises']`. */
export function moduleFromSpecifier(specifier: string): ModuleValue {
  const name = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  const slash = name.indexOf('/');
  if (slash !== -1 && !name.startsWith('@') && (name.startsWith('fs/') || name.startsWith('path/'))) {
    return { kind: 'module', module: name.slice(0, slash), path: name.slice(slash + 1).split('/') };
  }
  return { kind: 'module', module: name, path: [] };
}

/** fs.constants on Windows (libuv's UV_FS_O_* are the CRT's _O_* values); absent flags are 0 there. */
const WINDOWS_FS_CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['O_RDONLY', 0],
  ['O_WRONLY', 1],
  ['O_RDWR', 2],
  ['O_APPEND', 0x8],
  ['O_CREAT', 0x100],
  ['O_TRUNC', 0x200],
  ['O_EXCL', 0x400],
  ['UV_FS_O_FILEMAP', 0x2000_0000],
  ['COPYFILE_EXCL', 1],
  ['COPYFILE_FICLONE', 2],
  ['COPYFILE_FICLONE_FORCE', 4],
]);

const GLOBAL_OBJECT: AbstractValue = { kind: 'module', module: 'globalThis', path: [] };

/** Global names that stand for a module when no local binding shadows them. */
const GLOBAL_MODULES: ReadonlyMap<string, AbstractValue> = new Map<string, AbstractValue>([
  ['process', { kind: 'module', module: 'process', path: [] }],
  ['Bun', { kind: 'module', module: 'bun', path: [] }],
  ['Deno', { kind: 'module', module: 'deno', path: [] }],
  ['Buffer', { kind: 'module', module: 'buffer', path: ['Buffer'] }],
  ['URL', { kind: 'module', module: 'url', path: ['URL'] }],
  ['String', { kind: 'module', module: 'global', path: ['String'] }],
  ['Object', { kind: 'module', module: 'global', path: ['Object'] }],
  ['Promise', { kind: 'module', module: 'global', path: ['Promise'] }],
  ['Array', { kind: 'module', module: 'global', path: ['Array'] }],
  ['JSON', { kind: 'module', module: 'global', path: ['JSON'] }],
  ['Map', { kind: 'module', module: 'global', path: ['Map'] }],
  ['TextEncoder', { kind: 'module', module: 'global', path: ['TextEncoder'] }],
  ['Set', { kind: 'module', module: 'global', path: ['Set'] }],
  ['Reflect', { kind: 'module', module: 'global', path: ['Reflect'] }],
  ['require', { kind: 'module', module: '<require>', path: [] }],
  // The global object itself: `globalThis.Bun`, `(globalThis as any).Deno` are the globals.
  ['globalThis', GLOBAL_OBJECT],
  ['global', GLOBAL_OBJECT],
  ['window', GLOBAL_OBJECT],
  ['self', GLOBAL_OBJECT],
]);

/** What a global name stands for when no local binding shadows it (undefined: nothing modelled). */
export function globalValue(name: string): AbstractValue | undefined {
  return GLOBAL_MODULES.get(name);
}

/** Member `key` of a module value, with the built-in members that have a known value. */
export function memberOfModule(base: ModuleValue, key: string): AbstractValue {
  const name = base.promisifiedAll === true && key.endsWith('Async') ? key.slice(0, -'Async'.length) : key;
  if (base.module === 'globalThis' && base.path.length === 0) {
    return globalValue(name) ?? { kind: 'module', module: 'global', path: [name] };
  }
  const path = [...base.path, name];
  if (base.module === 'process' && path.length === 1 && name === 'env') {
    return { kind: 'env-object' };
  }
  // The rules judge what a program does on Windows: there, this is what Node reports.
  if (base.module === 'process' && path.length === 1 && name === 'platform') {
    return text('win32');
  }
  if (FS_FAMILY.has(base.module) && path.at(-2) === 'constants') {
    return { kind: 'number', value: WINDOWS_FS_CONSTANTS.get(name) ?? 0 };
  }
  if (base.module === 'path' && name === 'sep') {
    return text('\\');
  }
  return {
    kind: 'module',
    module: base.module,
    path,
    ...(base.promisifiedAll === true && base.path.length === 0 ? { promisifiedAll: true } : {}),
  };
}

const PATH_FUNCTIONS = new Set(['join', 'resolve', 'normalize', 'toNamespacedPath', 'dirname']);

/**
 * The result of calling a module function the evaluator models, or undefined
 * when it has no model (the caller then keeps an opaque `call` value).
 */
export function callBuiltin(
  callee: ModuleValue,
  args: readonly TSESTree.CallExpressionArgument[],
  isNew: boolean,
  evaluate: (node: TSESTree.Node) => Values,
): Values | undefined {
  const { module, path } = callee;
  const fn = path.at(-1);
  const argument = (index: number): Values => {
    const node = args[index];
    return node === undefined || node.type === 'SpreadElement' ? UNKNOWN : evaluate(node);
  };
  if (
    module === 'path' &&
    fn !== undefined &&
    PATH_FUNCTIONS.has(fn) &&
    (path.length === 1 || (path.length === 2 && (path[0] === 'win32' || path[0] === 'posix')))
  ) {
    // `path.join(...segments)` of an array literal: its elements, in order.
    const values = spreadArguments(args, evaluate);
    if (values === undefined) return UNKNOWN;
    if (fn === 'join') return joinPaths(values, false);
    if (fn === 'resolve') return joinPaths(values, true);
    if (fn === 'dirname') return dirnameOf(argument(0));
    return argument(0);
  }
  if (module === 'path' && (path.length === 1 || (path.length === 2 && path[0] === 'win32'))) {
    if (fn === 'parse') return parsedPath(argument(0), isAbsoluteSource(args[0]));
    if (fn === 'format') return formattedPath(argument(0));
  }
  if (module === 'url' && path.length === 1) {
    if (fn === 'fileURLToPath') return fileUrlToPath(argument(0));
    if (fn === 'pathToFileURL') return argument(0);
    if (fn === 'URL' && isNew) return newUrl(argument(0), args.length > 1 ? argument(1) : undefined);
  }
  if (module === 'buffer' && path.length === 2 && path[0] === 'Buffer' && fn === 'from') {
    return stripTrailingNul(argument(0));
  }
  // `new TextEncoder().encode(s + '\0')` (Deno FFI's C strings), `ptr(buffer)` (bun:ffi): the string.
  // The encoder stands for itself: only its `encode` is modelled.
  if (module === 'global' && path.length === 1 && isNew && fn === 'TextEncoder') return known(callee);
  if (module === 'global' && path.length === 2 && path[0] === 'TextEncoder' && fn === 'encode') {
    return stripTrailingNul(argument(0));
  }
  if (module === 'bun:ffi' && path.length === 1 && fn === 'ptr') return argument(0);
  // Deno's `UnsafePointer.of(buffer)`: a pointer to the string's encoding.
  if (module === 'deno' && path.length === 2 && path[0] === 'UnsafePointer' && fn === 'of') return argument(0);
  if (module === 'global' && path.length === 1 && fn === 'String') {
    return argument(0);
  }
  // A lookup table: `new Map([['win32', HOSTS], …])`; a Set iterates as the array it was made from.
  if (module === 'global' && path.length === 1 && isNew && fn === 'Map') return mapOf(argument(0));
  if (module === 'global' && path.length === 1 && isNew && fn === 'Set')
    return args.length === 0 ? UNKNOWN : argument(0);
  if (module === 'global' && path.length === 2) {
    const owner = path[0];
    // A drive letter computed at run time, `String.fromCharCode(67 + i)`: some text.
    if (owner === 'String' && (fn === 'fromCharCode' || fn === 'fromCodePoint')) return known(UNKNOWN_STRING);
    if (owner === 'Promise' && fn === 'resolve') return argument(0);
    if (owner === 'Array' && fn === 'from') return argument(0);
    if (owner === 'Object' && (fn === 'freeze' || fn === 'seal')) return argument(0);
    if (owner === 'Object' && fn === 'assign') return assignObjects(args.map((_, index) => argument(index)));
    if (owner === 'Object' && (fn === 'values' || fn === 'entries' || fn === 'keys')) {
      return objectListing(argument(0), fn);
    }
  }
  const listing = directoryListing(module, path, args);
  if (listing !== undefined) return listing;
  const merge = mergeOrder(module, path);
  if (merge !== undefined && args.length > 0 && !args.some((arg) => arg.type === 'SpreadElement')) {
    const objects = args.map((_, index) => argument(index)).filter((values) => !isBooleanFlag(values));
    return assignObjects(merge === 'defaults' ? objects.reverse() : objects);
  }
  if (
    (module === 'process' && fn === 'getBuiltinModule' && path.length === 1) ||
    (module === '<require>' && path.length === 0)
  ) {
    return modulesNamedBy(argument(0));
  }
  if (module === 'module' && fn === 'createRequire' && path.length === 1) {
    return known({ kind: 'module', module: '<require>', path: [] });
  }
  if ((module === 'util' && fn === 'promisify' && path.length === 1) || (module === 'pify' && path.length === 0)) {
    return argument(0);
  }
  if (module === 'bluebird' && fn === 'promisifyAll') {
    const target = argument(0);
    return {
      items: target.items.map((item) => (item.kind === 'module' ? { ...item, promisifiedAll: true } : item)),
      complete: target.complete,
    };
  }
  if (module === 'os' && path.length === 1 && (fn === 'homedir' || fn === 'tmpdir')) {
    return known(UNKNOWN_STRING);
  }
  // On Windows (see `process.platform` in memberOfModule).
  if (module === 'os' && path.length === 1 && fn === 'platform') return known(text('win32'));
  if (module === 'os' && path.length === 1 && fn === 'type') return known(text('Windows_NT'));
  if (module === 'util' && fn === 'format' && path.length === 1 && args.length > 0) {
    if (args.some((arg) => arg.type === 'SpreadElement')) return UNKNOWN;
    return formatted(
      argument(0),
      args.slice(1).map((_, index) => argument(index + 1)),
    );
  }
  return undefined;
}

/**
 * `util.format('%s\\System32\\drivers\\etc\\hosts', root)`: each `%s` (and the other
 * specifiers) takes the next argument's values, `%%` is a `%`, arguments left over follow after a
 * space, as Node does. A format string that is not fully known: unknown.
 */
function formatted(format: Values, args: readonly Values[]): Values {
  const results: Values[] = [];
  for (const item of format.items) {
    const pattern = staticText(item);
    if (pattern === undefined) return UNKNOWN;
    // Text and specifiers alternate; a format with more specifiers than a path has parts is no path.
    const pieces = pattern.split(/(%[sdifjoOc%])/u);
    if (pieces.length > 2 * MAX_PARTS + 1) return UNKNOWN;
    let result = known(text(''));
    let next = 0;
    for (const [index, piece] of pieces.entries()) {
      if (index % 2 === 0) result = concat(result, known(text(piece)));
      else if (piece === '%%') result = concat(result, known(text('%')));
      else result = concat(result, next < args.length ? (args[next++] ?? UNKNOWN) : known(text(piece)));
    }
    for (; next < args.length; next++) result = concat(concat(result, known(text(' '))), args[next] ?? UNKNOWN);
    results.push(result);
  }
  const merged = union(...results);
  return { items: merged.items, complete: format.complete && merged.complete };
}

/** Spread-free argument values, with an array literal's spread as its elements; undefined when one cannot be listed. */
function spreadArguments(
  args: readonly TSESTree.CallExpressionArgument[],
  evaluate: (node: TSESTree.Node) => Values,
): Values[] | undefined {
  const values: Values[] = [];
  for (const arg of args) {
    if (arg.type !== 'SpreadElement') {
      values.push(evaluate(arg));
      continue;
    }
    const spread = evaluate(arg.argument);
    const [array] = spread.items;
    if (!spread.complete || spread.items.length !== 1 || array?.kind !== 'array') return undefined;
    if (values.length + array.elements.length > MAX_PARTS) return undefined;
    // A rest parameter (open): its elements up to the first argument the call did not give; one
    // that may hold more than are tracked cannot be listed.
    let ended = !array.open;
    for (const element of array.elements) {
      const value = element();
      if (array.open && value.complete && value.items.every((item) => item.kind === 'nullish')) {
        ended = true;
        break;
      }
      values.push(value);
    }
    if (!ended) return undefined;
  }
  return values;
}

function modulesNamedBy(names: Values): Values {
  const items: AbstractValue[] = [];
  for (const item of names.items) {
    const name = staticText(item);
    if (name !== undefined) {
      items.push(moduleFromSpecifier(name));
    }
  }
  return { items, complete: names.complete && items.length === names.items.length };
}

/** True when a string's parts start an absolute Windows path (for `path.resolve`). */
function isAbsoluteParts(parts: readonly Part[]): boolean {
  const [first] = parts;
  if (first === undefined) return false;
  if (first.kind === 'env') return isAbsoluteEnvRoot(first.name);
  return first.kind === 'text' && /^(?:[a-z]:)?[\\/]/iu.test(first.text);
}

/** `path.join` / `path.resolve` over every combination of alternatives (bounded). */
function joinPaths(values: readonly Values[], resolve: boolean): Values {
  if (values.length === 0) {
    return UNKNOWN;
  }
  let combos: AbstractValue[][] = [[]];
  let complete = true;
  for (const value of values) {
    let strings = value.items.filter((item) => item.kind === 'string');
    if (strings.length === 0) {
      // An unknown segment (a file name from elsewhere) still leaves the folder
      // known; `*` stands for every value, so completeness is kept.
      strings = [{ kind: 'string', parts: [{ kind: 'unknown' }] }];
    } else {
      complete &&= value.complete && strings.length === value.items.length;
    }
    const next: AbstractValue[][] = [];
    for (const combo of combos) {
      for (const item of strings) {
        if (next.length >= MAX_ALTERNATIVES) {
          complete = false;
          break;
        }
        next.push([...combo, item]);
      }
    }
    combos = next;
  }
  const items: AbstractValue[] = [];
  for (const combo of combos) {
    let segments = combo.map((item) => (item.kind === 'string' ? item.parts : []));
    if (resolve) {
      const lastAbsolute = segments.findLastIndex((parts) => isAbsoluteParts(parts));
      // No absolute argument: the result is relative to an unknown working directory.
      segments = lastAbsolute === -1 ? [[{ kind: 'unknown' }], ...segments] : segments.slice(lastAbsolute);
    }
    const parts: Part[] = [];
    for (const [index, segment] of segments.entries()) {
      if (index > 0 && segment.length > 0) parts.push({ kind: 'text', text: '\\' });
      parts.push(...segment);
    }
    items.push({ kind: 'string', parts: normaliseParts(parts) });
  }
  return { items, complete };
}

function dirnameOf(value: Values): Values {
  const items: AbstractValue[] = [];
  for (const item of value.items) {
    if (item.kind !== 'string') continue;
    const last = item.parts.at(-1);
    if (last?.kind === 'text') {
      const cut = Math.max(last.text.lastIndexOf('\\'), last.text.lastIndexOf('/'));
      if (cut > 0) {
        items.push({
          kind: 'string',
          parts: normaliseParts([...item.parts.slice(0, -1), { kind: 'text', text: last.text.slice(0, cut) }]),
        });
        continue;
      }
    }
    items.push({ kind: 'string', parts: normaliseParts([...item.parts, { kind: 'text', text: '\\..' }]) });
  }
  return { items, complete: value.complete };
}

/**
 * `path.parse(p)`: `{ root, dir, base, name, ext }` of each alternative. The root is what the start
 * shows: a drive (`C:\`), the system drive for a variable naming a system folder
 * (`%SystemRoot%` → `%SystemDrive%\`), a drive computed at run time (`${letter}:\…` → `*:\`),
 * `\` for a rooted path, '' for a relative one; anything else is unknown text.
 */
function parsedPath(value: Values, absolute: boolean): Values {
  const of = (pick: (parts: readonly Part[]) => Values): (() => Values) => {
    return () =>
      union(...value.items.map((item) => (item.kind === 'string' ? pick(item.parts) : known(UNKNOWN_STRING))));
  };
  // The root of a path known only to be absolute: a drive computed at run time.
  const root = (parts: readonly Part[]): Values => {
    const found = rootOf(parts);
    return absolute && found.items.some(isWhollyUnknown) ? known(COMPUTED_DRIVE_ROOT) : found;
  };
  const base = (parts: readonly Part[]): string | undefined => {
    const last = parts.at(-1);
    if (last?.kind !== 'text') return undefined;
    const cut = Math.max(last.text.lastIndexOf('\\'), last.text.lastIndexOf('/'));
    return cut === -1 && parts.length > 1 ? undefined : last.text.slice(cut + 1);
  };
  const extension = (name: string): number => {
    const dot = name.lastIndexOf('.');
    return dot > 0 ? dot : name.length;
  };
  const fromBase = (parts: readonly Part[], slice: (name: string) => string): Values => {
    const name = base(parts);
    return known(name === undefined ? UNKNOWN_STRING : text(slice(name)));
  };
  const properties = new Map<string, () => Values>([
    [
      'root',
      absolute
        ? () =>
            value.items.length === 0
              ? known(COMPUTED_DRIVE_ROOT)
              : union(...value.items.map((item) => root(item.kind === 'string' ? item.parts : [])))
        : of(rootOf),
    ],
    ['dir', of((parts) => dirnameOf(known({ kind: 'string', parts })))],
    ['base', of((parts) => fromBase(parts, (name) => name))],
    ['name', of((parts) => fromBase(parts, (name) => name.slice(0, extension(name))))],
    ['ext', of((parts) => fromBase(parts, (name) => name.slice(extension(name))))],
  ]);
  return { items: [{ kind: 'object', properties, open: false }], complete: value.complete || absolute };
}

const COMPUTED_DRIVE_ROOT: AbstractValue = {
  kind: 'string',
  parts: [{ kind: 'unknown' }, { kind: 'text', text: ':\\' }],
};

/**
 * The argument of `path.parse` is a path the process knows to be absolute: its working folder, its
 * executable, the module's folder or file, the user's home or temp folder. `path.parse(process.cwd()).root`
 * is how code finds "the drive" without naming it.
 */
function isAbsoluteSource(node: TSESTree.CallExpressionArgument | undefined): boolean {
  if (node === undefined || node.type === 'SpreadElement') return false;
  const target = node.type === 'CallExpression' ? node.callee : node;
  if (target.type === 'Identifier') return target.name === '__dirname' || target.name === '__filename';
  if (target.type !== 'MemberExpression' || target.computed || target.property.type !== 'Identifier') return false;
  const owner = target.object;
  const name = target.property.name;
  if (owner.type === 'MetaProperty') return name === 'dirname' || name === 'filename';
  if (owner.type !== 'Identifier') return false;
  if (owner.name === 'process') return node.type === 'CallExpression' ? name === 'cwd' : name === 'execPath';
  return owner.name === 'os' && node.type === 'CallExpression' && (name === 'homedir' || name === 'tmpdir');
}

function rootOf(parts: readonly Part[]): Values {
  const [first, second] = parts;
  if (first?.kind === 'text') {
    const drive = /^([A-Za-z]:)[\\/]/u.exec(first.text);
    if (drive !== null) return known(text(`${drive[1] ?? ''}\\`));
    if (/^[\\/]{2}/u.test(first.text)) return known(UNKNOWN_STRING);
    return known(text(/^[\\/]/u.test(first.text) ? '\\' : ''));
  }
  if (first?.kind === 'env' && isAbsoluteEnvRoot(first.name)) {
    return known({
      kind: 'string',
      parts: [
        { kind: 'env', name: 'SystemDrive' },
        { kind: 'text', text: '\\' },
      ],
    });
  }
  if (first?.kind === 'unknown' && second?.kind === 'text' && /^:[\\/]/u.test(second.text)) {
    return known({ kind: 'string', parts: [{ kind: 'unknown' }, { kind: 'text', text: ':\\' }] });
  }
  return known(UNKNOWN_STRING);
}

/** `path.format({ dir, root, base, name, ext })`, as Node joins them (`dir` before `root`, `base` before `name + ext`). */
function formattedPath(value: Values): Values {
  const results: Values[] = [];
  for (const item of value.items) {
    if (item.kind !== 'object') return UNKNOWN;
    const member = (key: string): Values | undefined => {
      const found = item.properties.get(key)?.();
      if (found === undefined) return item.open ? UNKNOWN : undefined;
      return found.items.every((alternative) => alternative.kind === 'nullish') ? undefined : found;
    };
    const dir = member('dir') ?? member('root');
    const base = member('base') ?? concat(member('name') ?? known(text('')), member('ext') ?? known(text('')));
    if (dir === undefined) results.push(base);
    else if (member('dir') === undefined) results.push(concat(dir, base));
    else results.push(concat(concat(dir, known(text('\\'))), base));
  }
  const merged = union(...results);
  return { items: merged.items, complete: merged.complete && value.complete };
}

/** `file:///C:/x%20y` → `C:\x y`; `file://host/share` → `\\host\share`. Non-file URLs are not paths. */
function fileUrlToPath(value: Values): Values {
  const items: AbstractValue[] = [];
  let complete = value.complete;
  for (const item of value.items) {
    if (item.kind !== 'string') {
      complete = false;
      continue;
    }
    const converted = convertFileUrl(item.parts);
    if (converted === undefined) {
      // Already a path (a URL the evaluator converted earlier), or unknown.
      items.push(item);
    } else if (converted !== null) {
      items.push({ kind: 'string', parts: converted });
    }
  }
  return { items, complete };
}

/** undefined: not a URL string; null: a URL that is not a file URL. */
function convertFileUrl(parts: readonly Part[]): Part[] | null | undefined {
  const [first, ...rest] = parts;
  if (first?.kind !== 'text') {
    return undefined;
  }
  const scheme = /^([a-z][\d+.a-z-]*):/iu.exec(first.text);
  if (scheme === null || /^[a-z]:$/iu.test(scheme[0])) {
    return undefined;
  }
  if (scheme[1]?.toLowerCase() !== 'file') {
    return null;
  }
  let head = first.text.slice(scheme[0].length);
  if (head.startsWith('///')) {
    head = head.slice(3);
  } else if (head.startsWith('//')) {
    head = `\\\\${head.slice(2)}`;
  }
  const decode = (value: string): string => {
    try {
      return decodeURIComponent(value).replaceAll('/', '\\');
    } catch {
      return value.replaceAll('/', '\\');
    }
  };
  return normaliseParts([
    { kind: 'text', text: decode(head) },
    ...rest.map((part) => (part.kind === 'text' ? { kind: 'text' as const, text: decode(part.text) } : part)),
  ]);
}

function newUrl(input: Values, base: Values | undefined): Values {
  if (base === undefined) {
    return fileUrlToPath(input);
  }
  const items: AbstractValue[] = [];
  for (const relative of input.items) {
    for (const origin of base.items) {
      const relativeText = staticText(relative);
      const originText = staticText(origin);
      if (relativeText === undefined || originText === undefined) {
        return UNKNOWN;
      }
      try {
        const href = new URL(relativeText, originText).href;
        items.push(...fileUrlToPath(known(text(href))).items);
      } catch {
        // An invalid URL throws at run time: no path.
      }
    }
  }
  return { items, complete: input.complete && base.complete };
}

/** `Buffer.from(path + '\0', 'ucs2')` carries the path; the terminator is not part of it. */
export function stripTrailingNul(value: Values): Values {
  const items = value.items.map((item): AbstractValue => {
    if (item.kind !== 'string') return item;
    const last = item.parts.at(-1);
    if (last?.kind === 'text' && last.text.endsWith('\0')) {
      return {
        kind: 'string',
        parts: normaliseParts([...item.parts.slice(0, -1), { kind: 'text', text: last.text.replace(/\0+$/u, '') }]),
      };
    }
    return item;
  });
  return { items, complete: value.complete };
}

/** String methods that keep a path a path: case, surrounding spaces, Unicode form, separators. */
const PATH_PRESERVING_STRING_METHODS = new Set([
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'trim',
  'trimStart',
  'trimEnd',
  'normalize',
  'replace',
  'replaceAll',
  'concat',
]);

export function isPathPreservingStringMethod(name: string): boolean {
  return PATH_PRESERVING_STRING_METHODS.has(name);
}

/**
 * `p.toLowerCase()`, `p.trim()`, `p.replace(/\//g, '\\')` of string values: the same parts with the
 * method applied to the known text (an environment root or unknown part stays what it is: Windows
 * compares paths without case). `replace` and `replaceAll` only as a swap of `/` and `\`, which the
 * classifier reads alike, or of a known text by a string (`'%SystemRoot%\\win.ini'.replace('%SystemRoot%',
 * root)`); `concat` appends. Undefined for anything else (another replacement, a receiver that may
 * be no string): the call then has no model.
 */
export function stringMethod(
  receiver: Values,
  name: string,
  args: readonly TSESTree.CallExpressionArgument[],
  evaluate: (node: TSESTree.Node) => Values,
): Values | undefined {
  if (receiver.items.length === 0 || !receiver.items.every((item) => item.kind === 'string')) return undefined;
  if (name === 'concat') {
    if (args.some((arg) => arg.type === 'SpreadElement')) return undefined;
    return args.reduce((result, arg) => concat(result, evaluate(arg)), receiver);
  }
  if (name === 'replace' || name === 'replaceAll') {
    if (isSeparatorSwap(args)) return receiver;
    return replaceText(receiver, args, name === 'replaceAll', evaluate);
  }
  const items = receiver.items.map((item): AbstractValue => {
    if (item.kind !== 'string') return item;
    const parts = item.parts.map((part, index): Part => {
      if (part.kind !== 'text') return part;
      const first = index === 0;
      const last = index === item.parts.length - 1;
      return { kind: 'text', text: applyTextMethod(part.text, name, first, last) };
    });
    return { kind: 'string', parts: normaliseParts(parts) };
  });
  return { items, complete: receiver.complete };
}

/** Methods that test a string for a text: `startsWith`, `endsWith`, `includes`. */
export function isTextTest(name: string): boolean {
  return name === 'startsWith' || name === 'endsWith' || name === 'includes';
}

/**
 * `s.startsWith(t)`, `s.endsWith(t)`, `s.includes(t)` of strings whose text is all known, and
 * `[...].includes(t)` of a closed array of such strings: a boolean, so that
 * `process.platform.startsWith('win')` and `['darwin', 'linux'].includes(process.platform)` decide a
 * branch. Undefined when any of it is not known (a position argument included).
 */
export function textTest(
  receiver: Values,
  name: string,
  args: readonly TSESTree.CallExpressionArgument[],
  evaluate: (node: TSESTree.Node) => Values,
): Values | undefined {
  const [needleNode, ...rest] = args;
  if (rest.length > 0 || needleNode === undefined || needleNode.type === 'SpreadElement') return undefined;
  if (!receiver.complete || receiver.items.length === 0) return undefined;
  const needle = singleText(evaluate(needleNode));
  if (needle === undefined) return undefined;
  const answers: AbstractValue[] = [];
  for (const item of receiver.items) {
    const answer = item.kind === 'array' ? arrayHolds(item, name, needle) : stringHolds(item, name, needle);
    if (answer === undefined) return undefined;
    answers.push({ kind: 'boolean', value: answer });
  }
  return { items: answers, complete: true };
}

function stringHolds(item: AbstractValue, name: string, needle: string): boolean | undefined {
  const haystack = staticText(item);
  if (haystack === undefined) return undefined;
  if (name === 'startsWith') return haystack.startsWith(needle);
  if (name === 'endsWith') return haystack.endsWith(needle);
  return haystack.includes(needle);
}

function arrayHolds(item: AbstractValue & { kind: 'array' }, name: string, needle: string): boolean | undefined {
  if (name !== 'includes' || item.open || item.elements.length > MAX_ALTERNATIVES) return undefined;
  let found = false;
  for (const element of item.elements) {
    const text = singleText(element());
    if (text === undefined) return undefined;
    found ||= text === needle;
  }
  return found;
}

/** Pieces `split` makes at most (past it: unknown). */
const MAX_SPLIT_PIECES = 64;

/**
 * `s.split(sep)` of one string value and a known text separator, no limit: an array of its pieces,
 * cut in the known text parts (an unknown or environment part stays inside its piece):
 * `'C:/Windows/win.ini'.split('/').join('\\')` is the path again.
 */
export function splitString(
  receiver: Values,
  args: readonly TSESTree.CallExpressionArgument[],
  evaluate: (node: TSESTree.Node) => Values,
): Values {
  const [separatorNode, ...rest] = args;
  const [item] = receiver.items;
  if (rest.length > 0 || separatorNode === undefined || separatorNode.type === 'SpreadElement') return UNKNOWN;
  if (!receiver.complete || receiver.items.length !== 1 || item?.kind !== 'string') return UNKNOWN;
  const separator = singleText(evaluate(separatorNode));
  if (separator === undefined || separator === '') return UNKNOWN;
  const pieces: Part[][] = [[]];
  for (const part of item.parts) {
    if (part.kind !== 'text') {
      pieces[pieces.length - 1]?.push(part);
      continue;
    }
    const [head = '', ...tail] = part.text.split(separator);
    pieces[pieces.length - 1]?.push({ kind: 'text', text: head });
    for (const text of tail) pieces.push([{ kind: 'text', text }]);
    if (pieces.length > MAX_SPLIT_PIECES) return UNKNOWN;
  }
  const elements = pieces.map((parts) => {
    const piece = known({ kind: 'string', parts: normaliseParts(parts) });
    return (): Values => piece;
  });
  return known({ kind: 'array', elements, open: false });
}

function applyTextMethod(value: string, name: string, first: boolean, last: boolean): string {
  switch (name) {
    case 'toLowerCase':
    case 'toLocaleLowerCase':
      return value.toLowerCase();
    case 'toUpperCase':
    case 'toLocaleUpperCase':
      return value.toUpperCase();
    case 'trim':
      return first && last ? value.trim() : first ? value.trimStart() : last ? value.trimEnd() : value;
    case 'trimStart':
      return first ? value.trimStart() : value;
    case 'trimEnd':
      return last ? value.trimEnd() : value;
    default:
      return value;
  }
}

/**
 * A hand-written ExpandEnvironmentStrings: `s.replace(/%([^%]+)%/g, (m, name) => process.env[name] ?? m)`.
 * Every `%NAME%` becomes the variable's value (an `env` part, as `process.env.NAME` gives). The pattern is a `%`, one group, a `%`, global; the replacement
 * a function (a string would put the same text for every variable).
 */
function isEnvironmentExpansion(
  search: TSESTree.CallExpressionArgument,
  replacement: TSESTree.CallExpressionArgument,
  evaluate: (node: TSESTree.Node) => Values,
): boolean {
  if (search.type !== 'Literal' || !('regex' in search) || search.regex === undefined) return false;
  const { pattern, flags } = search.regex;
  if (!flags.includes('g') || !/^%\((?:[^()%]|\[\^%\])+\)%$/u.test(pattern)) return false;
  const given = evaluate(replacement);
  return given.items.length > 0 && given.items.every((item) => item.kind === 'function');
}

/** Each `%NAME%` in the known text of a string becomes that environment variable, as `process.env.NAME` gives it. */
function expandedEnvironment(receiver: Values): Values {
  const items = receiver.items.map((item): AbstractValue => {
    if (item.kind !== 'string') return item;
    const parts: Part[] = [];
    for (const part of item.parts) {
      if (part.kind !== 'text') {
        parts.push(part);
        continue;
      }
      // Odd pieces are the names between two `%`.
      part.text.split(/%([^%\\/:*?"<>|]+)%/u).forEach((piece, index) => {
        if (index % 2 === 1) parts.push({ kind: 'env', name: piece });
        else if (piece !== '') parts.push({ kind: 'text', text: piece });
      });
    }
    return stringOf(parts);
  });
  return { items, complete: receiver.complete };
}

/**
 * `s.replace(search, replacement)` where `search` is a known text or a regular expression of plain
 * characters (flags `g` and `i` only) and the replacement a string, not a function or `$`
 * pattern: the known text parts of `s` with the matches replaced (the first, or all with `g` or
 * `replaceAll`). An unknown part of `s` may hold a match too: the result is then incomplete.
 */
function replaceText(
  receiver: Values,
  args: readonly TSESTree.CallExpressionArgument[],
  all: boolean,
  evaluate: (node: TSESTree.Node) => Values,
): Values | undefined {
  const [search, replacementNode] = args;
  if (args.length !== 2 || search === undefined || replacementNode === undefined) return undefined;
  if (search.type === 'SpreadElement' || replacementNode.type === 'SpreadElement') return undefined;
  let pattern: string | undefined;
  let ignoreCase = false;
  if (isEnvironmentExpansion(search, replacementNode, evaluate)) return expandedEnvironment(receiver);
  if (search.type === 'Literal' && 'regex' in search && search.regex !== undefined) {
    const { flags } = search.regex;
    if (!/^[gi]*$/u.test(flags) || !/^[\w%: -]+$/u.test(search.regex.pattern)) return undefined;
    pattern = search.regex.pattern;
    ignoreCase = flags.includes('i');
    all ||= flags.includes('g');
  } else {
    const searched = evaluate(search);
    pattern = searched.complete ? singleText(searched) : undefined;
  }
  const replacement = stringsOf(evaluate(replacementNode));
  if (pattern === undefined || pattern === '' || replacement.items.length === 0) return undefined;
  if (replacement.items.some((item) => staticTextParts(item).includes('$'))) return undefined;
  const needle = ignoreCase ? pattern.toLowerCase() : pattern;
  const results: Values[] = [];
  for (const item of receiver.items) {
    if (item.kind !== 'string') return undefined;
    let result = known(text(''));
    let replaced = false;
    let uncertain = false;
    let count = 0;
    for (const part of item.parts) {
      const done = replaced && !all;
      if (part.kind !== 'text' || done) {
        // An unknown part while a match is still wanted may hold it.
        uncertain ||= !done;
        result = concat(result, known({ kind: 'string', parts: [part] }));
        continue;
      }
      let rest = part.text;
      for (;;) {
        const at = (ignoreCase ? rest.toLowerCase() : rest).indexOf(needle);
        if (at < 0 || (replaced && !all)) break;
        // More replacements than a path has parts: no path.
        if (++count > MAX_PARTS) return undefined;
        result = concat(concat(result, known(text(rest.slice(0, at)))), replacement);
        rest = rest.slice(at + pattern.length);
        replaced = true;
      }
      result = concat(result, known(text(rest)));
    }
    results.push(uncertain ? { items: result.items, complete: false } : result);
    if (results.length >= MAX_ALTERNATIVES) break;
  }
  const merged = union(...results);
  return { items: merged.items, complete: merged.complete && receiver.complete };
}

/** The known text of a string value's parts, joined (markers and unknown parts left out). */
function staticTextParts(value: AbstractValue): string {
  return value.kind === 'string' ? value.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('') : '';
}

/** `(/\//g, '\\')`, `('/', '\\')`, `(/\\/g, '/')` and the like: one separator for the other. */
function isSeparatorSwap(args: readonly TSESTree.CallExpressionArgument[]): boolean {
  const [search, replacement] = args;
  if (args.length !== 2 || search?.type !== 'Literal' || replacement?.type !== 'Literal') return false;
  const separator = (text: unknown): boolean => text === '/' || text === '\\';
  const searched = 'regex' in search && search.regex !== undefined ? regexSeparator(search.regex) : search.value;
  return separator(searched) && separator(replacement.value);
}

/** The separator a regular expression matches, when it is one written alone (`/\//g`, `/\\/g`, `/[\\/]/g`). */
function regexSeparator(regex: { readonly pattern: string; readonly flags: string }): string | undefined {
  if (regex.pattern === '\\/' || regex.pattern === '/') return '/';
  if (regex.pattern === '\\\\') return '\\';
  if (regex.pattern === '[\\\\/]' || regex.pattern === '[/\\\\]') return '/';
  return undefined;
}

/** An object made by `new Map(…)`: its entries are read by `get` (calls.ts). */
export function isMapObject(value: AbstractValue): boolean {
  return value.kind === 'object' && value.map === true;
}

/**
 * `new Map(entries)` of an array literal of `[key, value]` pairs with static keys: an object of
 * those entries, open (`set` may add others, and a pair it cannot read leaves it unknown).
 */
function mapOf(entries: Values): Values {
  const properties = new Map<string, () => Values>();
  for (const list of entries.items) {
    if (list.kind !== 'array') continue;
    for (const entry of list.elements) {
      for (const pair of entry().items) {
        const [keyOf, valueOf] = pair.kind === 'array' ? pair.elements : [];
        const keys = keyOf?.();
        const key = keys?.complete === true ? singleText(keys) : undefined;
        if (key === undefined || valueOf === undefined) continue;
        const before = properties.get(key);
        properties.set(key, before === undefined ? valueOf : () => union(before(), valueOf()));
      }
    }
  }
  return known({ kind: 'object', properties, open: true, map: true });
}

/**
 * `Object.values(o)`, `Object.entries(o)` (`[key, value]` pairs), `Object.keys(o)` of object
 * literals: arrays of what their properties hold, open when the object may have other keys.
 */
function objectListing(objects: Values, fn: 'values' | 'entries' | 'keys'): Values {
  const literals = objects.items.filter((item) => item.kind === 'object');
  if (literals.length === 0 || literals.length !== objects.items.length) return UNKNOWN;
  const arrays = literals.map((item): AbstractValue => {
    const elements = [...item.properties].map(([key, value]): (() => Values) => {
      if (fn === 'values') return value;
      if (fn === 'keys') return () => known(text(key));
      return () => known({ kind: 'array', elements: [() => known(text(key)), value], open: false });
    });
    return { kind: 'array', elements, open: item.open || !objects.complete };
  });
  return { items: arrays, complete: objects.complete };
}

/**
 * `fs.readdirSync(dir)`, `fsp.readdir(dir)` (fs-extra's without a callback): names not known, but
 * an array of them, so `.filter(…).map((name) => path.join(ROOT, name))` keeps `ROOT\*` (installers
 * scan `C:\Program Files\Adobe` for versions). With `withFileTypes`, entries whose `name` is such a
 * name. Undefined for anything else.
 */
function directoryListing(
  module: string,
  path: readonly string[],
  args: readonly TSESTree.CallExpressionArgument[],
): Values | undefined {
  if (!FS_FAMILY.has(module)) return undefined;
  const fn = path.join('.');
  const promised = fn === 'promises.readdir' || (fn === 'readdir' && (module === 'fs-extra' || module === 'mz/fs'));
  if (fn !== 'readdirSync' && !promised) return undefined;
  if (args.some((arg) => arg.type === 'SpreadElement' || isFunctionNode(arg))) return undefined;
  const options = args[1];
  const withTypes =
    options?.type === 'ObjectExpression' &&
    options.properties.some(
      (property) =>
        property.type === 'Property' &&
        staticPropertyKey(property) === 'withFileTypes' &&
        !(property.value.type === 'Literal' && property.value.value === false),
    );
  const name = (): Values => known(UNKNOWN_STRING);
  const entry = (): Values =>
    withTypes ? known({ kind: 'object', properties: new Map([['name', name]]), open: true }) : name();
  return known({ kind: 'array', elements: [entry], open: true });
}

/**
 * Libraries that merge options objects the way `Object.assign` does: `'assign'` when a later
 * source wins (`_.merge(target, ...sources)`, `deepmerge(a, b)`, jQuery-style `extend(true, a, b)`),
 * `'defaults'` when an earlier one does (`_.defaults(opts, DEFAULTS)`, `defu(opts, DEFAULTS)`).
 * Deep merges are read as shallow ones: a nested object is the union of both sides.
 */
const MERGE_FUNCTIONS: ReadonlyMap<string, 'assign' | 'defaults'> = new Map([
  ['assign', 'assign'],
  ['assignin', 'assign'],
  ['extend', 'assign'],
  ['merge', 'assign'],
  ['defaults', 'defaults'],
  ['defaultsdeep', 'defaults'],
]);
const MERGE_PACKAGES: ReadonlyMap<string, 'assign' | 'defaults'> = new Map([
  ['object-assign', 'assign'],
  ['deepmerge', 'assign'],
  ['extend', 'assign'],
  ['merge-options', 'assign'],
  ['defu', 'defaults'],
]);

function mergeOrder(module: string, path: readonly string[]): 'assign' | 'defaults' | undefined {
  // `import { defu } from 'defu'`, `require('deepmerge').default`: the package itself.
  const own = path.length === 1 && (path[0] === 'default' || path[0] === module) ? [] : path;
  const member = utilityBeltFunction(module, path) ?? utilityBeltFunction(module, own);
  if (member !== undefined) return MERGE_FUNCTIONS.get(member.toLowerCase());
  return own.length === 0 ? MERGE_PACKAGES.get(module) : undefined;
}

const UTILITY_BELTS = new Set(['lodash', 'lodash-es', 'underscore']);

/**
 * The lodash or underscore function a module value is: `_.merge` (lodash, lodash-es, underscore),
 * `lodash/merge`, or the `lodash.merge` package (its name in lower case). Undefined for anything else.
 */
export function utilityBeltFunction(module: string, path: readonly string[]): string | undefined {
  if (path.length === 1 && UTILITY_BELTS.has(module)) return path[0];
  if (path.length !== 0) return undefined;
  const [belt, member] = module.split('/');
  if (member !== undefined && UTILITY_BELTS.has(belt!)) return member;
  return module.startsWith('lodash.') ? module.slice('lodash.'.length) : undefined;
}

/** `extend(true, target, source)`: the deep flag is no object. */
function isBooleanFlag(values: Values): boolean {
  return values.complete && values.items.length > 0 && values.items.every((item) => item.kind === 'boolean');
}

/** `Object.assign(target, ...sources)`: one object with every source's properties (later ones win when known). */
function assignObjects(objects: readonly Values[]): Values {
  const properties = new Map<string, () => Values>();
  const spreads: AbstractValue[] = [];
  const keyOverrides = new KeyOverrides(properties);
  let open = false;
  for (const object of objects) {
    collectSpreads(object, spreads);
    const candidates = object.items.filter((item) => item.kind === 'object');
    const overrides =
      !object.complete || candidates.length !== object.items.length || candidates.some((item) => item.open);
    // A source whose keys are not all known may replace any key before it.
    if (overrides) keyOverrides.spreadUnknownKeys(object);
    open ||= overrides;
    for (const item of candidates) {
      for (const [key, value] of item.properties) {
        const before = properties.get(key);
        // With several alternatives for one source, or an open source, earlier values may survive.
        properties.set(
          key,
          (candidates.length === 1 && !open) || before === undefined ? value : () => union(before(), value()),
        );
        keyOverrides.defined(key, false);
        keyOverrides.inherit(key, item.overriders?.get(key));
      }
    }
  }
  return known({
    kind: 'object',
    properties,
    open,
    ...(spreads.length > 0 ? { spreads } : {}),
    ...(keyOverrides.overriders.size > 0 ? { overriders: keyOverrides.overriders } : {}),
  });
}
