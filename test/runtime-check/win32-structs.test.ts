// Byte-fixture tests of the WOF struct decoders (runtime-check/backends/win32/structs.ts).
// Fixtures are written out as hex from the documented offsets, not produced by
// the encoders under test.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  StructError,
  decodeExternalBacking,
  decodeExternalFileIds,
  decodeOverlayEntries,
  decodeWofVersion,
  encodeFileIdDescriptor,
  encodeWofExternalInfo,
  formatGuid,
  sourceState,
} from '../../runtime-check/backends/win32/structs.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const utf16z = (s: string) => Buffer.from(`${s}\0`, 'utf16le');

describe('win32 structs: GUID', () => {
  it('formats Data1/2/3 little-endian and Data4 as raw bytes', () => {
    const guid = hex('33221100 5544 7766 8899 aabbccddeeff');
    assert.equal(formatGuid(guid), '{00112233-4455-6677-8899-AABBCCDDEEFF}');
  });
  it('reads at an offset and refuses a short buffer', () => {
    assert.equal(
      formatGuid(Buffer.concat([Buffer.alloc(3), hex('78563412 3412 7856 0102 030405060708')]), 3),
      '{12345678-1234-5678-0102-030405060708}',
    );
    assert.throws(() => formatGuid(Buffer.alloc(15)), StructError);
  });
});

describe('win32 structs: WOF_EXTERNAL_INFO input', () => {
  it('is {Version=1, Provider} as two little-endian ULONGs', () => {
    assert.deepEqual(encodeWofExternalInfo(1), hex('01000000 01000000'));
    assert.deepEqual(encodeWofExternalInfo(2), hex('01000000 02000000'));
  });
});

describe('win32 structs: FSCTL_GET_EXTERNAL_BACKING output', () => {
  it('decodes WOF_EXTERNAL_INFO + WIM_PROVIDER_EXTERNAL_INFO (48 bytes)', () => {
    const buf = hex(
      '01000000 01000000' + // WOF_EXTERNAL_INFO {1, WIM}
        '01000000 00000000' + // Version 1, Flags 0 (active)
        '0700000000000000' + // DataSourceId 7
        '000102030405060708090a0b0c0d0e0f10111213' + // ResourceHash[20]
        '00000000', // tail padding
    );
    assert.deepEqual(decodeExternalBacking(buf), {
      provider: 'wim',
      version: 1,
      state: 'active',
      dataSourceId: 7,
      resourceHash: '000102030405060708090a0b0c0d0e0f10111213',
    });
  });

  it('accepts a WIM answer without the tail padding, and reads NOT_ACTIVE', () => {
    const buf = hex('01000000 01000000 01000000 01000000 2a00000000000000' + 'ff'.repeat(20));
    const backing = decodeExternalBacking(buf);
    assert.equal(backing.provider, 'wim');
    assert.equal('state' in backing && backing.state, 'not-active');
    assert.equal('dataSourceId' in backing && backing.dataSourceId, 42);
  });

  it('decodes FILE_PROVIDER_EXTERNAL_INFO_V1 for every algorithm', () => {
    const names = ['XPRESS4K', 'LZX', 'XPRESS8K', 'XPRESS16K'];
    for (const [id, name] of names.entries()) {
      const buf = hex(`01000000 02000000 01000000 0${id}000000 00000000`);
      assert.deepEqual(decodeExternalBacking(buf), { provider: 'file', version: 1, algorithm: name, flags: 0 });
    }
  });

  it('decodes a V0 FILE answer (no Flags) and reports the flags of V1', () => {
    assert.deepEqual(decodeExternalBacking(hex('01000000 02000000 01000000 01000000')), {
      provider: 'file',
      version: 1,
      algorithm: 'LZX',
      flags: 0,
    });
    const v1 = decodeExternalBacking(hex('01000000 02000000 01000000 00000000 01000000'));
    assert.equal('flags' in v1 && v1.flags, 1);
  });

  it('reports an unknown provider, WOF version, provider version or algorithm as such', () => {
    // WOF_PROVIDER_CLOUD (3) with some provider data.
    assert.deepEqual(decodeExternalBacking(hex('01000000 03000000 01000000 00000000')), {
      provider: 'unknown',
      providerId: 3,
    });
    assert.deepEqual(decodeExternalBacking(hex('01000000 03000000')), { provider: 'unknown', providerId: 3 });
    // FILE_PROVIDER_COMPRESSION_MAXIMUM (4) and beyond: still a FILE-provider file.
    assert.deepEqual(decodeExternalBacking(hex('01000000 02000000 01000000 04000000 00000000')), {
      provider: 'file',
      version: 1,
      algorithm: 'unknown-4',
      flags: 0,
    });
    // A WOF_EXTERNAL_INFO version other than 1: nothing after it can be trusted.
    assert.deepEqual(decodeExternalBacking(hex('02000000 01000000 01000000 00000000')), {
      provider: 'unknown',
      providerId: 1,
      wofVersion: 2,
    });
    // Provider structures of a version we cannot decode keep only the provider.
    assert.deepEqual(decodeExternalBacking(hex('01000000 01000000 02000000 00000000')), {
      provider: 'wim',
      providerVersion: 2,
    });
    assert.deepEqual(decodeExternalBacking(hex('01000000 02000000 07000000 00000000')), {
      provider: 'file',
      providerVersion: 7,
    });
  });

  it('refuses truncated data', () => {
    assert.throws(() => decodeExternalBacking(hex('01000000')), StructError);
    assert.throws(() => decodeExternalBacking(hex('01000000 01000000')), StructError);
    assert.throws(() => decodeExternalBacking(hex('01000000 01000000 01000000 00000000')), StructError);
    assert.throws(() => decodeExternalBacking(hex('01000000 02000000 01000000')), StructError);
  });
});

/** One WIM_PROVIDER_OVERLAY_ENTRY written field by field at its documented offset. */
function overlayEntry(
  next: number,
  id: number,
  guidHex: string,
  nameOffset: number,
  type: number,
  index: number,
  flags: number,
): Buffer {
  const buf = Buffer.alloc(48);
  buf.writeUInt32LE(next, 0);
  buf.writeBigInt64LE(BigInt(id), 8);
  hex(guidHex).copy(buf, 16);
  buf.writeUInt32LE(nameOffset, 32);
  buf.writeUInt32LE(type, 36);
  buf.writeUInt32LE(index, 40);
  buf.writeUInt32LE(flags, 44);
  return buf;
}

describe('win32 structs: FSCTL_ENUM_OVERLAY output', () => {
  it('walks the NextEntryOffset chain and reads each name from its own entry', () => {
    const name1 = utf16z('\\??\\D:\\images\\install.wim'); // 54 bytes
    const name2 = utf16z('\\??\\D:\\x.wim');
    const first = overlayEntry(48 + name1.length + 2, 1, '78563412 3412 7856 0102 030405060708', 48, 1, 1, 0);
    const second = overlayEntry(0, 3, '00000000 0000 0000 0000 000000000001', 48, 0, 2, 2);
    const buf = Buffer.concat([first, name1, Buffer.alloc(2), second, name2, Buffer.alloc(64)]);
    const used = first.length + name1.length + 2 + second.length + name2.length;
    assert.deepEqual(decodeOverlayEntries(buf, used), [
      {
        dataSourceId: 1,
        wimGuid: '{12345678-1234-5678-0102-030405060708}',
        wimPath: '\\??\\D:\\images\\install.wim',
        wimType: 1,
        wimIndex: 1,
        flags: 0,
        state: 'active',
      },
      {
        dataSourceId: 3,
        wimGuid: '{00000000-0000-0000-0000-000000000001}',
        wimPath: '\\??\\D:\\x.wim',
        wimType: 0,
        wimIndex: 2,
        flags: 2,
        state: 'suspended',
      },
    ]);
  });

  it('supports names placed after all entries (offsets are per entry)', () => {
    const name = utf16z('\\??\\E:\\a.wim');
    const a = overlayEntry(48, 5, '00'.repeat(16), 96, 1, 1, 1); // 96 = to the name, past entry b
    const b = overlayEntry(0, 6, '00'.repeat(16), 48, 1, 1, 0); // 48 from b's start = same name
    const entries = decodeOverlayEntries(Buffer.concat([a, b, name]));
    assert.deepEqual(
      entries.map((e) => [e.dataSourceId, e.wimPath, e.state]),
      [
        [5, '\\??\\E:\\a.wim', 'not-active'],
        [6, '\\??\\E:\\a.wim', 'active'],
      ],
    );
  });

  it('returns no entries for an empty answer', () => {
    assert.deepEqual(decodeOverlayEntries(Buffer.alloc(64), 0), []);
  });

  it('refuses a backward chain, a truncated entry and an unterminated name', () => {
    const name = utf16z('\\??\\a.wim');
    assert.throws(
      () => decodeOverlayEntries(Buffer.concat([overlayEntry(8, 1, '00'.repeat(16), 48, 1, 1, 0), name])),
      /too small/,
    );
    assert.throws(() => decodeOverlayEntries(Buffer.alloc(40)), StructError);
    const open = Buffer.concat([overlayEntry(0, 1, '00'.repeat(16), 48, 1, 1, 0), Buffer.from('abc', 'utf16le')]);
    assert.throws(() => decodeOverlayEntries(open), /NUL-terminated/);
    assert.throws(() => decodeOverlayEntries(overlayEntry(0, 1, '00'.repeat(16), 4096, 1, 1, 0)), /outside/);
  });
});

describe('win32 structs: WOF_VERSION_INFO', () => {
  it('splits HIBYTE(HIWORD).LOBYTE(HIWORD).LOWORD', () => {
    assert.equal(decodeWofVersion(hex('00000a01')), '1.10.0');
    assert.equal(decodeWofVersion(hex('39300201')), '1.2.12345');
    assert.throws(() => decodeWofVersion(hex('0102')), StructError);
  });
});

describe('win32 structs: WOF_EXTERNAL_FILE_ID and FILE_ID_DESCRIPTOR', () => {
  it('splits ENUM_EXTERNAL_BACKING output into 16-byte ids', () => {
    const buf = hex('0102030405060708 0000000000000000 1112131415161718 0000000000000000');
    assert.deepEqual(
      decodeExternalFileIds(buf, 32).map((id) => id.toString('hex')),
      ['01020304050607080000000000000000', '11121314151617180000000000000000'],
    );
    assert.deepEqual(decodeExternalFileIds(buf, 16).length, 1);
    assert.throws(() => decodeExternalFileIds(buf, 20), /multiple of 16/);
  });

  it('encodes {dwSize=24, Type=ExtendedFileIdType(2), FILE_ID_128 at 8}', () => {
    const id = hex('0102030405060708090a0b0c0d0e0f10');
    assert.deepEqual(encodeFileIdDescriptor(id), hex('18000000 02000000 0102030405060708090a0b0c0d0e0f10'));
    assert.throws(() => encodeFileIdDescriptor(Buffer.alloc(8)), StructError);
  });
});

describe('win32 structs: flags', () => {
  it('maps WIM_PROVIDER flags to states', () => {
    assert.deepEqual([0, 1, 2, 3].map(sourceState), ['active', 'not-active', 'suspended', 'not-active']);
  });
});
