/** The built `wimboot-check`, spawned as a user runs it: exit codes, JSON shapes, error lines. */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatPatternTrailer } from '../../formats/finding-pattern.js';
import { writeSnapshot } from '../../runtime-check/snapshot/writer.js';
import { assertOneLineError, CLI_PATH, jsonOf, runWimbootCheck } from './helpers/cli.js';
import { SOURCE_1, compressedFile, snapshotOf, tempDir, wimFile, writeText } from './helpers/temp.js';

const dir = tempDir();
const before = join(dir, 'before.json');
const after = join(dir, 'after.json');
const report = join(dir, 'lint.json');

const BEFORE_FILES = [
  wimFile('C:\\Windows\\win.ini', 92),
  wimFile('C:\\Windows\\System32\\notepad.exe', 1000),
  compressedFile('C:\\Tools\\t.exe', 10),
];

const ready = (async () => {
  await writeSnapshot(before, snapshotOf(BEFORE_FILES));
  await writeSnapshot(
    after,
    snapshotOf(
      [BEFORE_FILES[1]!, BEFORE_FILES[2]!, wimFile('C:\\New\\n.dll', 5, 2)],
      [SOURCE_1, { ...SOURCE_1, dataSourceId: 2 }],
    ),
  );
  writeText(
    dir,
    'lint.json',
    JSON.stringify([
      {
        filePath: '/src/app.ts',
        messages: [
          {
            ruleId: 'wimboot/no-system-file-write',
            line: 3,
            column: 1,
            severity: 2,
            message: `w.${formatPatternTrailer(['C:\\Windows\\win.ini'])}`,
          },
          {
            ruleId: 'wimboot/no-system-file-write',
            line: 8,
            column: 1,
            severity: 2,
            message: `w.${formatPatternTrailer(['C:\\Users\\x.txt'])}`,
          },
        ],
      },
    ]),
  );
})();

describe('wimboot-check CLI', () => {
  it('is an executable with a node shebang', () => {
    assert.match(readFileSync(CLI_PATH, 'utf8'), /^#!\/usr\/bin\/env node\n/u);
  });

  it('--help lists every command and exits 0; each command has --help', async () => {
    const help = await runWimbootCheck(['--help']);
    assert.equal(help.code, 0);
    for (const command of ['sources', 'files', 'query', 'snapshot', 'diff', 'confirm', 'run']) {
      assert.match(help.stdout, new RegExp(`^  ${command} `, 'mu'));
      const own = await runWimbootCheck([command, '--help']);
      assert.equal(own.code, 0, command);
      assert.match(own.stdout, new RegExp(`^Usage: wimboot-check ${command}`, 'u'));
    }
  });

  it('usage errors exit 2 with one line', async () => {
    assertOneLineError(
      await runWimbootCheck(['frobnicate']),
      /unknown command "frobnicate" \(see `wimboot-check --help`\)/u,
    );
    assertOneLineError(
      await runWimbootCheck(['diff', before]),
      /missing BEFORE and AFTER snapshot files \(see `wimboot-check diff --help`\)/u,
    );
    assertOneLineError(await runWimbootCheck(['diff', before, after, '--frob']), /Unknown option '--frob'/u);
    assertOneLineError(await runWimbootCheck(['snapshot']), /missing -o FILE/u);
    assertOneLineError(await runWimbootCheck(['files', '--provider', 'zip']), /--provider zip: expected wim or file/u);
    assertOneLineError(await runWimbootCheck(['sources', 'CC:']), /"CC:" is not a volume/u);
    assertOneLineError(await runWimbootCheck(['run', '--offline', dir]), /missing the scenario: put it after --/u);
    assertOneLineError(
      await runWimbootCheck(['run', 'node', 'app.js']),
      /put the scenario after --: wimboot-check run \[options\] -- node app\.js/u,
    );
    assert.equal((await runWimbootCheck([])).code, 2);
  });

  it(
    'device commands without a backend say what works instead',
    { skip: process.platform === 'win32' ? 'a backend exists on Windows' : false },
    async () => {
      for (const args of [
        ['sources'],
        ['files', 'C:'],
        ['query', 'C:\\Windows\\win.ini'],
        ['snapshot', '-o', join(dir, 'x.json')],
        ['confirm', report],
      ]) {
        assertOneLineError(
          await runWimbootCheck(args),
          /no WOF on this platform: take a snapshot on the device and use `diff`\/`confirm --snapshot`/u,
        );
      }
    },
  );

  it('--offline refuses a missing directory or a file, in one line', async () => {
    assertOneLineError(
      await runWimbootCheck(['files', '--offline', join(dir, 'no-mount')]),
      /--offline .*no-mount: no such directory$/u,
    );
    await ready;
    assertOneLineError(
      await runWimbootCheck(['sources', '--offline', before]),
      /--offline .*before\.json: not a directory$/u,
    );
    assertOneLineError(
      await runWimbootCheck(['sources', '--offline', dir, '--volume', 'CD']),
      /--volume CD: expected a drive|"CD" is not a volume/u,
    );
  });

  it('a missing input file is one line naming it', async () => {
    await ready;
    assertOneLineError(
      await runWimbootCheck(['diff', join(dir, 'nope.json'), after]),
      /nope\.json: no such file or directory$/u,
    );
    assertOneLineError(
      await runWimbootCheck(['confirm', join(dir, 'nope-report.json'), '--snapshot', before]),
      /nope-report\.json: no such file or directory$/u,
    );
    assertOneLineError(
      await runWimbootCheck(['diff', dir, after]),
      new RegExp(`${dir.replace(/[\\^$.*+?()[\]{}|]/gu, '\\$&')}: is a directory, expected a file$`, 'u'),
    );
    assertOneLineError(
      await runWimbootCheck(['confirm', dir, '--snapshot', before]),
      /: is a directory, expected a file$/u,
    );
  });

  it('a malformed snapshot is one line with file, position and expectation', async () => {
    await ready;
    const bad = writeText(
      dir,
      'bad.json',
      '{"format":"wimboot-snapshot","version":1,\n"takenAt":"2026-01-01T00:00:00Z","host":"h","volumes":[{"volume":"C:","sources":[],"files":[{"path":"C:\\\\x","provider":"tape"}]}]}',
    );
    assertOneLineError(
      await runWimbootCheck(['diff', bad, after]),
      /bad\.json:2:93: volumes\[0\]\.files\[0\]\.provider: expected one of "wim", "file", "unknown", got "tape"$/u,
    );
    assertOneLineError(await runWimbootCheck(['confirm', report, '--snapshot', bad]), /bad\.json:2:93: /u);
  });

  it('--debug adds the stack trace of an unexpected error only', async () => {
    const run = await runWimbootCheck(['diff', join(dir, 'nope.json'), after, '--debug']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /\n\s+at /u);
  });

  it('diff: exit 1 when a file lost its backing, JSON shape, --report mapping', async () => {
    await ready;
    const run = await runWimbootCheck(['diff', before, after, '--report', report, '--json']);
    assert.equal(run.code, 1, run.stderr);
    const diff = jsonOf<Record<string, unknown>>(run);
    assert.deepEqual(diff.lost, [
      {
        path: 'C:\\Windows\\win.ini',
        provider: 'wim',
        dataSourceId: 1,
        size: 92,
        sizeOnDisk: 0,
        findings: [
          { file: '/src/app.ts', line: 3, ruleId: 'wimboot/no-system-file-write', pattern: 'C:\\Windows\\win.ini' },
        ],
      },
    ]);
    assert.deepEqual(diff.gained, [
      { path: 'C:\\New\\n.dll', provider: 'wim', dataSourceId: 2, size: 5, sizeOnDisk: 0 },
    ]);
    assert.deepEqual(
      (diff.sourcesAdded as Array<{ dataSourceId: number; volume: string }>).map((s) => [s.volume, s.dataSourceId]),
      [['C:', 2]],
    );
    assert.deepEqual(diff.sourcesRemoved, []);
    assert.equal(diff.bytesLost, 92);
    assert.equal(diff.lostWithoutFinding, 0);
    assert.deepEqual(Object.keys(diff.before as object), ['file', 'takenAt', 'host', 'files']);
  });

  it('diff: exit 0 and a readable table when nothing was lost', async () => {
    await ready;
    const same = await runWimbootCheck(['diff', before, before]);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /No file lost its backing\./u);
    const lost = await runWimbootCheck(['diff', before, after, '--report', report]);
    assert.equal(lost.code, 1);
    assert.match(lost.stdout, /1 file LOST its backing: about 92 B/u);
    assert.match(lost.stdout, /wim\s+source 1\s+92 B\s+0 B\s+C:\\Windows\\win\.ini/u);
    assert.match(lost.stdout, /<- \/src\/app\.ts:3 wimboot\/no-system-file-write C:\\Windows\\win\.ini/u);
  });

  it('confirm --snapshot: exit 1 when confirmed, JSON shape with matches and bytes at risk', async () => {
    await ready;
    const run = await runWimbootCheck(['confirm', report, '--snapshot', before, '--json']);
    assert.equal(run.code, 1, run.stderr);
    const result = jsonOf<{ findings: Array<Record<string, unknown>>; counts: unknown; bytesAtRisk: number }>(run);
    assert.deepEqual(result.findings[0], {
      file: '/src/app.ts',
      line: 3,
      column: 1,
      ruleId: 'wimboot/no-system-file-write',
      pattern: 'C:\\Windows\\win.ini',
      patterns: ['C:\\Windows\\win.ini'],
      status: 'confirmed',
      matches: [{ path: 'C:\\Windows\\win.ini', provider: 'wim', dataSourceId: 1, size: 92, sizeOnDisk: 0 }],
      bytesAtRisk: 92,
    });
    assert.equal(result.findings[1]?.status, 'not-backed');
    assert.deepEqual(result.counts, { confirmed: 1, 'not-backed': 1, missing: 0, unresolved: 0 });
    assert.equal(result.bytesAtRisk, 92);

    const none = await runWimbootCheck(['confirm', report, '--snapshot', after]);
    assert.equal(none.code, 0, none.stderr);
    assert.match(none.stdout, /0 confirmed, 2 not backed, 0 missing, 0 unresolved/u);
  });

  it('confirm lists ten matches per finding in the table, all of them in JSON', async () => {
    const many = join(dir, 'many.json');
    await writeSnapshot(
      many,
      snapshotOf(
        Array.from({ length: 25 }, (_, i) => wimFile(`C:\\Windows\\Fonts\\f${String(i).padStart(2, '0')}.ttf`, 10)),
      ),
    );
    const broad = writeText(
      dir,
      'broad.json',
      JSON.stringify([
        {
          filePath: '/src/f.ts',
          messages: [
            {
              ruleId: 'wimboot/no-system-file-write',
              line: 1,
              column: 1,
              severity: 2,
              message: `w.${formatPatternTrailer(['C:\\Windows\\Fonts\\*'])}`,
            },
          ],
        },
      ]),
    );
    const table = await runWimbootCheck(['confirm', broad, '--snapshot', many]);
    assert.equal(table.code, 1, table.stderr);
    assert.match(
      table.stdout,
      /CONFIRMED\s+\/src\/f\.ts:1\s+wimboot\/no-system-file-write\s+25 files, 250 B\s+C:\\Windows\\Fonts\\\*/u,
    );
    assert.match(table.stdout, /f09\.ttf\n.*\.\.\. and 15 more \(--json lists all\)/u);
    assert.doesNotMatch(table.stdout, /f10\.ttf/u);
    const json = jsonOf<{ findings: Array<{ matches: unknown[] }> }>(
      await runWimbootCheck(['confirm', broad, '--snapshot', many, '--json']),
    );
    assert.equal(json.findings[0]?.matches.length, 25);
  });

  it('never modifies its inputs', async () => {
    await ready;
    const inputs = [before, after, report];
    const stamp = (): string[] =>
      inputs.map((file) => `${statSync(file).mtimeMs}:${readFileSync(file, 'utf8').length}`);
    const was = stamp();
    await runWimbootCheck(['diff', before, after, '--report', report]);
    await runWimbootCheck(['confirm', report, '--snapshot', before]);
    assert.deepEqual(stamp(), was);
  });
});
