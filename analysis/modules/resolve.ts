import { readdirSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { type FileStat, type PathAliases, aliasTargets, aliasesFor } from './tsconfig.js';

/**
 * Which file of the project an import specifier names, the way Node and
 * TypeScript find it: relative paths with or without an extension, `.js`
 * written for a `.ts` source, `index` files, and tsconfig/jsconfig `paths`
 * aliases and `baseUrl`. Only files inside the project root and outside
 * `node_modules` are ever returned: packages are modelled by name, never read.
 */

/** Extensions tried, TypeScript's first (a `.ts` source sits next to its built `.js` only in odd trees). */
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const SOURCE_FOR_OUTPUT: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

export interface ModuleResolver {
  /** The absolute file `specifier` names from `fromFile`, or undefined (a package, a built-in, outside the project). */
  resolve(fromFile: string, specifier: string): string | undefined;
  /** True when `file` is one the analysis may read (inside the root, not in node_modules). */
  isInProject(file: string): boolean;
  stat(file: string): FileStat | undefined;
}

/** A directory's entry names, as of one modification time of the directory. */
interface Listing {
  readonly mtimeMs: number;
  readonly names: ReadonlySet<string>;
  /** The names in lower case: on a case-insensitive volume `Foo.ts` opens `foo.ts`. */
  readonly folded: ReadonlySet<string>;
}

const MAX_LISTINGS = 4000;
/**
 * Listings of the directories specifiers were resolved in, per process, keyed
 * by path and modification time (adding, removing or renaming an entry
 * changes it): each candidate of the sixteen tried per specifier is then a
 * set lookup, and only a name that is there costs a stat.
 */
const listings = new Map<string, Listing>();

const MAX_RESOLUTIONS = 20_000;
/**
 * Relative specifiers resolved in earlier lints, per process: the answer, and the folders it was read
 * from with their modification times (a file added, removed or renamed there changes them). A hit
 * costs a stat of each folder, which the lint has mostly made already, instead of the candidates.
 */
const resolutions = new Map<string, { readonly file: string | undefined; readonly folders: readonly Folder[] }>();
/** A folder an answer was read from: its modification time, or undefined when it was no folder. */
type Folder = readonly [path: string, mtimeMs: number | undefined];

/** One resolver per linted file: file-system answers are cached for the lint of that file only. */
export function createResolver(root: string): ModuleResolver {
  const stats = new Map<string, FileStat | undefined>();
  const aliasesByDirectory = new Map<string, PathAliases | undefined>();

  const stat = (file: string): FileStat | undefined => {
    if (stats.has(file)) return stats.get(file);
    let info: FileStat | undefined;
    try {
      const found = statSync(file, { throwIfNoEntry: false });
      info =
        found === undefined
          ? undefined
          : { isFile: found.isFile(), isDirectory: found.isDirectory(), mtimeMs: found.mtimeMs, size: found.size };
    } catch {
      info = undefined;
    }
    stats.set(file, info);
    return info;
  };

  const listing = (directory: string): Listing | undefined => {
    const info = stat(directory);
    if (info?.isDirectory !== true) return undefined;
    const known = listings.get(directory);
    if (known?.mtimeMs === info.mtimeMs) return known;
    let names: string[];
    try {
      names = readdirSync(directory);
    } catch {
      return undefined;
    }
    if (listings.size >= MAX_LISTINGS) listings.delete(listings.keys().next().value as string);
    const read = {
      mtimeMs: info.mtimeMs,
      names: new Set(names),
      folded: new Set(names.map((name) => name.toLowerCase())),
    };
    listings.set(directory, read);
    return read;
  };

  const isInProject = (file: string): boolean => {
    const inside = relative(root, file);
    return (
      inside !== '' &&
      !inside.startsWith('..') &&
      !isAbsolute(inside) &&
      !`${sep}${inside}${sep}`.includes(`${sep}node_modules${sep}`)
    );
  };

  // A file is in the project when its folder is the root or in it (the sixteen candidates of a specifier share two).
  const insideByDirectory = new Map<string, boolean>();
  const directoryInProject = (directory: string): boolean => {
    let inside = insideByDirectory.get(directory);
    if (inside === undefined) {
      inside = relative(root, directory) === '' || isInProject(directory);
      insideByDirectory.set(directory, inside);
    }
    return inside;
  };

  /** The folders a relative specifier's candidates live in (`x.ts` … in the base's folder, `x/index.ts` … in x). */
  const foldersOf = (base: string): Folder[] =>
    [base.slice(0, Math.max(base.lastIndexOf(sep), base.indexOf(sep) + 1)), base].map((folder) => {
      const info = stat(folder);
      return [folder, info?.isDirectory === true ? info.mtimeMs : undefined] as const;
    });

  const unchanged = (folders: readonly Folder[]): boolean =>
    folders.every(([folder, mtimeMs]) => {
      const info = stat(folder);
      return (info?.isDirectory === true ? info.mtimeMs : undefined) === mtimeMs;
    });

  /** A relative specifier's file, from an earlier lint's answer when its folders did not change since. */
  const asRelativeFile = (base: string): string | undefined => {
    const key = `${root}\0${base}`;
    const known = resolutions.get(key);
    // The answer's file is checked too: removed within the folder's clock tick, it would look unchanged.
    if (
      known !== undefined &&
      unchanged(known.folders) &&
      (known.file === undefined || stat(known.file)?.isFile === true)
    )
      return known.file;
    // The folders first: one changed while the candidates are tried is seen as changed next time.
    const folders = foldersOf(base);
    const file = asFile(base);
    if (resolutions.size >= MAX_RESOLUTIONS) resolutions.delete(resolutions.keys().next().value as string);
    resolutions.set(key, { file, folders });
    return file;
  };

  const asFile = (base: string): string | undefined => {
    const candidates: string[] = [];
    const dot = base.lastIndexOf('.');
    const extension = dot > base.lastIndexOf(sep) ? base.slice(dot) : '';
    for (const source of SOURCE_FOR_OUTPUT[extension] ?? []) candidates.push(base.slice(0, dot) + source);
    if (extension !== '') candidates.push(base);
    for (const candidate of EXTENSIONS) candidates.push(base + candidate);
    // `require('./config')` of config.json, as Node finds it (after the sources).
    candidates.push(`${base}.json`);
    for (const candidate of EXTENSIONS) candidates.push(join(base, `index${candidate}`));
    for (const candidate of candidates) {
      const cut = candidate.lastIndexOf(sep);
      // A file at the top of a volume lives in `/` or `C:\`, never in `C:` (that drive's current folder).
      const directory = candidate.slice(0, cut === candidate.indexOf(sep) ? cut + 1 : cut);
      const name = candidate.slice(cut + 1);
      // The project boundary first: nothing outside it is even listed.
      if (name === '' || !directoryInProject(directory)) continue;
      const entries = listing(directory);
      if (entries === undefined || !(entries.names.has(name) || entries.folded.has(name.toLowerCase()))) continue;
      if (stat(candidate)?.isFile === true) return candidate;
    }
    return undefined;
  };

  const aliases = (directory: string): PathAliases | undefined => {
    if (!aliasesByDirectory.has(directory)) aliasesByDirectory.set(directory, aliasesFor(directory, root, stat));
    return aliasesByDirectory.get(directory);
  };

  // Per folder of the importing file, then per specifier: no key is built per question.
  const resolved = new Map<string, Map<string, string | undefined>>();
  const folderOf = new Map<string, string>();

  const resolveUncached = (fromFile: string, specifier: string): string | undefined => {
    if (specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../')) {
      return asRelativeFile(join(dirname(fromFile), specifier));
    }
    if (isAbsolute(specifier) || isBuiltin(specifier) || specifier.startsWith('node:')) return undefined;
    const declared = aliases(dirname(fromFile));
    if (declared === undefined) return undefined;
    for (const target of aliasTargets(declared, specifier)) {
      const found = asFile(target);
      if (found !== undefined) return found;
    }
    return declared.baseUrl === undefined ? undefined : asFile(join(declared.baseUrl, specifier));
  };

  return {
    stat,
    isInProject,
    resolve(fromFile, specifier) {
      if (fromFile === '' || specifier === '') return undefined;
      // The same imports are asked about by every rule and from every module that has them.
      let folder = folderOf.get(fromFile);
      if (folder === undefined) {
        folder = dirname(fromFile);
        folderOf.set(fromFile, folder);
      }
      let bySpecifier = resolved.get(folder);
      if (bySpecifier === undefined) {
        bySpecifier = new Map();
        resolved.set(folder, bySpecifier);
      }
      if (bySpecifier.has(specifier)) return bySpecifier.get(specifier);
      const file = resolveUncached(fromFile, specifier);
      bySpecifier.set(specifier, file);
      return file;
    },
  };
}

/** True when a specifier can only name a file of the project (not a package): `./x`, `../x`. */
export function isRelativeSpecifier(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}
