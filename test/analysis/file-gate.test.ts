import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FFI_MODULES } from '../../analysis/win32/ffi-bindings.js';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import {
  callsWriteMembers,
  definedNames,
  importSpecifiers,
  mayReachKnownApis,
  topLevelFunctions,
} from '../../analysis/file-gate.js';
import { moduleFacts } from '../../analysis/module-facts.js';
import { loadModule } from '../../analysis/modules/load.js';
import { REPO_ROOT } from '../setup/temp-tree.js';
import { FILE_API_MODULES } from '../../analysis/node-fs/fs-apis.js';

describe('callsWriteMembers (a write on a file API object another module made)', () => {
  const rows: [string, boolean][] = [
    ['this.electron.fs.writeFileSync(p, d)', true],
    ['service.fs.copy(a, b).then(done)', true],
    ['io?.copySync (a, b)', true],
    ['store.fs.outputJSONSync(p, o)', true],
    // Names as common on streams, windows and game objects say nothing.
    ['process.stdout.write(text)', false],
    ['window.open(url)', false],
    ['piece.move(1, 2)', false],
    ['db.create({})', false],
    // Not a member call.
    ['writeFileSync(p, d)', false],
    ["const name = 'writeFileSync';", false],
  ];
  for (const [text, expected] of rows) {
    it(`${text} → ${expected}`, () => {
      assert.equal(callsWriteMembers(text), expected);
    });
  }
});

describe('importSpecifiers (what a module imports values from, from its text)', () => {
  const rows: [string, string[]][] = [
    [
      "import { a } from './a'; const b = require('./b'); import('./c'); export * from './d';",
      ['./a', './b', './c', './d'],
    ],
    ["import './side-effect';", ['./side-effect']],
    // TypeScript erases type-only imports and exports: no value comes through them.
    ["import type { A } from './types'; import { b } from './b';", ['./b']],
    ["import type A from './a'; import type * as T from './t'; export type { U } from './u';", []],
    ['import type {\n  A,\n  B,\n} from "./multi-line";', []],
    // The same module imported for a value too, and a default import named `type`.
    ["import type { A } from './a'; import { a } from './a';", ['./a']],
    ["import type from './named-type';", ['./named-type']],
    ["import type, { b } from './b';", ['./b']],
    // Inline `type` on some names keeps the module (module-facts.ts drops an all-type list).
    ["import { type A, b } from './mixed';", ['./mixed']],
  ];
  for (const [text, expected] of rows) {
    it(`${text.replaceAll('\n', '⏎')} → ${expected.join(', ') || '(none)'}`, () => {
      assert.deepEqual(importSpecifiers(text), expected);
    });
  }

  it('stays linear on an unclosed type-only import repeated', () => {
    const unit = 'import type { A, ';
    const time = (count: number): number => {
      const text = unit.repeat(count);
      const started = process.cpuUsage();
      importSpecifiers(text);
      const used = process.cpuUsage(started);
      return used.user + used.system;
    };
    time(2_000);
    const small = time(20_000);
    const large = time(80_000);
    assert.ok(large <= 8 * Math.max(small, 1_000), `×80,000 took ${large} µs, ×20,000 ${small} µs`);
  });
});

describe('mayReachKnownApis (per-file gate)', () => {
  const reach = [
    "import fs from 'fs';",
    'const { writeFile } = require("node:fs/promises");',
    'process.getBuiltinModule(`fs`)',
    "import fse from 'fs-extra';",
    "require('graceful-fs')",
    "import writeFileAtomic from 'write-file-atomic';",
    "import { write } from 'bun';",
    "import koffi from 'koffi';",
    "const ffi = require('ffi-napi');",
    "import { load } from 'ffi-rs';",
    "import { dlopen } from 'bun:ffi';",
    "import { dlopen } from 'node:ffi';",
    'await Bun.write(p, x);',
    'Deno.writeTextFileSync(p, x);',
  ];
  for (const text of reach) {
    it(`keeps: ${text}`, () => assert.equal(mayReachKnownApis({ text }), true));
  }
  const skip = [
    'const offsets = refs.map((ref) => ref.offset);',
    "import path from 'node:path'; path.join('C:\\\\Windows', 'x');",
    "import { readFile } from './fs.js';",
    "import x from 'fsevents';",
    'Bunny.write(p);',
    '// fs is mentioned in a comment without quotes',
  ];
  for (const text of skip) {
    it(`skips: ${text}`, () => assert.equal(mayReachKnownApis({ text }), false));
  }

  it('keeps a file naming any module the API tables know, with or without node: and a subpath', () => {
    for (const module of [...FILE_API_MODULES, ...FFI_MODULES]) {
      assert.equal(mayReachKnownApis({ text: `import x from '${module}';` }), true, module);
      assert.equal(mayReachKnownApis({ text: `require("node:${module}/sub")` }), true, module);
    }
  });

  it('decides once per file (cached by SourceCode)', () => {
    const source = { text: "import fs from 'fs';" };
    assert.equal(mayReachKnownApis(source), true);
    (source as { text: string }).text = 'nothing';
    assert.equal(mayReachKnownApis(source), true);
  });
});

describe('definedNames (which callee names a module may define, from its text)', () => {
  const rows: readonly (readonly [source: string, defined: readonly string[], notDefined: readonly string[]])[] = [
    ['function save(p) {}', ['save'], []],
    ['export async function* walk() {}', ['walk'], []],
    ['class Hosts extends Base {}', ['Hosts'], ['Base']],
    ['class A{write(p){}}', ['A', 'write'], []],
    ['  static async save<T>(p: T): Promise<void> {', ['save'], []],
    ['  get path(): string {', ['path'], []],
    ['const put = (p) => fs.writeFileSync(p);', ['put'], []],
    ['const put: Writer = async (p: string) => {};', ['put'], []],
    ['let same = <T,>(x: T) => x;', ['same'], []],
    ['this._write = function (p) {};', ['_write'], []],
    ['exports.write = p => fs.writeFileSync(p);', ['write'], []],
    ['module.exports = { save: function () {}, put: async (p) => {}, go() { } };', ['save', 'put', 'go'], []],
    ['  private readonly flush = async (): Promise<void> => {};', ['flush'], []],
    ["test('x', () => {", ['test'], []],
    ['const écrire = (p) => p;', ['écrire'], []],
    ['  calleeOf(\n    node: CallNode,\n  ): Values {', ['calleeOf'], []],
    // A private name keeps its `#`: module-facts names `this.#flush()` so, apart from a public `flush`.
    ['  async #flush(p) {', ['#flush'], ['flush']],
    ['  #write = (p) => fs.writeFileSync(p);', ['#write'], ['write']],
    ['    _isIgnoredFile(filePath, {\n        dotfiles = false,\n    }) {', ['_isIgnoredFile'], []],
    ["  'Program:exit'() {", ['Program:exit'], []],
    ['visitors["Call[arity=\'2\']"] = function () {};', ["Call[arity='2']"], []],
    // A bound function calls what it binds (module-facts.ts).
    ['const saveHosts = save.bind(null, HOSTS);', ['saveHosts'], ['save']],
    ['const hasOwn = Function.call.bind(Object.hasOwnProperty);', ['hasOwn'], ['call']],
    // A promisified API or an FFI declaration holds a file API (module-facts.ts).
    ['exports.saveFile = promisify(fs.writeFile);', ['saveFile'], ['promisify']],
    ['const put = util.promisify(fs.writeFile);', ['put'], []],
    ["exports.openHandle = k32.func('HANDLE CreateFileW(str16)');", ['openHandle'], ['func']],
    ["  fileHandle = lib.stdcall('CreateFileW', 'void *', []);", ['fileHandle'], []],
    ['const x = compute(a);', [], ['x']],
    // Calls, members, values and types are no definitions.
    ['new Set(x); join(a, b); x.has(k); arr.push(1);', [], ['Set', 'join', 'has', 'push']],
    ["const value: string = 'x'; const line = 3; const o = { at: 1 };", [], ['value', 'line', 'at']],
    ['a == b; f => 1; x.y == z;', [], ['a', 'f', 'y']],
  ];
  for (const [source, defined, notDefined] of rows) {
    it(`${source}: ${defined.join(', ') || '(none)'}`, () => {
      const names = definedNames(source);
      for (const name of defined) assert.ok(names.has(name), `${name} in ${[...names].join(', ')}`);
      for (const name of notDefined) assert.ok(!names.has(name), `${name} not in ${[...names].join(', ')}`);
    });
  }

  // The filter may only rule names out: every function or class name the syntax gives (module-facts.ts)
  // must be among the text's defined names, over real TypeScript (this repository) and JavaScript (ESLint's own).
  const corpora: readonly (readonly [label: string, directory: string, extension: RegExp, parser: unknown])[] = [
    ['this repository’s TypeScript', join(REPO_ROOT, 'analysis'), /\.ts$/u, tsParser],
    ['this repository’s TypeScript', join(REPO_ROOT, 'runtime-check'), /\.ts$/u, tsParser],
    ['this repository’s TypeScript', join(REPO_ROOT, 'test', 'analysis'), /\.ts$/u, tsParser],
    ['this repository’s TypeScript', join(REPO_ROOT, 'test', 'runtime-check'), /\.ts$/u, tsParser],
    ['ESLint’s JavaScript', join(REPO_ROOT, 'node_modules', 'eslint', 'lib'), /\.js$/u, undefined],
  ];
  for (const [label, directory, extension, parser] of corpora) {
    it(`holds every function and class name module-facts gives, in ${directory.slice(REPO_ROOT.length)} (${label})`, (t) => {
      // The ESLint 9 peer run copies dist/ alone: no sources to read there.
      if (!existsSync(directory)) {
        t.skip(`${directory} is not in this run`);
        return;
      }
      const files = readdirSync(directory, { recursive: true, encoding: 'utf8' })
        .filter((name) => extension.test(name) && !name.endsWith('.d.ts'))
        .map((name) => join(directory, name));
      let checked = 0;
      for (const file of files) {
        const found = statSync(file);
        const module = loadModule(
          file,
          { isFile: true, isDirectory: false, mtimeMs: found.mtimeMs, size: found.size },
          { parser, cwd: REPO_ROOT },
        );
        if (module === undefined) continue;
        const names = definedNames(module.text);
        for (const name of moduleFacts(module).callsByName.keys()) {
          if (name === 'default') continue;
          assert.ok(names.has(name), `${file}: ${name}`);
          checked++;
        }
      }
      assert.ok(checked > 20, `only ${checked} names checked`);
    });
  }
});

describe('topLevelFunctions (exports that are a module’s own function, from its text)', () => {
  const rows: readonly (readonly [source: string, declared: readonly string[]])[] = [
    ['export function save(p) {}', ['save']],
    ['export async function* walk() {}', ['walk']],
    ['function helper() {}\nmodule.exports = { helper };', ['helper']],
    ['export default async function (p) {}', ['default']],
    ['export default class {}', ['default']],
    ['export class Hosts {}', ['Hosts']],
    // Not seen (then the export is evaluated): indented, minified, or not a declaration.
    ['  function inner() {}', []],
    ['x();function late() {}', []],
    ['export const save = fs.writeFileSync;', []],
    ['export { writeFileSync as save } from "fs";', []],
  ];
  for (const [source, declared] of rows) {
    it(`${source.replaceAll('\n', '⏎')}: ${declared.join(', ') || '(none)'}`, () => {
      assert.deepEqual([...topLevelFunctions(source)].sort(), [...declared].sort());
    });
  }
});

describe('definedNames on hostile text: linear', () => {
  /** CPU time of `definedNames` over `unit` repeated `count` times, the fastest of three (noise only adds time). */
  const cost = (unit: string, count: number): number => {
    const text = unit.repeat(count);
    let best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round++) {
      const start = process.cpuUsage();
      definedNames(text);
      const used = process.cpuUsage(start);
      best = Math.min(best, used.user + used.system);
    }
    return best;
  };
  // Each once made every place a head may start scan to the end of its line (minutes for 25 KB).
  for (const unit of [',a(b)', '{a(b, () => ', 'x:', "{'x", "['x", 'function f(a) { return a; }\n']) {
    it(`${JSON.stringify(unit)} × 80,000 costs at most 8× what × 20,000 does`, () => {
      // A loaded machine only adds time (a GC thread's included): over the bound, both are measured
      // again, up to three times, and the fastest of each is judged. Quadratic work would be 16×.
      let small = Number.POSITIVE_INFINITY;
      let large = Number.POSITIVE_INFINITY;
      for (let attempt = 0; attempt < 3; attempt++) {
        small = Math.min(small, cost(unit, 20_000));
        large = Math.min(large, cost(unit, 80_000));
        if (large <= 8 * small + 5_000) break;
      }
      assert.ok(large <= 8 * small + 5_000, `${large} µs against ${small} µs`);
    });
  }
});
