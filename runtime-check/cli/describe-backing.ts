/** Printing backed files: one fixed-width row each, so long lists stream. */
import type { BackedFile } from '../backends/backend.js';
import { formatBytes } from './table.js';

/** How summaries count files that hasUnknownBacking() flags. */
export const UNKNOWN_BACKING = 'backed by a WOF provider, version or algorithm wimboot-check does not know';

/** `source 3` for WIM files, the algorithm for FILE-provider files; raw numbers for what is not known. */
export function backingDetail(file: BackedFile): string {
  if (file.wofVersion !== undefined) {
    return `WOF v${file.wofVersion}`;
  }
  if (file.provider === 'unknown') {
    return `provider ${file.providerId ?? '?'}`;
  }
  if (file.providerVersion !== undefined) {
    return `v${file.providerVersion}`;
  }
  if (file.provider === 'wim') {
    return file.dataSourceId === undefined ? 'wim' : `source ${file.dataSourceId}`;
  }
  return file.algorithm ?? '-';
}

// Fixed widths so rows can be printed as they arrive; the path comes last.
function row(cells: readonly [string, string, string, string, string]): string {
  return `${cells[0].padEnd(8)}  ${cells[1].padEnd(10)}  ${cells[2].padStart(10)}  ${cells[3].padStart(10)}  ${cells[4]}`;
}

export const BACKED_FILE_HEADER = row(['PROVIDER', 'BACKING', 'SIZE', 'ON DISK', 'PATH']);

export function backedFileRow(file: BackedFile): string {
  return row([file.provider, backingDetail(file), formatBytes(file.size), formatBytes(file.sizeOnDisk), file.path]);
}

/** A line under a file row (e.g. the finding that explains it), aligned with the path. */
export function indentedUnderPath(text: string): string {
  return `${' '.repeat(46)}${text}`;
}
