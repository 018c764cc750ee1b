import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { REPO_ROOT } from '../setup/temp-tree.js';

const ESLINT_BIN = join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const CONFIG = join(REPO_ROOT, 'test', 'fixtures', 'concurrency', 'eslint.config.js');
const TARGETS = ['examples/demo-app'];

/** Findings as comparable strings: file, position, rule, message. */
function findings(results: readonly ESLint.LintResult[]): string[] {
  return results
    .flatMap((result) =>
      result.messages.map(
        (message) => `${result.filePath}:${message.line}:${message.column} ${message.ruleId} ${message.message}`,
      ),
    )
    .sort();
}

function lint(concurrency: string): string[] {
  const run = spawnSync(
    process.execPath,
    [ESLINT_BIN, '--config', CONFIG, `--concurrency=${concurrency}`, '--format', 'json', ...TARGETS],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    },
  );
  assert.ok(
    run.status === 0 || run.status === 1,
    `eslint --concurrency=${concurrency} exited ${run.status}: ${run.stderr}`,
  );
  return findings(JSON.parse(run.stdout) as ESLint.LintResult[]);
}

describe('eslint --concurrency', () => {
  it('finds the same problems in the demo app with 2 worker threads as serially', () => {
    const serial = lint('off');
    assert.ok(serial.length > 0, 'the demo app has findings');
    assert.ok(
      serial.every((finding) => finding.includes(' wimboot/')),
      serial.join('\n'),
    );
    const threaded = lint('2');
    assert.deepEqual(threaded, serial);
  });

  it('works from the Node API through an options module (plugin objects cannot be cloned to workers)', async () => {
    const eslint = await ESLint.fromOptionsModule(
      new URL('../../../test/fixtures/concurrency/options.js', import.meta.url),
    );
    const threaded = findings(await eslint.lintFiles(TARGETS));
    assert.deepEqual(threaded, lint('off'));
  });
});
