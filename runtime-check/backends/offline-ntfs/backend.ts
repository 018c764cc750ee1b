/**
 * The offline NTFS backend: a Windows volume mounted on Linux with ntfs-3g.
 * WOF files carry reparse tag 0x80000017 in `system.ntfs_reparse_data`;
 * without the system-compression plugin ntfs-3g shows them as symlinks to
 * "unsupported reparse tag". Nothing here follows a link, in any component
 * (VolumeTree), and no name Windows could not have becomes a Win32 path.
 */
import type { Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import {
  BackendError,
  type Backend,
  type BackedFile,
  type DataSource,
  type QueryResult,
  type VolumeInfo,
} from '../backend.js';
import { expandSegments } from './glob.js';
import { abbreviate, LINUX_PATH_MAX } from './names.js';
import { decodeWofReparse, WofReparseError } from './reparse.js';
import { ioError, isFsError, lstatSettled, VolumeTree, type WarningSink } from './tree.js';
import { parseWimOverlay, WimOverlayError } from './wim-overlay.js';
import { XattrPathError, type XattrReader } from './xattr.js';

export const REPARSE_XATTR = 'system.ntfs_reparse_data';
const STAT_BATCH = 64;
const OVERLAY_FILE = ['System Volume Information', 'WimOverlay.dat'];
/** WimOverlay.dat lists a handful of WIMs in a few KiB; anything this big is not one. */
const OVERLAY_MAX_SIZE = 16 * 1024 * 1024;
const ENAMETOOLONG = 36;

export interface OfflineNtfsOptions {
  /** Where skipped entries are reported (one line each); silent when absent. */
  onWarning?: WarningSink;
}

export class OfflineNtfsBackend implements Backend {
  readonly name = 'offline-ntfs';
  readonly mountPoint: string;
  readonly volume: string;
  private readonly xattr: XattrReader;
  private readonly tree: VolumeTree;

  constructor(mountPoint: string, volume: string, xattr: XattrReader, options: OfflineNtfsOptions = {}) {
    this.mountPoint = mountPoint;
    this.volume = volume;
    this.xattr = xattr;
    this.tree = new VolumeTree(mountPoint, volume, options.onWarning);
  }

  host(): string {
    return hostname();
  }

  /** `C:\a\b` for the mount-relative POSIX path `a/b`. */
  toWin32(relative: string): string {
    return this.tree.toWin32(relative);
  }

  private checkVolume(volume: string): void {
    if (volume.toUpperCase() !== this.volume) {
      throw new BackendError(
        'bad-volume',
        `${volume} is not the offline volume: ${this.mountPoint} is mounted as ${this.volume} (use --volume)`,
      );
    }
  }

  /**
   * Path components below the volume root of a Win32 path on this volume,
   * with `.` and `..` resolved as Windows does (lexically, never above the root).
   */
  private components(win32Path: string): string[] {
    const drive = /^([A-Za-z]:)(?:[\\/]|$)/u.exec(win32Path);
    if (drive === null) {
      throw new BackendError(
        'bad-volume',
        `${win32Path}: expected a drive-letter path such as ${this.volume}\\Windows`,
      );
    }
    this.checkVolume(drive[1]!);
    const components: string[] = [];
    for (const part of win32Path.slice(2).split(/[\\/]/u)) {
      if (part === '..') {
        components.pop();
      } else if (part !== '' && part !== '.') {
        components.push(part);
      }
    }
    return components;
  }

  async volumeInfo(volume: string): Promise<VolumeInfo> {
    this.checkVolume(volume);
    // Offline there is no wof.sys to answer FSCTL_GET_WOF_VERSION.
    return { volume: this.volume, fileProviderAttached: false, wimProviderAttached: false };
  }

  async sources(volume: string): Promise<DataSource[]> {
    this.checkVolume(volume);
    const overlay = await this.tree.resolve(OVERLAY_FILE);
    if (overlay === null || !overlay.stats.isFile()) {
      return [];
    }
    const path = this.tree.absolute(overlay.relative);
    if (overlay.stats.size > OVERLAY_MAX_SIZE) {
      throw new BackendError('io', `${path}: ${overlay.stats.size} bytes, too large to be a WimOverlay.dat`);
    }
    try {
      return parseWimOverlay(await readFile(path), path);
    } catch (error) {
      if (error instanceof WimOverlayError) {
        throw new BackendError('io', error.message);
      }
      throw ioError(path, error);
    }
  }

  /** The raw reparse data of one entry (never following it); `too-long` when Linux cannot take its path. */
  private reparseData(relative: string): Buffer | null | 'too-long' {
    const mountPath = this.tree.absolute(relative);
    try {
      return this.xattr.get(mountPath, REPARSE_XATTR);
    } catch (error) {
      if (!(error instanceof XattrPathError)) {
        throw error;
      }
      if (error.errno === ENAMETOOLONG) {
        return 'too-long';
      }
      const why = error.size === undefined ? `failed with errno ${error.errno}` : error.message.split(': ').at(-1);
      const where = `${abbreviate(this.toWin32(relative))} (${abbreviate(mountPath)})`;
      throw new BackendError('io', `${where}: reading ${REPARSE_XATTR} ${why}`);
    }
  }

  /** Decodes one entry's reparse data; null when it is not WOF-backed. */
  private backedFile(relative: string, stats: Stats, raw: Buffer | null): BackedFile | null {
    const mountPath = this.tree.absolute(relative);
    const win32Path = this.toWin32(relative);
    if (raw === null) {
      return null;
    }
    let reparse;
    try {
      reparse = decodeWofReparse(raw);
    } catch (error) {
      if (error instanceof WofReparseError) {
        throw new BackendError('io', `${win32Path} (${mountPath}): ${error.message}`);
      }
      throw error;
    }
    if (reparse === null) {
      return null;
    }
    // A placeholder shows as a symlink whose size is its link text; only a
    // regular file (system-compression plugin) has meaningful size and blocks.
    const sizes = stats.isFile() ? { size: stats.size, sizeOnDisk: stats.blocks * 512 } : {};
    if (reparse.provider === 'unknown') {
      return {
        path: win32Path,
        provider: 'unknown',
        providerId: reparse.providerId,
        ...(reparse.wofVersion === undefined ? {} : { wofVersion: reparse.wofVersion }),
        ...sizes,
      };
    }
    if ('providerVersion' in reparse) {
      return { path: win32Path, provider: reparse.provider, providerVersion: reparse.providerVersion, ...sizes };
    }
    if (reparse.provider === 'wim') {
      return {
        path: win32Path,
        provider: 'wim',
        dataSourceId: reparse.dataSourceId,
        size: reparse.size,
        ...(sizes.sizeOnDisk === undefined ? {} : { sizeOnDisk: sizes.sizeOnDisk }),
      };
    }
    return { path: win32Path, provider: 'file', algorithm: reparse.algorithm, ...sizes };
  }

  /** lstat of the entries of one directory, a batch at a time (FUSE round trips overlap in libuv's pool). */
  private async statEntries(directory: string, names: readonly string[]): Promise<Map<string, Stats | 'too-long'>> {
    const statsOf = new Map<string, Stats | 'too-long'>();
    for (let start = 0; start < names.length; start += STAT_BATCH) {
      const batch = names.slice(start, start + STAT_BATCH);
      await Promise.all(
        batch.map(async (name) => {
          const relative = VolumeTree.childOf(directory, name);
          if (!this.tree.fitsLinux(relative)) {
            statsOf.set(name, 'too-long');
            return;
          }
          try {
            statsOf.set(name, await lstatSettled(this.tree.absolute(relative)));
          } catch (error) {
            if (isFsError(error, 'ENAMETOOLONG')) {
              statsOf.set(name, 'too-long');
            } else if (!isFsError(error, 'ENOENT')) {
              throw ioError(this.tree.absolute(relative), error);
            }
          }
        }),
      );
    }
    return statsOf;
  }

  async *files(volume: string, onProgress?: (count: number) => void): AsyncIterable<BackedFile> {
    this.checkVolume(volume);
    let count = 0;
    const pending: string[] = [''];
    while (pending.length > 0) {
      const directory = pending.pop()!;
      let names: string[];
      try {
        // Sorted so snapshots of the same volume come out in the same order;
        // every entry is lstat-ed because FUSE may not report dirent types.
        names = await this.tree.list(directory);
      } catch (error) {
        if (isFsError(error, 'ENAMETOOLONG')) {
          this.tree.warnTooLong(directory, 1);
          continue;
        }
        throw ioError(this.tree.absolute(directory), error);
      }
      const statsOf = await this.statEntries(directory, names);
      const subdirectories: string[] = [];
      let tooLong = 0;
      for (const name of names) {
        const relative = VolumeTree.childOf(directory, name);
        const stats = statsOf.get(name);
        if (stats === 'too-long') {
          tooLong += 1;
          continue;
        }
        if (stats === undefined) {
          continue;
        }
        if (stats.isDirectory()) {
          subdirectories.push(relative);
          continue;
        }
        if (!stats.isFile() && !stats.isSymbolicLink()) {
          continue;
        }
        const raw = this.reparseData(relative);
        if (raw === 'too-long') {
          tooLong += 1;
          continue;
        }
        const file = this.backedFile(relative, stats, raw);
        if (file !== null) {
          count += 1;
          onProgress?.(count);
          yield file;
        }
      }
      if (tooLong > 0) {
        this.tree.warnTooLong(directory, tooLong);
      }
      // Files of a folder first, then its subfolders in name order.
      pending.push(...subdirectories.reverse());
    }
  }

  async query(path: string): Promise<QueryResult> {
    const components = this.components(path);
    const relativePath = components.join('/');
    if (!this.tree.fitsLinux(relativePath)) {
      throw new BackendError(
        'io',
        `${abbreviate(path)}: the path under the mount point is longer than Linux allows (${LINUX_PATH_MAX} bytes)`,
      );
    }
    const entry = await this.tree.resolve(components);
    if (entry === null) {
      return { path, status: 'missing' };
    }
    const win32Path = this.toWin32(entry.relative);
    if (entry.stats.isDirectory()) {
      return { path: win32Path, status: 'not-backed' };
    }
    const raw = this.reparseData(entry.relative);
    if (raw === 'too-long') {
      throw new BackendError(
        'io',
        `${abbreviate(path)}: its path is longer than Linux allows (${LINUX_PATH_MAX} bytes)`,
      );
    }
    const file = this.backedFile(entry.relative, entry.stats, raw);
    return file === null ? { path: win32Path, status: 'not-backed' } : { path: win32Path, status: 'backed', file };
  }

  async expand(pattern: string): Promise<string[]> {
    const components = this.components(pattern);
    if (components.length === 0) {
      return [`${this.volume}\\`];
    }
    let matches: string[];
    try {
      matches = await expandSegments(this.tree, components);
    } catch (error) {
      throw error instanceof BackendError ? error : ioError(this.mountPoint, error);
    }
    return matches.map((relative) => this.toWin32(relative)).sort();
  }

  async close(): Promise<void> {
    // Nothing held open between calls.
  }
}
