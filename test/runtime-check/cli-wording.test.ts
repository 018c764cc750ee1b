/**
 * What wimboot-check says (issue 16 item 7): singular for one, plural for
 * more, and a size nobody recorded said as unknown, never as 0 B.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { formatPatternTrailer } from '../../formats/finding-pattern.js';
import type { CliIo } from '../../runtime-check/cli/io.js';
import { createProgress } from '../../runtime-check/cli/progress.js';
import { countOf, sizeOf } from '../../runtime-check/cli/wording.js';
import { writeSnapshot } from '../../runtime-check/snapshot/writer.js';
import { runWimbootCheck } from './helpers/cli.js';
import { compressedFile, snapshotOf, tempDir, wimFile, writeText } from './helpers/temp.js';

const dir = tempDir('wimboot-wording-');

function lintReport(name: string, patterns: string[]): string {
  return writeText(
    dir,
    name,
    JSON.stringify([
      {
        filePath: '/src/app.ts',
        messages: patterns.map((pattern, index) => ({
          ruleId: 'wimboot/no-system-file-write',
          line: index + 1,
          column: 1,
          severity: 2,
          message: `w.${formatPatternTrailer([pattern])}`,
        })),
      },
    ]),
  );
}

describe('wording helpers', () => {
  it('counts in the singular for one', () => {
    assert.deepEqual(
      [0, 1, 2].map((n) => countOf(n, 'backed file')),
      ['0 backed files', '1 backed file', '2 backed files'],
    );
    assert.equal(countOf(1, 'data source', 'data sources'), '1 data source');
  });

  it('says a size is unknown instead of 0 B', () => {
    assert.equal(sizeOf([{ size: 92 }, { size: 8 }]), '100 B');
    assert.equal(sizeOf([{}, {}]), 'size unknown');
    assert.equal(sizeOf([{ size: 92 }, {}]), '92 B and 1 file of unknown size');
    assert.equal(sizeOf([]), '0 B');
  });

  it('progress counts one backed file in the singular', () => {
    let written = '';
    const stderr = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    const io: CliIo = { stdout: stderr, stderr, stderrIsTty: true, env: {}, cwd: '/' };
    const progress = createProgress(io, 'Snapshot');
    progress.update(1);
    progress.done();
    assert.equal(written, '\rSnapshot (1 backed file)\r\x1b[K');
  });
});

describe('diff and confirm wording', () => {
  const oneKnown = join(dir, 'one-known.json');
  const oneUnknown = join(dir, 'one-unknown.json');
  const mixed = join(dir, 'mixed.json');
  const empty = join(dir, 'empty.json');
  const ready = Promise.all([
    writeSnapshot(oneKnown, snapshotOf([wimFile('C:\\Windows\\win.ini', 92)])),
    // Offline, a compressed file's logical size is often unknown.
    writeSnapshot(oneUnknown, snapshotOf([compressedFile('C:\\Windows\\System32\\drivers\\etc\\hosts')])),
    writeSnapshot(
      mixed,
      snapshotOf([
        wimFile('C:\\Windows\\win.ini', 92),
        compressedFile('C:\\Windows\\a.dll'),
        compressedFile('C:\\Windows\\b.dll'),
      ]),
    ),
    writeSnapshot(empty, snapshotOf([])),
  ]);

  it('one lost file is "1 file LOST its backing", in a "1 backed file" snapshot', async () => {
    await ready;
    const run = await runWimbootCheck(['diff', oneKnown, empty]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^Before: .*one-known\.json \(.*, DEVICE-1, 1 backed file\)$/mu);
    assert.match(run.stdout, /^1 file LOST its backing: about 92 B now stored in full on the volume$/mu);
    const gained = await runWimbootCheck(['diff', empty, oneKnown]);
    assert.match(gained.stdout, /^1 file gained backing \(92 B\):$/mu);
  });

  it('a lost file of unknown size is said to be of unknown size, not 0 B', async () => {
    await ready;
    const unknown = await runWimbootCheck(['diff', oneUnknown, empty]);
    assert.match(
      unknown.stdout,
      /^1 file LOST its backing: its size is unknown \(the snapshot does not record it\)$/mu,
    );
    assert.doesNotMatch(unknown.stdout, /0 B now stored/u);
    const some = await runWimbootCheck(['diff', mixed, empty]);
    assert.match(
      some.stdout,
      /^3 files LOST their backing: about 92 B now stored in full on the volume, and 2 files of unknown size$/mu,
    );
  });

  it('confirm: "1 wimboot finding", "1 file", and an unknown size at risk said as unknown', async () => {
    await ready;
    const hosts = lintReport('hosts.json', ['C:\\Windows\\System32\\drivers\\etc\\hosts']);
    const run = await runWimbootCheck(['confirm', hosts, '--snapshot', oneUnknown]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^Checked 1 wimboot finding against snapshot /mu);
    assert.match(run.stdout, /CONFIRMED .* 1 file, size unknown /u);
    assert.match(
      run.stdout,
      /^1 confirmed, 0 not backed, 0 missing, 0 unresolved; size unknown at risk of rehydration\.$/mu,
    );
    assert.doesNotMatch(run.stdout, /0 B at risk/u);
    const known = await runWimbootCheck(['confirm', lintReport('ini.json', ['C:\\Windows\\*']), '--snapshot', mixed]);
    assert.match(known.stdout, /3 files, 92 B and 2 files of unknown size/u);
    assert.match(known.stdout, /; 92 B and 2 files of unknown size at risk of rehydration\.$/mu);
    const none = await runWimbootCheck(['confirm', hosts, '--snapshot', empty]);
    assert.match(none.stdout, /; nothing at risk of rehydration\.$/mu);
  });
});
