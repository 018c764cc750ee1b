import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyPathValues } from '../../../analysis/paths/path-classifier.js';
import { readWimbootSettings } from '../../../analysis/paths/settings.js';
import type { Part, Values } from '../../../analysis/evaluator/values.js';

/**
 * The classifier (analysis/paths/path-classifier.ts), one row per pattern
 * and settings: `system` is reported, `not` is decided silent, `undecided`
 * has nothing known to decide on (the only case `reportUnresolved` reports).
 * A `*` in a pattern is a part the evaluator could not resolve.
 */

const r = String.raw;

type Verdict = 'system' | 'not' | 'undecided';

interface ClassifierRow {
  readonly pattern: string;
  readonly settings?: Record<string, unknown>;
  readonly expected: Verdict;
}

/** A string value whose `*` are unknown parts, as the evaluator would produce it. */
function valueOf(pattern: string): Values {
  const parts: Part[] = [];
  for (const [index, piece] of pattern.split('*').entries()) {
    if (index > 0) parts.push({ kind: 'unknown' });
    if (piece !== '') parts.push({ kind: 'text', text: piece });
  }
  return { items: [{ kind: 'string', parts }], complete: true };
}

function verdictOf(pattern: string, settings: Record<string, unknown> | undefined): Verdict {
  const classification = classifyPathValues(valueOf(pattern), readWimbootSettings({ wimboot: settings ?? {} }));
  if (classification.system.length > 0) return 'system';
  return classification.unresolved ? 'undecided' : 'not';
}

const strict = { preset: 'strict' };

const rows: ClassifierRow[] = [
  // The default roots, in every spelling Windows accepts.
  { pattern: r`C:\Windows\win.ini`, expected: 'system' },
  { pattern: r`c:\windows\WIN.INI`, expected: 'system' },
  { pattern: r`C:/Windows/System32/drivers/etc/hosts`, expected: 'system' },
  { pattern: r`C:\Windows`, expected: 'system' },
  { pattern: r`C:\Program Files\Acme\acme.exe`, expected: 'system' },
  { pattern: r`C:\Program Files (x86)\Acme\acme.exe`, expected: 'system' },
  { pattern: r`C:\Program Files (Arm)\Acme\acme.exe`, expected: 'system' },
  { pattern: r`C:\PROGRA~1\Acme\acme.exe`, expected: 'system' },
  { pattern: r`\\?\C:\Windows\win.ini`, expected: 'system' },
  { pattern: r`\\localhost\ADMIN$\win.ini`, expected: 'system' },
  { pattern: r`\\localhost\c$\Windows\win.ini`, expected: 'system' },
  { pattern: r`\Windows\win.ini`, expected: 'system' },
  { pattern: r`C:Windows\win.ini`, expected: 'system' },
  // Unknown parts below a known folder: tested with a probe name in that folder.
  { pattern: r`C:\Windows\Fonts\*`, expected: 'system' },
  { pattern: r`C:\Windows\*`, expected: 'system' },
  { pattern: r`C:\Windows\*\x.dll`, expected: 'system' },
  { pattern: r`C:\Program Files\*\*.exe`, expected: 'system' },
  // A partly known first folder, or none, is silent (design.md: `C:\Win*` is not decided).
  { pattern: r`C:\Win*`, expected: 'not' },
  { pattern: r`C:\*`, expected: 'not' },
  { pattern: r`C:\*\System32\x.dll`, expected: 'not' },
  // A computed drive letter is taken as the system drive (corpus: a String.fromCharCode drive loop).
  { pattern: r`*:\Windows\win.ini`, expected: 'system' },
  // Nothing known at all.
  { pattern: '*', expected: 'undecided' },
  { pattern: r`*\*`, expected: 'undecided' },
  // Look-alikes and other locations.
  { pattern: r`*\Microsoft\Windows\Fonts\a.ttf`, expected: 'not' },
  { pattern: r`C:\Users\me\AppData\Local\Microsoft\Windows\Fonts\a.ttf`, expected: 'not' },
  { pattern: r`C:\Windowsill\x.txt`, expected: 'not' },
  { pattern: r`C:\Windows.old\win.ini`, expected: 'not' },
  { pattern: r`C:\Program Files Backup\x.txt`, expected: 'not' },
  { pattern: r`D:\Windows\win.ini`, expected: 'not' },
  { pattern: r`%SystemRoot%\win.ini`, expected: 'not' },
  { pattern: r`logs\x.txt`, expected: 'not' },
  { pattern: r`\\server\share\Windows\win.ini`, expected: 'not' },
  { pattern: r`\\.\pipe\acme`, expected: 'not' },
  { pattern: r`\\.\C:`, expected: 'not' },
  // Written by design: ignored by default.
  { pattern: r`C:\Windows\Temp\setup.log`, expected: 'not' },
  { pattern: r`C:\Windows\Temp\*`, expected: 'not' },
  { pattern: r`c:\windows\temp\x`, expected: 'not' },
  // Strict adds ProgramData and the default profile.
  { pattern: r`C:\ProgramData\Acme\x.json`, expected: 'not' },
  { pattern: r`C:\ProgramData\Acme\x.json`, settings: strict, expected: 'system' },
  { pattern: r`C:\Users\All Users\Acme\x.json`, settings: strict, expected: 'system' },
  { pattern: r`C:\Users\Default\NTUSER.DAT`, expected: 'not' },
  { pattern: r`C:\Users\Default\NTUSER.DAT`, settings: strict, expected: 'system' },
  { pattern: r`C:\Windows\win.ini`, settings: strict, expected: 'system' },
  { pattern: r`C:\Users\me\x`, settings: strict, expected: 'not' },
  // Configured roots and ignores.
  { pattern: r`D:\Games\x.dat`, settings: { additionalSystemRoots: [r`D:\Games`] }, expected: 'system' },
  { pattern: r`C:\Windows\win.ini`, settings: { additionalSystemRoots: [r`D:\Games`] }, expected: 'system' },
  { pattern: r`D:\Games\x.dat`, settings: { additionalSystemRoots: ['D:/Games/**'] }, expected: 'system' },
  { pattern: r`D:\Steam\steamapps\x`, settings: { additionalSystemRoots: [r`**\steamapps`] }, expected: 'system' },
  { pattern: r`C:\Windows\win.ini`, settings: { systemRoots: [r`D:\Apps`] }, expected: 'not' },
  { pattern: r`D:\Apps\x`, settings: { systemRoots: [r`D:\Apps`] }, expected: 'system' },
  { pattern: r`C:\Windows\Fonts\a.ttf`, settings: { ignorePaths: [r`C:\Windows\Fonts\**`] }, expected: 'not' },
  { pattern: r`C:\Windows\Fonts\*`, settings: { ignorePaths: [r`C:\Windows\Fonts\**`] }, expected: 'not' },
  { pattern: r`C:\Windows\win.ini`, settings: { ignorePaths: [r`C:\Windows\Fonts\**`] }, expected: 'system' },
  { pattern: r`C:\Windows\Logs\x.log`, settings: { ignorePaths: [r`C:\Windows\{Logs,Panther}\**`] }, expected: 'not' },
  {
    pattern: r`C:\Windows\Panther\x.log`,
    settings: { ignorePaths: [r`C:\Windows\{Logs,Panther}\**`] },
    expected: 'not',
  },
  // Ignores win over roots.
  {
    pattern: r`D:\Games\x`,
    settings: { additionalSystemRoots: [r`D:\Games`], ignorePaths: [r`D:\**`] },
    expected: 'not',
  },
];

describe('path classifier', () => {
  for (const row of rows) {
    const under = row.settings === undefined ? '' : ` with ${JSON.stringify(row.settings)}`;
    it(`${row.pattern}${under} → ${row.expected}`, () => {
      assert.equal(verdictOf(row.pattern, row.settings), row.expected);
    });
  }
});

describe('path classifier: sets of alternatives', () => {
  const settings = readWimbootSettings({});
  const text = (value: string) => ({ kind: 'string' as const, parts: [{ kind: 'text' as const, text: value }] });

  it('is certain when every alternative is a system path and there are no others', () => {
    const result = classifyPathValues(
      { items: [text(r`C:\Windows\a`), text(r`C:\Program Files\b`)], complete: true },
      settings,
    );
    assert.deepEqual(
      result.system.map((verdict) => [verdict.pattern, verdict.root]),
      [
        [r`C:\Windows\a`, r`C:\Windows`],
        [r`C:\Program Files\b`, r`C:\Program Files`],
      ],
    );
    assert.equal(result.certain, true);
  });

  it('is not certain when one alternative is not a system path ("may")', () => {
    const result = classifyPathValues({ items: [text(r`C:\Windows\a`), text(r`D:\a`)], complete: true }, settings);
    assert.deepEqual(
      result.system.map((verdict) => verdict.pattern),
      [r`C:\Windows\a`],
    );
    assert.equal(result.certain, false);
  });

  it('is not certain when the value may take others, or is not a string', () => {
    assert.equal(classifyPathValues({ items: [text(r`C:\Windows\a`)], complete: false }, settings).certain, false);
    const withNumber = classifyPathValues(
      { items: [text(r`C:\Windows\a`), { kind: 'number', value: 3 }], complete: true },
      settings,
    );
    assert.equal(withNumber.certain, false);
    assert.equal(withNumber.system.length, 1);
  });

  it('lists a path once, whatever its case', () => {
    const result = classifyPathValues(
      { items: [text(r`C:\Windows\a`), text(r`c:\windows\A`)], complete: true },
      settings,
    );
    assert.equal(result.system.length, 1);
  });

  it('is unresolved only when no alternative has a known part', () => {
    assert.equal(classifyPathValues({ items: [], complete: false }, settings).unresolved, true);
    assert.equal(classifyPathValues(valueOf('*'), settings).unresolved, true);
    assert.equal(
      classifyPathValues({ items: [text('x'), ...valueOf('*').items], complete: true }, settings).unresolved,
      false,
    );
  });
});
