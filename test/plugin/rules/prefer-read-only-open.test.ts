import rule from '../../../plugin/rules/prefer-read-only-open.js';
import { createJsRuleTester } from '../../setup/rule-tester.js';
import { errorAt } from './helpers.js';

const r = String.raw;
const ruleTester = createJsRuleTester();

/** A koffi kernel32 binding, then `body`. */
function koffi(body: string): string {
  return (
    r`import koffi from 'koffi';
const k32 = koffi.load('kernel32.dll');
const CreateFileW = k32.func('CreateFileW', 'intptr_t', ['str16', 'uint32_t', 'uint32_t', 'void *', 'uint32_t', 'uint32_t', 'void *']);
const ReadFile = k32.func('ReadFile', 'int', ['intptr_t', 'void *', 'uint32_t', '_Out_ uint32_t *', 'void *']);
const WriteFile = k32.func('WriteFile', 'int', ['intptr_t', 'void *', 'uint32_t', '_Out_ uint32_t *', 'void *']);
const GetFileSizeEx = k32.func('GetFileSizeEx', 'int', ['intptr_t', '_Out_ int64_t *']);
const DeviceIoControl = k32.func('DeviceIoControl', 'int', ['intptr_t', 'uint32_t', 'void *', 'uint32_t', 'void *', 'uint32_t', '_Out_ uint32_t *', 'void *']);
const CloseHandle = k32.func('CloseHandle', 'int', ['intptr_t']);
` + body
  );
}

/** One finding on `snippet` (the flags) with a fix from `snippet` to `replacement`. */
function fixed(
  code: string,
  snippet: string,
  replacement: string,
  expected: RegExp | string,
  extra: Record<string, unknown> = {},
) {
  return {
    code,
    output: code.replace(snippet, replacement),
    errors: [errorAt(code, snippet, expected)],
    ...extra,
  };
}

/** One finding on `snippet` with no fix and one suggestion replacing it. */
function suggested(code: string, snippet: string, replacement: string, expected: RegExp | string, suggestion: string) {
  return {
    code,
    output: null,
    errors: [
      {
        ...errorAt(code, snippet, expected),
        suggestions: [
          {
            messageId: 'suggestReadOnly' as const,
            data: { readOnly: suggestion },
            output: code.replace(snippet, replacement),
          },
        ],
      },
    ],
  };
}

ruleTester.run('prefer-read-only-open', rule as never, {
  valid: [
    // Already read-only.
    r`import fs from 'fs'; const fd = fs.openSync('a.bin', 'r'); fs.readSync(fd, buf);`,
    r`import fs from 'fs'; fs.readFileSync('a.bin', { flag: 'r' });`,
    // Flags bound outside the call serve every call of the bound function: no rewrite at one of them.
    r`import fs from 'fs'; const openIni = fs.openSync.bind(fs, 'C:\\Windows\\win.ini', 'r+'); const fd = openIni(); fs.readSync(fd, buf);`,
    // Written through the handle.
    r`import fs from 'fs'; const fd = fs.openSync('a.bin', 'r+'); fs.readSync(fd, buf); fs.writeSync(fd, 'x');`,
    r`import fs from 'fs'; const fd = fs.openSync('a.bin', 'r+'); fs.ftruncateSync(fd, 0);`,
    r`import fs from 'fs'; const fd = fs.openSync('a.bin', 'r+'); fs.readSync(fd, buf); fs.createWriteStream(null, { fd });`,
    r`import fs from 'fs'; const fh = await fs.promises.open('a.bin', 'r+'); await fh.read(buf); await fh.write('x');`,
    r`import fs from 'fs'; fs.open('a.bin', 'r+', (err, fd) => { fs.read(fd, buf, 0, 1, 0, () => {}); fs.write(fd, 'x', () => {}); });`,
    // The handle escapes the analysis.
    r`import fs from 'fs'; export function open() { const fd = fs.openSync('a.bin', 'r+'); fs.readSync(fd, buf); return fd; }`,
    r`import fs from 'fs'; class File { open() { const fd = fs.openSync('a.bin', 'r+'); fs.readSync(fd, buf); this.fd = fd; } }`,
    r`import fs from 'fs'; const fd = fs.openSync('a.bin', 'r+'); fs.readSync(fd, buf); consume(fd);`,
    r`import fs from 'fs'; export const fd = fs.openSync('a.bin', 'r+'); fs.readSync(fd, buf);`,
    r`import fs from 'fs'; const fh = await fs.promises.open('a.bin', 'r+'); await fh.read(buf); register(fh);`,
    r`import fs from 'fs'; const handles = [fs.openSync('a.bin', 'r+')];`,
    // Never read: nothing proves the write access is unused for a purpose.
    r`import fs from 'fs'; fs.openSync('a.bin', 'r+');`,
    r`import fs from 'fs'; const fd = fs.openSync('a.bin', 'r+'); fs.closeSync(fd);`,
    // Flags the rule cannot rewrite.
    r`import fs from 'fs'; const fd = fs.openSync('a.bin', FLAGS); fs.readSync(fd, buf);`,
    r`import fs from 'fs'; const fd = fs.openSync('a.bin', 6); fs.readSync(fd, buf);`,
    // paths: 'system' only looks at system files.
    {
      code: r`import fs from 'fs'; const fd = fs.openSync('C:\\Users\\me\\a.bin', 'r+'); fs.readSync(fd, buf);`,
      options: [{ paths: 'system' }],
    },
    {
      code: r`import fs from 'fs'; const fd = fs.openSync(file, 'r+'); fs.readSync(fd, buf);`,
      options: [{ paths: 'system' }],
    },
    // Win32: the handle is written, escapes, or its use cannot be read.
    koffi(
      r`const h = CreateFileW('C:\\Windows\\win.ini', 0xC0000000, 1, null, 3, 0, null); ReadFile(h, buf, 16, n, null); WriteFile(h, buf, 16, n, null); CloseHandle(h);`,
    ),
    koffi(
      r`const h = CreateFileW('C:\\Windows\\win.ini', 0xC0000000, 1, null, 3, 0, null); ReadFile(h, buf, 16, n, null); DeviceIoControl(h, code, null, 0, out, 64, n, null);`,
    ),
    koffi(
      r`const h = CreateFileW('C:\\Windows\\win.ini', 0xC0000000, 1, null, 3, 0, null); ReadFile(h, buf, 16, n, null); handles.push(h);`,
    ),
    koffi(
      r`export function open() { const h = CreateFileW('C:\\Windows\\win.ini', 0xC0000000, 1, null, 3, 0, null); ReadFile(h, buf, 16, n, null); return h; }`,
    ),
    koffi(
      r`const h = CreateFileW('C:\\Windows\\win.ini', 0x80000000, 1, null, 3, 0, null); ReadFile(h, buf, 16, n, null);`,
    ),
    koffi(
      r`const h = CreateFileW('C:\\Windows\\win.ini', access, 1, null, 3, 0, null); ReadFile(h, buf, 16, n, null);`,
    ),
  ],
  invalid: [
    // Least privilege holds on every platform: an open that runs only off Windows is still reported.
    fixed(
      r`import fs from 'fs'; if (process.platform === 'linux') { const fd = fs.openSync('data.bin', 'r+'); fs.readSync(fd, buf); }`,
      `'r+'`,
      `'r'`,
      `fs.openSync opens "data.bin" with write access ('r+'), but the file descriptor is only read: open it read-only ('r'). [wimboot-path: data.bin]`,
    ),
    fixed(
      r`import fs from 'fs'; const fd = fs.openSync('C:\\Windows\\win.ini', 'r+'); fs.readSync(fd, buf, 0, 16, 0); fs.closeSync(fd);`,
      `'r+'`,
      `'r'`,
      r`fs.openSync opens "C:\Windows\win.ini" with write access ('r+'), but the file descriptor is only read: open it read-only ('r'). On WIMBoot/CompactOS devices write access decompresses it onto C:. [wimboot-path: C:\Windows\win.ini]`,
    ),
    fixed(
      r`import fs from 'fs'; const fd = fs.openSync('data.bin', "rs+"); fs.fstatSync(fd); fs.readSync(fd, buf);`,
      `"rs+"`,
      `"rs"`,
      `fs.openSync opens "data.bin" with write access ("rs+"), but the file descriptor is only read: open it read-only ("rs"). [wimboot-path: data.bin]`,
    ),
    fixed(
      r`import { openSync, readSync, closeSync } from 'node:fs'; const fd = openSync(input, 'r+'); readSync(fd, buf); closeSync(fd);`,
      `'r+'`,
      `'r'`,
      `fs.openSync opens its file with write access ('r+'), but the file descriptor is only read: open it read-only ('r'). [wimboot-path: *]`,
    ),
    fixed(
      r`import fs from 'fs'; const fh = await fs.promises.open('C:\\Program Files\\Acme\\a.dat', 'r+'); const data = await fh.readFile(); await fh.close();`,
      `'r+'`,
      `'r'`,
      /^fs\.promises\.open opens "C:\\Program Files\\Acme\\a\.dat" with write access \('r\+'\), but the FileHandle is only read: open it read-only \('r'\)\. On WIMBoot/u,
    ),
    fixed(
      r`import fs from 'fs'; fs.open('data.bin', 'r+', (err, fd) => { fs.read(fd, buf, 0, 1, 0, () => fs.close(fd, () => {})); });`,
      `'r+'`,
      `'r'`,
      /^fs\.open opens "data\.bin" with write access \('r\+'\), but the file descriptor is only read/u,
    ),
    (() => {
      const code = r`import fs from 'fs'; const fd = fs.openSync('data.bin', fs.constants.O_RDWR); const stream = fs.createReadStream(null, { fd });`;
      return {
        code,
        output: code.replace('O_RDWR', 'O_RDONLY'),
        errors: [
          errorAt(
            code,
            'fs.constants.O_RDWR',
            /open it read-only \(fs\.constants\.O_RDONLY\)\. \[wimboot-path: data\.bin\]$/u,
          ),
        ],
      };
    })(),
    {
      ...fixed(
        r`import fs from 'fs'; const { constants } = fs; const fd = fs.openSync('data.bin', constants.O_RDWR | constants.O_NOATIME); fs.readSync(fd, buf);`,
        'O_RDWR',
        'O_RDONLY',
        /open it read-only \(constants\.O_RDONLY \| constants\.O_NOATIME\)/u,
      ),
      errors: [
        errorAt(
          r`import fs from 'fs'; const { constants } = fs; const fd = fs.openSync('data.bin', constants.O_RDWR | constants.O_NOATIME); fs.readSync(fd, buf);`,
          'constants.O_RDWR | constants.O_NOATIME',
          /open it read-only \(constants\.O_RDONLY \| constants\.O_NOATIME\)/u,
        ),
      ],
    },
    (() => {
      const code = r`import fs from 'fs'; const fd = fs.openSync('data.bin', 2); fs.readSync(fd, buf);`;
      return {
        code,
        output: code.replace(', 2)', ', 0)'),
        errors: [
          errorAt(code, '2', /with write access \(2\), but the file descriptor is only read: open it read-only \(0\)/u),
        ],
      };
    })(),
    fixed(
      r`import fs from 'fs'; function readHeader(fd) { const b = Buffer.alloc(4); fs.readSync(fd, b, 0, 4, 0); return b; } const fd = fs.openSync('data.bin', 'r+'); readHeader(fd); fs.closeSync(fd);`,
      `'r+'`,
      `'r'`,
      /^fs\.openSync opens "data\.bin" with write access \('r\+'\), but the file descriptor is only read/u,
    ),
    fixed(
      r`import fs from 'fs'; const text = fs.readFileSync('C:\\Windows\\win.ini', { encoding: 'utf8', flag: 'r+' });`,
      `'r+'`,
      `'r'`,
      r`fs.readFileSync only reads "C:\Windows\win.ini" but asks for write access ('r+'): use 'r'. On WIMBoot/CompactOS devices write access decompresses it onto C:. [wimboot-path: C:\Windows\win.ini]`,
    ),
    {
      ...fixed(
        r`import fs from 'fs'; const fd = fs.openSync('C:\\Windows\\win.ini', 'r+'); fs.readSync(fd, buf);`,
        `'r+'`,
        `'r'`,
        /^fs\.openSync opens "C:\\Windows\\win\.ini"/u,
      ),
      options: [{ paths: 'system' }],
    },
    suggested(
      r`import fs from 'fs'; const fh = await fs.promises.open('cache.bin', 'w+'); const data = await fh.readFile(); await fh.close();`,
      `'w+'`,
      `'r'`,
      `fs.promises.open opens "cache.bin" with write access ('w+'), but the FileHandle is only read: open it read-only ('r'); 'w+' also creates and truncates the file, so the change is offered as a suggestion. [wimboot-path: cache.bin]`,
      `'r'`,
    ),
    suggested(
      r`import fs from 'fs'; const fd = fs.openSync('log.txt', 'a+'); fs.readSync(fd, buf);`,
      `'a+'`,
      `'r'`,
      /'a\+' also creates the file if it is missing, so the change is offered as a suggestion/u,
      `'r'`,
    ),
    suggested(
      r`import fs from 'fs'; const fd = fs.openSync('data.bin', fs.constants.O_RDWR | fs.constants.O_CREAT); fs.readSync(fd, buf);`,
      'fs.constants.O_RDWR | fs.constants.O_CREAT',
      'fs.constants.O_RDONLY',
      /also creates the file if it is missing, so the change is offered as a suggestion/u,
      'fs.constants.O_RDONLY',
    ),
    fixed(
      koffi(
        r`const h = CreateFileW('C:\\Windows\\win.ini', 0xC0000000, 1, null, 3, 0, null); GetFileSizeEx(h, size); ReadFile(h, buf, 16, n, null); CloseHandle(h);`,
      ),
      '0xC0000000',
      '0x80000000',
      r`CreateFileW opens "C:\Windows\win.ini" with write access (GENERIC_READ | GENERIC_WRITE (0xC0000000)), but the handle is only read: open it read-only (0x80000000). On WIMBoot/CompactOS devices write access decompresses it onto C:. [wimboot-path: C:\Windows\win.ini]`,
    ),
    fixed(
      r`const ffi = require('ffi-napi');
const GENERIC_READ = 0x80000000, GENERIC_WRITE = 0x40000000, OPEN_EXISTING = 3;
const k32 = ffi.Library('kernel32', { CreateFileW: ['pointer', ['pointer', 'uint32', 'uint32', 'pointer', 'uint32', 'uint32', 'pointer']], ReadFile: ['bool', ['pointer', 'pointer', 'uint32', 'pointer', 'pointer']], CloseHandle: ['bool', ['pointer']] });
const h = k32.CreateFileW(Buffer.from('C:\\Program Files\\Acme\\data.bin\0', 'ucs2'), GENERIC_READ | GENERIC_WRITE, 0, null, OPEN_EXISTING, 0, null);
k32.ReadFile(h, buf, 64, read, null);
k32.CloseHandle(h);`,
      'GENERIC_READ | GENERIC_WRITE',
      'GENERIC_READ',
      /^CreateFileW opens "C:\\Program Files\\Acme\\data\.bin" with write access \(GENERIC_READ \| GENERIC_WRITE \(0xC0000000\)\), but the handle is only read: open it read-only \(GENERIC_READ\)\./u,
      { languageOptions: { sourceType: 'commonjs' } },
    ),
    suggested(
      koffi(
        r`const h = CreateFileW('C:\\Windows\\acme.ini', 0xC0000000, 0, null, 2, 0, null); ReadFile(h, buf, 16, n, null);`,
      ),
      '0xC0000000',
      '0x80000000',
      /^CreateFileW opens "C:\\Windows\\acme\.ini" with write access \(GENERIC_READ \| GENERIC_WRITE \(0xC0000000\)\), but the handle is only read: open it read-only \(0x80000000\); GENERIC_READ \| GENERIC_WRITE \(0xC0000000\) also truncates the file through its disposition, so the change is offered as a suggestion\./u,
      '0x80000000',
    ),
    suggested(
      r`import fs from 'fs'; const stream = fs.createReadStream('data.bin', { flags: 'a+' });`,
      `'a+'`,
      `'r'`,
      /^fs\.createReadStream only reads "data\.bin" but asks for write access \('a\+'\): use 'r'\./u,
      `'r'`,
    ),
  ],
});
