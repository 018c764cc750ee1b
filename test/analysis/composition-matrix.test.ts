import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ESLint, type Linter } from 'eslint';
import plugin from '../../plugin/index.js';

/**
 * The composition matrix (issue 13): every way real code builds a system
 * path × every way the path travels to the write, each combination a small
 * project on disk linted by ESLint with the recommended config. Each row must
 * be reported once, at the write or at the call that passes the path, with
 * the right pattern; each look-alike (app data, LOCALAPPDATA fonts, temp,
 * home) must be silent through every carrier. Generated, so a construct that
 * composes with all but one carrier shows up as one failing cell.
 */

const HOSTS = String.raw`C:\Windows\System32\drivers\etc\hosts`;

interface Source {
  readonly name: string;
  /** The expression naming the path. */
  readonly expression: string;
  /** Lines before the carrier (imports, declarations). */
  readonly setup?: string;
  /** Other modules of the project this source needs, by path. */
  readonly files?: Readonly<Record<string, string>>;
  readonly pattern?: string;
}

const r = String.raw;

const SOURCES: readonly Source[] = [
  { name: 'literal', expression: r`'C:\\Windows\\System32\\drivers\\etc\\hosts'` },
  { name: 'env var', expression: r`process.env.SystemRoot + '\\System32\\drivers\\etc\\hosts'` },
  {
    name: 'path.join',
    setup: `import path from 'node:path';`,
    expression: `path.join(process.env.windir, 'System32', 'drivers', 'etc', 'hosts')`,
  },
  // `${…}` spelled apart so this file's own template does not interpolate it.
  { name: 'template', expression: '`$' + r`{process.env.SystemRoot}\\System32\\drivers\\etc\\hosts` + '`' },
  {
    name: 'platform ternary',
    expression: r`(process.platform === 'win32' ? 'C:\\Windows\\System32\\drivers\\etc\\hosts' : '/etc/hosts')`,
  },
  {
    name: 'object map',
    setup: r`const HOSTS_BY_OS = { win32: 'C:\\Windows\\System32\\drivers\\etc\\hosts', linux: '/etc/hosts' };`,
    expression: 'HOSTS_BY_OS[process.platform]',
  },
  {
    name: 'imported constant',
    setup: `import { HOSTS } from './paths.js';`,
    files: { 'paths.js': r`export const HOSTS = 'C:\\Windows\\System32\\drivers\\etc\\hosts';` },
    expression: 'HOSTS',
  },
  {
    name: 'function return',
    setup: r`function hostsPath() { if (process.platform !== 'win32') return '/etc/hosts'; return 'C:\\Windows\\System32\\drivers\\etc\\hosts'; }`,
    expression: 'hostsPath()',
  },
  {
    name: 'class default',
    setup: r`class Settings { constructor(hosts = 'C:\\Windows\\System32\\drivers\\etc\\hosts') { this.hosts = hosts; } }`,
    expression: 'new Settings().hosts',
  },
  {
    name: 'computed drive',
    setup: r`const letter = String.fromCharCode(67);`,
    expression: '`$' + r`{letter}:\\Windows\\System32\\drivers\\etc\\hosts` + '`',
  },
];

const LOOK_ALIKES: readonly Source[] = [
  {
    name: 'AppData',
    setup: `import path from 'node:path';`,
    expression: `path.join(process.env.APPDATA, 'Acme', 'System32', 'drivers', 'etc', 'hosts')`,
  },
  {
    name: 'LOCALAPPDATA fonts',
    setup: `import path from 'node:path';`,
    expression: `path.join(process.env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts', 'a.ttf')`,
  },
  {
    name: 'temp',
    setup: `import path from 'node:path'; import os from 'node:os';`,
    expression: `path.join(os.tmpdir(), 'Windows', 'System32', 'drivers', 'etc', 'hosts')`,
  },
  {
    name: 'home',
    setup: `import path from 'node:path'; import os from 'node:os';`,
    expression: `path.join(os.homedir(), 'Windows', 'Fonts', 'a.ttf')`,
  },
];

interface Carrier {
  readonly name: string;
  /** The code around the path expression (`$P`); `/*@*\/` marks the line the finding belongs on. */
  readonly code: string;
  readonly files?: Readonly<Record<string, string>>;
}

const CARRIERS: readonly Carrier[] = [
  { name: 'direct', code: `/*@*/ fs.writeFileSync($P, 'x');` },
  {
    name: 'multi-assigned variable',
    code: `let p = '/tmp/x';\nif (a) p = $P;\nelse p = 'out.txt';\n/*@*/ fs.writeFileSync(p, 'x');`,
  },
  {
    name: 'this field',
    code: `class W {\n  constructor() { this.p = $P; }\n  save() {\n/*@*/ fs.writeFileSync(this.p, 'x'); }\n}`,
  },
  {
    name: 'options default (function)',
    code: `function save({ file = $P, data = '' } = {}) {\n/*@*/ fs.writeFileSync(file, data); }\nsave({ data: 'x' });`,
  },
  {
    name: 'options default (constructor)',
    code: `class H {\n  constructor({ file = $P } = {}) { this.file = file; }\n  save() {\n/*@*/ fs.writeFileSync(this.file, 'x'); }\n}`,
  },
  {
    name: 'this in an object-literal method',
    code: `const store = {\n  p: $P,\n  save() {\n/*@*/ fs.writeFileSync(this.p, 'x'); },\n};\nstore.save();`,
  },
  {
    name: 'member of a this field, set later',
    code: `class W {\n  constructor() { this.cfg = {}; this.cfg.p = $P; }\n  save() {\n/*@*/ fs.writeFileSync(this.cfg.p, 'x'); }\n}`,
  },
  {
    name: 'constructor function (ES5 class)',
    code: `function Store(p) { this.p = p; }\nStore.prototype.save = function () {\n  var self = this;\n  fs.writeFileSync(self.p, 'x');\n};\n/*@*/ new Store($P).save();`,
  },
  {
    name: 'Object.assign(this, options)',
    code: `class Store {\n  constructor(options) { Object.assign(this, { name: 'x' }, options); }\n  save() { fs.writeFileSync(this.file, 'x'); }\n}\n/*@*/ new Store({ file: $P }).save();`,
  },
  {
    name: 'Object.assign(this, defaults)',
    code: `const DEFAULTS = { file: $P };\nclass Store {\n  constructor() { Object.assign(this, DEFAULTS); }\n  save() {\n/*@*/ fs.writeFileSync(this.file, 'x'); }\n}`,
  },
  {
    name: 'subclass field, inherited method (other module)',
    code: `import Target from './target.js';\nclass Hosts extends Target {\n  file = $P;\n}\n/*@*/ new Hosts().save('x');`,
    files: {
      'target.js': `import fs from 'node:fs';\nexport default class Target {\n  file = 'out.txt';\n  save(d) { fs.writeFileSync(this.file, d); }\n}`,
    },
  },
  {
    name: 'options merged by a spread (helper)',
    code: `const DEFAULTS = { file: 'out.txt', mode: 'w' };\nfunction save(options) {\n  const opts = { ...DEFAULTS, ...options };\n  fs.writeFileSync(opts.file, 'x');\n}\n/*@*/ save({ file: $P });`,
  },
  {
    name: 'options merged with defaults, then spread again',
    code: `const DEFAULTS = { file: 'out.txt' };\nfunction save(options) {\n  const opts = Object.assign({}, DEFAULTS, options);\n  const final = { ...opts, mode: 'w' };\n  fs.writeFileSync(final.file, 'x');\n}\n/*@*/ save({ file: $P });`,
  },
  {
    name: 'options merged into a field, member set later',
    code: `class Svc {\n  constructor(opts) {\n    this.opts = Object.assign({}, { args: [] }, opts);\n    this.opts.target = this.opts.target || this.opts.root;\n  }\n  get target() { return this.opts.target; }\n  install() { fs.writeFileSync(this.target, 'x'); }\n}\n/*@*/ new Svc({ root: $P }).install();`,
  },
  {
    name: 'trailing spread into the API (rest parameter)',
    code: `function put(...args) { fs.copyFileSync(...args); }\n/*@*/ put('a.txt', $P);`,
  },
  { name: 'object field', code: `const cfg = { name: 'x' };\ncfg.p = $P;\n/*@*/ fs.writeFileSync(cfg.p, 'x');` },
  { name: 'helper parameter', code: `function save(p, d) { fs.writeFileSync(p, d); }\n/*@*/ save($P, 'x');` },
  { name: 'method', code: `const io = { save(p) { return fs.writeFileSync(p, 'x'); } };\n/*@*/ io.save($P);` },
  {
    name: 'static method',
    code: `class FileUtil { static save(p) { fs.writeFileSync(p, 'x'); } }\n/*@*/ FileUtil.save($P);`,
  },
  { name: 'callback', code: `const save = (p) => fs.writeFileSync(p, 'x');\n[$P].forEach((p) =>\n/*@*/ save(p));` },
  { name: 'bound alias', code: `const put = fs.writeFileSync.bind(fs);\n/*@*/ put($P, 'x');` },
  {
    name: 'higher-order function given the API',
    code: `function run(fn, p) { return fn(p, 'x'); }\n/*@*/ run(fs.writeFileSync, $P);`,
  },
  {
    name: 'retry wrapper closure (other module)',
    code: `import { retry } from './retry.js';\nconst safeWrite = retry((file) => fs.writeFileSync(file, 'x'));\n/*@*/ safeWrite($P);`,
    files: { 'retry.js': `export const retry = (fn) => (...args) => fn(...args);` },
  },
  {
    name: 'promisified module',
    code: `import Bluebird from 'bluebird';\nconst pfs = Bluebird.promisifyAll(fs);\n/*@*/ pfs.writeFileAsync($P, 'x');`,
  },
  {
    name: 'other module',
    code: `import { save } from './io.js';\n/*@*/ save($P);`,
    files: { 'io.js': `import fs from 'node:fs';\nexport function save(file) { fs.writeFileSync(file, 'x'); }` },
  },
  {
    name: 'two modules away',
    code: `import store from './store.js';\n/*@*/ store.put($P);`,
    files: {
      'store.js': `import { writeText } from './low.js';\nexport default { put(target) { return writeText(target); } };`,
      'low.js': `import { promises as fsp } from 'node:fs';\nexport async function writeText(file) { await fsp.writeFile(file, 'x'); }`,
    },
  },
];

interface Cell {
  readonly source: Source;
  readonly carrier: Carrier;
  readonly folder: string;
  readonly line: number;
}

function cellsOf(sources: readonly Source[], root: string, prefix: string): Cell[] {
  const cells: Cell[] = [];
  for (const [s, source] of sources.entries()) {
    for (const [c, carrier] of CARRIERS.entries()) {
      const folder = join(root, `${prefix}-${s}-${c}`);
      const body = carrier.code.replace('$P', source.expression);
      const main = [`import fs from 'node:fs';`, source.setup ?? '', body].join('\n');
      const line = main.split('\n').findIndex((text) => text.includes('/*@*/')) + 1;
      const files = { ...source.files, ...carrier.files, 'main.js': main };
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(dirname(join(folder, name)), { recursive: true });
        writeFileSync(join(folder, name), text);
      }
      cells.push({ source, carrier, folder, line });
    }
  }
  return cells;
}

describe('composition matrix: sources × carriers', () => {
  const root = mkdtempSync(join(tmpdir(), 'wimboot-matrix-'));
  const cells = cellsOf(SOURCES, root, 'system');
  const lookAlikes = cellsOf(LOOK_ALIKES, root, 'look-alike');
  const results = new Map<string, Linter.LintMessage[]>();

  before(async () => {
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        plugin.configs.recommended,
        { languageOptions: { sourceType: 'module', ecmaVersion: 'latest' } },
      ],
      ignore: false,
    });
    for (const result of await eslint.lintFiles(
      [...cells, ...lookAlikes].map((cell) => join(cell.folder, 'main.js')),
    )) {
      results.set(
        dirname(result.filePath),
        result.messages.filter(
          (message) => message.ruleId === 'wimboot/no-system-file-write' || message.fatal === true,
        ),
      );
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const cell of cells) {
    it(`${cell.source.name} × ${cell.carrier.name}: reported once, on its line, with the hosts pattern`, () => {
      const messages = results.get(cell.folder) ?? [];
      if (process.env.MATRIX_VERBOSE !== undefined)
        console.log(cell.source.name, '×', cell.carrier.name, messages[0]?.message);
      assert.equal(messages.length, 1, JSON.stringify(messages.map((message) => message.message)));
      const [message] = messages;
      assert.equal(message?.line, cell.line, message?.message);
      assert.match(
        message?.message ?? '',
        /\[wimboot-path: (?:[^\]]* \| )?C:\\Windows\\System32\\drivers\\etc\\hosts(?: \|[^\]]*)?\]$/u,
      );
      assert.ok((message?.message ?? '').includes(cell.source.pattern ?? HOSTS));
    });
  }
  for (const cell of lookAlikes) {
    it(`${cell.source.name} × ${cell.carrier.name}: silent`, () => {
      assert.ok(results.has(cell.folder), 'the cell was linted');
      assert.deepEqual(
        (results.get(cell.folder) ?? []).map((message) => message.message),
        [],
      );
    });
  }
});
