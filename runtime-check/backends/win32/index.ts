/**
 * Entry point of the Win32 backend (wof.sys through koffi). Loaded only with
 * `await import('./win32/index.js')` on win32, so nothing here touches koffi
 * until `createWin32Backend` runs.
 */
import { BackendError, type Backend } from '../backend.js';

export async function createWin32Backend(): Promise<Backend> {
  if (process.platform !== 'win32') {
    throw new BackendError('no-backend', 'the win32 backend only runs on Windows');
  }
  const { loadKernel32 } = await import('./kernel32.js');
  const { Win32Backend } = await import('./backend.js');
  return new Win32Backend(loadKernel32());
}
