/**
 * When stdout cannot be written (issue 14 item 9): one line on stderr and
 * exit 2; a reader that went away (EPIPE) is a quiet success. wimboot-lint:
 * test/lint-cli/output-errors.test.ts.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeSnapshot } from '../../runtime-check/snapshot/writer.js';
import { assertOutputError, runWithStdout } from '../setup/stdout.js';
import { CLI_PATH } from './helpers/cli.js';
import { snapshotOf, tempDir, wimFile } from './helpers/temp.js';

describe('stdout errors (issue 14 item 9)', () => {
  const dir = tempDir('wimboot-stdout-');
  const before = join(dir, 'before.json');
  const after = join(dir, 'after.json');
  const files = Array.from({ length: 3000 }, (_, i) => wimFile(`C:\\Windows\\f${i}.dll`, i));
  const ready = Promise.all([writeSnapshot(before, snapshotOf(files)), writeSnapshot(after, snapshotOf([]))]);

  it('wimboot-check: a full disk or an unwritable stdout is one line and exit 2', async () => {
    await ready;
    for (const args of [['diff', before, after], ['diff', before, after, '--json'], ['--help']]) {
      assertOutputError(
        await runWithStdout(CLI_PATH, args, 'full'),
        'wimboot-check',
        /no space left on the device \(ENOSPC\)$/u,
      );
      assertOutputError(await runWithStdout(CLI_PATH, args, 'unwritable'), 'wimboot-check', /\(EBADF\)$/u);
    }
  });

  it('wimboot-check: a reader that goes away is a quiet success', async () => {
    await ready;
    const run = await runWithStdout(CLI_PATH, ['diff', before, after, '--json'], 'head');
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
  });
});
