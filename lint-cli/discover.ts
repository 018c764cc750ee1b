import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import { describeFileKind, UsageError } from '../formats/cli-contract.js';

/** Extensions wimboot-lint lints, with or without an ESLint config. */
export const LINTED_EXTENSIONS: ReadonlySet<string> = new Set([
  '.js',
  '.cjs',
  '.mjs',
  '.jsx',
  '.ts',
  '.cts',
  '.mts',
  '.tsx',
]);

/** Directory names never walked into. */
const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git']);

export function isLintedFile(path: string): boolean {
  return LINTED_EXTENSIONS.has(extname(path).toLowerCase());
}

/** One .gitignore (or .git/info/exclude): its patterns apply relative to `base`. */
interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

function readIgnoreLayer(base: string, file: string): IgnoreLayer | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return { base, rules: ignore().add(text) };
}

/** The repository root above `dir` (the folder holding `.git`), if any. */
function findRepositoryRoot(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) {
      return current;
    }
    if (dirname(current) === current) {
      return undefined;
    }
  }
}

/**
 * The .gitignore layers that apply to `dir` from above it: its ancestors' up to
 * the repository root, plus .git/info/exclude. Outside a repository, none.
 */
function ancestorLayers(dir: string): IgnoreLayer[] {
  const root = findRepositoryRoot(dir);
  if (root === undefined) {
    return [];
  }
  const layers: IgnoreLayer[] = [];
  const exclude = readIgnoreLayer(root, join(root, '.git', 'info', 'exclude'));
  if (exclude !== undefined) {
    layers.push(exclude);
  }
  // Strictly above `dir` (walk() reads dir's own file), root included.
  const chain: string[] = [];
  for (let current = dir; current !== root;) {
    current = dirname(current);
    chain.unshift(current);
  }
  for (const ancestor of chain) {
    const layer = readIgnoreLayer(ancestor, join(ancestor, '.gitignore'));
    if (layer !== undefined) {
      layers.push(layer);
    }
  }
  return layers;
}

/**
 * Git's precedence: the deepest .gitignore with a matching rule decides, and
 * inside one file the last matching rule wins (which `ignore` implements).
 */
function isIgnored(layers: readonly IgnoreLayer[], path: string, isDirectory: boolean): boolean {
  for (let index = layers.length - 1; index >= 0; index -= 1) {
    const layer = layers[index]!;
    const relativePath = relative(layer.base, path).split(sep).join('/');
    if (relativePath.length === 0 || relativePath.startsWith('../')) {
      continue;
    }
    const result = layer.rules.test(isDirectory ? `${relativePath}/` : relativePath);
    if (result.ignored) {
      return true;
    }
    if (result.unignored) {
      return false;
    }
  }
  return false;
}

function walk(dir: string, inherited: readonly IgnoreLayer[], found: string[]): void {
  const own = readIgnoreLayer(dir, join(dir, '.gitignore'));
  const layers = own === undefined ? inherited : [...inherited, own];
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`cannot read directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  // Sorted so output order does not depend on the file system.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // Symlinked files are linted; symlinked folders are not followed (no cycles).
      try {
        isFile = statSync(path).isFile();
      } catch {
        isFile = false;
      }
      isDirectory = false;
    }
    if (isDirectory) {
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !isIgnored(layers, path, true)) {
        walk(path, layers, found);
      }
    } else if (isFile && isLintedFile(path) && !isIgnored(layers, path, false)) {
      found.push(path);
    }
  }
}

/**
 * The absolute paths of the files to lint. Directories are walked, skipping
 * node_modules, .git and whatever the tree's .gitignore files exclude; a file
 * named explicitly is taken as is when its extension is a linted one, and a
 * folder named explicitly is walked even when it is itself ignored.
 */
export function discoverFiles(targets: readonly string[], cwd: string): string[] {
  const found: string[] = [];
  for (const target of targets) {
    const path = resolve(cwd, target);
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(`no such file or directory: ${target}`);
    }
    if (stats.isDirectory()) {
      // A folder named explicitly is linted even if .gitignore'd, like a named file.
      const layers = ancestorLayers(path);
      walk(path, isIgnored(layers, path, true) ? [] : layers, found);
    } else if (!stats.isFile()) {
      // Read, a FIFO would block and /dev/zero would never end; skipped, the file would seem clean.
      throw new UsageError(`${target}: not a regular file (${describeFileKind(stats)})`);
    } else if (isLintedFile(path)) {
      found.push(path);
    }
  }
  return [...new Set(found)];
}
