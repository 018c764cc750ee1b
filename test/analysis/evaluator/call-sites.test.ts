import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ParseOptions, type RenderedCallSite, probeCallSites } from './harness.js';

/**
 * Helper parameters resolved from their call sites
 * (analysis/evaluator/call-sites.ts): the probed expression inside a helper
 * depends on a parameter; each row lists, per call site that feeds it, the
 * helper named in the finding, the node the finding is reported on and the
 * values there. Which of them are system paths is the classifier's business.
 */

const r = String.raw;
const WIN_INI = r`C:\Windows\win.ini`;

interface CallSiteRow extends ParseOptions {
  readonly code: string;
  readonly expected: readonly RenderedCallSite[];
  readonly todo?: string;
}

const site = (helper: string, at: string, values: string[], complete = true): RenderedCallSite => ({
  helper,
  at,
  values,
  complete,
});

const rows: CallSiteRow[] = [
  {
    code: r`function save(file, data) { probe(file); } save('C:\\Windows\\win.ini', text);`,
    expected: [site('save', r`'C:\\Windows\\win.ini'`, [WIN_INI])],
  },
  // Every call site is listed, the safe ones too…
  {
    code: r`function save(file) { probe(file); } save('C:\\Windows\\win.ini'); save('D:\\out.txt');`,
    expected: [site('save', r`'C:\\Windows\\win.ini'`, [WIN_INI]), site('save', r`'D:\\out.txt'`, [r`D:\out.txt`])],
  },
  // …but a plainly relative path where the written path starts cannot name a system file: not instantiated.
  {
    code: r`function save(file) { probe(file + '.json'); } save('C:\\Windows\\win'); save('out/state');`,
    expected: [site('save', r`'C:\\Windows\\win'`, [WIN_INI.replace('.ini', '.json')])],
  },
  {
    code: r`const save = (file) => probe(file); save(process.env.SystemRoot + '\\win.ini');`,
    expected: [site('save', r`process.env.SystemRoot + '\\win.ini'`, [WIN_INI])],
  },
  {
    code: r`const save = function (file) { probe(file); }; save('C:\\Windows\\win.ini');`,
    expected: [site('save', r`'C:\\Windows\\win.ini'`, [WIN_INI])],
  },
  // The path is only part of the sink's value.
  {
    code: r`function save(name) { probe('C:\\Windows\\' + name); } save('win.ini');`,
    expected: [site('save', `'win.ini'`, [WIN_INI])],
  },
  // The second parameter.
  {
    code: r`function copy(from, to) { probe(to); } copy('a.txt', 'C:\\Windows\\win.ini');`,
    expected: [site('copy', r`'C:\\Windows\\win.ini'`, [WIN_INI])],
  },
  // An omitted argument takes the default: reported on the call.
  {
    code: r`function save(file = 'C:\\Windows\\win.ini') { probe(file); } save();`,
    expected: [site('save', 'save()', [WIN_INI])],
  },
  // Options merged by a spread or Object.assign keep the caller's members: `{ ...DEFAULTS, ...options }.file`.
  {
    code: r`const DEFAULTS = { file: 'out.txt' }; function save(options) { const opts = { ...DEFAULTS, ...options }; probe(opts.file); } save({ file: 'C:\\Windows\\win.ini' });`,
    expected: [site('save', r`{ file: 'C:\\Windows\\win.ini' }`, [WIN_INI])],
  },
  {
    code: r`function save(options) { const opts = Object.assign({}, { mode: 1 }, options); probe(opts.file); } save({ file: 'C:\\Windows\\win.ini' });`,
    expected: [site('save', r`{ file: 'C:\\Windows\\win.ini' }`, [WIN_INI])],
  },
  // A key written before the spread is the spread's when the caller gives it, else its own; written after, its own.
  {
    code: r`function save(options) { probe({ file: 'out.txt', ...options }.file); } save({ file: 'C:\\Windows\\win.ini' }); save({});`,
    expected: [site('save', r`{ file: 'C:\\Windows\\win.ini' }`, [WIN_INI]), site('save', '{}', ['out.txt'])],
  },
  {
    code: r`function save(options) { probe({ ...options, file: 'out.txt' }.file); } save({ file: 'C:\\Windows\\win.ini' });`,
    expected: [],
  },
  // Constructors: the class is what is called.
  {
    code: r`class Store { constructor(file) { probe(file); } } new Store('C:\\Windows\\win.ini');`,
    expected: [site('new Store', r`'C:\\Windows\\win.ini'`, [WIN_INI])],
  },
  {
    code: r`const Store = class { constructor(file) { probe(file); } }; new Store('C:\\Windows\\win.ini');`,
    expected: [site('new Store', r`'C:\\Windows\\win.ini'`, [WIN_INI])],
  },
  // Through two helpers: reported where the outermost one is called.
  {
    code: r`function write(f) { probe(f); } function save(g) { write(g); } save('C:\\Windows\\win.ini');`,
    expected: [site('save', r`'C:\\Windows\\win.ini'`, [WIN_INI])],
  },
  // Four helper levels are followed (summaries nest to MAX_CHAIN)…
  {
    code: r`function a(x) { probe(x); } function b(x) { a(x); } function c(x) { b(x); } function d(x) { c(x); } d('C:\\Windows\\win.ini');`,
    expected: [site('d', r`'C:\\Windows\\win.ini'`, [WIN_INI])],
  },
  // …and no more than the frame bound (MAX_FRAME_DEPTH): eight levels resolve nothing.
  {
    code: r`function a(x) { probe(x); } function b(x) { a(x); } function c(x) { b(x); } function d(x) { c(x); } function e(x) { d(x); } function f(x) { e(x); } function g(x) { f(x); } function h(x) { g(x); } h('C:\\Windows\\win.ini');`,
    expected: [],
  },
  // Recursion stops at the helper already in the chain.
  {
    code: r`function save(f) { probe(f); if (again) save(f); } save('C:\\Windows\\win.ini');`,
    expected: [site('save', r`'C:\\Windows\\win.ini'`, [WIN_INI])],
  },
  // No parameter: nothing to resolve.
  { code: r`function save() { probe('C:\\Windows\\win.ini'); } save();`, expected: [] },
  // A helper that is never called.
  { code: r`function save(file) { probe(file); }`, expected: [] },
  // A call site is any call whose callee evaluates to the helper: an alias, .call, a method, a callback.
  {
    code: r`function save(file) { probe(file); } const alias = save; alias('C:\\Windows\\win.ini');`,
    expected: [site('alias', r`'C:\\Windows\\win.ini'`, [WIN_INI])],
  },
  {
    code: r`function save(file) { probe(file); } save.call(null, 'C:\\Windows\\win.ini');`,
    expected: [site('save', r`'C:\\Windows\\win.ini'`, [WIN_INI])],
  },
  {
    code: r`const io = { write(file) { probe(file); } }; io.write('C:\\Windows\\win.ini');`,
    expected: [site('io.write', r`'C:\\Windows\\win.ini'`, [WIN_INI])],
  },
  {
    code: r`class FileUtil { static write(file) { probe(file); } } FileUtil.write('C:\\Windows\\win.ini');`,
    expected: [site('FileUtil.write', r`'C:\\Windows\\win.ini'`, [WIN_INI])],
  },
  {
    code: r`function save(file) { probe(file); } ['C:\\Windows\\win.ini'].forEach((p) => save(p));`,
    expected: [site('save', 'p', [WIN_INI])],
  },
];

describe('call sites of local helpers', () => {
  for (const row of rows) {
    const sites = row.expected.map((entry) => `${entry.helper}(${entry.at})`).join(', ') || '(none)';
    it(`${row.code} → ${sites}`, row.todo === undefined ? {} : { todo: row.todo }, () => {
      const expected = row.expected.map((entry) => ({ ...entry, values: [...entry.values].sort() }));
      assert.deepEqual(probeCallSites(row.code, row), expected);
    });
  }
});
