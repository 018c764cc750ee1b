/**
 * The offline NTFS backend: a Windows volume mounted on Linux with ntfs-3g.
 * WOF files carry reparse tag 0x80000017 in `system.ntfs_reparse_data`;
 * without the system-compression plugin ntfs-3g shows them as symlinks to
 * "unsupported reparse tag", so nothing here ever follows a link.
 */
import type { Stats } from 'node:fs';
import { lstat, opendir, readFile, readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { glob } from 'glob';
import {
  BackendError,
  type Backend,
  type BackedFile,
  type DataSource,
  type QueryResult,
  type VolumeInfo,
} from '../backend.js';
import { decodeWofReparse, WofReparseError } from './reparse.js';
import { parseWimOverlay, WimOverlayError } from './wim-overlay.js';
import { XattrPathError, type XattrReader } from './xattr.js';

export const REPARSE_XATTR = 'system.ntfs_reparse_data';
const STAT_BATCH = 64;
const OVERLAY_FILE = ['System Volume Information', 'WimOverlay.dat'];

interface FsError extends Error {
  code?: string;
}

function isFsError(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && codes.includes((error as FsError).code ?? '');
}

function ioError(path: string, error: unknown): BackendError {
  const code = (error as FsError).code;
  return new BackendError(
    'io',
    `${path}: ${code === undefined ? (error as Error).message : `${code}: ${(error as Error).message}`}`,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * lstat that rides out one FUSE quirk: when a reparse point is added or
 * removed while mounted, the file's type changes (symlink <-> regular) and the
 * kernel answers EIO for the stale inode until its entry times out (ntfs-3g's
 * default is 1 s), after which the new type is seen.
 */
async function lstatSettled(path: string): Promise<Stats> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await lstat(path);
    } catch (error) {
      if (!isFsError(error, 'EIO') || attempt === 5) {
        throw error;
      }
      await sleep(300 * attempt);
    }
  }
}

export class OfflineNtfsBackend implements Backend {
  readonly name = 'offline-ntfs';
  readonly mountPoint: string;
  readonly volume: string;
  private readonly xattr: XattrReader;

  constructor(mountPoint: string, volume: string, xattr: XattrReader) {
    this.mountPoint = mountPoint;
    this.volume = volume;
    this.xattr = xattr;
  }

  host(): string {
    return hostname();
  }

  /** `C:\a\b` for the mount-relative POSIX path `a/b`. */
  toWin32(relative: string): string {
    return `${this.volume}\\${relative
      .split('/')
      .filter((part) => part.length > 0)
      .join('\\')}`;
  }

  private checkVolume(volume: string): void {
    if (volume.toUpperCase() !== this.volume) {
      throw new BackendError(
        'bad-volume',
        `${volume} is not the offline volume: ${this.mountPoint} is mounted as ${this.volume} (use --volume)`,
      );
    }
  }

  /** Path components below the volume root of a Win32 path on this volume. */
  private components(win32Path: string): string[] {
    const drive = /^([A-Za-z]:)(?:[\\/]|$)/u.exec(win32Path);
    if (drive === null) {
      throw new BackendError(
        'bad-volume',
        `${win32Path}: expected a drive-letter path such as ${this.volume}\\Windows`,
      );
    }
    this.checkVolume(drive[1]!);
    return win32Path
      .slice(2)
      .split(/[\\/]/u)
      .filter((part) => part.length > 0);
  }

  /**
   * Mount path for the components, matching each name case-insensitively as
   * Windows would (ntfs-3g itself is case-sensitive); null when absent.
   */
  private async resolve(components: readonly string[]): Promise<string | null> {
    let current = this.mountPoint;
    for (const component of components) {
      const direct = join(current, component);
      try {
        await lstatSettled(direct);
        current = direct;
        continue;
      } catch (error) {
        if (!isFsError(error, 'ENOENT', 'ENOTDIR')) {
          throw ioError(direct, error);
        }
      }
      let names: string[];
      try {
        names = await readdir(current);
      } catch (error) {
        if (isFsError(error, 'ENOENT', 'ENOTDIR')) {
          return null;
        }
        throw ioError(current, error);
      }
      const wanted = component.toLowerCase();
      const found = names.find((name) => name.toLowerCase() === wanted);
      if (found === undefined) {
        return null;
      }
      current = join(current, found);
    }
    return current;
  }

  async volumeInfo(volume: string): Promise<VolumeInfo> {
    this.checkVolume(volume);
    // Offline there is no wof.sys to answer FSCTL_GET_WOF_VERSION.
    return { volume: this.volume, fileProviderAttached: false, wimProviderAttached: false };
  }

  async sources(volume: string): Promise<DataSource[]> {
    this.checkVolume(volume);
    const overlay = await this.resolve(OVERLAY_FILE);
    if (overlay === null) {
      return [];
    }
    try {
      return parseWimOverlay(await readFile(overlay), overlay);
    } catch (error) {
      if (error instanceof WimOverlayError) {
        throw new BackendError('io', error.message);
      }
      throw ioError(overlay, error);
    }
  }

  /** Decodes one mount path; null when it is not WOF-backed. */
  private backedFile(
    mountPath: string,
    win32Path: string,
    stats: { isFile(): boolean; size: number; blocks: number },
  ): BackedFile | null {
    let raw: Buffer | null;
    try {
      raw = this.xattr.get(mountPath, REPARSE_XATTR);
    } catch (error) {
      if (error instanceof XattrPathError) {
        throw new BackendError(
          'io',
          `${win32Path} (${mountPath}): reading ${REPARSE_XATTR} failed with errno ${error.errno}`,
        );
      }
      throw error;
    }
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

  async *files(volume: string, onProgress?: (count: number) => void): AsyncIterable<BackedFile> {
    this.checkVolume(volume);
    let count = 0;
    const pending: string[] = [''];
    while (pending.length > 0) {
      const relativeDir = pending.pop()!;
      const dirPath = join(this.mountPoint, relativeDir);
      let dir;
      try {
        dir = await opendir(dirPath);
      } catch (error) {
        throw ioError(dirPath, error);
      }
      const names: string[] = [];
      for await (const entry of dir) {
        names.push(entry.name);
      }
      // Sorted so snapshots of the same volume come out in the same order;
      // every entry is lstat-ed because FUSE may not report dirent types.
      names.sort();
      const subdirectories: string[] = [];
      // lstat a batch of entries at once: FUSE round trips overlap in libuv's pool.
      const statsOf = new Map<string, Stats | null>();
      for (let start = 0; start < names.length; start += STAT_BATCH) {
        const batch = names.slice(start, start + STAT_BATCH);
        const results = await Promise.all(
          batch.map((name) =>
            lstatSettled(join(dirPath, name)).catch((error: unknown) => {
              if (isFsError(error, 'ENOENT')) {
                return null;
              }
              throw ioError(join(dirPath, name), error);
            }),
          ),
        );
        batch.forEach((name, index) => statsOf.set(name, results[index] ?? null));
      }
      for (const name of names) {
        const relative = relativeDir === '' ? name : `${relativeDir}/${name}`;
        const mountPath = join(this.mountPoint, relative);
        const stats = statsOf.get(name);
        if (stats === undefined || stats === null) {
          continue;
        }
        if (stats.isDirectory()) {
          subdirectories.push(relative);
          continue;
        }
        if (!stats.isFile() && !stats.isSymbolicLink()) {
          continue;
        }
        const file = this.backedFile(mountPath, this.toWin32(relative), stats);
        if (file !== null) {
          count += 1;
          onProgress?.(count);
          yield file;
        }
      }
      // Files of a folder first, then its subfolders in name order.
      pending.push(...subdirectories.reverse());
    }
  }

  async query(path: string): Promise<QueryResult> {
    const components = this.components(path);
    const mountPath = await this.resolve(components);
    if (mountPath === null) {
      return { path, status: 'missing' };
    }
    const relative = mountPath.slice(this.mountPoint.length).replace(/^\/+/u, '');
    const win32Path = this.toWin32(relative);
    const stats = await lstatSettled(mountPath).catch((error: unknown) => {
      throw ioError(mountPath, error);
    });
    if (stats.isDirectory()) {
      return { path: win32Path, status: 'not-backed' };
    }
    const file = this.backedFile(mountPath, win32Path, stats);
    return file === null ? { path: win32Path, status: 'not-backed' } : { path: win32Path, status: 'backed', file };
  }

  async expand(pattern: string): Promise<string[]> {
    const components = this.components(pattern);
    if (components.length === 0) {
      return [`${this.volume}\\`];
    }
    let matches: string[];
    try {
      matches = await glob(components.join('/'), {
        cwd: this.mountPoint,
        dot: true,
        nocase: true,
        follow: false,
        posix: true,
      });
    } catch (error) {
      throw ioError(this.mountPoint, error);
    }
    return matches.map((relative) => this.toWin32(relative)).sort();
  }

  async close(): Promise<void> {
    // Nothing held open between calls.
  }
}
