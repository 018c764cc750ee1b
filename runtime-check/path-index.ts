/**
 * Matches finding patterns (formats/finding-pattern.ts) against many
 * concrete paths without testing every path against every pattern: paths are
 * kept sorted by a case-folded key, and a pattern only scans the range that
 * shares its literal prefix (the text before its first `*`).
 */
import { patternToRegExp } from '../formats/finding-pattern.js';

/** Case-folded, `\`-separated form used for comparing Windows paths. */
export function pathKey(path: string): string {
  return path.replaceAll('/', '\\').toLowerCase();
}

/**
 * The key-form text every match of `pattern` starts with. Stops at the first
 * non-ASCII character, where toLowerCase and the RegExp `i` flag may disagree.
 */
export function literalPrefix(pattern: string): string {
  const star = pattern.indexOf('*');
  const literal = pattern.slice(0, star === -1 ? pattern.length : star);
  const nonAscii = literal.search(/[^\x00-\x7f]/u);
  return pathKey(nonAscii === -1 ? literal : literal.slice(0, nonAscii));
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
  private readonly keys: string[];
  private readonly items: T[];

  constructor(entries: Iterable<T>, getPath: (entry: T) => string) {
    const pairs: Array<[string, T]> = [];
    for (const entry of entries) {
      pairs.push([pathKey(getPath(entry)), entry]);
    }
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.keys = pairs.map((pair) => pair[0]);
    this.items = pairs.map((pair) => pair[1]);
  }

  get size(): number {
    return this.items.length;
  }

  /** Every entry whose path matches the pattern, in path order. */
  match(pattern: string): T[] {
    const prefix = literalPrefix(pattern);
    const regexp = patternToRegExp(pattern);
    const found: T[] = [];
    for (let i = lowerBound(this.keys, prefix); i < this.keys.length; i += 1) {
      const key = this.keys[i]!;
      if (!key.startsWith(prefix)) {
        break;
      }
      if (regexp.test(key)) {
        found.push(this.items[i]!);
      }
    }
    return found;
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
