/**
 * A per-file gate that spares most files all per-call work.
 *
 * The rules only recognise APIs reached from a module named by a string
 * literal (`import … from 'fs'`, `require('node:fs')`, `process.getBuiltinModule('fs')`,
 * `koffi`, `ffi-napi`, `ffi-rs`, `bun:ffi`, `node:ffi`...) or from the `Bun` and
 * `Deno` globals: callee resolution is syntactic, even with type information.
 * A file whose text names none of them cannot contain a finding, so the rules
 * return no listeners for it. One regular-expression scan per file replaces a
 * callee evaluation per call (docs/performance.md).
 *
 * Known limit, shared with the evaluator: a module name built at run time
 * (`require('f' + 's')`) is not seen here, where the evaluator would have
 * folded it.
 */

import { FFI_MODULES } from './win32/ffi-bindings.js';
import { FILE_API_MODULES, writeCapableNames } from './node-fs/fs-apis.js';

// Derived from the tables themselves, so a module they learn is never skipped here.
const MODULES = [...FILE_API_MODULES, ...FFI_MODULES];

// `-` is left unescaped: outside a class a `u` regular expression refuses `\-`.
const escape = (name: string): string => name.replace(/[$()*+./?[\\\]^{|}]/gu, '\\$&');
// A subpath is allowed after the name: 'fs/promises' is module fs to the evaluator.
/** A quoted name of one of `modules` (a subpath allowed), or the Bun or Deno global. */
const mentionOf = (modules: readonly string[]): RegExp =>
  new RegExp(`(['"\`])(?:node:)?(?:${modules.map(escape).join('|')})(?:/[\\w./-]*)?\\1|\\b(?:Bun|Deno)\\b`, 'u');
const MENTIONS = mentionOf(MODULES);

const decided = new WeakMap<object, boolean>();

/** True when the file may reach a file or FFI API the rules know (cached per file). */
export function mayReachKnownApis(sourceCode: { readonly text: string }): boolean {
  let result = decided.get(sourceCode);
  if (result === undefined) {
    result = namesKnownApis(sourceCode.text);
    decided.set(sourceCode, result);
  }
  return result;
}

/** True when a text names a file or FFI module the rules know, or the Bun or Deno global. */
export function namesKnownApis(text: string): boolean {
  return MENTIONS.test(text);
}

// What only a module that may write can contain: a write-capable fs name, a `flag` option (readFile
// and createReadStream write with one), an FFI module, Bun or Deno. Read-only fs use has none of them.
const FFI_OR_RUNTIME = mentionOf(FFI_MODULES);
const WRITE_WORDS = new RegExp(`\\b(?:${[...writeCapableNames(), 'flag', 'flags'].map(escape).join('|')})\\b`, 'u');

/**
 * True when another module's text may hold a write the rules know: it names a file API module and a
 * write-capable name, or an FFI module or runtime. A module reading files only (readFileSync,
 * statSync) is then never parsed to look for writers: most modules of a project import fs to read.
 */
export function mayHoldWrites(text: string): boolean {
  return FFI_OR_RUNTIME.test(text) || (MENTIONS.test(text) && WRITE_WORDS.test(text));
}

// Write-capable names too common on other objects to say anything (`stream.write(`, `window.open(`).
const GENERIC_MEMBER_NAMES = new Set(
  ['open', 'write', 'create', 'sync', 'call', 'writer'].flatMap((name) => [name, `${name}Sync`, `${name}Async`]),
);
for (const name of ['move', 'rename', 'cp', 'truncate', 'chmod', 'utimes', 'utime']) GENERIC_MEMBER_NAMES.add(name);
// Write-capable names that say a write on whatever object they are called (`.writeFileSync`, `.copy`).
const TELLING_WRITE_MEMBERS: ReadonlySet<string> = new Set(
  writeCapableNames().filter((name) => !GENERIC_MEMBER_NAMES.has(name)),
);
// A write-capable member call (`.writeFileSync(`, `?.copy (`): on an object another module made.
const MEMBER_WRITE_CALL = new RegExp(
  `\\.\\s*(?:${[...TELLING_WRITE_MEMBERS].map(escape).join('|')})\\s*(?:\\?\\.\\s*)?\\(`,
  'u',
);

/** True when a member call of this name says a write (`.writeFileSync`, `.copy`; not `.write` or `.open`). */
export function isTellingWriteMember(name: string): boolean {
  return TELLING_WRITE_MEMBERS.has(name);
}

/**
 * True when a text calls a write-capable member without naming a file module itself
 * (`this.electron.fs.writeFileSync(…)`, the fs module held by a service of another module): it may
 * write when a module it imports names one, or when the linted file does and may hand its fs over
 * (ProjectAnalysis.reachesWrites).
 */
export function callsWriteMembers(text: string): boolean {
  return MEMBER_WRITE_CALL.test(text);
}

// `from 'x'`, `import 'x'`, `import('x')`, `require('x')`, `export … from 'x'`.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(['"])([^'"\n]{1,300})\1/gu;
const MAX_SPECIFIERS = 200;

// `import type … from 'x'`, `export type { … } from 'x'`: TypeScript erases them, no value comes
// through. Not `import type from 'x'` (a default import named `type`). The braces are bounded and
// no match crosses another `{`, so unclosed `import type {` repeated costs linear time.
const TYPE_ONLY_IMPORT =
  /\b(?:import|export)\s+type\s+(?:\{[^{}]{0,4000}\}|\*(?:\s+as\s+[\w$]+)?|[\w$]+)\s*from\s*(['"])[^'"\n]{1,300}\1/gu;

/** The module specifiers a module's text imports for values (a cheap scan, before any parse; bounded). */
export function importSpecifiers(text: string): string[] {
  const found: string[] = [];
  // Where each type-only import ends: the same place the specifier's own match ends.
  const typeOnlyEnds = text.includes('type')
    ? new Set([...text.matchAll(TYPE_ONLY_IMPORT)].map((match) => match.index + match[0].length))
    : undefined;
  for (const match of text.matchAll(SPECIFIER)) {
    if (typeOnlyEnds?.has(match.index + match[0].length) === true) continue;
    const specifier = match[2];
    if (specifier !== undefined && !found.includes(specifier)) found.push(specifier);
    if (found.length >= MAX_SPECIFIERS) break;
  }
  return found;
}

// Where a module may name a function or class (the only names module-facts.ts gives writers): a
// method or function head (`name(` at the start of a line or after `{`, `}`, `;`, `,`, followed on
// its line, before any `;`, by a `{` or by no `)`: its body, or parameters that go on), `function
// name`, `class name`, and `name =`, `name:` or `.name =` before what may start a function or class
// (`function`, `class`, `(`, `<`, `x =>`, `async`), and a quoted or computed key of those shapes. A
// private name keeps its `#` (`#flush`), as module-facts.ts names it.
// Anything of those shapes counts, calls with a callback (`test('x', () => {`) too: this only rules
// names out. Any non-ASCII code unit counts as part of a name (a superset of Unicode identifiers: a
// real definition is set off by ASCII punctuation), which keeps the scan free of Unicode property
// classes, several times faster.
//
// Linear in the text: no part scans to the end of a line from every place it may start (a line of
// 5,000 `,a(b)` took minutes that way). What follows a head is decided in code by pointers that only
// move forward; a type annotation before `=` is looked at for 256 characters at most.
const IDENTIFIER = String.raw`[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*`;
const MODIFIERS = String.raw`(?:(?:static|async|get|set|public|private|protected|override|readonly|abstract|declare)\s+|\*\s*)*`;
const TYPE_PARAMETERS = String.raw`(?:<[^<>()\n]*>\s*)?`;
// `save.bind(…)` too: module-facts.ts counts a bound function as calling what it binds; and a
// promisified API or an FFI declaration (`promisify(fs.writeFile)`, `lib.func('CreateFileW', …)`),
// which it counts as holding a file API.
const FUNCTION_START = String.raw`(?:async\b\s*)?(?:function\b|class\b|\(|<|${IDENTIFIER}\s*=>|[\w$.]{1,256}\.bind\s*\(|(?:[\w$]{1,64}\.)?(?:promisify|pify)\s*\(|[\w$.]{1,256}\.(?:func|stdcall|cdecl|fastcall|thiscall)\s*\()`;
const DEFINED_NAME = new RegExp(
  [
    // A head: decided by `isHead` (group 1).
    String.raw`(?:^|[{};,])[ \t]*${MODIFIERS}(#?${IDENTIFIER})\s*${TYPE_PARAMETERS}\(`,
    String.raw`\b(?:function\b\s*\*?|class\s)\s*(${IDENTIFIER})`,
    String.raw`(?<![\w$\u0080-\uffff])(#?${IDENTIFIER})\s*(?::[^=;\n]{0,256})?=\s*${FUNCTION_START}`,
    String.raw`(?<![\w$\u0080-\uffff])(${IDENTIFIER})\s*:\s*${FUNCTION_START}`,
    // A quoted key: `'Program:exit'() {`, `"save": function`.
    String.raw`(?:^|[{};,])[ \t]*${MODIFIERS}(['"])((?:(?!\5)[^\\\n])*)\5\s*(?:\(|:\s*${FUNCTION_START})`,
    // A computed member assigned a function: `visitors['Program:exit'] = function`.
    String.raw`\[\s*(['"${'`'}])((?:(?!\7)[^\\\n])*)\7\s*\]\s*=\s*${FUNCTION_START}`,
  ].join('|'),
  'gm',
);

/** The next index of `char` at or after `from` (the text's length when none), remembered: callers only move forward. */
function forwardFinder(text: string, char: string): (from: number) => number {
  let found = -1;
  return (from) => {
    if (found < from) {
      const next = text.indexOf(char, from);
      found = next === -1 ? text.length : next;
    }
    return found;
  };
}

/** Names a module's text may define a function, method, class or alias under (a superset, from the text alone). */
export function definedNames(text: string): ReadonlySet<string> {
  const names = new Set<string>();
  const [brace, close, semicolon, newline] = ['{', ')', ';', '\n'].map((char) => forwardFinder(text, char)) as [
    (from: number) => number,
    (from: number) => number,
    (from: number) => number,
    (from: number) => number,
  ];
  // After a head's `(`, before the statement or line ends: a body's `{`, or no `)` (the parameters go on).
  const isHead = (after: number): boolean => {
    const end = Math.min(semicolon(after), newline(after));
    return brace(after) < end || close(after) >= end;
  };
  for (const match of text.matchAll(DEFINED_NAME)) {
    const head = match[1];
    if (head !== undefined) {
      if (isHead(match.index + match[0].length)) names.add(head);
      continue;
    }
    // The one group that matched (a quoted key's is the last; the quote itself comes before it).
    const name = match.slice(2).findLast((group) => group !== undefined);
    if (name !== undefined) names.add(name);
  }
  return names;
}

// `function name` or `class name` at the very start of a line (top level, as formatted code has it),
// optionally exported: the module's own function of that name.
const TOP_LEVEL_DECLARATION = new RegExp(
  String.raw`^(?:export[ \t]+(?:(default)[ \t]+)?)?(?:async[ \t]+)?(?:function\b[ \t]*\*?[ \t]*|class[ \t]+)(${IDENTIFIER})?`,
  'gm',
);

/**
 * Names a module's text declares a function or class under at its top level (`export function save`,
 * `class Hosts`), and `default` for `export default function`/`class`: such an export is that
 * function, never a file API. A subset: an indented or minified declaration is not seen (then the
 * export is evaluated).
 */
export function topLevelFunctions(text: string): ReadonlySet<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(TOP_LEVEL_DECLARATION)) {
    if (match[1] !== undefined) names.add('default');
    else if (match[2] !== undefined) names.add(match[2]);
  }
  return names;
}
