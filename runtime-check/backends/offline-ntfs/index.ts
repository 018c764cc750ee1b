/** Opens a volume mounted with ntfs-3g as a runtime-check backend. */
import { readFileSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BackendError, type Backend } from '../backend.js';
import { normalizeVolume } from '../../volume.js';
import { OfflineNtfsBackend, type OfflineNtfsOptions } from './backend.js';
import { loadXattrReader } from './xattr.js';

/** MFT record 5 is an NTFS volume's root folder, and ntfs-3g reports MFT record numbers as inode numbers. */
const NTFS_ROOT_INODE = 5;

/** The mount point /proc/self/mounts lists for `path`, if any (longest match). */
function mountPointOf(path: string): string | undefined {
  let mounts: string;
  try {
    mounts = readFileSync('/proc/self/mounts', 'utf8');
  } catch {
    return undefined;
  }
  const unescape = (field: string) =>
    field.replace(/\\([0-7]{3})/gu, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
  return mounts
    .split('\n')
    .map((line) => unescape(line.split(' ')[1] ?? ''))
    .filter((point) => point !== '' && (path === point || path.startsWith(point === '/' ? '/' : `${point}/`)))
    .sort((a, b) => b.length - a.length)[0];
}

export async function createOfflineNtfsBackend(
  mountPoint: string,
  volume: string,
  options: OfflineNtfsOptions = {},
): Promise<Backend> {
  const drive = normalizeVolume(volume);
  if (drive === null) {
    throw new BackendError('bad-volume', `--volume ${volume}: expected a drive such as C:`);
  }
  let root: string;
  let inode: number;
  try {
    // The mount point itself is the user's choice and may be reached through a link; nothing below it is.
    root = await realpath(resolve(mountPoint));
    const stats = await stat(root);
    if (!stats.isDirectory()) {
      throw new BackendError('bad-volume', `--offline ${mountPoint}: not a directory`);
    }
    inode = stats.ino;
  } catch (error) {
    if (error instanceof BackendError) {
      throw error;
    }
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new BackendError('bad-volume', `--offline ${mountPoint}: ${why}`);
  }
  const xattr = await loadXattrReader();
  // ntfs-3g exposes system.ntfs_attrib on every file; anything else would
  // silently show "no backed files".
  let attributes: Buffer | null = null;
  try {
    attributes = xattr.get(root, 'system.ntfs_attrib');
  } catch {
    attributes = null;
  }
  if (attributes === null) {
    throw new BackendError(
      'bad-volume',
      `--offline ${mountPoint}: not an NTFS volume mounted with ntfs-3g (it has no system.ntfs_attrib attribute)`,
    );
  }
  // A folder inside the volume would make every path wrong (C:\a.dll for C:\Windows\System32\a.dll).
  if (inode !== NTFS_ROOT_INODE) {
    const mounted = mountPointOf(root);
    throw new BackendError(
      'bad-volume',
      `--offline ${mountPoint}: a folder inside an NTFS volume, not its root: give the mount point` +
        (mounted === undefined || mounted === root ? '' : ` (${JSON.stringify(mounted)})`),
    );
  }
  return new OfflineNtfsBackend(root, drive, xattr, options);
}
