import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { READS_WIN_INI, REPO_ROOT } from '../setup/temp-tree.js';
import { NEEDS_REGISTRY, npmEnv } from '../setup/registry.js';
import { GIT_ENV, git, run } from './git.js';

/**
 * The real pre-commit framework (https://pre-commit.com) installing this
 * repository's hook the way a user's `.pre-commit-config.yaml` asks for it:
 * from a git repository at a tag. pre-commit clones it, runs `npm install`,
 * takes `npm pack`'s stdout as the tarball's name (so the prepack build must
 * print nothing there) and installs the tarball. The repository is a copy of
 * this working tree, committed and tagged with the `rev:` the docs show.
 */

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

const WRITES_HOSTS_JS = [
  "import fs from 'node:fs';",
  "fs.appendFileSync('C:\\\\Windows\\\\System32\\\\drivers\\\\etc\\\\hosts', '127.0.0.1 dev.local\\n');",
  '',
].join('\n');
const WRITES_WIN_INI_TS = [
  "import { writeFileSync } from 'node:fs';",
  "const file: string = 'C:\\\\Windows\\\\win.ini';",
  "writeFileSync(file, '[fonts]');",
  '',
].join('\n');

/** The `.pre-commit-config.yaml` shown in docs/integrations.md. */
function documentedConfig(): { yaml: string; repo: string; rev: string } {
  const docs = readFileSync(join(REPO_ROOT, 'docs', 'integrations.md'), 'utf8');
  const yaml = /```yaml\n(repos:\n[\s\S]*?id: wimboot-lint\n)```/u.exec(docs)?.[1];
  assert.ok(yaml !== undefined, 'docs/integrations.md shows a .pre-commit-config.yaml with the wimboot-lint hook');
  const repo = /^ {2}- repo: (\S+)$/mu.exec(yaml)?.[1];
  const rev = /^ {4}rev: (\S+)$/mu.exec(yaml)?.[1];
  assert.ok(repo !== undefined && rev !== undefined, yaml);
  return { yaml, repo, rev };
}

/** This working tree's files as git would commit them (tracked and new, not ignored), in a new repository. */
function copyRepository(destination: string): void {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  assert.equal(listed.status, 0, `the repository must be a git checkout: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (existsSync(join(REPO_ROOT, file))) {
      mkdirSync(dirname(join(destination, file)), { recursive: true });
      cpSync(join(REPO_ROOT, file), join(destination, file));
    }
  }
}

/** The package pre-commit installed in its node environment. */
function installedPackage(home: string): string {
  for (const repo of readdirSync(home, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const repoDir = join(home, repo.name);
    for (const env of readdirSync(repoDir).filter((name) => name.startsWith('node_env-'))) {
      const candidate = join(repoDir, env, 'lib', 'node_modules', pkg.name);
      if (existsSync(join(candidate, 'package.json'))) return candidate;
    }
  }
  assert.fail(`no ${pkg.name} under ${home}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js'));
}

describe('the pre-commit framework hook (.pre-commit-hooks.yaml)', { skip: NEEDS_REGISTRY }, () => {
  let temp = '';
  let app = '';
  let home = '';
  let env: NodeJS.ProcessEnv = {};
  const commit = (message: string) => run(app, 'git', ['commit', '-q', '-m', message], env);

  before(() => {
    const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, 'needs the pre-commit tool (Debian: apt install pre-commit; .ci/run installs it)');
    temp = mkdtempSync(join(tmpdir(), 'wimboot-pre-commit-'));
    home = join(temp, 'pre-commit-home');
    env = npmEnv({ ...GIT_ENV, PRE_COMMIT_HOME: home, PRE_COMMIT_COLOR: 'never' });
  });

  after(() => rmSync(temp, { recursive: true, force: true }));

  it('documents a rev that is this version, and is a tag in the hook repository', () => {
    const { rev } = documentedConfig();
    assert.equal(rev, `v${pkg.version}`);
    const plugin = join(temp, 'plugin');
    copyRepository(plugin);
    assert.equal(git(plugin, 'init', '-q').status, 0);
    assert.equal(git(plugin, 'add', '-A').status, 0);
    assert.equal(git(plugin, 'commit', '-q', '-m', 'snapshot').status, 0);
    assert.equal(git(plugin, 'tag', rev).status, 0);
  });

  it('installs from a local repository path at that tag', () => {
    const { yaml, repo } = documentedConfig();
    app = join(temp, 'app');
    mkdirSync(app);
    assert.equal(git(app, 'init', '-q').status, 0);
    writeFileSync(join(app, '.pre-commit-config.yaml'), yaml.replace(repo, join(temp, 'plugin')));
    writeFileSync(join(app, 'README.md'), '# app\n');
    const install = run(app, 'pre-commit', ['install-hooks'], env);
    assert.equal(install.status, 0, install.output);
    const hook = run(app, 'pre-commit', ['install'], env);
    assert.equal(hook.status, 0, hook.output);
    git(app, 'add', '.pre-commit-config.yaml', 'README.md');
    const first = commit('set up pre-commit');
    assert.equal(first.status, 0, first.output);
  });

  it('installs what npm run build builds (prepack builds without type checks)', () => {
    const installed = join(installedPackage(home), 'dist');
    const shipped = filesUnder(installed);
    assert.ok(shipped.length > 50, `only ${shipped.length} files in ${installed}`);
    for (const file of shipped) {
      assert.equal(
        readFileSync(join(installed, file), 'utf8'),
        readFileSync(join(REPO_ROOT, 'dist', file), 'utf8'),
        `dist/${file} differs from npm run build's`,
      );
    }
  });

  it('refuses a commit that adds a system-file write, in JavaScript and TypeScript', () => {
    writeFileSync(join(app, 'hosts.js'), WRITES_HOSTS_JS);
    writeFileSync(join(app, 'fonts.ts'), WRITES_WIN_INI_TS);
    git(app, 'add', 'hosts.js', 'fonts.ts');
    const refused = commit('map a dev host');
    assert.notEqual(refused.status, 0, refused.output);
    assert.match(refused.output, /wimboot-lint\.+Failed/u);
    assert.match(refused.output, /hosts\.js[\s\S]*wimboot\/no-system-file-write/u);
    assert.match(refused.output, /fonts\.ts[\s\S]*wimboot\/no-system-file-write/u);
    assert.equal(git(app, 'log', '-1', '--format=%s').output.trim(), 'set up pre-commit', 'no new commit');
  });

  it('lets the commit through once the files only read', () => {
    writeFileSync(join(app, 'hosts.js'), READS_WIN_INI);
    writeFileSync(join(app, 'fonts.ts'), `import { readFileSync } from 'node:fs';\n${READS_WIN_INI}`);
    git(app, 'add', 'hosts.js', 'fonts.ts');
    const passed = commit('read the files instead');
    assert.equal(passed.status, 0, passed.output);
    assert.match(passed.output, /wimboot-lint\.+Passed/u);
    assert.equal(git(app, 'log', '-1', '--format=%s').output.trim(), 'read the files instead');
  });
});
