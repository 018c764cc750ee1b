import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LINTED_EXTENSIONS } from '../../lint-cli/discover.js';
import { makeTree, READS_WIN_INI, removeTrees, REPO_ROOT, WIMBOOT_LINT } from '../setup/temp-tree.js';
import { git } from './git.js';

/**
 * End to end: the shipped hooks/pre-commit in a throwaway git repository, with
 * wimboot-lint installed the way npm does (node_modules/.bin).
 */

const WRITES_HOSTS = [
  "import fs from 'node:fs';",
  "import path from 'node:path';",
  "fs.appendFileSync(path.join(process.env.SystemRoot, 'System32', 'drivers', 'etc', 'hosts'), '127.0.0.1 dev.local\\n');",
  '',
].join('\n');

describe('hooks/pre-commit (plain git hook)', () => {
  let repo = '';
  let invocations = '';

  before(() => {
    repo = makeTree({ '.gitignore': 'node_modules/\n', 'README.md': '# app\n' });
    invocations = join(repo, 'node_modules', 'invocations.log');
    mkdirSync(join(repo, 'node_modules', '.bin'), { recursive: true });
    // npm's bin link, plus a log of each run's arguments.
    const bin = join(repo, 'node_modules', '.bin', 'wimboot-lint');
    writeFileSync(bin, `#!/bin/sh\necho "$*" >> '${invocations}'\nexec '${process.execPath}' '${WIMBOOT_LINT}' "$@"\n`);
    chmodSync(bin, 0o755);
    writeFileSync(invocations, '');
    assert.equal(git(repo, 'init', '-q').status, 0);
    git(repo, 'config', 'core.hooksPath', '.git/hooks');
    mkdirSync(join(repo, '.git', 'hooks'), { recursive: true });
    copyFileSync(join(REPO_ROOT, 'hooks', 'pre-commit'), join(repo, '.git', 'hooks', 'pre-commit'));
    chmodSync(join(repo, '.git', 'hooks', 'pre-commit'), 0o755);
  });

  after(removeTrees);

  const runs = (): string[] => readFileSync(invocations, 'utf8').split('\n').filter(Boolean);

  it('lets a commit without JS/TS files through without starting the linter', () => {
    git(repo, 'add', 'README.md', '.gitignore');
    const commit = git(repo, 'commit', '-q', '-m', 'docs');
    assert.equal(commit.status, 0, commit.output);
    assert.deepEqual(runs(), []);
  });

  it('refuses a commit that stages a file writing the hosts file', () => {
    writeFileSync(join(repo, 'dev hosts.js'), WRITES_HOSTS);
    git(repo, 'add', 'dev hosts.js');
    const commit = git(repo, 'commit', '-q', '-m', 'map dev host');
    assert.notEqual(commit.status, 0, commit.output);
    assert.match(commit.output, /wimboot\/no-system-file-write/u);
    assert.match(commit.output, /hosts/u);
    assert.match(commit.output, /refused the commit/u);
    assert.equal(git(repo, 'log', '--format=%s').output.trim(), 'docs', 'no new commit');
    assert.deepEqual(runs(), ['-- dev hosts.js']);
  });

  it('passes once the file is fixed, linting only staged files', () => {
    writeFileSync(join(repo, 'dev hosts.js'), READS_WIN_INI);
    // Unstaged work in progress must not block the commit.
    writeFileSync(join(repo, 'scratch.js'), WRITES_HOSTS);
    git(repo, 'add', 'dev hosts.js');
    const commit = git(repo, 'commit', '-q', '-m', 'read the hosts file instead');
    assert.equal(commit.status, 0, commit.output);
    assert.equal(git(repo, 'log', '-1', '--format=%s').output.trim(), 'read the hosts file instead');
    assert.deepEqual(runs().slice(1), ['-- dev hosts.js']);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it("selects exactly wimboot-lint's extensions and runs the bin", () => {
    const text = readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    assert.match(text, /^ {2}entry: wimboot-lint$/mu);
    assert.match(text, /^ {2}language: node$/mu);
    // pre-commit applies `files` with Python's re.search; this pattern means the same in JS.
    const files = new RegExp(/^ {2}files: '([^']+)'$/mu.exec(text)![1]!, 'u');
    for (const extension of LINTED_EXTENSIONS) {
      assert.ok(files.test(`src/app${extension}`), extension);
    }
    for (const name of ['README.md', 'package.json', 'app.jsonc', 'style.css', 'app.js.map', 'app.mjsx']) {
      assert.ok(!files.test(name), name);
    }
  });
});
