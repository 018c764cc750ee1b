/**
 * Picks the backend for a device command: an offline NTFS mount when asked,
 * the live Win32 backend on Windows, otherwise a clear "no backend" error.
 */
import { BackendError, type Backend } from './backend.js';

export interface BackendChoice {
  /** `--offline MOUNTPOINT`: a Windows volume mounted through ntfs-3g. */
  offline?: string;
  /** `--volume`: the drive the offline mount stands for. */
  volume?: string;
}

interface Win32Module {
  createWin32Backend(): Promise<Backend>;
}

export async function selectBackend(choice: BackendChoice): Promise<Backend> {
  if (choice.offline !== undefined) {
    const { createOfflineNtfsBackend } = await import('./offline-ntfs/index.js');
    return createOfflineNtfsBackend(choice.offline, choice.volume ?? 'C:');
  }
  if (process.platform === 'win32') {
    // Computed specifier: the win32 backend is built separately and may be
    // absent from a partial build; it is only needed on Windows.
    const specifier = './win32/index.js';
    const module = (await import(specifier)) as Partial<Win32Module>;
    if (typeof module.createWin32Backend !== 'function') {
      throw new BackendError('no-backend', 'the win32 backend is missing from this build of wimboot-check');
    }
    return module.createWin32Backend();
  }
  throw new BackendError(
    'no-backend',
    'no WOF on this platform: take a snapshot on the device and use `diff`/`confirm --snapshot`',
  );
}
