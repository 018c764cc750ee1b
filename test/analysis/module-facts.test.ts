import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { moduleFacts } from '../../analysis/module-facts.js';
import { inFile } from './evaluator/harness.js';

/**
 * Which functions module-facts.ts counts as writers (the name pre-filter that
 * decides which calls get summarised): a read whose arguments, as written,
 * give no write access makes no writer; anything that may ask for write
 * access does.
 */

const rows: readonly (readonly [body: string, writer: boolean])[] = [
  ['fs.readFileSync(p)', false],
  ["fs.readFileSync(p, 'utf8')", false],
  ["fs.readFile(p, { encoding: 'utf8' }, () => {})", false],
  ['fs.createReadStream(p)', false],
  ['fs.openSync(p)', false],
  ["fs.openSync(p, 'r')", false],
  ["fs.open(p, 'r', 0o666, () => {})", false],
  ["fs.readFileSync(p, { flag: 'w' })", true],
  ['fs.readFileSync(p, options)', true],
  ['fs.readFileSync(p, { ...options })', true],
  ['fs.readFileSync(...args)', true],
  ["fs.createReadStream(p, { flags: 'r+' })", true],
  ["fs.openSync(p, 'r+')", true],
  ['fs.openSync(p, flags)', true],
  ['fs.readFileSync.call(fs, p)', true],
  ["fs.writeFileSync(p, '')", true],
  // A computed key that may name a write API, as a literal, a branch or a const.
  ["fs[flags ? 'writeFileSync' : 'writeFile'](p, '')", true],
  ["fs[options || 'appendFile'](p, '')", true],
  ["const M = 'appendFileSync'; fs[M](p, '')", true],
  ["const M = flags ? 'readFileSync' : 'copyFileSync'; fs[M](p, 'x')", true],
  ["const M = 'readFileSync'; fs[M](p)", false],
  ["fs[flags ? 'readFileSync' : 'readFile'](p)", false],
  ['handlers[flags](p)', false],
  ["let M = 'writeFileSync'; M = 'readFileSync'; fs[M](p)", false],
];

const PRELUDE = `import fs from 'node:fs';`;
const FFI_PRELUDE = `import fs from 'node:fs'; import util from 'node:util'; import koffi from 'koffi'; const lib = koffi.load('kernel32.dll');`;

/** One test per row: whether module facts put `S` (defined by the row's code) in the given name set. */
function factsRows(
  shapes: readonly (readonly [string, boolean])[],
  prelude: string,
  set: 'writerNames' | 'sinkNames',
  [yes, no]: readonly [string, string],
): void {
  for (const [code, expected] of shapes) {
    it(`${code}: ${expected ? yes : no}`, () => {
      const names = inFile(`${prelude} ${code} probe(S);`, (file) => moduleFacts(file.analysis.evaluator.module)[set]);
      assert.equal(names.has('S'), expected);
    });
  }
}

describe('module facts: type-only imports bring no value', () => {
  const rows: readonly (readonly [code: string, imports: string[], specifiers: string[]])[] = [
    ["import type { Io } from './io'; import { save } from './save';", ['save'], ['./save']],
    ["import { type Io, save } from './io';", ['save'], ['./io']],
    ["import { type Io, type Store } from './io';", [], []],
    ["export type { Io } from './io'; export { save } from './save';", [], ['./save']],
    ["import './side-effect';", [], ['./side-effect']],
  ];
  for (const [code, imports, specifiers] of rows) {
    it(`${code} → imports ${imports.join(', ') || '(none)'} from ${specifiers.join(', ') || '(none)'}`, () => {
      const facts = inFile(`${code} probe(0);`, (file) => moduleFacts(file.analysis.evaluator.module), {
        typescript: true,
      });
      assert.deepEqual([...facts.imports.keys()], imports);
      assert.deepEqual(facts.specifiers, specifiers);
    });
  }
});

describe('module facts: a constructor function is a writer when its prototype writes', () => {
  const shapes: readonly [string, boolean][] = [
    ['function S(p) { this.p = p; } S.prototype.save = function () { fs.writeFileSync(this.p, ""); };', true],
    ['function S(p) { this.p = p; } S.prototype = { save: function () { fs.writeFileSync(this.p, ""); } };', true],
    ['function S(p) { this.p = p; } Object.assign(S.prototype, { save() { fs.appendFileSync(this.p, ""); } });', true],
    ['function S(p) { this.p = p; } S.prototype.load = function () { return fs.readFileSync(this.p); };', false],
    ['function S(p) { this.p = p; } T.prototype.save = function () { fs.writeFileSync(this.p, ""); };', false],
  ];
  factsRows(shapes, PRELUDE, 'writerNames', ['S is a writer', 'S is no writer']);
});

describe('module facts: which functions are writers', () => {
  for (const [body, writer] of rows) {
    it(`${body}: ${writer ? 'a writer' : 'no writer'}`, () => {
      const code = `import fs from 'node:fs'; export function helper(p, options, flags, ...args) { ${body}; } probe(helper);`;
      const names = inFile(code, (file) => moduleFacts(file.analysis.evaluator.module).writerNames);
      assert.equal(names.has('helper'), writer);
    });
  }
});

describe('module facts: a bound function is a writer when what it binds is', () => {
  const shapes: readonly [string, boolean][] = [
    ['function save(p) { fs.writeFileSync(p, ""); } const S = save.bind(null, "x");', true],
    ['const io = { save(p) { fs.appendFileSync(p, ""); } }; const S = io.save.bind(io, "x");', true],
    ['function load(p) { return fs.readFileSync(p); } const S = load.bind(null, "x");', false],
    ['function save(p) { fs.writeFileSync(p, ""); } const S = other.bind(null, "x");', false],
  ];
  factsRows(shapes, PRELUDE, 'writerNames', ['S is a writer', 'S is no writer']);
});

describe('module facts: names that hold a file API, and calls given one, may reach a write', () => {
  const shapes: readonly [string, boolean][] = [
    // A name holding an API or an FFI declaration of one, whatever the name.
    ['const S = util.promisify(fs.writeFile);', true],
    ["const api = { S: lib.func('__stdcall', 'CreateFileW', 'void *', []) };", true],
    ["const S = lib.func('HANDLE __stdcall CreateFileW(str16 path, uint32 access)');", true],
    ["const sig = 'void *_wfopen(str16 path, str16 mode)'; const S = lib.func(sig);", true],
    ["class K { constructor() { this.S = lib.stdcall('CreateFileW', 'void *', []); } }", true],
    ["const S = lib.func('int puts(const char *s)');", false],
    // A plain call given an API or a writing function, and the variable holding its result.
    ['function S(fn, p) { return fn(p); } S(fs.writeFileSync, "x");', true],
    ['const S = retry((p) => fs.appendFileSync(p, ""));', true],
    ['const S = retry(fs.writeFile, 3);', true],
    ['function save(p) { fs.writeFileSync(p, ""); } const S = retry(save);', true],
    ['const S = retry((p) => fs.readFileSync(p));', false],
    // An API given whole may be called with any flags (`S(p, { flag: 'w' })`): a superset is safe.
    ['const S = retry(fs.readFileSync);', true],
    ['const S = retry(fs.existsSync);', false],
  ];
  factsRows(shapes, FFI_PRELUDE, 'writerNames', ['S may write', 'S is no writer']);
});

describe('module facts: a function returning a file API names calls of its result (getFn()(…))', () => {
  const shapes: readonly [string, boolean][] = [
    ["let fn; function S() { fn ??= lib.func('HANDLE CreateFileW(str16 p)'); return fn; }", true],
    ["function S() { return lib.func('HANDLE __stdcall CreateFileW(str16 p)'); }", true],
    ['const S = () => { return fs.writeFileSync; };', true],
    ["function S() { return lib.func('int puts(const char *s)'); }", false],
    ['function S() { return fs.readFileSync(p); }', false],
  ];
  factsRows(shapes, FFI_PRELUDE, 'sinkNames', ['S() names a file-API call', 'S() names none']);
});
