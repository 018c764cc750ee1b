/**
 * The one interface every runtime-check backend implements: "what backs this
 * volume and these files". Implementations: win32 (wof.sys through koffi, on a
 * device), offline-ntfs (a Windows volume mounted on Linux through ntfs-3g) and
 * memory (unit tests). Commands only ever talk to this interface.
 */

// The backing data model is part of the snapshot format, shared with the plugin.
export type { Algorithm, BackedFile, DataSource, Provider, SourceState, VolumeInfo } from '../../formats/backing.js';
import type { BackedFile, DataSource, VolumeInfo } from '../../formats/backing.js';

/** Query result for one path. */
export type QueryResult =
  | { path: string; status: 'backed'; file: BackedFile }
  | { path: string; status: 'not-backed' }
  | { path: string; status: 'missing' };

export interface Backend {
  /** Short name for messages: `win32`, `offline-ntfs`, `memory`. */
  readonly name: string;
  /** Host name recorded in snapshots. */
  host(): string;
  volumeInfo(volume: string): Promise<VolumeInfo>;
  sources(volume: string): Promise<DataSource[]>;
  /** Every backed file of the volume; `onProgress` gets the running count. */
  files(volume: string, onProgress?: (count: number) => void): AsyncIterable<BackedFile>;
  /** Backing of one concrete path (a file, never a glob). */
  query(path: string): Promise<QueryResult>;
  /**
   * Expands a glob (Windows or POSIX separators) to the concrete paths that
   * exist, without following links. Win32 paths in, Win32 paths out.
   */
  expand(pattern: string): Promise<string[]>;
  /** Releases handles. */
  close(): Promise<void>;
}

/** Why a backend cannot answer; the CLI maps `kind` to an exit code and a one-line message. */
export type BackendErrorKind =
  | 'no-backend' // no usable backend on this platform
  | 'not-elevated' // ERROR_ACCESS_DENIED from an admin-only FSCTL
  | 'no-wof' // WOF absent or not NTFS (errors 1 and 50)
  | 'bad-volume' // volume cannot be opened
  | 'io'; // anything else, with the Win32 or errno code in the message

export class BackendError extends Error {
  readonly kind: BackendErrorKind;
  constructor(kind: BackendErrorKind, message: string) {
    super(message);
    this.name = 'BackendError';
    this.kind = kind;
  }
}
