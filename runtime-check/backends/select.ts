/**
 * Picks the backend for a device command: an offline NTFS mount when asked,
 * the live Win32 backend on Windows, otherwise a clear "no backend" error.
 */
import { BackendError, type Backend } from './backend.js';
import type { Win32BackendOptions } from './win32/index.js';

export interface BackendChoice {
  /** `--offline MOUNTPOINT`: a Windows volume mounted through ntfs-3g. */
  offline?: string;
  /** `--volume`: the drive the offline mount stands for. */
  volume?: string;
  /** Where a backend reports what it skipped (offline: links, names Windows cannot have, paths too deep). */
  onWarning?: (message: string) => void;
}

interface Win32Module {
  createWin32Backend(options?: Win32BackendOptions): Promise<Backend>;
}

let win32OptionsForTests: Win32BackendOptions = {};

/**
 * Test seam, never reached from the command line: the Wine tests call this
 * before running the CLI so the win32 backend binds a stand-in kernel32.
 */
export function setWin32BackendOptionsForTests(options: Win32BackendOptions): void {
  win32OptionsForTests = { ...options };
}

export async function selectBackend(choice: BackendChoice): Promise<Backend> {
  if (choice.offline !== undefined) {
    const { createOfflineNtfsBackend } = await import('./offline-ntfs/index.js');
    return createOfflineNtfsBackend(
      choice.offline,
      choice.volume ?? 'C:',
      choice.onWarning === undefined ? {} : { onWarning: choice.onWarning },
    );
  }
  if (process.platform === 'win32') {
    // Computed specifier: the win32 backend is built separately and may be
    // absent from a partial build; it is only needed on Windows.
    const specifier = './win32/index.js';
    const module = (await import(specifier)) as Partial<Win32Module>;
    if (typeof module.createWin32Backend !== 'function') {
      throw new BackendError('no-backend', 'the win32 backend is missing from this build of wimboot-check');
    }
    return module.createWin32Backend(win32OptionsForTests);
  }
  throw new BackendError(
    'no-backend',
    'no WOF on this platform: take a snapshot on the device and use `diff`/`confirm --snapshot`',
  );
}
