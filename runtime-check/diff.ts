/**
 * Compares two snapshots: which files lost their backing (were rehydrated:
 * their full size is now spent on the volume), which gained it, and which
 * data sources came or went. Only BEFORE is held in memory, as a map keyed by
 * case-folded path; AFTER is streamed against it.
 */
import type { BackedFile, DataSource } from './backends/backend.js';
import { PathIndex, pathKey } from './path-index.js';
import type { Finding } from './report/finding.js';
import { streamSnapshot, type StreamedSnapshot } from './snapshot/reader.js';
import type { SnapshotVolumeMeta } from './snapshot/types.js';

export interface FindingRef {
  file: string;
  line: number;
  ruleId: string | null;
  pattern: string;
}

export interface LostFile extends BackedFile {
  /** With `--report`: the findings whose pattern matches this file. */
  findings?: FindingRef[];
}

export interface ChangedFile {
  path: string;
  before: BackedFile;
  after: BackedFile;
}

export type VolumeSource = DataSource & { volume: string };

export interface SourceChange {
  volume: string;
  dataSourceId: number;
  before: DataSource;
  after: DataSource;
}

export interface SnapshotSummary {
  file: string;
  takenAt: string;
  host: string;
  files: number;
}

export interface DiffResult {
  before: SnapshotSummary;
  after: SnapshotSummary;
  lost: LostFile[];
  gained: BackedFile[];
  /** Still backed, but by another provider, data source or algorithm. */
  changed: ChangedFile[];
  sourcesAdded: VolumeSource[];
  sourcesRemoved: VolumeSource[];
  sourcesChanged: SourceChange[];
  /** Logical bytes of the lost files: roughly what rehydration now costs the volume. */
  bytesLost: number;
  bytesGained: number;
  /** With `--report`: lost files no finding explains. */
  lostWithoutFinding?: number;
}

function summary(file: string, streamed: StreamedSnapshot): SnapshotSummary {
  return { file, takenAt: streamed.header.takenAt, host: streamed.header.host, files: streamed.fileCount };
}

function byPath<T extends { path: string }>(items: T[]): T[] {
  return items
    .map((item) => [pathKey(item.path), item] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map((pair) => pair[1]);
}

function backingChanged(before: BackedFile, after: BackedFile): boolean {
  return (
    before.provider !== after.provider ||
    before.dataSourceId !== after.dataSourceId ||
    before.algorithm !== after.algorithm
  );
}

function sourcesByKey(volumes: SnapshotVolumeMeta[]): Map<string, VolumeSource> {
  const map = new Map<string, VolumeSource>();
  for (const volume of volumes) {
    for (const source of volume.sources) {
      map.set(`${volume.volume.toUpperCase()}#${source.dataSourceId}`, { volume: volume.volume, ...source });
    }
  }
  return map;
}

function diffSources(before: SnapshotVolumeMeta[], after: SnapshotVolumeMeta[]) {
  const old = sourcesByKey(before);
  const current = sourcesByKey(after);
  const sourcesAdded: VolumeSource[] = [];
  const sourcesRemoved: VolumeSource[] = [];
  const sourcesChanged: SourceChange[] = [];
  for (const [key, source] of current) {
    const previous = old.get(key);
    if (previous === undefined) {
      sourcesAdded.push(source);
    } else if (
      previous.state !== source.state ||
      previous.wimPath !== source.wimPath ||
      previous.wimGuid.toLowerCase() !== source.wimGuid.toLowerCase() ||
      previous.wimIndex !== source.wimIndex
    ) {
      const { volume, ...afterSource } = source;
      const { volume: _unused, ...beforeSource } = previous;
      void _unused;
      sourcesChanged.push({ volume, dataSourceId: source.dataSourceId, before: beforeSource, after: afterSource });
    }
  }
  for (const [key, source] of old) {
    if (!current.has(key)) {
      sourcesRemoved.push(source);
    }
  }
  return { sourcesAdded, sourcesRemoved, sourcesChanged };
}

/**
 * Diffs two snapshot files, streaming AFTER against an index of BEFORE.
 * The index is keyed by the path exactly as written (a string the entry holds
 * anyway, so no copy); only the unmatched rest is folded for case and
 * separators afterwards. That keeps a million-file diff well under 500 MB.
 */
export function diffSnapshotFiles(beforeFile: string, afterFile: string, findings?: readonly Finding[]): DiffResult {
  const remaining = new Map<string, BackedFile>();
  const before = streamSnapshot(beforeFile, (file) => {
    remaining.set(file.path, file);
  });
  const unmatched: BackedFile[] = [];
  const changed: ChangedFile[] = [];
  const compare = (previous: BackedFile, file: BackedFile): void => {
    if (backingChanged(previous, file)) {
      changed.push({ path: file.path, before: previous, after: file });
    }
  };
  const after = streamSnapshot(afterFile, (file) => {
    const previous = remaining.get(file.path);
    if (previous === undefined) {
      unmatched.push(file);
      return;
    }
    remaining.delete(file.path);
    compare(previous, file);
  });
  // Same file, other spelling (`c:\windows` vs `C:\Windows`): Windows paths ignore case.
  const folded = new Map<string, BackedFile>();
  for (const file of remaining.values()) {
    folded.set(pathKey(file.path), file);
  }
  remaining.clear();
  const gained: BackedFile[] = [];
  for (const file of unmatched) {
    const key = pathKey(file.path);
    const previous = folded.get(key);
    if (previous === undefined) {
      gained.push(file);
    } else {
      folded.delete(key);
      compare(previous, file);
    }
  }
  const lost: LostFile[] = byPath([...folded.values()]);

  const result: DiffResult = {
    before: summary(beforeFile, before),
    after: summary(afterFile, after),
    lost,
    gained: byPath(gained),
    changed: byPath(changed),
    ...diffSources(before.volumes, after.volumes),
    bytesLost: lost.reduce((sum, file) => sum + (file.size ?? 0), 0),
    bytesGained: gained.reduce((sum, file) => sum + (file.size ?? 0), 0),
  };
  if (findings !== undefined) {
    result.lostWithoutFinding = attachFindings(lost, findings);
  }
  return result;
}

/** Links each lost file to the findings whose pattern matches it; returns how many stay unexplained. */
export function attachFindings(lost: LostFile[], findings: readonly Finding[]): number {
  const index = new PathIndex(lost, (file) => file.path);
  for (const finding of findings) {
    const matched = new Set<LostFile>();
    for (const pattern of finding.patterns) {
      for (const file of index.match(pattern)) {
        matched.add(file);
      }
    }
    for (const file of matched) {
      (file.findings ??= []).push({
        file: finding.file,
        line: finding.line,
        ruleId: finding.ruleId,
        pattern: finding.patterns.join(' | '),
      });
    }
  }
  return lost.filter((file) => file.findings === undefined).length;
}
