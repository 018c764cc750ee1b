/** Shared cells for printing a backed file. */
import type { BackedFile } from '../backends/backend.js';
import { formatBytes } from './table.js';

/** `source 3` for WIM files, the algorithm for FILE-provider files. */
export function backingDetail(file: BackedFile): string {
  if (file.provider === 'wim') {
    return file.dataSourceId === undefined ? 'wim' : `source ${file.dataSourceId}`;
  }
  return file.algorithm ?? '-';
}

export function backedFileCells(file: BackedFile): string[] {
  return [file.provider, backingDetail(file), formatBytes(file.size), formatBytes(file.sizeOnDisk), file.path];
}

export const BACKED_FILE_HEADERS = ['PROVIDER', 'BACKING', 'SIZE', 'ON DISK', 'PATH'];
