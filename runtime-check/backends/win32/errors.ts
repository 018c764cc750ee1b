/** Win32 error codes → the BackendError kinds the CLI turns into one-line messages. */
import { BackendError } from '../backend.js';
import { ForbiddenCallError, Win32Error } from './kernel32.js';

export const ERROR_INVALID_FUNCTION = 1;
export const ERROR_FILE_NOT_FOUND = 2;
export const ERROR_PATH_NOT_FOUND = 3;
export const ERROR_ACCESS_DENIED = 5;
export const ERROR_NO_MORE_FILES = 18;
export const ERROR_NOT_SUPPORTED = 50;
export const ERROR_INVALID_PARAMETER = 87;
export const ERROR_INSUFFICIENT_BUFFER = 122;
export const ERROR_INVALID_NAME = 123;
export const ERROR_MORE_DATA = 234;
export const ERROR_NO_MORE_ITEMS = 259;
export const ERROR_OBJECT_NOT_EXTERNALLY_BACKED = 342;

const NAMES: Record<number, string> = {
  1: 'ERROR_INVALID_FUNCTION',
  2: 'ERROR_FILE_NOT_FOUND',
  3: 'ERROR_PATH_NOT_FOUND',
  5: 'ERROR_ACCESS_DENIED',
  6: 'ERROR_INVALID_HANDLE',
  18: 'ERROR_NO_MORE_FILES',
  21: 'ERROR_NOT_READY',
  32: 'ERROR_SHARING_VIOLATION',
  50: 'ERROR_NOT_SUPPORTED',
  87: 'ERROR_INVALID_PARAMETER',
  122: 'ERROR_INSUFFICIENT_BUFFER',
  123: 'ERROR_INVALID_NAME',
  234: 'ERROR_MORE_DATA',
  342: 'ERROR_OBJECT_NOT_EXTERNALLY_BACKED',
  343: 'ERROR_EXTERNAL_BACKING_PROVIDER_UNKNOWN',
  1920: 'ERROR_CANT_ACCESS_FILE',
  1359: 'ERROR_INTERNAL_ERROR',
};

export function describeWin32(code: number): string {
  const name = NAMES[code];
  return name ? `Win32 error ${code}, ${name}` : `Win32 error ${code}`;
}

export function isMissing(code: number): boolean {
  return code === ERROR_FILE_NOT_FOUND || code === ERROR_PATH_NOT_FOUND || code === ERROR_INVALID_NAME;
}

export const ERROR_SHARING_VIOLATION = 32;
export const ERROR_CANT_ACCESS_FILE = 1920;

/** One enumerated file that cannot be opened now (delete pending, sharing, detached reparse point). */
export function isUnreachable(code: number): boolean {
  return code === ERROR_ACCESS_DENIED || code === ERROR_SHARING_VIOLATION || code === ERROR_CANT_ACCESS_FILE;
}

/** "WOF not attached / file system does not know the FSCTL". */
export function isNoWof(code: number): boolean {
  return code === ERROR_INVALID_FUNCTION || code === ERROR_NOT_SUPPORTED;
}

/**
 * Maps a failure to a BackendError. `target` names what was asked about
 * (`C:` or a path); opening a volume maps to 'bad-volume' unless it is access.
 */
export function toBackendError(err: unknown, target: string, opening: 'volume' | 'file' | null = null): unknown {
  if (err instanceof ForbiddenCallError || !(err instanceof Win32Error)) return err;
  const detail = `${target}; ${err.call} answered ${describeWin32(err.code)}`;
  if (err.code === ERROR_ACCESS_DENIED) {
    return new BackendError('not-elevated', `access denied: run from an elevated prompt (${detail})`);
  }
  if (isNoWof(err.code)) return new BackendError('no-wof', `no WOF on this volume (${detail})`);
  if (opening === 'volume') return new BackendError('bad-volume', `cannot open the volume (${detail})`);
  return new BackendError('io', detail);
}
