// The whole win32 enumerate loop, for real: the Windows node.exe under Wine,
// koffi's win32-x64 binary, the unmodified backend and the real wimboot-check
// CLI, bound (through the test-only seam) to a stand-in kernel32 built here
// with mingw-w64 from test/wine/native/stub-kernel32.c. The stand-in answers
// the WOF control codes from a fixture describing a WIMBoot + CompactOS
// volume whose files are real files in the Wine prefix, and logs every call:
// the log proves the backend opened read-only, sent only the four read-only
// codes and closed every handle. The stand-in encodes our reading of the
// documentation, not wof.sys (docs/runtime-check-device.md).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { BackedFile, DataSource } from '../../formats/backing.js';
import { readSnapshot } from '../../formats/snapshot/reader.js';
import { buildStubKernel32, mingwMissing } from './helpers/mingw.js';
import {
  FILE_MASK,
  FSCTL_ENUM_EXTERNAL_BACKING,
  FSCTL_ENUM_OVERLAY,
  FSCTL_GET_EXTERNAL_BACKING,
  READ_ONLY_CODES,
  VOLUME_MASK,
} from './helpers/win32-sdk.js';
import { DIST, DRIVE_C, ROOT, runnableOrSkip, wineMissing, wineNode, z, type WineRun } from './helpers/wine.js';

const CLI_DRIVER = join(ROOT, 'test/fixtures/win32/wine-cli.mjs');

const FILE_FLAGS = 0x02200000; // FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT

/** One fixture file: a real file under the fixture folder (unless it only fails to open) and its WOF answer. */
interface StubFile {
  /** Its WOF_EXTERNAL_FILE_ID's low 8 bytes, when the enumeration returns it. */
  id?: number;
  /** Below the fixture folder, Windows separators. */
  path?: string;
  bytes?: number;
  /** A sparse file of this many bytes instead. */
  sparse?: number;
  openError?: number;
  onDisk?: number;
  /** As stub-kernel32.c reads it: none | wim:... | file:... | provider:... */
  backing: string;
}

const HASH = '000102030405060708090a0b0c0d0e0f10111213';
const LONG_PATH = `Deep\\${Array.from({ length: 6 }, (_, i) => `${'x'.repeat(90)}${i}`).join('\\')}\\tool.dll`;
const GIB = 2 ** 30;

const FILES: Record<string, StubFile> = {
  notepad: { id: 1, path: 'Windows\\notepad.exe', bytes: 1000, onDisk: 0, backing: `wim:1:1:1:0:${HASH}` },
  deleted: { id: 7, openError: 2, backing: 'none' },
  kernel32: { id: 2, path: 'Windows\\System32\\kernel32.dll', bytes: 3000, onDisk: 4096, backing: 'file:1:1:0:0' },
  deletePending: { id: 8, openError: 5, backing: 'none' },
  unicode: {
    id: 3,
    path: 'Program Files\\Ünïcødé 日本\\😀 app.exe',
    bytes: 5000,
    onDisk: 8192,
    backing: 'file:1:1:1:0',
  },
  cloud: { id: 5, path: 'Users\\me\\cloud.docx', bytes: 70, onDisk: 0, backing: 'provider:3:300' },
  detached: { id: 9, openError: 1920, backing: 'none' },
  rehydrated: { id: 10, path: 'Users\\me\\rehydrated.txt', bytes: 10, backing: 'none' },
  // Over 260 and 512 characters; 5 GiB logical; a size on disk whose low word is INVALID_FILE_SIZE.
  long: { id: 4, path: LONG_PATH, sparse: 5 * GIB, onDisk: 2 ** 32 + 0xffffffff, backing: 'file:1:1:3:0' },
  future: { id: 6, path: 'Windows\\future.dll', bytes: 90, onDisk: 12, backing: 'file:1:1:4:0' },
  plain: { path: 'plain.txt', bytes: 5, backing: 'none' },
};

/** Two WIMs, one not active, with names long enough that the list needs more than the first 4 KiB. */
const SOURCES = [
  { id: 1, flags: 0, type: 1, index: 1, guid: '33221100554477668899aabbccddeeff', path: 'install.wim' },
  { id: 2, flags: 1, type: 0, index: 2, guid: '78563412341278560102030405060708', path: 'custom.wim' },
].map((source) => ({ ...source, path: `\\??\\D:\\Images\\${'WindowsImages\\'.repeat(80)}${source.path}` }));

const EXPECTED_SOURCES: DataSource[] = [
  {
    dataSourceId: 1,
    provider: 'wim',
    wimPath: SOURCES[0]!.path,
    wimGuid: '{00112233-4455-6677-8899-AABBCCDDEEFF}',
    wimIndex: 1,
    wimType: 1,
    state: 'active',
  },
  {
    dataSourceId: 2,
    provider: 'wim',
    wimPath: SOURCES[1]!.path,
    wimGuid: '{12345678-1234-5678-0102-030405060708}',
    wimIndex: 2,
    wimType: 0,
    state: 'not-active',
  },
];

const folder = `wimboot-stub-${randomBytes(4).toString('hex')}`;
const base = `C:\\${folder}`;
const win32 = (file: StubFile): string => `${base}\\${file.path!}`;
const linux = (file: StubFile): string => join(DRIVE_C, folder, ...file.path!.split('\\'));

/** What the backend must report for the fixture, in enumeration order: from our reading of the SDK. */
const EXPECTED_FILES: BackedFile[] = [
  { path: win32(FILES.notepad!), provider: 'wim', dataSourceId: 1, size: 1000, sizeOnDisk: 0 },
  { path: win32(FILES.kernel32!), provider: 'file', algorithm: 'XPRESS4K', size: 3000, sizeOnDisk: 4096 },
  { path: win32(FILES.unicode!), provider: 'file', algorithm: 'LZX', size: 5000, sizeOnDisk: 8192 },
  { path: win32(FILES.cloud!), provider: 'unknown', providerId: 3, size: 70, sizeOnDisk: 0 },
  {
    path: win32(FILES.long!),
    provider: 'file',
    algorithm: 'XPRESS16K',
    size: 5 * GIB,
    sizeOnDisk: 2 ** 32 + 0xffffffff,
  },
  { path: win32(FILES.future!), provider: 'file', algorithm: 'unknown-4', size: 90, sizeOnDisk: 12 },
];

function fixtureText(files: Record<string, StubFile>): string {
  const id = (n: number) => {
    const bytes = Buffer.alloc(16);
    bytes.writeBigUInt64LE(BigInt(n));
    return bytes.toString('hex');
  };
  return [
    'version\twim\t01014a61', // 1.1.19041
    'version\tfile\t01000002', // 1.0.2
    ...SOURCES.map((s) => ['source', s.id, s.flags, s.type, s.index, s.guid, s.path].join('\t')),
    ...Object.values(files).map((f) =>
      [
        'file',
        f.id === undefined ? '-' : id(f.id),
        f.openError ?? 0,
        f.onDisk ?? '-',
        f.backing,
        f.path === undefined ? '-' : win32(f),
      ].join('\t'),
    ),
    '',
  ].join('\n');
}

/** One line of the stand-in's call log, split on tabs. */
type LogLine = string[];

let work = '';
let dll = '';
let runs = 0;
let started = 0;
let setupProblem: string | undefined;

interface CliResult extends WineRun {
  log: LogLine[];
}

/** Runs `wimboot-check ARGS` under Wine against `fixture`; returns its output and the stand-in's log. */
function wimbootCheck(args: readonly string[], fixture = join(work, 'fixture.txt')): CliResult {
  runs += 1;
  const log = join(work, `calls-${runs}.log`);
  const run = wineNode([z(CLI_DRIVER), z(DIST), z(dll), ...args], {
    env: { WIMBOOT_STUB_FIXTURE: z(fixture), WIMBOOT_STUB_LOG: z(log) },
  });
  const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
  return {
    ...run,
    log: text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split('\t')),
  };
}

const calls = (log: LogLine[], api: string): LogLine[] => log.filter((line) => line[0] === api);
const controls = (log: LogLine[], code: number): LogLine[] =>
  calls(log, 'DeviceIoControl').filter((line) => Number(line[2]) === code);

/** Only read-only opens and codes reached the stand-in, and every handle it gave out was closed. */
function assertReadOnly(log: LogLine[]): void {
  assert.ok(log.length > 0, 'the stand-in kernel32 was called');
  assert.deepEqual(calls(log, 'REFUSED'), [], 'no refused control code');
  assert.deepEqual(calls(log, 'FIXTURE'), [], 'the fixture was read');
  const open = new Map<string, number>();
  for (const line of log) {
    const [api, handle] = line;
    if (api === 'CreateFileW') {
      const [, , access, share, disposition, flags, error, path] = line;
      assert.equal(Number(share), 7, `share read/write/delete: ${path}`);
      assert.equal(Number(disposition), 3, `OPEN_EXISTING: ${path}`);
      const volume = /^\\\\\.\\[A-Z]:$/u.test(path!);
      assert.deepEqual(
        [Number(access), Number(flags)],
        volume ? [VOLUME_MASK, 0] : [FILE_MASK, FILE_FLAGS],
        `access and flags of ${path}`,
      );
      if (Number(error) === 0) open.set(handle!, (open.get(handle!) ?? 0) + 1);
    } else if (api === 'OpenFileById') {
      const [, , access, share, flags, error] = line;
      assert.deepEqual([Number(access), Number(share), Number(flags)], [FILE_MASK, 7, FILE_FLAGS]);
      if (Number(error) === 0) open.set(handle!, (open.get(handle!) ?? 0) + 1);
    } else if (api === 'DeviceIoControl') {
      assert.ok(READ_ONLY_CODES.includes(Number(line[2])), `control code ${line[2]}`);
    } else if (api === 'CloseHandle') {
      assert.equal(line[3], '1', `closing a handle the backend opened: ${handle}`);
      assert.ok((open.get(handle!) ?? 0) > 0, `closing an open handle: ${handle}`);
      open.set(handle!, open.get(handle!)! - 1);
    }
  }
  assert.deepEqual(
    [...open].filter(([, count]) => count > 0),
    [],
    'every handle closed',
  );
}

function json<T>(run: WineRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    return assert.fail(`stdout is not JSON (exit ${run.status}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

function ready(t: TestContext): boolean {
  const suite = 'the stand-in kernel32 tests of the win32 backend under Wine';
  return runnableOrSkip(t, suite, wineMissing() ?? mingwMissing() ?? setupProblem);
}

describe(
  'win32 backend under Wine against a stand-in kernel32 (real node.exe, koffi, backend and CLI)',
  { timeout: 120_000 },
  () => {
    before(() => {
      started = Date.now();
      if (wineMissing() !== undefined || mingwMissing() !== undefined) return;
      work = mkdtempSync(join(tmpdir(), 'wimboot-stub-'));
      dll = join(work, 'stub-kernel32.dll');
      const built = buildStubKernel32(dll);
      if (!built.ok) {
        setupProblem = `the stand-in kernel32 does not compile:\n${built.output}`;
        assert.fail(setupProblem);
      }
      for (const file of Object.values(FILES)) {
        if (file.path === undefined) continue;
        mkdirSync(dirname(linux(file)), { recursive: true });
        writeFileSync(linux(file), Buffer.alloc(file.bytes ?? 0, 0x5a));
        if (file.sparse !== undefined) truncateSync(linux(file), file.sparse);
      }
      writeFileSync(join(work, 'fixture.txt'), fixtureText(FILES));
    });
    after(() => {
      if (work !== '') {
        if (!process.env.WIMBOOT_KEEP_STUB) rmSync(work, { recursive: true, force: true });
        rmSync(join(DRIVE_C, folder), { recursive: true, force: true });
        process.stderr.write(
          `stand-in kernel32 suite: ${runs} CLI runs under Wine, ${((Date.now() - started) / 1000).toFixed(1)} s with the build\n`,
        );
      }
    });

    it('sources: both providers with their versions, both WIMs, the buffer grown for the long list', (t) => {
      if (!ready(t)) return;
      const run = wimbootCheck(['sources', 'C:', '--json']);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(json(run), {
        volume: 'C:',
        backend: 'win32',
        info: {
          volume: 'C:',
          wimProviderAttached: true,
          fileProviderAttached: true,
          wimProviderVersion: '1.1.19041',
          fileProviderVersion: '1.0.2',
        },
        sources: EXPECTED_SOURCES,
      });
      assert.deepEqual(
        controls(run.log, FSCTL_ENUM_OVERLAY).map((line) => [Number(line[4]), Number(line[5])]),
        [
          [4096, 122],
          [8192, 0],
        ],
        'ERROR_INSUFFICIENT_BUFFER, then the doubled buffer',
      );
      assertReadOnly(run.log);
    });

    it('files: every backed file by id, skipping ids that fail (2, 5, 1920) or lost their backing (342)', (t) => {
      if (!ready(t)) return;
      const run = wimbootCheck(['files', 'C:', '--json']);
      assert.equal(run.status, 0, run.stderr);
      const listed = json<{ files: BackedFile[]; count: number; unknown: number; bytes: number; bytesOnDisk: number }>(
        run,
      );
      assert.deepEqual(listed.files, EXPECTED_FILES);
      assert.deepEqual(
        [listed.count, listed.unknown, listed.bytes, listed.bytesOnDisk],
        [
          6,
          2,
          EXPECTED_FILES.reduce((sum, f) => sum + f.size!, 0),
          EXPECTED_FILES.reduce((sum, f) => sum + f.sizeOnDisk!, 0),
        ],
      );
      const enumerated = controls(run.log, FSCTL_ENUM_EXTERNAL_BACKING);
      assert.equal(enumerated.length, 11, 'ten ids, then ERROR_NO_MORE_FILES');
      assert.equal(enumerated.at(-1)![5], '18');
      assert.deepEqual(
        calls(run.log, 'OpenFileById')
          .map((line) => Number(line[5]))
          .filter((error) => error !== 0),
        [2, 5, 1920],
      );
      assert.ok(
        controls(run.log, FSCTL_GET_EXTERNAL_BACKING).some((line) => line[5] === '342'),
        'the rehydrated file answered 342',
      );
      assert.ok(
        controls(run.log, FSCTL_GET_EXTERNAL_BACKING).some((line) => line[4] === '256' && line[5] === '122'),
        'the unknown provider needed a bigger buffer',
      );
      const finalPaths = calls(run.log, 'GetFinalPathNameByHandleW').map((line) => Number(line[2]));
      assert.ok(
        finalPaths.some((chars) => chars > 512),
        'the long path needed a bigger name buffer',
      );
      assertReadOnly(run.log);

      const text = wimbootCheck(['files', 'C:']);
      assert.equal(text.status, 0, text.stderr);
      assert.match(text.stdout, /^unknown\s+provider 3\s+70 B\s+0 B\s+C:\\wimboot-stub-/mu);
      assert.match(
        text.stdout,
        /^6 backed files, .* on disk\n2 of them backed by a WOF provider, version or algorithm/mu,
      );
    });

    it('query: backed, not backed, missing, Unicode, long and globbed paths', (t) => {
      if (!ready(t)) return;
      const upper = `${base}\\WINDOWS\\NOTEPAD.EXE`;
      const run = wimbootCheck([
        'query',
        '--json',
        upper,
        win32(FILES.unicode!),
        win32(FILES.long!),
        win32(FILES.cloud!),
        win32(FILES.plain!),
        `${base}\\no\\such.dll`,
        `${base}\\Windows\\*.*`,
      ]);
      assert.equal(run.status, 0, run.stderr);
      const backed = (file: BackedFile, path = file.path) => ({ path, status: 'backed', file: { ...file, path } });
      assert.deepEqual(json<{ results: unknown[] }>(run).results, [
        backed(EXPECTED_FILES[0]!, upper),
        backed(EXPECTED_FILES[2]!),
        backed(EXPECTED_FILES[4]!),
        backed(EXPECTED_FILES[3]!),
        { path: win32(FILES.plain!), status: 'not-backed' },
        { path: `${base}\\no\\such.dll`, status: 'missing' },
        backed(EXPECTED_FILES[5]!),
        backed(EXPECTED_FILES[0]!),
      ]);
      assertReadOnly(run.log);
    });

    it('snapshot: writes the fixture volume, sources and files, and counts the unknown ones', (t) => {
      if (!ready(t)) return;
      const run = wimbootCheck(['snapshot', 'C:', '-o', `${base}\\snap.json`, '--json']);
      assert.equal(run.status, 0, run.stderr);
      const taken = json<{ backend: string; volumes: Array<Record<string, unknown>> }>(run);
      assert.equal(taken.backend, 'win32');
      assert.deepEqual(taken.volumes, [
        {
          volume: 'C:',
          sources: 2,
          files: 6,
          unknown: 2,
          bytes: EXPECTED_FILES.reduce((sum, f) => sum + f.size!, 0),
          sizeUnknown: 0,
        },
      ]);
      const snapshot = readSnapshot(join(DRIVE_C, folder, 'snap.json'));
      assert.equal(snapshot.backend, 'win32');
      assert.deepEqual(snapshot.volumes[0]?.sources, EXPECTED_SOURCES);
      assert.deepEqual(snapshot.volumes[0]?.files, EXPECTED_FILES);
      assert.deepEqual(snapshot.volumes[0]?.info, {
        volume: 'C:',
        wimProviderAttached: true,
        fileProviderAttached: true,
        wimProviderVersion: '1.1.19041',
        fileProviderVersion: '1.0.2',
      });
      assertReadOnly(run.log);
    });

    it('run: a scenario that makes a file lose its backing is reported as lost (exit 1)', (t) => {
      if (!ready(t)) return;
      const fixture = join(work, 'run-fixture.txt');
      const changed = join(work, 'run-fixture-after.txt');
      writeFileSync(fixture, fixtureText(FILES));
      writeFileSync(changed, fixtureText({ ...FILES, notepad: { ...FILES.notepad!, backing: 'none' } }));
      // The scenario rewrites the fixture, as a real one would rehydrate notepad.exe.
      const run = wimbootCheck(
        ['run', '--json', '--', 'cmd', '/c', 'copy', '/y', z(changed), z(fixture), '>NUL'],
        fixture,
      );
      assert.equal(run.status, 1, `${run.stdout}\n${run.stderr}`);
      const diff = json<{ lost: BackedFile[]; gained: unknown[]; changed: unknown[]; scenarioExitCode: number }>(run);
      assert.equal(diff.scenarioExitCode, 0);
      assert.deepEqual(diff.lost, [EXPECTED_FILES[0]]);
      assert.deepEqual([diff.gained, diff.changed], [[], []]);
      assert.equal(calls(run.log, 'CreateFileW').filter((line) => line[7] === '\\\\.\\C:').length >= 4, true);
      assertReadOnly(run.log);
    });
  },
);
