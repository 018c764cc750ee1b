/**
 * Glob expansion on the offline volume, one path component at a time over
 * VolumeTree, so that neither a literal component, nor a wildcard, nor `**`
 * ever goes through a link or junction (the glob package follows links in
 * every component but `**`). Each wildcard component is matched with
 * minimatch, case-insensitively as on Windows; `**` spans real folders only.
 */
import { hasMagic } from 'glob';
import { Minimatch } from 'minimatch';
import { windowsNameProblem } from './names.js';
import { VolumeTree, isFsError, lstatSettled, type TreeEntry } from './tree.js';

const SEGMENT_OPTIONS = { nocase: true, dot: true, nonegate: true, nocomment: true } as const;

/** Valid names of a directory; a directory too deep for Linux is reported and has none. */
async function namesIn(tree: VolumeTree, directory: string): Promise<string[]> {
  try {
    return await tree.list(directory);
  } catch (error) {
    if (isFsError(error, 'ENAMETOOLONG')) {
      tree.warnTooLong(directory, 1);
      return [];
    }
    throw error;
  }
}

async function entryOf(tree: VolumeTree, directory: string, name: string): Promise<TreeEntry | null> {
  if (!tree.fitsLinux(VolumeTree.childOf(directory, name))) {
    tree.warnTooLong(directory, 1);
    return null;
  }
  return tree.child(directory, name);
}

async function descendants(
  tree: VolumeTree,
  from: TreeEntry,
  directoriesOnly: boolean,
  out: TreeEntry[],
): Promise<void> {
  const pending = [from];
  while (pending.length > 0) {
    const directory = pending.pop()!;
    for (const name of await namesIn(tree, directory.relative)) {
      const entry = await entryOf(tree, directory.relative, name);
      if (entry === null) {
        continue;
      }
      if (entry.stats.isDirectory()) {
        pending.push(entry);
        out.push(entry);
      } else if (!directoriesOnly) {
        out.push(entry);
      }
    }
  }
}

/** Mount-relative paths of the entries matching `segments` (already split on `\` and `/`). */
export async function expandSegments(tree: VolumeTree, segments: readonly string[]): Promise<string[]> {
  let current: TreeEntry[] = [{ relative: '', stats: await lstatSettled(tree.mountPoint) }];
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    const next: TreeEntry[] = [];
    for (const directory of current) {
      if (!directory.stats.isDirectory()) {
        continue;
      }
      if (segment === '**') {
        // Zero or more folders; as the last segment, everything below too.
        next.push(directory);
        await descendants(tree, directory, !last, next);
      } else if (hasMagic(segment, { magicalBraces: true, windowsPathsNoEscape: true })) {
        const matcher = new Minimatch(segment, SEGMENT_OPTIONS);
        for (const name of await namesIn(tree, directory.relative)) {
          if (matcher.match(name)) {
            const entry = await entryOf(tree, directory.relative, name);
            if (entry !== null) {
              next.push(entry);
            }
          }
        }
      } else if (windowsNameProblem(segment) === null) {
        const entry = await entryOf(tree, directory.relative, segment);
        if (entry !== null) {
          next.push(entry);
        }
      }
    }
    const seen = new Set<string>();
    current = [];
    for (const entry of next) {
      if (!seen.has(entry.relative)) {
        seen.add(entry.relative);
        current.push(entry);
      }
    }
  }
  return current.map((entry) => entry.relative);
}
