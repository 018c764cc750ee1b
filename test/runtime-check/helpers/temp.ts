/** Temporary folders and snapshot fixtures for tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { BackedFile, DataSource } from '../../../runtime-check/backends/backend.js';
import type { Snapshot } from '../../../formats/snapshot/types.js';

/** A temp folder removed when the test file ends. */
export function tempDir(prefix = 'wimboot-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function writeText(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

export const SOURCE_1: DataSource = {
  dataSourceId: 1,
  provider: 'wim',
  wimPath: '\\??\\D:\\Images\\install.wim',
  wimGuid: '{3A4B5C6D-1122-3344-5566-778899AABBCC}',
  wimIndex: 1,
  wimType: 1,
  state: 'active',
};

export function wimFile(path: string, size: number, dataSourceId = 1): BackedFile {
  return { path, provider: 'wim', dataSourceId, size, sizeOnDisk: 0 };
}

export function compressedFile(path: string, size?: number): BackedFile {
  return {
    path,
    provider: 'file',
    algorithm: 'XPRESS4K',
    ...(size === undefined ? {} : { size, sizeOnDisk: Math.ceil(size / 2) }),
  };
}

export function snapshotOf(
  files: BackedFile[],
  sources: DataSource[] = [SOURCE_1],
  takenAt = '2026-11-21T05:00:00.000Z',
): Snapshot {
  return {
    format: 'wimboot-snapshot',
    version: 1,
    takenAt,
    host: 'DEVICE-1',
    volumes: [{ volume: 'C:', sources, files }],
  };
}
