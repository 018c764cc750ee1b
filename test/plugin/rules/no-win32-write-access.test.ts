import rule from '../../../plugin/rules/no-win32-write-access.js';
import { createJsRuleTester, createTsRuleTester } from '../../setup/rule-tester.js';
import { errorAt, message } from './helpers.js';

const r = String.raw;
const ruleTester = createJsRuleTester();
const tsRuleTester = createTsRuleTester();

interface Suggestion {
  readonly messageId: 'suggestReadOnly';
  readonly data: { readonly readOnly: string };
  readonly output: string;
}

interface Case {
  code: string;
  errors: {
    message: RegExp | string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    suggestions: Suggestion[];
  }[];
  options?: unknown[];
  settings?: Record<string, unknown>;
  languageOptions?: Record<string, unknown>;
}

/** One finding on `snippet` (the path argument), with its suggestions (none unless given). */
function invalid(
  code: string,
  snippet: string | [string, number],
  expected: RegExp | string,
  extra: {
    suggestions?: Suggestion[];
    options?: unknown[];
    settings?: Record<string, unknown>;
    languageOptions?: Record<string, unknown>;
  } = {},
): Case {
  const [text, occurrence] = typeof snippet === 'string' ? [snippet, 1] : snippet;
  const { suggestions = [], ...rest } = extra;
  return { code, errors: [{ ...errorAt(code, text, expected, occurrence), suggestions }], ...rest };
}

/** A finding whose read-only suggestion replaces `from` with `to`. */
function invalidFixed(
  code: string,
  snippet: string | [string, number],
  expected: RegExp | string,
  from: string | [string, number],
  to: string,
): Case {
  return invalid(code, snippet, expected, { suggestions: [readOnly(code, from, to)] });
}

/** The read-only suggestion replacing the `occurrence`-th `from` in `code` with `to` (`shown` in its description). */
function readOnly(code: string, from: string | [string, number], to: string, shown = to): Suggestion {
  const [text, occurrence] = typeof from === 'string' ? [from, 1] : from;
  let index = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    index = code.indexOf(text, index + 1);
    if (index === -1) throw new Error(`${text} (occurrence ${occurrence}) not in test code`);
  }
  return {
    messageId: 'suggestReadOnly',
    data: { readOnly: shown },
    output: code.slice(0, index) + to + code.slice(index + text.length),
  };
}

const DECOMPRESSES = 'on WIMBoot/CompactOS devices this decompresses it onto C:.';
const REPLACES = 'on WIMBoot/CompactOS devices this stores it uncompressed on C:.';
const WIN_INI = r`C:\Windows\win.ini`;

/** koffi declarations shared by most cases. */
const KOFFI = r`import koffi from 'koffi';
const k32 = koffi.load('kernel32.dll');
const CreateFileW = k32.func('__stdcall', 'CreateFileW', 'void *', ['str16', 'uint32', 'uint32', 'void *', 'uint32', 'uint32', 'void *']);
const CloseHandle = k32.func('__stdcall', 'CloseHandle', 'bool', ['void *']);
const ReadFile = k32.func('__stdcall', 'ReadFile', 'bool', ['void *', 'void *', 'uint32', 'uint32 *', 'void *']);
const WriteFile = k32.func('__stdcall', 'WriteFile', 'bool', ['void *', 'void *', 'uint32', 'uint32 *', 'void *']);
const SetEndOfFile = k32.func('__stdcall', 'SetEndOfFile', 'bool', ['void *']);
const DeviceIoControl = k32.func('__stdcall', 'DeviceIoControl', 'bool', ['void *', 'uint32', 'void *', 'uint32', 'void *', 'uint32', 'uint32 *', 'void *']);
const GENERIC_READ = 0x80000000;
const GENERIC_WRITE = 0x40000000;
const OPEN_EXISTING = 3;
`;

/** `CreateFileW(<path>, <access>, ...)` followed by `<after>`, with the koffi header. */
function koffiOpen(path: string, access: string, after = 'CloseHandle(h);', disposition = 'OPEN_EXISTING'): string {
  return `${KOFFI}const h = CreateFileW(${path}, ${access}, 0, null, ${disposition}, 0, null);\n${after}`;
}

const opensWinIni = (access: string): string =>
  `CreateFileW opens "${WIN_INI}" with ${access}: ${DECOMPRESSES} Request GENERIC_READ only if you only read it. [wimboot-path: ${WIN_INI}]`;

ruleTester.run('no-win32-write-access', rule as never, {
  valid: [
    // Opened only off Windows: the platform branch decides against it there.
    `${KOFFI}if (process.platform === 'darwin') { const h = CreateFileW('C:\\\\Windows\\\\win.ini', GENERIC_READ | GENERIC_WRITE, 0, null, OPEN_EXISTING, 0, null); CloseHandle(h); }`,
    // A function that encodes another path it builds (a redirect into the user's folder) is no encoder of its argument.
    r`const k32 = Deno.dlopen('kernel32.dll', { CreateFileW: { parameters: [], result: 'pointer' } });
function toUserCopy(s) { const t = 'C:\\Users\\me\\Acme\\' + s.slice(s.lastIndexOf('\\') + 1); const b = new Uint16Array(t.length + 1); for (let i = 0; i < t.length; i++) b[i] = t.charCodeAt(i); return b; }
k32.symbols.CreateFileW(toUserCopy('C:\\Windows\\win.ini'), 0x40000000, 0, null, 2, 0, null);`,
    // A function of unknown result that encodes nothing is no encoder, nor is a hash of the characters: its
    // argument is not the path.
    r`const k32 = Deno.dlopen('kernel32.dll', { CreateFileW: { parameters: [], result: 'pointer' } });
function hash(s) { let h = 0; for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0; return h >>> 0; }
k32.symbols.CreateFileW(hash('C:\\Windows\\win.ini'), 0x40000000, 0, null, 2, 0, null);`,
    // …also when the hash is returned in a buffer, or is a checksum kept with `+=`.
    r`const k32 = Deno.dlopen('kernel32.dll', { CreateFileW: { parameters: [], result: 'pointer' } });
function digest(s) { let h = 0; for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0; const out = new Uint32Array(1); out[0] = h; return out; }
k32.symbols.CreateFileW(digest('C:\\Windows\\win.ini'), 0x40000000, 0, null, 2, 0, null);`,
    r`const k32 = Deno.dlopen('kernel32.dll', { CreateFileW: { parameters: [], result: 'pointer' } });
function checksum(s) { let sum = 0; for (const i of s.keys?.() ?? []) sum += s.codePointAt(i); return new Uint32Array([sum]); }
k32.symbols.CreateFileW(checksum('C:\\Windows\\win.ini'), 0x40000000, 0, null, 2, 0, null);`,
    r`const k32 = Deno.dlopen('kernel32.dll', { CreateFileW: { parameters: [], result: 'pointer' } });
function backupOf(file) { return lookup(file); }
k32.symbols.CreateFileW(backupOf('C:\\Windows\\win.ini'), 0x40000000, 0, null, 2, 0, null);`,
    // ── Read-only access ────────────────────────────────────────────────
    koffiOpen(r`'C:\\Windows\\win.ini'`, 'GENERIC_READ'),
    koffiOpen(r`'C:\\Windows\\win.ini'`, '0x80000000'),
    koffiOpen(r`'C:\\Windows\\win.ini'`, '2147483648'),
    koffiOpen(r`'C:\\Windows\\win.ini'`, '0x80000000n'),
    koffiOpen(r`'C:\\Windows\\win.ini'`, 'FILE_GENERIC_READ'),
    koffiOpen(r`'C:\\Windows\\win.ini'`, 'FILE_READ_ATTRIBUTES | SYNCHRONIZE'),
    koffiOpen(r`'C:\\Windows\\win.ini'`, '0'),
    // `&` and `~` fold: the write bit is masked off again.
    koffiOpen(r`'C:\\Windows\\win.ini'`, '(GENERIC_READ | GENERIC_WRITE) & ~GENERIC_WRITE'),
    koffiOpen(r`'C:\\Windows\\win.ini'`, '0xC0000000 ^ 0x40000000'),
    // CREATE_NEW / OPEN_ALWAYS create missing files but never truncate existing ones.
    koffiOpen(r`'C:\\Windows\\win.ini'`, 'GENERIC_READ', 'CloseHandle(h);', '1'),
    koffiOpen(r`'C:\\Windows\\win.ini'`, 'GENERIC_READ', 'CloseHandle(h);', 'OPEN_ALWAYS'),
    // Metadata-only access needs the option.
    koffiOpen(r`'C:\\Windows\\win.ini'`, 'FILE_WRITE_ATTRIBUTES'),
    koffiOpen(r`'C:\\Windows\\win.ini'`, 'DELETE | SYNCHRONIZE'),
    koffiOpen(r`'C:\\Windows\\win.ini'`, 'WRITE_DAC | WRITE_OWNER | FILE_WRITE_EA'),
    // ── Masks that cannot be decided ────────────────────────────────────
    koffiOpen(r`'C:\\Windows\\win.ini'`, 'access'),
    koffiOpen(r`'C:\\Windows\\win.ini'`, 'getAccess()'),
    // A helper's flags decided at its call sites: only read access there.
    `${KOFFI}function openFile(file, access) { return CreateFileW(file, access, 0, null, OPEN_EXISTING, 0, null); }\nopenFile('C:\\\\Windows\\\\win.ini', GENERIC_READ);`,
    koffiOpen(r`'C:\\Windows\\win.ini'`, 'flags & GENERIC_WRITE'),
    r`import koffi from 'koffi';
const CreateFileW = koffi.load('kernel32.dll').func('CreateFileW', 'void *', []);
export function open(access) { return CreateFileW('C:\\Windows\\win.ini', access, 0, null, 3, 0, null); }`,
    // ── Paths that are not system files, or unresolved ──────────────────
    koffiOpen(r`'C:\\Users\\me\\notes.txt'`, 'GENERIC_READ | GENERIC_WRITE'),
    koffiOpen(r`'C:\\Windows\\Temp\\setup.log'`, 'GENERIC_WRITE'),
    koffiOpen('file', 'GENERIC_WRITE'),
    koffiOpen('process.env.ACME_FILE', 'GENERIC_WRITE'),
    r`import koffi from 'koffi';
const CreateFileW = koffi.load('kernel32.dll').func('CreateFileW', 'void *', []);
export function open(p) { return CreateFileW(p, 0x40000000, 0, null, 3, 0, null); }`,
    // Devices, pipes and volumes are never system files.
    koffiOpen(r`'\\\\.\\pipe\\acme'`, 'GENERIC_READ | GENERIC_WRITE'),
    koffiOpen(r`'\\\\.\\C:'`, 'GENERIC_READ | GENERIC_WRITE'),
    koffiOpen(r`'\\\\.\\PhysicalDrive0'`, 'GENERIC_READ | GENERIC_WRITE'),
    koffiOpen(r`'\\\\.\\ATKACPI'`, '0xC0000000'),
    koffiOpen(r`Buffer.from('\\\\.\\pipe\\acme\0', 'ucs2')`, 'GENERIC_WRITE'),
    // ── Not kernel32, or not FFI at all ─────────────────────────────────
    r`import koffi from 'koffi';
const CreateFileW = koffi.load('user32.dll').func('CreateFileW', 'void *', []);
CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
    r`import koffi from 'koffi';
const CreateFileW = koffi.load('./native/acme.dll').func('CreateFileW', 'void *', []);
CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
    r`import koffi from 'koffi';
const CreateFileW = koffi.load(dllPath).func('CreateFileW', 'void *', []);
CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
    r`import koffi from 'koffi';
const fopen = koffi.load('kernel32.dll').func('fopen', 'void *', ['str', 'str']);
fopen('C:\\Windows\\win.ini', 'w');`,
    r`import koffi from 'koffi';
const CreateFileW = koffi.load('msvcrt.dll').func('CreateFileW', 'void *', []);
CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
    r`const ffi = require('ffi-napi');
const acme = ffi.Library('acme', { CreateFileW: ['pointer', []] });
acme.CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
    r`function CreateFileW(path, access) {}
CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
    r`import koffi from './koffi-shim.js';
const CreateFileW = koffi.load('kernel32.dll').func('CreateFileW', 'void *', []);
CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
    r`const k32 = { CreateFileW() {} };
k32.CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
    // ── Other APIs in read-only or non-replacing forms ──────────────────
    r`import koffi from 'koffi';
const OpenFile = koffi.load('kernel32.dll').func('OpenFile', 'int', ['str', 'void *', 'uint']);
OpenFile('C:\\Windows\\win.ini', ofs, OF_READ | OF_SHARE_DENY_WRITE);`,
    r`import koffi from 'koffi';
const CopyFileW = koffi.load('kernel32.dll').func('CopyFileW', 'bool', ['str16', 'str16', 'bool']);
CopyFileW('a.ini', 'C:\\Windows\\win.ini', true);`,
    r`import koffi from 'koffi';
const CopyFileW = koffi.load('kernel32.dll').func('CopyFileW', 'bool', ['str16', 'str16', 'bool']);
CopyFileW('C:\\Windows\\win.ini', 'C:\\Users\\me\\win.ini', false);`,
    r`import koffi from 'koffi';
const CopyFileExW = koffi.load('kernel32.dll').func('CopyFileExW', 'bool', []);
CopyFileExW('a.ini', 'C:\\Windows\\win.ini', null, null, null, COPY_FILE_FAIL_IF_EXISTS);`,
    r`import koffi from 'koffi';
const MoveFileExW = koffi.load('kernel32.dll').func('MoveFileExW', 'bool', ['str16', 'str16', 'uint32']);
MoveFileExW('a.ini', 'C:\\Windows\\win.ini', MOVEFILE_COPY_ALLOWED);`,
    r`import koffi from 'koffi';
const MoveFileExW = koffi.load('kernel32.dll').func('MoveFileExW', 'bool', ['str16', 'str16', 'uint32']);
MoveFileExW('a.ini', 'C:\\Windows\\win.ini', 0);`,
    r`import koffi from 'koffi';
const crt = koffi.load('ucrtbase.dll');
const _wfopen = crt.func('void *_wfopen(const char16_t *path, const char16_t *mode)');
_wfopen('C:\\Windows\\win.ini', 'r');
_wfopen('C:\\Windows\\win.ini', 'rb, ccs=UTF-8');`,
    r`import koffi from 'koffi';
const _wopen = koffi.load('msvcrt.dll').func('int _wopen(const char16_t *path, int oflag)');
_wopen('C:\\Windows\\win.ini', _O_RDONLY | _O_BINARY);`,
    r`import koffi from 'koffi';
const NtCreateFile = koffi.load('ntdll.dll').func('NtCreateFile', 'int32', []);
NtCreateFile(out, FILE_GENERIC_READ, { Length: 48, ObjectName: '\\??\\C:\\Windows\\win.ini' }, iosb, null, 0, 7, FILE_OPEN, 0, null, 0);`,
    // A handle-taking function is not an opener.
    r`import koffi from 'koffi';
const WriteFile = koffi.load('kernel32.dll').func('WriteFile', 'bool', []);
WriteFile(h, 'C:\\Windows\\win.ini', 1, null, null);`,
  ],
  invalid: [
    // ── The exact messages ──────────────────────────────────────────────
    invalid(
      koffiOpen(r`'C:\\Windows\\win.ini'`, 'GENERIC_READ | GENERIC_WRITE'),
      r`'C:\\Windows\\win.ini'`,
      opensWinIni('GENERIC_READ | GENERIC_WRITE (0xC0000000)'),
      {
        suggestions: [
          readOnly(
            koffiOpen(r`'C:\\Windows\\win.ini'`, 'GENERIC_READ | GENERIC_WRITE'),
            'GENERIC_READ | GENERIC_WRITE',
            'GENERIC_READ',
          ),
        ],
      },
    ),
    invalid(
      koffiOpen(r`'C:\\Windows\\System32\\drivers\\etc\\hosts'`, 'GENERIC_WRITE', 'CloseHandle(h);', 'CREATE_ALWAYS'),
      r`'C:\\Windows\\System32\\drivers\\etc\\hosts'`,
      r`CreateFileW overwrites "C:\Windows\System32\drivers\etc\hosts" with GENERIC_WRITE (0x40000000) and CREATE_ALWAYS: ${REPLACES} Write the hosts file only when the user asks. [wimboot-path: C:\Windows\System32\drivers\etc\hosts]`,
    ),
    invalid(
      koffiOpen(r`'C:\\Windows\\win.ini'`, 'FILE_WRITE_ATTRIBUTES | SYNCHRONIZE'),
      r`'C:\\Windows\\win.ini'`,
      r`CreateFileW opens "C:\Windows\win.ini" with SYNCHRONIZE | FILE_WRITE_ATTRIBUTES (0x00100100): on WIMBoot/CompactOS devices this may decompress the system file (metadata-only writes are not confirmed to). Leave system file metadata alone. [wimboot-path: C:\Windows\win.ini]`,
      { options: [{ checkMetadataAccess: true }] },
    ),
    invalid(
      r`import koffi from 'koffi';
const CopyFileW = koffi.load('kernel32.dll').func('__stdcall', 'CopyFileW', 'bool', ['str16', 'str16', 'bool']);
CopyFileW('Acme.ttf', 'C:\\Windows\\Fonts\\Acme.ttf', false);`,
      r`'C:\\Windows\\Fonts\\Acme.ttf'`,
      r`CopyFileW replaces "C:\Windows\Fonts\Acme.ttf" (destination): on WIMBoot/CompactOS devices this stores it uncompressed on C:. Copy or move into an app-data folder instead. [wimboot-path: C:\Windows\Fonts\Acme.ttf]`,
    ),
    invalid(
      koffiOpen(
        r`process.platform === 'win32' ? 'C:\\Windows\\win.ini' : '/etc/acme.ini'`,
        'GENERIC_READ | GENERIC_WRITE',
      ),
      r`process.platform === 'win32' ? 'C:\\Windows\\win.ini' : '/etc/acme.ini'`,
      // On Windows `process.platform` is 'win32': the ternary takes its Windows branch.
      r`CreateFileW opens "C:\Windows\win.ini" with GENERIC_READ | GENERIC_WRITE (0xC0000000): ${DECOMPRESSES} Request GENERIC_READ only if you only read it. [wimboot-path: C:\Windows\win.ini]`,
      {
        suggestions: [
          readOnly(
            koffiOpen(
              r`process.platform === 'win32' ? 'C:\\Windows\\win.ini' : '/etc/acme.ini'`,
              'GENERIC_READ | GENERIC_WRITE',
            ),
            'GENERIC_READ | GENERIC_WRITE',
            'GENERIC_READ',
          ),
        ],
      },
    ),
    invalid(
      koffiOpen(r`useSystem ? 'C:\\Windows\\win.ini' : './acme.ini'`, 'GENERIC_READ | GENERIC_WRITE'),
      r`useSystem ? 'C:\\Windows\\win.ini' : './acme.ini'`,
      r`CreateFileW may open "C:\Windows\win.ini" with GENERIC_READ | GENERIC_WRITE (0xC0000000) (one of the paths it may take): ${DECOMPRESSES} Request GENERIC_READ only if you only read it. [wimboot-path: C:\Windows\win.ini]`,
      {
        suggestions: [
          readOnly(
            koffiOpen(r`useSystem ? 'C:\\Windows\\win.ini' : './acme.ini'`, 'GENERIC_READ | GENERIC_WRITE'),
            'GENERIC_READ | GENERIC_WRITE',
            'GENERIC_READ',
          ),
        ],
      },
    ),
    invalid(
      koffiOpen(r`'C:\\Windows\\win.ini'`, 'readOnly ? GENERIC_READ : GENERIC_READ | GENERIC_WRITE'),
      r`'C:\\Windows\\win.ini'`,
      r`CreateFileW may open "C:\Windows\win.ini" with GENERIC_READ | GENERIC_WRITE (0xC0000000) (depending on its flags): ${DECOMPRESSES} Request GENERIC_READ only if you only read it. [wimboot-path: C:\Windows\win.ini]`,
    ),
    (() => {
      const code = `${KOFFI}function openForUpdate(file) { return CreateFileW(file, GENERIC_READ | GENERIC_WRITE, 0, null, OPEN_EXISTING, 0, null); }
openForUpdate('C:\\\\Program Files\\\\Acme\\\\state.bin');
openForUpdate('./state.bin');`;
      return invalid(
        code,
        r`'C:\\Program Files\\Acme\\state.bin'`,
        r`openForUpdate() passes "C:\Program Files\Acme\state.bin" to CreateFileW (line 12), which opens it with GENERIC_READ | GENERIC_WRITE (0xC0000000): ${DECOMPRESSES} Request GENERIC_READ only if you only read it. [wimboot-path: C:\Program Files\Acme\state.bin]`,
      );
    })(),
    // The same GENERIC_WRITE open of win.ini, however the binding is reached: declared lazily and called
    // through what returns it (or as declared), held under a name of the project's own (a property, a
    // field, a constant signature), or called through Function.prototype.call/apply and Reflect.apply.
    ...[
      `const SIG = 'HANDLE __stdcall CreateFileW(str16, uint32, uint32, void *, uint32, uint32, void *)';\nlet createFile;\nfunction getCreateFile() { if (!createFile) createFile = k32.func(SIG); return createFile; }\ngetCreateFile()('C:\\\\Windows\\\\win.ini', GENERIC_WRITE, 0, null, OPEN_EXISTING, 0, null);`,
      `const SIG = 'HANDLE __stdcall CreateFileW(str16, uint32, uint32, void *, uint32, uint32, void *)';\nfunction bindCreateFile() { return k32.func(SIG); }\nbindCreateFile()('C:\\\\Windows\\\\win.ini', GENERIC_WRITE, 0, null, OPEN_EXISTING, 0, null);`,
      `koffi.load('kernel32.dll').func('HANDLE __stdcall CreateFileW(str16, uint32, uint32, void *, uint32, uint32, void *)')('C:\\\\Windows\\\\win.ini', GENERIC_WRITE, 0, null, OPEN_EXISTING, 0, null);`,
      `const api = { openHandle: k32.func('__stdcall', 'CreateFileW', 'void *', ['str16', 'uint32', 'uint32', 'void *', 'uint32', 'uint32', 'void *']) };\napi.openHandle('C:\\\\Windows\\\\win.ini', GENERIC_WRITE, 0, null, OPEN_EXISTING, 0, null);`,
      `class Native { constructor() { this.open = k32.func('HANDLE __stdcall CreateFileW(str16, uint32, uint32, void *, uint32, uint32, void *)'); } }\nnew Native().open('C:\\\\Windows\\\\win.ini', GENERIC_WRITE, 0, null, OPEN_EXISTING, 0, null);`,
      `const SIG = 'HANDLE __stdcall CreateFileW(str16, uint32, uint32, void *, uint32, uint32, void *)';\nconst win = { fileHandle: k32.func(SIG) };\nwin.fileHandle('C:\\\\Windows\\\\win.ini', GENERIC_WRITE, 0, null, OPEN_EXISTING, 0, null);`,
      `CreateFileW.call(null, 'C:\\\\Windows\\\\win.ini', GENERIC_WRITE, 0, null, OPEN_EXISTING, 0, null);`,
      `CreateFileW.apply(null, ['C:\\\\Windows\\\\win.ini', GENERIC_WRITE, 0, null, OPEN_EXISTING, 0, null]);`,
      `Reflect.apply(CreateFileW, undefined, ['C:\\\\Windows\\\\win.ini', GENERIC_WRITE, 0, null, OPEN_EXISTING, 0, null]);`,
    ].map((lines) =>
      invalidFixed(
        `${KOFFI}${lines}`,
        r`'C:\\Windows\\win.ini'`,
        r`CreateFileW opens "C:\Windows\win.ini" with GENERIC_WRITE (0x40000000): ${DECOMPRESSES} Request GENERIC_READ only if you only read it. [wimboot-path: C:\Windows\win.ini]`,
        ['GENERIC_WRITE', 2],
        'GENERIC_READ',
      ),
    ),
    // Access chosen inside a helper from its parameter (a ternary, a default): decided at each call site.
    (() => {
      const code = `${KOFFI}function open(file, write = false) { return CreateFileW(file, write ? GENERIC_READ | GENERIC_WRITE : GENERIC_READ, 0, null, OPEN_EXISTING, 0, null); }
open('C:\\\\Windows\\\\win.ini');
open('C:\\\\Windows\\\\win.ini', false);
open('C:\\\\Windows\\\\system.ini', true);`;
      return invalid(
        code,
        r`'C:\\Windows\\system.ini'`,
        r`open() passes "C:\Windows\system.ini" to CreateFileW (line 12), which opens it with GENERIC_READ | GENERIC_WRITE (0xC0000000): ${DECOMPRESSES} Request GENERIC_READ only if you only read it. [wimboot-path: C:\Windows\system.ini]`,
      );
    })(),
    // Flags chosen by the caller of a helper: decided at each call site.
    (() => {
      const code = `${KOFFI}function openFile(file, access, disposition = OPEN_EXISTING) { return CreateFileW(file, access, 0, null, disposition, 0, null); }
openFile('C:\\\\Windows\\\\win.ini', GENERIC_READ);
openFile('C:\\\\Windows\\\\system.ini', GENERIC_READ | GENERIC_WRITE);
openFile('D:\\\\data.bin', GENERIC_WRITE);
openFile('C:\\\\Program Files\\\\Acme\\\\state.bin', GENERIC_READ, 2);`;
      return {
        code,
        errors: [
          {
            ...errorAt(
              code,
              r`'C:\\Windows\\system.ini'`,
              r`openFile() passes "C:\Windows\system.ini" to CreateFileW (line 12), which opens it with GENERIC_READ | GENERIC_WRITE (0xC0000000): ${DECOMPRESSES} Request GENERIC_READ only if you only read it. [wimboot-path: C:\Windows\system.ini]`,
            ),
            suggestions: [],
          },
          {
            ...errorAt(
              code,
              r`'C:\\Program Files\\Acme\\state.bin'`,
              /^openFile\(\) passes "C:\\Program Files\\Acme\\state\.bin" to CreateFileW \(line 12\), which overwrites it with GENERIC_READ \(0x80000000\) and CREATE_ALWAYS: /u,
            ),
            suggestions: [],
          },
        ],
      };
    })(),
    (() => {
      const code = r`import koffi from 'koffi';
const _wfopen = koffi.load('ucrtbase.dll').func('void *_wfopen(const char16_t *path, const char16_t *mode)');
const CONFIG = 'C:\\Program Files\\Acme\\config.ini';
const openConfig = (mode) => _wfopen(CONFIG, mode);
openConfig('r');
openConfig('w');`;
      return invalid(
        code,
        `'w'`,
        /^openConfig\(\) passes "C:\\Program Files\\Acme\\config\.ini" to _wfopen \(line 4\), which overwrites it \('w'\): /u,
      );
    })(),
    invalid(
      koffiOpen('getTarget()', '0x40000000'),
      'getTarget()',
      r`CreateFileW opens a path this rule cannot resolve with GENERIC_WRITE (0x40000000): if it is a system file, on WIMBoot/CompactOS devices this decompresses it onto C:. [wimboot-path: *]`,
      { options: [{ reportUnresolved: true }] },
    ),
    invalid(
      r`import koffi from 'koffi';
const _wfopen = koffi.load('ucrtbase.dll').func('void *_wfopen(const char16_t *path, const char16_t *mode)');
const fclose = koffi.load('ucrtbase.dll').func('int fclose(void *f)');
const f = _wfopen('C:\\Windows\\win.ini', 'r+');
fclose(f);`,
      r`'C:\\Windows\\win.ini'`,
      r`_wfopen opens "C:\Windows\win.ini" with write access ('r+'): ${DECOMPRESSES} Open it read-only ('r') if you only read it. [wimboot-path: C:\Windows\win.ini]`,
      {
        suggestions: [
          readOnly(
            r`import koffi from 'koffi';
const _wfopen = koffi.load('ucrtbase.dll').func('void *_wfopen(const char16_t *path, const char16_t *mode)');
const fclose = koffi.load('ucrtbase.dll').func('int fclose(void *f)');
const f = _wfopen('C:\\Windows\\win.ini', 'r+');
fclose(f);`,
            `'r+'`,
            `'r'`,
          ),
        ],
      },
    ),
    invalid(
      r`import koffi from 'koffi';
const OpenFile = koffi.load('kernel32.dll').func('int __stdcall OpenFile(const char *name, void *ofs, uint32_t style)');
OpenFile('C:\\Windows\\win.ini', ofs, OF_READWRITE | OF_SHARE_EXCLUSIVE);`,
      r`'C:\\Windows\\win.ini'`,
      r`OpenFile opens "C:\Windows\win.ini" with OF_READWRITE | OF_SHARE_EXCLUSIVE (0x00000012): ${DECOMPRESSES} Use OF_READ if you only read it. [wimboot-path: C:\Windows\win.ini]`,
    ),

    // ── Binding shapes: koffi ───────────────────────────────────────────
    ...[
      // func(name, ret, args) without a convention; any case of the DLL name.
      r`import koffi from 'koffi';
const CreateFileW = koffi.load('KERNEL32').func('CreateFileW', 'void *', ['str16', 'uint32', 'uint32', 'void *', 'uint32', 'uint32', 'void *']);
CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
      // Prototype string; full path to the DLL.
      r`import koffi from 'koffi';
const lib = koffi.load('C:\\Windows\\System32\\kernel32.dll');
const CreateFileW = lib.func('HANDLE __stdcall CreateFileW(const char16_t *name, uint32_t access, uint32_t share, void *sa, uint32_t disposition, uint32_t flags, void *template)');
CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
      // The deprecated lib.stdcall / lib.cdecl declarers.
      r`import koffi from 'koffi';
const CreateFileW = koffi.load('kernel32').stdcall('CreateFileW', 'void *', []);
CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
      r`import koffi from 'koffi';
const CreateFileW = koffi.load('kernel32').cdecl('void *CreateFileW(const char16_t *n, uint32_t a, uint32_t s, void *sa, uint32_t d, uint32_t f, void *t)');
CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
      // kernelbase exports the same function.
      r`import koffi from 'koffi';
const CreateFileW = koffi.load('kernelbase.dll').func('CreateFileW', 'void *', []);
CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
      // CommonJS require, named import of load.
      r`const koffi = require('koffi');
const CreateFileW = koffi.load('kernel32.dll').func('CreateFileW', 'void *', []);
CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
      r`import { load } from 'koffi';
const CreateFileW = load('kernel32.dll').func('CreateFileW', 'void *', []);
CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
      // Stored in an object; called through .call.
      r`import koffi from 'koffi';
const lib = koffi.load('kernel32.dll');
const k32 = { CreateFileW: lib.func('CreateFileW', 'void *', []) };
k32.CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
      r`import koffi from 'koffi';
const CreateFileW = koffi.load('kernel32.dll').func('CreateFileW', 'void *', []);
CreateFileW.call(null, 'C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
      // koffi.proto type called through a symbol pointer.
      r`import koffi from 'koffi';
const lib = koffi.load('kernel32.dll');
const CreateFileWProto = koffi.proto('void *__stdcall CreateFileWProto(const char16_t *n, uint32_t a, uint32_t s, void *sa, uint32_t d, uint32_t f, void *t)');
koffi.call(lib.symbol('CreateFileW'), CreateFileWProto, 'C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
      // The async form: same arguments, then a callback.
      r`import koffi from 'koffi';
const CreateFileW = koffi.load('kernel32.dll').func('CreateFileW', 'void *', []);
CreateFileW.async('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null, (err, h) => {});`,
    ].map((code) =>
      invalid(code, r`'C:\\Windows\\win.ini'`, opensWinIni('GENERIC_WRITE (0x40000000)'), {
        // The handle is discarded (never written); the async form hands it to a callback this rule does not follow.
        suggestions: code.includes('.async(') ? [] : [readOnly(code, '0x40000000', '0x80000000')],
      }),
    ),

    // ── Binding shapes: ffi-napi / node-ffi ─────────────────────────────
    invalid(
      r`const ffi = require('ffi-napi');
const kernel32 = ffi.Library('kernel32', {
  CreateFileW: ['pointer', ['pointer', 'uint32', 'uint32', 'pointer', 'uint32', 'uint32', 'pointer']],
  WriteFile: ['bool', ['pointer', 'pointer', 'uint32', 'pointer', 'pointer']],
});
const h = kernel32.CreateFileW(Buffer.from('C:\\Windows\\win.ini\0', 'ucs2'), 0xC0000000, 0, null, 3, 0, null);
kernel32.WriteFile(h, data, data.length, null, null);`,
      r`Buffer.from('C:\\Windows\\win.ini\0', 'ucs2')`,
      opensWinIni('GENERIC_READ | GENERIC_WRITE (0xC0000000)'),
    ),
    invalidFixed(
      r`import ffi from 'ffi';
const { CreateFileW } = new ffi.Library('kernel32.dll', { CreateFileW: ['pointer', []] });
CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
      r`'C:\\Windows\\win.ini'`,
      opensWinIni('GENERIC_WRITE (0x40000000)'),
      '0x40000000',
      '0x80000000',
    ),

    invalid(
      r`const ffi = require('ffi-napi');
const kernel32 = ffi.Library('kernel32', { CreateFileW: ['pointer', []] });
kernel32.CreateFileW.async('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null, (err, handle) => {});`,
      r`'C:\\Windows\\win.ini'`,
      opensWinIni('GENERIC_WRITE (0x40000000)'),
    ),

    // ── Binding shapes: ffi-rs ──────────────────────────────────────────
    invalid(
      r`import { open, load, DataType } from 'ffi-rs';
open({ library: 'k32', path: 'kernel32.dll' });
const h = load({
  library: 'k32',
  funcName: 'CreateFileW',
  retType: DataType.External,
  paramsType: [DataType.WString, DataType.U32, DataType.U32, DataType.External, DataType.U32, DataType.U32, DataType.External],
  paramsValue: ['C:\\Windows\\win.ini', 0xC0000000, 0, null, 3, 0, null],
});`,
      r`'C:\\Windows\\win.ini'`,
      opensWinIni('GENERIC_READ | GENERIC_WRITE (0xC0000000)'),
      {
        suggestions: [
          readOnly(
            r`import { open, load, DataType } from 'ffi-rs';
open({ library: 'k32', path: 'kernel32.dll' });
const h = load({
  library: 'k32',
  funcName: 'CreateFileW',
  retType: DataType.External,
  paramsType: [DataType.WString, DataType.U32, DataType.U32, DataType.External, DataType.U32, DataType.U32, DataType.External],
  paramsValue: ['C:\\Windows\\win.ini', 0xC0000000, 0, null, 3, 0, null],
});`,
            '0xC0000000',
            '0x80000000',
          ),
        ],
      },
    ),
    invalidFixed(
      r`const ffiRs = require('ffi-rs');
const params = ['C:\\Windows\\win.ini', GENERIC_WRITE, 0, null, 3, 0, null];
ffiRs.load({ library: 'kernel32', funcName: 'CreateFileW', retType: 0, paramsType: [], paramsValue: params });`,
      r`'C:\\Windows\\win.ini'`,
      opensWinIni('GENERIC_WRITE (0x40000000)'),
      'GENERIC_WRITE',
      '0x80000000',
    ),
    invalid(
      r`import { define, DataType } from 'ffi-rs';
const k32 = define({ MoveFileExW: { library: 'kernel32', retType: DataType.Boolean, paramsType: [DataType.WString, DataType.WString, DataType.U32] } });
k32.MoveFileExW(['new.dll', 'C:\\Program Files\\Acme\\acme.dll', MOVEFILE_REPLACE_EXISTING]);`,
      r`'C:\\Program Files\\Acme\\acme.dll'`,
      message('MoveFileExW', 'replaces', r`C:\Program Files\Acme\acme.dll`),
    ),

    // ── Binding shapes: Deno, Bun, node:ffi ─────────────────────────────
    invalidFixed(
      r`const k32 = Deno.dlopen('kernel32.dll', { CreateFileW: { parameters: ['buffer', 'u32', 'u32', 'pointer', 'u32', 'u32', 'pointer'], result: 'pointer' } });
k32.symbols.CreateFileW(new TextEncoder().encode('x'), 0x40000000, 0, null, 3, 0, null);
k32.symbols.CreateFileW(Buffer.from('C:\\Windows\\win.ini\0', 'utf16le'), 0x40000000, 0, null, 3, 0, null);`,
      r`Buffer.from('C:\\Windows\\win.ini\0', 'utf16le')`,
      opensWinIni('GENERIC_WRITE (0x40000000)'),
      ['0x40000000', 2],
      '0x80000000',
    ),
    // A UTF-16 encoder written by hand (what Deno code needs): the path is the string it encodes, through
    // Deno.UnsafePointer.of too, and a wrapper taking the path is reported where it is given.
    invalidFixed(
      r`const k32 = Deno.dlopen('kernel32.dll', { CreateFileW: { parameters: ['buffer', 'u32', 'u32', 'pointer', 'u32', 'u32', 'pointer'], result: 'pointer' } });
function wide(s) { const buf = new Uint16Array(s.length + 1); for (let i = 0; i < s.length; i++) buf[i] = s.charCodeAt(i); return new Uint8Array(buf.buffer); }
k32.symbols.CreateFileW(Deno.UnsafePointer.of(wide('C:\\Windows\\win.ini')), 0x40000000, 0, null, 3, 0, null);`,
      r`Deno.UnsafePointer.of(wide('C:\\Windows\\win.ini'))`,
      opensWinIni('GENERIC_WRITE (0x40000000)'),
      '0x40000000',
      '0x80000000',
    ),
    // A UTF-8 encoder that folds a surrogate pair into one code point still keeps each character.
    invalidFixed(
      r`const k32 = Deno.dlopen('kernel32.dll', { CreateFileA: { parameters: ['buffer', 'u32', 'u32', 'pointer', 'u32', 'u32', 'pointer'], result: 'pointer' } });
function utf8(s) { const out = []; for (let i = 0; i < s.length; i++) { let c = s.charCodeAt(i); if (c >= 0xd800 && c < 0xdc00) c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00); if (c < 0x80) out.push(c); else out.push(0xc0 | (c >> 6), 0x80 | (c & 63)); } out.push(0); return new Uint8Array(out); }
k32.symbols.CreateFileA(utf8('C:\\Windows\\win.ini'), 0x40000000, 0, null, 3, 0, null);`,
      r`utf8('C:\\Windows\\win.ini')`,
      opensWinIni('GENERIC_WRITE (0x40000000)').replace('CreateFileW', 'CreateFileA'),
      '0x40000000',
      '0x80000000',
    ),
    invalid(
      r`const k32 = Deno.dlopen('kernel32.dll', { CreateFileW: { parameters: ['buffer', 'u32', 'u32', 'pointer', 'u32', 'u32', 'pointer'], result: 'pointer' } });
const toWide = (s) => new Uint16Array([...s].map((c) => c.charCodeAt(0)).concat(0));
function create(target, access = 0x40000000) { return k32.symbols.CreateFileW(toWide(target), access, 0, null, 2, 0, null); }
create('C:\\Windows\\win.ini');`,
      r`'C:\\Windows\\win.ini'`,
      /^create\(\) passes "C:\\Windows\\win\.ini" to CreateFileW \(line 3\)/u,
    ),
    invalidFixed(
      r`const { symbols } = Deno.dlopen('kernel32', { CreateFileW: { parameters: [], result: 'pointer' } });
symbols.CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
      r`'C:\\Windows\\win.ini'`,
      opensWinIni('GENERIC_WRITE (0x40000000)'),
      '0x40000000',
      '0x80000000',
    ),
    invalidFixed(
      "import { dlopen, FFIType, suffix } from 'bun:ffi';\n" +
        'const lib = dlopen(`kernel32.${suffix}`, { CreateFileW: { args: [FFIType.ptr, FFIType.u32], returns: FFIType.ptr } });\n' +
        r`lib.symbols.CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
      r`'C:\\Windows\\win.ini'`,
      opensWinIni('GENERIC_WRITE (0x40000000)'),
      '0x40000000',
      '0x80000000',
    ),
    invalidFixed(
      r`import { dlopen } from 'node:ffi';
const { functions } = dlopen('kernel32.dll', { CreateFileW: { arguments: [], return: 'pointer' } });
functions.CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
      r`'C:\\Windows\\win.ini'`,
      opensWinIni('GENERIC_WRITE (0x40000000)'),
      '0x40000000',
      '0x80000000',
    ),

    // ── APIs ────────────────────────────────────────────────────────────
    invalidFixed(
      r`import koffi from 'koffi';
const CreateFileA = koffi.load('kernel32.dll').func('CreateFileA', 'void *', ['str', 'uint32', 'uint32', 'void *', 'uint32', 'uint32', 'void *']);
CreateFileA('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
      r`'C:\\Windows\\win.ini'`,
      message('CreateFileA', 'opens', WIN_INI),
      '0x40000000',
      '0x80000000',
    ),
    invalid(
      r`import koffi from 'koffi';
const CreateFile2 = koffi.load('kernel32.dll').func('CreateFile2', 'void *', ['str16', 'uint32', 'uint32', 'uint32', 'void *']);
CreateFile2('C:\\Windows\\win.ini', 0x80000000, 0, 2, null);`,
      r`'C:\\Windows\\win.ini'`,
      r`CreateFile2 overwrites "C:\Windows\win.ini" with GENERIC_READ (0x80000000) and CREATE_ALWAYS: ${REPLACES} Write to an app-data folder instead. [wimboot-path: C:\Windows\win.ini]`,
    ),
    invalid(
      r`import koffi from 'koffi';
const CreateFileTransactedW = koffi.load('kernel32.dll').func('CreateFileTransactedW', 'void *', []);
CreateFileTransactedW('C:\\Windows\\win.ini', 0x80000000, 0, null, TRUNCATE_EXISTING, 0, null, tx, null, null);`,
      r`'C:\\Windows\\win.ini'`,
      message('CreateFileTransactedW', 'overwrites', WIN_INI),
    ),
    invalid(
      r`import koffi from 'koffi';
const OpenFile = koffi.load('kernel32.dll').func('OpenFile', 'int', ['str', 'void *', 'uint']);
OpenFile('C:\\Windows\\win.ini', ofs, 0x1000);`,
      r`'C:\\Windows\\win.ini'`,
      r`OpenFile overwrites "C:\Windows\win.ini" with OF_CREATE (0x00001000): ${REPLACES} Write to an app-data folder instead. [wimboot-path: C:\Windows\win.ini]`,
    ),
    invalid(
      r`import koffi from 'koffi';
const NtCreateFile = koffi.load('ntdll.dll').func('NtCreateFile', 'int32', []);
const wide = (s) => Buffer.from(s + '\0', 'ucs2');
NtCreateFile(out, FILE_GENERIC_WRITE, { Length: 48, ObjectName: { Length: 40, MaximumLength: 42, Buffer: wide('\\??\\C:\\Windows\\win.ini') } }, iosb, null, 0, 0, FILE_OPEN, 0, null, 0);`,
      r`{ Length: 48, ObjectName: { Length: 40, MaximumLength: 42, Buffer: wide('\\??\\C:\\Windows\\win.ini') } }`,
      r`NtCreateFile opens "C:\Windows\win.ini" with FILE_GENERIC_WRITE (0x00120116): ${DECOMPRESSES} Request GENERIC_READ only if you only read it. [wimboot-path: C:\Windows\win.ini]`,
    ),
    invalid(
      r`import koffi from 'koffi';
const ntdll = koffi.load('ntdll.dll');
const NtCreateFile = ntdll.func('NtCreateFile', 'int32', []);
function objectAttributes(name) { return { Length: 48, RootDirectory: null, ObjectName: name, Attributes: 0x40 }; }
NtCreateFile(out, GENERIC_READ, objectAttributes('\\??\\C:\\Windows\\win.ini'), iosb, null, 0, 0, FILE_OVERWRITE_IF, 0, null, 0);`,
      r`objectAttributes('\\??\\C:\\Windows\\win.ini')`,
      r`NtCreateFile overwrites "C:\Windows\win.ini" with GENERIC_READ (0x80000000) and FILE_OVERWRITE_IF: ${REPLACES} Write to an app-data folder instead. [wimboot-path: C:\Windows\win.ini]`,
    ),
    invalid(
      r`import koffi from 'koffi';
const NtOpenFile = koffi.load('ntdll').func('NtOpenFile', 'int32', []);
const attributes = { ObjectName: '\\??\\C:\\Windows\\win.ini' };
NtOpenFile(out, FILE_WRITE_DATA | SYNCHRONIZE, attributes, iosb, 7, 0x20);`,
      ['attributes', 2],
      message('NtOpenFile', 'opens', WIN_INI),
    ),
    invalid(
      r`import koffi from 'koffi';
const CopyFileExW = koffi.load('kernel32.dll').func('CopyFileExW', 'bool', []);
CopyFileExW('a.ini', 'C:\\Windows\\win.ini', null, null, null, 0);`,
      r`'C:\\Windows\\win.ini'`,
      message('CopyFileExW', 'replaces', WIN_INI),
    ),
    invalid(
      r`import koffi from 'koffi';
const CopyFile2 = koffi.load('kernel32.dll').func('CopyFile2', 'int32', []);
CopyFile2('a.ini', 'C:\\Windows\\win.ini', null);`,
      r`'C:\\Windows\\win.ini'`,
      message('CopyFile2', 'replaces', WIN_INI),
    ),
    invalid(
      r`import koffi from 'koffi';
const CopyFileW = koffi.load('kernel32.dll').func('CopyFileW', 'bool', []);
CopyFileW('a.ini', 'C:\\Windows\\win.ini', failIfExists);`,
      r`'C:\\Windows\\win.ini'`,
      r`CopyFileW may replace "C:\Windows\win.ini" (destination) (depending on its flags): on WIMBoot/CompactOS devices this stores it uncompressed on C:. Copy or move into an app-data folder instead. [wimboot-path: C:\Windows\win.ini]`,
    ),
    invalid(
      r`import koffi from 'koffi';
const MoveFileExW = koffi.load('kernel32.dll').func('MoveFileExW', 'bool', []);
MoveFileExW('a.ini', 'C:\\Windows\\win.ini', MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);`,
      r`'C:\\Windows\\win.ini'`,
      message('MoveFileExW', 'replaces', WIN_INI),
    ),
    invalid(
      r`import koffi from 'koffi';
const ReplaceFileW = koffi.load('kernel32.dll').func('ReplaceFileW', 'bool', []);
ReplaceFileW('C:\\Windows\\win.ini', 'new.ini', null, 0, null, null);`,
      r`'C:\\Windows\\win.ini'`,
      message('ReplaceFileW', 'replaces', WIN_INI),
    ),
    invalid(
      r`import koffi from 'koffi';
const fopen = koffi.load('msvcrt.dll').func('void *fopen(const char *path, const char *mode)');
fopen('C:\\Windows\\win.ini', 'wb');`,
      r`'C:\\Windows\\win.ini'`,
      r`fopen overwrites "C:\Windows\win.ini" ('wb'): ${REPLACES} Write to an app-data folder instead. [wimboot-path: C:\Windows\win.ini]`,
    ),
    invalid(
      r`import koffi from 'koffi';
const fopen = koffi.load('api-ms-win-crt-stdio-l1-1-0.dll').func('void *fopen(const char *path, const char *mode)');
fopen('C:\\Program Files\\Acme\\app.log', 'a+');`,
      r`'C:\\Program Files\\Acme\\app.log'`,
      message('fopen', 'appends to', r`C:\Program Files\Acme\app.log`),
    ),
    invalid(
      r`import koffi from 'koffi';
const _wfopen = koffi.load('ucrtbase').func('void *_wfopen(const char16_t *path, const char16_t *mode)');
_wfopen('C:\\Windows\\win.ini', 'r+b');`,
      r`'C:\\Windows\\win.ini'`,
      message('_wfopen', 'opens', WIN_INI),
      {
        suggestions: [
          readOnly(
            r`import koffi from 'koffi';
const _wfopen = koffi.load('ucrtbase').func('void *_wfopen(const char16_t *path, const char16_t *mode)');
_wfopen('C:\\Windows\\win.ini', 'r+b');`,
            `'r+b'`,
            `'rb'`,
          ),
        ],
      },
    ),
    invalid(
      r`import koffi from 'koffi';
const _wopen = koffi.load('msvcrt.dll').func('int _wopen(const char16_t *path, int oflag)');
_wopen('C:\\Windows\\win.ini', _O_WRONLY | _O_TRUNC | _O_CREAT);`,
      r`'C:\\Windows\\win.ini'`,
      r`_wopen overwrites "C:\Windows\win.ini" with _O_WRONLY | _O_CREAT | _O_TRUNC (0x00000301): ${REPLACES} Write to an app-data folder instead. [wimboot-path: C:\Windows\win.ini]`,
    ),
    invalid(
      r`import koffi from 'koffi';
const _wopen = koffi.load('msvcrt.dll').func('int _wopen(const char16_t *path, int oflag)');
_wopen('C:\\Windows\\win.ini', 0x8002);`,
      r`'C:\\Windows\\win.ini'`,
      r`_wopen opens "C:\Windows\win.ini" with _O_RDWR | _O_BINARY (0x00008002): ${DECOMPRESSES} Open it with _O_RDONLY if you only read it. [wimboot-path: C:\Windows\win.ini]`,
    ),
    invalid(
      r`import koffi from 'koffi';
const _wcreat = koffi.load('ucrtbase.dll').func('int _wcreat(const char16_t *path, int mode)');
_wcreat('C:\\Windows\\win.ini', 0x80);`,
      r`'C:\\Windows\\win.ini'`,
      message('_wcreat', 'overwrites', WIN_INI),
    ),

    // ── Access-mask forms ───────────────────────────────────────────────
    ...(
      [
        ['0x40000000', 'GENERIC_WRITE (0x40000000)'],
        ['1073741824', 'GENERIC_WRITE (0x40000000)'],
        ['0x40000000n', 'GENERIC_WRITE (0x40000000)'],
        ['0xc0000000', 'GENERIC_READ | GENERIC_WRITE (0xC0000000)'],
        ['3221225472', 'GENERIC_READ | GENERIC_WRITE (0xC0000000)'],
        // JS int32: the OR of two named constants is negative.
        ['-1073741824', 'GENERIC_READ | GENERIC_WRITE (0xC0000000)'],
        ['(GENERIC_READ | GENERIC_WRITE) >>> 0', 'GENERIC_READ | GENERIC_WRITE (0xC0000000)'],
        ['GENERIC_READ + GENERIC_WRITE', 'GENERIC_READ | GENERIC_WRITE (0xC0000000)'],
        [
          '~GENERIC_READ & 0x7FFF0000',
          'GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL | MAXIMUM_ALLOWED | ACCESS_SYSTEM_SECURITY | STANDARD_RIGHTS_ALL | 0x0CE00000 (0x7FFF0000)',
        ],
        ['0xC0000000 ^ GENERIC_READ', 'GENERIC_WRITE (0x40000000)'],
        ['1 << 30', 'GENERIC_WRITE (0x40000000)'],
        ['FILE_WRITE_DATA', 'FILE_WRITE_DATA (0x00000002)'],
        ['FILE_APPEND_DATA | SYNCHRONIZE', 'SYNCHRONIZE | FILE_APPEND_DATA (0x00100004)'],
        ['FILE_GENERIC_READ | FILE_GENERIC_WRITE', 'FILE_GENERIC_READ | FILE_GENERIC_WRITE (0x0012019F)'],
        ['FILE_ALL_ACCESS', 'FILE_ALL_ACCESS (0x001F01FF)'],
        ['GENERIC_ALL', 'GENERIC_ALL (0x10000000)'],
        ['MAXIMUM_ALLOWED', 'MAXIMUM_ALLOWED (0x02000000)'],
        // Known when other bits are not.
        ['GENERIC_WRITE | extraAccess', 'GENERIC_WRITE | … (at least 0x40000000)'],
      ] as const
    ).map(([access, shown]) => {
      const code = koffiOpen(r`'C:\\Windows\\win.ini'`, access, 'WriteFile(h, b, 1, null, null);');
      return invalid(code, r`'C:\\Windows\\win.ini'`, opensWinIni(shown));
    }),
    // Named constants: imported from a module out of reach, a namespace, an object, PascalCase enums.
    ...[
      r`import { GENERIC_WRITE as GW } from './win32-constants.js';`,
      r`import * as win from 'win32-constants'; const GW = win.GENERIC_WRITE;`,
      r`const GENERIC = { READ: 0x80000000, WRITE: 0x40000000 }; const GW = GENERIC.WRITE;`,
      r`import { GENERIC } from './constants.js'; const GW = GENERIC.WRITE;`,
      r`import { FileAccess } from './enums.js'; const GW = FileAccess.GenericWrite;`,
      r`const { GENERIC_WRITE: GW } = require('./win32-constants.cjs');`,
    ].map((header) => {
      const code = `${header}\n${koffiOpen(r`'C:\\Windows\\win.ini'`, 'GW', 'WriteFile(h, b, 1, null, null);')}`;
      return invalid(code, r`'C:\\Windows\\win.ini'`, opensWinIni('GENERIC_WRITE (0x40000000)'));
    }),
    // Through a local variable holding the mask.
    invalid(
      koffiOpen(r`'C:\\Windows\\win.ini'`, 'access', 'CloseHandle(h);').replace(
        'const h =',
        'const access = GENERIC_READ | GENERIC_WRITE;\nconst h =',
      ),
      r`'C:\\Windows\\win.ini'`,
      opensWinIni('GENERIC_READ | GENERIC_WRITE (0xC0000000)'),
    ),
    // Metadata-only access with the option: named and numeric.
    invalid(
      koffiOpen(r`'C:\\Windows\\win.ini'`, '0x10000'),
      r`'C:\\Windows\\win.ini'`,
      r`CreateFileW opens "C:\Windows\win.ini" with DELETE (0x00010000): on WIMBoot/CompactOS devices this may decompress the system file (metadata-only writes are not confirmed to). Leave system file metadata alone. [wimboot-path: C:\Windows\win.ini]`,
      { options: [{ checkMetadataAccess: true }] },
    ),
    invalid(
      koffiOpen(r`'C:\\Windows\\win.ini'`, 'WRITE_DAC | WRITE_OWNER'),
      r`'C:\\Windows\\win.ini'`,
      message('CreateFileW', 'opens', WIN_INI),
      { options: [{ checkMetadataAccess: true }] },
    ),

    // ── Path forms ──────────────────────────────────────────────────────
    ...(
      [
        [r`'c:/windows/win.ini'`, r`C:\windows\win.ini`],
        [r`'\\\\?\\C:\\Windows\\win.ini'`, WIN_INI],
        [r`'\\\\.\\C:\\Windows\\win.ini'`, WIN_INI],
        [r`'\\??\\C:\\Windows\\win.ini'`, WIN_INI],
        [r`'C:\\Users\\..\\Windows\\win.ini'`, WIN_INI],
        [r`'\\\\localhost\\c$\\Windows\\win.ini'`, WIN_INI],
        [r`'C:\\PROGRA~1\\Acme\\state.bin'`, r`C:\Program Files\Acme\state.bin`],
        [r`String.raw` + '`C:\\Windows\\win.ini`', WIN_INI],
        ['`${process.env.SystemRoot}\\\\win.ini`', WIN_INI],
        [r`path.join(process.env.ProgramFiles, 'Acme', 'state.bin')`, r`C:\Program Files\Acme\state.bin`],
        [r`path.toNamespacedPath('C:\\Windows\\win.ini')`, WIN_INI],
        [r`Buffer.from('C:\\Windows\\win.ini' + '\0', 'ucs2')`, WIN_INI],
        [r`wide('C:\\Windows\\win.ini')`, WIN_INI],
        [r`toLongPath(process.env.windir + '\\win.ini')`, WIN_INI],
        [r`'C:\\Windows\\' + name`, r`C:\Windows\*`],
      ] as const
    ).map(([path, pattern]) => {
      const helpers = r`import path from 'node:path';
const wide = (s) => Buffer.from(s + '\0', 'ucs2');
function toLongPath(p) { return '\\\\?\\' + p; }
`;
      const code = `${helpers}${koffiOpen(path, '0x40000000', 'WriteFile(h, b, 1, null, null);')}`;
      return invalid(code, path, message('CreateFileW', 'opens', pattern));
    }),

    // ── Suggestions: the write bits go, the rest of the spelling stays ──
    ...(
      [
        ['0xC0000000', '0x80000000', 'CloseHandle(h);'],
        ['0xc0000000', '0x80000000', 'CloseHandle(h);'],
        ['3221225472', '2147483648', 'CloseHandle(h);'],
        ['0xC0000000n', '0x80000000n', 'CloseHandle(h);'],
        ['(GENERIC_READ | GENERIC_WRITE) >>> 0', 'GENERIC_READ >>> 0', 'CloseHandle(h);'],
        ['GENERIC_WRITE', 'GENERIC_READ', 'CloseHandle(h);'],
        [
          'GENERIC_READ | GENERIC_WRITE | SYNCHRONIZE',
          'GENERIC_READ | SYNCHRONIZE',
          'ReadFile(h, buf, 4096, read, null);\nCloseHandle(h);',
        ],
        ['FILE_GENERIC_WRITE | GENERIC_READ', 'GENERIC_READ', 'if (h === INVALID_HANDLE_VALUE) throw new Error();'],
        ['FILE_WRITE_DATA', 'GENERIC_READ', 'if (!h) throw new Error();'],
        // A read-only control code.
        [
          'GENERIC_READ | GENERIC_WRITE',
          'GENERIC_READ',
          'DeviceIoControl(h, 0x90073, inBuf, 8, outBuf, 4096, returned, null);',
        ],
        // Read by a local helper.
        [
          'GENERIC_READ | GENERIC_WRITE',
          'GENERIC_READ',
          'function readAll(handle) { ReadFile(handle, buf, 4096, read, null); }\nreadAll(h);',
        ],
        // Never used at all.
        ['GENERIC_READ | GENERIC_WRITE', 'GENERIC_READ', ''],
      ] as const
    ).map(([access, fixed, after]) => {
      const code = koffiOpen(r`'C:\\Windows\\win.ini'`, access, after);
      return invalid(code, r`'C:\\Windows\\win.ini'`, message('CreateFileW', 'opens', WIN_INI), {
        suggestions: [readOnly(code, `${access}, 0, null`, `${fixed}, 0, null`, fixed)],
      });
    }),
    // The object-member spelling is mirrored.
    (() => {
      const code = `const GENERIC = { READ: 0x80000000, WRITE: 0x40000000 };\n${koffiOpen(r`'C:\\Windows\\win.ini'`, 'GENERIC.READ | GENERIC.WRITE')}`;
      return invalid(code, r`'C:\\Windows\\win.ini'`, message('CreateFileW', 'opens', WIN_INI), {
        suggestions: [readOnly(code, 'GENERIC.READ | GENERIC.WRITE', 'GENERIC.READ')],
      });
    })(),
    (() => {
      const code = `const C = { GENERIC_READ: 0x80000000, GENERIC_WRITE: 0x40000000 };\n${koffiOpen(r`'C:\\Windows\\win.ini'`, 'C.GENERIC_WRITE')}`;
      return invalid(code, r`'C:\\Windows\\win.ini'`, message('CreateFileW', 'opens', WIN_INI), {
        suggestions: [readOnly(code, 'C.GENERIC_WRITE, 0', 'C.GENERIC_READ, 0', 'C.GENERIC_READ')],
      });
    })(),

    // ── No suggestion when the handle is written, escapes or the fix is not a plain drop ──
    ...[
      'WriteFile(h, buf, 1, null, null);',
      'SetEndOfFile(h);',
      // Unknown and mutating control codes count as writes.
      'DeviceIoControl(h, code, null, 0, null, 0, returned, null);',
      'DeviceIoControl(h, 0x900C4, null, 0, null, 0, returned, null);',
      'export { h };',
      'module.exports.handle = h;',
      'handles.push(h);',
      'this.handle = h;',
      'return h;',
      'useHandle(h);',
      'const alias = h;\nWriteFile(alias, buf, 1, null, null);',
      'function writeAll(handle) { WriteFile(handle, buf, 1, null, null); }\nwriteAll(h);',
    ].map((after) => {
      const code =
        after === 'return h;'
          ? `${KOFFI}function open() {\n  const h = CreateFileW('C:\\\\Windows\\\\win.ini', GENERIC_READ | GENERIC_WRITE, 0, null, OPEN_EXISTING, 0, null);\n  return h;\n}`
          : koffiOpen(r`'C:\\Windows\\win.ini'`, 'GENERIC_READ | GENERIC_WRITE', after);
      return invalid(code, r`'C:\\Windows\\win.ini'`, message('CreateFileW', 'opens', WIN_INI));
    }),
    invalid(
      koffiOpen(r`'C:\\Windows\\win.ini'`, 'GENERIC_ALL'),
      r`'C:\\Windows\\win.ini'`,
      message('CreateFileW', 'opens', WIN_INI),
    ),
    invalid(
      koffiOpen(r`'C:\\Windows\\win.ini'`, 'FILE_ALL_ACCESS'),
      r`'C:\\Windows\\win.ini'`,
      message('CreateFileW', 'opens', WIN_INI),
    ),
    invalid(
      koffiOpen(r`'C:\\Windows\\win.ini'`, 'GENERIC_READ | GENERIC_WRITE', 'CloseHandle(h);', 'TRUNCATE_EXISTING'),
      r`'C:\\Windows\\win.ini'`,
      message('CreateFileW', 'overwrites', WIN_INI),
    ),
    // Fopen streams written through fputs.
    invalid(
      r`import koffi from 'koffi';
const crt = koffi.load('ucrtbase.dll');
const _wfopen = crt.func('void *_wfopen(const char16_t *path, const char16_t *mode)');
const fputs = crt.func('int fputs(const char *s, void *f)');
const f = _wfopen('C:\\Windows\\win.ini', 'r+');
fputs('x', f);`,
      r`'C:\\Windows\\win.ini'`,
      message('_wfopen', 'opens', WIN_INI),
    ),
  ],
});

tsRuleTester.run('no-win32-write-access (TypeScript)', rule as never, {
  valid: [
    r`import koffi from 'koffi';
const CreateFileW = koffi.load('kernel32.dll').func('CreateFileW', 'void *', []) as (p: string, a: number, s: number, sa: null, d: number, f: number, t: null) => bigint;
CreateFileW('C:\\Windows\\win.ini', 0x80000000 as const, 0, null, 3, 0, null);`,
  ],
  invalid: [
    (() => {
      const code = r`import koffi from 'koffi';
enum Access { Read = 0x80000000, Write = 0x40000000 }
const kernel32 = koffi.load('kernel32.dll');
const CreateFileW = kernel32.func('__stdcall', 'CreateFileW', 'void *', ['str16', 'uint32', 'uint32', 'void *', 'uint32', 'uint32', 'void *']) as (...args: unknown[]) => bigint;
const GENERIC_READ: number = 0x80000000;
const GENERIC_WRITE: number = 0x40000000;
const handle: bigint = CreateFileW('C:\\Windows\\win.ini' as string, (GENERIC_READ | GENERIC_WRITE) >>> 0, 0, null, 3, 0, null);
CreateFileW('C:\\Windows\\system.ini', Access.Write, 0, null, 3, 0, null)!;`;
      return {
        code,
        errors: [
          {
            ...errorAt(
              code,
              r`'C:\\Windows\\win.ini' as string`,
              opensWinIni('GENERIC_READ | GENERIC_WRITE (0xC0000000)'),
            ),
            suggestions: [readOnly(code, '(GENERIC_READ | GENERIC_WRITE) >>> 0', 'GENERIC_READ >>> 0')],
          },
          {
            ...errorAt(code, r`'C:\\Windows\\system.ini'`, message('CreateFileW', 'opens', r`C:\Windows\system.ini`)),
            suggestions: [readOnly(code, 'Access.Write', 'Access.Read')],
          },
        ],
      };
    })(),
  ],
});
