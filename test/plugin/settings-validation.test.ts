import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from 'eslint';
import plugin from '../../plugin/index.js';

/** Issue 14 item 8: a bad setting is one clear error for every linted file, even one the per-file gate skips. */
describe('settings.wimboot are validated for every linted file', () => {
  const linter = new Linter();
  const verify = (code: string, settings: object): unknown =>
    linter.verify(code, [
      {
        plugins: { wimboot: plugin },
        rules: {
          'wimboot/no-system-file-write': 'error',
          'wimboot/no-win32-write-access': 'error',
          'wimboot/prefer-read-only-open': 'error',
        },
        settings: { wimboot: settings },
      },
    ]);

  for (const code of ['const x = 1;', "import fs from 'node:fs';\nfs.readFileSync('a');"]) {
    it(`reports a bad additionalSystemRoots entry in ${JSON.stringify(code.slice(0, 20))}, naming that setting`, () => {
      assert.throws(
        () => verify(code, { additionalSystemRoots: ['C:\\ok', 42] }),
        /settings\.wimboot\.additionalSystemRoots\[1\] 42 is not an absolute Windows path glob/u,
      );
    });
    it(`reports a glob over 64 KiB in ${JSON.stringify(code.slice(0, 20))} as too long, not as minimatch's TypeError`, () => {
      assert.throws(
        () => verify(code, { ignorePaths: [`C:\\${'a'.repeat(70_000)}`] }),
        /settings\.wimboot\.ignorePaths\[0\] is 70003 characters long/u,
      );
    });
  }

  it('lints a file that names no file API with valid settings, silently', () => {
    assert.deepEqual(verify('const x = 1;', { additionalSystemRoots: ['D:\\Games\\**'] }), []);
  });
});
