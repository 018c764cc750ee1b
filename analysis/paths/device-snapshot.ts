import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
// The snapshot reader streams and validates with node:fs only (no koffi, no backends).
import { SnapshotFormatError } from '../../formats/snapshot/format-error.js';
import { streamSnapshot } from '../../formats/snapshot/reader.js';
import { compilePattern } from '../../formats/finding-pattern.js';
import { PatternIndex } from '../../formats/pattern-index.js';
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
  /** Set when the search stopped early (MAX_COUNTED matches, or MAX_SCANNED candidates): `count` is a lower bound. */
  readonly atLeast?: true;
  readonly exact: boolean;
  readonly backing: Backing;
}

const MAX_CACHED = 4;
/**
 * Bounds the work for one pattern the index cannot narrow (a short known
 * prefix, no fixed file name or ending: `C:\Windows\*\x\*`).
 */
const MAX_SCANNED = 20_000;
const MAX_COUNTED = 10_000;
const MAX_MEMO = 2_000;

export class DeviceManifest {
  readonly file: string;
  readonly host: string;
  /** Upper-case drives the snapshot covers (`C:`): only they are decided by it. */
  private readonly volumes: ReadonlySet<string>;
  /** Every backed path, through the shared pattern index (formats/pattern-index.ts). */
  private readonly index: PatternIndex;
  /** The backing of each path, by its sorted position in the index. */
  private readonly backingOf: Uint16Array;
  private readonly backings: readonly Backing[];
  private readonly memo = new Map<string, DeviceMatch | null | undefined>();

  constructor(
    file: string,
    host: string,
    volumes: ReadonlySet<string>,
    index: PatternIndex,
    backingOf: Uint16Array,
    backings: readonly Backing[],
  ) {
    this.file = file;
    this.host = host;
    this.volumes = volumes;
    this.index = index;
    this.backingOf = backingOf;
    this.backings = backings;
  }

  get fileCount(): number {
    return this.index.size;
  }

  /** True when the snapshot lists the volume of `pattern` (a normalised `C:\...` path). */
  covers(pattern: string): boolean {
    return this.volumes.has(pattern.slice(0, 2).toUpperCase());
  }

  /**
   * The backed files a normalised Windows pattern names (`*` = any run of
   * characters, separators included): null when none is backed, undefined
   * when the pattern is too broad to decide within MAX_SCANNED candidates
   * (the caller then judges it as without a snapshot).
   */
  match(pattern: string): DeviceMatch | null | undefined {
    if (this.memo.has(pattern)) {
      return this.memo.get(pattern);
    }
    const result = this.matchUncached(pattern);
    if (this.memo.size >= MAX_MEMO) {
      this.memo.clear();
    }
    this.memo.set(pattern, result);
    return result;
  }

  private matchUncached(pattern: string): DeviceMatch | null | undefined {
    const { positions, complete } = this.index.match(pattern, { limit: MAX_COUNTED, maxScanned: MAX_SCANNED });
    const first = positions[0];
    if (first === undefined) {
      return complete ? null : undefined;
    }
    return {
      example: this.index.pathAt(first),
      count: positions.length,
      ...(complete && positions.length < MAX_COUNTED ? {} : { atLeast: true as const }),
      exact: compilePattern(pattern).suffix === undefined,
      backing: this.backings[this.backingOf[first] ?? 0] as Backing,
    };
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
  const count = match.atLeast === true ? `at least ${match.count}` : String(match.count);
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
  const index = new PatternIndex(paths);
  const backingOf = Uint16Array.from(index.order, (position) => backingIds[position] ?? 0);
  const volumes = new Set(streamed.volumes.map((volume) => volume.volume.toUpperCase()));
  return new DeviceManifest(file, streamed.header.host, volumes, index, backingOf, backings);
}

/** For tests: forget every cached manifest. */
export function clearDeviceManifestCache(): void {
  cache.clear();
}
