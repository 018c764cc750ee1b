import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesPattern } from '../../formats/finding-pattern.js';
import { PatternIndex } from '../../formats/pattern-index.js';
import { assertCostWithin } from '../setup/bounds.js';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

const PATHS = [
  'C:\\Windows\\win.ini',
  'C:\\Windows\\System32\\notepad.exe',
  'C:\\Windows\\System32\\drivers\\etc\\hosts',
  'C:\\Windows\\SysWOW64\\notepad.exe',
  'c:\\windows\\system.ini',
  'C:\\Program Files\\App\\a.dll',
  'D:\\Windows\\win.ini',
  'C:\\Users\\Zoë\\ntuser.ini',
];

describe('PatternIndex', () => {
  const index = new PatternIndex(PATHS);
  const matched = (pattern: string): string[] =>
    index.match(pattern).positions.map((position) => index.pathAt(position));

  it('finds exact paths, prefixes, suffixes and middles, in folded path order', () => {
    assert.deepEqual(matched('c:/WINDOWS/win.ini'), ['C:\\Windows\\win.ini']);
    assert.deepEqual(matched('C:\\Windows\\*.ini'), ['c:\\windows\\system.ini', 'C:\\Windows\\win.ini']);
    assert.deepEqual(matched('*\\hosts'), ['C:\\Windows\\System32\\drivers\\etc\\hosts']);
    assert.deepEqual(matched('*.ini'), [
      'C:\\Users\\Zoë\\ntuser.ini',
      'c:\\windows\\system.ini',
      'C:\\Windows\\win.ini',
      'D:\\Windows\\win.ini',
    ]);
    assert.deepEqual(matched('C:\\Windows\\*\\notepad*'), [
      'C:\\Windows\\System32\\notepad.exe',
      'C:\\Windows\\SysWOW64\\notepad.exe',
    ]);
    assert.deepEqual(matched('C:\\Windows\\*'), [
      'c:\\windows\\system.ini',
      'C:\\Windows\\System32\\drivers\\etc\\hosts',
      'C:\\Windows\\System32\\notepad.exe',
      'C:\\Windows\\SysWOW64\\notepad.exe',
      'C:\\Windows\\win.ini',
    ]);
    assert.deepEqual(matched('C:\\Nowhere\\*.ini'), []);
    assert.deepEqual(matched('*.xyz'), []);
  });

  it('keeps the input order reachable (order maps a sorted position back to the input)', () => {
    const position = index.match('C:\\Program Files\\*').positions[0]!;
    assert.equal(PATHS[index.order[position]!], 'C:\\Program Files\\App\\a.dll');
  });

  it('stops at the limit, and says when it stopped scanning before the end', () => {
    assert.equal(index.match('*.ini', { limit: 2 }).positions.length, 2);
    assert.deepEqual(index.match('C:\\Windows\\*\\notepad*', { maxScanned: 1 }), {
      positions: [],
      complete: false,
    });
    assert.equal(index.match('C:\\Windows\\*', { maxScanned: 1 }).complete, true, 'a prefix range needs no scan');
  });

  it('agrees with testing every path, on generated paths and patterns', () => {
    const next = random(7);
    const pick = (length: number, chars: string): string =>
      Array.from({ length }, () => chars[Math.floor(next() * chars.length)]).join('');
    const paths = Array.from({ length: 400 }, () => `C:\\${pick(1 + Math.floor(next() * 8), 'abAB\\.')}`);
    const generated = new PatternIndex(paths);
    for (let i = 0; i < 3000; i += 1) {
      const pattern = `${next() < 0.8 ? 'C:\\' : ''}${pick(Math.floor(next() * 7), 'abAB\\.**')}`;
      const expected = paths.filter((path) => matchesPattern(path, pattern)).sort();
      const actual = generated
        .match(pattern)
        .positions.map((position) => generated.pathAt(position))
        .sort();
      assert.deepEqual(actual, expected, JSON.stringify(pattern));
    }
  });

  it('a pattern with a fixed suffix costs what its few candidates cost, not what its wide prefix holds', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `C:\\Windows\\WinSxS\\c${i % 5000}\\file${i}.dll`);
    many.push('C:\\Windows\\System32\\drivers\\etc\\hosts');
    const big = new PatternIndex(many);
    const small = new PatternIndex(many.slice(-2_000));
    // Same pattern, 50 times more paths under its prefix: the suffix keeps the work the same.
    assert.deepEqual(big.match('C:\\Windows\\*\\hosts').positions.length, 1);
    assertCostWithin(
      'C:\\Windows\\*\\hosts on 100,001 paths vs 2,000',
      () => big.match('C:\\Windows\\*\\hosts'),
      () => small.match('C:\\Windows\\*\\hosts'),
      5,
    );
  });
});
