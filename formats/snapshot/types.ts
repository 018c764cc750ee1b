/**
 * The snapshot format (docs/snapshot-format.md, docs/snapshot.schema.json):
 * what backed a device's volumes at one moment. Unknown fields are kept on the
 * objects and ignored, so newer writers stay readable.
 */
import type { BackedFile, DataSource, VolumeInfo } from '../backing.js';

export const SNAPSHOT_FORMAT = 'wimboot-snapshot';
export const SNAPSHOT_VERSION = 1;

/** Top-level fields other than `volumes`. */
export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  /** ISO 8601 time the enumeration started. */
  takenAt: string;
  host: string;
  /** Backend that produced it (`win32`, `offline-ntfs`, ...); informative. */
  backend?: string;
  [unknownField: string]: unknown;
}

/** A volume without its file list (what a streaming read keeps). */
export interface SnapshotVolumeMeta {
  volume: string;
  info?: VolumeInfo;
  sources: DataSource[];
  [unknownField: string]: unknown;
}

export interface SnapshotVolume extends SnapshotVolumeMeta {
  files: BackedFile[];
}

export interface Snapshot extends SnapshotHeader {
  volumes: SnapshotVolume[];
}
