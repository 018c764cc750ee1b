import { describe } from 'node:test';
import { testEvaluatorRows } from './harness.js';

/**
 * The built-in models (analysis/evaluator/builtins.ts): path, url, Buffer,
 * process.env, fs.constants, require and the promisify helpers, one row per
 * function or member, through the same harness as the evaluator rows. The
 * look-alikes at the end are user locations that must never read as system
 * paths.
 */

const r = String.raw;
const cjs = { sourceType: 'commonjs' } as const;
const ts = { typescript: true } as const;

const FONTS = r`C:\Windows\Fonts\*`;
const WIN_INI = r`C:\Windows\win.ini`;

describe('builtins: path', () => {
  testEvaluatorRows([
    {
      code: r`import path from 'path'; probe(path.join(process.env.SystemRoot, 'Fonts', name))`,
      expected: [FONTS],
      complete: true,
    },
    {
      code: r`import { join } from 'node:path'; probe(join('C:\\Windows', 'win.ini'))`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`import path from 'path'; probe(path.join('C:\\Windows', '..', 'Program Files', 'x'))`,
      expected: [r`C:\Program Files\x`],
      complete: true,
    },
    {
      code: r`import path from 'path'; probe(path.win32.join('C:\\Windows', 'win.ini'))`,
      expected: [WIN_INI],
      complete: true,
    },
    { code: r`import path from 'path'; probe(path.join(...parts))`, expected: [], complete: false },
    { code: r`import path from 'path'; probe(path.join())`, expected: [], complete: false },
    {
      code: r`import path from 'path'; probe(path.join(x64 ? 'C:\\Program Files' : 'C:\\Program Files (x86)', 'Acme'))`,
      expected: [r`C:\Program Files\Acme`, r`C:\Program Files (x86)\Acme`],
      complete: true,
    },
    // resolve: from the last absolute argument; none makes it relative to an unknown directory.
    {
      code: r`import path from 'path'; probe(path.resolve('C:\\Users\\me', 'C:\\Windows', 'win.ini'))`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`import path from 'path'; probe(path.resolve(process.env.SystemRoot, 'win.ini'))`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`import path from 'path'; probe(path.resolve('logs', 'x.txt'))`,
      expected: [r`*\logs\x.txt`],
      complete: true,
    },
    {
      code: r`import path from 'path'; probe(path.normalize('C:/Windows/./win.ini'))`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`import path from 'path'; probe(path.toNamespacedPath('C:\\Windows\\win.ini'))`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`import path from 'path'; probe(path.join('\\\\?\\C:\\Windows', 'win.ini'))`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`import path from 'path'; probe(path.dirname('C:\\Windows\\System32\\x.dll'))`,
      expected: [r`C:\Windows\System32`],
      complete: true,
    },
    {
      code: r`import path from 'path'; probe(path.join(path.dirname('C:\\Program Files\\Acme\\bin\\acme.exe'), 'Scripts'))`,
      expected: [r`C:\Program Files\Acme\bin\Scripts`],
      complete: true,
    },
    // path.parse: the root of a drive, of a system folder's variable (the system drive), of a drive computed at run time.
    {
      code: r`import path from 'path'; probe(path.join(path.parse('C:\\Windows\\notepad.exe').root, 'Windows', 'win.ini'))`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`import path from 'path'; probe(path.parse(process.env.SystemRoot || 'C:\\Windows').root + 'Windows\\win.ini')`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`import path from 'path'; probe(path.join(path.parse(letter + ':\\Data').root, 'Windows', 'win.ini'))`,
      // A computed drive renders as the system drive (docs/design.md: computed prefixes).
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`import path from 'path'; const { dir, name, ext } = path.parse('C:\\Windows\\System32\\drivers\\etc\\hosts.txt'); probe([dir, name, ext].join('|'))`,
      expected: [r`C:\Windows\System32\drivers\etc|hosts|.txt`],
      complete: true,
    },
    // path.format: dir before root, base before name + ext.
    {
      code: r`import path from 'path'; probe(path.format({ dir: 'C:\\Windows', base: 'win.ini' }))`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`import path from 'path'; probe(path.format({ root: 'C:\\', dir: 'C:\\Windows', name: 'win', ext: '.ini' }))`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`import path from 'path'; probe(path.format({ root: 'C:\\', base: 'boot.ini' }))`,
      expected: [r`C:\boot.ini`],
      complete: true,
    },
    // The root of a path the process knows to be absolute (its folder, executable, module): a computed drive.
    ...['process.cwd()', 'process.execPath', '__dirname', 'import.meta.dirname', 'os.homedir()'].map((absolute) => ({
      code: `import path from 'path'; import os from 'os'; probe(path.join(path.parse(${absolute}).root, 'Windows', 'win.ini'))`,
      expected: [WIN_INI],
      complete: true,
    })),
    // Silent: the root of an unknown, a relative or a UNC path names no drive; format of something unknown.
    { code: r`import path from 'path'; probe(path.parse(p).root)`, expected: [], complete: false },
    { code: r`import path from 'path'; probe(path.parse(home + '\\x').root)`, expected: ['*'], complete: true },
    { code: r`import path from 'path'; probe(path.parse('logs\\a.txt').root)`, expected: [''], complete: true },
    {
      code: r`import path from 'path'; probe(path.parse('\\\\server\\share\\x').root)`,
      expected: ['*'],
      complete: true,
    },
    { code: r`import path from 'path'; probe(path.format(parts))`, expected: [], complete: false },
    {
      code: r`import path from 'path'; probe('C:\\Windows' + path.sep + 'win.ini')`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`const path = require('path'); probe(path.join(process.env.windir, 'win.ini'))`,
      expected: [WIN_INI],
      complete: true,
      ...cjs,
    },
    // Functions without a model are opaque calls.
    {
      code: r`import path from 'path'; probe(path.basename('C:\\Windows\\win.ini'))`,
      expected: ['<path.basename()>'],
      complete: true,
    },
  ]);
});

describe('builtins: spreads into path functions, encoders', () => {
  testEvaluatorRows([
    {
      code: r`import path from 'path'; const segs = ['System32', 'drivers', 'etc', 'hosts']; probe(path.win32.join('C:\\Windows', ...segs))`,
      expected: [r`C:\Windows\System32\drivers\etc\hosts`],
      complete: true,
    },
    {
      code: r`import path from 'path'; probe(path.join(...['C:\\Windows', 'win.ini']))`,
      expected: [WIN_INI],
      complete: true,
    },
    // A spread that cannot be listed: unknown.
    { code: r`import path from 'path'; probe(path.join('C:\\Windows', ...parts))`, expected: [], complete: false },
    // A directory's listing: names not known, but an array of them (installers scan a folder for versions).
    {
      code: r`import fs from 'fs'; import path from 'path'; const ROOT = 'C:\\Program Files\\Adobe'; for (const dir of fs.readdirSync(ROOT).filter((n) => n.startsWith('Adobe')).map((n) => path.join(ROOT, n))) probe(dir)`,
      expected: [r`C:\Program Files\Adobe\*`],
      complete: false,
    },
    {
      code: r`import fs from 'fs'; import path from 'path'; const entries = await fs.promises.readdir('C:\\Windows\\Fonts', { withFileTypes: true }); probe(path.join('C:\\Windows\\Fonts', entries[0].name))`,
      expected: [FONTS],
      complete: false,
    },
    // A rest parameter spread: the arguments the call gives, however many.
    {
      code: r`import path from 'path'; const pf = (...parts) => path.win32.join('C:\\Program Files', ...parts); probe(pf('Acme', 'state.json'))`,
      expected: [r`C:\Program Files\Acme\state.json`],
      complete: true,
    },
    {
      code: r`import path from 'path'; function under(root, ...rest) { return path.join(root, ...rest); } probe(under('C:\\Windows\\System32', 'drivers', 'etc', 'hosts'))`,
      expected: [r`C:\Windows\System32\drivers\etc\hosts`],
      complete: true,
    },
    // …more than the four arguments a rest parameter tracks, or none bound: unknown.
    {
      code: r`import path from 'path'; const j = (...p) => path.join(...p); probe(j('C:\\', 'Windows', 'System32', 'drivers', 'etc'))`,
      expected: [],
      complete: false,
    },
    // C strings for Deno and Bun FFI: the encoded text without its NUL.
    { code: r`probe(new TextEncoder().encode('C:\\Windows\\win.ini\0'))`, expected: [WIN_INI], complete: true },
    {
      code: r`const e = new TextEncoder(); probe(e.encode('C:\\Windows\\win.ini'))`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`import { ptr } from 'bun:ffi'; probe(ptr(Buffer.from('C:\\Windows\\win.ini\0', 'utf16le')))`,
      expected: [WIN_INI],
      complete: true,
    },
  ]);
});

describe('builtins: util.format', () => {
  testEvaluatorRows([
    {
      code: r`import util from 'util'; probe(util.format('%s\\System32\\drivers\\etc\\hosts', process.env.SystemRoot))`,
      expected: [r`C:\Windows\System32\drivers\etc\hosts`],
      complete: true,
    },
    {
      code: r`const { format } = require('node:util'); probe(format('%s:\\%s\\win.ini', 'C', 'Windows'))`,
      expected: [WIN_INI],
      complete: true,
      sourceType: 'commonjs',
    },
    // `%%`, a specifier left without an argument, arguments left over (after a space), `%d` of a number.
    { code: r`import util from 'util'; probe(util.format('100%% %s', 'x'))`, expected: ['100% x'], complete: true },
    { code: r`import util from 'util'; probe(util.format('a %s'))`, expected: ['a %s'], complete: true },
    { code: r`import util from 'util'; probe(util.format('a', 'b', 'c'))`, expected: ['a b c'], complete: true },
    { code: r`import util from 'util'; probe(util.format('log-%d.txt', 3))`, expected: ['log-3.txt'], complete: true },
    // An unknown format, or a spread of arguments: unknown.
    { code: r`import util from 'util'; probe(util.format(fmt, 'C:\\Windows'))`, expected: [], complete: false },
    { code: r`import util from 'util'; probe(util.format('%s', ...parts))`, expected: [], complete: false },
  ]);
});

describe('builtins: url', () => {
  testEvaluatorRows([
    {
      code: r`import { fileURLToPath } from 'node:url'; probe(fileURLToPath('file:///C:/Program%20Files/Acme/x.dll'))`,
      expected: [r`C:\Program Files\Acme\x.dll`],
      complete: true,
    },
    { code: r`probe(new URL('file:///C:/Windows/win.ini'))`, expected: [WIN_INI], complete: true },
    {
      code: r`import { URL } from 'node:url'; probe(new URL('file:///C:/Windows/win.ini'))`,
      expected: [WIN_INI],
      complete: true,
    },
    { code: r`probe(new URL('win.ini', 'file:///C:/Windows/'))`, expected: [WIN_INI], complete: true },
    {
      code: r`import { pathToFileURL } from 'url'; probe(pathToFileURL('C:\\Windows\\win.ini'))`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`import { fileURLToPath } from 'url'; probe(fileURLToPath('file://server/share/x'))`,
      expected: [r`\\server\share\x`],
      complete: true,
    },
    // Not a file URL: no path at all.
    { code: r`probe(new URL('https://example.com/C:/Windows/win.ini'))`, expected: [], complete: true },
    { code: r`probe(new URL('./x', import.meta.url))`, expected: [], complete: false },
  ]);
});

describe('builtins: Buffer, String and os', () => {
  testEvaluatorRows([
    { code: r`probe(Buffer.from('C:\\Windows\\win.ini\0', 'ucs2'))`, expected: [WIN_INI], complete: true },
    {
      code: r`const p = 'C:\\Windows\\win.ini'; probe(Buffer.from(p + '\0', 'utf16le'))`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`import { Buffer } from 'node:buffer'; probe(Buffer.from('C:\\Windows\\win.ini'))`,
      expected: [WIN_INI],
      complete: true,
    },
    { code: r`probe(String('C:\\Windows\\win.ini'))`, expected: [WIN_INI], complete: true },
    { code: r`import os from 'os'; probe(os.homedir())`, expected: ['*'], complete: true },
    { code: r`import { tmpdir } from 'node:os'; probe(tmpdir())`, expected: ['*'], complete: true },
    // String methods that keep a path a path: case, spaces, Unicode form, one separator for the other.
    { code: r`probe('C:\\Windows\\WIN.INI'.toLowerCase())`, expected: [r`C:\windows\win.ini`], complete: true },
    {
      code: r`probe((process.env.SystemRoot + '\\win.ini').toUpperCase())`,
      expected: [r`C:\Windows\WIN.INI`],
      complete: true,
    },
    { code: r`probe('  C:\\Windows\\win.ini \n'.trim())`, expected: [WIN_INI], complete: true },
    { code: r`probe('C:/Windows/win.ini'.replace(/\//g, '\\'))`, expected: [WIN_INI], complete: true },
    { code: r`probe('C:\\Windows\\win.ini'.replaceAll('\\', '/'))`, expected: [WIN_INI], complete: true },
    { code: r`probe(('C:\\Windows\\' + name).replace(/[\\/]/g, '/'))`, expected: [r`C:\Windows\*`], complete: true },
    // split: the pieces, cut in the known text (joined again, the path).
    { code: r`probe('C:/Windows/win.ini'.split('/').join('\\'))`, expected: [WIN_INI], complete: true },
    {
      code: r`probe((process.env.SystemRoot + '/win.ini').split('/').join('\\'))`,
      expected: [WIN_INI],
      complete: true,
    },
    { code: r`probe(('C:/Windows/' + name).split('/').join('\\'))`, expected: [r`C:\Windows\*`], complete: true },
    {
      code: r`const [drive] = 'C:\\Windows'.split('\\'); probe(drive + '\\boot.ini')`,
      expected: [r`C:\boot.ini`],
      complete: true,
    },
    { code: r`probe('C:/Windows/win.ini'.split('/', 2).join('\\'))`, expected: [], complete: false },
    { code: r`probe('C:/Windows/win.ini'.split(sep).join('\\'))`, expected: [], complete: false },
    // A known text replaced by a string: the first match, or all of them (`g`, replaceAll); `i` folds case.
    {
      code: r`probe('C:\\Windows\\win.ini'.replace('Windows', 'Temp'))`,
      expected: [r`C:\Temp\win.ini`],
      complete: true,
    },
    {
      code: r`probe('%SystemRoot%\\win.ini'.replace('%SystemRoot%', process.env.SystemRoot))`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`probe('%systemroot%\\win.ini'.replace(/%SystemRoot%/i, process.env.SystemRoot))`,
      expected: [WIN_INI],
      complete: true,
    },
    { code: r`probe('a-a-a'.replace('a', 'b'))`, expected: ['b-a-a'], complete: true },
    { code: r`probe('a-a-a'.replace(/a/g, 'b'))`, expected: ['b-b-b'], complete: true },
    { code: r`probe('a-a-a'.replaceAll('a', 'b'))`, expected: ['b-b-b'], complete: true },
    // An unknown part may hold a match: incomplete. `concat` appends.
    { code: r`probe((name + '-a').replace('a', 'b'))`, expected: ['*-b'], complete: false },
    { code: r`probe('C:\\Windows\\'.concat('win', '.ini'))`, expected: [WIN_INI], complete: true },
    // A hand-written %VAR% expansion leaves the variables for the classifier, which reads them as their values.
    {
      code: r`probe('%SystemRoot%\\win.ini'.replace(/%([^%]+)%/g, (m, name) => process.env[name] ?? m))`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`const expand = (s) => s.replace(/%(\w+)%/gi, (_, n) => process.env[n]); probe(expand('%windir%\\System32'))`,
      expected: [r`C:\Windows\System32`],
      complete: true,
    },
    // …only global, with a function: one text for every variable is no expansion.
    { code: r`probe('%SystemRoot%\\win.ini'.replace(/%([^%]+)%/g, 'C:'))`, expected: [], complete: false },
    { code: r`probe('%SystemRoot%\\win.ini'.replace(/%([^%]+)%/, (m) => m))`, expected: [], complete: false },
    // Not modelled: a pattern with regular-expression syntax, a `$` pattern, a replacement not known to be a string.
    { code: r`probe('C:\\Windows\\win.ini'.replace(/W.ndows/, 'Temp'))`, expected: [], complete: false },
    { code: r`probe('C:\\Windows\\win.ini'.replace('Windows', '$&x'))`, expected: [], complete: false },
    { code: r`probe('C:\\Windows\\win.ini'.replace('Windows', (m) => m))`, expected: [], complete: false },
    { code: r`probe('C:\\Windows\\win.ini'.replace(/\//g, name))`, expected: [], complete: false },
    { code: r`probe(name.toLowerCase())`, expected: [], complete: false },
    {
      code: r`const o = { trim: () => 'C:\\Windows\\win.ini' }; probe(o.trim())`,
      expected: [WIN_INI],
      complete: true,
    },
  ]);
});

describe('builtins: Object', () => {
  testEvaluatorRows([
    {
      code: r`const o = { a: 'C:\\Windows\\win.ini' }; probe(Object.assign({}, o, { b: 1 }).a)`,
      expected: [WIN_INI],
      complete: true,
    },
    { code: r`probe(Object.freeze({ a: 'C:\\Windows\\win.ini' }).a)`, expected: [WIN_INI], complete: true },
    // Libraries that merge options like Object.assign: later sources win, or (defaults) earlier ones.
    ...[
      [`const _ = require('lodash');`, `_.merge({}, D, { b: 1 })`],
      [`const _ = require('lodash');`, `_.assign({}, { a: 'x.txt' }, D)`],
      [`const _ = require('underscore');`, `_.extend({}, D)`],
      [`import _ from 'lodash-es';`, `_.defaults({}, D, { a: 'x.txt' })`],
      [`import merge from 'lodash/merge';`, `merge({}, D)`],
      [`const defaultsDeep = require('lodash.defaultsdeep');`, `defaultsDeep({}, D)`],
      [`const deepmerge = require('deepmerge');`, `deepmerge({ a: 'x.txt' }, D)`],
      [`const extend = require('extend');`, `extend(true, {}, D)`],
      [`import { defu } from 'defu';`, `defu({}, D, { a: 'x.txt' })`],
      [`const assign = require('object-assign');`, `assign({}, D)`],
    ].map(([load, merged]) => ({
      code: `${load} const D = { a: 'C:\\\\Windows\\\\win.ini' }; probe((${merged}).a)`,
      expected: [WIN_INI],
      complete: true,
    })),
    // `_.defaults`: the first source that has the key wins; an unknown source may override.
    {
      code: r`const _ = require('lodash'); probe(_.defaults({ a: 'x.txt' }, { a: 'C:\\Windows\\win.ini' }).a)`,
      expected: ['x.txt'],
      complete: true,
    },
    {
      code: r`const _ = require('lodash'); probe(_.defaults({}, options, { a: 'C:\\Windows\\win.ini' }).a)`,
      expected: [WIN_INI],
      complete: false,
    },
    // A spread or merge of a value whose keys cannot be listed (a package, a module's exports) keeps its members.
    {
      code: r`const path = require('path'); const p = { ...path, extra: 1 }; probe(p.join('C:\\Windows', 'win.ini'))`,
      expected: [WIN_INI],
      complete: false,
    },
    {
      code: r`const p = Object.assign({}, require('path')); probe(p.win32.join('C:\\Windows', 'win.ini'))`,
      expected: [WIN_INI],
      complete: false,
    },
    {
      code: r`const p = { ...{ ...require('path') } }; probe(p.join('C:\\Windows', 'win.ini'))`,
      expected: [WIN_INI],
      complete: false,
    },
    { code: r`const p = { ...require('path') }; probe(p.missing)`, expected: ['<path.missing>'], complete: false },
    // values, entries and keys of an object literal are arrays: iterated, picked, passed to callbacks.
    {
      code: r`const P = { ini: 'C:\\Windows\\win.ini', sys: 'C:\\Windows\\system.ini' }; for (const p of Object.values(P)) probe(p);`,
      expected: [r`C:\Windows\system.ini`, WIN_INI],
      complete: true,
    },
    {
      code: r`const P = { ini: 'C:\\Windows\\win.ini' }; for (const [name, p] of Object.entries(P)) probe(p);`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`const P = { ini: 'C:\\Windows\\win.ini' }; Object.entries(P).forEach(([name]) => probe('C:\\Windows\\' + name));`,
      expected: [r`C:\Windows\ini`],
      complete: true,
    },
    {
      code: r`const P = { 'win.ini': 1 }; probe('C:\\Windows\\' + Object.keys(P)[0])`,
      expected: [WIN_INI],
      complete: true,
    },
    // An object that may have other keys lists them as unknown; anything else is unknown.
    {
      code: r`const P = { ini: 'C:\\Windows\\win.ini', ...more }; for (const p of Object.values(P)) probe(p);`,
      expected: [WIN_INI],
      complete: false,
    },
    { code: r`for (const p of Object.values(config)) probe(p);`, expected: [], complete: false },
  ]);
});

describe('builtins: Map and Set', () => {
  testEvaluatorRows([
    // Entries added by `set` on the same variable, anywhere in the module (never complete: `delete`, other modules).
    {
      code: r`const m = new Map(); m.set('ini', 'C:\\Windows\\win.ini'); probe(m.get('ini'))`,
      expected: [WIN_INI],
      complete: false,
    },
    {
      code: r`const m = new Map(); m.set('ini', 'C:\\Windows\\win.ini'); probe(m.get('other'))`,
      expected: [],
      complete: false,
    },
    {
      code: r`const m = new Map(); n.set('ini', 'C:\\Windows\\win.ini'); probe(m.get('ini'))`,
      expected: [],
      complete: false,
    },
    // `Map#get` ignores a second argument.
    {
      code: r`const m = new Map([['f', './safe.ini']]); probe(m.get('f', 'C:\\Windows\\no.ini'))`,
      expected: ['./safe.ini'],
      complete: false,
    },
    // A package's class used as a keyed store (electron-store, conf): `set`, the `defaults` option, a fallback.
    {
      code: r`import Store from 'electron-store'; const store = new Store(); store.set('ini', 'C:\\Windows\\win.ini'); probe(store.get('ini'))`,
      expected: [WIN_INI],
      complete: false,
    },
    {
      code: r`import Conf from 'conf'; const store = new Conf({ defaults: { ini: 'C:\\Windows\\win.ini' } }); probe(store.get('ini'))`,
      expected: [WIN_INI],
      complete: false,
    },
    // A default for the key wins over the fallback; a function after the key is no fallback (`router.get('/x', handler)`).
    {
      code: r`import Conf from 'conf'; const store = new Conf({ defaults: { ini: './safe.ini' } }); probe(store.get('ini', 'C:\\Windows\\no.ini'))`,
      expected: ['./safe.ini'],
      complete: false,
    },
    {
      code: r`import Router from 'router'; const r = new Router(); probe(r.get('C:\\Windows\\win.ini', () => {}))`,
      expected: ['<router().get()>'],
      complete: true,
    },
    {
      code: r`import Store from 'electron-store'; const store = new Store(); probe(store.get('ini', 'C:\\Windows\\win.ini'))`,
      expected: [WIN_INI],
      complete: false,
    },
    // What a setter function stores: the values the module calls it with.
    {
      code: r`import Store from 'electron-store'; const store = new Store(); const setIni = (p) => store.set('ini', p); setIni('C:\\Windows\\win.ini'); probe(store.get('ini'))`,
      expected: [WIN_INI],
      complete: false,
    },
    // A call's own method of that name is no store (`axios.get(url)`, a function's result).
    {
      code: r`import axios from 'axios'; probe(axios.get('C:\\Windows\\win.ini'))`,
      expected: ['<axios.get()>'],
      complete: true,
    },
    // A Map of pairs is a lookup table: `get` of a known key is its entry (a later `set` may change it).
    {
      code: r`const T = new Map([['win32', 'C:\\Windows\\win.ini'], ['linux', '/etc/x']]); probe(T.get('win32'))`,
      expected: [WIN_INI],
      complete: false,
    },
    {
      // `process.platform` is 'win32' (what the rules judge is Windows): the lookup finds that entry.
      code: r`const T = new Map([['win32', 'C:\\Windows\\win.ini'], ['linux', '/etc/x']]); probe(T.get(process.platform))`,
      expected: [WIN_INI],
      complete: false,
    },
    {
      code: r`const T = new Map([['win32', 'C:\\Windows\\win.ini'], ['linux', '/etc/x']]); probe(T.get(os))`,
      expected: [WIN_INI, r`C:\etc\x`],
      complete: false,
    },
    { code: r`const T = new Map(); probe(T.get('win32'))`, expected: [], complete: false },
    // `get` of anything else is no Map lookup.
    { code: r`probe(store.get('file'))`, expected: [], complete: false },
    {
      code: r`const o = { get: () => 'C:\\Windows\\win.ini' }; probe(o.get('x'))`,
      expected: [WIN_INI],
      complete: true,
    },
    // A Set iterates as the array it was made from.
    { code: r`for (const p of new Set(['C:\\Windows\\win.ini'])) probe(p);`, expected: [WIN_INI], complete: true },
  ]);
});

describe('builtins: process.env', () => {
  testEvaluatorRows([
    { code: r`probe(process.env.SystemRoot)`, expected: [r`C:\Windows`], complete: true },
    // Windows folds the case of variable names.
    { code: r`probe(process.env.SYSTEMROOT)`, expected: [r`C:\Windows`], complete: true },
    { code: r`probe(process.env.windir)`, expected: [r`C:\Windows`], complete: true },
    { code: r`probe(process.env['ProgramFiles(x86)'])`, expected: [r`C:\Program Files (x86)`], complete: true },
    { code: r`probe(process.env.ProgramW6432)`, expected: [r`C:\Program Files`], complete: true },
    { code: r`probe(process.env.CommonProgramFiles)`, expected: [r`C:\Program Files\Common Files`], complete: true },
    { code: r`probe(process.env.ALLUSERSPROFILE)`, expected: [r`C:\ProgramData`], complete: true },
    { code: r`probe(process.env.ComSpec)`, expected: [r`C:\Windows\System32\cmd.exe`], complete: true },
    { code: r`probe(process.env.DriverData)`, expected: [r`C:\Windows\System32\Drivers\DriverData`], complete: true },
    { code: r`probe(process.env.SystemDrive + '\\Windows')`, expected: [r`C:\Windows`], complete: true },
    { code: r`const { env } = process; probe(env.SystemRoot)`, expected: [r`C:\Windows`], complete: true },
    {
      code: r`import process from 'node:process'; probe(process.env.windir)`,
      expected: [r`C:\Windows`],
      complete: true,
    },
    { code: r`import { env } from 'node:process'; probe(env.windir)`, expected: [r`C:\Windows`], complete: true },
    { code: r`const env = process.env; probe(env['SystemRoot'])`, expected: [r`C:\Windows`], complete: true },
  ]);
});

describe('builtins: fs.constants (Windows values)', () => {
  testEvaluatorRows([
    { code: r`import fs from 'fs'; probe(fs.constants.O_WRONLY)`, expected: ['1'], complete: true },
    { code: r`import fs from 'fs'; probe(fs.constants.O_APPEND)`, expected: ['8'], complete: true },
    { code: r`import fs from 'fs'; probe(fs.constants.O_CREAT)`, expected: ['256'], complete: true },
    { code: r`import fs from 'fs'; probe(fs.constants.O_TRUNC)`, expected: ['512'], complete: true },
    { code: r`import fs from 'fs'; probe(fs.constants.O_EXCL)`, expected: ['1024'], complete: true },
    { code: r`import fs from 'fs'; probe(fs.constants.UV_FS_O_FILEMAP)`, expected: ['536870912'], complete: true },
    // Absent on Windows: 0.
    { code: r`import fs from 'fs'; probe(fs.constants.O_SYNC)`, expected: ['0'], complete: true },
    {
      code: r`import { constants } from 'fs'; probe(constants.O_RDWR | constants.O_CREAT)`,
      expected: ['258'],
      complete: true,
    },
    { code: r`import fs from 'fs'; probe(fs.promises.constants.O_WRONLY)`, expected: ['1'], complete: true },
    { code: r`import fse from 'fs-extra'; probe(fse.constants.COPYFILE_EXCL)`, expected: ['1'], complete: true },
  ]);
});

describe('builtins: promisify and friends', () => {
  testEvaluatorRows([
    {
      code: r`import fs from 'fs'; import util from 'util'; probe(util.promisify(fs.writeFile))`,
      expected: ['<fs.writeFile>'],
      complete: true,
    },
    {
      code: r`import fs from 'fs'; import { promisify } from 'node:util'; probe(promisify(fs.open))`,
      expected: ['<fs.open>'],
      complete: true,
    },
    {
      code: r`import fs from 'fs'; import pify from 'pify'; probe(pify(fs).writeFile)`,
      expected: ['<fs.writeFile>'],
      complete: true,
    },
    {
      code: r`import fs from 'fs'; import Promise from 'bluebird'; probe(Promise.promisifyAll(fs).writeFileAsync)`,
      expected: ['<fs.writeFile>'],
      complete: true,
    },
    {
      code: r`const fsa = require('bluebird').promisifyAll(require('fs')); probe(fsa.writeFileAsync)`,
      expected: ['<fs.writeFile>'],
      complete: true,
      ...cjs,
    },
    {
      code: r`import fs from 'fs'; probe(fs.realpathSync('C:\\Windows'))`,
      expected: ['<fs.realpathSync()>'],
      complete: true,
    },
    { code: r`probe(Bun.write)`, expected: ['<bun.write>'], complete: true },
    { code: r`probe(Deno.writeTextFile)`, expected: ['<deno.writeTextFile>'], complete: true },
    // The global object's members are the globals, however it is named or cast.
    { code: r`probe(globalThis.Bun.write)`, expected: ['<bun.write>'], complete: true },
    { code: r`const g = globalThis; probe(g.Deno.writeFile)`, expected: ['<deno.writeFile>'], complete: true },
    { code: r`const g = globalThis as any; probe(g.Bun.write)`, expected: ['<bun.write>'], complete: true, ...ts },
    { code: r`probe(global.process.env.SystemRoot + '\\win.ini')`, expected: [r`C:\Windows\win.ini`], complete: true },
    { code: r`probe(window.require)`, expected: ['<<require>>'], complete: true },
    // A local binding of that name is no global object.
    { code: r`const globalThis = { Bun: 1 }; probe(globalThis.Bun)`, expected: ['1'], complete: true },
    { code: r`function f(self) { probe(self.Bun.write) }`, expected: ['*'], complete: false },
  ]);
});

describe('builtins: look-alikes of system locations', () => {
  testEvaluatorRows(
    [
      {
        code: r`import path from 'path'; probe(path.join(process.env.APPDATA, 'Acme', 'x.json'))`,
        expected: [r`*\Acme\x.json`],
        complete: true,
      },
      {
        code: r`import path from 'path'; probe(path.join(process.env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts', name))`,
        expected: [r`*\Microsoft\Windows\Fonts\*`],
        complete: true,
      },
      {
        code: r`probe('C:\\Users\\me\\AppData\\Local\\Microsoft\\Windows\\Fonts\\a.ttf')`,
        expected: [r`C:\Users\me\AppData\Local\Microsoft\Windows\Fonts\a.ttf`],
        complete: true,
      },
      {
        code: r`import os from 'os'; import path from 'path'; probe(path.join(os.tmpdir(), 'x'))`,
        expected: [r`*\x`],
        complete: true,
      },
      { code: r`probe(process.env.TEMP + '\\x')`, expected: [r`*\x`], complete: true },
      { code: r`probe('C:\\Windows\\Temp\\setup.log')`, expected: [r`C:\Windows\Temp\setup.log`], complete: true },
      {
        code: r`import os from 'os'; import path from 'path'; probe(path.join(os.homedir(), '.acme'))`,
        expected: [r`*\.acme`],
        complete: true,
      },
      {
        code: r`import path from 'path'; probe(path.join(process.env.USERPROFILE, 'x'))`,
        expected: [r`*\x`],
        complete: true,
      },
      // Each unknown variable renders as its own `*`.
      { code: r`probe(process.env.HOMEDRIVE + process.env.HOMEPATH + '\\x')`, expected: [r`**\x`], complete: true },
      { code: r`probe('%SystemRoot%\\win.ini')`, expected: [r`%SystemRoot%\win.ini`], complete: true },
      { code: r`probe('C:\\Windowsill\\x.txt')`, expected: [r`C:\Windowsill\x.txt`], complete: true },
      { code: r`probe('D:\\Windows\\x.txt')`, expected: [r`D:\Windows\x.txt`], complete: true },
    ],
    { lookAlikes: true },
  );
});
