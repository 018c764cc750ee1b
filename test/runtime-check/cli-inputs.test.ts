/**
 * wimboot-check on inputs that are not plain, well-formed files (issue 14
 * items 7, 11 and 12): FIFOs, pipes, devices, huge or hostile content. Every
 * input is read once; every refusal is one line and exit 2.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatPatternTrailer } from '../../formats/finding-pattern.js';
import { writeSnapshot } from '../../runtime-check/snapshot/writer.js';
import { assertOneLineError, CLI_PATH, jsonOf, runWimbootCheck, type CliRun } from './helpers/cli.js';
import { snapshotOf, tempDir, wimFile, writeText } from './helpers/temp.js';

const dir = tempDir('wimboot-inputs-');
const before = join(dir, 'before.json');
const after = join(dir, 'after.json');
const ready = (async () => {
  await writeSnapshot(before, snapshotOf([wimFile('C:\\Windows\\win.ini', 92), wimFile('C:\\Windows\\a.dll', 5)]));
  await writeSnapshot(after, snapshotOf([wimFile('C:\\Windows\\a.dll', 5)]));
})();

const HEAD = '{"format":"wimboot-snapshot","version":1,"takenAt":"2026-11-21T05:00:00Z","host":"PC",\n';
function snapshotText(entries: readonly string[]): string {
  return `${HEAD}"volumes":[{"volume":"C:","sources":[],"files":[\n${entries.join(',\n')}\n]}]}\n`;
}

function report(name: string, patterns: readonly string[]): string {
  return writeText(
    dir,
    name,
    JSON.stringify([
      {
        filePath: '/src/app.ts',
        messages: [
          {
            ruleId: 'wimboot/no-system-file-write',
            line: 1,
            column: 1,
            severity: 2,
            message: `w.${formatPatternTrailer(patterns)}`,
          },
        ],
      },
    ]),
  );
}

/** A FIFO that another process fills with `file` once it is opened. */
function fifoOf(file: string): { path: string; written: Promise<unknown> } {
  const path = join(dir, `fifo-${Math.random().toString(36).slice(2)}`);
  execFileSync('mkfifo', [path]);
  const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', file, path], { stdio: 'ignore' });
  return { path, written: new Promise((resolve) => writer.once('close', resolve)) };
}

describe('every input read once, whatever its kind (issue 14 item 11)', () => {
  it('diff reads BEFORE and AFTER from FIFOs', { timeout: 30_000 }, async () => {
    await ready;
    const first = fifoOf(before);
    const second = fifoOf(after);
    const run = await runWimbootCheck(['diff', first.path, second.path, '--json'], { timeout: 20_000 });
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(
      jsonOf<{ lost: Array<{ path: string }> }>(run).lost.map((file) => file.path),
      ['C:\\Windows\\win.ini'],
    );
    await Promise.all([first.written, second.written]);
  });

  it('diff and confirm read process substitutions (pipes, which cannot seek)', { timeout: 30_000 }, async () => {
    await ready;
    const lint = report('pipe-report.json', ['C:\\Windows\\win.ini']);
    const script = `"$1" "$2" diff <(cat "$3") <(cat "$4") --report <(cat "$5") --json; echo "exit $?";
      "$1" "$2" confirm <(cat "$5") --snapshot <(cat "$3") --json; echo "exit $?"`;
    const output = execFileSync('bash', ['-c', script, 'bash', process.execPath, CLI_PATH, before, after, lint], {
      encoding: 'utf8',
    });
    assert.match(
      output,
      /"lost": \[\n {4}\{"path":"C:\\\\Windows\\\\win\.ini".*"findings":\[\{"file":"\/src\/app\.ts"/su,
    );
    assert.match(output, /"status": ?"confirmed"|"status":"confirmed"/u);
    assert.deepEqual(output.match(/^exit \d+$/gmu), ['exit 1', 'exit 1']);
  });

  it('a device as the report is refused at its first byte, quickly', async () => {
    await ready;
    assertOneLineError(
      await runWimbootCheck(['confirm', '/dev/zero', '--snapshot', before], { timeout: 20_000 }),
      /^wimboot-check: \/dev\/zero: expected a JSON lint report \(ESLint -f json, or SARIF 2\.1\.0\), but it starts with byte 0x00$/u,
    );
  });

  it('a 6 GiB sparse snapshot with an unterminated string is refused before it fills memory', async () => {
    await ready;
    const sparse = join(dir, 'sparse.json');
    writeFileSync(sparse, `${HEAD}"volumes":[{"volume":"C:","sources":[],"files":[{"path":"C:\\\\`);
    truncateSync(sparse, 6 * 1024 ** 3);
    const baseline = await runWimbootCheck(['diff', before, after], { measure: true });
    assert.equal(baseline.code, 1, baseline.stderr);
    const run = await runWimbootCheck(['diff', sparse, after], { measure: true, timeout: 60_000 });
    assertOneLineError(
      run,
      /sparse\.json:2:49: a value of more than 4 MiB starts here: no snapshot field is that large$/u,
    );
    assert.ok(
      run.maxRssKb! < 2 * baseline.maxRssKb!,
      `peak memory ${run.maxRssKb} KiB, a plain diff ${baseline.maxRssKb} KiB`,
    );
  });
});

describe('hostile snapshot content is one line, never a crash or a wrong answer (issue 14 item 12)', () => {
  const good = '{"path":"C:\\\\Windows\\\\a.dll","provider":"wim","dataSourceId":1,"size":5}';

  it('a file listed twice in AFTER is refused, not reported as gained', async () => {
    await ready;
    const twice = writeText(dir, 'twice.json', snapshotText([good, good]));
    assertOneLineError(
      await runWimbootCheck(['diff', before, twice]),
      /twice\.json:4:1: volumes\[0\]\.files\[1\]: "C:\\\\Windows\\\\a\.dll" is listed a second time; a snapshot lists each file once$/u,
    );
    assertOneLineError(await runWimbootCheck(['diff', twice, after]), /twice\.json:4:1: .* is listed a second time/u);
  });

  it('a 5,000-deep unknown field is refused where it nests too deep (diff --json crashed)', async () => {
    await ready;
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const file = writeText(
      dir,
      'deep.json',
      snapshotText([`{"path":"C:\\\\Windows\\\\win.ini","provider":"wim","x":${deep}}`]),
    );
    assertOneLineError(
      await runWimbootCheck(['diff', file, after, '--json']),
      /deep\.json:3:\d+: volumes\[0\]\.files\[0\]: nested more than 64 levels deep here; no snapshot field is$/u,
    );
  });

  it('1e400 is said to be too large, a newline in a path is refused without splitting the line', async () => {
    await ready;
    const huge = writeText(dir, 'huge.json', snapshotText(['{"path":"C:\\\\a","provider":"wim","size":1e400}']));
    assertOneLineError(
      await runWimbootCheck(['diff', huge, after]),
      /size: expected a non-negative integer or no field, got a number too large to represent$/u,
    );
    const newline = writeText(dir, 'newline.json', snapshotText(['{"path":"C:\\\\a\\nb","provider":"wim"}']));
    assertOneLineError(
      await runWimbootCheck(['diff', newline, after]),
      /path: expected a Windows path, got "C:\\\\a\\nb": Windows names hold no control characters$/u,
    );
  });

  it('an input file name with a newline stays on one line', async () => {
    assertOneLineError(
      await runWimbootCheck(['diff', join(dir, 'no\nsuch.json'), after]),
      /no\\nsuch\.json: no such file or directory$/u,
    );
  });
});

describe('finding patterns with many stars are matched in linear time (issue 14 item 7)', () => {
  it('confirm and diff --report: a 14-star finding against a 40-character name costs what a plain one does', async () => {
    const name = `C:\\${'a'.repeat(40)}`;
    const snapshot = join(dir, 'one-name.json');
    await writeSnapshot(snapshot, snapshotOf([wimFile(name, 1)]));
    const empty = join(dir, 'empty.json');
    await writeSnapshot(empty, snapshotOf([]));
    const hostile = report('stars.json', [`C:\\${'*a'.repeat(14)}*b`]);
    const plain = report('plain.json', ['C:\\b']);
    const timed = async (args: string[]): Promise<[number, CliRun]> => {
      const started = performance.now();
      const run = await runWimbootCheck(args, { timeout: 60_000 });
      return [performance.now() - started, run];
    };
    for (const command of [
      (lint: string) => ['confirm', lint, '--snapshot', snapshot],
      (lint: string) => ['diff', snapshot, empty, '--report', lint],
    ]) {
      const [baselineMs, baseline] = await timed(command(plain));
      const [hostileMs, run] = await timed(command(hostile));
      assert.equal(run.code, baseline.code, run.stderr);
      assert.ok(hostileMs < 3 * baselineMs, `${command(hostile)[0]}: ${hostileMs} ms, plain ${baselineMs} ms`);
    }
  });
});
