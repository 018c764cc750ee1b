/**
 * Compares two snapshots: which files lost their backing (were rehydrated:
 * their full size is now spent on the volume), which gained it, and which
 * data sources came or went. Only BEFORE is held in memory, compactly (see
 * file-table.ts); AFTER is streamed against it.
 */
import type { BackedFile, DataSource } from './backends/backend.js';
import { PathIndex, pathKey } from './path-index.js';
import { backingCode, FileTable } from './file-table.js';
import type { Finding } from './report/finding.js';
import { SnapshotFormatError, type FilePosition } from '../formats/snapshot/format-error.js';
import { streamSnapshot, type StreamedSnapshot } from '../formats/snapshot/reader.js';
import type { SnapshotVolumeMeta } from '../formats/snapshot/types.js';

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

interface PlacedSource {
  volume: string;
  source: DataSource;
}

function sourcesByKey(volumes: SnapshotVolumeMeta[]): Map<string, PlacedSource> {
  const map = new Map<string, PlacedSource>();
  for (const volume of volumes) {
    for (const source of volume.sources) {
      map.set(`${volume.volume.toUpperCase()}#${source.dataSourceId}`, { volume: volume.volume, source });
    }
  }
  return map;
}

function sourceChanged(before: DataSource, after: DataSource): boolean {
  return (
    before.state !== after.state ||
    before.wimPath !== after.wimPath ||
    before.wimGuid.toLowerCase() !== after.wimGuid.toLowerCase() ||
    before.wimIndex !== after.wimIndex
  );
}

function diffSources(before: SnapshotVolumeMeta[], after: SnapshotVolumeMeta[]) {
  const old = sourcesByKey(before);
  const current = sourcesByKey(after);
  const sourcesAdded: VolumeSource[] = [];
  const sourcesRemoved: VolumeSource[] = [];
  const sourcesChanged: SourceChange[] = [];
  for (const [key, { volume, source }] of current) {
    const previous = old.get(key);
    if (previous === undefined) {
      sourcesAdded.push({ volume, ...source });
    } else if (sourceChanged(previous.source, source)) {
      sourcesChanged.push({ volume, dataSourceId: source.dataSourceId, before: previous.source, after: source });
    }
  }
  for (const [key, { volume, source }] of old) {
    if (!current.has(key)) {
      sourcesRemoved.push({ volume, ...source });
    }
  }
  return { sourcesAdded, sourcesRemoved, sourcesChanged };
}

function listedTwice(file: string, volumeIndex: number, index: number, at: FilePosition, path: string): never {
  throw new SnapshotFormatError(
    file,
    at.line,
    at.column,
    `volumes[${volumeIndex}].files[${index}]: ${JSON.stringify(path)} is listed a second time; a snapshot lists each file once`,
  );
}

/**
 * Diffs two snapshot files, reading each once, front to back: BEFORE into a
 * compact FileTable (no object per file survives, so a million-file diff stays
 * fast and far under 500 MB), then AFTER streamed against it. Matching is
 * exact first; only the unmatched rest is folded for case and separators,
 * since Windows paths ignore case. A path listed twice in one snapshot is a
 * malformed snapshot, not a file that gained its backing.
 */
export function diffSnapshotFiles(beforeFile: string, afterFile: string, findings?: readonly Finding[]): DiffResult {
  const table = new FileTable();
  const before = streamSnapshot(beforeFile, (file, volumeIndex, index, at) => {
    if (table.add(file) === -1) {
      listedTwice(beforeFile, volumeIndex, index, at, file.path);
    }
  });
  const unmatched: BackedFile[] = [];
  const unmatchedPaths = new Set<string>();
  const changedPairs: Array<{ slot: number; after: BackedFile }> = [];
  const after = streamSnapshot(afterFile, (file, volumeIndex, index, at) => {
    const slot = table.paths.lookup(file.path);
    if (slot === -1) {
      if (unmatchedPaths.has(file.path)) {
        listedTwice(afterFile, volumeIndex, index, at, file.path);
      }
      unmatchedPaths.add(file.path);
      unmatched.push(file);
      return;
    }
    if (table.paths.isTaken(slot)) {
      listedTwice(afterFile, volumeIndex, index, at, file.path);
    }
    table.paths.takeEntry(slot);
    if (table.codeOf(slot) !== backingCode(file)) {
      changedPairs.push({ slot, after: file });
    }
  });
  const folded = new Map<string, number>();
  for (const slot of table.paths.untaken()) {
    folded.set(pathKey(table.paths.pathOf(slot)), slot);
  }
  const gained: BackedFile[] = [];
  for (const file of unmatched) {
    const key = pathKey(file.path);
    const slot = folded.get(key);
    if (slot === undefined) {
      gained.push(file);
    } else {
      folded.delete(key);
      if (table.codeOf(slot) !== backingCode(file)) {
        changedPairs.push({ slot, after: file });
      }
    }
  }
  const lost: LostFile[] = byPath([...folded.values()].map((slot) => table.entryOf(slot)));
  const changed: ChangedFile[] = changedPairs.map((pair) => ({
    path: pair.after.path,
    before: table.entryOf(pair.slot),
    after: pair.after,
  }));

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
