import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Linter } from 'eslint';
import plugin from '../../../plugin/index.js';
import { parsePatternTrailer } from '../../../formats/finding-pattern.js';

/**
 * The wording, one row per common case: what the message says the write does
 * (an existing file decompressed in place, or a full copy left on C: for a
 * file that may be new), the advice that fits the file, and a length that
 * fits an editor's hover (about 200 characters) while the trailer stays
 * machine-readable.
 */

const linter = new Linter();

function messagesFor(code: string): string[] {
  return linter
    .verify(code, [
      {
        plugins: { wimboot: plugin },
        rules: { 'wimboot/no-system-file-write': 'error', 'wimboot/no-win32-write-access': 'error' },
        languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
      },
    ])
    .map((message) => message.message);
}

interface Row {
  readonly name: string;
  readonly code: string;
  readonly consequence: string;
  readonly advice: string;
  readonly not?: RegExp;
}

const FS = "import fs from 'node:fs';\n";
const HOSTS = String.raw`'C:\\Windows\\System32\\drivers\\etc\\hosts'`;

const ROWS: readonly Row[] = [
  {
    name: "an existing system file opened 'r+'",
    code: String.raw`${FS}fs.openSync('C:\\Windows\\win.ini', 'r+');`,
    consequence: 'this decompresses it onto C:',
    advice: "Open it read-only ('r') if you only read it.",
  },
  {
    name: 'a log that may be new, under Program Files: a full copy, not "decompresses"',
    code: String.raw`${FS}fs.appendFileSync('C:\\Program Files\\Acme\\app.log', 'x');`,
    consequence: 'this stores it uncompressed on C:',
    advice: 'Keep logs and data in an app-data folder instead.',
    not: /decompresses/u,
  },
  {
    name: 'a system file overwritten',
    code: String.raw`${FS}fs.writeFileSync('C:\\Windows\\win.ini', 'x');`,
    consequence: 'this stores it uncompressed on C:',
    advice: 'Write to an app-data folder instead.',
  },
  {
    name: 'the hosts file overwritten: advice a hosts editor can follow',
    code: `${FS}fs.writeFileSync(${HOSTS}, 'x');`,
    consequence: 'this stores it uncompressed on C:',
    advice: 'Write the hosts file only when the user asks.',
    not: /app-data/u,
  },
  {
    name: 'the hosts file appended to',
    code: `${FS}fs.appendFileSync(${HOSTS}, 'x');`,
    consequence: 'this stores it uncompressed on C:',
    advice: 'Write the hosts file only when the user asks.',
  },
  {
    name: "the hosts file opened 'r+': read-only advice, since it may only be read",
    code: `${FS}fs.openSync(${HOSTS}, 'r+');`,
    consequence: 'this decompresses it onto C:',
    advice: "Open it read-only ('r') if you only read it.",
  },
  {
    name: 'a copy onto a system file',
    code: String.raw`${FS}fs.copyFileSync('a', 'C:\\Windows\\win.ini');`,
    consequence: 'this stores it uncompressed on C:',
    advice: 'Copy or move into an app-data folder instead.',
  },
  {
    name: 'a truncation',
    code: String.raw`${FS}fs.truncateSync('C:\\Windows\\win.ini');`,
    consequence: 'this decompresses it onto C:',
    advice: 'Leave system files as they are; write a copy elsewhere.',
  },
  {
    name: 'CreateFileW with GENERIC_WRITE through koffi',
    code: String.raw`import koffi from 'koffi';
const k = koffi.load('kernel32.dll');
const CreateFileW = k.func('CreateFileW', 'void *', ['str16', 'uint32', 'uint32', 'void *', 'uint32', 'uint32', 'void *']);
CreateFileW('C:\\Windows\\win.ini', 0x40000000, 0, null, 3, 0, null);`,
    consequence: 'this decompresses it onto C:',
    advice: 'Request GENERIC_READ only if you only read it.',
  },
];

describe('wording: consequence and advice fit the effect and the file', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const messages = messagesFor(row.code);
      assert.equal(messages.length, 1, messages.join('\n'));
      const [text] = messages as [string];
      assert.ok(text.includes(`on WIMBoot/CompactOS devices ${row.consequence}.`), text);
      assert.ok(text.includes(` ${row.advice}`), text);
      if (row.not !== undefined) assert.doesNotMatch(text, row.not);
      // The common case fits a hover: the words around the path (named twice: message and trailer) stay
      // within 180 characters, about 200 in all for a path like C:\Windows\win.ini.
      const trailer = parsePatternTrailer(text);
      assert.ok(trailer !== null && trailer.length === 1, text);
      const words = text.length - 2 * trailer[0]!.length;
      assert.ok(words <= 180, `${words} characters besides the path: ${text}`);
    });
  }
});
