import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
// The snapshot reader streams and validates with node:fs only (no koffi, no backends).
import { SnapshotFormatError } from '../../formats/snapshot/format-error.js';
import { streamSnapshot } from '../../formats/snapshot/reader.js';
import { patternToRegExp } from '../../formats/finding-pattern.js';
import { SettingsError } from './settings.js';

/**
 * `settings.wimboot.snapshot`: a device's real list of backed files
 * (docs/snapshot-format.md) replaces the "is this under a system root"
 * heuristic for the volumes the snapshot covers.
 *
 * Cache: one manifest per absolute snapshot path, at most MAX_CACHED paths,
 * kept per process (each ESLint worker thread has its own). An entry is
 * re-read when the file's mtime or size changes, and the new version replaces
 * the old one: never more than one version of a snapshot in memory.
 */

/** How one file is backed, interned: a device has few distinct combinations. */
interface Backing {
  readonly provider: 'wim' | 'file' | 'unknown';
  readonly dataSourceId?: number;
  readonly algorithm?: string;
}

/** What the snapshot says about one path pattern. */
export interface DeviceMatch {
  /** A backed file the pattern names (the path itself when exact). */
  readonly example: string;
  /** How many backed files it matches (capped at MAX_COUNTED). */
  readonly count: number;
  readonly exact: boolean;
  readonly backing: Backing;
}

const MAX_CACHED = 4;
/** Bounds the work for one pattern with a short known prefix (`C:\Windows\*`). */
const MAX_SCANNED = 200_000;
const MAX_COUNTED = 10_000;
const MAX_MEMO = 2_000;

export class DeviceManifest {
  readonly file: string;
  readonly host: string;
  /** Upper-case drives the snapshot covers (`C:`): only they are decided by it. */
  private readonly volumes: ReadonlySet<string>;
  /** Every backed path, sorted by its lower-cased form: folders are contiguous ranges. */
  private readonly paths: readonly string[];
  private readonly backingOf: Uint16Array;
  private readonly backings: readonly Backing[];
  private readonly memo = new Map<string, DeviceMatch | null>();

  constructor(
    file: string,
    host: string,
    volumes: ReadonlySet<string>,
    paths: readonly string[],
    backingOf: Uint16Array,
    backings: readonly Backing[],
  ) {
    this.file = file;
    this.host = host;
    this.volumes = volumes;
    this.paths = paths;
    this.backingOf = backingOf;
    this.backings = backings;
  }

  get fileCount(): number {
    return this.paths.length;
  }

  /** True when the snapshot lists the volume of `pattern` (a normalised `C:\...` path). */
  covers(pattern: string): boolean {
    return this.volumes.has(pattern.slice(0, 2).toUpperCase());
  }

  /**
   * The backed files a normalised Windows pattern names (`*` = any run of
   * characters, separators included), or null when none is backed.
   */
  match(pattern: string): DeviceMatch | null {
    const memoised = this.memo.get(pattern);
    if (memoised !== undefined) {
      return memoised;
    }
    const result = this.matchUncached(pattern);
    if (this.memo.size >= MAX_MEMO) {
      this.memo.clear();
    }
    this.memo.set(pattern, result);
    return result;
  }

  private matchUncached(pattern: string): DeviceMatch | null {
    const star = pattern.indexOf('*');
    const prefix = (star === -1 ? pattern : pattern.slice(0, star)).toLowerCase();
    let index = this.lowerBound(prefix);
    if (star === -1) {
      const path = this.paths[index];
      return path !== undefined && path.toLowerCase() === prefix ? this.result(index, 1, true) : null;
    }
    const regexp = patternToRegExp(pattern);
    let first = -1;
    let count = 0;
    for (
      let scanned = 0;
      index < this.paths.length && scanned < MAX_SCANNED && count < MAX_COUNTED;
      index++, scanned++
    ) {
      const path = this.paths[index] as string;
      if (!path.toLowerCase().startsWith(prefix)) {
        break;
      }
      if (regexp.test(path)) {
        if (first === -1) first = index;
        count++;
      }
    }
    return first === -1 ? null : this.result(first, count, false);
  }

  private result(index: number, count: number, exact: boolean): DeviceMatch {
    return {
      example: this.paths[index] as string,
      count,
      exact,
      backing: this.backings[this.backingOf[index] ?? 0] as Backing,
    };
  }

  /** First index whose lower-cased path is >= `key`. */
  private lowerBound(key: string): number {
    let low = 0;
    let high = this.paths.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.paths[mid] as string).toLowerCase() < key) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

/** The sentence a finding gets when the snapshot decided it (leading space included). */
export function describeDeviceMatch(match: DeviceMatch, host: string): string {
  const device = host === '' ? "the snapshot's device" : host;
  const how =
    match.backing.provider === 'wim'
      ? `backed by WIM data source ${match.backing.dataSourceId ?? '?'} on ${device}`
      : `WOF-compressed (${match.backing.algorithm ?? 'unknown algorithm'}) on ${device}`;
  if (match.exact) {
    return ` This file is ${how}.`;
  }
  if (match.count === 1) {
    return ` It matches "${match.example}", which is ${how}.`;
  }
  const count = match.count >= MAX_COUNTED ? `at least ${MAX_COUNTED}` : String(match.count);
  return ` It matches ${count} backed files, e.g. "${match.example}", which is ${how}.`;
}

interface CacheEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly manifest: DeviceManifest;
}

const cache = new Map<string, CacheEntry>();

/**
 * The manifest for `setting` (resolved against `cwd`), read again only when
 * the file changed. A missing or malformed snapshot is one SettingsError
 * naming the setting, the file and what is wrong.
 */
export function loadDeviceManifest(setting: string, cwd: string): DeviceManifest {
  const file = isAbsolute(setting) ? setting : resolve(cwd, setting);
  const fail = (problem: string): never => {
    throw new SettingsError(`settings.wimboot.snapshot ${JSON.stringify(setting)}: ${problem}`);
  };
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    return fail(
      `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}). Take one on the device with \`wimboot-check snapshot C: -o snapshot.json\`.`,
    );
  }
  if (!stats.isFile()) {
    return fail(`${file} is not a file.`);
  }
  const cached = cache.get(file);
  if (cached !== undefined && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) {
    return cached.manifest;
  }
  // Drop the old version before reading the new one: one version in memory.
  cache.delete(file);
  let manifest: DeviceManifest;
  try {
    manifest = readManifest(file);
  } catch (error) {
    if (error instanceof SnapshotFormatError) {
      return fail(`not a valid wimboot snapshot: ${error.message}`);
    }
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === undefined ? `cannot be read: ${String(error)}` : `cannot read ${file} (${code}).`);
  }
  if (cache.size >= MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, manifest });
  return manifest;
}

function readManifest(file: string): DeviceManifest {
  const paths: string[] = [];
  const backingIds: number[] = [];
  const backings: Backing[] = [];
  const backingIndex = new Map<string, number>();
  const streamed = streamSnapshot(file, (entry) => {
    const key = `${entry.provider}|${entry.dataSourceId ?? ''}|${entry.algorithm ?? ''}`;
    let id = backingIndex.get(key);
    if (id === undefined) {
      id = backings.length;
      backings.push({
        provider: entry.provider,
        ...(entry.dataSourceId === undefined ? {} : { dataSourceId: entry.dataSourceId }),
        ...(entry.algorithm === undefined ? {} : { algorithm: entry.algorithm }),
      });
      backingIndex.set(key, id);
    }
    paths.push(entry.path.includes('/') ? entry.path.replaceAll('/', '\\') : entry.path);
    backingIds.push(id);
  });
  if (backings.length > 0xffff) {
    throw new SnapshotFormatError(file, 1, 1, `more than ${0xffff} distinct file backings`);
  }
  // Sort once by lower-cased path; the keys are dropped afterwards.
  const keys = paths.map((path) => path.toLowerCase());
  const order = Array.from(paths.keys()).sort((a, b) => {
    const ka = keys[a] as string;
    const kb = keys[b] as string;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const sortedPaths = order.map((index) => paths[index] as string);
  const backingOf = Uint16Array.from(order, (index) => backingIds[index] ?? 0);
  const volumes = new Set(streamed.volumes.map((volume) => volume.volume.toUpperCase()));
  return new DeviceManifest(file, streamed.header.host, volumes, sortedPaths, backingOf, backings);
}

/** For tests: forget every cached manifest. */
export function clearDeviceManifestCache(): void {
  cache.clear();
}
