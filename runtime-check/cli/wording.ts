/** Counts and sizes in words: the singular for one, and an unrecorded size said as unknown, never as 0 B. */
import { formatBytes } from './table.js';

/** `1 backed file`, `2 backed files` (or the given plural). */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/**
 * A total of `count` files of which `unknown` have no recorded size:
 * `100 B`, `size unknown`, or `92 B and 1 file of unknown size`.
 */
export function totalSize(bytes: number, unknown: number, count: number): string {
  if (unknown === 0) {
    return formatBytes(bytes);
  }
  return unknown === count ? 'size unknown' : `${formatBytes(bytes)} and ${countOf(unknown, 'file')} of unknown size`;
}

/** The total logical size of some files, saying which part is unknown. */
export function sizeOf(files: ReadonlyArray<{ readonly size?: number }>): string {
  let bytes = 0;
  let unknown = 0;
  for (const file of files) {
    if (file.size === undefined) {
      unknown += 1;
    } else {
      bytes += file.size;
    }
  }
  return totalSize(bytes, unknown, files.length);
}
