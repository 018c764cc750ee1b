/**
 * What an offline walk may turn into a Win32 path. ntfs-3g lets Linux create
 * names Windows cannot have (a `\` would read as a folder separator, a
 * newline would split a line of output); such names are reported and
 * skipped, never mapped into some other path.
 */

/** Characters the Win32 namespace forbids in a name (Learn: "Naming Files, Paths, and Namespaces"). */
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f]/u;

/** Why `name` cannot be a Windows file name, or null when it can. */
export function windowsNameProblem(name: string): string | null {
  const match = FORBIDDEN.exec(name);
  if (match === null) {
    return name === '' ? 'it is empty' : null;
  }
  const char = match[0];
  const code = char.codePointAt(0)!;
  return code < 0x20
    ? `a Windows name cannot contain control characters (U+${code.toString(16).toUpperCase().padStart(4, '0')})`
    : `a Windows name cannot contain ${char}`;
}

/** PATH_MAX minus its NUL: Linux refuses longer paths (ENAMETOOLONG), whatever NTFS allows. */
export const LINUX_PATH_MAX = 4095;

/** A path short enough for a one-line message: its start and its end. */
export function abbreviate(path: string, max = 120): string {
  return path.length <= max ? path : `${path.slice(0, max - 50)}…${path.slice(-49)}`;
}
