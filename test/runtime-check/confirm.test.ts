import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MemoryBackend } from '../../runtime-check/backends/memory.js';
import { confirmWithBackend, confirmWithSnapshot, globForPattern } from '../../runtime-check/confirm.js';
import type { Finding } from '../../runtime-check/report/finding.js';
import { writeSnapshot } from '../../runtime-check/snapshot/writer.js';
import { compressedFile, snapshotOf, tempDir, wimFile } from './helpers/temp.js';

const dir = tempDir();

const BACKED = [
  wimFile('C:\\Windows\\win.ini', 92),
  wimFile('C:\\Windows\\System32\\notepad.exe', 1000),
  compressedFile('C:\\Windows\\System32\\drivers\\etc\\hosts', 800),
];
const PLAIN = ['C:\\Users\\Public\\readme.txt', 'C:\\Windows\\System32\\new.log'];

function finding(line: number, ...patterns: string[]): Finding {
  return { file: '/src/app.ts', line, ruleId: 'wimboot/no-system-file-write', message: 'x', patterns };
}

const FINDINGS = [
  finding(1, 'C:\\Windows\\win.ini'),
  finding(2, 'C:\\Windows\\System32\\*'),
  finding(3, 'C:\\Users\\Public\\readme.txt'),
  finding(4, 'C:\\Windows\\missing.ini'),
  finding(5, '*'),
  finding(6, 'c:/windows/MISSING.ini', 'C:\\Windows\\win.ini'),
  finding(7, 'C:\\Users\\Public\\readme.txt', '*'),
  finding(8, 'E:\\data.bin'),
];

describe('confirm against a device backend', () => {
  const backend = new MemoryBackend({ volumes: [{ volume: 'C:', files: BACKED, plainFiles: PLAIN }] });

  it('classifies every finding and lists matches with the bytes at risk', async () => {
    const result = await confirmWithBackend(FINDINGS, backend);
    assert.deepEqual(
      result.findings.map((f) => [f.line, f.status, f.matches.map((m) => m.path), f.bytesAtRisk]),
      [
        [1, 'confirmed', ['C:\\Windows\\win.ini'], 92],
        [2, 'confirmed', ['C:\\Windows\\System32\\drivers\\etc\\hosts', 'C:\\Windows\\System32\\notepad.exe'], 1800],
        [3, 'not-backed', [], 0],
        [4, 'missing', [], 0],
        [5, 'unresolved', [], 0],
        [6, 'confirmed', ['C:\\Windows\\win.ini'], 92],
        [7, 'unresolved', [], 0],
        [8, 'unresolved', [], 0],
      ],
    );
    assert.match(result.findings[7]?.note ?? '', /E: is not known/u);
    assert.deepEqual(result.counts, { confirmed: 3, 'not-backed': 1, missing: 1, unresolved: 3 });
    // Distinct files: win.ini counted once although two findings match it.
    assert.equal(result.bytesAtRisk, 92 + 1000 + 800);
    assert.equal(result.findings[5]?.pattern, 'c:/windows/MISSING.ini | C:\\Windows\\win.ini');
  });
});

describe('confirm against a snapshot', () => {
  it('gives the same verdicts, except that unlisted paths are not-backed', async () => {
    const file = join(dir, 'snap.json');
    await writeSnapshot(
      file,
      snapshotOf([...BACKED, ...Array.from({ length: 2000 }, (_, i) => wimFile(`C:\\Program Files\\x${i}.dll`, 1))]),
    );
    const result = confirmWithSnapshot(FINDINGS, file);
    assert.deepEqual(
      result.findings.map((f) => [f.line, f.status, f.matches.length]),
      [
        [1, 'confirmed', 1],
        [2, 'confirmed', 2],
        [3, 'not-backed', 0],
        [4, 'not-backed', 0],
        [5, 'unresolved', 0],
        [6, 'confirmed', 1],
        [7, 'unresolved', 0],
        [8, 'unresolved', 0],
      ],
    );
    assert.equal(result.findings[7]?.note, 'the snapshot does not cover E:');
    assert.deepEqual(result.against, { kind: 'snapshot', file, takenAt: '2026-11-21T05:00:00.000Z', host: 'DEVICE-1' });
    assert.equal(result.bytesAtRisk, 1892);
  });

  it('a pattern with a leading * still scans every file', async () => {
    const file = join(dir, 'snap-leading.json');
    await writeSnapshot(file, snapshotOf(BACKED));
    const result = confirmWithSnapshot([finding(1, '*\\hosts')], file);
    assert.deepEqual(
      result.findings[0]?.matches.map((m) => m.path),
      ['C:\\Windows\\System32\\drivers\\etc\\hosts'],
    );
  });
});

describe('globForPattern', () => {
  it('searches from the fixed folder and escapes glob syntax in it', () => {
    assert.equal(globForPattern('C:\\Windows\\win.ini'), 'C:\\Windows\\win.ini');
    assert.equal(globForPattern('C:\\Windows\\*.ini'), 'C:/Windows/**');
    assert.equal(globForPattern('C:\\Program Files (x86)\\App*\\a.dll'), 'C:/Program Files [(]x86[)]/**');
    assert.equal(globForPattern('*\\hosts'), null);
  });
});
