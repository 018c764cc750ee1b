/**
 * A snapshot's backed files held compactly, so that diff reads each input
 * once (a FIFO or `<(...)` cannot be read twice) and still keeps a million
 * entries far under 500 MB: the paths in a PathTable (bytes outside the JS
 * heap), the backing and sizes in flat arrays, and a whole object kept only
 * for the rare entry with fields these cannot hold (newer writers' fields).
 */
import type { Algorithm, BackedFile } from './backends/backend.js';
import { PathTable } from './path-table.js';

const ALGORITHMS: readonly Algorithm[] = ['XPRESS4K', 'LZX', 'XPRESS8K', 'XPRESS16K'];
const COMPACT_KEYS = new Set(['path', 'provider', 'dataSourceId', 'algorithm', 'size', 'sizeOnDisk']);

/**
 * What backs a file, as one number: WIM → dataSourceId + 1 (0.5 when
 * unknown), FILE → −(algorithm index + 1) (−5 when unknown, −(10 + N) for
 * `unknown-N`), a provider this version does not know → 2^40 + its number.
 * Equal codes mean the same backing.
 */
export function backingCode(file: BackedFile): number {
  switch (file.provider) {
    case 'wim':
      return file.dataSourceId === undefined ? 0.5 : file.dataSourceId + 1;
    case 'file': {
      if (file.algorithm === undefined) return -5;
      const known = ALGORITHMS.indexOf(file.algorithm);
      return known >= 0 ? -(known + 1) : -(10 + Number(file.algorithm.slice('unknown-'.length)));
    }
    default:
      return 2 ** 40 + (file.providerId ?? 0);
  }
}

/** True when path, backing code and sizes say everything the entry says. */
function isCompact(file: BackedFile): boolean {
  for (const key of Object.keys(file)) {
    if (!COMPACT_KEYS.has(key)) {
      return false;
    }
  }
  if (file.provider === 'wim') return file.algorithm === undefined;
  // An algorithm this version does not know is kept whole: its code does not name it back.
  return (
    file.provider === 'file' &&
    file.dataSourceId === undefined &&
    (file.algorithm === undefined || ALGORITHMS.includes(file.algorithm))
  );
}

export class FileTable {
  readonly paths = new PathTable();
  private readonly codes: number[] = [];
  /** NaN when the entry has no such field. */
  private readonly sizes: number[] = [];
  private readonly sizesOnDisk: number[] = [];
  private readonly whole = new Map<number, BackedFile>();

  /** Adds an entry; returns its slot, or -1 when the same path is already there. */
  add(file: BackedFile): number {
    const known = this.paths.size;
    const slot = this.paths.add(file.path);
    if (slot < known) {
      return -1;
    }
    this.codes[slot] = backingCode(file);
    this.sizes[slot] = file.size ?? Number.NaN;
    this.sizesOnDisk[slot] = file.sizeOnDisk ?? Number.NaN;
    if (!isCompact(file)) {
      this.whole.set(slot, file);
    }
    return slot;
  }

  codeOf(slot: number): number {
    return this.codes[slot]!;
  }

  /** The entry as it was read (rebuilt from its parts when compact). */
  entryOf(slot: number): BackedFile {
    const kept = this.whole.get(slot);
    if (kept !== undefined) {
      return kept;
    }
    const code = this.codes[slot]!;
    const size = this.sizes[slot]!;
    const sizeOnDisk = this.sizesOnDisk[slot]!;
    return {
      path: this.paths.pathOf(slot),
      ...(code > 0
        ? { provider: 'wim' as const, ...(code === 0.5 ? {} : { dataSourceId: code - 1 }) }
        : { provider: 'file' as const, ...(code === -5 ? {} : { algorithm: ALGORITHMS[-code - 1]! }) }),
      ...(Number.isNaN(size) ? {} : { size }),
      ...(Number.isNaN(sizeOnDisk) ? {} : { sizeOnDisk }),
    };
  }
}
