import { describe } from 'node:test';
import { testEvaluatorRows } from './harness.js';

/**
 * The evaluator, one row per construct docs/design.md says it follows
 * ("What it follows"). Each row's `probe(...)` argument must take exactly
 * `expected` (rendered as the classifier sees a path: `*` for an unknown
 * part, environment roots at their typical value), and `complete` says that
 * it can take no other value. Built-in modules are in builtins.test.ts,
 * helper call sites in call-sites.test.ts.
 */

const r = String.raw;
const ts = { typescript: true } as const;
const cjs = { sourceType: 'commonjs' } as const;

const FONTS = r`C:\Windows\Fonts\*`;
const WIN_INI = r`C:\Windows\win.ini`;
const HOSTS_PATH = r`C:\Windows\System32\drivers\etc\hosts`;

describe('evaluator: literals, templates and operators', () => {
  testEvaluatorRows([
    { code: r`probe('C:\\Windows\\win.ini')`, expected: [WIN_INI], complete: true },
    { code: r`probe("c:/windows/win.ini")`, expected: [r`C:\windows\win.ini`], complete: true },
    { code: r`probe(0x40000000)`, expected: ['1073741824'], complete: true },
    { code: r`probe(0xC0000000n)`, expected: ['3221225472n'], complete: true },
    { code: r`probe(true)`, expected: ['true'], complete: true },
    { code: r`probe(null)`, expected: ['nullish'], complete: true },
    { code: r`probe(undefined)`, expected: ['nullish'], complete: true },
    { code: r`probe(void 0)`, expected: ['nullish'], complete: true },
    { code: r`probe(/C:\\Windows/u)`, expected: [], complete: false },
    { code: r`probe(name)`, expected: [], complete: false },
    // Templates: an unknown part is `*`, which stands for every value.
    { code: 'probe(`${process.env.SystemRoot}\\\\Fonts\\\\${name}`)', expected: [FONTS], complete: true },
    { code: 'probe(`C:\\\\Windows\\\\Fonts\\\\${name}`)', expected: [FONTS], complete: true },
    {
      code: 'probe(String.raw`${process.env.SystemRoot}\\Fonts\\arial.ttf`)',
      expected: [r`C:\Windows\Fonts\arial.ttf`],
      complete: true,
    },
    { code: 'probe(String.raw`C:\\Windows\\win.ini`)', expected: [WIN_INI], complete: true },
    // Another tag is not String.raw: its result is unknown.
    { code: 'probe(tag`C:\\Windows\\win.ini`)', expected: [], complete: false },
    // `+` concatenates strings and adds numbers.
    { code: r`probe(process.env.windir + '\\Fonts\\' + name)`, expected: [FONTS], complete: true },
    { code: r`probe('C:\\Windows\\' + 'win' + '.ini')`, expected: [WIN_INI], complete: true },
    { code: r`probe('C:\\Windows\\x' + 1)`, expected: [r`C:\Windows\x1`], complete: true },
    { code: r`probe(1 + 2)`, expected: ['3'], complete: true },
    { code: r`probe(0x80000000 | 0x40000000)`, expected: ['-1073741824'], complete: true },
    { code: r`probe((0x80000000 | 0x40000000) >>> 0)`, expected: ['3221225472'], complete: true },
    { code: r`probe(-1)`, expected: ['-1'], complete: true },
    { code: r`probe(~0)`, expected: ['-1'], complete: true },
    { code: r`probe(typeof x)`, expected: ['*'], complete: true },
    // `??` and `||`: both sides (an environment variable may be unset).
    {
      code: r`probe(process.env.ProgramData ?? 'D:\\ProgramData')`,
      expected: [r`C:\ProgramData`, r`D:\ProgramData`],
      complete: true,
    },
    {
      code: r`probe(process.env.ProgramFiles || 'D:\\Apps')`,
      expected: [r`C:\Program Files`, r`D:\Apps`],
      complete: true,
    },
    { code: r`probe(null ?? 'C:\\Windows\\win.ini')`, expected: [WIN_INI], complete: true },
    // A left side that is surely set (some text, not an env var alone) or surely truthy is the value.
    { code: r`probe('D:\\Games' ?? 'C:\\Windows\\win.ini')`, expected: [r`D:\Games`], complete: true },
    { code: r`probe(process.env.SystemRoot + '\\win.ini' || 'D:\\x.ini')`, expected: [WIN_INI], complete: true },
    {
      code: r`probe(process.env.SystemRoot ?? 'D:\\Windows')`,
      expected: [r`C:\Windows`, r`D:\Windows`],
      complete: true,
    },
    { code: r`probe('' || 'C:\\Windows\\win.ini')`, expected: [WIN_INI], complete: true },
    // `&&`: the right side when the left is truthy, else the left: only the right is followed.
    { code: r`probe(ok && 'C:\\Windows\\win.ini')`, expected: [WIN_INI], complete: false },
    // Conditionals: both branches.
    {
      code: r`probe(x64 ? 'C:\\Program Files' : 'C:\\Program Files (x86)')`,
      expected: [r`C:\Program Files`, r`C:\Program Files (x86)`],
      complete: true,
    },
    { code: r`probe(a ? 'C:\\Windows\\win.ini' : other)`, expected: [WIN_INI], complete: false },
    { code: r`probe((log(), 'C:\\Windows\\win.ini'))`, expected: [WIN_INI], complete: true },
    { code: r`probe(p = 'C:\\Windows\\win.ini')`, expected: [WIN_INI], complete: true },
    // An unknown `p` grown by a suffix: still a string ending in it.
    { code: r`probe(p += '.bak')`, expected: ['*.bak'], complete: true },
    { code: r`probe(await 'C:\\Windows\\win.ini')`, expected: [WIN_INI], complete: true },
    { code: r`probe('C:\\Windows\\win.ini'.toString())`, expected: [WIN_INI], complete: true },
  ]);
});

describe('evaluator: the platform is Windows, and equality of known primitives', () => {
  testEvaluatorRows([
    // What the rules judge is what a program does on Windows, where Node reports these.
    { code: r`probe(process.platform)`, expected: ['win32'], complete: true },
    { code: r`import os from 'os'; probe(os.platform())`, expected: ['win32'], complete: true },
    { code: r`import { platform } from 'node:os'; probe(platform())`, expected: ['win32'], complete: true },
    { code: r`probe(require('os').type())`, expected: ['Windows_NT'], complete: true, ...cjs },
    { code: r`const { platform } = process; probe(platform)`, expected: ['win32'], complete: true },
    // A platform test takes its Windows branch.
    {
      code: r`probe(process.platform === 'win32' ? 'C:\\Windows\\win.ini' : '/etc/x')`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`const isMac = process.platform === 'darwin'; probe(isMac ? '/Library/x' : 'C:\\Windows\\win.ini')`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`import os from 'os'; const isWin = os.platform() !== 'win32' ? false : true; probe(isWin && 'C:\\Windows\\win.ini')`,
      expected: [WIN_INI],
      complete: true,
    },
    // Text tests of known strings, and membership in a closed array of them.
    { code: r`probe(process.platform.startsWith('win'))`, expected: ['true'], complete: true },
    { code: r`probe(['darwin', 'linux'].includes(process.platform))`, expected: ['false'], complete: true },
    { code: r`probe('C:\\Windows'.endsWith('dows') && 'C:\\Windows\\win.ini')`, expected: [WIN_INI], complete: true },
    { code: r`probe(name.startsWith('win'))`, expected: [], complete: false },
    { code: r`probe([a, 'linux'].includes('linux'))`, expected: [], complete: false },
    { code: r`probe(process.platform.includes('w', 1))`, expected: [], complete: false },
    // Equality of primitives whose value is known; anything else stays open.
    { code: r`probe('a' === 'a')`, expected: ['true'], complete: true },
    { code: r`probe('a' !== 'b')`, expected: ['true'], complete: true },
    { code: r`probe(1 === 2)`, expected: ['false'], complete: true },
    { code: r`probe(null == undefined)`, expected: ['true'], complete: true },
    { code: r`probe(null === 0)`, expected: ['false'], complete: true },
    { code: r`probe('1' === 1)`, expected: ['false'], complete: true },
    { code: r`probe('1' == 1)`, expected: [], complete: false },
    { code: r`probe(process.env.OS === 'Windows_NT')`, expected: [], complete: false },
    {
      code: r`probe(name === 'x' ? 'C:\\Windows\\win.ini' : '/etc/x')`,
      expected: [WIN_INI, r`C:\etc\x`],
      complete: true,
    },
  ]);
});

describe('evaluator: TypeScript wrappers', () => {
  testEvaluatorRows([
    { code: r`probe('C:\\Windows\\win.ini' as string)`, expected: [WIN_INI], complete: true, ...ts },
    { code: r`probe('C:\\Windows\\win.ini' satisfies string)`, expected: [WIN_INI], complete: true, ...ts },
    {
      code: r`const p: string | undefined = 'C:\\Windows\\win.ini'; probe(p!)`,
      expected: [WIN_INI],
      complete: true,
      ...ts,
    },
    { code: r`probe(<string>'C:\\Windows\\win.ini')`, expected: [WIN_INI], complete: true, ...ts },
    {
      code: r`function id<T>(x: T) { return x; } probe(id<string>('C:\\Windows\\win.ini'))`,
      expected: [WIN_INI],
      complete: true,
      ...ts,
    },
    { code: r`const o = { p: 'C:\\Windows\\win.ini' }; probe(o?.p)`, expected: [WIN_INI], complete: true },
    // An enum is the object it compiles to (without type information too).
    { code: r`enum P { Ini = 'C:\\Windows\\win.ini' } probe(P.Ini)`, expected: [WIN_INI], complete: true, ...ts },
    {
      code: r`const enum P { Ini = 'C:\\Windows\\' + 'win.ini' } probe(P['Ini'])`,
      expected: [WIN_INI],
      complete: true,
      ...ts,
    },
    {
      code: r`enum P { 'ini-file' = 'C:\\Windows\\win.ini' } probe(P['ini-file'])`,
      expected: [WIN_INI],
      complete: true,
      ...ts,
    },
    // Members without an initializer count up from 0 or from the one before; members name each other.
    { code: r`enum P { A, B } probe(P.B)`, expected: ['1'], complete: true, ...ts },
    { code: r`enum P { A = 4, B } probe(P.B)`, expected: ['5'], complete: true, ...ts },
    { code: r`enum P { A = 'x', B } probe(P.B)`, expected: [], complete: false, ...ts },
    {
      code: r`enum P { Dir = 'C:\\Windows', Ini = Dir + '\\win.ini' } probe(P.Ini)`,
      expected: [WIN_INI],
      complete: true,
      ...ts,
    },
    // A computed key with a constant value is that key (an enum member, a const).
    {
      code: r`enum T { Hosts, Ini } const F = { [T.Hosts]: 'a', [T.Ini]: 'C:\\Windows\\win.ini' }; probe(F[T.Ini])`,
      expected: [WIN_INI],
      complete: true,
      ...ts,
    },
    {
      code: r`const K = 'ini'; const F = { [K]: 'C:\\Windows\\win.ini' }; probe(F.ini)`,
      expected: [WIN_INI],
      complete: true,
    },
    { code: r`const F = { [key]: 'C:\\Windows\\win.ini' }; probe(F.ini)`, expected: [], complete: false },
    // `o.p ??= x` / `o.p ||= x` give the member x too.
    {
      code: r`function save(opts = {}) { opts.file ??= 'C:\\Windows\\win.ini'; probe(opts.file); }`,
      expected: ['*', WIN_INI, 'nullish'],
      complete: false,
    },
    // A static getter: what it returns.
    {
      code: r`class L { static get dir() { return 'C:\\Windows'; } } probe(L.dir + '\\win.ini')`,
      expected: [WIN_INI],
      complete: true,
    },
    // One of another declaration of the same enum: unknown.
    {
      code: r`enum P { A = 'x' } enum P { B = 'C:\\Windows\\win.ini' } probe(P.B)`,
      expected: [],
      complete: false,
      ...ts,
    },
  ]);
});

describe('evaluator: variables and assignments', () => {
  testEvaluatorRows([
    // A module variable set by a setter function: what the module calls the setter with.
    {
      code: r`let dir = './local'; function setDir(v) { dir = v; } setDir('C:\\Windows'); probe(dir)`,
      expected: ['./local', r`C:\Windows`],
      complete: false,
    },
    {
      code: r`let dir; const setDir = (v) => { dir = v + '\\win.ini'; }; setDir('C:\\Windows'); setDir(name); probe(dir)`,
      expected: [WIN_INI, r`*\win.ini`],
      complete: false,
    },
    // Never called here: the parameter stays unknown.
    { code: r`let dir; export function setDir(v) { dir = v; } probe(dir)`, expected: ['*'], complete: false },
    // Read inside the setter itself: its parameter, decided at its calls (a wrapper's `target = p`).
    {
      code: r`let dir; function setDir(v) { dir = v; probe(dir); } setDir('C:\\Windows');`,
      expected: ['*'],
      complete: false,
    },
    { code: r`const p = 'C:\\Windows\\win.ini'; probe(p)`, expected: [WIN_INI], complete: true },
    { code: r`let p = 'C:\\Windows\\win.ini'; probe(p)`, expected: [WIN_INI], complete: true },
    { code: r`var p = 'C:\\Windows\\win.ini'; probe(p)`, expected: [WIN_INI], complete: true, ...cjs },
    { code: r`probe(p); const p = 'C:\\Windows\\win.ini';`, expected: [WIN_INI], complete: true },
    { code: r`let p; p = 'C:\\Windows\\win.ini'; probe(p)`, expected: [WIN_INI], complete: true },
    // `+=`: each may follow any before it, or not have run (flow-insensitive).
    {
      code: r`let p = 'C:\\Windows\\win'; p += '.ini'; probe(p)`,
      expected: [r`C:\Windows\win`, WIN_INI],
      complete: true,
    },
    {
      code: r`let p = ''; p += 'C:\\Windows'; p += '\\win.ini'; probe(p)`,
      expected: ['', r`C:\Windows`, WIN_INI, r`C:\win.ini`],
      complete: true,
    },
    {
      code: r`let p = 'C:\\Windows\\win.ini'; for (const s of suffixes) p += s; probe(p)`,
      expected: [WIN_INI, r`C:\Windows\win.ini*`],
      complete: true,
    },
    {
      code: r`let p; if (x64) p = 'C:\\Program Files'; else p = 'C:\\Program Files (x86)'; probe(p)`,
      expected: [r`C:\Program Files`, r`C:\Program Files (x86)`],
      complete: true,
    },
    // Straight-line code: a plain assignment statement before the read, in a block around it,
    // overwrites what came before (the initialiser, a parameter's argument or default).
    {
      code: r`let p; p = 'C:\\a'; p = 'C:\\b'; p = 'C:\\c'; p = 'C:\\d'; probe(p)`,
      expected: [r`C:\d`],
      complete: true,
    },
    { code: r`let p = 'C:\\Windows\\win.ini'; p = other; probe(p)`, expected: [], complete: false },
    {
      code: r`function f(p = 'C:\\Windows\\win.ini') { p = 'out.txt'; probe(p); }`,
      expected: ['out.txt'],
      complete: true,
    },
    {
      code: r`let p = 'C:\\a'; { p = 'C:\\b'; if (x) p = 'C:\\c'; probe(p); }`,
      expected: [r`C:\b`, r`C:\c`],
      complete: true,
    },
    // …but not past a write a later loop iteration or a closure may make, nor before the read.
    {
      code: r`let p = 'C:\\a'; p = 'C:\\b'; for (const x of xs) { probe(p); p = 'C:\\c'; }`,
      expected: [r`C:\b`, r`C:\c`],
      complete: true,
    },
    {
      code: r`let p = 'C:\\a'; p = 'C:\\b'; later(() => { p = 'C:\\c'; }); probe(p)`,
      expected: [r`C:\b`, r`C:\c`],
      complete: true,
    },
    {
      code: r`let p = 'C:\\a'; probe(p); p = 'C:\\b';`,
      expected: [r`C:\a`, r`C:\b`],
      complete: true,
    },
    {
      code: r`const a = 'C:\\Windows'; const b = a + '\\Fonts'; const c = b + '\\' + f; probe(c)`,
      expected: [FONTS],
      complete: true,
    },
    // Destructuring, with defaults and renames.
    { code: r`const { root } = { root: 'C:\\Windows' }; probe(root)`, expected: [r`C:\Windows`], complete: true },
    { code: r`const { root: dir } = { root: 'C:\\Windows' }; probe(dir)`, expected: [r`C:\Windows`], complete: true },
    { code: r`const { root = 'C:\\Windows' } = {}; probe(root)`, expected: [r`C:\Windows`], complete: true },
    // The default applies only where the member may be undefined.
    {
      code: r`const { root = 'C:\\Windows' } = { root: 'D:\\Apps' }; probe(root)`,
      expected: [r`D:\Apps`],
      complete: true,
    },
    {
      code: r`const { dirs: { fonts = 'C:\\Windows\\Fonts' } = {} } = config; probe(fonts)`,
      expected: [r`C:\Windows\Fonts`],
      complete: false,
    },
    {
      code: r`const { SystemRoot = 'C:\\Windows' } = process.env; probe(SystemRoot)`,
      expected: [r`C:\Windows`],
      complete: true,
    },
    {
      code: r`const { ['root']: dir } = { root: 'C:\\Windows' }; probe(dir)`,
      expected: [r`C:\Windows`],
      complete: true,
    },
    { code: r`const { ...rest } = { root: 'C:\\Windows' }; probe(rest.root)`, expected: [], complete: false },
  ]);
});

describe('evaluator: imports and requires', () => {
  testEvaluatorRows([
    { code: r`import fs from 'fs'; probe(fs.writeFileSync)`, expected: ['<fs.writeFileSync>'], complete: true },
    {
      code: r`import * as fs from 'node:fs'; probe(fs.writeFileSync)`,
      expected: ['<fs.writeFileSync>'],
      complete: true,
    },
    {
      code: r`import { writeFileSync } from 'fs'; probe(writeFileSync)`,
      expected: ['<fs.writeFileSync>'],
      complete: true,
    },
    {
      code: r`import { writeFileSync as put } from 'fs'; probe(put)`,
      expected: ['<fs.writeFileSync>'],
      complete: true,
    },
    { code: r`import { default as fs } from 'fs'; probe(fs.openSync)`, expected: ['<fs.openSync>'], complete: true },
    { code: r`import { 'writeFile' as put } from 'fs'; probe(put)`, expected: ['<fs.writeFile>'], complete: true },
    { code: r`import { promises } from 'fs'; probe(promises.open)`, expected: ['<fs.promises.open>'], complete: true },
    { code: r`import { open } from 'node:fs/promises'; probe(open)`, expected: ['<fs.promises.open>'], complete: true },
    {
      code: r`import fsp from 'fs/promises'; probe(fsp.writeFile)`,
      expected: ['<fs.promises.writeFile>'],
      complete: true,
    },
    { code: r`import fse from 'fs-extra'; probe(fse.outputFile)`, expected: ['<fs-extra.outputFile>'], complete: true },
    {
      code: r`import fs = require('fs'); probe(fs.writeFileSync)`,
      expected: ['<fs.writeFileSync>'],
      complete: true,
      ...ts,
    },
    {
      code: r`const fs = require('fs'); probe(fs.writeFileSync)`,
      expected: ['<fs.writeFileSync>'],
      complete: true,
      ...cjs,
    },
    {
      code: r`const { writeFileSync: put } = require('node:fs'); probe(put)`,
      expected: ['<fs.writeFileSync>'],
      complete: true,
      ...cjs,
    },
    { code: r`probe(require('fs').promises.writeFile)`, expected: ['<fs.promises.writeFile>'], complete: true, ...cjs },
    {
      code: r`import { createRequire } from 'node:module'; const req = createRequire(import.meta.url); probe(req('fs').openSync)`,
      expected: ['<fs.openSync>'],
      complete: true,
    },
    { code: r`probe(process.getBuiltinModule('node:fs').openSync)`, expected: ['<fs.openSync>'], complete: true },
    { code: r`const fs = await import('node:fs'); probe(fs.openSync)`, expected: ['<fs.openSync>'], complete: true },
    {
      code: r`const { openSync } = await import('node:fs'); probe(openSync)`,
      expected: ['<fs.openSync>'],
      complete: true,
    },
    { code: r`const name = 'fs'; probe(require(name).openSync)`, expected: ['<fs.openSync>'], complete: true, ...cjs },
    { code: r`probe(require(name).openSync)`, expected: [], complete: false, ...cjs },
    // A local binding named like a global shadows it.
    { code: r`const require = load; probe(require('fs'))`, expected: [], complete: false },
    // Aliases are evaluation: `.bind(thisArg)` is the same function.
    {
      code: r`import fs from 'fs'; const put = fs.writeFileSync.bind(fs); probe(put)`,
      expected: ['<fs.writeFileSync>'],
      complete: true,
    },
    { code: r`import fs from 'fs'; probe(fs.writeFileSync.bind(fs, 'C:\\x'))`, expected: [], complete: false },
    {
      code: r`import fs from 'fs'; const { promises: { open } } = fs; probe(open)`,
      expected: ['<fs.promises.open>'],
      complete: true,
    },
  ]);
});

describe('evaluator: objects, maps and spreads', () => {
  testEvaluatorRows([
    // A computed key with several known alternatives: each member (one that is unknown: any member of the object).
    {
      code: r`const o = { a: 'C:\\Windows\\win.ini', b: 'out.txt' }; probe(o[flag ? 'a' : 'b'])`,
      expected: ['out.txt', WIN_INI],
      complete: true,
    },
    {
      code: r`const o = { a: 'C:\\Windows\\win.ini' }; probe(o[flag ? 'a' : key])`,
      expected: [WIN_INI],
      complete: true,
    },
    // An array literal joined: its elements with the separator between them (`path.sep` is `\`).
    {
      code: r`import path from 'path'; probe([process.env.windir, 'System32', 'drivers', 'etc', 'hosts'].join(path.sep))`,
      expected: [HOSTS_PATH],
      complete: true,
    },
    { code: r`probe(['C:', 'Windows', 'win.ini'].join('\\'))`, expected: [WIN_INI], complete: true },
    {
      code: r`const parts = ['C:', 'Windows', name]; probe(parts.join('\\'))`,
      expected: [r`C:\Windows\*`],
      complete: true,
    },
    { code: r`probe(['C:\\Windows\\win.ini'].join())`, expected: [WIN_INI], complete: true },
    { code: r`probe(['C:', 'Windows'].join(sep))`, expected: [r`C:\*Windows`], complete: true },
    // An array of unknown length (a spread) joins to unknown; `path.join` is still the path module's.
    { code: r`probe([...parts, 'win.ini'].join('\\'))`, expected: [], complete: false },
    {
      code: r`import path from 'path'; probe(path.join('C:\\Windows', 'win.ini'))`,
      expected: [WIN_INI],
      complete: true,
    },
    // A member given after creation, also when the object is reached through another value.
    {
      code: r`const paths = {}; paths.ini = 'C:\\Windows\\win.ini'; const all = paths; probe(all.ini)`,
      expected: ['nullish', WIN_INI],
      complete: true,
    },
    {
      code: r`function make() { const o = { name: 'x' }; o.ini = 'C:\\Windows\\win.ini'; return o; } probe(make().ini)`,
      expected: ['nullish', WIN_INI],
      complete: true,
    },

    {
      code: r`const dirs = { fonts: 'C:\\Windows\\Fonts' }; probe(dirs.fonts)`,
      expected: [r`C:\Windows\Fonts`],
      complete: true,
    },
    {
      code: r`const dirs = { 'fonts': 'C:\\Windows\\Fonts' }; probe(dirs['fonts'])`,
      expected: [r`C:\Windows\Fonts`],
      complete: true,
    },
    {
      code: r`const key = 'fonts'; const dirs = { [key]: 'C:\\Windows\\Fonts' }; probe(dirs.fonts)`,
      expected: [r`C:\Windows\Fonts`],
      complete: true,
    },
    {
      code: r`const dirs = { 1: 'C:\\Windows\\Fonts' }; probe(dirs[1])`,
      expected: [r`C:\Windows\Fonts`],
      complete: true,
    },
    // A closed object literal has no other properties.
    { code: r`const dirs = { fonts: 'C:\\Windows\\Fonts' }; probe(dirs.other)`, expected: ['nullish'], complete: true },
    {
      code: r`const base = { root: 'C:\\Windows' }; const cfg = { ...base, name: 'x' }; probe(cfg.root)`,
      expected: [r`C:\Windows`],
      complete: true,
    },
    // A later spread may override the property.
    {
      code: r`const cfg = { root: 'C:\\Windows', ...options }; probe(cfg.root)`,
      expected: [r`C:\Windows`],
      complete: false,
    },
    {
      code: r`const cfg = { root: 'C:\\a', ...{ root: 'C:\\b' } }; probe(cfg.root)`,
      expected: [r`C:\b`],
      complete: true,
    },
    { code: r`const cfg = { ...options }; probe(cfg.root)`, expected: [], complete: false },
    {
      code: r`const cfg = { get root() { return 'C:\\Windows'; } }; probe(cfg.root)`,
      expected: [r`C:\Windows`],
      complete: true,
    },
    // map[unknownKey]: every value the object holds.
    {
      code: r`const m = { fonts: 'C:\\Windows\\Fonts', hosts: 'C:\\Windows\\System32\\drivers\\etc\\hosts' }; probe(m[key])`,
      expected: [r`C:\Windows\Fonts`, r`C:\Windows\System32\drivers\etc\hosts`],
      complete: true,
    },
    {
      code: r`const m = { a: 'C:\\Windows\\a', ...more }; probe(m[key])`,
      expected: [r`C:\Windows\a`],
      complete: false,
    },
    { code: r`probe(process.env[name])`, expected: ['*'], complete: false },
    {
      code: r`const o = { inner: { p: 'C:\\Windows\\win.ini' } }; probe(o.inner.p)`,
      expected: [WIN_INI],
      complete: true,
    },
  ]);
});

describe('evaluator: local functions', () => {
  testEvaluatorRows([
    // A rest parameter holds the arguments from its position on (open: a call may pass more).
    {
      code: r`function f(...parts) { return parts[1]; } probe(f('x', 'C:\\Windows\\win.ini'))`,
      expected: [WIN_INI],
      complete: false,
    },
    {
      code: r`const f = (first, ...rest) => rest[0]; probe(f('x', 'C:\\Windows\\win.ini'))`,
      expected: [WIN_INI],
      complete: false,
    },
    { code: r`function f(...parts) { return parts[0]; } probe(f())`, expected: ['nullish'], complete: false },
    // A callback given to a function of the project: what that function calls it with.
    {
      code: r`function withHosts(fn) { return fn('C:\\Windows\\win.ini'); } withHosts((p) => probe(p));`,
      expected: [WIN_INI],
      complete: false,
    },
    {
      code: r`async function withDir(fn) { const dir = process.env.SystemRoot; await fn(dir + '\\win.ini'); } withDir(async (p) => probe(p));`,
      expected: [WIN_INI],
      complete: false,
    },
    {
      code: r`function withFile(file, cb) { return cb.call(null, file); } withFile('C:\\Windows\\win.ini', function (f) { probe(f); });`,
      expected: [WIN_INI],
      complete: false,
    },
    {
      code: r`const io = { each(cb) { cb('C:\\a'); cb('C:\\b'); } }; io.each((p) => probe(p));`,
      expected: [r`C:\a`, r`C:\b`],
      complete: false,
    },
    // The second parameter, and a call that passes nothing there.
    {
      code: r`function visit(cb) { cb(null, 'C:\\Windows\\win.ini'); cb(new Error('x')); } visit((err, p) => probe(p));`,
      expected: ['nullish', WIN_INI],
      complete: false,
    },
    // Silent: the function never calls it, or the callee is no project function.
    { code: r`function keep(fn) { return fn; } keep((p) => probe(p));`, expected: ['*'], complete: false },
    {
      code: r`import fs from 'fs'; fs.readFile('C:\\Windows\\win.ini', (err, p) => probe(p));`,
      expected: ['*'],
      complete: false,
    },
    {
      code: r`import path from 'path'; function dir(name) { return path.join(process.env.SystemRoot, name); } probe(dir('Fonts'))`,
      expected: [r`C:\Windows\Fonts`],
      complete: true,
    },
    {
      code: r`const dir = (name) => 'C:\\Windows\\' + name; probe(dir('win.ini'))`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`const dir = function (name) { return 'C:\\Windows\\' + name; }; probe(dir('win.ini'))`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`function dir(name = 'win.ini') { return 'C:\\Windows\\' + name; } probe(dir())`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`function dir(x64) { if (x64) return 'C:\\Program Files'; return 'C:\\Program Files (x86)'; } probe(dir(flag))`,
      expected: [r`C:\Program Files`, r`C:\Program Files (x86)`],
      complete: true,
    },
    {
      code: r`const root = () => 'C:\\Windows'; const fonts = () => root() + '\\Fonts'; const font = (n) => fonts() + '\\' + n; probe(font(f))`,
      expected: [FONTS],
      complete: true,
    },
    // A parameter of the enclosing function is a marker for call sites: unknown here.
    { code: r`function save(file) { probe(file); }`, expected: ['*'], complete: false },
    // A default parameter value is one value the parameter may take.
    {
      code: r`function save(file = 'C:\\Windows\\win.ini') { probe(file); }`,
      expected: ['*', WIN_INI],
      complete: false,
    },
    // A parameter reassigned in its function: the argument (or marker) and what the assignments give.
    {
      code: r`function save(file) { file = file || 'C:\\Windows\\win.ini'; probe(file); }`,
      expected: ['*', WIN_INI],
      complete: false,
    },
    {
      code: r`function save(file) { if (!file) file = 'C:\\Windows\\win.ini'; probe(file); }`,
      expected: ['*', WIN_INI],
      complete: false,
    },
    {
      code: r`function save(file) { file ??= 'C:\\Windows\\win.ini'; probe(file); }`,
      expected: ['*', WIN_INI],
      complete: false,
    },
    {
      code: r`function save(o) { o = Object.assign({ file: 'C:\\Windows\\win.ini' }, o); probe(o.file); }`,
      expected: ['*', WIN_INI],
      complete: false,
    },
    {
      code: r`function save(file) { file = file + '.bak'; return file; } probe(save('C:\\Windows\\win'))`,
      expected: [r`C:\Windows\win`, r`C:\Windows\win.bak`],
      // The assignment reads the variable it writes: that cycle leaves the set open.
      complete: false,
    },
    // Not reassigned: the parameter alone; a default's own write is not a reassignment.
    {
      code: r`function save(file = 'C:\\Windows\\win.ini') { probe(file); }`,
      expected: ['*', WIN_INI],
      complete: false,
    },
    // A destructured parameter: its member as a marker, plus the defaults on the way down to it.
    {
      code: r`function save({ file = 'C:\\Windows\\win.ini' } = {}) { probe(file); }`,
      expected: ['*', WIN_INI],
      complete: false,
    },
    {
      code: r`function save({ file = 'C:\\Windows\\win.ini' }) { probe(file); }`,
      expected: ['*', WIN_INI],
      complete: false,
    },
    {
      code: r`function save({ file } = { file: 'C:\\Windows\\win.ini' }) { probe(file); }`,
      expected: ['*', WIN_INI],
      complete: false,
    },
    {
      code: r`function save({ paths: { ini } = { ini: 'C:\\Windows\\win.ini' } } = {}) { probe(ini); }`,
      expected: ['*', WIN_INI],
      complete: false,
    },
    {
      code: r`class Store { constructor({ file = 'C:\\Windows\\win.ini' } = {}) { this.file = file; } save() { probe(this.file); } }`,
      expected: ['*', WIN_INI],
      complete: false,
    },
    // A default of another member is not this one's (omitted, it is undefined); without defaults, only the marker.
    {
      code: r`function save({ file, dir = 'C:\\Windows' } = {}) { probe(file); }`,
      expected: ['*', 'nullish'],
      complete: false,
    },
    { code: r`function save({ file }) { probe(file); }`, expected: ['*'], complete: false },
    // At a call that passes the member, the argument; where it omits it, the default.
    {
      code: r`function save({ file = 'C:\\Windows\\win.ini' } = {}) { return file; } probe(save({ file: 'C:\\Windows\\system.ini' }))`,
      expected: [r`C:\Windows\system.ini`],
      complete: true,
    },
    {
      code: r`function save({ file = 'C:\\Windows\\win.ini' } = {}) { return file; } probe(save())`,
      expected: [WIN_INI],
      complete: true,
    },
    // A destructuring default applies where the member may be undefined.
    {
      code: r`const { file = 'C:\\Windows\\win.ini' } = { file: cond ? 'D:\\x' : undefined }; probe(file)`,
      expected: [WIN_INI, 'D:\\x'],
      complete: true,
    },
    // No `return`: the call gives undefined.
    { code: r`function dir() {} probe(dir())`, expected: ['nullish'], complete: true },
    // Four nested calls are followed, no more (MAX_CALL_DEPTH).
    {
      code: r`const a = (x) => x; const b = (x) => a(x); const c = (x) => b(x); const d = (x) => c(x); probe(d('C:\\Windows\\win.ini'))`,
      expected: [WIN_INI],
      complete: true,
    },
    // Recursion ends as unknown.
    { code: r`function f(x) { return f(x); } probe(f('C:\\Windows\\win.ini'))`, expected: [], complete: false },
  ]);
});

describe('evaluator: Object.assign(this, …)', () => {
  testEvaluatorRows([
    // A literal source's keys are fields, read in a method; with the constructor's defaults.
    {
      code: r`class H { constructor() { Object.assign(this, { file: 'C:\\Windows\\win.ini' }); } save() { probe(this.file); } }`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`const DEFAULTS = { file: 'C:\\Windows\\win.ini' }; class H { constructor(o) { Object.assign(this, DEFAULTS, o); } path() { return this.file; } } probe(new H({}).path())`,
      // `{}` has no `file`: undefined to the evaluator, which never names a file.
      expected: [WIN_INI, 'nullish'],
      complete: true,
    },
    // The options a caller passes reach the field (parameters bound by `new`).
    {
      code: r`class H { constructor(options) { Object.assign(this, options); } path() { return this.file; } } probe(new H({ file: 'C:\\Windows\\win.ini' }).path())`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`class H { constructor(o) { Object.assign(this, { ...o, name: 'x' }); } path() { return this.file; } } probe(new H({ file: 'C:\\Windows\\win.ini' }).path())`,
      expected: [WIN_INI],
      complete: true,
    },
    // A field set plainly and by a merge of a parameter: both possible ("may"; `*` is the parameter's, bound at a call).
    {
      code: r`class H { constructor(o) { this.file = 'C:\\Windows\\win.ini'; Object.assign(this, o); } save() { probe(this.file); } }`,
      expected: ['*', WIN_INI],
      complete: false,
    },
    // ES5 constructor functions too.
    {
      code: r`function H(o) { Object.assign(this, { file: 'C:\\Windows\\win.ini' }, o); } H.prototype.save = function () { probe(this.file); };`,
      expected: ['*', WIN_INI],
      complete: false,
      ...cjs,
    },
    // Silent: another object assigned, a key the sources lack, `this` of a nested plain function, a spread array.
    {
      code: r`class H { constructor() { const t = {}; Object.assign(t, { file: 'C:\\Windows\\win.ini' }); } save() { probe(this.file); } }`,
      expected: [],
      complete: false,
    },
    {
      code: r`class H { constructor() { Object.assign(this, { dir: 'C:\\Windows\\win.ini' }); } save() { probe(this.file); } }`,
      expected: [],
      complete: false,
    },
    {
      code: r`class H { constructor() { setup(function () { Object.assign(this, { file: 'C:\\Windows\\win.ini' }); }); } save() { probe(this.file); } }`,
      expected: [],
      complete: false,
    },
    {
      code: r`class H { constructor() { Object.assign(this, ...[{ file: 'C:\\Windows\\win.ini' }]); } save() { probe(this.file); } }`,
      expected: [],
      complete: false,
    },
  ]);
});

describe('evaluator: constructor functions (ES5 classes)', () => {
  testEvaluatorRows([
    // Fields the constructor sets, read in a prototype method: with a default, or fixed.
    {
      code: r`function S(f) { this.file = f || 'C:\\Windows\\win.ini'; } S.prototype.save = function () { probe(this.file); };`,
      expected: ['*', WIN_INI],
      complete: false,
      ...cjs,
    },
    {
      code: r`function S() { this.file = 'C:\\Windows\\win.ini'; } S.prototype.save = function () { var self = this; probe(self.file); };`,
      expected: [WIN_INI],
      complete: true,
      ...cjs,
    },
    // `new F(x)` binds the constructor's parameters: a method of the instance sees them.
    {
      code: r`function S(f) { this.file = f; } S.prototype.path = function () { return this.file; }; probe(new S('C:\\Windows\\win.ini').path())`,
      expected: [WIN_INI],
      complete: true,
      ...cjs,
    },
    {
      code: r`function S(f) { this.file = f; } S.prototype = { path: function () { return this.file; } }; var s = new S('C:\\Windows\\win.ini'); probe(s.path())`,
      expected: [WIN_INI],
      complete: true,
      ...cjs,
    },
    {
      code: r`function S() {} Object.assign(S.prototype, { dir: 'C:\\Windows' }); probe(new S().dir + '\\win.ini')`,
      expected: [WIN_INI],
      complete: true,
      ...cjs,
    },
    // A field one prototype method sets and another reads; a method the constructor gives the instance.
    {
      code: r`function S() {} S.prototype.init = function () { this.file = 'C:\\Windows\\win.ini'; }; S.prototype.save = function () { probe(this.file); };`,
      expected: [WIN_INI],
      complete: true,
      ...cjs,
    },
    {
      code: r`function Store(f) { this.file = f; this.get = function () { return this.file; }; } probe(new Store('C:\\Windows\\win.ini').get())`,
      expected: [WIN_INI],
      complete: true,
      ...cjs,
    },
    // `this` kept in a variable in a method still sees what the constructor was given (classes too).
    {
      code: r`function S(f) { this.file = f; } S.prototype.path = function () { var self = this; return self.file; }; probe(new S('C:\\Windows\\win.ini').path())`,
      expected: [WIN_INI],
      complete: true,
      ...cjs,
    },
    {
      code: r`class S { constructor(f) { this.file = f; } path() { const self = this; return self.file; } } probe(new S('C:\\Windows\\win.ini').path())`,
      expected: [WIN_INI],
      complete: true,
    },
    // A factory called with `new` gives what it returns.
    {
      code: r`function make() { return { file: 'C:\\Windows\\win.ini' }; } probe(new make().file)`,
      expected: [WIN_INI],
      complete: true,
      ...cjs,
    },
    // Silent: a plain lower-case function without prototype members keeps an unknown `this`; an arrow on a prototype too.
    {
      code: r`function s() { this.file = 'C:\\Windows\\win.ini'; probe(this.file); }`,
      expected: [],
      complete: false,
      ...cjs,
    },
    {
      code: r`function S() { this.file = 'C:\\Windows\\win.ini'; } S.prototype.save = () => probe(this.file);`,
      expected: [],
      complete: false,
      ...cjs,
    },
    // Another constructor's prototype is not this one's.
    {
      code: r`function S() {} function T() { this.file = 'C:\\Windows\\win.ini'; } S.prototype.save = function () { probe(this.file); };`,
      expected: [],
      complete: false,
      ...cjs,
    },
  ]);
});

describe('evaluator: classes and CommonJS exports', () => {
  testEvaluatorRows([
    // Inheritance: `super(…)` binds the parent's constructor, a subclass without one passes its
    // arguments on, and a field the base class reads but never sets comes from a subclass.
    {
      code: r`class B { constructor(f) { this.file = f; } path() { return this.file; } } class H extends B { constructor() { super('C:\\Windows\\win.ini'); } } probe(new H().path())`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`class B { constructor(f) { this.file = f; } path() { return this.file; } } class M extends B {} class H extends M {} probe(new H('C:\\Windows\\win.ini').path())`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`class B { path() { return this.file; } } class H extends B { file = 'C:\\Windows\\win.ini'; } probe(new B().path())`,
      expected: [WIN_INI],
      complete: false,
    },
    {
      code: r`class B { path() { return this.file; } } class H extends C { file = 'C:\\Windows\\win.ini'; } probe(new B().path())`,
      expected: [],
      complete: false,
    },
    // A TypeScript namespace is the object of what it exports (nested ones too); the rest stays inside.
    {
      code: r`namespace Sys { export const win = 'C:\\Windows'; export namespace Files { export const ini = win + '\\win.ini'; } } probe(Sys.Files.ini)`,
      expected: [WIN_INI],
      complete: true,
      ...ts,
    },
    {
      code: r`namespace Sys { export function dir(n: string) { return 'C:\\Windows\\' + n; } } probe(Sys.dir('win.ini'))`,
      expected: [WIN_INI],
      complete: true,
      ...ts,
    },
    {
      code: r`namespace Sys { const ini = 'C:\\Windows\\win.ini'; } probe(Sys.ini)`,
      expected: ['nullish'],
      complete: true,
      ...ts,
    },
    // Private names: fields, methods and their assignments, apart from public ones of the same name.
    {
      code: r`class S { #file = 'C:\\Windows\\win.ini'; save() { probe(this.#file); } }`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`class S { #file; constructor(f = 'C:\\Windows\\win.ini') { this.#file = f; } save() { probe(this.#file); } }`,
      expected: ['*', WIN_INI],
      complete: false,
    },
    {
      code: r`class S { #dir() { return 'C:\\Windows'; } save() { probe(this.#dir() + '\\win.ini'); } }`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`class S { file = 'D:\\x'; #file = 'C:\\Windows\\win.ini'; save() { probe(this.file); } }`,
      expected: [r`D:\x`],
      complete: true,
    },
    // `this` in an object literal's method is the literal: its properties, and what its methods give `this`.
    {
      code: r`const store = { file: 'C:\\Windows\\win.ini', save() { probe(this.file); } };`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`module.exports = { file: null, init() { this.file = 'C:\\Windows\\win.ini'; }, save: function () { probe(this.file); } };`,
      expected: ['nullish', WIN_INI],
      complete: true,
      ...cjs,
    },
    {
      code: r`const store = { dir: 'C:\\Windows', save() { [1].forEach(() => probe(this.dir + '\\win.ini')); } };`,
      expected: [WIN_INI],
      complete: true,
    },
    // A plain function's `this`, and an arrow's at the top: unknown.
    { code: r`function save() { probe(this.file); }`, expected: [], complete: false, ...cjs },
    {
      code: r`const o = { file: 'C:\\Windows\\win.ini', save: () => probe(this.file) };`,
      expected: [],
      complete: false,
    },
    // An object held by a field, then given members through `this`: settled by the constructor's body (from
    // then on it is that value), or in a method (it may be), or in a callback the constructor makes.
    {
      code: r`class S { constructor() { this.config = {}; this.config.file = 'C:\\Windows\\win.ini'; } save() { probe(this.config.file); } }`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`class S { constructor(o) { this.config = { ...o }; this.config.file = 'C:\\Windows\\win.ini'; } save() { probe(this.config.file); } }`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`class S { constructor(o) { this.config = { ...o }; this.config.file = 'a.ini'; this.config.file = 'C:\\Windows\\win.ini'; } reset() { this.config.file = 'b.ini'; } save() { probe(this.config.file); } }`,
      expected: ['b.ini', WIN_INI],
      complete: true,
    },
    {
      code: r`class S { constructor() { this.config = {}; later(() => { this.config.file = 'a.ini'; }); this.config.file = 'C:\\Windows\\win.ini'; } save() { probe(this.config.file); } }`,
      expected: ['a.ini', WIN_INI],
      complete: true,
    },
    {
      code: r`class S { constructor() { this.config = { file: 'a.ini' }; probe(this.config.file); this.config.file = 'C:\\Windows\\win.ini'; } }`,
      expected: ['a.ini', WIN_INI],
      complete: true,
    },
    {
      code: r`class S { constructor() { this.config.file = 'C:\\Windows\\win.ini'; this.config = {}; } save() { probe(this.config.file); } }`,
      expected: ['nullish', WIN_INI],
      complete: true,
    },
    {
      code: r`class S { config = { name: 'x' }; set() { this.config.file = 'C:\\Windows\\win.ini'; } save() { probe(this.config.file); } }`,
      expected: ['nullish', WIN_INI],
      complete: true,
    },
    {
      code: r`class S { constructor() { this.config = {}; } } class T { set() { this.config.file = 'C:\\Windows\\win.ini'; } save() { probe(new S().config.file); } }`,
      expected: ['nullish'],
      complete: true,
    },

    {
      code: r`class Store { file = 'C:\\Windows\\win.ini'; save() { probe(this.file); } }`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`class Store { constructor() { this.file = 'C:\\Windows\\win.ini'; } save() { probe(this.file); } }`,
      expected: [WIN_INI],
      complete: true,
    },
    {
      code: r`class Store { constructor(file = 'C:\\Windows\\win.ini') { this.file = file; } save() { probe(this.file); } }`,
      expected: ['*', WIN_INI],
      complete: false,
    },
    {
      code: r`class Store { constructor(private file = 'C:\\Windows\\win.ini') {} save() { probe(this.file); } }`,
      expected: ['*', WIN_INI],
      complete: false,
      ...ts,
    },
    {
      code: r`class Store { file = 'C:\\a'; reset() { this.file = 'C:\\b'; } save() { probe(this.file); } }`,
      expected: [r`C:\a`, r`C:\b`],
      complete: true,
    },
    // A plain function inside a method rebinds `this`; an arrow does not.
    {
      code: r`class Store { file = 'C:\\Windows\\win.ini'; save() { return function () { probe(this.file); }; } }`,
      expected: [],
      complete: false,
    },
    {
      code: r`class Store { file = 'C:\\Windows\\win.ini'; save() { return () => probe(this.file); } }`,
      expected: [WIN_INI],
      complete: true,
    },
    { code: r`class Store { save() { probe(this.file); } }`, expected: [], complete: false },
    { code: r`exports.root = 'C:\\Windows'; probe(exports.root)`, expected: [r`C:\Windows`], complete: true, ...cjs },
    {
      code: r`module.exports.root = 'C:\\Windows'; probe(module.exports.root)`,
      expected: [r`C:\Windows`],
      complete: true,
      ...cjs,
    },
    {
      code: r`module.exports = { root: 'C:\\Windows' }; probe(exports.root)`,
      expected: [r`C:\Windows`],
      complete: true,
      ...cjs,
    },
    { code: r`exports.root = 'C:\\Windows'; probe(exports.other)`, expected: [], complete: false, ...cjs },
  ]);
});

describe('evaluate: arrays built up by push', () => {
  testEvaluatorRows([
    {
      code: r`const found = []; for (const v of ['Office16', 'Office15']) found.push('C:\\Program Files\\Microsoft Office\\root\\' + v); probe(found[0])`,
      expected: [
        r`C:\Program Files\Microsoft Office\root\Office15`,
        r`C:\Program Files\Microsoft Office\root\Office16`,
      ],
      complete: false,
    },
    {
      code: r`const dirs = ['C:\\Temp']; function add() { dirs.unshift('C:\\Windows'); } add(); for (const d of dirs) probe(d)`,
      expected: [r`C:\Temp`, r`C:\Windows`],
      complete: false,
    },
    // `concat` keeps the receiver's elements and adds each argument's (an array's elements, or the value).
    {
      code: r`const a = ['C:\\Temp'].concat(['C:\\Windows\\win.ini'], 'C:\\Windows\\a.dll'); for (const f of a) probe(f)`,
      expected: [r`C:\Temp`, r`C:\Windows\a.dll`, WIN_INI],
      complete: true,
    },
    {
      code: r`function list(d) { return require('fs').readdirSync(d).map((n) => d + '\\' + n) } for (const f of list('C:\\Windows\\Minidump').concat([])) probe(f)`,
      expected: [r`C:\Windows\Minidump\*`],
      complete: false,
      ...cjs,
    },
    {
      code: r`const a = ['C:\\Temp'].concat(['C:\\Windows\\win.ini']); probe(a[0])`,
      expected: [r`C:\Temp`],
      complete: true,
    },
    { code: r`const a = ['C:\\Temp'].concat(...more); probe(a[1])`, expected: [], complete: false },
    // `.map` of a receiver nothing is known of is what the mapper returns.
    {
      code: r`function pick(ids) { return ids.map((id) => 'C:\\Windows\\' + id) } for (const f of pick(list)) probe(f)`,
      expected: [r`C:\Windows\*`],
      complete: false,
    },
    {
      code: r`const ALL = [{ dir: 'C:\\Windows\\Fonts' }]; function f(ids) { return ids.map((id) => ALL.find((x) => x.id === id)) } for (const x of f(ids)) probe(x.dir)`,
      expected: [r`C:\Windows\Fonts`],
      complete: false,
    },
    // A known object's own `map` is not Array.prototype.map.
    {
      code: r`const o = { map: (f) => 'C:\\Temp' }; probe(o.map(() => 'C:\\Windows\\win.ini'))`,
      expected: [r`C:\Temp`],
      complete: true,
    },
    // Another array's push, or a method of that name on something else, adds nothing.
    { code: r`const a = []; const b = []; b.push('C:\\Windows'); probe(a[0])`, expected: ['nullish'], complete: true },
  ]);
});

describe('evaluate: array elements moved before a read', () => {
  testEvaluatorRows([
    // Statements of the declaration's block before the read: applied in order.
    { code: r`const a = ['x', 'C:\\Windows\\win.ini', 'y']; a.shift(); probe(a[1])`, expected: ['y'], complete: true },
    { code: r`const a = ['x', 'y']; a.unshift('C:\\Windows\\win.ini'); probe(a[1])`, expected: ['x'], complete: false },
    {
      code: r`const a = ['x', 'y']; a.unshift('C:\\Windows\\win.ini'); probe(a[0])`,
      expected: [WIN_INI],
      complete: false,
    },
    { code: r`const a = ['x', 'C:\\Windows\\win.ini']; a[1] = 'y'; probe(a[1])`, expected: ['y'], complete: true },
    { code: r`const a = ['x', 'C:\\Windows\\win.ini']; a.reverse(); probe(a[1])`, expected: ['x'], complete: true },
    {
      code: r`const a = ['x', 'y']; a[1] = 'C:\\Windows\\win.ini'; a.shift(); probe(a[0])`,
      expected: [WIN_INI],
      complete: true,
    },
    // A read before the move, a move in a branch or a function, or one without positions: any element at any position.
    {
      code: r`const a = ['x', 'C:\\Windows\\win.ini']; probe(a[1]); a.shift();`,
      expected: ['x', WIN_INI],
      complete: false,
    },
    {
      code: r`const a = ['x', 'C:\\Windows\\win.ini']; if (c) a.shift(); probe(a[0])`,
      expected: ['x', WIN_INI],
      complete: false,
    },
    {
      code: r`const a = ['x', 'y']; a.splice(1, 0, 'C:\\Windows\\win.ini'); probe(a[1])`,
      expected: ['x', 'y', WIN_INI],
      complete: false,
    },
    {
      code: r`const a = ['x', 'y']; function f() { a[i] = 'C:\\Windows\\win.ini'; } probe(a[1])`,
      expected: ['x', 'y', WIN_INI],
      complete: false,
    },
    // Pushes keep the positions before them (what push/unshift add is also an element of no known place).
    { code: r`const a = ['C:\\Windows\\win.ini']; a.push('y'); probe(a[0])`, expected: [WIN_INI], complete: false },
  ]);
});

describe('evaluate: a member overwritten in straight-line code', () => {
  testEvaluatorRows([
    // `o.file = X;` before the read, in a block around it: the literal's value and earlier writes are gone.
    {
      code: r`const o = { file: 'C:\\Windows\\win.ini' }; o.file = 'out.txt'; probe(o.file)`,
      expected: ['out.txt'],
      complete: true,
    },
    {
      code: r`const o = { file: 'a.txt' }; o.file = 'C:\\Windows\\win.ini'; o.file = 'b.txt'; probe(o.file)`,
      expected: ['b.txt'],
      complete: true,
    },
    // …but not a write in a branch, a later loop iteration's, or one another function may make.
    {
      code: r`const o = { file: 'C:\\Windows\\win.ini' }; if (x) { o.file = 'out.txt'; } probe(o.file)`,
      expected: ['C:\\Windows\\win.ini', 'out.txt'],
      complete: true,
    },
    {
      code: r`const o = { file: 'a.txt' }; for (const f of list) { probe(o.file); o.file = 'C:\\Windows\\win.ini'; }`,
      expected: ['C:\\Windows\\win.ini', 'a.txt'],
      complete: true,
    },
    // (A write at the top of the loop body, before the read, is overwritten by nothing the loop does.)
    {
      code: r`const o = { file: 'a.txt' }; for (const f of list) { o.file = 'b.txt'; probe(o.file); o.file = 'C:\\Windows\\win.ini'; }`,
      expected: ['b.txt'],
      complete: true,
    },
    {
      code: r`const o = { file: 'a.txt' }; function reset() { o.file = 'C:\\Windows\\win.ini'; } o.file = 'b.txt'; probe(o.file)`,
      expected: ['C:\\Windows\\win.ini', 'b.txt'],
      complete: true,
    },
  ]);
});
