import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { diffSnapshotFiles } from '../../runtime-check/diff.js';
import type { Finding } from '../../runtime-check/report/finding.js';
import { writeSnapshot } from '../../runtime-check/snapshot/writer.js';
import { SOURCE_1, compressedFile, snapshotOf, tempDir, wimFile } from './helpers/temp.js';

const dir = tempDir();

async function pair(
  name: string,
  before: Parameters<typeof snapshotOf>,
  after: Parameters<typeof snapshotOf>,
): Promise<[string, string]> {
  const beforeFile = join(dir, `${name}-before.json`);
  const afterFile = join(dir, `${name}-after.json`);
  await writeSnapshot(beforeFile, snapshotOf(...before));
  await writeSnapshot(afterFile, snapshotOf(...after));
  return [beforeFile, afterFile];
}

function finding(line: number, ...patterns: string[]): Finding {
  return { file: '/src/app.ts', line, ruleId: 'wimboot/no-system-file-write', message: 'x', patterns };
}

describe('diff', () => {
  it('finds lost, gained and changed files, case-insensitively, with bytes', async () => {
    const [before, after] = await pair(
      'basic',
      [
        [
          wimFile('C:\\Windows\\win.ini', 92),
          wimFile('C:\\Windows\\System32\\notepad.exe', 1000),
          compressedFile('C:\\Tools\\a.exe', 300),
          wimFile('C:\\Windows\\same.dll', 7),
        ],
      ],
      [
        [
          wimFile('c:\\WINDOWS\\win.ini', 92),
          compressedFile('C:\\Tools\\b.exe', 50),
          wimFile('C:\\Tools\\a.exe', 300),
          wimFile('C:\\Windows\\same.dll', 7),
        ],
      ],
    );
    const diff = diffSnapshotFiles(before, after);
    assert.deepEqual(
      diff.lost.map((file) => file.path),
      ['C:\\Windows\\System32\\notepad.exe'],
    );
    assert.deepEqual(
      diff.gained.map((file) => file.path),
      ['C:\\Tools\\b.exe'],
    );
    assert.deepEqual(
      diff.changed.map((change) => [change.path, change.before.provider, change.after.provider]),
      [['C:\\Tools\\a.exe', 'file', 'wim']],
    );
    assert.equal(diff.bytesLost, 1000);
    assert.equal(diff.bytesGained, 50);
    assert.deepEqual([diff.before.files, diff.after.files, diff.before.host], [4, 4, 'DEVICE-1']);
    assert.equal(diff.lostWithoutFinding, undefined);
  });

  it('keeps unknown fields of lost and changed entries (read back from BEFORE)', async () => {
    const lostFile = { ...wimFile('C:\\Windows\\old.dll', 3), futureField: { x: 1 } };
    const changedFile = { ...compressedFile('C:\\Tools\\c.exe', 9), hint: 'é' };
    const [before, after] = await pair(
      'unknown',
      [[wimFile('C:\\keep', 1), lostFile, changedFile]],
      [[wimFile('C:\\keep', 1), wimFile('C:\\Tools\\c.exe', 9)]],
    );
    const diff = diffSnapshotFiles(before, after);
    assert.deepEqual(diff.lost, [lostFile]);
    assert.deepEqual(
      diff.changed.map((change) => change.before),
      [changedFile],
    );
  });

  it('reports nothing for identical snapshots', async () => {
    const files = [wimFile('C:\\a', 1), compressedFile('C:\\b', 2)];
    const [before, after] = await pair('same', [files], [files]);
    const diff = diffSnapshotFiles(before, after);
    assert.deepEqual(
      [diff.lost, diff.gained, diff.changed, diff.sourcesAdded, diff.sourcesRemoved, diff.sourcesChanged],
      [[], [], [], [], [], []],
    );
  });

  it('reports data sources added, removed and changed', async () => {
    const source2 = { ...SOURCE_1, dataSourceId: 2, wimPath: '\\??\\D:\\two.wim' };
    const source3 = { ...SOURCE_1, dataSourceId: 3 };
    const [before, after] = await pair(
      'sources',
      [[], [SOURCE_1, source2]],
      [[], [{ ...SOURCE_1, state: 'not-active' }, source3]],
    );
    const diff = diffSnapshotFiles(before, after);
    assert.deepEqual(
      diff.sourcesAdded.map((source) => [source.volume, source.dataSourceId]),
      [['C:', 3]],
    );
    assert.deepEqual(
      diff.sourcesRemoved.map((source) => source.dataSourceId),
      [2],
    );
    assert.deepEqual(
      diff.sourcesChanged.map((change) => [change.dataSourceId, change.before.state, change.after.state]),
      [[1, 'active', 'not-active']],
    );
  });

  it('maps lost files to the findings whose pattern matches', async () => {
    const [before, after] = await pair(
      'report',
      [
        [
          wimFile('C:\\Windows\\win.ini', 92),
          wimFile('C:\\Windows\\System32\\drivers\\etc\\hosts', 800),
          wimFile('C:\\Windows\\explorer.exe', 5),
        ],
      ],
      [[]],
    );
    const diff = diffSnapshotFiles(before, after, [
      finding(10, 'C:\\Windows\\WIN.INI'),
      finding(20, 'C:\\Windows\\System32\\*'),
      finding(30, 'D:\\other.txt', 'C:/Windows/*.ini'),
      finding(40, '*'),
    ]);
    assert.deepEqual(
      diff.lost.map((file) => [file.path, (file.findings ?? []).map((ref) => ref.line)]),
      [
        ['C:\\Windows\\explorer.exe', [40]],
        ['C:\\Windows\\System32\\drivers\\etc\\hosts', [20, 40]],
        ['C:\\Windows\\win.ini', [10, 30, 40]],
      ],
    );
    assert.equal(diff.lost[2]?.findings?.[1]?.pattern, 'D:\\other.txt | C:/Windows/*.ini');
    assert.equal(diff.lostWithoutFinding, 0);
  });

  it('counts lost files no finding explains', async () => {
    const [before, after] = await pair(
      'unexplained',
      [[wimFile('C:\\Windows\\a.dll', 1), wimFile('C:\\Windows\\b.dll', 1)]],
      [[]],
    );
    const diff = diffSnapshotFiles(before, after, [finding(1, 'C:\\Windows\\a.dll')]);
    assert.equal(diff.lostWithoutFinding, 1);
    assert.equal(diff.lost[1]?.findings, undefined);
  });
});
