import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The module aliases a project declares: `compilerOptions.baseUrl` and
 * `paths` of the nearest tsconfig.json or jsconfig.json (following relative
 * `extends`), as TypeScript and bundlers resolve them (`@/utils/FileUtil`).
 * Read once per file version (path, mtime, size), per process.
 */

export interface PathAliases {
  /** Absolute; where non-relative specifiers are also looked up. */
  readonly baseUrl: string | undefined;
  /** Pattern (at most one `*`) → absolute target patterns, in declaration order. */
  readonly paths: readonly (readonly [string, readonly string[]])[];
}

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
const MAX_EXTENDS = 4;
const MAX_CONFIG_BYTES = 1024 * 1024;

interface CachedConfig {
  readonly mtimeMs: number;
  readonly size: number;
  readonly aliases: PathAliases | undefined;
}
const configCache = new Map<string, CachedConfig>();

/** The aliases in force for a file in `directory`: the nearest config at or above it, up to `root`. */
export function aliasesFor(
  directory: string,
  root: string,
  stat: (file: string) => FileStat | undefined,
): PathAliases | undefined {
  for (let current = directory; ; current = dirname(current)) {
    for (const name of CONFIG_NAMES) {
      const file = join(current, name);
      const info = stat(file);
      if (info?.isFile === true) return readAliases(file, info, 0);
    }
    if (current === root || dirname(current) === current || !current.startsWith(root)) return undefined;
  }
}

export interface FileStat {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly mtimeMs: number;
  readonly size: number;
}

function readAliases(file: string, info: FileStat, depth: number): PathAliases | undefined {
  const cached = configCache.get(file);
  if (cached !== undefined && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.aliases;
  let aliases: PathAliases | undefined;
  try {
    aliases = parseConfig(file, depth);
  } catch {
    // An unreadable or malformed config declares nothing we can use.
    aliases = undefined;
  }
  configCache.set(file, { mtimeMs: info.mtimeMs, size: info.size, aliases });
  return aliases;
}

function parseConfig(file: string, depth: number): PathAliases | undefined {
  if (statSync(file).size > MAX_CONFIG_BYTES) return undefined;
  const json = parseJsonc(readFileSync(file, 'utf8')) as {
    extends?: unknown;
    compilerOptions?: { baseUrl?: unknown; paths?: unknown };
  };
  const directory = dirname(file);
  let inherited: PathAliases | undefined;
  const parent = json.extends;
  if (typeof parent === 'string' && parent.startsWith('.') && depth < MAX_EXTENDS) {
    const target = resolve(directory, parent.endsWith('.json') ? parent : `${parent}.json`);
    const info = statSync(target, { throwIfNoEntry: false });
    if (info?.isFile() === true) {
      inherited = readAliases(
        target,
        { isFile: true, isDirectory: false, mtimeMs: info.mtimeMs, size: info.size },
        depth + 1,
      );
    }
  }
  const options = json.compilerOptions ?? {};
  const baseUrl = typeof options.baseUrl === 'string' ? resolve(directory, options.baseUrl) : inherited?.baseUrl;
  let paths = inherited?.paths ?? [];
  if (typeof options.paths === 'object' && options.paths !== null) {
    // Targets are relative to baseUrl, or to the config's folder without one (TypeScript 4.1+).
    const anchor = baseUrl ?? directory;
    paths = Object.entries(options.paths as Record<string, unknown>)
      .filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]))
      .map(([pattern, targets]) => [
        pattern,
        targets
          .filter((target): target is string => typeof target === 'string')
          .map((target) => resolve(anchor, target)),
      ]);
  }
  if (baseUrl === undefined && paths.length === 0) return undefined;
  return { baseUrl, paths };
}

/** JSON with comments and trailing commas, as tsconfig.json allows. */
export function parseJsonc(source: string): unknown {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    if (char === '"') {
      const start = i;
      i++;
      while (i < source.length && source[i] !== '"') i += source[i] === '\\' ? 2 : 1;
      i++;
      out += source.slice(start, i);
    } else if (char === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (char === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? source.length : end + 2;
    } else {
      out += char;
      i++;
    }
  }
  return JSON.parse(out.replaceAll(/,(\s*[}\]])/gu, '$1'));
}

/** The targets a specifier maps to through `paths` (longest matching prefix first, as TypeScript does). */
export function aliasTargets(aliases: PathAliases, specifier: string): string[] {
  let best: { prefixLength: number; targets: string[] } | undefined;
  for (const [pattern, targets] of aliases.paths) {
    const star = pattern.indexOf('*');
    if (star === -1) {
      if (pattern === specifier) return [...targets];
      continue;
    }
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (
      !specifier.startsWith(prefix) ||
      !specifier.endsWith(suffix) ||
      specifier.length < prefix.length + suffix.length
    )
      continue;
    if (best !== undefined && best.prefixLength >= prefix.length) continue;
    const matched = specifier.slice(prefix.length, specifier.length - suffix.length);
    best = { prefixLength: prefix.length, targets: targets.map((target) => target.replace('*', () => matched)) };
  }
  return best?.targets ?? [];
}
