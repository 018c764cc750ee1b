import { fileURLToPath } from 'node:url';
import rule from '../../../plugin/rules/no-system-file-write.js';
import { createTsRuleTester } from '../../setup/rule-tester.js';
import { at, message } from '../../plugin/rules/helpers.js';

/**
 * Type-aware resolution (analysis/evaluator/type-values.ts) against the small
 * TypeScript project in test/fixtures/typed. Every reported case is also run
 * without type information, where it must stay silent: that proves the
 * checker, not the syntax, found the path.
 */

const r = String.raw;
const fixtures = fileURLToPath(new URL('../../../../test/fixtures/typed/', import.meta.url));
const filename = `${fixtures}file.ts`;
const typed = { parserOptions: { projectService: true, tsconfigRootDir: fixtures } };

const HOSTS = r`C:\Windows\System32\drivers\etc\hosts`;
const WIN_INI = r`C:\Windows\win.ini`;
const SYSTEM_INI = r`C:\Windows\system.ini`;

interface TypedCase {
  name: string;
  code: string;
  /** The reported node's text (the path argument, or the flags' call). */
  snippet: string;
  occurrence?: number;
  expected: RegExp | string;
  /** Also found without types: the syntax says it (an enum's initializer; another module's source, analysis/modules). */
  syntax?: boolean;
}

const reported: TypedCase[] = [
  {
    name: 'a constant imported from another module',
    syntax: true,
    code: r`import fs from 'node:fs'; import { HOSTS } from './paths.js'; fs.writeFileSync(HOSTS, '');`,
    snippet: 'HOSTS',
    occurrence: 2,
    expected: r`fs.writeFileSync overwrites "C:\Windows\System32\drivers\etc\hosts" ('w'): on WIMBoot/CompactOS devices this stores it uncompressed on C:. Write the hosts file only when the user asks. [wimboot-path: C:\Windows\System32\drivers\etc\hosts]`,
  },
  {
    name: 'a default import',
    syntax: true,
    code: r`import fs from 'node:fs'; import SYSTEM_INI from './default-path.js'; fs.writeFileSync(SYSTEM_INI, '');`,
    snippet: 'SYSTEM_INI',
    occurrence: 2,
    expected: message('fs.writeFileSync', 'overwrites', SYSTEM_INI),
  },
  {
    name: 'an imported constant inside a template literal',
    syntax: true,
    code:
      r`import fs from 'node:fs'; import { ROOT } from './paths.js'; fs.writeFileSync(` +
      '`${ROOT}\\\\win.ini`' +
      r`, '');`,
    snippet: '`${ROOT}\\\\win.ini`',
    expected: message('fs.writeFileSync', 'overwrites', WIN_INI),
  },
  {
    name: 'a property of an imported as-const object',
    syntax: true,
    code: r`import fs from 'node:fs'; import { CONFIG } from './config.js'; fs.writeFileSync(CONFIG.paths.hosts, '');`,
    snippet: 'CONFIG.paths.hosts',
    expected: message('fs.writeFileSync', 'overwrites', HOSTS),
  },
  {
    name: 'an imported enum member',
    syntax: true,
    code: r`import fs from 'node:fs'; import { SystemFile } from './enums.js'; fs.writeFileSync(SystemFile.WinIni, '');`,
    snippet: 'SystemFile.WinIni',
    expected: message('fs.writeFileSync', 'overwrites', WIN_INI),
  },
  {
    name: 'a local enum member',
    syntax: true,
    code: r`import fs from 'node:fs'; enum Paths { Ini = 'C:\\Windows\\win.ini' } fs.writeFileSync(Paths.Ini, '');`,
    snippet: 'Paths.Ini',
    expected: message('fs.writeFileSync', 'overwrites', WIN_INI),
  },
  {
    name: 'any member of an enum type',
    code: r`import fs from 'node:fs'; import { SystemFile } from './enums.js'; export function save(file: SystemFile) { fs.writeFileSync(file, ''); }`,
    snippet: 'file',
    occurrence: 2,
    expected: message('fs.writeFileSync', 'overwrites', `${HOSTS}" or "${WIN_INI}`, [HOSTS, WIN_INI]),
  },
  {
    name: 'a value of a template literal type',
    code: r`import fs from 'node:fs'; import type { UnderRoot } from './paths.js'; declare const target: UnderRoot; fs.writeFileSync(target, '');`,
    snippet: 'target',
    occurrence: 2,
    expected: message('fs.writeFileSync', 'overwrites', r`C:\Windows\*`),
  },
  {
    name: 'a constant whose declared type is a template literal type',
    syntax: true,
    code: r`import fs from 'node:fs'; import { FONTS_DIR } from './paths.js'; fs.copyFileSync('a.ttf', FONTS_DIR);`,
    snippet: 'FONTS_DIR',
    occurrence: 2,
    expected: message('fs.copyFileSync', 'replaces', r`C:\Windows\Fonts`),
  },
  {
    name: 'a parameter typed as a union of literal paths',
    code: r`import fs from 'node:fs'; import type { SystemIni } from './types.js'; export function save(file: SystemIni) { fs.writeFileSync(file, ''); }`,
    snippet: 'file',
    occurrence: 2,
    expected: message('fs.writeFileSync', 'overwrites', `${WIN_INI}" or "${SYSTEM_INI}`, [WIN_INI, SYSTEM_INI]),
  },
  {
    name: 'an optional parameter typed as a literal: undefined is not a path',
    code: r`import fs from 'node:fs'; export function save(file?: 'C:\\Windows\\win.ini') { if (file) fs.writeFileSync(file, ''); }`,
    snippet: 'file',
    occurrence: 3,
    expected: message('fs.writeFileSync', 'overwrites', WIN_INI),
  },
  {
    name: 'a call whose return type is a literal',
    syntax: true,
    code: r`import fs from 'node:fs'; import { systemIni } from './types.js'; fs.writeFileSync(systemIni(), '');`,
    snippet: 'systemIni()',
    expected: message('fs.writeFileSync', 'overwrites', SYSTEM_INI),
  },
  // Calls are resolved by their signatures' return types first (type-values.ts `mayReturnLiteral`): each shape
  // that can still carry a literal must be asked in full.
  {
    name: 'a call of a declared function returning a union of literal paths',
    code: r`import fs from 'node:fs'; declare function pick(): 'C:\\Windows\\win.ini' | 'C:\\Windows\\system.ini'; fs.writeFileSync(pick(), '');`,
    snippet: 'pick()',
    occurrence: 2,
    expected: message('fs.writeFileSync', 'overwrites', `${WIN_INI}" or "${SYSTEM_INI}`, [WIN_INI, SYSTEM_INI]),
  },
  {
    name: 'a generic call that returns the literal it is given',
    code: r`import fs from 'node:fs'; declare function same<T>(value: T): T; declare const ini: 'C:\\Windows\\win.ini'; fs.writeFileSync(same(ini), '');`,
    snippet: 'same(ini)',
    expected: message('fs.writeFileSync', 'overwrites', WIN_INI),
  },
  {
    name: 'a variable set from a call whose return type is a literal',
    code: r`import fs from 'node:fs'; declare function ini(): 'C:\\Windows\\win.ini'; const target = ini(); fs.writeFileSync(target, '');`,
    snippet: 'target',
    occurrence: 2,
    expected: message('fs.writeFileSync', 'overwrites', WIN_INI),
  },
  {
    name: 'a method whose return type is a literal, among overloads that return none',
    code: r`import fs from 'node:fs'; declare const store: { path(): string; path(kind: 'ini'): 'C:\\Windows\\win.ini' }; fs.writeFileSync(store.path('ini'), '');`,
    snippet: "store.path('ini')",
    expected: message('fs.writeFileSync', 'overwrites', WIN_INI),
  },
  {
    // Widened to `string` by TypeScript, but the module never reassigns it: its one value, read from its source.
    name: 'an exported let the module never reassigns',
    syntax: true,
    code: r`import fs from 'node:fs'; import { mutablePath } from './paths.js'; fs.writeFileSync(mutablePath, '');`,
    snippet: 'mutablePath',
    occurrence: 2,
    expected: message('fs.writeFileSync', 'overwrites', WIN_INI),
  },
  {
    name: 'open flags: an imported string constant',
    syntax: true,
    code: r`import fs from 'node:fs'; import { UPDATE } from './flags.js'; fs.openSync('C:\\Windows\\win.ini', UPDATE);`,
    snippet: r`'C:\\Windows\\win.ini'`,
    expected: /^fs\.openSync opens "C:\\Windows\\win\.ini" with write access \('r\+'\)/u,
  },
  {
    name: 'open flags: an imported number constant',
    syntax: true,
    code: r`import fs from 'node:fs'; import { O_RDWR } from './flags.js'; fs.openSync('C:\\Windows\\win.ini', O_RDWR);`,
    snippet: r`'C:\\Windows\\win.ini'`,
    expected: /^fs\.openSync opens "C:\\Windows\\win\.ini" with write access \(O_RDWR\)/u,
  },
  {
    name: 'open flags: a numeric enum member',
    syntax: true,
    code: r`import fs from 'node:fs'; import { OpenMode } from './enums.js'; fs.openSync('C:\\Windows\\win.ini', OpenMode.ReadWrite);`,
    snippet: r`'C:\\Windows\\win.ini'`,
    expected: /^fs\.openSync opens "C:\\Windows\\win\.ini" with write access \(OpenMode\.ReadWrite\)/u,
  },
  {
    name: 'open flags: a property of an as-const object',
    syntax: true,
    code: r`import fs from 'node:fs'; import { HOSTS } from './paths.js'; import { CONFIG } from './config.js'; fs.openSync(HOSTS, CONFIG.flags.update);`,
    snippet: 'HOSTS',
    occurrence: 2,
    expected: /^fs\.openSync opens "C:\\Windows\\System32\\drivers\\etc\\hosts" with write access \('r\+'\)/u,
  },
];

const silentEvenTyped = [
  // Literal, but not a system path.
  r`import fs from 'node:fs'; import { USER_NOTES } from './paths.js'; fs.writeFileSync(USER_NOTES, '');`,
  r`import fs from 'node:fs'; import { CONFIG } from './config.js'; fs.writeFileSync(CONFIG.paths.log, '');`,
  r`import fs from 'node:fs'; import type { UserFile } from './types.js'; export function save(file: UserFile) { fs.writeFileSync(file, ''); }`,
  // Widened to string: no literal survives, by design of TypeScript.
  r`import fs from 'node:fs'; import { anyPath } from './types.js'; fs.writeFileSync(anyPath(), '');`,
  r`import fs from 'node:fs'; export function save(file: string) { fs.writeFileSync(file, ''); }`,
  // Skipped before the checker resolves the call or the variable: no literal in any signature or annotation.
  r`import fs from 'node:fs'; import os from 'node:os'; fs.writeFileSync(os.tmpdir(), '');`,
  r`import fs from 'node:fs'; declare function name(): string; const file: string = name(); fs.writeFileSync(file, '');`,
  // Read-only flags resolved through types.
  r`import fs from 'node:fs'; import { HOSTS } from './paths.js'; import { CONFIG } from './config.js'; fs.openSync(HOSTS, CONFIG.flags.read);`,
  r`import fs from 'node:fs'; import { OpenMode } from './enums.js'; fs.openSync('C:\\Windows\\win.ini', OpenMode.ReadOnly);`,
  // Reading a typed system path is fine.
  r`import fs from 'node:fs'; import { HOSTS } from './paths.js'; fs.readFileSync(HOSTS, 'utf8');`,
];

createTsRuleTester().run('no-system-file-write (typed)', rule as never, {
  valid: silentEvenTyped.map((code) => ({ code, filename, languageOptions: typed })),
  invalid: reported.map(({ name, code, snippet, occurrence, expected }) => ({
    name,
    code,
    filename,
    languageOptions: typed,
    errors: [{ message: expected, ...at(code, snippet, occurrence) }],
  })),
});

// The same code without a program: what the other module's source says is read from it
// (analysis/modules); what only types say (a template literal type, a literal-typed parameter) is not.
createTsRuleTester().run('no-system-file-write (same code, untyped)', rule as never, {
  valid: reported
    .filter(({ syntax }) => syntax !== true)
    .map(({ name, code }) => ({ name: `untyped: ${name}`, code, filename })),
  invalid: reported
    .filter(({ syntax }) => syntax === true)
    .map(({ name, code, snippet, occurrence, expected }) => ({
      name: `untyped, from the other module's source: ${name}`,
      code,
      filename,
      errors: [{ message: expected, ...at(code, snippet, occurrence) }],
    })),
});
