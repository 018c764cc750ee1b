import type { RuleTester } from 'eslint';
import rule from '../../../plugin/rules/no-system-file-write.js';
import { createJsRuleTester, createTsRuleTester } from '../../setup/rule-tester.js';
import { errorAt } from './helpers.js';

/**
 * Values held where the name pre-filter and the member reads did not look (real code: launchers,
 * mod managers, Angular/Electron apps): a helper called through an alias or a table, the global
 * object under Node's and the browser's names, a service injected into a decorated class, a member
 * of an instance's field that the instance's own class writes. Each row: the code, the snippet the
 * finding is on and the start of its message; each look-alike row the same code with a safe path.
 */

const r = String.raw;
const TF2 = r`C:\\Program Files (x86)\\Steam\\steamapps\\common\\Team Fortress 2\\tf\\custom`;
const SAFE = r`D:\\mods\\custom`;
const WRITE_ALL = r`const fs = require('fs'); const path = require('path'); function writeAll(target, files) { for (const f of files) fs.writeFileSync(path.join(target, f.name), f.data); }`;

interface Row {
  readonly name: string;
  /** The code, with `DIR` standing for the folder written. */
  readonly code: string;
  readonly snippet: string;
  /** Which occurrence of the snippet the finding is on (the first by default). */
  readonly occurrence?: number;
  readonly message: RegExp;
}

const passesTo = (helper: string): RegExp =>
  new RegExp(
    `^${helper.replace(/[$()*+.?[\\\]^{|}]/gu, '\\$&')} passes "C:\\\\Program Files \\(x86\\)\\\\Steam\\\\steamapps\\\\common\\\\Team Fortress 2\\\\tf\\\\custom\\\\\\*" to fs\\.writeFileSync \\(line 1\\)`,
    'u',
  );

/** `helper passes "<TF2>\\file" to api (line 1)`. */
const passesToCfg = (helper: string, file: string, api: string): RegExp =>
  new RegExp(
    `^${helper.replace(/[$()*+.?[\\\]^{|}]/gu, '\\$&')} passes "C:\\\\Program Files \\(x86\\)\\\\Steam\\\\steamapps\\\\common\\\\Team Fortress 2\\\\tf\\\\custom\\\\${file.replaceAll('.', '\\.')}" to ${api.replaceAll('.', '\\.')} \\(line 1\\)`,
    'u',
  );

/** `fs.writeFileSync may overwrite "<TF2>\\x.cfg"` (one of the values a field may hold). */
const mayOverwriteCfg =
  /^fs\.writeFileSync may overwrite "C:\\Program Files \(x86\)\\Steam\\steamapps\\common\\Team Fortress 2\\tf\\custom\\x\.cfg"/u;

/** `helper() calls api, given here, on "<TF2>\\file" (line 1)`: the path is the helper's, the file API the call's. */
const callsGiven = (helper: string, file: string, api: string): RegExp =>
  new RegExp(
    `^${helper.replace(/[$()*+.?[\\\]^{|}]/gu, '\\$&')} calls ${api.replaceAll('.', '\\.')}, given here, on "C:\\\\Program Files \\(x86\\)\\\\Steam\\\\steamapps\\\\common\\\\Team Fortress 2\\\\tf\\\\custom\\\\${file.replaceAll('.', '\\.')}" \\(line 1\\)`,
    'u',
  );

const javaScriptRows: Row[] = [
  {
    name: 'a helper called through a plain alias',
    code: r`${WRITE_ALL} const run = writeAll; run('DIR', []);`,
    snippet: `'DIR'`,
    message: passesTo('run()'),
  },
  {
    name: 'an alias chosen by a condition',
    code: r`${WRITE_ALL} const log = () => {}; const run = process.argv[2] ? writeAll : log; run('DIR', []);`,
    snippet: `'DIR'`,
    message: passesTo('run()'),
  },
  {
    name: 'an object literal member holding the helper',
    code: r`${WRITE_ALL} const io = { put: writeAll }; io.put('DIR', []);`,
    snippet: `'DIR'`,
    message: passesTo('io.put()'),
  },
  {
    name: 'a Map built from pairs',
    code: r`${WRITE_ALL} const writers = new Map([['vpk', writeAll]]); writers.get('vpk')('DIR', []);`,
    snippet: `'DIR'`,
    message: passesTo(`writers.get('vpk')()`),
  },
  {
    name: 'a Map filled by set',
    code: r`${WRITE_ALL} const writers = new Map(); writers.set('zip', writeAll); writers.get('zip')('DIR', []);`,
    snippet: `'DIR'`,
    message: passesTo(`writers.get('zip')()`),
  },
  {
    name: 'a table indexed by an unknown key',
    code: r`${WRITE_ALL} const handlers = { vpk: writeAll, zip: writeAll }; handlers[process.argv[2]]('DIR', []);`,
    snippet: `'DIR'`,
    message: passesTo('handlers[process.argv[2]]()'),
  },
  {
    name: 'an array element',
    code: r`${WRITE_ALL} const list = [writeAll]; list[0]('DIR', []);`,
    snippet: `'DIR'`,
    message: passesTo('list[0]()'),
  },
  {
    name: 'a variable read off a table',
    code: r`${WRITE_ALL} const handlers = { vpk: writeAll }; const h = handlers[process.argv[2]]; h('DIR', []);`,
    snippet: `'DIR'`,
    message: passesTo('h()'),
  },
  {
    name: "Node's global object set with global and read with globalThis",
    code: r`const fs = require('fs'); global.config = { dir: 'DIR' }; fs.writeFileSync(globalThis.config.dir + '\\a.vpk', '');`,
    snippet: r`globalThis.config.dir + '\\a.vpk'`,
    message:
      /^fs\.writeFileSync overwrites "C:\\Program Files \(x86\)\\Steam\\steamapps\\common\\Team Fortress 2\\tf\\custom\\a\.vpk"/u,
  },
  {
    name: "the browser's window read as the global object",
    code: r`const fs = require('fs'); window.settings = { dir: 'DIR' }; fs.writeFileSync(global.settings.dir + '\\a.vpk', '');`,
    snippet: r`global.settings.dir + '\\a.vpk'`,
    message:
      /^fs\.writeFileSync overwrites "C:\\Program Files \(x86\)\\Steam\\steamapps\\common\\Team Fortress 2\\tf\\custom\\a\.vpk"/u,
  },
  {
    name: "a member of an instance's field that its class's constructor writes",
    code: r`const fs = require('fs'); class Settings { constructor() { this.dir = null; } } class App { constructor() { this.settings = new Settings(); this.settings.dir = 'DIR'; } } const app = new App(); fs.writeFileSync(app.settings.dir + '\\a.cfg', '');`,
    snippet: r`app.settings.dir + '\\a.cfg'`,
    message:
      /^fs\.writeFileSync may overwrite "C:\\Program Files \(x86\)\\Steam\\steamapps\\common\\Team Fortress 2\\tf\\custom\\a\.cfg"/u,
  },
  {
    // main() first: its chain reaches a() three calls deep; a() must still be summarised whole.
    name: 'a helper chain called from a function that an earlier call summarised first',
    code: r`const fs = require('fs'); main(); function main() { run(); } function run() { a('DIR'); } function a(p) { b(p); } function b(p) { c(p); } function c(p) { fs.writeFileSync(p + '\\x.cfg', ''); }`,
    snippet: "'DIR'",
    message:
      /^a\(\) passes "C:\\Program Files \(x86\)\\Steam\\steamapps\\common\\Team Fortress 2\\tf\\custom\\x\.cfg" to fs\.writeFileSync \(line 1\)/u,
  },
  {
    name: 'fs handed to a helper as a parameter',
    code: r`const fs = require('fs'); function put(io, p) { io.writeFileSync(p + '\\x.cfg', ''); } put(fs, 'DIR');`,
    snippet: "'DIR'",
    message:
      /^put\(\) passes "C:\\Program Files \(x86\)\\Steam\\steamapps\\common\\Team Fortress 2\\tf\\custom\\x\.cfg" to fs\.writeFileSync \(line 1\)/u,
  },
  {
    name: 'fs/promises handed to an async helper',
    code: r`const fsp = require('fs/promises'); async function save(api, p) { await api.writeFile(p + '\\a.cfg', ''); } save(fsp, 'DIR');`,
    snippet: "'DIR'",
    message:
      /^save\(\) passes "C:\\Program Files \(x86\)\\Steam\\steamapps\\common\\Team Fortress 2\\tf\\custom\\a\.cfg" to fs\.promises\.writeFile \(line 1\)/u,
  },
  {
    name: 'fs-extra handed to an arrow helper',
    code: r`const fse = require('fs-extra'); const copyTo = (lib, to) => lib.copySync('a.cfg', to + '\\a.cfg'); copyTo(fse, 'DIR');`,
    snippet: "'DIR'",
    message:
      /^copyTo\(\) passes "C:\\Program Files \(x86\)\\Steam\\steamapps\\common\\Team Fortress 2\\tf\\custom\\a\.cfg" to fs-extra\.copySync \(line 1\)/u,
  },
  {
    name: 'fs handed to a helper that writes a path of its own',
    code: r`const nodeFs = require('fs'); function put(io) { io.writeFileSync('DIR\\x.cfg', ''); } put(nodeFs);`,
    snippet: 'nodeFs',
    occurrence: 2,
    message: callsGiven('put()', 'x.cfg', 'fs.writeFileSync'),
  },
  {
    name: 'a write API handed as the callback of a helper that chooses the path',
    code: r`const fs = require('fs'); function run(write) { write('DIR\\x.cfg', ''); } run(fs.writeFileSync);`,
    snippet: 'fs.writeFileSync',
    message: callsGiven('run()', 'x.cfg', 'fs.writeFileSync'),
  },
  {
    name: 'fs handed in an object of dependencies, destructured',
    code: r`const fs = require('fs'); function put({ fs: io }) { io.writeFileSync('DIR\\x.cfg', ''); } put({ fs });`,
    snippet: 'put({ fs })',
    message: callsGiven('put()', 'x.cfg', 'fs.writeFileSync'),
  },
  {
    name: "fs given to a class's constructor, kept in a field, the path a method's argument",
    code: r`const fs = require('fs'); class Store { constructor(io) { this.io = io; } save(p) { this.io.writeFileSync(p + '\\x.cfg', ''); } } new Store(fs).save('DIR');`,
    snippet: "'DIR'",
    message: passesToCfg('new Store(fs).save()', 'x.cfg', 'fs.writeFileSync'),
  },
  {
    name: 'fs kept by an instance, its write after more parameter calls than the cap (each list capped apart)',
    code: r`const fs = require('fs'); class Store { constructor(io) { this.io = io; } save(cb) { ${'cb(); '.repeat(9)}this.io.writeFileSync('DIR\\x.cfg', ''); } } const store = new Store(fs); store.save(() => {});`,
    snippet: 'store.save(() => {})',
    message: callsGiven('store.save()', 'x.cfg', 'fs.writeFileSync'),
  },
  {
    name: "fs-extra given to a class's constructor, the path the method's own",
    code: r`const fse = require('fs-extra'); class Store { constructor(deps) { this.deps = deps; } save() { this.deps.io.outputFileSync('DIR\\x.cfg', ''); } } const store = new Store({ io: fse }); store.save();`,
    snippet: 'store.save()',
    message: callsGiven('store.save()', 'x.cfg', 'fs-extra.outputFileSync'),
  },
  {
    name: "a class's field set by a method of its own, written by another",
    code: r`const fs = require('fs'); class Editor { setFolder(dir) { this.folder = dir; } save() { fs.writeFileSync(this.folder + '\\x.cfg', ''); } } const editor = new Editor(); editor.setFolder('DIR'); editor.save();`,
    snippet: r`this.folder + '\\x.cfg'`,
    message: mayOverwriteCfg,
  },
  {
    name: 'a field set from an options parameter by a method, on an instance kept in a field',
    code: r`const fs = require('fs'); class Mods { configure(options) { this.folder = options.folder; } install() { fs.writeFileSync(this.folder + '\\x.cfg', ''); } } class App { constructor() { this.mods = new Mods(); } start() { this.mods.configure({ folder: 'DIR' }); } }`,
    snippet: r`this.folder + '\\x.cfg'`,
    message: mayOverwriteCfg,
  },
  {
    name: 'a setter method inherited, called on an instance of the subclass',
    code: r`const fs = require('fs'); class Base { setFolder(dir) { this.folder = dir; } save() { fs.writeFileSync(this.folder + '\\x.cfg', ''); } } class Editor extends Base {} const editor = new Editor(); editor.setFolder('DIR'); editor.save();`,
    snippet: r`this.folder + '\\x.cfg'`,
    message: mayOverwriteCfg,
  },
  {
    name: "an object literal's field set by one of its methods, written by another",
    code: r`const fs = require('fs'); const editor = { folder: null, setFolder(dir) { this.folder = dir; }, save() { fs.writeFileSync(this.folder + '\\x.cfg', ''); } }; editor.setFolder('DIR'); editor.save();`,
    snippet: r`this.folder + '\\x.cfg'`,
    message: mayOverwriteCfg,
  },
  {
    name: 'paths pushed into an accumulator parameter and returned',
    code: r`const fs = require('fs'); function collect(dir, found = []) { for (const f of fs.readdirSync(dir)) found.push(dir + '/' + f); return found; } const files = collect('DIR'); fs.copyFileSync('a.wav', files[0]);`,
    snippet: 'files[0]',
    message:
      /^fs\.copyFileSync may replace "C:\\Program Files \(x86\)\\Steam\\steamapps\\common\\Team Fortress 2\\tf\\custom\\\*" \(destination\)/u,
  },
];

/** Angular and NestJS: a decorated class's constructor parameters come from the injector. */
const DECORATORS = r`function Component(_) { return (c) => c; } function Injectable() { return (c) => c; }`;
const typeScriptRows: Row[] = [
  {
    name: 'a service holding fs (window.require) injected into a decorated component',
    code: r`${DECORATORS} @Injectable() class ElectronService { fs: any; constructor() { this.fs = (window as any).require('fs-extra'); } } @Component({}) class HudComponent { constructor(private electron: ElectronService) {} install(name: string) { this.electron.fs.copy('hud', ${'`'}DIR\\${'$'}{name}${'`'}); } }`,
    snippet: r`${'`'}DIR\\${'$'}{name}${'`'}`,
    message:
      /^fs-extra\.copy may replace "C:\\Program Files \(x86\)\\Steam\\steamapps\\common\\Team Fortress 2\\tf\\custom\\\*" \(destination\)/u,
  },
  {
    name: "an injected component's settings, set in its constructor",
    code: r`import * as fs from 'fs-extra'; ${DECORATORS} @Component({}) class AppComponent { settings = { customPath: null as string | null }; private defaultPath = 'DIR'; constructor() { if (fs.existsSync(this.defaultPath)) this.settings.customPath = this.defaultPath; } } @Component({}) class HudComponent { constructor(public app: AppComponent) {} install(name: string) { fs.copy('hud', ${'`'}${'$'}{this.app.settings.customPath}\\${'$'}{name}${'`'}); } }`,
    snippet: r`${'`'}${'$'}{this.app.settings.customPath}\\${'$'}{name}${'`'}`,
    message:
      /^fs-extra\.copy may replace "C:\\Program Files \(x86\)\\Steam\\steamapps\\common\\Team Fortress 2\\tf\\custom\\\*" \(destination\)/u,
  },
];

const withDir = (code: string, dir: string): string => code.replaceAll('DIR', dir);
const invalid = (row: Row): RuleTester.InvalidTestCase => {
  const code = withDir(row.code, TF2);
  return { name: row.name, code, errors: [errorAt(code, withDir(row.snippet, TF2), row.message, row.occurrence)] };
};
const lookAlike = (row: Row): RuleTester.ValidTestCase => ({
  name: `${row.name}: a safe folder`,
  code: withDir(row.code, SAFE),
});

createJsRuleTester().run('no-system-file-write: values held by aliases, tables and the global object', rule as never, {
  valid: [
    ...javaScriptRows.map(lookAlike),
    // An object of the project's own, not a file API, handed where a helper calls a write member.
    r`const mem = { writeFileSync() {} }; function put(io, p) { io.writeFileSync(p, ''); } put(mem, 'C:\\Windows\\win.ini');`,
    // The same with the object kept by a class, and a callback that writes nothing.
    r`const mem = { writeFileSync() {} }; class Store { constructor(io) { this.io = io; } save() { this.io.writeFileSync('C:\\Windows\\win.ini', ''); } } new Store(mem).save();`,
    r`function run(write) { write('C:\\Windows\\win.ini', ''); } run(console.log);`,
    // The same method name called on an instance of another class sets nothing here.
    r`const fs = require('fs'); class Editor { setFolder(dir) { this.folder = dir; } save() { fs.writeFileSync(this.folder + '\\x.cfg', ''); } } class Other { setFolder() {} } new Other().setFolder('C:\\Windows'); new Editor().save();`,
    // A table of functions that do not write makes no call through it a candidate.
    r`const fs = require('fs'); const log = (p) => console.log(p); const handlers = { a: log }; handlers[process.argv[2]]('C:\\Windows\\win.ini');`,
    // A module's own binding named like the global object is that binding.
    r`const fs = require('fs'); const global = { config: { dir: './out' } }; globalThis.config = { dir: 'C:\\Windows' }; fs.writeFileSync(global.config.dir + '\\a.ini', '');`,
  ],
  invalid: javaScriptRows.map(invalid),
});

createTsRuleTester().run('no-system-file-write: injected constructor parameters (TypeScript)', rule as never, {
  valid: [
    ...typeScriptRows.map(lookAlike),
    // Undecorated: whoever constructs it passes the argument, and no call here does.
    r`import * as fs from 'fs-extra'; class AppComponent { settings = { customPath: 'C:\\Windows\\Fonts' }; } class Hud { constructor(public app: AppComponent) {} install() { fs.copy('hud', this.app.settings.customPath); } }`,
  ],
  invalid: typeScriptRows.map(invalid),
});
