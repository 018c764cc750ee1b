import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ESLint } from 'eslint';
import { matchesPattern, parsePatternTrailer } from '../../rules/report/finding-pattern.js';
import { REPO_ROOT, runWimbootLint } from './temp-tree.js';

const APP = join(REPO_ROOT, 'examples', 'demo-app');

/** The 1-based line of the only line in `file` containing `needle`. */
function lineOf(file: string, needle: string): number {
  const lines = readFileSync(join(APP, file), 'utf8').split('\n');
  const matches = lines.flatMap((line, index) => (line.includes(needle) ? [index + 1] : []));
  assert.equal(matches.length, 1, `exactly one line of ${file} contains ${needle}`);
  return matches[0]!;
}

describe('the demo app (npm run demo)', () => {
  it('reports exactly the hosts file, font and Program Files writes, and nothing in the read-only code', () => {
    const run = runWimbootLint(['--format', 'json', APP], REPO_ROOT);
    assert.equal(run.status, 1, run.stderr);
    const results = JSON.parse(run.stdout) as ESLint.LintResult[];
    const found = results
      .flatMap((result) =>
        result.messages.map((message) => ({
          file: result.filePath.slice(APP.length + 1).split('\\').join('/'),
          line: message.line,
          ruleId: message.ruleId,
          patterns: parsePatternTrailer(message.message) ?? [],
        })),
      )
      .sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
    const expected = [
      { file: 'src/fonts.ts', line: lineOf('src/fonts.ts', "path.join(process.env.WINDIR, 'Fonts'"), path: 'C:\\Windows\\Fonts\\Acme.ttf' },
      { file: 'src/hosts.js', line: lineOf('src/hosts.js', 'fs.appendFileSync(HOSTS_FILE'), path: 'C:\\Windows\\System32\\drivers\\etc\\hosts' },
      { file: 'src/hosts.js', line: lineOf('src/hosts.js', "'hosts'), 'r+')"), path: 'C:\\Windows\\System32\\drivers\\etc\\hosts' },
      { file: 'src/logger.mjs', line: lineOf('src/logger.mjs', "process.env.ProgramFiles, 'Acme', 'logs'"), path: 'C:\\Program Files\\Acme\\logs\\app.log' },
    ];
    assert.deepEqual(
      found.map(({ file, line, ruleId }) => ({ file, line, ruleId })),
      expected.map(({ file, line }) => ({ file, line, ruleId: 'wimboot/no-system-file-write' })),
    );
    for (const [index, finding] of found.entries()) {
      const { path } = expected[index]!;
      assert.ok(
        finding.patterns.some((pattern) => matchesPattern(path, pattern)),
        `${finding.file}:${finding.line} pattern ${finding.patterns.join(' | ')} matches ${path}`,
      );
    }
  });
});
