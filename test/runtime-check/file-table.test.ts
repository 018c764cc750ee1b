import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BackedFile } from '../../runtime-check/backends/backend.js';
import { backingCode, FileTable } from '../../runtime-check/file-table.js';

/** One row per kind of backing a snapshot can hold, known to this version or not. */
const ROWS: readonly BackedFile[] = [
  { path: 'C:\\Windows\\a.dll', provider: 'wim', dataSourceId: 0, size: 10 },
  { path: 'C:\\Windows\\b.dll', provider: 'wim', dataSourceId: 1 },
  { path: 'C:\\Windows\\c.dll', provider: 'wim' },
  { path: 'C:\\Windows\\d.dll', provider: 'file', algorithm: 'XPRESS4K', size: 5, sizeOnDisk: 2 },
  { path: 'C:\\Windows\\e.dll', provider: 'file', algorithm: 'LZX' },
  { path: 'C:\\Windows\\f.dll', provider: 'file', algorithm: 'XPRESS8K' },
  { path: 'C:\\Windows\\g.dll', provider: 'file', algorithm: 'XPRESS16K' },
  { path: 'C:\\Windows\\h.dll', provider: 'file' },
  { path: 'C:\\Windows\\i.dll', provider: 'file', algorithm: 'unknown-4' },
  { path: 'C:\\Windows\\j.dll', provider: 'file', algorithm: 'unknown-5' },
  { path: 'C:\\Users\\me\\cloud.docx', provider: 'unknown', providerId: 3 },
  { path: 'C:\\Users\\me\\other.docx', provider: 'unknown', providerId: 4 },
  { path: 'C:\\Windows\\k.dll', provider: 'file', providerVersion: 2 },
];

describe('FileTable (a snapshot held compactly for diff)', () => {
  it('gives every entry back as it was read, an unknown algorithm or provider included', () => {
    const table = new FileTable();
    const slots = ROWS.map((row) => table.add(row));
    assert.deepEqual(
      slots.map((slot) => table.entryOf(slot)),
      ROWS,
    );
  });

  it('gives different backings different codes, so a change of backing is seen', () => {
    const codes = ROWS.filter((row) => row.providerVersion === undefined).map(backingCode);
    assert.equal(new Set(codes).size, codes.length, codes.join(', '));
  });

  it('refuses a path it already holds', () => {
    const table = new FileTable();
    assert.equal(table.add(ROWS[0]!), 0);
    assert.equal(table.add({ ...ROWS[0]!, provider: 'file' }), -1);
  });
});
