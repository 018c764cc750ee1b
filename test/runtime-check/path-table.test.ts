import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PathTable } from '../../runtime-check/path-table.js';

describe('PathTable (exact path set outside the JS heap)', () => {
  it('adds, finds and takes paths exactly, through growth of every array', () => {
    const table = new PathTable();
    const paths = Array.from({ length: 50_000 }, (_, i) => `C:\\Windows\\WinSxS\\comp${i % 977}\\f${i}.dll`);
    const entries = paths.map((path) => table.add(path));
    assert.deepEqual(
      entries,
      paths.map((_, i) => i),
    );
    assert.equal(table.size, 50_000);
    assert.equal(table.add(paths[123]!), 123, 'a duplicate returns the existing entry');
    assert.equal(table.size, 50_000);
    for (let i = 0; i < paths.length; i += 2) {
      assert.equal(table.take(paths[i]!), i);
    }
    assert.equal(table.take(paths[0]!), -1, 'taken only once');
    assert.equal(table.take('C:\\Windows\\WinSxS\\comp0\\f0.dlx'), -1);
    assert.equal(table.take('c:\\windows\\winsxs\\comp1\\f1.dll'), -1, 'exact, case-sensitive');
    const untaken = [...table.untaken()];
    assert.equal(untaken.length, 25_000);
    assert.deepEqual(
      untaken.slice(0, 3).map((entry) => table.pathOf(entry)),
      [paths[1], paths[3], paths[5]],
    );
  });

  it('keeps non-ASCII and long paths byte-exact across arena chunks', () => {
    const table = new PathTable();
    const long = `C:\\${'ü'.repeat(20_000)}\\x`;
    // About 20 MB of paths: more than one 16 MiB chunk.
    const many = Array.from({ length: 400 }, (_, i) => `${long}${i}`);
    for (const path of many) {
      table.add(path);
    }
    table.add('C:\\日本語\\ファイル.txt');
    assert.equal(table.take(`${long}399`), 399);
    assert.equal(table.pathOf(0), `${long}0`);
    assert.equal(table.take('C:\\日本語\\ファイル.txt'), 400);
    assert.equal(table.take('C:\\日本語\\ファイル.tx'), -1);
  });

  it('tells apart paths that differ only late or in length', () => {
    const table = new PathTable();
    table.add('C:\\a');
    table.add('C:\\a\\');
    table.add('C:\\b');
    assert.deepEqual(
      ['C:\\a\\', 'C:\\a', 'C:\\c', 'C:\\b'].map((path) => table.take(path)),
      [1, 0, -1, 2],
    );
  });
});
