/**
 * Parses `System Volume Information\WimOverlay.dat`, the offline list of a
 * volume's WIM data sources (layout from wimlib's wof.h; docs/reference/wof-api.md §5).
 */
import type { DataSource } from '../backend.js';
import { formatGuid } from './guid.js';

const MAGIC = 0x66436f57;
const HEADER_SIZE = 24;
const ENTRY1_SIZE = 40;
const ENTRY2_NAME_OFFSET = 104;

export class WimOverlayError extends Error {
  constructor(file: string, offset: number, problem: string) {
    super(`${file}: byte ${offset}: ${problem}`);
    this.name = 'WimOverlayError';
  }
}

function describePartition(entry2: Buffer): string {
  const tableType = entry2.readUInt32LE(68);
  if (tableType === 1) {
    const signature = entry2.readUInt32LE(72).toString(16).padStart(8, '0').toUpperCase();
    return `mbr:${signature}:${entry2.readBigUInt64LE(48)}`;
  }
  return `gpt:${formatGuid(entry2, 48)}`;
}

function readName(entry2: Buffer): string {
  const text = entry2.subarray(ENTRY2_NAME_OFFSET).toString('utf16le');
  const end = text.indexOf('\0');
  return end === -1 ? text : text.slice(0, end);
}

export function parseWimOverlay(data: Buffer, file = 'WimOverlay.dat'): DataSource[] {
  if (data.length < HEADER_SIZE) {
    throw new WimOverlayError(file, 0, `expected a ${HEADER_SIZE}-byte header, got ${data.length} bytes`);
  }
  const magic = data.readUInt32LE(0);
  if (magic !== MAGIC) {
    throw new WimOverlayError(file, 0, `expected magic 0x${MAGIC.toString(16)}, got 0x${magic.toString(16)}`);
  }
  const count = data.readUInt32LE(12);
  if (HEADER_SIZE + count * ENTRY1_SIZE > data.length) {
    throw new WimOverlayError(file, 12, `${count} entries do not fit in ${data.length} bytes`);
  }
  const sources: DataSource[] = [];
  for (let i = 0; i < count; i += 1) {
    const at = HEADER_SIZE + i * ENTRY1_SIZE;
    const entry2Offset = data.readUInt32LE(at + 8);
    const entry2Length = data.readUInt32LE(at + 12);
    if (entry2Length < ENTRY2_NAME_OFFSET || entry2Offset + entry2Length > data.length) {
      throw new WimOverlayError(
        file,
        at + 8,
        `entry ${i}: expected a location record of at least ${ENTRY2_NAME_OFFSET} bytes inside the file, got ${entry2Length} bytes at ${entry2Offset}`,
      );
    }
    const entry2 = data.subarray(entry2Offset, entry2Offset + entry2Length);
    sources.push({
      dataSourceId: Number(data.readBigUInt64LE(at)),
      provider: 'wim',
      wimPath: readName(entry2),
      wimGuid: formatGuid(data, at + 24),
      wimIndex: data.readUInt32LE(at + 20),
      wimType: data.readUInt32LE(at + 16),
      state: 'unknown',
      wimPartition: describePartition(entry2),
    });
  }
  return sources;
}
