/**
 * Reads a snapshot file, streaming the `files` arrays one entry at a time and
 * validating everything on the way. Errors name the file, the line:column and
 * what was expected there.
 */
import { closeSync, openSync } from 'node:fs';
import type { BackedFile, DataSource } from '../backing.js';
import { isObject } from '../is-object.js';
import type { FilePosition } from './format-error.js';
import { JsonScanner, SNAPSHOT_LIMITS, type ScannerLimits } from './json-scanner.js';
import type { Snapshot, SnapshotHeader, SnapshotVolume, SnapshotVolumeMeta } from './types.js';
import {
  checkBackedFileProblem,
  checkDataSourceProblem,
  checkFormat,
  checkHost,
  checkTakenAt,
  checkVersion,
  checkVolumeName,
  describeValue,
  isWellFormedBackedFile,
} from './validate.js';

export interface StreamedSnapshot {
  header: SnapshotHeader;
  /** Volumes without their files, in file order. */
  volumes: SnapshotVolumeMeta[];
  fileCount: number;
}

/**
 * Called for each file entry, in file order, with its volume's index, its
 * index in that volume's `files` and where it starts (for errors a caller
 * finds, such as a path listed twice).
 */
export type FileVisitor = (file: BackedFile, volumeIndex: number, index: number, at: FilePosition) => void;

const HEADER_CHECKS: Record<string, (value: unknown) => string | null> = {
  format: checkFormat,
  version: checkVersion,
  takenAt: checkTakenAt,
  host: checkHost,
};

/**
 * Streams a snapshot: `onFile` sees every backed file; the returned value holds
 * the header and volume metadata (sources, unknown fields), not the files.
 * The input is read once, front to back, so a FIFO or a pipe (`<(...)`) works
 * as well as a file; `limits` bound what a plausible snapshot holds.
 */
export function streamSnapshot(
  fileName: string,
  onFile: FileVisitor,
  limits: Partial<ScannerLimits> = {},
): StreamedSnapshot {
  try {
    const fd = openSync(fileName, 'r');
    try {
      return streamFromDescriptor(new JsonScanner(fd, fileName, { ...SNAPSHOT_LIMITS, ...limits }), onFile);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    nameFileIn(error, fileName);
    throw error;
  }
}

/** Read errors (EISDIR, EIO) come without a path; give them the snapshot's name. */
function nameFileIn(error: unknown, fileName: string): void {
  const nodeError = error as NodeJS.ErrnoException;
  if (nodeError instanceof Error && nodeError.code !== undefined && nodeError.path === undefined) {
    nodeError.path = fileName;
  }
}

/** Reads a whole snapshot into memory (fine for tests and small volumes). */
export function readSnapshot(fileName: string): Snapshot {
  const filesByVolume: BackedFile[][] = [];
  const streamed = streamSnapshot(fileName, (file, volumeIndex) => {
    (filesByVolume[volumeIndex] ??= []).push(file);
  });
  const volumes: SnapshotVolume[] = streamed.volumes.map((volume, index) => ({
    ...volume,
    files: filesByVolume[index] ?? [],
  }));
  return { ...streamed.header, volumes };
}

function streamFromDescriptor(scanner: JsonScanner, onFile: FileVisitor): StreamedSnapshot {
  const header: Record<string, unknown> = {};
  const volumes: SnapshotVolumeMeta[] = [];
  let fileCount = 0;
  let sawVolumes = false;
  const start = scanner.position();

  scanner.readObject('the snapshot, a JSON object with "format": "wimboot-snapshot"', (key, at) => {
    if (key === 'volumes') {
      sawVolumes = true;
      if (!scanner.nextIs('[')) {
        scanner.fail(
          `volumes: expected an array of volumes, got ${describeValue(scanner.captureValue('volumes'))}`,
          at,
        );
      }
      scanner.readArray('volumes', (volumeIndex, volumeAt) => {
        volumes.push(
          readVolume(scanner, volumeIndex, volumeAt, (file, index, at) => {
            fileCount += 1;
            onFile(file, volumeIndex, index, at);
          }),
        );
      });
      return;
    }
    const value = scanner.captureValue(key);
    const problem = HEADER_CHECKS[key]?.(value) ?? null;
    if (problem !== null) {
      scanner.fail(problem, at);
    }
    header[key] = value;
  });
  if (!scanner.atEnd()) {
    scanner.fail('expected end of file after the snapshot object');
  }
  for (const [key, check] of Object.entries(HEADER_CHECKS)) {
    if (!(key in header)) {
      scanner.fail(`${check(undefined) ?? key}`, start);
    }
  }
  if (!sawVolumes) {
    scanner.fail('volumes: expected an array of volumes, got nothing (the field is missing)', start);
  }
  return { header: header as SnapshotHeader, volumes, fileCount };
}

function readVolume(
  scanner: JsonScanner,
  volumeIndex: number,
  volumeAt: FilePosition,
  onFile: (file: BackedFile, index: number, at: FilePosition) => void,
): SnapshotVolumeMeta {
  const where = `volumes[${volumeIndex}]`;
  if (!scanner.nextIs('{')) {
    scanner.fail(
      `${where}: expected a volume object {"volume", "sources", "files"}, got ${describeValue(scanner.captureValue(where))}`,
      volumeAt,
    );
  }
  const meta: Record<string, unknown> = {};
  let sawFiles = false;
  scanner.readObject(where, (key, at) => {
    if (key === 'files' || key === 'sources') {
      const field = `${where}.${key}`;
      if (!scanner.nextIs('[')) {
        scanner.fail(`${field}: expected an array, got ${describeValue(scanner.captureValue(field))}`, at);
      }
      const sources: DataSource[] = [];
      scanner.readArray(field, (index, elementAt) => {
        const name = (): string => `${field}[${index}]`;
        const element = scanner.captureValue(name);
        if (key === 'files' ? !isWellFormedBackedFile(element) : true) {
          const problem =
            key === 'files' ? checkBackedFileProblem(name(), element) : checkDataSourceProblem(name(), element);
          if (problem !== null) {
            scanner.fail(problem, elementAt);
          }
        }
        if (key === 'files') {
          onFile(element as BackedFile, index, elementAt);
        } else {
          sources.push(element as DataSource);
        }
      });
      if (key === 'files') {
        sawFiles = true;
      } else {
        meta.sources = sources;
      }
      return;
    }
    const value = scanner.captureValue(`${where}.${key}`);
    if (key === 'volume') {
      const problem = checkVolumeName(`${where}.volume`, value);
      if (problem !== null) {
        scanner.fail(problem, at);
      }
    } else if (key === 'info' && !isObject(value)) {
      scanner.fail(`${where}.info: expected an object, got ${describeValue(value)}`, at);
    }
    meta[key] = value;
  });
  if (meta.volume === undefined) {
    scanner.fail(`${where}.volume: expected a drive such as "C:", got nothing (the field is missing)`, volumeAt);
  }
  if (meta.sources === undefined) {
    scanner.fail(`${where}.sources: expected an array, got nothing (the field is missing)`, volumeAt);
  }
  if (!sawFiles) {
    scanner.fail(`${where}.files: expected an array, got nothing (the field is missing)`, volumeAt);
  }
  return meta as SnapshotVolumeMeta;
}
