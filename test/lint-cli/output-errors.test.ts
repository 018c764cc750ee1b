/** wimboot-lint when stdout cannot be written (issue 14 item 9): one line, exit 2; EPIPE stays quiet. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertOutputError, runWithStdout } from '../setup/stdout.js';
import { makeTree, removeTrees, WIMBOOT_LINT, WRITES_WIN_INI } from '../setup/temp-tree.js';

describe('wimboot-lint stdout errors (issue 14 item 9)', () => {
  it('wimboot-lint: a full disk or an unwritable stdout is one line and exit 2; EPIPE is quiet', async () => {
    const root = makeTree({ 'a.js': WRITES_WIN_INI.repeat(200) });
    try {
      for (const format of ['stylish', 'json']) {
        const args = ['--format', format, join(root, 'a.js')];
        assertOutputError(await runWithStdout(WIMBOOT_LINT, args, 'full'), 'wimboot-lint', /\(ENOSPC\)$/u);
        assertOutputError(await runWithStdout(WIMBOOT_LINT, args, 'unwritable'), 'wimboot-lint', /\(EBADF\)$/u);
        const piped = await runWithStdout(WIMBOOT_LINT, args, 'head');
        assert.equal(piped.stderr, '');
        assert.equal(piped.code, 0);
      }
    } finally {
      removeTrees();
    }
  });
});
