/**
 * What backs a file on a WOF volume: the data model every backend produces
 * and every snapshot records (docs/snapshot-format.md). Shared by the device
 * check and the plugin (a device snapshot in settings), so it lives here.
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
