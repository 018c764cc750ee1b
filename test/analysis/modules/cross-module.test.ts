import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { ESLint } from 'eslint';
import plugin from '../../../plugin/index.js';
import { parsedModuleFiles } from '../../../analysis/modules/load.js';
import { REPO_ROOT } from '../../setup/temp-tree.js';

/**
 * Other modules read from inside the rules (analysis/modules): real files in
 * a temporary project, linted by ESLint. Aliases, re-exports, CommonJS,
 * cycles, modules that cannot be read or parsed, the project boundary, the
 * per-process cache (an edited module is read again), the order files are
 * linted in, and ESLint's --concurrency workers.
 */

const r = String.raw;
const HOSTS = r`C:\Windows\System32\drivers\etc\hosts`;
const roots: string[] = [];

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'wimboot-modules-'));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

function eslintFor(root: string): ESLint {
  return new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      plugin.configs.recommended,
      { files: ['**/*.js'], languageOptions: { sourceType: 'module', ecmaVersion: 'latest' } },
    ] as never,
    ignore: false,
  });
}

/** `file:line message` of every wimboot finding, sorted, paths relative to the project. */
async function lint(root: string, files: readonly string[], eslint = eslintFor(root)): Promise<string[]> {
  const results = await eslint.lintFiles(files.map((file) => join(root, file)));
  return results
    .flatMap((result) =>
      result.messages
        .filter((message) => message.ruleId?.startsWith('wimboot/') === true || message.fatal === true)
        .map((message) => `${result.filePath.slice(root.length + 1)}:${message.line} ${message.message}`),
    )
    .sort();
}

const WRAPPER = `import fs from 'node:fs';\nexport function save(file, data) {\n  fs.writeFileSync(file, data);\n}\n`;

after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('cross-module analysis', () => {
  it('follows a tsconfig paths alias to a wrapper and names where its write is', async () => {
    const root = project({
      'tsconfig.json':
        '{ // comments are allowed\n "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"] }, }, }\n',
      'src/utils/io.js': WRAPPER,
      'src/main.js': r`import { save } from '@/utils/io';` + `\nsave('C:\\\\Windows\\\\win.ini', 'x');\n`,
    });
    const [finding, ...rest] = await lint(root, ['src/main.js']);
    assert.deepEqual(rest, []);
    assert.match(
      finding ?? '',
      /^src\/main\.js:2 save\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(src\/utils\/io\.js:3\)/u,
    );
  });

  it('names the line of a write in another module from its text (CRLF, CR and LF line breaks; JS and TS)', async () => {
    // Modules read from disk keep no `loc` (analysis/ast.ts prepareParsedModule): the line comes from the range.
    const wrapper = (eol: string): string =>
      [
        '// a wrapper',
        "import fs from 'node:fs';",
        '',
        'export function save(file, data) {',
        '  fs.writeFileSync(file, data);',
        '}',
        '',
      ].join(eol);
    const root = project({
      'src/crlf.js': wrapper('\r\n'),
      'src/cr.js': wrapper('\r'),
      'src/lf.ts': wrapper('\n').replace('(file, data)', '(file: string, data: string)'),
      'src/main.js': [
        "import { save as a } from './crlf.js';",
        "import { save as b } from './cr.js';",
        "import { save as c } from './lf.js';",
        r`a('C:\\Windows\\win.ini', 'x');`,
        r`b('C:\\Windows\\win.ini', 'x');`,
        r`c('C:\\Windows\\win.ini', 'x');`,
        '',
      ].join('\n'),
    });
    const findings = await lint(root, ['src/main.js']);
    assert.deepEqual(
      findings.map((finding) => /^(src\/main\.js:\d) \w+\(\) passes .* \((src\/[\w.]+:\d+)\)/u.exec(finding)?.slice(1)),
      [
        ['src/main.js:4', 'src/crlf.js:5'],
        ['src/main.js:5', 'src/cr.js:5'],
        ['src/main.js:6', 'src/lf.ts:5'],
      ],
    );
  });

  it('resolves baseUrl specifiers, .js written for a .ts source, and index files', async () => {
    const root = project({
      'jsconfig.json': '{ "compilerOptions": { "baseUrl": "src" } }\n',
      'src/lib/paths/index.ts': r`export const HOSTS = 'C:\\Windows\\System32\\drivers\\etc\\hosts';` + '\n',
      'src/lib/hosts.ts': `export { HOSTS } from './paths/index.js';\n`,
      'src/main.js': `import fs from 'node:fs';\nimport { HOSTS } from 'lib/hosts';\nfs.appendFileSync(HOSTS, '127.0.0.1 dev');\n`,
    });
    const [finding, ...rest] = await lint(root, ['src/main.js']);
    assert.deepEqual(rest, []);
    assert.ok(finding?.startsWith(`src/main.js:3 fs.appendFileSync appends to "${HOSTS}"`), finding);
  });

  it('reads CommonJS exports, re-exports, defaults and awaited default-exported async functions', async () => {
    const root = project({
      'paths.cjs': r`module.exports = { hostsPath: process.env.windir + '\\System32\\drivers\\etc\\hosts' };` + '\n',
      'io.cjs': `const fs = require('fs');\nmodule.exports = { write(name, text) { return new Promise((ok) => fs.writeFile(name, text, ok)); } };\n`,
      'main.cjs': `const io = require('./io.cjs');\nconst { hostsPath } = require('./paths.cjs');\nio.write(hostsPath, 'x');\n`,
      'where.js': r`export default async () => 'C:\\Windows\\System32\\drivers\\etc\\hosts';` + '\n',
      'star.js': `export * from './named.js';\n`,
      'named.js': r`export const FONTS = 'C:\\Windows\\Fonts';` + '\n',
      'esm.js': [
        `import fs from 'node:fs';`,
        `import where from './where.js';`,
        `import * as all from './star.js';`,
        `const target = await where();`,
        `fs.writeFileSync(target, 'x');`,
        `fs.copyFileSync('a.ttf', all.FONTS + '\\\\a.ttf');`,
        '',
      ].join('\n'),
    });
    const found = await lint(root, ['main.cjs', 'esm.js']);
    assert.equal(found.length, 3, found.join('\n'));
    assert.match(
      found[0] ?? '',
      /^esm\.js:5 fs\.writeFileSync overwrites "C:\\Windows\\System32\\drivers\\etc\\hosts"/u,
    );
    assert.match(found[1] ?? '', /^esm\.js:6 fs\.copyFileSync replaces "C:\\Windows\\Fonts\\a\.ttf"/u);
    assert.match(
      found[2] ?? '',
      /^main\.cjs:3 io\.write\(\) passes "C:\\Windows\\System32\\drivers\\etc\\hosts" to fs\.writeFile \(io\.cjs:2\)/u,
    );
  });

  it('finds a name in the second of several `export *` modules, and a retry wrapper made in another module', async () => {
    const root = project({
      'lib/paths.mjs': r`export const HOSTS_FILE = 'C:\\Windows\\System32\\drivers\\etc\\hosts';` + '\n',
      'lib/io.mjs': `import fs from 'node:fs';\nexport function writeText(file, text) {\n  fs.writeFileSync(file, text);\n}\n`,
      'lib/retry.mjs': [
        `export function retry(fn, times = 3) {`,
        `  return async (...args) => {`,
        `    for (let i = 0; ; i++) {`,
        `      try { return await fn(...args); } catch (error) { if (i >= times) throw error; }`,
        `    }`,
        `  };`,
        `}`,
        '',
      ].join('\n'),
      'lib/index.mjs': `export * from './paths.mjs';\nexport * from './io.mjs';\nexport * from './retry.mjs';\n`,
      'main.mjs': [
        `import fs from 'node:fs';`,
        `import { HOSTS_FILE, writeText, retry } from './lib/index.mjs';`,
        `writeText(HOSTS_FILE, 'a');`,
        `writeText('out.txt', 'b');`,
        `const safeWrite = retry((file, data) => fs.promises.writeFile(file, data));`,
        `await safeWrite(HOSTS_FILE, 'c');`,
        `await safeWrite('out.txt', 'd');`,
        `await retry(fs.promises.appendFile)(HOSTS_FILE, 'e');`,
        '',
      ].join('\n'),
    });
    const found = await lint(root, ['main.mjs']);
    assert.deepEqual(
      found.map((finding) =>
        /^(main\.mjs:\d) (.+?\(\)) passes "([^"]+)" to ([\w.]+) \(([\w/.]+:\d+|line \d+)\)/u.exec(finding)?.slice(1),
      ),
      [
        ['main.mjs:3', 'writeText()', HOSTS, 'fs.writeFileSync', 'lib/io.mjs:3'],
        ['main.mjs:6', 'safeWrite()', HOSTS, 'fs.promises.writeFile', 'line 5'],
        ['main.mjs:8', 'retry(fs.promises.appendFile)()', HOSTS, 'fs.promises.appendFile', 'lib/retry.mjs:4'],
      ],
    );
  });

  it('calls a file API another module holds under a name of its own (a promisified fs function, an FFI binding)', async () => {
    const root = project({
      'io.cjs': [
        `const fs = require('fs');`,
        `const { promisify } = require('util');`,
        `exports.saveFile = promisify(fs.writeFile);`,
        `exports.loadFile = promisify(fs.readFile);`,
        '',
      ].join('\n'),
      'native.cjs': [
        `const koffi = require('koffi');`,
        `const k32 = koffi.load('kernel32.dll');`,
        `exports.openHandle = k32.func('HANDLE __stdcall CreateFileW(str16, uint32, uint32, void *, uint32, uint32, void *)');`,
        '',
      ].join('\n'),
      'main.cjs': [
        `const io = require('./io.cjs');`,
        `const native = require('./native.cjs');`,
        r`io.saveFile('C:\\Windows\\System32\\drivers\\etc\\hosts', 'x');`,
        r`io.loadFile('C:\\Windows\\System32\\drivers\\etc\\hosts');`,
        r`native.openHandle('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
        r`native.openHandle('C:\\Windows\\win.ini', 0x80000000, 0, null, 3, 0, null);`,
        '',
      ].join('\n'),
    });
    const found = await lint(root, ['main.cjs']);
    assert.deepEqual(
      found.map((finding) => finding.replace(/:.*$/u, (rest) => rest.slice(0, 40))),
      ['main.cjs:3 fs.writeFile overwrites "C:\\Windows\\S', 'main.cjs:5 CreateFileW opens "C:\\Windows\\win.ini'],
    );
  });

  it('reads JSON modules and CommonJS barrels (Object.assign, spreads, tsc __exportStar)', async () => {
    const root = project({
      'config.json': r`{ "hostsFile": "C:\\Windows\\System32\\drivers\\etc\\hosts", "log": "./app.log" }` + '\n',
      'broken.json': r`{ "hostsFile": "C:\\Windows\\win.ini", }` + '\n',
      'paths.cjs': r`exports.HOSTS = 'C:\\Windows\\System32\\drivers\\etc\\hosts';` + `\nexports.LOG = './app.log';\n`,
      'io.cjs': `const fs = require('fs');\nexports.save = function save(file, data) { fs.writeFileSync(file, data); };\n`,
      'assign.cjs': `Object.assign(module.exports, require('./paths.cjs'), require('./io.cjs'));\n`,
      'spread.cjs': `module.exports = { ...require('./paths.cjs'), ...require('./io.cjs') };\n`,
      'star.cjs': [
        '"use strict";',
        'var __exportStar = (this && this.__exportStar) || function (m, exports) {',
        '  for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) exports[p] = m[p];',
        '};',
        'Object.defineProperty(exports, "__esModule", { value: true });',
        '__exportStar(require("./paths.cjs"), exports);',
        '',
      ].join('\n'),
      'main.cjs': [
        `const fs = require('fs');`,
        `const config = require('./config.json');`,
        `fs.writeFileSync(config.hostsFile, 'a');`,
        `fs.writeFileSync(config.log, 'b');`,
        `fs.writeFileSync(require('./config').hostsFile, 'c');`,
        `fs.writeFileSync(require('./broken.json').hostsFile, 'd');`,
        `const a = require('./assign.cjs'); a.save(a.HOSTS, 'e');`,
        `const { HOSTS, save } = require('./spread.cjs'); save(HOSTS, 'f');`,
        `fs.writeFileSync(require('./star.cjs').HOSTS, 'g');`,
        `fs.writeFileSync(require('./assign.cjs').LOG, 'h'); save(require('./spread.cjs').LOG, 'i');`,
        '',
      ].join('\n'),
      'esm.js': `import fs from 'node:fs';\nimport config from './config.json' with { type: 'json' };\nfs.writeFileSync(config.hostsFile, 'x');\n`,
    });
    const found = await lint(root, ['main.cjs', 'esm.js']);
    assert.deepEqual(
      found.map((finding) => finding.replace(/ \(.*$/u, '').replace(/"[^"]*"/u, (path) => path.slice(-6))),
      [
        'esm.js:3 fs.writeFileSync overwrites hosts"',
        'main.cjs:3 fs.writeFileSync overwrites hosts"',
        'main.cjs:5 fs.writeFileSync overwrites hosts"',
        'main.cjs:7 a.save() passes hosts" to fs.writeFileSync',
        'main.cjs:8 save() passes hosts" to fs.writeFileSync',
        'main.cjs:9 fs.writeFileSync may overwrite hosts"',
      ],
    );
  });

  it('calls and constructs a module whose module.exports is a function or a class', async () => {
    // One row per shape: the exporting module, the call in main.cjs (after its line 1), and the line reported, if any.
    const rows: readonly { exported: string; call: string; reported: number | undefined }[] = [
      {
        exported: `module.exports = function save(p, t) { fs.writeFileSync(p, t); };`,
        call: `const save = require('./io.cjs');\nsave(HOSTS, 'x');`,
        reported: 3,
      },
      {
        exported: `module.exports = (p) => fs.appendFileSync(p, 'x');`,
        call: `const append = require('./io.cjs');\nappend(HOSTS);`,
        reported: 3,
      },
      {
        exported: `class Store { constructor(p) { this.p = p; } save(t) { fs.writeFileSync(this.p, t); } }\nmodule.exports = Store;`,
        call: `const Store = require('./io.cjs');\nnew Store(HOSTS).save('x');`,
        reported: 3,
      },
      {
        exported: `module.exports = class { constructor(p) { this.p = p; } save(t) { fs.writeFileSync(this.p, t); } };`,
        call: `const Store = require('./io.cjs');\nconst s = new Store(HOSTS);\ns.save('x');`,
        reported: 3,
      },
      {
        exported: `module.exports = class { constructor(p) { this.p = p; } save(t) { fs.writeFileSync(this.p, t); } };`,
        call: `const Store = require('./io.cjs');\nnew Store('/tmp/out.txt').save('x');`,
        reported: undefined,
      },
      {
        exported: `module.exports = function save(p, t) { fs.readFileSync(p, 'utf8'); };`,
        call: `const save = require('./io.cjs');\nsave(HOSTS, 'x');`,
        reported: undefined,
      },
      // Constructor functions (ES5 classes): the prototype's methods write what the constructor was given.
      {
        exported: `function Store(p) { this.p = p; }\nStore.prototype.save = function (t) { fs.writeFileSync(this.p, t); };\nmodule.exports = Store;`,
        call: `var Store = require('./io.cjs');\nvar s = new Store(HOSTS);\ns.save('x');`,
        reported: 3,
      },
      {
        exported: `function Store(p) { this.p = p; }\nStore.prototype = { save: function (t) { var self = this; fs.appendFile(self.p, t, function () {}); } };\nexports.Store = Store;`,
        call: `var Store = require('./io.cjs').Store;\nnew Store(HOSTS).save('x');`,
        reported: 3,
      },
      {
        exported: `function Store(p) { this.p = p; this.save = function (t) { fs.writeFileSync(this.p, t); }; }\nmodule.exports = Store;`,
        call: `var Store = require('./io.cjs');\nnew Store(HOSTS).save('x');`,
        reported: 3,
      },
      {
        exported: `function Store(p) { this.p = p; }\nStore.prototype.save = function (t) { fs.writeFileSync(this.p, t); };\nmodule.exports = Store;`,
        call: `var Store = require('./io.cjs');\nnew Store('/tmp/out.txt').save('x');`,
        reported: undefined,
      },
    ];
    for (const row of rows) {
      const root = project({
        'io.cjs': `const fs = require('fs');\n${row.exported}\n`,
        'main.cjs': r`const HOSTS = 'C:\\Windows\\System32\\drivers\\etc\\hosts';` + `\n${row.call}\n`,
      });
      const found = await lint(root, ['main.cjs']);
      if (row.reported === undefined) {
        assert.deepEqual(found, [], row.call);
        continue;
      }
      assert.equal(found.length, 1, `${row.call}\n${found.join('\n')}`);
      assert.match(
        found[0] ?? '',
        new RegExp(
          `^main\\.cjs:${row.reported} .*passes "C:\\\\Windows\\\\System32\\\\drivers\\\\etc\\\\hosts" to fs\\.\\w+ \\(io\\.cjs:\\d\\)`,
          'u',
        ),
        row.call,
      );
    }
  });

  it('reads members given to an exported object after it was created', async () => {
    const root = project({
      'paths.cjs':
        r`const paths = {};` +
        '\n' +
        r`paths.hosts = 'C:\\Windows\\System32\\drivers\\etc\\hosts';` +
        `\npaths.log = require('os').tmpdir() + '/app.log';\nmodule.exports = paths;\n`,
      'main.cjs': `const fs = require('fs');\nconst paths = require('./paths.cjs');\nfs.writeFileSync(paths.hosts, 'x');\nfs.writeFileSync(paths.log, 'x');\n`,
    });
    const found = await lint(root, ['main.cjs']);
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(
      found[0] ?? '',
      /^main\.cjs:3 fs\.writeFileSync may overwrite "C:\\Windows\\System32\\drivers\\etc\\hosts"/u,
    );
  });

  it('resolves the imports of a service-using module from its own folder, two imports away', async () => {
    const root = project({
      'main.js': `import { install } from './sub/index.js';\n` + r`install('C:\\Windows\\hud.ini');` + '\n',
      'sub/index.js': `export * from './deep/wrap.js';\n`,
      'sub/deep/wrap.js': `import { service } from './svc.js';\nexport function install(p) {\n  service.fs.copySync('hud', p);\n}\n`,
      'sub/deep/svc.js': `import fs from 'fs-extra';\nexport const service = { fs };\n`,
    });
    const found = await lint(root, ['main.js']);
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0] ?? '', /^main\.js:2 install\(\) passes "C:\\Windows\\hud\.ini" to fs-extra\.copySync/u);
  });

  it('follows a file API held by a service of another module, called by a file that names no file module', async () => {
    // angular-electron's ElectronService: one module requires fs, the others call `service.fs.copySync(…)`.
    const service = `export class ElectronService {\n  constructor() {\n    this.fs = window.require('fs-extra');\n  }\n}\n`;
    const root = project({
      'core/services/electron.service.js': service,
      'core/services/index.js': `export * from './electron.service.js';\n`,
      'app.js':
        `import { ElectronService } from './core/services/index.js';\nconst electron = new ElectronService();\n` +
        r`electron.fs.copySync('hud', 'C:\\Program Files (x86)\\Steam\\steamapps\\common\\Team Fortress 2\\tf\\custom\\hud');` +
        `\nelectron.fs.copySync('hud', 'D:\\\\mods\\\\hud');\n`,
      // The same calls in a module that imports no module naming a file API: the gate keeps it closed.
      'other.js': `import { helper } from './helper.js';\nhelper.fs.copySync('hud', 'C:\\\\Windows\\\\hud');\n`,
      'helper.js': `export const helper = { fs: null };\n`,
    });
    const found = await lint(root, ['app.js', 'other.js']);
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(
      found[0] ?? '',
      /^app\.js:3 fs-extra\.copySync replaces "C:\\Program Files \(x86\)\\Steam\\steamapps\\common\\Team Fortress 2\\tf\\custom\\hud" \(destination\)/u,
    );
  });
  it('follows fs handed to another module that names no file module (a store class, a helper with a path of its own)', async () => {
    const store =
      `export class Store {\n  constructor(io) {\n    this.io = io;\n  }\n  save(p) {\n    this.io.writeFileSync(p, 'x');\n  }\n}\n` +
      r`export function putHosts(io) { io.writeFileSync('C:\\Windows\\System32\\drivers\\etc\\hosts', ''); }` +
      `\n`;
    const root = project({
      'lib/store.js': store,
      'main.js':
        `import fs from 'node:fs';\nimport { Store, putHosts } from './lib/store.js';\n` +
        r`new Store(fs).save('C:\\Windows\\win.ini');` +
        `\nputHosts(fs);\n` +
        r`new Store(fs).save('D:\\data\\win.ini');` +
        `\n`,
      // An object of its own handed over: no file API, silent.
      'mem.js': `import { Store, putHosts } from './lib/store.js';\nconst mem = { writeFileSync() {} };\nnew Store(mem).save('C:\\\\Windows\\\\win.ini');\nputHosts(mem);\n`,
    });
    const found = await lint(root, ['main.js', 'mem.js']);
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(
      found[0] ?? '',
      /^main\.js:3 new Store\(fs\)\.save\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(lib\/store\.js:6\)/u,
    );
    assert.match(
      found[1] ?? '',
      /^main\.js:4 putHosts\(\) calls fs\.writeFileSync, given here, on "C:\\Windows\\System32\\drivers\\etc\\hosts" \(lib\/store\.js:9\)/u,
    );
  });

  it('reads only the modules a question needs: not those of helpers that name no file API, only read, or define no name called', async () => {
    const root = project({
      'io.js': WRAPPER,
      // Names no file module, but re-exports one that does: its export may be a file API.
      'reexport.js': `export { put } from './fsx.js';\n`,
      'fsx.js': `import fs from 'node:fs';\nexport const put = fs.writeFileSync;\n`,
      // Imports the writer but defines no name main.js calls: never parsed.
      'report.js': `import { save } from './io.js';\nexport function publish(text) { save('out/report.txt', text); }\n`,
      'math.js': `export function add(a, b) { return a + b; }\n`,
      // Names fs, but only reads, and exports its own top-level functions: never parsed either.
      'config.js': `import fs from 'node:fs';\nexport function readConfig() { return fs.readFileSync('config.json', 'utf8'); }\n`,
      'text.cjs': `const fs = require('fs');\nfunction readText(p) { return fs.readFileSync(p, 'utf8'); }\nmodule.exports = { readText };\n`,
      'main.cjs': `const { readText } = require('./text.cjs');\nreadText('notes.txt');\n`,
      'main.js': [
        `import { save } from './io.js';`,
        `import { put } from './reexport.js';`,
        `import { add } from './math.js';`,
        `import './report.js';`,
        `import { readConfig } from './config.js';`,
        `readConfig();`,
        r`save('C:\\Windows\\win.ini', String(add(1, 2)));`,
        r`put('C:\\Windows\\system.ini', 'x');`,
        `[1, 2].map((n) => add(n, n));`,
        // A global and a package's import that share a name with report.js's writer: never that function.
        r`publish('C:\\Windows\\win.ini');`,
        '',
      ].join('\n'),
      'package-import.mjs': r`import { publish } from 'some-package';` + `\npublish('C:\\Windows\\win.ini');\n`,
    });
    const found = await lint(root, ['main.js', 'main.cjs', 'package-import.mjs']);
    assert.deepEqual(
      found.map((finding) => finding.split(' ').slice(0, 2).join(' ')),
      ['main.js:7 save()', 'main.js:8 fs.writeFileSync'],
      found.join('\n'),
    );
    const parsed = parsedModuleFiles()
      .filter((file) => file.startsWith(root))
      .map((file) => file.slice(root.length + 1))
      .sort();
    assert.deepEqual(parsed, ['fsx.js', 'io.js', 'reexport.js']);
  });

  it('cuts import cycles and stays silent on modules it cannot read or parse, or may not read', async () => {
    const root = project({
      'a.js': r`import { B } from './b.js'; export const A = B + '\\win.ini';` + '\n',
      'b.js': r`import { A } from './a.js'; export const B = 'C:\\Windows'; export const LOOP = A;` + '\n',
      'broken.js': 'export const X = ;\n',
      'locked.js': r`export const X = 'C:\\Windows\\win.ini';` + '\n',
      'node_modules/pkg/index.js': r`export const X = 'C:\\Windows\\win.ini';` + '\n',
      'main.js': [
        `import fs from 'node:fs';`,
        `import { A } from './a.js';`,
        `import { LOOP } from './b.js';`,
        `import { X as broken } from './broken.js';`,
        `import { X as locked } from './locked.js';`,
        `import { X as packaged } from './node_modules/pkg/index.js';`,
        `import { X as outside } from '../outside.js';`,
        `fs.writeFileSync(A, '');`,
        `fs.writeFileSync(LOOP, '');`,
        `fs.writeFileSync(broken, '');`,
        `fs.writeFileSync(locked, '');`,
        `fs.writeFileSync(packaged, '');`,
        `fs.writeFileSync(outside, '');`,
        '',
      ].join('\n'),
    });
    writeFileSync(join(dirname(root), 'outside.js'), r`export const X = 'C:\\Windows\\win.ini';` + '\n');
    chmodSync(join(root, 'locked.js'), 0o000);
    const found = await lint(root, ['main.js']);
    chmodSync(join(root, 'locked.js'), 0o644);
    // Root can read a 000 file: then the locked module is read like any other.
    const readable = process.getuid?.() === 0 ? ['main.js:11'] : [];
    assert.deepEqual(
      found.map((finding) => finding.split(' ')[0]),
      ['main.js:8', 'main.js:9', ...readable].sort(),
      found.join('\n'),
    );
  });

  it('reads a module again when it changes between two lints in one process', async () => {
    const root = project({
      'paths.js': `export const TARGET = 'out/log.txt';\n`,
      'main.js': `import fs from 'node:fs';\nimport { TARGET } from './paths.js';\nfs.appendFileSync(TARGET, 'x');\n`,
    });
    const eslint = eslintFor(root);
    assert.deepEqual(await lint(root, ['main.js'], eslint), []);
    writeFileSync(join(root, 'paths.js'), r`export const TARGET = 'C:\\Program Files\\Acme\\log.txt';` + '\n');
    // Same size would be a different file only by mtime: make sure the mtime moves too.
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'paths.js'), later, later);
    const found = await lint(root, ['main.js'], eslintFor(root));
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0] ?? '', /^main\.js:3 fs\.appendFileSync appends to "C:\\Program Files\\Acme\\log\.txt"/u);
  });

  it('finds a module created, or renamed into place, after an earlier lint in the same process', async () => {
    // Specifiers are resolved against directory listings cached by the directory's mtime.
    const root = project({
      'main.js': `import fs from 'node:fs';\nimport { TARGET } from './paths.js';\nfs.appendFileSync(TARGET, 'x');\n`,
      'lib/main.js': `import { save } from './io';\nsave('C:\\\\Windows\\\\win.ini', 'x');\n`,
    });
    const eslint = eslintFor(root);
    assert.deepEqual(await lint(root, ['main.js', 'lib/main.js'], eslint), []);
    writeFileSync(join(root, 'paths.js'), r`export const TARGET = 'C:\\Windows\\win.ini';` + '\n');
    writeFileSync(join(root, 'lib', 'io.tmp'), WRAPPER);
    renameSync(join(root, 'lib', 'io.tmp'), join(root, 'lib', 'io.js'));
    const found = await lint(root, ['main.js', 'lib/main.js'], eslint);
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0] ?? '', /^lib\/main\.js:2 save\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync/u);
    assert.match(found[1] ?? '', /^main\.js:3 fs\.appendFileSync appends to "C:\\Windows\\win\.ini"/u);
  });

  it('finds the same whatever order the files are linted in', async () => {
    const root = project({
      'io.js': WRAPPER,
      'paths.js': r`export const INI = 'C:\\Windows\\win.ini';` + '\n',
      'a.js': `import { save } from './io.js';\nimport { INI } from './paths.js';\nsave(INI, 'a');\n`,
      'b.js': `import fs from 'node:fs';\nimport { INI } from './paths.js';\nfs.writeFileSync(INI, 'b');\n`,
    });
    const forward = await lint(root, ['a.js', 'b.js', 'io.js', 'paths.js']);
    const backward = await lint(root, ['paths.js', 'io.js', 'b.js', 'a.js']);
    assert.equal(forward.length, 2, forward.join('\n'));
    assert.deepEqual(backward, forward);
  });

  // --concurrency came with ESLint 9.34; the peer test runs this file on the oldest supported ESLint too.
  const [major = 0, minor = 0] = ESLint.version.split('.').map(Number);
  const hasConcurrency = major > 9 || (major === 9 && minor >= 34);
  it(
    'finds the same with eslint --concurrency=2 as with one worker',
    { skip: hasConcurrency ? false : `ESLint ${ESLint.version} has no --concurrency` },
    () => {
      const pluginUrl = pathToFileURL(join(REPO_ROOT, 'dist', 'plugin', 'index.js')).href;
      const files: Record<string, string> = {
        'eslint.config.js': `import wimboot from '${pluginUrl}';\nexport default [wimboot.configs.recommended];\n`,
        'package.json': '{ "type": "module" }\n',
        'io.js': WRAPPER,
        'paths.js': r`export const INI = 'C:\\Windows\\win.ini';` + '\n',
      };
      for (let i = 0; i < 12; i++) {
        files[`src/f${i}.js`] =
          `import { save } from '../io.js';\nimport { INI } from '../paths.js';\nsave(${i % 2 === 0 ? 'INI' : "'out.txt'"}, '${i}');\n`;
      }
      const root = project(files);
      const bin = join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
      const run = (concurrency: string): string[] => {
        const result = spawnSync(process.execPath, [bin, `--concurrency=${concurrency}`, '--format', 'json', '.'], {
          cwd: root,
          encoding: 'utf8',
        });
        assert.ok(result.status === 0 || result.status === 1, result.stderr);
        return (JSON.parse(result.stdout) as ESLint.LintResult[])
          .flatMap((entry) => entry.messages.map((message) => `${entry.filePath}:${message.line} ${message.message}`))
          .sort();
      };
      const serial = run('off');
      assert.equal(serial.length, 6, serial.join('\n'));
      assert.deepEqual(run('2'), serial);
    },
  );
});
