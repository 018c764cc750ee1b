import rule from '../../../plugin/rules/no-system-file-write.js';
import { createJsRuleTester, createTsRuleTester } from '../../setup/rule-tester.js';
import { errorAt, message } from './helpers.js';

const r = String.raw;
const ruleTester = createJsRuleTester();
const cjs = { sourceType: 'commonjs' as const };

type Case = {
  code: string;
  errors: { message: RegExp | string; line: number; column: number; endLine: number; endColumn: number }[];
  options?: unknown[];
  settings?: Record<string, unknown>;
  languageOptions?: Record<string, unknown>;
  name?: string;
};

/** One finding reported on `snippet` (the path argument) with a message matched by `expected`. */
function invalid(
  code: string,
  snippet: string | [string, number],
  expected: RegExp | string,
  extra: Partial<Case> = {},
): Case {
  const [text, occurrence] = typeof snippet === 'string' ? [snippet, 1] : snippet;
  return { code, errors: [errorAt(code, text, expected, occurrence)], ...extra };
}

const HOSTS = r`C:\Windows\System32\drivers\etc\hosts`;

ruleTester.run('no-system-file-write', rule as never, {
  valid: [
    // Read-only access to system files.
    r`import fs from 'fs'; fs.openSync('C:\\Windows\\win.ini');`,
    r`import fs from 'fs'; fs.openSync('C:\\Windows\\win.ini', 'r');`,
    r`import fs from 'fs'; fs.openSync('C:\\Windows\\win.ini', 'rs');`,
    r`import fs from 'fs'; fs.openSync('C:\\Windows\\win.ini', fs.constants.O_RDONLY);`,
    r`import fs from 'fs'; fs.openSync('C:\\Windows\\win.ini', (err, fd) => {});`,
    r`import fs from 'fs'; fs.readFileSync('C:\\Windows\\win.ini', 'utf8');`,
    r`import fs from 'fs'; fs.readFileSync('C:\\Windows\\win.ini', { flag: 'r' });`,
    r`import fs from 'fs'; fs.createReadStream('C:\\Windows\\win.ini');`,
    r`import fs from 'fs'; fs.createWriteStream('C:\\Windows\\win.ini', { flags: 'r' });`,
    r`import { readFile } from 'node:fs/promises'; await readFile('C:\\Windows\\win.ini');`,
    r`import fs from 'fs'; fs.copyFileSync('C:\\Windows\\Fonts\\arial.ttf', 'out.ttf');`,
    // An invalid flag throws before any open.
    r`import fs from 'fs'; fs.openSync('C:\\Windows\\win.ini', 'rw');`,
    // Writes outside system locations.
    r`import fs from 'fs'; fs.writeFileSync('C:\\Users\\me\\notes.txt', 'x');`,
    r`import fs from 'fs'; fs.writeFileSync('./out.txt', 'x');`,
    r`import fs from 'fs'; import os from 'os'; import path from 'path'; fs.writeFileSync(path.join(os.tmpdir(), 'x'), '');`,
    r`import fs from 'fs'; import os from 'os'; import path from 'path'; fs.writeFileSync(path.join(os.homedir(), 'x'), '');`,
    r`import fs from 'fs'; import path from 'path'; fs.writeFileSync(path.join(process.env.APPDATA, 'Acme', 'x.json'), '');`,
    r`import fs from 'fs'; fs.copyFileSync('a.ttf', process.env.LOCALAPPDATA + '\\Microsoft\\Windows\\Fonts\\a.ttf');`,
    // Flags a helper chooses from its parameter, read-only for these calls: a ternary, an option, a table.
    r`import fs from 'fs'; function open(p, write = false) { return fs.openSync(p, write ? 'r+' : 'r'); } open('C:\\Windows\\win.ini'); open('C:\\Windows\\win.ini', false);`,
    r`import fs from 'fs'; function open(p, opts = {}) { return fs.openSync(p, opts.readOnly ? 'r' : 'r+'); } open('C:\\Windows\\win.ini', { readOnly: true });`,
    r`import fs from 'fs'; const FLAGS = { ro: 'r', rw: 'r+' }; function open(p, mode = 'ro') { const flags = FLAGS[mode]; return fs.openSync(p, flags); } open('C:\\Windows\\win.ini');`,
    r`import fs from 'fs'; const write = false; fs.openSync('C:\\Windows\\win.ini', write ? 'r+' : 'r');`,
    // A spread forwarding a safe path; a spread that starts before the path's position is not read.
    r`import fs from 'fs'; const write = (...args) => fs.writeFileSync(...args); write('out.txt', '');`,
    r`import fs from 'fs'; const copy = (...args) => fs.copyFileSync(...args); copy('C:\\Windows\\win.ini', 'out.ini');`,
    // A subclass passing a safe path to its parent's constructor.
    r`import fs from 'fs'; class Base { constructor(file) { this.file = file; } save(d) { fs.writeFileSync(this.file, d); } } class Local extends Base { constructor() { super('out.txt'); } } new Local().save('x');`,
    // A computed key naming a read, or one the rule cannot know.
    r`import fs from 'fs'; const method = 'readFileSync'; fs[method]('C:\\Windows\\win.ini');`,
    r`import fs from 'fs'; fs[process.argv[2]]('C:\\Windows\\win.ini', '');`,
    // A higher-order function given a file API, called with safe paths; one given a reader.
    r`import fs from 'fs'; function run(fn, p) { return fn(p, 'x'); } run(fs.writeFileSync, 'out.txt'); run(fs.readFileSync, 'C:\\Windows\\win.ini');`,
    r`import fs from 'fs'; const retry = (fn) => (...args) => fn(...args); const put = retry(fs.writeFileSync); put(process.env.APPDATA + '\\Acme\\acme.ini', 'x');`,
    r`var fs = require('fs'); function save() { return fs.writeFileSync.apply(fs, arguments); } save('out.txt', 'x');`,
    // …a variable of the user's profile is no system folder; without expansion, `%windir%` is a relative name.
    r`import fs from 'fs'; const expand = (s) => s.replace(/%([^%]+)%/g, (m, name) => process.env[name] ?? m); fs.writeFileSync(expand('%LOCALAPPDATA%\\Acme\\log.txt'), 'x');`,
    r`import fs from 'fs'; fs.writeFileSync('%windir%\\System32\\drivers\\etc\\hosts', 'x');`,
    r`import fs from 'fs'; import path from 'path'; fs.writeFileSync(path.join(path.parse(process.cwd()).root, 'build', 'out.txt'), '');`,
    r`import fs from 'fs'; import path from 'path'; fs.writeFileSync(path.parse(userPath).root + 'Windows\\win.ini', '');`,
    // …a setter given only a safe folder; the same member name assigned on an object that is no instance.
    r`const fs = require('fs'); const path = require('path'); class Local { set dir(v) { this._file = path.join(v, 'settings.ini'); } flush() { fs.writeFileSync(this._file, ''); } } const l = new Local(); l.dir = process.env.APPDATA; const other = {}; other.dir = 'C:\\Windows'; l.flush();`,
    // …an object literal's setter given only a user folder; a spread whose destination is not a system file, or
    // whose position depends on the spread's length (`copyFileSync(...pair, 'x')`).
    // …a name made from a hash of a system path's characters is no system path.
    r`import fs from 'fs'; function hash(s) { let h = 0; for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0; return h; } fs.writeFileSync('cache-' + hash('C:\\Windows\\win.ini') + '.json', '');`,
    // …options spread before a key written after them: the key is the function's own.
    r`import fs from 'fs'; function save(options) { const opts = { ...options, file: './state.json' }; fs.writeFileSync(opts.file, ''); } save({ file: 'C:\\Windows\\win.ini' });`,
    // …and a key written again after such a spread: the spread no longer overrides it.
    // …a member assigned only after the write, in straight-line code.
    r`import fs from 'node:fs'; function make() { return { file: './a.ini' }; } const cfg = make(); fs.writeFileSync(cfg.file, ''); cfg.file = 'C:\\Windows\\acme.ini';`,
    // …also when the object is a literal of its own (its later members are read where it is read),
    r`import fs from 'node:fs'; const cfg = { file: 'C:\\Users\\me\\a.ini' }; fs.writeFileSync(cfg.file, ''); cfg.file = 'C:\\Windows\\acme.ini';`,
    r`import fs from 'node:fs'; const cfg = { file: 'C:\\Users\\me\\a.ini' }; fs.writeFileSync(cfg.file, ''); Object.defineProperty(cfg, 'file', { value: 'C:\\Windows\\acme.ini' });`,
    r`import fs from 'node:fs'; const cfg = { file: 'C:\\Users\\me\\a.ini' }; const { file } = cfg; fs.writeFileSync(file, ''); cfg.file = 'C:\\Windows\\acme.ini';`,
    // …and a setter's object left behind: the variable holds a plain object where the member is assigned.
    r`import fs from 'node:fs'; let o = { set file(v) { fs.writeFileSync(v, ''); } }; o = { file: '' }; o.file = 'C:\\Windows\\win.ini';`,
    r`import fs from 'node:fs'; let o = { set file(v) { fs.writeFileSync(v, ''); } }; o.file = 'C:\\Users\\me\\a.ini'; o = { file: null }; o.file = 'C:\\Windows\\win.ini';`,
    // …a member defined again (defineProperty as a statement replaces it, like an assignment).
    r`import fs from 'node:fs'; const cfg = {}; Object.defineProperty(cfg, 'file', { value: 'C:\\Windows\\acme.ini', configurable: true }); Object.defineProperty(cfg, 'file', { value: 'C:\\Users\\me\\a.ini' }); fs.writeFileSync(cfg.file, '');`,
    r`import fs from 'node:fs'; const cfg = {}; cfg.file = 'C:\\Windows\\acme.ini'; Object.defineProperties(cfg, { file: { value: 'C:\\Users\\me\\a.ini' } }); fs.writeFileSync(cfg.file, '');`,
    // …an instance spread over a key: its class's getter is on the prototype, which a spread does not copy.
    r`import fs from 'fs'; class Opts { get file() { return 'C:\\Windows\\win.ini'; } } const o = { file: './a.ini', ...new Opts() }; fs.writeFileSync(o.file, '');`,
    // …options merged, spread again and then overridden.
    r`import fs from 'fs'; function save(options) { const opts = Object.assign({ file: './a.json' }, options); const final = { ...opts, file: './state.json' }; fs.writeFileSync(final.file, ''); } save({ file: 'C:\\Windows\\win.ini' });`,
    // …a member the constructor settles after copying the options (or after a literal of its own).
    r`import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path'; class Cache { constructor(opts) { this.opts = { ...opts }; this.opts.dir = path.join(os.homedir(), '.acme-cache'); } put(name) { fs.writeFileSync(path.join(this.opts.dir, name), ''); } } new Cache({ dir: 'C:\\Program Files\\Acme' }).put('a.bin');`,
    r`import fs from 'node:fs'; class S { constructor() { this.opts = { dir: 'C:\\Windows' }; this.opts.dir = 'C:\\Users\\me\\data'; } save() { fs.writeFileSync(this.opts.dir + '\\a.json', ''); } } new S().save();`,
    r`import fs from 'fs'; function save(options) { const opts = { file: './a.json', ...options, file: './state.json' }; fs.writeFileSync(opts.file, ''); } save({ file: 'C:\\Windows\\win.ini' });`,
    r`import fs from 'fs'; function save(options) { const opts = Object.assign({ file: './a.json' }, options, { file: './state.json' }); fs.writeFileSync(opts.file, ''); } save({ file: 'C:\\Windows\\win.ini' });`,
    r`const fs = require('fs'); const paths = {}; Object.defineProperties(paths, { log: { value: './app.log' }, ini: { get: () => 'C:\\Windows\\win.ini' } }); fs.appendFileSync(paths.log, 'x');`,
    r`const fs = require('fs'); const settings = { set file(v) { fs.writeFileSync(v, ''); } }; settings.file = process.env.APPDATA + '\\acme.ini';`,
    r`import fs from 'fs'; const pair = ['C:\\Windows\\System32\\drivers\\etc\\hosts', 'hosts.bak']; fs.copyFileSync(...pair);`,
    r`import fs from 'fs'; function move(...args) { fs.renameSync(...args); } move('C:\\Windows\\win.ini', 'old.ini');`,
    r`import fs from 'fs'; const pair = ['C:\\Windows\\win.ini']; fs.copyFileSync(...pair, 'copy.ini');`,
    // …an argument list whose elements moved before the spread or the index (shift, unshift, `args[1] = …`).
    r`import fs from 'node:fs'; const args = ['C:\\Users\\me\\z', 'C:\\Windows\\System32\\x.dll', 'C:\\Users\\me\\a.dll']; args.shift(); fs.copyFileSync(...args);`,
    r`import fs from 'node:fs'; const args = ['C:\\Users\\me\\b', 'C:\\Windows\\System32\\x.dll']; args[1] = 'C:\\Users\\me\\a.dll'; fs.copyFileSync(...args);`,
    r`import fs from 'node:fs'; const args = ['C:\\Windows\\System32\\x.dll', 'data']; args[0] = 'C:\\Users\\me\\a.txt'; fs.writeFileSync(...args);`,
    r`import fs from 'node:fs'; const args = ['C:\\Users\\me\\a.dll']; args.unshift('C:\\Windows\\System32\\x.dll'); fs.writeFileSync(args[1], 'x');`,
    r`const fs = require('fs'); const TARGETS = { hosts: 'C:\\Windows\\System32\\drivers\\etc\\hosts', log: './app.log' }; function writeTarget(key, data) { fs.writeFileSync(TARGETS[key], data); } writeTarget('log', 'a');`,
    r`const fs = require('fs'); const _ = require('lodash'); const appendLog = _.partial(fs.appendFileSync, './app.log'); appendLog('x');`,
    r`const fs = require('fs'); class Svc { constructor() { Object.defineProperty(this, 'logFile', { get() { return process.env.APPDATA + '\\Acme\\svc.log'; } }); } log(m) { fs.appendFileSync(this.logFile, m); } } new Svc().log('x');`,
    r`const fs = require('fs'); const path = require('path'); const found = []; found.push(process.env.APPDATA); for (const d of found) fs.writeFileSync(path.join(d, 'x.ini'), '');`,
    // `_.defaults`: the options' own path wins over the default.
    r`const fs = require('fs'); const _ = require('lodash'); const o = _.defaults({ hostsFile: 'out.txt' }, { hostsFile: 'C:\\Windows\\System32\\drivers\\etc\\hosts' }); fs.appendFileSync(o.hostsFile, 'x');`,
    // An inherited method called on a subclass whose field or getter overrides the parent's with a safe path.
    r`import fs from 'fs'; class Base { file = 'out.txt'; save(d) { fs.writeFileSync(this.file, d); } } class Local extends Base { file = 'local.txt'; } new Local().save('x');`,
    r`import fs from 'fs'; class Base { file = 'out.txt'; save(d) { fs.writeFileSync(this.file, d); } } class Roaming extends Base { file = process.env.APPDATA + '\\Acme\\acme.ini'; } new Roaming().save('x');`,
    r`import fs from 'fs'; class Base { get file() { return 'C:\\Windows\\acme.ini'; } save() { fs.readFileSync(this.file); } } class Sub extends Base {} new Sub().save();`,
    // Overwritten before the write, in straight-line code: only the last plain assignment reaches it.
    r`import fs from 'fs'; let target = 'C:\\Windows\\win.ini'; target = 'out.txt'; fs.writeFileSync(target, '');`,
    r`import fs from 'fs'; function save(p = 'C:\\Windows\\win.ini') { p = 'out.txt'; fs.writeFileSync(p, ''); } save();`,
    // A callback a project function calls with a safe path.
    r`import fs from 'fs'; function withFile(file, cb) { return cb(file); } withFile('out.txt', (f) => fs.writeFileSync(f, ''));`,
    // A constructor function given a safe path; a plain function's `this` stays unknown.
    {
      code: r`var fs = require('fs'); function Store(file) { this.file = file; } Store.prototype.save = function () { fs.writeFileSync(this.file, ''); }; new Store('C:\\Users\\me\\x.json').save();`,
      languageOptions: cjs,
    },
    {
      code: r`var fs = require('fs'); function save() { fs.writeFileSync(this.file, ''); } save.call({ file: 'C:\\Windows\\win.ini' });`,
      languageOptions: cjs,
    },
    // Look-alikes.
    r`import fs from 'fs'; fs.writeFileSync('C:\\Windowsill\\x.txt', '');`,
    r`import fs from 'fs'; fs.writeFileSync('C:\\Program Files Backup\\x.txt', '');`,
    r`import fs from 'fs'; fs.writeFileSync('D:\\Windows\\x.txt', '');`,
    r`import fs from 'fs'; fs.writeFileSync('%SystemRoot%\\win.ini', '');`,
    r`import fs from 'fs'; fs.writeFileSync('C:\\Win' + name, '');`,
    // Write-by-design locations and strict-only roots.
    r`import fs from 'fs'; fs.writeFileSync('C:\\Windows\\Temp\\setup.log', '');`,
    r`import fs from 'fs'; fs.writeFileSync('C:\\ProgramData\\Acme\\state.json', '');`,
    // Devices, pipes and volumes are never system files.
    r`import fs from 'fs'; fs.openSync('\\\\.\\pipe\\acme', 'r+');`,
    r`import fs from 'fs'; fs.openSync('\\\\.\\C:', 'r+');`,
    r`import fs from 'fs'; fs.openSync('\\\\.\\PhysicalDrive0', 'r+');`,
    r`import fs from 'fs'; fs.openSync('//./pipe/acme', 'w');`,
    // Network shares that are not admin shares.
    r`import fs from 'fs'; fs.writeFileSync('\\\\server\\share\\Windows\\x', '');`,
    // Unresolved paths stay silent by default.
    r`import fs from 'fs'; export function save(file) { fs.writeFileSync(file, ''); }`,
    r`import fs from 'fs'; fs.writeFileSync(process.env.ACME_OUTPUT, '');`,
    // Attribute-only changes need the option.
    r`import fs from 'fs'; fs.utimesSync('C:\\Windows\\win.ini', 1, 1);`,
    r`import fs from 'fs'; fs.chmodSync('C:\\Windows\\win.ini', 0o644);`,
    // Not Node's fs.
    r`import fs from './my-fs.js'; fs.writeFileSync('C:\\Windows\\win.ini', '');`,
    r`const fs = { writeFileSync() {} }; fs.writeFileSync('C:\\Windows\\win.ini', '');`,
    r`editor.open('C:\\Windows\\win.ini', 'r+');`,
    r`writeFileSync('C:\\Windows\\win.ini', '');`,
    // Helpers called only with safe paths.
    r`import fs from 'fs'; function save(file, data) { fs.writeFileSync(file, data); } save('./a.txt', 1); save('C:\\Users\\me\\b.txt', 2);`,
    // Ignored through settings.
    {
      code: r`import fs from 'fs'; fs.writeFileSync('C:\\Program Files\\Acme\\logs\\a.log', '');`,
      settings: { wimboot: { ignorePaths: ['C:\\Program Files\\Acme\\logs\\**'] } },
    },
    {
      code: r`import fs from 'fs'; fs.writeFileSync('C:\\Windows\\win.ini', '');`,
      settings: { wimboot: { systemRoots: ['D:\\Images\\**'] } },
    },
    // Deno.open without write access.
    r`Deno.open('C:\\Windows\\win.ini', { read: true });`,
    // Silent: bound or applied safe paths, a `Reflect` of the module's own, an argument list that is no literal.
    r`import fs from 'fs'; const putLog = fs.writeFileSync.bind(fs, 'C:\\Users\\me\\app.log'); putLog('a'); fs.appendFileSync.apply(fs, ['./out.txt', '']);`,
    r`import fs from 'fs'; const Reflect = { apply() {} }; Reflect.apply(fs.writeFileSync, fs, ['C:\\Windows\\win.ini', '']);`,
    r`import fs from 'fs'; fs.writeFileSync.apply(fs, args);`,
    // Syntax the evaluator does not model stays silent instead of crashing.
    r`import fs from 'fs'; fs.writeFileSync(...args);`,
    "import fs from 'fs'; fs.writeFileSync(`${a}${b}`, '');",
    // Arrays built with concat or mapped from a list the analysis cannot see, of paths outside system folders.
    r`import fs from 'fs'; const files = ['C:\\Users\\me\\a.txt'].concat([process.env.APPDATA + '\\x.ini']); for (const f of files) fs.writeFileSync(f, '');`,
    r`import fs from 'fs'; import path from 'path'; const fonts = listNames().map((name) => path.join(process.env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts', name)); fonts.forEach((file) => fs.writeFileSync(file, ''));`,
    r`import fs from 'fs'; import path from 'path'; fs.writeFileSync(path.join(globalThis.process.env.TEMP, 'x.log'), '');`,
    // Writes that run only off Windows: a platform branch decides against them there.
    r`import fs from 'fs'; if (process.platform === 'darwin') fs.writeFileSync('C:\\Windows\\win.ini', '');`,
    r`import fs from 'fs'; import os from 'os'; const isWin = os.platform() === 'win32'; if (isWin) {} else { fs.writeFileSync('C:\\Windows\\win.ini', ''); }`,
    r`import fs from 'fs'; const isMac = process.platform === 'darwin'; isMac && fs.appendFileSync('C:\\Windows\\win.ini', '');`,
    r`import fs from 'fs'; function saveUnix(p) { if (process.platform === 'win32') return; fs.writeFileSync(p, ''); } saveUnix('C:\\Windows\\win.ini');`,
    r`import fs from 'fs'; const isMac = process.platform === 'darwin'; function save(p) { fs.writeFileSync(p, ''); } if (isMac) { ['C:\\Windows\\win.ini'].forEach((p) => save(p)); }`,
    r`import fs from 'fs'; switch (process.platform) { case 'linux': fs.writeFileSync('C:\\Windows\\win.ini', ''); break; case 'darwin': fs.writeFileSync('C:\\Windows\\win.ini', ''); }`,
    r`import fs from 'fs'; const target = process.platform === 'win32' ? process.env.APPDATA + '\\Acme\\hosts' : 'C:\\Windows\\hosts'; fs.writeFileSync(target, '');`,
    // A store or module variable whose setter is only given a user folder.
    r`import fs from 'fs'; import path from 'path'; import Store from 'electron-store'; const store = new Store(); const setDir = (p) => store.set('dir', p); setDir(process.env.APPDATA + '\\Acme'); fs.writeFileSync(path.join(store.get('dir'), 'a.json'), '');`,
    r`import fs from 'fs'; let dir = './data'; export function setDir(v) { dir = v; } setDir(process.env.LOCALAPPDATA + '\\Acme'); fs.writeFileSync(dir + '\\a.json', '');`,
    // Regression (robustness run over typescript-eslint's dist): `this` at the top of a script.
    {
      code: r`var fs = require('fs'); var __helper = (this && this.__helper) || 1; fs.writeFileSync(this.target, '');`,
      languageOptions: cjs,
    },
  ],
  invalid: [
    // An array joined with concat, a list mapped from one the analysis cannot see, the global object's members.
    invalid(
      r`import fs from 'fs'; const hosts = [].concat(process.env.SystemRoot + '\\System32\\drivers\\etc\\hosts'); hosts.forEach((hostsFile) => fs.appendFileSync(hostsFile, '127.0.0.1 ads'));`,
      ['hostsFile', 2],
      message('fs.appendFileSync', 'appends to', HOSTS),
    ),
    invalid(
      r`import fs from 'fs'; const both = ['C:\\Users\\me\\a.txt'].concat(['C:\\Windows\\win.ini']); for (const target of both) fs.writeFileSync(target, '');`,
      ['target', 2],
      /^fs\.writeFileSync may overwrite "C:\\Windows\\win\.ini" \('w'\) \(one of the paths it may take\)/u,
    ),
    invalid(
      r`import fs from 'fs'; import path from 'path'; const targets = listNames().map((name) => path.join('C:\\Windows\\System32', name)); targets.forEach((dll) => fs.writeFileSync(dll, ''));`,
      ['dll', 2],
      /^fs\.writeFileSync may overwrite "C:\\Windows\\System32\\\*" \('w'\) \(one of the paths it may take\).*\[wimboot-path: C:\\Windows\\System32\\\*\]$/su,
    ),
    invalid(
      r`import fs from 'fs'; import path from 'path'; fs.writeFileSync(path.join(globalThis.process.env.WINDIR, 'win.ini'), '');`,
      r`path.join(globalThis.process.env.WINDIR, 'win.ini')`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`const fs = global.require('fs'); fs.writeFileSync(window.process.env.SystemRoot + '\\win.ini', '');`,
      r`window.process.env.SystemRoot + '\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
      { languageOptions: cjs },
    ),
    // The Windows branch of a platform test, the code after an exit taken only off Windows, a case that may match.
    invalid(
      r`import fs from 'fs'; if (process.platform === 'win32') { fs.writeFileSync('C:\\Windows\\win.ini', ''); } else { fs.writeFileSync('/etc/acme.conf', ''); }`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; function saveWin(p) { if (process.platform !== 'win32') return; fs.writeFileSync(p, ''); } saveWin('C:\\Windows\\win.ini');`,
      r`'C:\\Windows\\win.ini'`,
      /^saveWin\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    invalid(
      r`import fs from 'fs'; import os from 'os'; switch (os.platform()) { case 'darwin': break; case 'win32': fs.writeFileSync('C:\\Windows\\win.ini', ''); break; default: fs.writeFileSync('C:\\Windows\\system.ini', ''); }`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
      {
        errors: [
          errorAt(
            r`import fs from 'fs'; import os from 'os'; switch (os.platform()) { case 'darwin': break; case 'win32': fs.writeFileSync('C:\\Windows\\win.ini', ''); break; default: fs.writeFileSync('C:\\Windows\\system.ini', ''); }`,
            r`'C:\\Windows\\win.ini'`,
            message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
          ),
          errorAt(
            r`import fs from 'fs'; import os from 'os'; switch (os.platform()) { case 'darwin': break; case 'win32': fs.writeFileSync('C:\\Windows\\win.ini', ''); break; default: fs.writeFileSync('C:\\Windows\\system.ini', ''); }`,
            r`'C:\\Windows\\system.ini'`,
            message('fs.writeFileSync', 'overwrites', r`C:\Windows\system.ini`),
          ),
        ],
      },
    ),
    invalid(
      r`import fs from 'fs'; const isMac = process.platform === 'darwin'; const hosts = isMac ? '/etc/hosts' : process.env.SystemRoot + '\\System32\\drivers\\etc\\hosts'; fs.appendFileSync(hosts, '127.0.0.1 ads');`,
      ['hosts', 4],
      message('fs.appendFileSync', 'appends to', HOSTS),
    ),
    // A settings store and a module variable, set by a setter the module calls with a system folder.
    invalid(
      r`import fs from 'fs'; import path from 'path'; import Store from 'electron-store'; const store = new Store(); const setGameDir = (p) => store.set('gameDir', p); setGameDir('C:\\Program Files (x86)\\Steam\\steamapps\\common\\Game'); fs.writeFileSync(path.join(store.get('gameDir'), 'mods.json'), '');`,
      r`path.join(store.get('gameDir'), 'mods.json')`,
      /^fs\.writeFileSync may overwrite "C:\\Program Files \(x86\)\\Steam\\steamapps\\common\\Game\\mods\.json" \('w'\) \(one of the paths it may take\)/u,
    ),
    invalid(
      r`import fs from 'fs'; let hostsPath = './hosts'; export function setHostsPath(p) { hostsPath = p; } setHostsPath(process.env.SystemRoot + '\\System32\\drivers\\etc\\hosts'); export function save(text) { fs.writeFileSync(hostsPath, text); }`,
      ['hostsPath', 3],
      /^fs\.writeFileSync may overwrite "C:\\Windows\\System32\\drivers\\etc\\hosts" \('w'\) \(one of the paths it may take\)/u,
    ),
    // A wrapper that assigns its parameter inside itself is still decided at each call (not at its write).
    invalid(
      r`import fs from 'fs'; function save(p, d) { let target; target = p; fs.writeFileSync(target, d); } save('C:\\Windows\\win.ini', 1); save('./ok.txt', 2);`,
      r`'C:\\Windows\\win.ini'`,
      /^save\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    invalid(
      r`import fs from 'fs'; function put(file, d) { file = file || './default.txt'; fs.writeFileSync(file, d); } put('C:\\Windows\\system.ini', 1); put('./x.txt', 2);`,
      r`'C:\\Windows\\system.ini'`,
      /^put\(\) passes "C:\\Windows\\system\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    // ── The exact messages ──────────────────────────────────────────────
    invalid(
      r`import fs from 'fs'; fs.openSync('C:\\Windows\\win.ini', 'r+');`,
      r`'C:\\Windows\\win.ini'`,
      r`fs.openSync opens "C:\Windows\win.ini" with write access ('r+'): on WIMBoot/CompactOS devices this decompresses it onto C:. Open it read-only ('r') if you only read it. [wimboot-path: C:\Windows\win.ini]`,
    ),
    invalid(
      r`const fs = require('fs'); fs.writeFileSync('C:\\Windows\\System32\\drivers\\etc\\hosts', entries);`,
      r`'C:\\Windows\\System32\\drivers\\etc\\hosts'`,
      r`fs.writeFileSync overwrites "C:\Windows\System32\drivers\etc\hosts" ('w'): on WIMBoot/CompactOS devices this stores it uncompressed on C:. Write the hosts file only when the user asks. [wimboot-path: C:\Windows\System32\drivers\etc\hosts]`,
      { languageOptions: cjs },
    ),
    invalid(
      r`import fs from 'fs'; fs.copyFileSync('Acme.ttf', 'C:\\Windows\\Fonts\\Acme.ttf');`,
      r`'C:\\Windows\\Fonts\\Acme.ttf'`,
      r`fs.copyFileSync replaces "C:\Windows\Fonts\Acme.ttf" (destination): on WIMBoot/CompactOS devices this stores it uncompressed on C:. Copy or move into an app-data folder instead. [wimboot-path: C:\Windows\Fonts\Acme.ttf]`,
    ),
    invalid(
      r`import fs from 'fs'; fs.appendFileSync('C:\\Program Files\\Acme\\app.log', line);`,
      r`'C:\\Program Files\\Acme\\app.log'`,
      r`fs.appendFileSync appends to "C:\Program Files\Acme\app.log" ('a'): on WIMBoot/CompactOS devices this stores it uncompressed on C:. Keep logs and data in an app-data folder instead. [wimboot-path: C:\Program Files\Acme\app.log]`,
    ),
    invalid(
      r`import fs from 'fs'; fs.truncateSync('C:\\Windows\\win.ini', 0);`,
      r`'C:\\Windows\\win.ini'`,
      r`fs.truncateSync truncates "C:\Windows\win.ini": on WIMBoot/CompactOS devices this decompresses it onto C:. Leave system files as they are; write a copy elsewhere. [wimboot-path: C:\Windows\win.ini]`,
    ),
    invalid(
      r`import fs from 'fs'; const target = process.platform === 'win32' ? 'C:\\Windows\\Fonts\\a.ttf' : '/usr/share/fonts/a.ttf'; fs.copyFileSync('a.ttf', target);`,
      ['target', 2],
      // On Windows `process.platform` is 'win32': the ternary takes its Windows branch.
      r`fs.copyFileSync replaces "C:\Windows\Fonts\a.ttf" (destination): on WIMBoot/CompactOS devices this stores it uncompressed on C:. Copy or move into an app-data folder instead. [wimboot-path: C:\Windows\Fonts\a.ttf]`,
    ),
    {
      code: r`import fs from 'fs'; function save(file, data) { fs.writeFileSync(file, data); } save('C:\\Windows\\win.ini', 1); save('./ok.txt', 2);`,
      errors: [
        errorAt(
          r`import fs from 'fs'; function save(file, data) { fs.writeFileSync(file, data); } save('C:\\Windows\\win.ini', 1); save('./ok.txt', 2);`,
          r`'C:\\Windows\\win.ini'`,
          r`save() passes "C:\Windows\win.ini" to fs.writeFileSync (line 1), which overwrites it ('w'): on WIMBoot/CompactOS devices this stores it uncompressed on C:. Write to an app-data folder instead. [wimboot-path: C:\Windows\win.ini]`,
        ),
      ],
    },
    {
      code: r`import fs from 'fs'; fs.writeFileSync(getTarget(), '');`,
      options: [{ reportUnresolved: true }],
      errors: [
        errorAt(
          r`import fs from 'fs'; fs.writeFileSync(getTarget(), '');`,
          'getTarget()',
          r`fs.writeFileSync overwrites a path this rule cannot resolve ('w'): if it is a system file, on WIMBoot/CompactOS devices this stores it uncompressed on C:. [wimboot-path: *]`,
        ),
      ],
    },
    invalid(
      r`import fs from 'fs'; fs.utimesSync('C:\\Windows\\win.ini', 1, 1);`,
      r`'C:\\Windows\\win.ini'`,
      r`fs.utimesSync changes the attributes of "C:\Windows\win.ini": on WIMBoot/CompactOS devices this may decompress the system file (attribute-only writes are not confirmed to). Leave system file attributes alone. [wimboot-path: C:\Windows\win.ini]`,
      { options: [{ checkAttributeChanges: true }] },
    ),

    // ── Open flags ──────────────────────────────────────────────────────
    invalid(
      r`import fs from 'fs'; fs.open('C:\\Windows\\win.ini', 'w', cb);`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.open', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.openSync('C:\\Windows\\win.ini', 'rs+');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.openSync', 'opens', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; await fs.promises.open('C:\\Windows\\win.ini', 'a+');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.promises.open', 'appends to', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.openSync('C:\\Windows\\win.ini', 'wx+');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.openSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.openSync('C:\\Windows\\win.ini', fs.constants.O_RDWR);`,
      r`'C:\\Windows\\win.ini'`,
      /^fs\.openSync opens "C:\\Windows\\win\.ini" with write access \(fs\.constants\.O_RDWR\)/u,
    ),
    invalid(
      r`import { constants, openSync } from 'fs'; openSync('C:\\Windows\\win.ini', constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC);`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.openSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.openSync('C:\\Windows\\win.ini', fs.constants.O_APPEND | fs.constants.O_WRONLY);`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.openSync', 'appends to', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.openSync('C:\\Windows\\win.ini', 2);`,
      r`'C:\\Windows\\win.ini'`,
      /with write access \(2\)/u,
    ),
    invalid(
      r`import fs from 'fs'; const FLAGS = 'r+'; fs.openSync('C:\\Windows\\win.ini', FLAGS);`,
      r`'C:\\Windows\\win.ini'`,
      /with write access \('r\+'\)/u,
    ),
    invalid(
      r`import fs from 'fs'; fs.openSync('C:\\Windows\\win.ini', mode ? 'r+' : 'r');`,
      r`'C:\\Windows\\win.ini'`,
      /^fs\.openSync may open "C:\\Windows\\win\.ini" with write access \('r\+'\) \(depending on its flags\)/u,
    ),

    // ── Every write API family ──────────────────────────────────────────
    invalid(
      r`import fs from 'fs'; fs.writeFile('C:\\Windows\\win.ini', data, cb);`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFile', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; await fs.promises.writeFile('C:\\Windows\\win.ini', data);`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.promises.writeFile', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('C:\\Windows\\win.ini', data, 'utf8');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('C:\\Windows\\win.ini', data, { flag: 'a' });`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'appends to', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; const opts = { encoding: 'utf8', flag: 'r+' }; fs.writeFileSync('C:\\Windows\\win.ini', data, opts);`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'opens', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.appendFile('C:\\Windows\\win.ini', data, () => {});`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.appendFile', 'appends to', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.appendFileSync('C:\\Windows\\win.ini', data, { flag: '' });`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.appendFileSync', 'appends to', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.createWriteStream('C:\\Windows\\win.ini');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.createWriteStream', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.createWriteStream('C:\\Windows\\win.ini', { flags: 'a' });`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.createWriteStream', 'appends to', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; new fs.WriteStream('C:\\Windows\\win.ini');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.WriteStream', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.readFileSync('C:\\Windows\\win.ini', { flag: 'r+' });`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.readFileSync', 'opens', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.createReadStream('C:\\Windows\\win.ini', { flags: 'a+' });`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.createReadStream', 'appends to', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; await fs.promises.truncate('C:\\Windows\\win.ini');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.promises.truncate', 'truncates', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.cpSync('dist', 'C:\\Program Files\\Acme', { recursive: true });`,
      r`'C:\\Program Files\\Acme'`,
      message('fs.cpSync', 'replaces', r`C:\Program Files\Acme`),
    ),
    invalid(
      r`import fs from 'fs'; fs.renameSync('tmp.dll', 'C:\\Program Files\\Acme\\acme.dll');`,
      r`'C:\\Program Files\\Acme\\acme.dll'`,
      message('fs.renameSync', 'replaces', r`C:\Program Files\Acme\acme.dll`),
    ),
    invalid(
      r`import { copyFile } from 'fs/promises'; await copyFile('a', 'C:\\Windows\\a.dll');`,
      r`'C:\\Windows\\a.dll'`,
      message('fs.promises.copyFile', 'replaces', r`C:\Windows\a.dll`),
    ),
    invalid(
      r`import fs from 'fs'; fs.chmodSync('C:\\Windows\\win.ini', 0o644);`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.chmodSync', 'changes the attributes of', r`C:\Windows\win.ini`),
      { options: [{ checkAttributeChanges: true }] },
    ),

    // ── Every way code reaches fs ────────────────────────────────────────
    invalid(
      r`const fs = require('node:fs'); fs.writeFileSync('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
      { languageOptions: cjs },
    ),
    invalid(
      r`const fsp = require('fs').promises; fsp.writeFile('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.promises.writeFile', 'overwrites', r`C:\Windows\win.ini`),
      { languageOptions: cjs },
    ),
    invalid(
      r`const { writeFileSync: put } = require('fs'); put('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
      { languageOptions: cjs },
    ),
    invalid(
      r`import * as fs from 'node:fs'; fs.writeFileSync('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import { promises as fsp } from 'fs'; fsp.writeFile('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.promises.writeFile', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import { writeFile as put } from 'node:fs/promises'; put('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.promises.writeFile', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`const fs = process.getBuiltinModule('fs'); fs.writeFileSync('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`const fs = await import('node:fs'); fs.writeFileSync('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`const { writeFileSync } = await import('fs'); writeFileSync('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import { createRequire } from 'module'; const require = createRequire(import.meta.url); const fs = require('fs'); fs.writeFileSync('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; const put = fs.writeFileSync; put('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; const put = fs.writeFileSync.bind(fs); put('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync.call(fs, 'C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    // `.apply` with an argument list, Reflect.apply, and bound arguments (reported at the call, which the bound path serves).
    invalid(
      r`import fs from 'fs'; fs.writeFileSync.apply(fs, ['C:\\Windows\\win.ini', '']);`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; Reflect.apply(fs.appendFileSync, fs, ['C:\\Windows\\win.ini', '']);`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.appendFileSync', 'appends to', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; const putIni = fs.writeFileSync.bind(fs, 'C:\\Windows\\win.ini'); putIni('a');`,
      `putIni('a')`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync.bind(null, 'C:\\Windows\\win.ini')('a');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    {
      code: r`import fs from 'fs'; function save(file, data) { fs.writeFileSync(file, data); } save.apply(null, ['C:\\Windows\\win.ini', 1]); const saveIni = save.bind(null, 'C:\\Windows\\win.ini'); saveIni(2); saveIni(3); Reflect.apply(save, null, ['C:\\Windows\\System.ini']);`,
      errors: [
        errorAt(
          r`import fs from 'fs'; function save(file, data) { fs.writeFileSync(file, data); } save.apply(null, ['C:\\Windows\\win.ini', 1]); const saveIni = save.bind(null, 'C:\\Windows\\win.ini'); saveIni(2); saveIni(3); Reflect.apply(save, null, ['C:\\Windows\\System.ini']);`,
          r`'C:\\Windows\\win.ini'`,
          /^save\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(line 1\)/u,
        ),
        errorAt(
          r`import fs from 'fs'; function save(file, data) { fs.writeFileSync(file, data); } save.apply(null, ['C:\\Windows\\win.ini', 1]); const saveIni = save.bind(null, 'C:\\Windows\\win.ini'); saveIni(2); saveIni(3); Reflect.apply(save, null, ['C:\\Windows\\System.ini']);`,
          'saveIni(2)',
          /^saveIni\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(line 1\)/u,
        ),
        errorAt(
          r`import fs from 'fs'; function save(file, data) { fs.writeFileSync(file, data); } save.apply(null, ['C:\\Windows\\win.ini', 1]); const saveIni = save.bind(null, 'C:\\Windows\\win.ini'); saveIni(2); saveIni(3); Reflect.apply(save, null, ['C:\\Windows\\System.ini']);`,
          'saveIni(3)',
          /^saveIni\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(line 1\)/u,
        ),
        errorAt(
          r`import fs from 'fs'; function save(file, data) { fs.writeFileSync(file, data); } save.apply(null, ['C:\\Windows\\win.ini', 1]); const saveIni = save.bind(null, 'C:\\Windows\\win.ini'); saveIni(2); saveIni(3); Reflect.apply(save, null, ['C:\\Windows\\System.ini']);`,
          r`'C:\\Windows\\System.ini'`,
          /^save\(\) passes "C:\\Windows\\System\.ini" to fs\.writeFileSync \(line 1\)/u,
        ),
      ],
    },
    invalid(
      r`import fs from 'fs'; import util from 'util'; const put = util.promisify(fs.writeFile); await put('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFile', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import { promisify } from 'node:util'; import { appendFile } from 'fs'; await promisify(appendFile)('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.appendFile', 'appends to', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`const Promise = require('bluebird'); const fs = Promise.promisifyAll(require('fs')); fs.writeFileAsync('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFile', 'overwrites', r`C:\Windows\win.ini`),
      { languageOptions: cjs },
    ),
    invalid(
      r`import fse from 'fs-extra'; fse.outputFileSync('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs-extra.outputFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fse from 'fs-extra'; await fse.outputJson('C:\\Program Files\\Acme\\config.json', {});`,
      r`'C:\\Program Files\\Acme\\config.json'`,
      message('fs-extra.outputJson', 'overwrites', r`C:\Program Files\Acme\config.json`),
    ),
    invalid(
      r`import { writeJsonSync } from 'fs-extra'; writeJsonSync('C:\\Program Files\\Acme\\config.json', {});`,
      r`'C:\\Program Files\\Acme\\config.json'`,
      message('fs-extra.writeJsonSync', 'overwrites', r`C:\Program Files\Acme\config.json`),
    ),
    invalid(
      r`import fse from 'fs-extra'; await fse.copy('build', 'C:\\Program Files\\Acme');`,
      r`'C:\\Program Files\\Acme'`,
      message('fs-extra.copy', 'replaces', r`C:\Program Files\Acme`),
    ),
    invalid(
      r`import fse from 'fs-extra'; fse.moveSync('new.dll', 'C:\\Program Files\\Acme\\acme.dll', { overwrite: true });`,
      r`'C:\\Program Files\\Acme\\acme.dll'`,
      message('fs-extra.moveSync', 'replaces', r`C:\Program Files\Acme\acme.dll`),
    ),
    invalid(
      r`import fse from 'fs-extra'; fse.ensureFileSync('C:\\Windows\\acme.ini');`,
      r`'C:\\Windows\\acme.ini'`,
      message('fs-extra.ensureFileSync', 'creates', r`C:\Windows\acme.ini`),
    ),
    invalid(
      r`import fse from 'fs-extra'; fse.writeFileSync('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs-extra.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`const gfs = require('graceful-fs'); gfs.appendFileSync('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('graceful-fs.appendFileSync', 'appends to', r`C:\Windows\win.ini`),
      { languageOptions: cjs },
    ),
    invalid(
      r`const ofs = require('original-fs'); ofs.writeFileSync('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('original-fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
      { languageOptions: cjs },
    ),
    invalid(
      r`import mzfs from 'mz/fs'; await mzfs.writeFile('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('mz/fs.writeFile', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import jsonfile from 'jsonfile'; jsonfile.writeFileSync('C:\\Windows\\acme.json', {});`,
      r`'C:\\Windows\\acme.json'`,
      message('jsonfile.writeFileSync', 'overwrites', r`C:\Windows\acme.json`),
    ),
    invalid(
      r`import writeFileAtomic from 'write-file-atomic'; await writeFileAtomic('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('writeFileAtomic', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`const writeFileAtomic = require('write-file-atomic'); writeFileAtomic.sync('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('writeFileAtomic.sync', 'overwrites', r`C:\Windows\win.ini`),
      { languageOptions: cjs },
    ),
    invalid(
      r`await Bun.write('C:\\Windows\\win.ini', 'x');`,
      r`'C:\\Windows\\win.ini'`,
      message('Bun.write', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import { write } from 'bun'; await write('C:\\Windows\\win.ini', 'x');`,
      r`'C:\\Windows\\win.ini'`,
      message('Bun.write', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`await Bun.file('C:\\Windows\\win.ini').write('x');`,
      r`'C:\\Windows\\win.ini'`,
      message('Bun.file().write', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`await Deno.writeTextFile('C:\\Windows\\win.ini', 'x');`,
      r`'C:\\Windows\\win.ini'`,
      message('Deno.writeTextFile', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`await Deno.writeFile('C:\\Windows\\win.ini', bytes, { append: true });`,
      r`'C:\\Windows\\win.ini'`,
      message('Deno.writeFile', 'appends to', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`await Deno.open('C:\\Windows\\win.ini', { read: true, write: true });`,
      r`'C:\\Windows\\win.ini'`,
      message('Deno.open', 'opens', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`Deno.createSync('C:\\Windows\\win.ini');`,
      r`'C:\\Windows\\win.ini'`,
      message('Deno.createSync', 'overwrites', r`C:\Windows\win.ini`),
    ),

    // Compiled output: tsc's and Babel's interop helpers, and the indirect call of an imported function.
    invalid(
      r`"use strict"; const fs_1 = require("fs"); (0, fs_1.writeFileSync)('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
      { languageOptions: cjs },
    ),
    invalid(
      r`var __importDefault = (this && this.__importDefault) || function (mod) { return (mod && mod.__esModule) ? mod : { "default": mod }; }; const fs_1 = __importDefault(require("fs")); fs_1.default.appendFileSync('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.appendFileSync', 'appends to', r`C:\Windows\win.ini`),
      { languageOptions: cjs },
    ),
    // A computed key naming the API: a const, a branch, and in a wrapper whose parameter picks it.
    invalid(
      r`import fs from 'fs'; const method = 'appendFileSync'; fs[method]('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.appendFileSync', 'appends to', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; const sync = true; fs[sync ? 'writeFileSync' : 'writeFile']('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; function put(p, sync) { fs[sync ? 'writeFileSync' : 'writeFile'](p, ''); } put('C:\\Windows\\win.ini', true); put('out.txt', true);`,
      r`'C:\\Windows\\win.ini'`,
      /^put\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    // …of a subpath module too.
    invalid(
      r`var __importDefault = (this && this.__importDefault) || function (mod) { return (mod && mod.__esModule) ? mod : { "default": mod }; }; const promises_1 = __importDefault(require("fs/promises")); promises_1.default.appendFile('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.promises.appendFile', 'appends to', r`C:\Windows\win.ini`),
      { languageOptions: cjs },
    ),
    invalid(
      r`function _interopRequireDefault(e) { return e && e.__esModule ? e : { default: e }; } var _fs = _interopRequireDefault(require("fs")); _fs.default.writeFileSync('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
      { languageOptions: cjs },
    ),
    invalid(
      r`"use strict"; const fs_1 = require("fs"); class Io { static write(p) { (0, fs_1.writeFileSync)(p, ''); } } Io.write('C:\\Windows\\win.ini');`,
      r`'C:\\Windows\\win.ini'`,
      /^Io\.write\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(line 1\), which overwrites it/u,
      { languageOptions: cjs },
    ),

    // ── Path forms ───────────────────────────────────────────────────────
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('c:/windows/system32/acme.dll', '');`,
      `'c:/windows/system32/acme.dll'`,
      message('fs.writeFileSync', 'overwrites', r`C:\windows\system32\acme.dll`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('C:\\Users\\..\\Windows\\.\\win.ini', '');`,
      r`'C:\\Users\\..\\Windows\\.\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('\\\\?\\C:\\Windows\\win.ini', '');`,
      r`'\\\\?\\C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('\\\\.\\C:\\Windows\\win.ini', '');`,
      r`'\\\\.\\C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('\\??\\C:\\Windows\\win.ini', '');`,
      r`'\\??\\C:\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('\\\\?\\UNC\\pc\\c$\\Windows\\win.ini', '');`,
      r`'\\\\?\\UNC\\pc\\c$\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('\\\\build-host\\C$\\Program Files\\Acme\\a.dll', '');`,
      r`'\\\\build-host\\C$\\Program Files\\Acme\\a.dll'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Program Files\Acme\a.dll`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('\\\\localhost\\ADMIN$\\win.ini', '');`,
      r`'\\\\localhost\\ADMIN$\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('C:\\PROGRA~1\\Acme\\a.log', '');`,
      r`'C:\\PROGRA~1\\Acme\\a.log'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Program Files\Acme\a.log`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('C:\\Progra~2\\Acme\\a.log', '');`,
      r`'C:\\Progra~2\\Acme\\a.log'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Program Files (x86)\Acme\a.log`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('\\Windows\\win.ini', '');`,
      r`'\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('C:\\Windows.\\win.ini ', '');`,
      r`'C:\\Windows.\\win.ini '`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync(String.raw${'`'}C:\Windows\win.ini${'`'}, '');`,
      r`String.raw${'`'}C:\Windows\win.ini${'`'}`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync(new URL('file:///C:/Program%20Files/Acme/a.log'), '');`,
      `new URL('file:///C:/Program%20Files/Acme/a.log')`,
      message('fs.writeFileSync', 'overwrites', r`C:\Program Files\Acme\a.log`),
    ),
    invalid(
      r`import fs from 'fs'; import { fileURLToPath } from 'url'; fs.writeFileSync(fileURLToPath('file:///C:/Windows/win.ini'), '');`,
      `fileURLToPath('file:///C:/Windows/win.ini')`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync(Buffer.from('C:\\Windows\\win.ini\0', 'ucs2'), '');`,
      r`Buffer.from('C:\\Windows\\win.ini\0', 'ucs2')`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),

    // ── Environment variables ────────────────────────────────────────────
    invalid(
      r`import fs from 'fs'; import path from 'path'; fs.appendFileSync(path.join(process.env.SystemRoot, 'System32', 'drivers', 'etc', 'hosts'), line);`,
      `path.join(process.env.SystemRoot, 'System32', 'drivers', 'etc', 'hosts')`,
      message('fs.appendFileSync', 'appends to', HOSTS),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync(process.env.WINDIR + '\\win.ini', '');`,
      r`process.env.WINDIR + '\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync(${'`'}${'$'}{process.env['ProgramFiles(x86)']}\\Acme\\a.log${'`'}, '');`,
      r`${'`'}${'$'}{process.env['ProgramFiles(x86)']}\\Acme\\a.log${'`'}`,
      message('fs.writeFileSync', 'overwrites', r`C:\Program Files (x86)\Acme\a.log`),
    ),
    invalid(
      r`import fs from 'fs'; const { windir } = process.env; fs.writeFileSync(windir + '\\win.ini', '');`,
      r`windir + '\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; const { SystemRoot = 'C:\\Windows' } = process.env; fs.writeFileSync(SystemRoot + '\\win.ini', '');`,
      r`SystemRoot + '\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; import { env } from 'node:process'; fs.writeFileSync(env.ProgramW6432 + '\\Acme\\a.log', '');`,
      r`env.ProgramW6432 + '\\Acme\\a.log'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Program Files\Acme\a.log`),
    ),
    invalid(
      r`import fs from 'fs'; const root = process.env.SystemRoot ?? 'C:\\Windows'; fs.writeFileSync(root + '\\win.ini', '');`,
      r`root + '\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync(process.env.SystemDrive + '\\Windows\\win.ini', '');`,
      r`process.env.SystemDrive + '\\Windows\\win.ini'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; import path from 'path'; fs.writeFileSync(path.resolve(process.env.CommonProgramFiles, 'Acme', 'a.dll'), '');`,
      `path.resolve(process.env.CommonProgramFiles, 'Acme', 'a.dll')`,
      message('fs.writeFileSync', 'overwrites', r`C:\Program Files\Common Files\Acme\a.dll`),
    ),
    invalid(
      r`import fs from 'fs'; import path from 'path'; fs.writeFileSync(path.win32.join(process.env.SYSTEMROOT, 'Fonts', name), '');`,
      `path.win32.join(process.env.SYSTEMROOT, 'Fonts', name)`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\Fonts\*`),
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync(process.env.ACME_HOSTS ?? 'C:\\Windows\\System32\\drivers\\etc\\hosts', '');`,
      r`process.env.ACME_HOSTS ?? 'C:\\Windows\\System32\\drivers\\etc\\hosts'`,
      /^fs\.writeFileSync may overwrite "C:\\Windows\\System32\\drivers\\etc\\hosts"/u,
    ),

    // ── Bindings, functions, classes, exports ────────────────────────────
    // `+=` grows every other value of the variable (flow-insensitive: both are possible).
    invalid(
      r`import fs from 'fs'; let p = 'C:\\Windows\\x'; p += '.ini'; fs.writeFileSync(p, '');`,
      ['p', 4],
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\x" or "C:\Windows\x.ini`, [
        r`C:\Windows\x`,
        r`C:\Windows\x.ini`,
      ]),
    ),
    invalid(
      r`import fs from 'fs'; let target; target = 'C:\\Windows\\win.ini'; fs.writeFileSync(target, '');`,
      ['target', 3],
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; const PATHS = { hosts: 'C:\\Windows\\System32\\drivers\\etc\\hosts', ini: 'C:\\Windows\\win.ini' }; fs.writeFileSync(PATHS[which], '');`,
      'PATHS[which]',
      message('fs.writeFileSync', 'overwrites', HOSTS, [HOSTS, r`C:\Windows\win.ini`]),
    ),
    invalid(
      r`import fs from 'fs'; const PATHS = { hosts: 'C:\\Windows\\System32\\drivers\\etc\\hosts' }; fs.writeFileSync(PATHS.hosts, '');`,
      'PATHS.hosts',
      message('fs.writeFileSync', 'overwrites', HOSTS),
    ),
    invalid(
      r`import fs from 'fs'; import path from 'path'; function hostsPath() { return path.join(process.env.SystemRoot, 'System32', 'drivers', 'etc', 'hosts'); } fs.writeFileSync(hostsPath(), '');`,
      ['hostsPath()', 2],
      message('fs.writeFileSync', 'overwrites', HOSTS),
    ),
    invalid(
      r`import fs from 'fs'; const wide = (s) => Buffer.from(s + '\0', 'ucs2'); fs.writeFileSync(wide('C:\\Windows\\win.ini'), '');`,
      r`wide('C:\\Windows\\win.ini')`,
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import fs from 'fs'; function save(file = 'C:\\Windows\\win.ini') { fs.writeFileSync(file, ''); }`,
      ['file', 2],
      /^fs\.writeFileSync may overwrite "C:\\Windows\\win\.ini"/u,
    ),
    invalid(
      r`import fs from 'fs'; class Store { constructor(file = 'C:\\Windows\\acme.ini') { this.file = file; } save(data) { fs.writeFileSync(this.file, data); } }`,
      ['this.file', 2],
      /^fs\.writeFileSync may overwrite "C:\\Windows\\acme\.ini"/u,
    ),
    invalid(
      r`import fs from 'fs'; class Store { constructor(file) { this.file = file; } save() { fs.writeFileSync(this.file, ''); } } new Store('C:\\Windows\\acme.ini');`,
      r`'C:\\Windows\\acme.ini'`,
      /^new Store\(\) passes "C:\\Windows\\acme\.ini" to fs\.writeFileSync/u,
    ),
    // A subclass passing the path to its parent's constructor: reported at `super(…)`.
    invalid(
      r`import fs from 'fs'; class Base { constructor(file) { this.file = file; } save(d) { fs.writeFileSync(this.file, d); } } class Hosts extends Base { constructor() { super('C:\\Windows\\acme.ini'); } } new Hosts().save('x');`,
      r`'C:\\Windows\\acme.ini'`,
      /^super\(\) passes "C:\\Windows\\acme\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    invalid(
      r`import fs from 'fs'; class Base { constructor(file) { this.file = file; } save(d) { fs.writeFileSync(this.file, d); } } class Hosts extends Base {} new Hosts('C:\\Windows\\acme.ini');`,
      r`'C:\\Windows\\acme.ini'`,
      /^new Hosts\(\) passes "C:\\Windows\\acme\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    // A function given to a higher-order function, called by it or by the closure it returns.
    invalid(
      r`import fs from 'fs'; function run(fn, p) { return fn(p, 'x'); } run(fs.writeFileSync, 'C:\\Windows\\win.ini');`,
      r`'C:\\Windows\\win.ini'`,
      /^run\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(line 1\), which overwrites it/u,
    ),
    invalid(
      r`import fs from 'fs'; const retry = (fn) => async (...args) => fn(...args); const put = retry(fs.appendFileSync); put('C:\\Windows\\win.ini', 'x');`,
      r`'C:\\Windows\\win.ini'`,
      /^put\(\) passes "C:\\Windows\\win\.ini" to fs\.appendFileSync \(line 1\), which appends to it/u,
    ),
    invalid(
      r`import fs from 'fs'; function withRetry(fn) { return function (...a) { return fn.apply(null, a); }; } withRetry(fs.writeFileSync)('C:\\Windows\\win.ini', 'x');`,
      r`'C:\\Windows\\win.ini'`,
      /^withRetry\(fs\.writeFileSync\)\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    invalid(
      r`import fs from 'fs'; const retry = (fn) => (...args) => fn(...args); const save = retry((file, data) => fs.writeFileSync(file, data)); function saveAll(p) { save(p, 'x'); } saveAll('C:\\Windows\\win.ini');`,
      r`'C:\\Windows\\win.ini'`,
      /^saveAll\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    // ES5 wrappers forward `arguments`.
    invalid(
      r`var fs = require('fs'); function wrap(fn) { return function () { return fn.apply(this, arguments); }; } var write = wrap(fs.writeFileSync); write('C:\\Windows\\win.ini', 'x');`,
      r`'C:\\Windows\\win.ini'`,
      /^write\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    invalid(
      r`var fs = require('fs'); function save() { return fs.writeFileSync.apply(fs, arguments); } save('C:\\Windows\\win.ini', 'x');`,
      r`'C:\\Windows\\win.ini'`,
      /^save\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    // A hand-written %VAR% expansion: each variable is the environment's.
    invalid(
      r`import fs from 'fs'; const expand = (s) => s.replace(/%([^%]+)%/g, (m, name) => process.env[name] ?? m); fs.writeFileSync(expand('%windir%\\System32\\drivers\\etc\\hosts'), 'x');`,
      r`expand('%windir%\\System32\\drivers\\etc\\hosts')`,
      /^fs\.writeFileSync overwrites "C:\\Windows\\System32\\drivers\\etc\\hosts"/u,
    ),
    // The drive found from the working folder: a drive computed at run time.
    invalid(
      r`import fs from 'fs'; import path from 'path'; const root = path.parse(process.cwd()).root; fs.writeFileSync(root + 'Windows\\System32\\drivers\\etc\\hosts', '');`,
      r`root + 'Windows\\System32\\drivers\\etc\\hosts'`,
      /^fs\.writeFileSync overwrites "C:\\Windows\\System32\\drivers\\etc\\hosts"/u,
    ),
    // A setter's parameter: what the module assigns to the member on an instance, or through `this`.
    invalid(
      r`const fs = require('fs'); const path = require('path'); class Settings { set dir(v) { this._file = path.join(v, 'settings.ini'); } flush() { fs.writeFileSync(this._file, ''); } } const s = new Settings(); s.dir = 'C:\\Program Files\\Acme'; s.flush();`,
      [r`this._file`, 2],
      /^fs\.writeFileSync may overwrite "C:\\Program Files\\Acme\\settings\.ini"/u,
    ),
    // …an object literal's setter: what the module assigns to the member through a variable holding it.
    invalid(
      r`const fs = require('fs'); const settings = { set file(v) { fs.writeFileSync(v, ''); } }; settings.file = 'C:\\Windows\\win.ini';`,
      ['v', 2],
      /^fs\.writeFileSync may overwrite "C:\\Windows\\win\.ini"/u,
    ),
    // A spread that starts before the path: the destination of `copyFileSync(...args)` is `args[1]`.
    invalid(
      r`import fs from 'fs'; const pair = ['hosts.bak', 'C:\\Windows\\System32\\drivers\\etc\\hosts']; fs.copyFileSync(...pair);`,
      [r`...pair`, 1],
      /^fs\.copyFileSync may replace "C:\\Windows\\System32\\drivers\\etc\\hosts" \(destination\)/u,
    ),
    invalid(
      r`import fs from 'fs'; function move(...args) { fs.renameSync(...args); } move('new.ini', 'C:\\Windows\\win.ini');`,
      r`'C:\\Windows\\win.ini'`,
      /^move\(\) passes "C:\\Windows\\win\.ini" to fs\.renameSync \(line 1\), which replaces it/u,
    ),
    invalid(
      r`const fs = require('fs'); class Log { constructor() { this.folder = 'C:\\Windows\\Acme'; } set folder(v) { this.file = v + '\\app.log'; } write(m) { fs.appendFileSync(this.file, m); } } new Log().write('x');`,
      [r`this.file`, 2],
      /^fs\.appendFileSync may append to "C:\\Windows\\Acme\\app\.log"/u,
    ),
    // A member the caller chooses by key: decided at each call, reported where the key is given.
    invalid(
      r`const fs = require('fs'); const TARGETS = { hosts: { file: 'C:\\Windows\\System32\\drivers\\etc\\hosts' }, log: { file: './app.log' } }; function writeTarget(key, data) { const t = TARGETS[key]; fs.writeFileSync(t.file, data); } writeTarget('log', 'a'); writeTarget('hosts', 'b');`,
      r`'hosts'`,
      /^writeTarget\(\) passes "C:\\Windows\\System32\\drivers\\etc\\hosts" to fs\.writeFileSync \(line 1\)/u,
    ),
    // Partial application by lodash or underscore binds the first arguments, as bind does.
    // (A path bound outside the call is reported at the call, as for bind.)
    ...(
      [
        [
          `const _ = require('lodash'); const appendHosts = _.partial(fs.appendFileSync, HOSTS); appendHosts('x');`,
          `appendHosts('x')`,
        ],
        [`const partial = require('lodash/partial'); partial(fs.appendFileSync, HOSTS)('x');`, ['HOSTS', 2]],
        [
          `const { partial } = require('underscore'); const appendHosts = partial(fs.appendFileSync, HOSTS); appendHosts('x');`,
          `appendHosts('x')`,
        ],
      ] as const
    ).map(([tail, reported]) =>
      invalid(
        `const fs = require('fs'); const HOSTS = 'C:\\\\Windows\\\\System32\\\\drivers\\\\etc\\\\hosts'; ${tail}`,
        typeof reported === 'string' ? reported : [reported[0], reported[1]],
        /^fs\.appendFileSync appends to "C:\\Windows\\System32\\drivers\\etc\\hosts"/u,
      ),
    ),
    // Object.defineProperty(this, …) in a constructor: a field (a value, or what a getter returns).
    invalid(
      r`const fs = require('fs'); class Svc { constructor() { Object.defineProperty(this, 'logFile', { get: () => 'C:\\Program Files\\Acme\\svc.log' }); } log(m) { fs.appendFileSync(this.logFile, m); } } new Svc().log('x');`,
      r`this.logFile`,
      /^fs\.appendFileSync appends to "C:\\Program Files\\Acme\\svc\.log"/u,
    ),
    invalid(
      r`const fs = require('fs'); class Svc { constructor() { Object.defineProperty(this, 'file', { value: 'C:\\Windows\\acme.ini', writable: false }); } save() { fs.writeFileSync(this.file, ''); } } new Svc().save();`,
      r`this.file`,
      /^fs\.writeFileSync overwrites "C:\\Windows\\acme\.ini"/u,
    ),
    // Options merged into a field (`Object.assign({}, defaults, opts)`), a member of it written later in the
    // constructor (`this.opts.dir = …`), read through a getter: reported where the options are given.
    invalid(
      r`const fs = require('fs'); const path = require('path'); class Service { constructor(opts) { this.opts = Object.assign({}, Service.defaults, opts); this.opts.daemonDir = this.opts.daemonDir || path.join(this.opts.root, 'daemon'); } get xmlPath() { return path.join(this.opts.daemonDir, 'svc.xml'); } install() { fs.writeFileSync(this.xmlPath, '<service/>'); } } Service.defaults = { args: [] }; new Service({ name: 'Acme', root: 'C:\\Program Files\\Acme' }).install();`,
      r`{ name: 'Acme', root: 'C:\\Program Files\\Acme' }`,
      /^new Service\(\) passes "C:\\Program Files\\Acme\\daemon\\svc\.xml" to fs\.writeFileSync \(line 1\)/u,
    ),
    invalid(
      r`import fs from 'node:fs'; const cfg = { file: './a.ini' }; Object.defineProperty(cfg, 'file', { value: 'C:\\Windows\\acme.ini' }); fs.writeFileSync(cfg.file, '');`,
      r`cfg.file`,
      /^fs\.writeFileSync overwrites "C:\\Windows\\acme\.ini"/u,
    ),
    // …but in a loop, a later iteration writes what the one before assigned.
    invalid(
      r`import fs from 'node:fs'; function make() { return { file: './a.ini' }; } const cfg = make(); for (const x of [1, 2]) { fs.writeFileSync(cfg.file, ''); cfg.file = 'C:\\Windows\\acme.ini'; }`,
      r`cfg.file`,
      /^fs\.writeFileSync may overwrite "C:\\Windows\\acme\.ini"/u,
    ),
    // The same for a literal's own member: in a loop, or in a function that may run later.
    invalid(
      r`import fs from 'node:fs'; const cfg = { file: './a.ini' }; for (const x of [1, 2]) { fs.writeFileSync(cfg.file, ''); cfg.file = 'C:\\Windows\\acme.ini'; }`,
      r`cfg.file`,
      /^fs\.writeFileSync may overwrite "C:\\Windows\\acme\.ini"/u,
    ),
    invalid(
      r`import fs from 'node:fs'; const cfg = { file: './a.ini' }; export function save() { fs.writeFileSync(cfg.file, ''); } cfg.file = 'C:\\Windows\\acme.ini';`,
      r`cfg.file`,
      /^fs\.writeFileSync may overwrite "C:\\Windows\\acme\.ini"/u,
    ),
    // A setter's object the variable still holds where the member is assigned.
    invalid(
      r`import fs from 'node:fs'; let o = { set file(v) { fs.writeFileSync(v, ''); } }; o.file = 'C:\\Windows\\win.ini'; o = { file: null };`,
      ['v', 2],
      /^fs\.writeFileSync may overwrite "C:\\Windows\\win\.ini"/u,
    ),
    // An instance spread over a key: its own field may replace it.
    invalid(
      r`import fs from 'fs'; class Opts { constructor() { this.file = 'C:\\Windows\\win.ini'; } get name() { return 'x'; } } const o = { file: './a.ini', ...new Opts() }; fs.writeFileSync(o.file, '');`,
      r`o.file`,
      /^fs\.writeFileSync may overwrite "C:\\Windows\\win\.ini"/u,
    ),
    // Options merged, then spread again: the caller's member still counts.
    invalid(
      r`import fs from 'fs'; function save(options) { const opts = Object.assign({ file: './state.json' }, options); const final = { ...opts, mode: 1 }; fs.writeFileSync(final.file, ''); } save({ file: 'C:\\Windows\\win.ini' });`,
      r`{ file: 'C:\\Windows\\win.ini' }`,
      /^save\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    invalid(
      r`import fs from 'fs'; const DEFAULTS = { file: './state.json' }; function save(options) { const opts = { ...DEFAULTS, ...options }; fs.writeFileSync(Object.assign({}, opts).file, ''); } save({ file: 'C:\\Windows\\win.ini' });`,
      r`{ file: 'C:\\Windows\\win.ini' }`,
      /^save\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    // Elements moved before a spread: where they are then (in order), or anywhere when not known.
    invalid(
      r`import fs from 'node:fs'; const args = ['C:\\Users\\me\\z', 'C:\\Users\\me\\a.dll', 'C:\\Windows\\System32\\x.dll']; args.shift(); fs.copyFileSync(...args);`,
      r`...args`,
      /^fs\.copyFileSync may replace "C:\\Windows\\System32\\x\.dll" \(destination\)/u,
    ),
    invalid(
      r`import fs from 'node:fs'; const args = ['C:\\Users\\me\\b', 'C:\\Users\\me\\a.dll']; args.splice(1, 0, 'C:\\Windows\\System32\\x.dll'); fs.copyFileSync(...args);`,
      r`...args`,
      /^fs\.copyFileSync may replace "C:\\Windows\\System32\\x\.dll" \(destination\)/u,
    ),
    // The constructor settles the member after copying the options: the caller's value no longer counts, a
    // method writing it later still may.
    invalid(
      r`const fs = require('fs'); class Cache { constructor(opts) { this.opts = { ...opts }; this.opts.dir = 'C:\\Windows\\Acme'; } put() { fs.writeFileSync(this.opts.dir + '\\a.bin', ''); } } new Cache({ dir: './cache' }).put();`,
      r`this.opts.dir + '\\a.bin'`,
      /^fs\.writeFileSync overwrites "C:\\Windows\\Acme\\a\.bin"/u,
    ),
    invalid(
      r`const fs = require('fs'); class Cache { constructor(opts) { this.opts = { ...opts }; this.opts.dir = './cache'; } reset() { this.opts.dir = 'C:\\Windows\\Acme'; } put() { fs.writeFileSync(this.opts.dir + '\\a.bin', ''); } } new Cache({}).put();`,
      r`this.opts.dir + '\\a.bin'`,
      /^fs\.writeFileSync may overwrite "C:\\Windows\\Acme\\a\.bin"/u,
    ),
    // A default spread over by the options: the call that gives the file reports; one that gives nothing does
    // not (the default is reported where it is read, at the helper's call inside the class).
    {
      code: r`const fs = require('fs'); function persist(file, text) { fs.appendFileSync(file, text); } class Hosts { constructor(opts = {}) { this.opts = { file: 'C:\\Windows\\System32\\drivers\\etc\\hosts', ...opts }; } save() { persist(this.opts.file, '#'); } } new Hosts().save(); new Hosts({ file: 'C:\\Windows\\win.ini' }).save(); new Hosts({ file: './hosts.txt' }).save();`,
      errors: [
        errorAt(
          r`const fs = require('fs'); function persist(file, text) { fs.appendFileSync(file, text); } class Hosts { constructor(opts = {}) { this.opts = { file: 'C:\\Windows\\System32\\drivers\\etc\\hosts', ...opts }; } save() { persist(this.opts.file, '#'); } } new Hosts().save(); new Hosts({ file: 'C:\\Windows\\win.ini' }).save(); new Hosts({ file: './hosts.txt' }).save();`,
          'this.opts.file',
          /^persist\(\) passes "C:\\Windows\\System32\\drivers\\etc\\hosts" to fs\.appendFileSync \(line 1\)/u,
        ),
        errorAt(
          r`const fs = require('fs'); function persist(file, text) { fs.appendFileSync(file, text); } class Hosts { constructor(opts = {}) { this.opts = { file: 'C:\\Windows\\System32\\drivers\\etc\\hosts', ...opts }; } save() { persist(this.opts.file, '#'); } } new Hosts().save(); new Hosts({ file: 'C:\\Windows\\win.ini' }).save(); new Hosts({ file: './hosts.txt' }).save();`,
          r`{ file: 'C:\\Windows\\win.ini' }`,
          /^new Hosts\(\) passes "C:\\Windows\\win\.ini" to fs\.appendFileSync \(line 1\)/u,
        ),
      ],
    },
    // A wrapper around a module that is a file API itself (write-file-atomic's default export).
    invalid(
      r`const writeFileAtomic = require('write-file-atomic'); function writeAtomic(file, data) { return writeFileAtomic(file, data, { fsync: true }); } writeAtomic('C:\\Windows\\System32\\spool\\drivers\\x64\\3\\acme.gpd', 'x');`,
      r`'C:\\Windows\\System32\\spool\\drivers\\x64\\3\\acme.gpd'`,
      /^writeAtomic\(\) passes "C:\\Windows\\System32\\spool\\drivers\\x64\\3\\acme\.gpd" to writeFileAtomic \(line 1\)/u,
    ),
    // A factory whose folder defaults inside it (`library ?? STEAM`): reported where the default is read, and at
    // a call only for what that call adds (a system folder of its own), not for a call giving an unknown one.
    {
      code: r`const fs = require('fs'); const path = require('path'); const STEAM = 'C:\\Program Files (x86)\\Steam'; function gameDir(library) { return path.join(library ?? STEAM, 'Game'); } class Deployer { constructor(opts) { this.dir = opts.dir; } deploy() { fs.writeFileSync(path.join(this.dir, 'x.dll'), ''); } } function make(opts) { return new Deployer({ dir: gameDir(opts.library) }); } make({ library: process.argv[2] }).deploy(); make({ library: 'C:\\Program Files\\Games' }).deploy(); make({ library: 'D:\\Games' }).deploy();`,
      errors: [
        errorAt(
          r`const fs = require('fs'); const path = require('path'); const STEAM = 'C:\\Program Files (x86)\\Steam'; function gameDir(library) { return path.join(library ?? STEAM, 'Game'); } class Deployer { constructor(opts) { this.dir = opts.dir; } deploy() { fs.writeFileSync(path.join(this.dir, 'x.dll'), ''); } } function make(opts) { return new Deployer({ dir: gameDir(opts.library) }); } make({ library: process.argv[2] }).deploy(); make({ library: 'C:\\Program Files\\Games' }).deploy(); make({ library: 'D:\\Games' }).deploy();`,
          r`{ dir: gameDir(opts.library) }`,
          /^new Deployer\(\) passes "C:\\Program Files \(x86\)\\Steam\\Game\\x\.dll" to fs\.writeFileSync \(line 1\)/u,
        ),
        errorAt(
          r`const fs = require('fs'); const path = require('path'); const STEAM = 'C:\\Program Files (x86)\\Steam'; function gameDir(library) { return path.join(library ?? STEAM, 'Game'); } class Deployer { constructor(opts) { this.dir = opts.dir; } deploy() { fs.writeFileSync(path.join(this.dir, 'x.dll'), ''); } } function make(opts) { return new Deployer({ dir: gameDir(opts.library) }); } make({ library: process.argv[2] }).deploy(); make({ library: 'C:\\Program Files\\Games' }).deploy(); make({ library: 'D:\\Games' }).deploy();`,
          r`{ library: 'C:\\Program Files\\Games' }`,
          r`make() passes "C:\Program Files\Games\Game\x.dll" to fs.writeFileSync (line 1), which overwrites it ('w'): on WIMBoot/CompactOS devices this stores it uncompressed on C:. Write to an app-data folder instead. [wimboot-path: C:\Program Files\Games\Game\x.dll]`,
        ),
      ],
    },
    // …on a variable's object (a statement before the read: the member is that value), and Object.defineProperties (in a constructor too).
    invalid(
      r`const fs = require('fs'); const cfg = {}; Object.defineProperty(cfg, 'file', { value: 'C:\\Windows\\acme.ini' }); fs.writeFileSync(cfg.file, '');`,
      r`cfg.file`,
      /^fs\.writeFileSync overwrites "C:\\Windows\\acme\.ini"/u,
    ),
    invalid(
      r`const fs = require('fs'); const paths = {}; Object.defineProperties(paths, { log: { value: './app.log' }, ini: { get: () => 'C:\\Windows\\win.ini', enumerable: true } }); fs.appendFileSync(paths.ini, 'x');`,
      r`paths.ini`,
      /^fs\.appendFileSync may append to "C:\\Windows\\win\.ini"/u,
    ),
    invalid(
      r`const fs = require('fs'); class Svc { constructor() { Object.defineProperties(this, { file: { value: 'C:\\Windows\\acme.ini' } }); } save() { fs.writeFileSync(this.file, ''); } } new Svc().save();`,
      r`this.file`,
      /^fs\.writeFileSync overwrites "C:\\Windows\\acme\.ini"/u,
    ),
    // Candidate folders collected by push or listed from a directory, then written into.
    invalid(
      r`var fs = require('fs'); var path = require('path'); function targets() { var found = []; [process.env.ProgramFiles].forEach(function (root) { var dir = path.join(root, 'Acme', 'XLSTART'); if (fs.existsSync(dir)) found.push(dir); }); return found; } targets().forEach(function (dir) { fs.copyFileSync('a.xlam', path.join(dir, 'a.xlam')); });`,
      r`path.join(dir, 'a.xlam')`,
      /^fs\.copyFileSync may replace "C:\\Program Files\\Acme\\XLSTART\\a\.xlam"/u,
    ),
    invalid(
      r`const fs = require('fs'); const path = require('path'); const ROOT = 'C:\\Program Files\\Adobe'; for (const dir of fs.readdirSync(ROOT).map((n) => path.join(ROOT, n))) fs.writeFileSync(path.join(dir, 'Scripts', 'x.jsx'), '');`,
      r`path.join(dir, 'Scripts', 'x.jsx')`,
      /^fs\.writeFileSync may overwrite "C:\\Program Files\\Adobe\\\*\\Scripts\\x\.jsx"/u,
    ),
    // Options merged by a library the way Object.assign merges them.
    invalid(
      r`const fs = require('fs'); const _ = require('lodash'); const DEFAULTS = { hostsFile: 'C:\\Windows\\System32\\drivers\\etc\\hosts' }; function block(opts) { const o = _.defaults({}, opts, DEFAULTS); fs.appendFileSync(o.hostsFile, 'x'); } block();`,
      r`o.hostsFile`,
      /^fs\.appendFileSync may append to "C:\\Windows\\System32\\drivers\\etc\\hosts"/u,
    ),
    // An inherited method called on a subclass's instance: `this` is the subclass's (its field, getter or
    // constructor's assignment overrides the parent's), reported at the call.
    invalid(
      r`import fs from 'fs'; class Base { file = 'out.txt'; save(d) { fs.writeFileSync(this.file, d); } } class Hosts extends Base { file = 'C:\\Windows\\acme.ini'; } new Hosts().save('x');`,
      r`new Hosts().save('x')`,
      /^new Hosts\(\)\.save\(\) passes "C:\\Windows\\acme\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    invalid(
      r`import fs from 'fs'; class Base { get file() { return 'out.txt'; } save() { fs.writeFileSync(this.file, ''); } } class Hosts extends Base { get file() { return 'C:\\Windows\\acme.ini'; } } const h = new Hosts(); h.save();`,
      r`h.save()`,
      /^h\.save\(\) passes "C:\\Windows\\acme\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    invalid(
      r`import fs from 'fs'; class Base { file = 'out.txt'; save() { this.write(''); } write(d) { fs.writeFileSync(this.file, d); } } class Hosts extends Base { constructor() { super(); this.file = 'C:\\Windows\\acme.ini'; } } new Hosts().save();`,
      r`new Hosts().save()`,
      /^new Hosts\(\)\.save\(\) passes "C:\\Windows\\acme\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    // …a path from the constructor's arguments once, where they are given (not again at the method's call).
    invalid(
      r`import fs from 'fs'; class Base { constructor(file) { this.file = file; } save(d) { fs.writeFileSync(this.file, d); } } class Hosts extends Base {} new Hosts('C:\\Windows\\acme.ini').save('x');`,
      r`'C:\\Windows\\acme.ini'`,
      /^new Hosts\(\) passes "C:\\Windows\\acme\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    // `this` kept in a variable in a method: the constructor's argument still reaches the write.
    invalid(
      r`import fs from 'fs'; class Store { constructor(file) { this.file = file; } save() { const self = this; fs.writeFileSync(self.file, ''); } } new Store('C:\\Windows\\acme.ini');`,
      r`'C:\\Windows\\acme.ini'`,
      /^new Store\(\) passes "C:\\Windows\\acme\.ini" to fs\.writeFileSync/u,
    ),
    // …and the call that asks for write access.
    invalid(
      r`import fs from 'fs'; const FLAGS = { ro: 'r', rw: 'r+' }; function open(p, mode = 'ro') { const flags = FLAGS[mode]; return fs.openSync(p, flags); } open('C:\\Windows\\win.ini'); open('C:\\Windows\\win.ini', 'rw');`,
      [r`'C:\\Windows\\win.ini'`, 2],
      /^open\(\) passes "C:\\Windows\\win\.ini" to fs\.openSync \(line 1\), which opens it with write access \('r\+'\)/u,
    ),
    // A wrapper forwarding its arguments with a spread: the first spread element is the path.
    invalid(
      r`import fs from 'fs'; const write = (...args) => fs.writeFileSync(...args); write('C:\\Windows\\win.ini', '');`,
      r`'C:\\Windows\\win.ini'`,
      /^write\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    // A callback a function of the project calls with the path: reported at the write in the callback.
    invalid(
      r`import fs from 'fs'; function withHosts(fn) { return fn('C:\\Windows\\System32\\drivers\\etc\\hosts'); } withHosts((p) => fs.appendFileSync(p, '# x'));`,
      ['p', 5],
      /^fs\.appendFileSync may append to "C:\\Windows\\System32\\drivers\\etc\\hosts"/u,
    ),
    // …and when the path the callback gets is the caller's parameter: at the call that gives it.
    invalid(
      r`import fs from 'fs'; function withFile(file, cb) { return cb(file); } function save(file) { withFile(file, (f) => fs.writeFileSync(f, '')); } save('C:\\Windows\\win.ini');`,
      r`'C:\\Windows\\win.ini'`,
      /^save\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(line 1\)/u,
    ),
    // Constructor functions (ES5 classes): prototype methods, a default in the constructor, `var self = this`.
    invalid(
      r`var fs = require('fs'); function Store(file) { this.file = file; } Store.prototype.save = function () { var self = this; fs.writeFileSync(self.file, ''); }; var s = new Store('C:\\Windows\\acme.ini'); s.save();`,
      r`'C:\\Windows\\acme.ini'`,
      /^new Store\(\) passes "C:\\Windows\\acme\.ini" to fs\.writeFileSync \(line 1\)/u,
      { languageOptions: cjs },
    ),
    invalid(
      r`var fs = require('fs'); function Hosts(file) { this.file = file || 'C:\\Windows\\System32\\drivers\\etc\\hosts'; } Hosts.prototype = { save: function (text) { fs.appendFileSync(this.file, text); } };`,
      ['this.file', 2],
      /^fs\.appendFileSync may append to "C:\\Windows\\System32\\drivers\\etc\\hosts"/u,
      { languageOptions: cjs },
    ),
    invalid(
      r`const fs = require('fs'); exports.HOSTS = 'C:\\Windows\\System32\\drivers\\etc\\hosts'; fs.writeFileSync(exports.HOSTS, '');`,
      ['exports.HOSTS', 2],
      message('fs.writeFileSync', 'overwrites', HOSTS),
      { languageOptions: cjs },
    ),
    invalid(
      r`const fs = require('fs'); module.exports = { HOSTS: 'C:\\Windows\\System32\\drivers\\etc\\hosts' }; fs.writeFileSync(module.exports.HOSTS, '');`,
      'module.exports.HOSTS',
      message('fs.writeFileSync', 'overwrites', HOSTS),
      { languageOptions: cjs },
    ),
    {
      code: r`import fs from 'fs'; function write(f) { fs.writeFileSync(f, ''); } function save(file) { write(file); } save('C:\\Windows\\win.ini');`,
      errors: [
        errorAt(
          r`import fs from 'fs'; function write(f) { fs.writeFileSync(f, ''); } function save(file) { write(file); } save('C:\\Windows\\win.ini');`,
          r`'C:\\Windows\\win.ini'`,
          /^save\(\) passes "C:\\Windows\\win\.ini" to fs\.writeFileSync \(line 1\)/u,
        ),
      ],
    },
    (() => {
      const code = r`import fs from 'fs';
const save = (file) => fs.writeFileSync(file, '');
save('C:\\Windows\\a.ini');
save('C:\\Program Files\\Acme\\b.ini');`;
      return {
        code,
        errors: [
          errorAt(
            code,
            r`'C:\\Windows\\a.ini'`,
            /^save\(\) passes "C:\\Windows\\a\.ini" to fs\.writeFileSync \(line 2\)/u,
          ),
          errorAt(code, r`'C:\\Program Files\\Acme\\b.ini'`, /^save\(\) passes "C:\\Program Files\\Acme\\b\.ini"/u),
        ],
      };
    })(),

    // ── Settings ─────────────────────────────────────────────────────────
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('C:\\ProgramData\\Acme\\state.json', '');`,
      r`'C:\\ProgramData\\Acme\\state.json'`,
      message('fs.writeFileSync', 'overwrites', r`C:\ProgramData\Acme\state.json`),
      { settings: { wimboot: { preset: 'strict' } } },
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('C:\\Users\\Default\\NTUSER.DAT', '');`,
      r`'C:\\Users\\Default\\NTUSER.DAT'`,
      message('fs.writeFileSync', 'overwrites', r`C:\Users\Default\NTUSER.DAT`),
      { settings: { wimboot: { preset: 'strict' } } },
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('C:\\Users\\All Users\\Acme\\x', '');`,
      r`'C:\\Users\\All Users\\Acme\\x'`,
      message('fs.writeFileSync', 'overwrites', r`C:\ProgramData\Acme\x`),
      { settings: { wimboot: { preset: 'strict' } } },
    ),
    invalid(
      r`import fs from 'fs'; fs.writeFileSync('D:\\Games\\Acme\\save.dat', '');`,
      r`'D:\\Games\\Acme\\save.dat'`,
      message('fs.writeFileSync', 'overwrites', r`D:\Games\Acme\save.dat`),
      { settings: { wimboot: { additionalSystemRoots: ['D:/Games/**'] } } },
    ),
  ],
});

// TypeScript syntax goes through the same evaluator.
createTsRuleTester().run('no-system-file-write (TypeScript)', rule as never, {
  valid: [r`import fs from 'fs'; const p: string = getPath(); fs.writeFileSync(p as string, '');`],
  invalid: [
    invalid(
      r`import fs from 'fs'; const HOSTS = 'C:\\Windows\\System32\\drivers\\etc\\hosts' as const; fs.writeFileSync(HOSTS!, '');`,
      'HOSTS!',
      message('fs.writeFileSync', 'overwrites', HOSTS),
    ),
    invalid(
      r`import fs from 'fs'; const p = 'C:\\Windows\\win.ini' satisfies string; fs.writeFileSync(<string>p, '');`,
      '<string>p',
      message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`),
    ),
    invalid(
      r`import * as fs from 'fs'; class Hosts { constructor(private readonly file: string = 'C:\\Windows\\System32\\drivers\\etc\\hosts') {} add(line: string): void { fs.appendFileSync(this.file, line); } }`,
      'this.file',
      /^fs\.appendFileSync may append to "C:\\Windows\\System32\\drivers\\etc\\hosts"/u,
    ),
  ],
});
