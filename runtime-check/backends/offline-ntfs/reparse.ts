/**
 * Decodes WOF reparse data as ntfs-3g exposes it in `system.ntfs_reparse_data`
 * (header + data; layouts in docs/reference/wof-api.md §5, which
 * come from wimlib and the ntfs-3g system-compression plugin, not from
 * Microsoft).
 */
import { algorithmName, type Algorithm } from '../../../formats/backing.js';
import { FILE_PROVIDER_CURRENT_VERSION, WOF_CURRENT_VERSION, WOF_PROVIDER_FILE, WOF_PROVIDER_WIM } from '../wof-sdk.js';

export const IO_REPARSE_TAG_WOF = 0x80000017;
/** REPARSE_DATA_BUFFER: ReparseTag u32, ReparseDataLength u16, Reserved u16, then the data. */
export const REPARSE_HEADER_SIZE = 8;
export const REPARSE_DATA_LENGTH_OFFSET = 4;
/** The WIM provider's reparse version as wimlib writes and Windows leaves it (its meaning is not documented). */
export const WIM_REPARSE_VERSION = 2;
/** WIM provider data: 8 bytes WOF header + 80 bytes WIM fields. */
const WIM_DATA_SIZE = 88;
/** FILE provider data: readers agree on 16; a V1-struct writer makes 20. */
const FILE_MIN_DATA_SIZE = 16;

export interface WimReparse {
  provider: 'wim';
  /** 0 active, 1 not active, 2 suspended, as recorded when the file was backed. */
  flags: number;
  dataSourceId: number;
  /** SHA-1 of the file's data, hex. */
  resourceHash: string;
  /** Uncompressed size of the file. */
  size: number;
  /** Size of the resource inside the WIM. */
  resourceSize: number;
}

export interface FileReparse {
  provider: 'file';
  algorithm: Algorithm;
}

/** A WIM or FILE reparse point whose own version we cannot decode: only the provider is known. */
export interface UnknownVersionReparse {
  provider: 'wim' | 'file';
  providerVersion: number;
}

/** Externally backed by a provider (or a WOF version) this tool does not know (e.g. 3, CLOUD). */
export interface UnknownProviderReparse {
  provider: 'unknown';
  providerId: number;
  /** Set when the WOF version is not 1: then even `providerId` is only the number found where it used to be. */
  wofVersion?: number;
}

export type WofReparse = WimReparse | FileReparse | UnknownVersionReparse | UnknownProviderReparse;

/** Reparse data that claims to be WOF but cannot be decoded. */
export class WofReparseError extends Error {
  constructor(problem: string) {
    super(`malformed WOF reparse data: ${problem}`);
    this.name = 'WofReparseError';
  }
}

function toNumber(value: bigint, field: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new WofReparseError(`${field} ${value} is too large`);
  }
  return Number(value);
}

/** The reparse tag of a raw reparse buffer, or null if it is too short to hold one. */
export function reparseTag(data: Buffer): number | null {
  return data.length >= 4 ? data.readUInt32LE(0) : null;
}

/**
 * Decodes a WOF reparse buffer; null when it is another kind of reparse point.
 * A WOF version, provider, provider version or algorithm we do not know is
 * returned as such (as wimlib and the ntfs-3g plugin treat it: backed by
 * something we cannot read), never thrown; only inconsistent data throws.
 */
export function decodeWofReparse(data: Buffer): WofReparse | null {
  if (reparseTag(data) !== IO_REPARSE_TAG_WOF) {
    return null;
  }
  if (data.length < REPARSE_HEADER_SIZE + 8) {
    throw new WofReparseError(`expected at least 16 bytes (reparse header + WOF header), got ${data.length}`);
  }
  const dataLength = data.readUInt16LE(REPARSE_DATA_LENGTH_OFFSET);
  if (REPARSE_HEADER_SIZE + dataLength > data.length) {
    throw new WofReparseError(
      `header says ${dataLength} data bytes, but only ${data.length - REPARSE_HEADER_SIZE} are present`,
    );
  }
  const wofVersion = data.readUInt32LE(8);
  const provider = data.readUInt32LE(12);
  if (wofVersion !== WOF_CURRENT_VERSION) {
    return { provider: 'unknown', providerId: provider, wofVersion };
  }
  if (provider !== WOF_PROVIDER_WIM && provider !== WOF_PROVIDER_FILE) {
    return { provider: 'unknown', providerId: provider };
  }
  if (dataLength < 12) {
    throw new WofReparseError(`expected a provider version after the WOF header, got ${dataLength} data bytes`);
  }
  const providerVersion = data.readUInt32LE(16);
  if (provider === WOF_PROVIDER_WIM) {
    if (providerVersion !== WIM_REPARSE_VERSION) {
      return { provider: 'wim', providerVersion };
    }
    if (dataLength < WIM_DATA_SIZE) {
      throw new WofReparseError(`expected ${WIM_DATA_SIZE} data bytes for the WIM provider, got ${dataLength}`);
    }
    return {
      provider: 'wim',
      flags: data.readUInt32LE(20),
      dataSourceId: toNumber(data.readBigUInt64LE(24), 'data source id'),
      resourceHash: data.subarray(32, 52).toString('hex'),
      size: toNumber(data.readBigUInt64LE(72), 'uncompressed size'),
      resourceSize: toNumber(data.readBigUInt64LE(80), 'resource size'),
    };
  }
  if (providerVersion !== FILE_PROVIDER_CURRENT_VERSION) {
    return { provider: 'file', providerVersion };
  }
  if (dataLength < FILE_MIN_DATA_SIZE) {
    throw new WofReparseError(
      `expected at least ${FILE_MIN_DATA_SIZE} data bytes for the FILE provider, got ${dataLength}`,
    );
  }
  return { provider: 'file', algorithm: algorithmName(data.readUInt32LE(20)) };
}
