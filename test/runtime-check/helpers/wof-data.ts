/**
 * Builds WOF on-disk structures byte by byte from the layouts in
 * docs/reference/wof-api.md §5, independently of the decoders
 * under test (which read them back).
 */

const WOF_TAG = 0x80000017;

export interface WimReparseInput {
  dataSourceId: number;
  size: number;
  resourceSize?: number;
  flags?: number;
  /** 20-byte SHA-1, hex; defaults to a recognisable pattern. */
  hash?: string;
}

/** The 96-byte `system.ntfs_reparse_data` of a WIM-backed file. */
export function wimReparseData(input: WimReparseInput): Buffer {
  const data = Buffer.alloc(96);
  data.writeUInt32LE(WOF_TAG, 0);
  data.writeUInt16LE(88, 4);
  data.writeUInt32LE(1, 8); // WOF version
  data.writeUInt32LE(1, 12); // provider WIM
  data.writeUInt32LE(2, 16); // WIM provider reparse version
  data.writeUInt32LE(input.flags ?? 0, 20);
  data.writeBigUInt64LE(BigInt(input.dataSourceId), 24);
  Buffer.from(input.hash ?? '11'.repeat(20), 'hex').copy(data, 32);
  Buffer.from('22'.repeat(20), 'hex').copy(data, 52);
  data.writeBigUInt64LE(BigInt(input.size), 72);
  data.writeBigUInt64LE(BigInt(input.resourceSize ?? Math.ceil(input.size / 2)), 80);
  data.writeBigUInt64LE(0x1000n, 88);
  return data;
}

/** The `system.ntfs_reparse_data` of a WOF-compressed file: 16 data bytes, or 20 (V1 struct). */
export function fileReparseData(algorithm: number, dataLength: 16 | 20 = 16): Buffer {
  const data = Buffer.alloc(8 + dataLength);
  data.writeUInt32LE(WOF_TAG, 0);
  data.writeUInt16LE(dataLength, 4);
  data.writeUInt32LE(1, 8);
  data.writeUInt32LE(2, 12); // provider FILE
  data.writeUInt32LE(1, 16); // file provider version
  data.writeUInt32LE(algorithm, 20);
  return data;
}

/** Any reparse point: tag, then `dataLength` bytes of a recognisable pattern. */
export function reparsePoint(tag: number, dataLength: number): Buffer {
  const data = Buffer.alloc(8 + dataLength);
  data.writeUInt32LE(tag, 0);
  data.writeUInt16LE(dataLength, 4);
  for (let i = 8; i < data.length; i += 1) {
    data[i] = i & 0xff;
  }
  return data;
}

/** A junction (IO_REPARSE_TAG_MOUNT_POINT) to an absolute Windows path such as `C:\\Windows`. */
export function junctionReparseData(target: string): Buffer {
  const substitute = Buffer.from(`\\??\\${target}`, 'utf16le');
  const print = Buffer.from(target, 'utf16le');
  const names = Buffer.concat([substitute, Buffer.alloc(2), print, Buffer.alloc(2)]);
  const header = Buffer.alloc(16);
  header.writeUInt32LE(0xa0000003, 0);
  header.writeUInt16LE(8 + names.length, 4);
  header.writeUInt16LE(0, 8); // SubstituteNameOffset
  header.writeUInt16LE(substitute.length, 10);
  header.writeUInt16LE(substitute.length + 2, 12); // PrintNameOffset
  header.writeUInt16LE(print.length, 14);
  return Buffer.concat([header, names]);
}

/** `0x...` as setfattr takes it. */
export function toSetfattrHex(data: Buffer): string {
  return `0x${data.toString('hex')}`;
}

function guidBytes(guid: string): Buffer {
  const hex = guid.replace(/[{}-]/gu, '');
  const bytes = Buffer.alloc(16);
  bytes.writeUInt32LE(Number.parseInt(hex.slice(0, 8), 16), 0);
  bytes.writeUInt16LE(Number.parseInt(hex.slice(8, 12), 16), 4);
  bytes.writeUInt16LE(Number.parseInt(hex.slice(12, 16), 16), 6);
  Buffer.from(hex.slice(16), 'hex').copy(bytes, 8);
  return bytes;
}

export interface OverlayEntryInput {
  dataSourceId: number;
  wimType: number;
  wimIndex: number;
  wimGuid: string;
  /** Path without drive letter, e.g. `\Windows Images\install.wim`. */
  wimPath: string;
  /** GPT partition GUID (partition table type 0). */
  partitionGuid: string;
  diskGuid: string;
}

/** `System Volume Information\WimOverlay.dat` listing the given data sources. */
export function wimOverlayDat(entries: readonly OverlayEntryInput[]): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0x66436f57, 0);
  header.writeUInt32LE(1, 4);
  header.writeUInt32LE(0x28, 8);
  header.writeUInt32LE(entries.length, 12);
  header.writeBigUInt64LE(BigInt(Math.max(0, ...entries.map((entry) => entry.dataSourceId)) + 1), 16);
  const entry1s: Buffer[] = [];
  const entry2s: Buffer[] = [];
  let offset = 24 + entries.length * 40;
  for (const entry of entries) {
    const name = Buffer.from(`${entry.wimPath}\0`, 'utf16le');
    const entry2 = Buffer.alloc(104 + name.length);
    guidBytes(entry.partitionGuid).copy(entry2, 48);
    entry2.writeUInt32LE(0, 68); // GPT
    guidBytes(entry.diskGuid).copy(entry2, 72);
    name.copy(entry2, 104);
    const entry1 = Buffer.alloc(40);
    entry1.writeBigUInt64LE(BigInt(entry.dataSourceId), 0);
    entry1.writeUInt32LE(offset, 8);
    entry1.writeUInt32LE(entry2.length, 12);
    entry1.writeUInt32LE(entry.wimType, 16);
    entry1.writeUInt32LE(entry.wimIndex, 20);
    guidBytes(entry.wimGuid).copy(entry1, 24);
    entry1s.push(entry1);
    entry2s.push(entry2);
    offset += entry2.length;
  }
  return Buffer.concat([header, ...entry1s, ...entry2s]);
}
