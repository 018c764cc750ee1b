import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldPath, matchesPattern, patternToRegExp } from '../../formats/finding-pattern.js';
import { assertCostWithin } from '../setup/bounds.js';

/** The definition, by dynamic programming: `*` is any run of characters, case and separators folded. */
function referenceMatch(path: string, pattern: string): boolean {
  const text = foldPath(path);
  const parts = [...foldPath(pattern)];
  let row = new Array<boolean>(text.length + 1).fill(false);
  row[0] = true;
  for (const part of parts) {
    const next = new Array<boolean>(text.length + 1).fill(false);
    if (part === '*') {
      let any = false;
      for (let i = 0; i <= text.length; i += 1) {
        any ||= row[i]!;
        next[i] = any;
      }
    } else {
      for (let i = 1; i <= text.length; i += 1) {
        next[i] = row[i - 1]! && text[i - 1] === part;
      }
    }
    row = next;
  }
  return row[text.length]!;
}

/** A small deterministic generator, so a failure names a reproducible case. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

describe('finding patterns: matching', () => {
  const cases: Array<[string, string, boolean]> = [
    ['C:\\Windows\\win.ini', 'c:/windows/WIN.INI', true],
    ['C:\\Windows\\win.ini', 'C:\\Windows\\win.ini.bak', false],
    ['C:\\Windows\\System32\\notepad.exe', 'C:\\Windows\\*\\notepad.exe', true],
    ['C:\\Windows\\notepad.exe', 'C:\\Windows\\*\\notepad.exe', false],
    ['C:\\Windows\\System32\\drivers\\etc\\hosts', 'C:\\Windows\\System32\\*', true],
    ['C:\\Windows\\System32', 'C:\\Windows\\System32\\*', false],
    ['C:\\Windows\\win.ini', '*\\win.ini', true],
    ['C:\\Windows\\win.ini', '*', true],
    ['C:\\a (x86)\\b+c.txt', 'C:\\a (x86)\\b+c.txt', true],
    ['C:\\a x86\\bbc.txt', 'C:\\a (x86)\\b+c.txt', false],
    ['C:\\Users\\Zoë\\ntuser.ini', 'C:\\USERS\\ZOË\\*.ini', true],
    // The suffix may not reuse text a middle piece took.
    ['C:\\ab', 'C:\\*ab*b', false],
    ['C:\\abb', 'C:\\*ab*b', true],
    ['C:\\x', 'C:\\x**', true],
  ];
  for (const [path, pattern, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
      assert.equal(matchesPattern(path, pattern), expected);
      assert.equal(referenceMatch(path, pattern), expected, 'the reference agrees');
      assert.equal(patternToRegExp(pattern).test(path), expected, 'the RegExp form agrees');
    });
  }

  it('agrees with the definition on 5,000 generated paths and patterns', () => {
    const next = random(14);
    const alphabet = ['a', 'b', 'A', '\\', '/', '*', '.'];
    const pick = (length: number, chars: readonly string[]): string =>
      Array.from({ length }, () => chars[Math.floor(next() * chars.length)]).join('');
    for (let i = 0; i < 5_000; i += 1) {
      const path = pick(Math.floor(next() * 9), alphabet.slice(0, 5));
      const pattern = pick(Math.floor(next() * 7), alphabet);
      const expected = referenceMatch(path, pattern);
      assert.equal(matchesPattern(path, pattern), expected, `${JSON.stringify(pattern)} on ${JSON.stringify(path)}`);
      assert.equal(patternToRegExp(pattern).test(path), expected, `RegExp ${JSON.stringify(pattern)}`);
    }
  });

  it('folds case one character at a time, the same way for a path and for the pieces of a pattern', () => {
    // Greek final sigma: a whole-string toLowerCase would fold "Σ" by its position.
    assert.equal(matchesPattern('C:\\ΟΔΟΣ\\x', 'C:\\ΟΔΟΣ*'), true);
    assert.equal(matchesPattern('C:\\ΟΔΟΣ\\x', 'C:\\οδοσ\\*'), true);
    assert.equal(foldPath('C:/ΣΑΣ'), 'c:\\σασ');
  });
});

describe('finding patterns: matching without backtracking (issue 14 item 7)', () => {
  // The old RegExp (`.*` per `*`) took 31 s for 10 stars against a 40-character name.
  const name = `C:\\${'a'.repeat(40)}`;
  for (const stars of [10, 14, 40]) {
    it(
      `a pattern with ${stars} stars that cannot match costs about as much as one that does`,
      { timeout: 20_000 },
      () => {
        const hostile = `C:\\${'*a'.repeat(stars)}*b`;
        const benign = `C:\\${'*a'.repeat(stars)}*`;
        assert.equal(matchesPattern(name, hostile), false);
        assert.equal(matchesPattern(name, benign), true);
        assertCostWithin(
          `matchesPattern, ${stars} stars`,
          () => matchesPattern(name, hostile),
          () => matchesPattern(name, benign),
          8,
        );
        const hostileRegExp = patternToRegExp(hostile);
        const benignRegExp = patternToRegExp(benign);
        assertCostWithin(
          `patternToRegExp, ${stars} stars`,
          () => hostileRegExp.test(name),
          () => benignRegExp.test(name),
          8,
        );
      },
    );
  }

  it('a long name against many stars grows linearly with the name', { timeout: 20_000 }, () => {
    const pattern = `C:\\${'*a'.repeat(12)}*b`;
    const long = `C:\\${'a'.repeat(32_000)}`;
    const quarter = `C:\\${'a'.repeat(8_000)}`;
    assertCostWithin(
      'matchesPattern on a 32,000-character name vs an 8,000-character one',
      () => matchesPattern(long, pattern),
      () => matchesPattern(quarter, pattern),
      4 * 3,
    );
  });
});
