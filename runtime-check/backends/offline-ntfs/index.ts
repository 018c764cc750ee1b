/** Opens a volume mounted with ntfs-3g as a runtime-check backend. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BackendError, type Backend } from '../backend.js';
import { normalizeVolume } from '../../volume.js';
import { OfflineNtfsBackend } from './backend.js';
import { loadXattrReader } from './xattr.js';

export async function createOfflineNtfsBackend(mountPoint: string, volume: string): Promise<Backend> {
  const drive = normalizeVolume(volume);
  if (drive === null) {
    throw new BackendError('bad-volume', `--volume ${volume}: expected a drive such as C:`);
  }
  const root = resolve(mountPoint);
  try {
    if (!(await stat(root)).isDirectory()) {
      throw new BackendError('bad-volume', `--offline ${mountPoint}: not a directory`);
    }
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
  return new OfflineNtfsBackend(root, drive, xattr);
}
