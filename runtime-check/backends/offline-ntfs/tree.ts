/**
 * The mounted volume seen without ever following a link. A path is only ever
 * used below components that were each lstat-ed as real directories;
 * symlinks and junctions (ntfs-3g shows both, and WOF placeholders, as
 * symlinks) are leaves. Names match case-insensitively, as on Windows
 * (ntfs-3g itself is case-sensitive). The image must not change while it is
 * read (mount it read-only): a folder swapped for a link between the lstat
 * and its use would still be followed.
 */
import type { Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BackendError } from '../backend.js';
import { abbreviate, LINUX_PATH_MAX, windowsNameProblem } from './names.js';

interface FsError extends Error {
  code?: string;
}

export function isFsError(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && codes.includes((error as FsError).code ?? '');
}

export function ioError(path: string, error: unknown): BackendError {
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
export async function lstatSettled(path: string): Promise<Stats> {
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

export interface TreeEntry {
  /** Mount-relative POSIX path, `''` for the root. */
  relative: string;
  stats: Stats;
}

/** Where the tree reports what it skipped (one line each, said once). */
export type WarningSink = (message: string) => void;

export class VolumeTree {
  readonly mountPoint: string;
  /** `C:` */
  readonly volume: string;
  readonly #warn: WarningSink;
  readonly #warned = new Set<string>();

  constructor(mountPoint: string, volume: string, warn: WarningSink = () => undefined) {
    this.mountPoint = mountPoint;
    this.volume = volume;
    this.#warn = warn;
  }

  absolute(relative: string): string {
    return relative === '' ? this.mountPoint : join(this.mountPoint, relative);
  }

  /** `C:\a\b` for the mount-relative `a/b` (made of valid Windows names only). */
  toWin32(relative: string): string {
    return `${this.volume}\\${relative
      .split('/')
      .filter((part) => part.length > 0)
      .join('\\')}`;
  }

  /** Whether Linux can take this mount path at all (PATH_MAX), however deep NTFS allows folders to be. */
  fitsLinux(relative: string): boolean {
    return Buffer.byteLength(this.absolute(relative)) <= LINUX_PATH_MAX;
  }

  warn(message: string): void {
    if (!this.#warned.has(message)) {
      this.#warned.add(message);
      this.#warn(message);
    }
  }

  /** Reports entries of `directory` skipped because their mount paths are longer than Linux allows. */
  warnTooLong(directory: string, count: number): void {
    const what = count === 1 ? '1 entry' : `${count} entries`;
    this.warn(
      `${abbreviate(this.toWin32(directory))}: skipped ${what} below it: the path under the mount point would be ` +
        `longer than Linux allows (${LINUX_PATH_MAX} bytes)`,
    );
  }

  static childOf(directory: string, name: string): string {
    return directory === '' ? name : `${directory}/${name}`;
  }

  /**
   * The names in a real directory that can be Windows names, sorted (so the
   * same volume always comes out in the same order); the others are
   * reported (with `report`) and left out.
   */
  async list(directory: string, report = true): Promise<string[]> {
    const names = await readdir(this.absolute(directory));
    const valid: string[] = [];
    for (const name of names) {
      const problem = windowsNameProblem(name);
      if (problem === null) {
        valid.push(name);
      } else if (report) {
        // JSON quoting keeps a newline or a backslash in the name visible and on one line.
        this.warn(`${abbreviate(this.toWin32(directory))}: skipped ${JSON.stringify(name)}: ${problem}`);
      }
    }
    return valid.sort();
  }

  /**
   * Entry `name` of the real directory `directory`, matched as Windows would:
   * the exact name first, else the first name equal ignoring case; null when absent.
   */
  async child(directory: string, name: string): Promise<TreeEntry | null> {
    const direct = VolumeTree.childOf(directory, name);
    try {
      return { relative: direct, stats: await lstatSettled(this.absolute(direct)) };
    } catch (error) {
      if (!isFsError(error, 'ENOENT')) {
        throw ioError(this.absolute(direct), error);
      }
    }
    let names: string[];
    try {
      names = await this.list(directory, false);
    } catch (error) {
      throw ioError(this.absolute(directory), error);
    }
    const wanted = name.toLowerCase();
    const found = names.find((candidate) => candidate.toLowerCase() === wanted);
    if (found === undefined) {
      return null;
    }
    const relative = VolumeTree.childOf(directory, found);
    try {
      return { relative, stats: await lstatSettled(this.absolute(relative)) };
    } catch (error) {
      if (isFsError(error, 'ENOENT')) {
        return null;
      }
      throw ioError(this.absolute(relative), error);
    }
  }

  /**
   * Follows `components` down from the root, each one a real directory but
   * the last; null when a component is missing, cannot be a Windows name, or
   * is a link, junction or file where a folder is needed.
   */
  async resolve(components: readonly string[]): Promise<TreeEntry | null> {
    let current: TreeEntry | null = null;
    let directory = '';
    for (const [index, component] of components.entries()) {
      if (windowsNameProblem(component) !== null) {
        return null;
      }
      current = await this.child(directory, component);
      if (current === null) {
        return null;
      }
      if (index < components.length - 1 && !current.stats.isDirectory()) {
        return null;
      }
      directory = current.relative;
    }
    return current ?? { relative: '', stats: await lstatSettled(this.mountPoint) };
  }
}
