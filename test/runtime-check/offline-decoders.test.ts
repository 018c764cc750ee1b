import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeWofReparse, WofReparseError } from '../../runtime-check/backends/offline-ntfs/reparse.js';
import { parseWimOverlay } from '../../runtime-check/backends/offline-ntfs/wim-overlay.js';
import { fileReparseData, wimOverlayDat, wimReparseData } from './helpers/wof-data.js';

describe('WOF reparse data (system.ntfs_reparse_data)', () => {
  it('decodes the 96-byte WIM provider layout', () => {
    const data = wimReparseData({
      dataSourceId: 7,
      size: 201_216,
      resourceSize: 90_000,
      flags: 2,
      hash: 'ab'.repeat(20),
    });
    assert.equal(data.length, 96);
    assert.deepEqual(decodeWofReparse(data), {
      provider: 'wim',
      flags: 2,
      dataSourceId: 7,
      resourceHash: 'ab'.repeat(20),
      size: 201_216,
      resourceSize: 90_000,
    });
  });

  it('decodes the 24-byte FILE provider layout and the 28-byte V1 variant', () => {
    assert.deepEqual(decodeWofReparse(fileReparseData(0)), { provider: 'file', algorithm: 'XPRESS4K' });
    assert.deepEqual(decodeWofReparse(fileReparseData(3, 20)), { provider: 'file', algorithm: 'XPRESS16K' });
    // A literal xattr as setfattr/getfattr show it: LZX.
    assert.deepEqual(decodeWofReparse(Buffer.from('170000801000000001000000020000000100000001000000', 'hex')), {
      provider: 'file',
      algorithm: 'LZX',
    });
  });

  it('returns null for other reparse points (symlinks, junctions)', () => {
    assert.equal(decodeWofReparse(Buffer.from('0c0000a00c00000000000000000000000000000000', 'hex')), null);
    assert.equal(decodeWofReparse(Buffer.alloc(2)), null);
  });

  it('reports an unknown provider, WOF version, provider version or algorithm as such', () => {
    const cloud = fileReparseData(0);
    cloud.writeUInt32LE(3, 12);
    assert.deepEqual(decodeWofReparse(cloud), { provider: 'unknown', providerId: 3 });
    assert.deepEqual(decodeWofReparse(fileReparseData(4)), { provider: 'file', algorithm: 'unknown-4' });
    assert.deepEqual(decodeWofReparse(fileReparseData(9)), { provider: 'file', algorithm: 'unknown-9' });
    const newWof = fileReparseData(0);
    newWof.writeUInt32LE(5, 8);
    assert.deepEqual(decodeWofReparse(newWof), { provider: 'unknown', providerId: 2, wofVersion: 5 });
    const newWim = wimReparseData({ dataSourceId: 1, size: 1 });
    newWim.writeUInt32LE(3, 16);
    assert.deepEqual(decodeWofReparse(newWim), { provider: 'wim', providerVersion: 3 });
    const newFile = fileReparseData(1);
    newFile.writeUInt32LE(2, 16);
    assert.deepEqual(decodeWofReparse(newFile), { provider: 'file', providerVersion: 2 });
  });

  it('rejects truncated or inconsistent WOF data, saying what was expected', () => {
    assert.throws(
      () => decodeWofReparse(wimReparseData({ dataSourceId: 1, size: 1 }).subarray(0, 60)),
      /header says 88 data bytes, but only 52/u,
    );
    const shortWim = wimReparseData({ dataSourceId: 1, size: 1 }).subarray(0, 40);
    shortWim.writeUInt16LE(32, 4);
    assert.throws(
      () => decodeWofReparse(shortWim),
      (error: unknown) =>
        error instanceof WofReparseError && /expected 88 data bytes for the WIM provider, got 32/u.test(error.message),
    );
    const noProviderVersion = fileReparseData(0).subarray(0, 16);
    noProviderVersion.writeUInt16LE(8, 4);
    assert.throws(() => decodeWofReparse(noProviderVersion), /expected a provider version after the WOF header/u);
  });
});

describe('WimOverlay.dat', () => {
  const entries = [
    {
      dataSourceId: 0,
      wimType: 1,
      wimIndex: 1,
      wimGuid: '{3A4B5C6D-1122-3344-5566-778899AABBCC}',
      wimPath: '\\Windows Images\\install.wim',
      partitionGuid: '{0F0E0D0C-0B0A-0908-0706-050403020100}',
      diskGuid: '{A0A1A2A3-B0B1-C0C1-D0D1-E0E1E2E3E4E5}',
    },
    {
      dataSourceId: 4,
      wimType: 0,
      wimIndex: 2,
      wimGuid: '{00000001-0002-0003-0405-060708090A0B}',
      wimPath: '\\Recovery\\custom.wim',
      partitionGuid: '{11111111-2222-3333-4444-555555555555}',
      diskGuid: '{A0A1A2A3-B0B1-C0C1-D0D1-E0E1E2E3E4E5}',
    },
  ];

  it('lists every data source with its GUID, index, type, path and partition', () => {
    assert.deepEqual(parseWimOverlay(wimOverlayDat(entries)), [
      {
        dataSourceId: 0,
        provider: 'wim',
        wimPath: '\\Windows Images\\install.wim',
        wimGuid: '{3A4B5C6D-1122-3344-5566-778899AABBCC}',
        wimIndex: 1,
        wimType: 1,
        state: 'unknown',
        wimPartition: 'gpt:{0F0E0D0C-0B0A-0908-0706-050403020100}',
      },
      {
        dataSourceId: 4,
        provider: 'wim',
        wimPath: '\\Recovery\\custom.wim',
        wimGuid: '{00000001-0002-0003-0405-060708090A0B}',
        wimIndex: 2,
        wimType: 0,
        state: 'unknown',
        wimPartition: 'gpt:{11111111-2222-3333-4444-555555555555}',
      },
    ]);
  });

  it('reads the GUID bytes in Windows order (Data1-3 little-endian)', () => {
    const data = wimOverlayDat(entries.slice(0, 1));
    assert.equal(data.subarray(24 + 24, 24 + 32).toString('hex'), '6d5c4b3a22114433');
  });

  it('rejects a bad magic or entries outside the file, naming the byte offset', () => {
    const data = wimOverlayDat(entries);
    const badMagic = Buffer.from(data);
    badMagic.writeUInt32LE(0, 0);
    assert.throws(() => parseWimOverlay(badMagic, 'W.dat'), /W\.dat: byte 0: expected magic 0x66436f57, got 0x0/u);
    assert.throws(
      () => parseWimOverlay(data.subarray(0, 110), 'W.dat'),
      /W\.dat: byte 32: entry 0: expected a location record/u,
    );
    assert.throws(
      () => parseWimOverlay(data.subarray(0, 100), 'W.dat'),
      /W\.dat: byte 12: 2 entries do not fit in 100 bytes/u,
    );
    assert.throws(() => parseWimOverlay(data.subarray(0, 10), 'W.dat'), /expected a 24-byte header, got 10 bytes/u);
  });
});
