import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ESLint } from 'eslint';
import { matchesPattern, parsePatternTrailer } from '../../formats/finding-pattern.js';
import { REPO_ROOT, runWimbootLint } from '../setup/temp-tree.js';

const APP = join(REPO_ROOT, 'examples', 'demo-app');

/** The 1-based line of the only line in `file` containing `needle`. */
function lineOf(file: string, needle: string): number {
  const lines = readFileSync(join(APP, file), 'utf8').split('\n');
  const matches = lines.flatMap((line, index) => (line.includes(needle) ? [index + 1] : []));
  assert.equal(matches.length, 1, `exactly one line of ${file} contains ${needle}`);
  return matches[0]!;
}

interface Expected {
  file: string;
  needle: string;
  ruleId: string;
  /** A concrete path the finding's pattern must match. */
  path: string;
}

const SYSTEM_WRITE = 'wimboot/no-system-file-write';

const EXPECTED: Expected[] = [
  {
    file: 'src/fonts.ts',
    needle: "path.join(systemFontsDir(), name), 'r+')",
    ruleId: SYSTEM_WRITE,
    path: 'C:\\Windows\\Fonts\\Acme.ttf',
  },
  {
    file: 'src/fonts.ts',
    needle: "path.join(systemFontsDir(), name), 'r+')",
    ruleId: 'wimboot/prefer-read-only-open',
    path: 'C:\\Windows\\Fonts\\Acme.ttf',
  },
  {
    file: 'src/fonts.ts',
    needle: "path.join(process.env.WINDIR, 'Fonts'",
    ruleId: SYSTEM_WRITE,
    path: 'C:\\Windows\\Fonts\\Acme.ttf',
  },
  {
    file: 'src/hosts.js',
    needle: 'fs.appendFileSync(HOSTS_FILE',
    ruleId: SYSTEM_WRITE,
    path: 'C:\\Windows\\System32\\drivers\\etc\\hosts',
  },
  {
    file: 'src/hosts.js',
    needle: "'hosts'), 'r+')",
    ruleId: SYSTEM_WRITE,
    path: 'C:\\Windows\\System32\\drivers\\etc\\hosts',
  },
  {
    file: 'src/logger.mjs',
    needle: "process.env.ProgramFiles, 'Acme', 'logs'",
    ruleId: SYSTEM_WRITE,
    path: 'C:\\Program Files\\Acme\\logs\\app.log',
  },
  {
    file: 'src/native-version.ts',
    needle: 'GENERIC_READ | GENERIC_WRITE',
    ruleId: 'wimboot/no-win32-write-access',
    path: 'C:\\Windows\\System32\\kernel32.dll',
  },
  {
    file: 'src/native-version.ts',
    needle: 'GENERIC_READ | GENERIC_WRITE',
    ruleId: 'wimboot/prefer-read-only-open',
    path: 'C:\\Windows\\System32\\kernel32.dll',
  },
];

describe('the demo app (npm run demo)', () => {
  it('reports the hosts file, font, Program Files and Win32 writes, and nothing in the read-only code', () => {
    const run = runWimbootLint(['--format', 'json', APP], REPO_ROOT);
    assert.equal(run.status, 1, run.stderr);
    const results = JSON.parse(run.stdout) as ESLint.LintResult[];
    const found = results.flatMap((result) =>
      result.messages.map((message) => ({
        file: result.filePath
          .slice(APP.length + 1)
          .split('\\')
          .join('/'),
        line: message.line,
        ruleId: message.ruleId,
        patterns: parsePatternTrailer(message.message) ?? [],
      })),
    );
    const expected = EXPECTED.map((entry) => ({ ...entry, line: lineOf(entry.file, entry.needle) }));
    for (const entry of expected) {
      const finding = found.find(
        (candidate) =>
          candidate.file === entry.file && candidate.line === entry.line && candidate.ruleId === entry.ruleId,
      );
      assert.ok(
        finding !== undefined,
        `${entry.ruleId} at ${entry.file}:${entry.line}; found ${JSON.stringify(found)}`,
      );
      assert.ok(
        finding.patterns.some((pattern) => matchesPattern(entry.path, pattern)),
        `${entry.file}:${entry.line} pattern ${finding.patterns.join(' | ')} matches ${entry.path}`,
      );
    }
    // Silence everywhere else: the read-only and per-user code, and no other line.
    const allowed = new Set(expected.map((entry) => `${entry.file}:${entry.line}`));
    assert.deepEqual(
      found.filter((finding) => !allowed.has(`${finding.file}:${finding.line}`)),
      [],
    );
  });
});
