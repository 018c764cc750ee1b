import assert from 'node:assert/strict';
import fs, { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join, sep } from 'node:path';
import { after, describe, it } from 'node:test';
import { createResolver } from '../../../analysis/modules/resolve.js';
import { makeTree, removeTrees } from '../../setup/temp-tree.js';

/**
 * Specifier resolution (analysis/modules/resolve.ts) as a table over a real
 * tree, with every directory the resolver lists recorded: candidates are
 * looked up in directory listings, and nothing outside the project root, or
 * in node_modules, is ever listed.
 */

// The project is a folder of the tree, so that a file outside it exists next to it.
const root = join(
  makeTree(
    Object.fromEntries(
      [
        'project/src/main.ts',
        'project/src/io.ts',
        'project/src/lib/index.ts',
        'project/src/legacy.js',
        'project/src/Upper.ts',
        'project/node_modules/pkg/index.js',
        'outside.js',
      ].map((file) => [file, '']),
    ),
  ),
  'project',
);
after(removeTrees);

/** Runs `body` with fs.readdirSync recording the directories it is asked for (ESM bindings too). */
function recordingListings<T>(body: () => T): { result: T; listed: string[] } {
  const original = fs.readdirSync;
  const listed: string[] = [];
  fs.readdirSync = ((path: fs.PathLike, ...rest: never[]) => {
    listed.push(String(path));
    return (original as (...args: unknown[]) => unknown)(path, ...rest);
  }) as typeof fs.readdirSync;
  syncBuiltinESMExports();
  try {
    return { result: body(), listed };
  } finally {
    fs.readdirSync = original;
    syncBuiltinESMExports();
  }
}

/** Runs `body` with fs.statSync recording the paths it is asked about (ESM bindings too). */
function recordingStats<T>(body: () => T): { result: T; stats: string[] } {
  const stats: string[] = [];
  const original = fs.statSync;
  const writable = fs as { statSync: unknown };
  writable.statSync = (path: fs.PathLike, options?: never) => {
    stats.push(String(path));
    return original(path, options);
  };
  syncBuiltinESMExports();
  try {
    return { result: body(), stats };
  } finally {
    writable.statSync = original;
    syncBuiltinESMExports();
  }
}

const from = join(root, 'src/main.ts');
const ROWS: readonly (readonly [specifier: string, expected: string | undefined])[] = [
  ['./io', join(root, 'src/io.ts')],
  ['./io.js', join(root, 'src/io.ts')],
  ['./lib', join(root, 'src/lib/index.ts')],
  ['./legacy', join(root, 'src/legacy.js')],
  ['./missing', undefined],
  ['../../outside.js', undefined],
  ['../node_modules/pkg/index.js', undefined],
  ['node:fs', undefined],
];

describe('specifier resolution against directory listings', () => {
  for (const [specifier, expected] of ROWS) {
    it(`${specifier} → ${expected === undefined ? 'nothing' : expected.slice(root.length + 1)}`, () => {
      const { result, listed } = recordingListings(() => createResolver(root).resolve(from, specifier));
      assert.equal(result, expected);
      for (const directory of listed) {
        assert.ok(directory.startsWith(root + sep) || directory === root, `listed outside the root: ${directory}`);
        assert.ok(!directory.split(sep).includes('node_modules'), `listed in node_modules: ${directory}`);
      }
    });
  }

  it('stats a name that matches only case-insensitively (a case-insensitive volume would open it)', () => {
    // On this volume (case-sensitive) upper.ts does not exist, but it was asked about, not ruled out.
    const { stats } = recordingStats(() => createResolver(root).resolve(from, './upper'));
    assert.ok(stats.includes(join(root, 'src/upper.ts')), stats.join('\n'));
    assert.ok(!stats.includes(join(root, 'src/upper.tsx')), 'a name in no case is never stat’ed');
  });

  it('lists each directory once per version, and again once an entry is added', () => {
    const first = recordingListings(() => createResolver(root).resolve(from, './later')).listed;
    const again = recordingListings(() => createResolver(root).resolve(from, './later'));
    assert.equal(again.result, undefined);
    assert.ok(
      !again.listed.includes(join(root, 'src')),
      `listed again: ${again.listed.join(', ')} after ${first.join(', ')}`,
    );
    writeFileSync(join(root, 'src/later.ts'), '');
    const after = recordingListings(() => createResolver(root).resolve(from, './later'));
    assert.equal(after.result, join(root, 'src/later.ts'));
  });

  it('answers from an earlier lint’s resolution while its folders are unchanged, and anew once one changes', () => {
    writeFileSync(join(root, 'src/kept.js'), '');
    const resolve = (): string | undefined => createResolver(root).resolve(from, './kept');
    assert.equal(resolve(), join(root, 'src/kept.js'));
    const { result: again, stats } = recordingStats(resolve);
    assert.equal(again, join(root, 'src/kept.js'));
    // The two folders the answer depends on and the answer itself: no other candidate is tried again.
    assert.deepEqual(stats.sort(), [join(root, 'src'), join(root, 'src/kept'), join(root, 'src/kept.js')].sort());
    // A nearer candidate appears (the folder's mtime changes: set apart here, as coarse clocks may not): it
    // wins; it goes: the old answer again (the answer's file is checked on every hit).
    writeFileSync(join(root, 'src/kept.ts'), '');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'src'), later, later);
    assert.equal(resolve(), join(root, 'src/kept.ts'));
    rmSync(join(root, 'src/kept.ts'));
    assert.equal(resolve(), join(root, 'src/kept.js'));
  });
});
