/**
 * The one interface every runtime-check backend implements: "what backs this
 * volume and these files". Implementations: win32 (wof.sys through koffi, on a
 * device), offline-ntfs (a Windows volume mounted on Linux through ntfs-3g) and
 * memory (unit tests). Commands only ever talk to this interface.
 */

/** Which WOF provider backs a file: a WIM resource or per-file compression. */
export type Provider = 'wim' | 'file';

/** State of a WIM data source (WIM_PROVIDER_OVERLAY_ENTRY.Flags). */
export type SourceState = 'active' | 'not-active' | 'suspended';

/** FILE provider compression algorithms (FILE_PROVIDER_COMPRESSION_*). */
export type Algorithm = 'XPRESS4K' | 'LZX' | 'XPRESS8K' | 'XPRESS16K';

/** One WIM data source backing a volume (`fsutil wim enumwims`). */
export interface DataSource {
  dataSourceId: number;
  provider: 'wim';
  /** Path of the WIM as wof.sys reports it (often NT form, `\??\D:\...`). */
  wimPath: string;
  /** `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`. */
  wimGuid: string;
  wimIndex: number;
  /** 1 = WIM_BOOT_OS_WIM, 0 = WIM_BOOT_NOT_OS_WIM. */
  wimType: number;
  /**
   * `unknown` only offline: WimOverlay.dat records no state, and no driver
   * can be asked. Kept out of `SourceState` so exhaustive maps over it stay valid.
   */
  state: SourceState | 'unknown';
  /**
   * Offline only: the partition holding the WIM, as WimOverlay.dat names it
   * (`gpt:{partition GUID}` or `mbr:{disk signature}:{start offset}`), because
   * its `wimPath` has no drive letter.
   */
  wimPartition?: string;
}

/** One externally backed file (`fsutil wim enumfiles` / `queryfile`). */
export interface BackedFile {
  /** Drive-letter Win32 path, e.g. `C:\Windows\notepad.exe`. */
  path: string;
  provider: Provider;
  /** WIM provider only. */
  dataSourceId?: number;
  /** FILE provider only. */
  algorithm?: Algorithm;
  /** Logical (uncompressed) size in bytes. */
  size?: number;
  /** Allocated size on the volume (GetCompressedFileSizeW). */
  sizeOnDisk?: number;
}

/** What a backend knows about WOF on a volume. */
export interface VolumeInfo {
  /** `C:` form. */
  volume: string;
  /** True when the WOF file provider answered FSCTL_GET_WOF_VERSION. */
  fileProviderAttached: boolean;
  /** True when the WOF WIM provider answered FSCTL_GET_WOF_VERSION. */
  wimProviderAttached: boolean;
  /** `major.minor.build` of the providers, where known. */
  fileProviderVersion?: string;
  wimProviderVersion?: string;
}

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
