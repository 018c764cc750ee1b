import assert from 'node:assert/strict';
import type { ESLint } from 'eslint';
import { runWimbootLint } from '../setup/temp-tree.js';

export function lintJson(
  args: readonly string[],
  cwd: string,
): { status: number | null; results: ESLint.LintResult[]; stderr: string } {
  const run = runWimbootLint(['--format', 'json', ...args], cwd);
  return { status: run.status, results: JSON.parse(run.stdout) as ESLint.LintResult[], stderr: run.stderr };
}

export function assertOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.split('\n').filter((line) => line.length > 0);
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${stderr}`);
  assert.match(lines[0]!, /^wimboot-lint: /u);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(stderr, /^\s+at /mu, 'no stack trace without --debug');
}
