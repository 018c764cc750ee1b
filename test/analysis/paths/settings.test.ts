import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from 'eslint';
import plugin from '../../../plugin/index.js';
import { readWimbootSettings } from '../../../analysis/paths/settings.js';

const code = "import fs from 'fs'; fs.writeFileSync('C:\\\\Windows\\\\win.ini', '');";

function lint(
  settings: Record<string, unknown> | undefined,
  ruleOptions: unknown[] = [],
  source = code,
): Linter.LintMessage[] {
  return new Linter().verify(source, [
    {
      plugins: { wimboot: plugin },
      rules: { 'wimboot/no-system-file-write': ['error', ...ruleOptions] as Linter.RuleEntry },
      ...(settings === undefined ? {} : { settings }),
    },
  ]);
}

describe('settings.wimboot', () => {
  it('defaults report the Windows directory', () => {
    assert.equal(lint(undefined).length, 1);
  });

  const bad: [unknown, RegExp][] = [
    ['C:\\Windows', /settings\.wimboot must be an object/u],
    [{ systemRoots: 'C:\\Windows' }, /settings\.wimboot\.systemRoots must be an array/u],
    [
      { systemRoots: ['Windows'] },
      /settings\.wimboot\.systemRoots\[0\] "Windows" is not an absolute Windows path glob/u,
    ],
    [
      { additionalSystemRoots: ['C:\\ok', 42] },
      /settings\.wimboot\.additionalSystemRoots\[1\] 42 is not an absolute Windows path glob/u,
    ],
    [{ ignorePaths: ['relative/**'] }, /settings\.wimboot\.ignorePaths\[0\] "relative\/\*\*" is not an absolute/u],
    [{ preset: 'loose' }, /settings\.wimboot\.preset must be "default" or "strict"/u],
    [{ systemRoot: ['C:\\x'] }, /unknown setting settings\.wimboot\.systemRoot /u],
    [{ snapshot: '' }, /settings\.wimboot\.snapshot must be a non-empty file path/u],
    [{ typeInformation: true }, /settings\.wimboot\.typeInformation must be "auto" or "required", got true/u],
    // Issue 14 item 8: the exact setting, never another list's name or minimatch's own TypeError.
    [
      { additionalSystemRoots: [`C:\\${'a'.repeat(70_000)}`] },
      /eslint-plugin-wimboot: settings\.wimboot\.additionalSystemRoots\[0\] is 70003 characters long: a glob longer than a Windows path can be \(32767\) cannot match anything\./u,
    ],
    [
      { systemRoots: ['C:\\Windows', `D:\\${'*'.repeat(40_000)}`] },
      /eslint-plugin-wimboot: settings\.wimboot\.systemRoots\[1\] is 40003 characters long/u,
    ],
    [{ ignorePaths: [`C:\\${'x'.repeat(33_000)}`] }, /settings\.wimboot\.ignorePaths\[0\] is 33003 characters long/u],
  ];
  for (const [value, expected] of bad) {
    it(`rejects ${JSON.stringify(value).slice(0, 80)} with one clear message`, () => {
      assert.throws(
        () => readWimbootSettings({ wimboot: value }),
        (error: Error) => {
          assert.match(error.message, expected);
          assert.match(error.message, /^eslint-plugin-wimboot: /u);
          return true;
        },
      );
      // Through ESLint the same message reaches the user.
      assert.throws(() => lint({ wimboot: value }), expected);
    });
  }

  it('accepts forward-slash, UNC and wildcard-drive globs', () => {
    const settings = readWimbootSettings({
      wimboot: { additionalSystemRoots: ['D:/Games/**', '\\\\nas\\apps', '*:\\Windows'] },
    });
    assert.equal(settings.roots.length, 4 + 3);
  });
});

describe('rule options and bad input', () => {
  it("rejects unknown rule options with ESLint's schema error naming the option", () => {
    assert.throws(
      () => lint(undefined, [{ checkAttributes: true }]),
      /Key "wimboot\/no-system-file-write"[\s\S]*Unexpected property "checkAttributes"/u,
    );
  });

  it('reports unparseable files as parse errors, not crashes', () => {
    const messages = lint(undefined, [], "import fs from 'fs'; fs.writeFileSync('C:\\\\Windows\\\\x', ");
    assert.equal(messages.length, 1);
    assert.equal(messages[0]?.fatal, true);
    assert.match(messages[0]?.message ?? '', /Parsing error/u);
  });
});
