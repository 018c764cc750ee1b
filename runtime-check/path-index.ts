/**
 * Finding patterns (formats/finding-pattern.ts) against the backed files of a
 * snapshot or the lost files of a diff, through the shared PatternIndex
 * (formats/pattern-index.ts): never every path against every pattern.
 */
import { compilePattern, foldPath } from '../formats/finding-pattern.js';
import { PatternIndex } from '../formats/pattern-index.js';

/** Case-folded, `\`-separated form used for comparing Windows paths. */
export function pathKey(path: string): string {
  return foldPath(path);
}

/** The folded text every match of `pattern` starts with (the text before its first `*`). */
export function literalPrefix(pattern: string): string {
  return compilePattern(pattern).prefix;
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

export class PathIndex<T> {
  private readonly index: PatternIndex;
  private readonly items: T[];

  constructor(entries: Iterable<T>, getPath: (entry: T) => string) {
    const all = [...entries];
    this.index = new PatternIndex(all.map(getPath));
    this.items = Array.from(this.index.order, (position) => all[position]!);
  }

  get size(): number {
    return this.items.length;
  }

  /** Every entry whose path matches the pattern, in path order. */
  match(pattern: string): T[] {
    return this.index.match(pattern).positions.map((position) => this.items[position]!);
  }
}

/**
 * A fast "could this path match any of these patterns" test, used to keep only
 * the relevant part of a million-file snapshot in memory.
 */
export class PrefixFilter {
  private readonly prefixes: string[];
  readonly matchesEverything: boolean;

  constructor(patterns: Iterable<string>) {
    const all = [...new Set([...patterns].map(literalPrefix))].sort();
    this.matchesEverything = all.includes('');
    // Drop prefixes already covered by a shorter one, so one neighbour check suffices.
    this.prefixes = [];
    for (const prefix of all) {
      const last = this.prefixes.at(-1);
      if (last === undefined || !prefix.startsWith(last)) {
        this.prefixes.push(prefix);
      }
    }
  }

  mayMatch(path: string): boolean {
    if (this.matchesEverything) {
      return true;
    }
    const key = pathKey(path);
    // The only candidate is the greatest prefix <= key.
    const index = lowerBound(this.prefixes, key);
    const exact = this.prefixes[index];
    if (exact !== undefined && key.startsWith(exact)) {
      return true;
    }
    const before = this.prefixes[index - 1];
    return before !== undefined && key.startsWith(before);
  }
}
