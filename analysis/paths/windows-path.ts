import { typicalEnvValue } from './windows-env.js';
import type { Part } from '../evaluator/values.js';

/**
 * Windows path normalisation for classification: every form a program can use
 * to reach a file on the system drive is reduced to `C:\dir\file`, with `*`
 * where the linter does not know a part.
 */

export type NormalisedPath =
  /** A file-system path on a drive; `assumedDrive` when the drive was inferred (root-relative, volume GUID...). */
  | { readonly kind: 'drive'; readonly path: string; readonly assumedDrive: boolean }
  /** `\\.\pipe\x`, `\\.\PhysicalDrive0`, `\\.\C:`: never a system file. */
  | { readonly kind: 'device'; readonly path: string }
  /** A share on another machine that is not an admin share, a relative path, or nothing known. */
  | { readonly kind: 'other'; readonly path: string };

/** Renders a string value as a pattern: env roots get their typical value, unknown parts `*`. */
export function renderParts(parts: readonly Part[]): string {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      out += part.text;
    } else if (part.kind === 'env') {
      out += typicalEnvValue(part.name) ?? '*';
    } else {
      out += '*';
    }
  }
  return out;
}

const SHORT_NAMES: ReadonlyMap<string, string> = new Map([
  // 8.3 numbering is not guaranteed; these are the usual assignments on a clean install.
  ['progra~1', 'Program Files'],
  ['progra~2', 'Program Files (x86)'],
  ['progra~3', 'ProgramData'],
]);

/** A component without its trailing dots and spaces; a loop, since `/[ .]+$/` is quadratic on a long run. */
function withoutTrailingDotsAndSpaces(segment: string): string {
  let end = segment.length;
  while (end > 0 && (segment[end - 1] === ' ' || segment[end - 1] === '.')) {
    end -= 1;
  }
  return segment.slice(0, end);
}

/** Normalises any Windows path form; see docs/design.md for the table of forms. */
export function normaliseWindowsPath(raw: string): NormalisedPath {
  let path = raw.replaceAll('/', '\\');
  let assumedDrive = false;
  let verbatim = false;
  // A drive letter computed at run time (`${letter}:\\Windows\\…`) still names the system drive's folders.
  if (/^\*:\\/u.test(path)) {
    path = `C:${path.slice(2)}`;
    assumedDrive = true;
  }

  // Namespaced prefixes: \\?\ (Win32 file namespace), \??\ (NT), \\.\ (devices).
  const namespaced = /^(?:\\\\\?\\|\\\?\?\\)(.*)$/su.exec(path);
  if (namespaced !== null) {
    verbatim = path.startsWith('\\\\?\\');
    const rest = namespaced[1] ?? '';
    const unc = /^unc\\(.*)$/isu.exec(rest);
    const globalRoot = /^globalroot\\device\\[^\\]+(\\.*)?$/isu.exec(rest);
    const volume = /^volume\{[^}]*\}(\\.*)?$/isu.exec(rest);
    if (unc !== null) {
      path = `\\\\${unc[1] ?? ''}`;
    } else if (globalRoot !== null || volume !== null) {
      path = `C:${(globalRoot ?? volume)?.[1] ?? '\\'}`;
      assumedDrive = true;
    } else {
      path = rest;
    }
  } else if (path.startsWith('\\\\.\\')) {
    const rest = path.slice(4);
    // \\.\C:\Windows\x reaches a file; \\.\C: is the volume, everything else a device or pipe.
    if (/^[a-z]:\\./isu.test(rest)) {
      path = rest;
    } else {
      return { kind: 'device', path: raw };
    }
  }

  let drive: string;
  let tail: string;
  const driveMatch = /^([a-z*]):(.*)$/isu.exec(path);
  const uncMatch = /^\\\\([^\\]+)\\([^\\]+)(.*)$/su.exec(path);
  if (driveMatch !== null) {
    drive = `${(driveMatch[1] ?? '').toUpperCase()}:`;
    tail = driveMatch[2] ?? '';
    // C:Windows is relative to drive C's working directory: usually its root.
    if (!tail.startsWith('\\')) {
      assumedDrive = true;
    }
  } else if (uncMatch !== null) {
    const share = (uncMatch[2] ?? '').toLowerCase();
    const shareDrive = /^([a-z])\$$/u.exec(share);
    if (shareDrive !== null) {
      drive = `${(shareDrive[1] ?? '').toUpperCase()}:`;
      tail = uncMatch[3] ?? '';
    } else if (share === 'admin$') {
      drive = 'C:';
      tail = `\\Windows${uncMatch[3] ?? ''}`;
    } else {
      return { kind: 'other', path: raw };
    }
  } else if (path.startsWith('\\') && !path.startsWith('\\\\')) {
    drive = 'C:';
    tail = path;
    assumedDrive = true;
  } else {
    return { kind: 'other', path: raw };
  }
  if (drive === '*:') {
    return { kind: 'other', path: raw };
  }

  const segments: string[] = [];
  for (let segment of tail.split('\\')) {
    if (segment === '' || segment === '.') {
      continue;
    }
    if (segment === '..') {
      // `*` may hold several folders, so `*\..` stays `*`.
      if (!(segments.at(-1) ?? '').includes('*')) {
        segments.pop();
      }
      continue;
    }
    if (!verbatim) {
      // Win32 strips trailing dots and spaces from each component.
      segment = withoutTrailingDotsAndSpaces(segment) || segment;
    }
    segments.push(SHORT_NAMES.get(segment.toLowerCase()) ?? segment);
  }
  // Junction aliases kept by Windows for old programs.
  if (segments[0]?.toLowerCase() === 'documents and settings') {
    segments[0] = 'Users';
  }
  if (segments[0]?.toLowerCase() === 'users' && segments[1]?.toLowerCase() === 'all users') {
    segments.splice(0, 2, 'ProgramData');
  }
  return { kind: 'drive', path: [drive, ...segments].join('\\'), assumedDrive };
}
