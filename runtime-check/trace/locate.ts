/**
 * Where a traced write-open lands and where it came from: its path on the
 * device's volume (`--map C:=/path/to/root` for paths recorded on another
 * OS, or an --offline mount), and the first frame in the user's code.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import type { TraceFrame } from './event.js';

export interface VolumeMap {
  /** `C:` */
  drive: string;
  /** Where that volume's root was on the machine that ran the scenario. */
  root: string;
}

const DRIVE_PATH = /^([A-Za-z]):[\\/]/u;

/** `C:=/path/to/root`; undefined when the text is not of that form. */
export function parseVolumeMap(text: string, cwd: string): VolumeMap | undefined {
  const match = /^([A-Za-z]):?=(.+)$/u.exec(text);
  if (match === null) return undefined;
  const root = match[2]!;
  return { drive: `${match[1]!.toUpperCase()}:`, root: DRIVE_PATH.test(root) ? root : resolve(cwd, root) };
}

function slashes(path: string): string {
  return path.replaceAll('\\', '/').replace(/\/+$/u, '');
}

/** The Windows path on the device, or undefined when the path is on no volume we know. */
export function devicePath(absolute: string, maps: readonly VolumeMap[]): string | undefined {
  const path = slashes(absolute);
  // Longest root first: a map inside another wins.
  for (const map of [...maps].sort((a, b) => b.root.length - a.root.length)) {
    const root = slashes(map.root);
    const windowsRoot = DRIVE_PATH.test(map.root);
    const [candidate, prefix] = windowsRoot ? [path.toLowerCase(), root.toLowerCase()] : [path, root];
    if (candidate === prefix || candidate.startsWith(`${prefix}/`)) {
      const rest = path.slice(root.length).replaceAll('/', '\\');
      return `${map.drive}${rest === '' ? '\\' : rest}`;
    }
  }
  const drive = DRIVE_PATH.exec(absolute);
  if (drive !== null) {
    return `${drive[1]!.toUpperCase()}:${absolute.slice(2).replaceAll('/', '\\')}`;
  }
  return undefined;
}

function inDependency(file: string): boolean {
  return /[\\/]node_modules[\\/]/u.test(file);
}

/** The first frame in the user's code: not in node_modules (a library's own frames), else the first one. */
export function userFrame(stack: readonly TraceFrame[]): TraceFrame | undefined {
  return stack.find((frame) => !inDependency(frame.file)) ?? stack[0];
}

/** `src/hosts.js:42:7 in writeHosts`, relative to `cwd` when below it. */
export function describeFrame(frame: TraceFrame | undefined, cwd: string): string {
  if (frame === undefined) return '(no JavaScript frame: opened by Node itself)';
  const rel = isAbsolute(frame.file) ? relative(cwd, frame.file) : frame.file;
  const file = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : frame.file;
  return `${file}:${frame.line}:${frame.column}${frame.function === undefined ? '' : ` in ${frame.function}`}`;
}
