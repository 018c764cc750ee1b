/**
 * Finding patterns matched against many paths (a snapshot's million backed
 * files, the lost files of a diff) without testing every path: the paths are
 * sorted by their folded form, so a pattern's fixed prefix is a range found by
 * binary search, and the paths are also grouped by file name and by their
 * last characters, so a fixed suffix (`*\hosts`, `*.ini`) narrows that range to
 * the few paths that can end with it. Only those candidates meet the pattern.
 */
import { compilePattern, foldPath, matchesFolded } from './finding-pattern.js';

const HASH_BITS = 22;
const POSITION_SPAN = 2 ** 31;

/** FNV-1a of a string's UTF-16 units, cut to HASH_BITS: buckets may share a hash, candidates are re-checked. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0) >>> (32 - HASH_BITS);
}

/**
 * Sorted positions grouped by the hash of some part of their path (the file
 * name, the last characters), as one Float64Array of hash * 2^31 + position,
 * sorted natively: no object per path, a few bytes each.
 */
class Buckets {
  private readonly entries: Float64Array;

  constructor(keys: readonly string[], part: (key: string) => string) {
    this.entries = new Float64Array(keys.length);
    keys.forEach((key, position) => {
      this.entries[position] = hashOf(part(key)) * POSITION_SPAN + position;
    });
    this.entries.sort();
  }

  private lowerBound(value: number): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.entries[middle]! < value) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** The sorted positions in [from, to) whose part hashes like `text`'s. */
  positions(text: string, from: number, to: number): Int32Array {
    const base = hashOf(text) * POSITION_SPAN;
    const first = this.lowerBound(base + from);
    const last = this.lowerBound(base + to);
    return Int32Array.from(this.entries.subarray(first, last), (entry) => entry - base);
  }
}

function fileName(key: string): string {
  return key.slice(key.lastIndexOf('\\') + 1);
}

export interface IndexMatch {
  /** Sorted positions (pathAt) of the matches, in path order, at most `limit` of them. */
  readonly positions: number[];
  /** False when `maxScanned` candidates were tested before the search ended: there may be more matches. */
  readonly complete: boolean;
}

export interface MatchLimits {
  /** Stop after this many matches (default: all). */
  readonly limit?: number;
  /** Stop after testing this many candidates (default: all). */
  readonly maxScanned?: number;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class PatternIndex {
  /** `order[i]`: where the i-th path in sorted order was in the constructor's input. */
  readonly order: Int32Array;
  private readonly paths: readonly string[];
  private readonly byName: Buckets;
  private readonly byLast4: Buckets;
  private readonly byLast2: Buckets;

  /** Indexes `paths` (any order, original case); the folded forms are only kept while sorting. */
  constructor(paths: readonly string[]) {
    const keys = paths.map(foldPath);
    const order = Int32Array.from(keys.keys()).sort((a, b) => compareStrings(keys[a]!, keys[b]!));
    this.order = order;
    this.paths = Array.from(order, (index) => paths[index]!);
    const sortedKeys = Array.from(order, (index) => keys[index]!);
    this.byName = new Buckets(sortedKeys, fileName);
    this.byLast4 = new Buckets(sortedKeys, (key) => key.slice(-4));
    this.byLast2 = new Buckets(sortedKeys, (key) => key.slice(-2));
  }

  get size(): number {
    return this.paths.length;
  }

  /** The path at a sorted position, as it was given. */
  pathAt(position: number): string {
    return this.paths[position]!;
  }

  /**
   * The first sorted position whose folded path is not below `prefix`, or with
   * `inside`, the first after the run of paths that start with it.
   */
  private boundary(prefix: string, inside: boolean): number {
    let low = 0;
    let high = this.paths.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const key = foldPath(this.paths[middle]!);
      const before = key < prefix || (inside && key.startsWith(prefix));
      if (before) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /**
   * The positions in [from, to) that can end with `suffix`: those with its
   * file name when it holds a `\\`, else those with its last characters;
   * undefined when the suffix is too short to narrow the range.
   */
  private candidates(suffix: string, from: number, to: number): Int32Array | undefined {
    if (suffix.includes('\\')) {
      return this.byName.positions(fileName(suffix), from, to);
    }
    if (suffix.length >= 4) {
      return this.byLast4.positions(suffix.slice(-4), from, to);
    }
    if (suffix.length >= 2) {
      return this.byLast2.positions(suffix.slice(-2), from, to);
    }
    return undefined;
  }

  /** The sorted positions of the paths a finding pattern matches. */
  match(
    pattern: string,
    { limit = Number.POSITIVE_INFINITY, maxScanned = Number.POSITIVE_INFINITY }: MatchLimits = {},
  ): IndexMatch {
    const compiled = compilePattern(pattern);
    const start = this.boundary(compiled.prefix, false);
    const positions: number[] = [];
    if (compiled.suffix === undefined) {
      for (let at = start; at < this.paths.length && positions.length < limit; at += 1) {
        if (foldPath(this.paths[at]!) !== compiled.prefix) {
          break;
        }
        positions.push(at);
      }
      return { positions, complete: true };
    }
    const end = this.boundary(compiled.prefix, true);
    if (compiled.suffix === '' && compiled.middle.length === 0) {
      // `prefix*`: every path of the range matches.
      for (let at = start; at < end && positions.length < limit; at += 1) {
        positions.push(at);
      }
      return { positions, complete: true };
    }
    const candidates = this.candidates(compiled.suffix, start, end);
    const from = candidates === undefined ? start : 0;
    const to = candidates === undefined ? end : candidates.length;
    let scanned = 0;
    for (let at = from; at < to && positions.length < limit; at += 1) {
      if (scanned === maxScanned) {
        return { positions, complete: false };
      }
      scanned += 1;
      const position = candidates === undefined ? at : candidates[at]!;
      if (matchesFolded(foldPath(this.paths[position]!), compiled)) {
        positions.push(position);
      }
    }
    return { positions, complete: true };
  }
}
