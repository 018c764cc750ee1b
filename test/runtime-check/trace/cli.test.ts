/**
 * The trace commands end to end, through the built CLI: `trace` (summary,
 * exit code, ESLint JSON and SARIF), `confirm --trace --map` against a
 * snapshot, and the runtime report read back by `confirm` and `diff --report`.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sarifValidator } from '../../setup/sarif-schema.js';
import { jsonOf, runWimbootCheck } from '../helpers/cli.js';
import { snapshotOf, tempDir, wimFile } from '../helpers/temp.js';
import { markedCall } from './helpers.js';

/** A program that writes under a copy of the device's C: (ROOT), reads one file, and exits 4. */
const APP = `import fs from 'node:fs';
import path from 'node:path';
const root = process.argv[2];
export function resetIni() {
  fs.writeFileSync(path.join(root, 'Windows', 'win.ini'), '[fonts]\\n'); // W:ini
}
export function addHost() {
  fs.appendFileSync(path.join(root, 'Windows', 'System32', 'drivers', 'etc', 'hosts'), '127.0.0.1 dev\\n'); // W:hosts
}
resetIni();
resetIni();
addHost();
fs.writeFileSync(path.join(root, 'Users', 'me', 'notes.txt'), 'not backed'); // W:notes
fs.readFileSync(path.join(root, 'Windows', 'System32', 'notepad.exe'));
console.log('app done');
process.exitCode = 4;
`;

interface ConfirmJson {
  findings: Array<{ file: string; line: number; ruleId: string; status: string; matches: Array<{ path: string }> }>;
}

function device(dir: string): string {
  const root = join(dir, 'root');
  for (const folder of ['Windows/System32/drivers/etc', 'Users/me']) mkdirSync(join(root, folder), { recursive: true });
  for (const file of ['Windows/win.ini', 'Windows/System32/drivers/etc/hosts', 'Windows/System32/notepad.exe']) {
    writeFileSync(join(root, file), 'x');
  }
  return root;
}

describe('wimboot-check trace, confirm --trace and the runtime reports', () => {
  it('traces a scenario, confirms its write-opens against a snapshot and reads its reports back', async () => {
    const dir = tempDir('wimboot-trace-cli-');
    const root = device(dir);
    const app = join(dir, 'app.mjs');
    writeFileSync(app, APP);
    const snapshot = join(dir, 'device.json');
    writeFileSync(
      snapshot,
      JSON.stringify(
        snapshotOf([
          wimFile('C:\\Windows\\win.ini', 92),
          wimFile('C:\\Windows\\System32\\drivers\\etc\\hosts', 824),
          wimFile('C:\\Windows\\System32\\notepad.exe', 201_216),
        ]),
      ),
    );
    const traceDir = join(dir, 'trace');
    const map = `C:=${root}`;
    const traced = await runWimbootCheck(
      [
        'trace',
        '--out',
        traceDir,
        '--map',
        map,
        '--eslint-json',
        'runtime.json',
        '--sarif',
        'runtime.sarif',
        '--',
        process.execPath,
        app,
        root,
      ],
      { cwd: dir },
    );
    assert.equal(traced.code, 4, `the scenario's exit code: ${traced.stderr}`);
    assert.match(traced.stdout, /^app done\nTraced 1 process \(1 thread\): 4 write-opens of 3 files\./mu);
    assert.match(traced.stdout, /^C:\\Windows\\win\.ini\s+2\s+fs\.writeFileSync\s+'w'\s+app\.mjs:5:6 in resetIni$/mu);
    assert.match(traced.stdout, /^C:\\Users\\me\\notes\.txt\s+1\s+fs\.writeFileSync/mu);
    assert.doesNotMatch(traced.stdout, /notepad/u, 'reads are not traced');

    // A second run into the same folder is refused: a trace is never mixed into another.
    const again = await runWimbootCheck(['trace', '--out', traceDir, '--', process.execPath, app, root], { cwd: dir });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already holds a trace/u);

    // ESLint JSON: each write at its line, the device path in the trailer.
    const eslint = JSON.parse(readFileSync(join(dir, 'runtime.json'), 'utf8')) as Array<{
      filePath: string;
      messages: Array<{ ruleId: string; line: number; column: number; message: string }>;
    }>;
    assert.deepEqual(
      eslint.flatMap((result) => result.messages.map((m) => `${result.filePath}:${m.line}:${m.column} ${m.ruleId}`)),
      [
        `${markedCall(app, 'ini', 'writeFileSync(')} wimboot/runtime-write-open`,
        `${markedCall(app, 'hosts', 'appendFileSync(')} wimboot/runtime-write-open`,
        `${markedCall(app, 'notes', 'writeFileSync(')} wimboot/runtime-write-open`,
      ],
    );
    assert.match(eslint[0]!.messages[0]!.message, /2 times\. \[wimboot-path: C:\\Windows\\win\.ini\]$/u);
    const sarif = JSON.parse(readFileSync(join(dir, 'runtime.sarif'), 'utf8')) as unknown;
    const validate = sarifValidator();
    assert.ok(validate(sarif), JSON.stringify(validate.errors));

    // confirm --trace --map: which traced write-opens hit backed files on that device.
    const expected = [
      [markedCall(app, 'ini', 'writeFileSync(').split(':')[1], 'confirmed', ['C:\\Windows\\win.ini']],
      [
        markedCall(app, 'hosts', 'appendFileSync(').split(':')[1],
        'confirmed',
        ['C:\\Windows\\System32\\drivers\\etc\\hosts'],
      ],
      [markedCall(app, 'notes', 'writeFileSync(').split(':')[1], 'not-backed', []],
    ];
    const confirm = await runWimbootCheck(
      ['confirm', '--trace', traceDir, '--map', map, '--snapshot', snapshot, '--json', '--sarif', 'confirmed.sarif'],
      { cwd: dir },
    );
    assert.equal(confirm.code, 1, confirm.stderr);
    const confirmed = jsonOf<ConfirmJson>(confirm).findings;
    assert.deepEqual(
      confirmed.map((f) => [String(f.line), f.status, f.matches.map((m) => m.path)]),
      expected,
    );
    assert.ok(confirmed.every((f) => f.file === app && f.ruleId === 'wimboot/runtime-write-open'));
    const confirmedSarif = JSON.parse(readFileSync(join(dir, 'confirmed.sarif'), 'utf8')) as {
      runs: Array<{ results: unknown[] }>;
    };
    assert.equal(confirmedSarif.runs[0]!.results.length, 2, 'only the confirmed findings');

    // The reports read back like lint reports: confirm REPORT and diff --report.
    for (const report of ['runtime.json', 'runtime.sarif']) {
      const fromReport = await runWimbootCheck(['confirm', report, '--snapshot', snapshot, '--json'], { cwd: dir });
      assert.equal(fromReport.code, 1, fromReport.stderr);
      assert.deepEqual(
        jsonOf<ConfirmJson>(fromReport).findings.map((f) => [String(f.line), f.status, f.matches.map((m) => m.path)]),
        expected,
        report,
      );
    }
    const after = join(dir, 'after.json');
    writeFileSync(
      after,
      JSON.stringify(
        snapshotOf(
          [
            wimFile('C:\\Windows\\System32\\drivers\\etc\\hosts', 824),
            wimFile('C:\\Windows\\System32\\notepad.exe', 201_216),
          ],
          undefined,
          '2026-11-21T06:00:00.000Z',
        ),
      ),
    );
    const diff = await runWimbootCheck(['diff', snapshot, after, '--report', 'runtime.json', '--json'], { cwd: dir });
    assert.equal(diff.code, 1, diff.stderr);
    const lost = jsonOf<{ lost: Array<{ path: string; findings?: Array<{ line: number; ruleId: string }> }> }>(
      diff,
    ).lost;
    assert.deepEqual(
      lost.map((file) => [file.path, file.findings?.map((f) => [String(f.line), f.ruleId])]),
      [['C:\\Windows\\win.ini', [[expected[0]![0], 'wimboot/runtime-write-open']]]],
    );
  });

  it('says what is wrong in one line: a bad --map, no scenario, no trace', async () => {
    const dir = tempDir('wimboot-trace-usage-');
    const badMap = await runWimbootCheck(['trace', '--map', 'C/root', '--', process.execPath, '-e', '0'], { cwd: dir });
    assert.deepEqual([badMap.code, badMap.stderr.trim().split('\n').length], [2, 1]);
    assert.match(badMap.stderr, /--map "C\/root": expected DRIVE=ROOT/u);
    const noScenario = await runWimbootCheck(['trace'], { cwd: dir });
    assert.match(noScenario.stderr, /missing the scenario/u);
    const noTrace = await runWimbootCheck(['confirm', '--trace', join(dir, 'nope'), '--snapshot', 'x.json'], {
      cwd: dir,
    });
    assert.equal(noTrace.code, 2);
    assert.match(noTrace.stderr, /nope: no such trace folder or file/u);
  });
});
