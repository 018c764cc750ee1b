/** Volume and path spellings between the CLI (`C:`) and kernel32 (`\\.\C:`, `\\?\C:\...`). */
import { BackendError } from '../backend.js';

export interface VolumeName {
  /** `C:` (or the volume GUID path for volumes without a letter). */
  display: string;
  /** What CreateFileW opens: `\\.\C:`, no trailing backslash. */
  device: string;
}

/** Accepts `C`, `C:`, `C:\`, `\\.\C:`, `\\?\C:\` and `\\?\Volume{GUID}\`. */
export function parseVolume(volume: string): VolumeName {
  const letter = /^(?:\\\\[.?]\\)?([A-Za-z])(?::\\?)?$/.exec(volume.trim());
  if (letter) {
    const display = `${letter[1]!.toUpperCase()}:`;
    return { display, device: `\\\\.\\${display}` };
  }
  const guid = /^\\\\[.?]\\(Volume\{[0-9A-Fa-f-]{36}\})\\?$/.exec(volume.trim());
  if (guid) return { display: `\\\\?\\${guid[1]}`, device: `\\\\?\\${guid[1]}` };
  throw new BackendError('bad-volume', `not a volume: ${volume} (use a drive letter such as C:)`);
}

/** GetFinalPathNameByHandleW answers `\\?\C:\x` or `\\?\UNC\server\share\x`; return the plain form. */
export function fromFinalPath(path: string): string {
  if (path.startsWith('\\\\?\\UNC\\')) return `\\\\${path.slice(8)}`;
  if (/^\\\\\?\\[A-Za-z]:\\/.test(path)) return path.slice(4);
  return path;
}
