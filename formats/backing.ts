/**
 * What backs a file on a WOF volume: the data model every backend produces
 * and every snapshot records (docs/snapshot-format.md). Shared by the device
 * check and the plugin (a device snapshot in settings), so it lives here.
 *
 * A device may run a newer wof.sys than the SDK this was written from: a
 * provider, algorithm or structure version we do not know is recorded as
 * such (raw number kept), never guessed at and never fatal.
 */

/**
 * Which WOF provider backs a file: a WIM resource, per-file compression, or a
 * provider this version does not know (`providerId` has its number; the SDK
 * defines 3, WOF_PROVIDER_CLOUD, without documenting it).
 */
export type Provider = 'wim' | 'file' | 'unknown';

/** State of a WIM data source (WIM_PROVIDER_OVERLAY_ENTRY.Flags). */
export type SourceState = 'active' | 'not-active' | 'suspended';

/** FILE_PROVIDER_COMPRESSION_* 0-3, in value order. */
export const KNOWN_ALGORITHMS = ['XPRESS4K', 'LZX', 'XPRESS8K', 'XPRESS16K'] as const;
export type KnownAlgorithm = (typeof KNOWN_ALGORITHMS)[number];

/** A FILE provider compression algorithm; `unknown-N` for a value past XPRESS16K. */
export type Algorithm = KnownAlgorithm | `unknown-${number}`;

/** The name of a FILE_PROVIDER_COMPRESSION_* value. */
export function algorithmName(value: number): Algorithm {
  return KNOWN_ALGORITHMS[value] ?? `unknown-${value}`;
}

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
  /** Provider `unknown` only: the raw WOF provider number. */
  providerId?: number;
  /** Only when it is not 1 (WOF_CURRENT_VERSION): the raw WOF version; the provider is then `unknown`. */
  wofVersion?: number;
  /**
   * Only when it is not the version we can decode: the provider structure's
   * own version. Its fields (`dataSourceId`, `algorithm`, offline `size`) are then left out.
   */
  providerVersion?: number;
  /** WIM provider only. */
  dataSourceId?: number;
  /** FILE provider only. */
  algorithm?: Algorithm;
  /** Logical (uncompressed) size in bytes. */
  size?: number;
  /** Allocated size on the volume (GetCompressedFileSizeW). */
  sizeOnDisk?: number;
}

/** True when part of a file's backing is something this version does not know. */
export function hasUnknownBacking(file: BackedFile): boolean {
  return (
    file.provider === 'unknown' ||
    file.wofVersion !== undefined ||
    file.providerVersion !== undefined ||
    (file.algorithm !== undefined && file.algorithm.startsWith('unknown-'))
  );
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
