/**
 * Entry point of the Win32 backend (wof.sys through koffi). Loaded only with
 * `await import('./win32/index.js')` on win32, so nothing here touches koffi
 * until `createWin32Backend` runs.
 */
import { BackendError, type Backend } from '../backend.js';

export interface Win32BackendOptions {
  /**
   * Tests only (the Wine tests' stand-in kernel32, see test/wine/): the DLL
   * to bind in place of the system kernel32. No command-line flag sets it.
   */
  kernel32Dll?: string;
}

export async function createWin32Backend(options: Win32BackendOptions = {}): Promise<Backend> {
  if (process.platform !== 'win32') {
    throw new BackendError('no-backend', 'the win32 backend only runs on Windows');
  }
  // koffi first: without its native module nothing else needs loading.
  const { loadKernel32 } = await import('./kernel32.js');
  let k32;
  try {
    k32 = loadKernel32(options.kernel32Dll);
  } catch (error) {
    // Typically koffi's native module is missing (installed with --omit=optional).
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new BackendError(
      'no-backend',
      `cannot load koffi or kernel32 (${reason}): reinstall without --omit=optional`,
    );
  }
  const { Win32Backend } = await import('./backend.js');
  return new Win32Backend(k32);
}
