/**
 * Decodes WOF reparse data as ntfs-3g exposes it in `system.ntfs_reparse_data`
 * (header + data; layouts in docs/reference/wof-api.md §5, which
 * come from wimlib and the ntfs-3g system-compression plugin, not from
 * Microsoft).
 */
import type { Algorithm } from '../backend.js';

export const IO_REPARSE_TAG_WOF = 0x80000017;
const REPARSE_HEADER_SIZE = 8;
const WOF_PROVIDER_WIM = 1;
const WOF_PROVIDER_FILE = 2;
/** WIM provider data: 8 bytes WOF header + 80 bytes WIM fields. */
const WIM_DATA_SIZE = 88;
/** FILE provider data: readers agree on 16; a V1-struct writer makes 20. */
const FILE_MIN_DATA_SIZE = 16;
const ALGORITHMS: readonly Algorithm[] = ['XPRESS4K', 'LZX', 'XPRESS8K', 'XPRESS16K'];

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

/** Externally backed by a provider this tool does not know (e.g. 3, CLOUD). */
export interface UnknownProviderReparse {
  provider: 'unknown';
  providerId: number;
}

export type WofReparse = WimReparse | FileReparse | UnknownProviderReparse;

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

/** Decodes a WOF reparse buffer; null when it is another kind of reparse point. */
export function decodeWofReparse(data: Buffer): WofReparse | null {
  if (reparseTag(data) !== IO_REPARSE_TAG_WOF) {
    return null;
  }
  if (data.length < REPARSE_HEADER_SIZE + 8) {
    throw new WofReparseError(`expected at least 16 bytes (reparse header + WOF header), got ${data.length}`);
  }
  const dataLength = data.readUInt16LE(4);
  if (REPARSE_HEADER_SIZE + dataLength > data.length) {
    throw new WofReparseError(
      `header says ${dataLength} data bytes, but only ${data.length - REPARSE_HEADER_SIZE} are present`,
    );
  }
  const wofVersion = data.readUInt32LE(8);
  if (wofVersion !== 1) {
    throw new WofReparseError(`expected WOF version 1, got ${wofVersion}`);
  }
  const provider = data.readUInt32LE(12);
  if (provider === WOF_PROVIDER_WIM) {
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
  if (provider === WOF_PROVIDER_FILE) {
    if (dataLength < FILE_MIN_DATA_SIZE) {
      throw new WofReparseError(
        `expected at least ${FILE_MIN_DATA_SIZE} data bytes for the FILE provider, got ${dataLength}`,
      );
    }
    const algorithmId = data.readUInt32LE(20);
    const algorithm = ALGORITHMS[algorithmId];
    if (algorithm === undefined) {
      throw new WofReparseError(`expected a compression algorithm 0-3, got ${algorithmId}`);
    }
    return { provider: 'file', algorithm };
  }
  return { provider: 'unknown', providerId: provider };
}
