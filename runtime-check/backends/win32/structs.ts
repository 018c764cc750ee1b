/**
 * Decoders and encoders for the WOF structures, from the documented byte
 * offsets (x64 and arm64 share the LLP64 layout; everything little-endian).
 * Pure Buffer code so it is unit-tested on any OS. See
 * docs/runtime-check-device.md for the sources of each layout.
 */
import type { Algorithm, Provider, SourceState } from '../backend.js';

export const WOF_CURRENT_VERSION = 1;
export const WOF_PROVIDER_WIM = 1;
export const WOF_PROVIDER_FILE = 2;

/** Size of the fixed part of WIM_PROVIDER_OVERLAY_ENTRY. */
export const OVERLAY_ENTRY_SIZE = 48;
/** WOF_EXTERNAL_FILE_ID is one FILE_ID_128. */
export const EXTERNAL_FILE_ID_SIZE = 16;
/** FILE_ID_DESCRIPTOR: dwSize, Type, 16-byte union aligned to 8. */
export const FILE_ID_DESCRIPTOR_SIZE = 24;
export const EXTENDED_FILE_ID_TYPE = 2;

const ALGORITHMS: readonly Algorithm[] = ['XPRESS4K', 'LZX', 'XPRESS8K', 'XPRESS16K'];

export class StructError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StructError';
  }
}

function need(buf: Buffer, end: number, what: string): void {
  if (buf.length < end) throw new StructError(`${what}: need ${end} bytes, got ${buf.length}`);
}

/** WOF_EXTERNAL_INFO {Version, Provider}: the input of ENUM_OVERLAY and GET_WOF_VERSION. */
export function encodeWofExternalInfo(provider: number): Buffer {
  const buf = Buffer.alloc(8);
  buf.writeUInt32LE(WOF_CURRENT_VERSION, 0);
  buf.writeUInt32LE(provider, 4);
  return buf;
}

/** Flags shared by WIM_PROVIDER_EXTERNAL_INFO and WIM_PROVIDER_OVERLAY_ENTRY. */
export function sourceState(flags: number): SourceState {
  if (flags & 1) return 'not-active';
  if (flags & 2) return 'suspended';
  return 'active';
}

/** Data1 u32, Data2 u16, Data3 u16 little-endian, then Data4 as 8 raw bytes. */
export function formatGuid(buf: Buffer, offset = 0): string {
  need(buf, offset + 16, 'GUID');
  const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');
  const d4 = buf
    .subarray(offset + 8, offset + 16)
    .toString('hex')
    .toUpperCase();
  return `{${hex(buf.readUInt32LE(offset), 8)}-${hex(buf.readUInt16LE(offset + 4), 4)}-${hex(buf.readUInt16LE(offset + 6), 4)}-${d4.slice(0, 4)}-${d4.slice(4)}}`;
}

export type ExternalBacking =
  | {
      provider: 'wim';
      version: number;
      dataSourceId: number;
      state: SourceState;
      /** ResourceHash (SHA-1 of the unnamed stream), lowercase hex. */
      resourceHash: string;
    }
  | { provider: 'file'; version: number; algorithm: Algorithm; flags: number }
  | { provider: 'unknown'; providerId: number };

function safeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < 0n) throw new StructError(`${what} out of range: ${value}`);
  return Number(value);
}

/**
 * Output of FSCTL_GET_EXTERNAL_BACKING: WOF_EXTERNAL_INFO (8 bytes) followed by
 * WIM_PROVIDER_EXTERNAL_INFO (Version@0, Flags@4, DataSourceId@8, ResourceHash[20]@16)
 * or FILE_PROVIDER_EXTERNAL_INFO_V1 (Version@0, Algorithm@4, Flags@8).
 */
export function decodeExternalBacking(buf: Buffer): ExternalBacking {
  need(buf, 8, 'WOF_EXTERNAL_INFO');
  const provider = buf.readUInt32LE(4);
  if (provider === WOF_PROVIDER_WIM) {
    // 36 bytes of data; the 4 bytes of tail padding need not be returned.
    need(buf, 8 + 36, 'WIM_PROVIDER_EXTERNAL_INFO');
    return {
      provider: 'wim',
      version: buf.readUInt32LE(8),
      state: sourceState(buf.readUInt32LE(12)),
      dataSourceId: safeNumber(buf.readBigInt64LE(16), 'DataSourceId'),
      resourceHash: buf.subarray(24, 44).toString('hex'),
    };
  }
  if (provider === WOF_PROVIDER_FILE) {
    // V0 has no Flags, so 8 bytes of provider data are enough.
    need(buf, 8 + 8, 'FILE_PROVIDER_EXTERNAL_INFO');
    const algorithmId = buf.readUInt32LE(12);
    const algorithm = ALGORITHMS[algorithmId];
    if (!algorithm) throw new StructError(`unknown FILE provider algorithm ${algorithmId}`);
    return {
      provider: 'file',
      version: buf.readUInt32LE(8),
      algorithm,
      flags: buf.length >= 20 ? buf.readUInt32LE(16) : 0,
    };
  }
  return { provider: 'unknown', providerId: provider };
}

export function providerName(backing: ExternalBacking): Provider | undefined {
  return backing.provider === 'unknown' ? undefined : backing.provider;
}

export interface OverlayEntry {
  dataSourceId: number;
  wimGuid: string;
  wimPath: string;
  wimType: number;
  wimIndex: number;
  flags: number;
  state: SourceState;
}

function readUtf16z(buf: Buffer, start: number, what: string): string {
  if (start < 0 || start > buf.length)
    throw new StructError(`${what}: offset ${start} outside ${buf.length}-byte buffer`);
  let end = start;
  while (end + 1 < buf.length && buf.readUInt16LE(end) !== 0) end += 2;
  if (end + 1 >= buf.length) throw new StructError(`${what}: string at ${start} is not NUL-terminated`);
  return buf.toString('utf16le', start, end);
}

/**
 * Output of FSCTL_ENUM_OVERLAY: a chain of WIM_PROVIDER_OVERLAY_ENTRY
 * (NextEntryOffset@0, DataSourceId@8, WimGuid@16, WimFileNameOffset@32,
 * WimType@36, WimIndex@40, Flags@44); both offsets count from the entry start.
 */
export function decodeOverlayEntries(buf: Buffer, length = buf.length): OverlayEntry[] {
  const data = buf.subarray(0, length);
  const entries: OverlayEntry[] = [];
  if (data.length === 0) return entries;
  let at = 0;
  for (;;) {
    need(data, at + OVERLAY_ENTRY_SIZE, `WIM_PROVIDER_OVERLAY_ENTRY at ${at}`);
    const next = data.readUInt32LE(at);
    const flags = data.readUInt32LE(at + 44);
    entries.push({
      dataSourceId: safeNumber(data.readBigInt64LE(at + 8), 'DataSourceId'),
      wimGuid: formatGuid(data, at + 16),
      wimPath: readUtf16z(data, at + data.readUInt32LE(at + 32), 'WimFileName'),
      wimType: data.readUInt32LE(at + 36),
      wimIndex: data.readUInt32LE(at + 40),
      flags,
      state: sourceState(flags),
    });
    if (next === 0) return entries;
    // A chain must move forward; anything else is corrupt and would loop.
    if (next < OVERLAY_ENTRY_SIZE) throw new StructError(`NextEntryOffset ${next} at ${at} is too small`);
    at += next;
  }
}

/** WOF_VERSION_INFO {ULONG WofVersion}: major = HIBYTE(HIWORD), minor = LOBYTE(HIWORD), build = LOWORD. */
export function decodeWofVersion(buf: Buffer): string {
  need(buf, 4, 'WOF_VERSION_INFO');
  const v = buf.readUInt32LE(0);
  return `${(v >>> 24) & 0xff}.${(v >>> 16) & 0xff}.${v & 0xffff}`;
}

/** Splits FSCTL_ENUM_EXTERNAL_BACKING output into 16-byte WOF_EXTERNAL_FILE_IDs. */
export function decodeExternalFileIds(buf: Buffer, length: number): Buffer[] {
  if (length % EXTERNAL_FILE_ID_SIZE !== 0) {
    throw new StructError(`ENUM_EXTERNAL_BACKING returned ${length} bytes, not a multiple of 16`);
  }
  const ids: Buffer[] = [];
  for (let at = 0; at < length; at += EXTERNAL_FILE_ID_SIZE) {
    ids.push(Buffer.from(buf.subarray(at, at + EXTERNAL_FILE_ID_SIZE)));
  }
  return ids;
}

/** FILE_ID_DESCRIPTOR {dwSize=24, Type=ExtendedFileIdType, FILE_ID_128 @8} for OpenFileById. */
export function encodeFileIdDescriptor(id: Buffer): Buffer {
  if (id.length !== EXTERNAL_FILE_ID_SIZE) throw new StructError(`file id must be 16 bytes, got ${id.length}`);
  const buf = Buffer.alloc(FILE_ID_DESCRIPTOR_SIZE);
  buf.writeUInt32LE(FILE_ID_DESCRIPTOR_SIZE, 0);
  buf.writeUInt32LE(EXTENDED_FILE_ID_TYPE, 4);
  id.copy(buf, 8);
  return buf;
}
