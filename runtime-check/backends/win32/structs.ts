/**
 * Decoders and encoders for the WOF structures, from the documented byte
 * offsets (x64 and arm64 share the LLP64 layout; everything little-endian).
 * Pure Buffer code so it is unit-tested on any OS. See
 * docs/runtime-check-device.md for the sources of each layout.
 */
import { algorithmName, type Algorithm, type SourceState } from '../../../formats/backing.js';

import { FILE_PROVIDER_CURRENT_VERSION, WOF_CURRENT_VERSION, WOF_PROVIDER_FILE, WOF_PROVIDER_WIM } from '../wof-sdk.js';

export { WOF_PROVIDER_FILE, WOF_PROVIDER_WIM } from '../wof-sdk.js';
/** WIM_PROVIDER_CURRENT_VERSION: the WIM provider structure version we can decode. */
export const WIM_PROVIDER_CURRENT_VERSION = 1;
export const EXTENDED_FILE_ID_TYPE = 2;
/** Flags of WIM_PROVIDER_EXTERNAL_INFO and WIM_PROVIDER_OVERLAY_ENTRY. */
export const WIM_PROVIDER_EXTERNAL_FLAG_NOT_ACTIVE = 1;
export const WIM_PROVIDER_EXTERNAL_FLAG_SUSPENDED = 2;

/**
 * Size and field offsets of every structure the decoders read or the
 * encoders write, from the SDK definitions (x64 and arm64 share them).
 * test/wine/native/header-check.c pins each one to the mingw-w64 headers, or
 * to the Microsoft Learn field lists where those headers lack the structure.
 */
export const LAYOUT = {
  WOF_EXTERNAL_INFO: { size: 8, Version: 0, Provider: 4 },
  WIM_PROVIDER_EXTERNAL_INFO: { size: 40, Version: 0, Flags: 4, DataSourceId: 8, ResourceHash: 16 },
  FILE_PROVIDER_EXTERNAL_INFO_V0: { size: 8, Version: 0, Algorithm: 4 },
  FILE_PROVIDER_EXTERNAL_INFO_V1: { size: 12, Version: 0, Algorithm: 4, Flags: 8 },
  WIM_PROVIDER_OVERLAY_ENTRY: {
    size: 48,
    NextEntryOffset: 0,
    DataSourceId: 8,
    WimGuid: 16,
    WimFileNameOffset: 32,
    WimType: 36,
    WimIndex: 40,
    Flags: 44,
  },
  WOF_VERSION_INFO: { size: 4, WofVersion: 0 },
  WOF_EXTERNAL_FILE_ID: { size: 16, FileId: 0 },
  FILE_ID_DESCRIPTOR: { size: 24, dwSize: 0, Type: 4, ExtendedFileId: 8 },
  GUID: { size: 16, Data1: 0, Data2: 4, Data3: 6, Data4: 8 },
} as const;

/** WIM_PROVIDER_HASH_SIZE. */
export const WIM_PROVIDER_HASH_SIZE = 20;
/** Size of the fixed part of WIM_PROVIDER_OVERLAY_ENTRY. */
export const OVERLAY_ENTRY_SIZE = LAYOUT.WIM_PROVIDER_OVERLAY_ENTRY.size;
/** WOF_EXTERNAL_FILE_ID is one FILE_ID_128. */
export const EXTERNAL_FILE_ID_SIZE = LAYOUT.WOF_EXTERNAL_FILE_ID.size;
/** FILE_ID_DESCRIPTOR: dwSize, Type, 16-byte union aligned to 8. */
export const FILE_ID_DESCRIPTOR_SIZE = LAYOUT.FILE_ID_DESCRIPTOR.size;

const WOF = LAYOUT.WOF_EXTERNAL_INFO;
const WIM = LAYOUT.WIM_PROVIDER_EXTERNAL_INFO;
const FILE_V0 = LAYOUT.FILE_PROVIDER_EXTERNAL_INFO_V0;
const FILE_V1 = LAYOUT.FILE_PROVIDER_EXTERNAL_INFO_V1;
const ENTRY = LAYOUT.WIM_PROVIDER_OVERLAY_ENTRY;
const GUID = LAYOUT.GUID;

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
  const buf = Buffer.alloc(WOF.size);
  buf.writeUInt32LE(WOF_CURRENT_VERSION, WOF.Version);
  buf.writeUInt32LE(provider, WOF.Provider);
  return buf;
}

/** Flags shared by WIM_PROVIDER_EXTERNAL_INFO and WIM_PROVIDER_OVERLAY_ENTRY. */
export function sourceState(flags: number): SourceState {
  if (flags & WIM_PROVIDER_EXTERNAL_FLAG_NOT_ACTIVE) return 'not-active';
  if (flags & WIM_PROVIDER_EXTERNAL_FLAG_SUSPENDED) return 'suspended';
  return 'active';
}

/** Data1 u32, Data2 u16, Data3 u16 little-endian, then Data4 as 8 raw bytes. */
export function formatGuid(buf: Buffer, offset = 0): string {
  need(buf, offset + GUID.size, 'GUID');
  const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');
  const d4 = buf
    .subarray(offset + GUID.Data4, offset + GUID.size)
    .toString('hex')
    .toUpperCase();
  const data1 = hex(buf.readUInt32LE(offset + GUID.Data1), 8);
  const data2 = hex(buf.readUInt16LE(offset + GUID.Data2), 4);
  const data3 = hex(buf.readUInt16LE(offset + GUID.Data3), 4);
  return `{${data1}-${data2}-${data3}-${d4.slice(0, 4)}-${d4.slice(4)}}`;
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
  /** A provider structure version we cannot decode: only the provider is known. */
  | { provider: 'wim' | 'file'; providerVersion: number }
  /** A provider we do not know, or a WOF_EXTERNAL_INFO version other than 1 (`wofVersion`). */
  | { provider: 'unknown'; providerId: number; wofVersion?: number };

function safeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < 0n) throw new StructError(`${what} out of range: ${value}`);
  return Number(value);
}

/**
 * Output of FSCTL_GET_EXTERNAL_BACKING: WOF_EXTERNAL_INFO followed by
 * WIM_PROVIDER_EXTERNAL_INFO or FILE_PROVIDER_EXTERNAL_INFO_V0/V1. A WOF
 * version, provider, provider version or algorithm we do not know is returned
 * as such (the file is still backed), never thrown; only short data throws.
 */
export function decodeExternalBacking(buf: Buffer): ExternalBacking {
  need(buf, WOF.size, 'WOF_EXTERNAL_INFO');
  const wofVersion = buf.readUInt32LE(WOF.Version);
  const provider = buf.readUInt32LE(WOF.Provider);
  if (wofVersion !== WOF_CURRENT_VERSION) return { provider: 'unknown', providerId: provider, wofVersion };
  if (provider !== WOF_PROVIDER_WIM && provider !== WOF_PROVIDER_FILE)
    return { provider: 'unknown', providerId: provider };
  const data = WOF.size;
  need(buf, data + 4, provider === WOF_PROVIDER_WIM ? 'WIM_PROVIDER_EXTERNAL_INFO' : 'FILE_PROVIDER_EXTERNAL_INFO');
  if (provider === WOF_PROVIDER_WIM) {
    const version = buf.readUInt32LE(data + WIM.Version);
    if (version !== WIM_PROVIDER_CURRENT_VERSION) return { provider: 'wim', providerVersion: version };
    // The data ends with the hash; its tail padding need not be returned.
    need(buf, data + WIM.ResourceHash + WIM_PROVIDER_HASH_SIZE, 'WIM_PROVIDER_EXTERNAL_INFO');
    return {
      provider: 'wim',
      version,
      state: sourceState(buf.readUInt32LE(data + WIM.Flags)),
      dataSourceId: safeNumber(buf.readBigInt64LE(data + WIM.DataSourceId), 'DataSourceId'),
      resourceHash: buf
        .subarray(data + WIM.ResourceHash, data + WIM.ResourceHash + WIM_PROVIDER_HASH_SIZE)
        .toString('hex'),
    };
  }
  const version = buf.readUInt32LE(data + FILE_V1.Version);
  if (version !== FILE_PROVIDER_CURRENT_VERSION) return { provider: 'file', providerVersion: version };
  // V0 has no Flags, so its 8 bytes of provider data are enough.
  need(buf, data + FILE_V0.size, 'FILE_PROVIDER_EXTERNAL_INFO');
  return {
    provider: 'file',
    version,
    algorithm: algorithmName(buf.readUInt32LE(data + FILE_V1.Algorithm)),
    flags: buf.length >= data + FILE_V1.size ? buf.readUInt32LE(data + FILE_V1.Flags) : 0,
  };
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
    const next = data.readUInt32LE(at + ENTRY.NextEntryOffset);
    const flags = data.readUInt32LE(at + ENTRY.Flags);
    entries.push({
      dataSourceId: safeNumber(data.readBigInt64LE(at + ENTRY.DataSourceId), 'DataSourceId'),
      wimGuid: formatGuid(data, at + ENTRY.WimGuid),
      wimPath: readUtf16z(data, at + data.readUInt32LE(at + ENTRY.WimFileNameOffset), 'WimFileName'),
      wimType: data.readUInt32LE(at + ENTRY.WimType),
      wimIndex: data.readUInt32LE(at + ENTRY.WimIndex),
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
  need(buf, LAYOUT.WOF_VERSION_INFO.size, 'WOF_VERSION_INFO');
  const v = buf.readUInt32LE(LAYOUT.WOF_VERSION_INFO.WofVersion);
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
  buf.writeUInt32LE(FILE_ID_DESCRIPTOR_SIZE, LAYOUT.FILE_ID_DESCRIPTOR.dwSize);
  buf.writeUInt32LE(EXTENDED_FILE_ID_TYPE, LAYOUT.FILE_ID_DESCRIPTOR.Type);
  id.copy(buf, LAYOUT.FILE_ID_DESCRIPTOR.ExtendedFileId);
  return buf;
}
