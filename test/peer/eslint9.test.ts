import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NEEDS_REGISTRY, NPM } from '../setup/registry.js';
import { READS_WIN_INI, REPO_ROOT, WRITES_WIN_INI } from '../setup/temp-tree.js';

/**
 * The floor of the peer range (ESLint 9.22.0): the compiled rule tests, and
 * wimboot-lint and the README's `defineConfig` form, run against it, installed
 * from the registry into a temporary folder. The repository's own
 * node_modules is never touched: the temporary folder gets a copy of dist/
 * and test/fixtures/, an `eslint` that is v9, and symlinks to everything else.
 * A copy rather than a symlink of dist/, because ESM resolves symlinked files
 * from their real path, which would find the repository's ESLint 10 again.
 *
 * WIMBOOT_PEER_ESLINT picks another version (e.g. ^9, the latest 9);
 * WIMBOOT_SKIP_PEER=1 or WIMBOOT_OFFLINE=1 skips this when there is no registry.
 */

const PEER_RANGE = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { peerDependencies: { eslint: string } }
).peerDependencies.eslint;
/** The lowest version the peer range admits: what most likely lacks an API the package uses. */
const FLOOR = /^\^(9\.\d+\.\d+)/u.exec(PEER_RANGE)?.[1];
const SPEC = process.env.WIMBOOT_PEER_ESLINT ?? FLOOR ?? '^9';
const SKIP = process.env.WIMBOOT_SKIP_PEER === '1' ? 'WIMBOOT_SKIP_PEER=1' : NEEDS_REGISTRY;
const TAIL = 60;
const REPO_ESLINT_VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'eslint', 'package.json'), 'utf8')) as { version: string }
).version;

/** The failing subtests of a TAP report (each with the lines that explain it), or else its last lines. */
function tail(output: string): string {
  const lines = output.split('\n');
  const failures = lines.flatMap((line, index) =>
    /^\s*not ok \d+/u.test(line) && !/ - \S+\.test\.js$/u.test(line) ? lines.slice(index, index + 16) : [],
  );
  return (failures.length > 0 ? failures : lines.slice(-TAIL)).join('\n');
}

/** Child environment without node:test's marker, so a nested `node --test` runs as a top-level runner. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

describe(`rule tests on ESLint ${SPEC}`, { skip: SKIP }, () => {
  let temp = '';
  let run = '';
  let installed = '';

  before(() => {
    temp = mkdtempSync(join(tmpdir(), 'wimboot-peer-'));
    const prefix = join(temp, 'eslint');
    mkdirSync(prefix);
    writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
    const install = spawnSync(
      NPM,
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', `eslint@${SPEC}`],
      {
        cwd: prefix,
        encoding: 'utf8',
        shell: process.platform === 'win32',
      },
    );
    assert.equal(
      install.status,
      0,
      `npm install eslint@${SPEC} failed (offline? WIMBOOT_SKIP_PEER=1 skips this):\n${install.stderr}`,
    );
    installed = (
      JSON.parse(readFileSync(join(prefix, 'node_modules', 'eslint', 'package.json'), 'utf8')) as { version: string }
    ).version;

    run = join(temp, 'run');
    cpSync(join(REPO_ROOT, 'dist'), join(run, 'dist'), { recursive: true });
    cpSync(join(REPO_ROOT, 'test', 'fixtures'), join(run, 'test', 'fixtures'), { recursive: true });
    // dist/plugin/index.js reads the plugin's name and version from ../../package.json.
    cpSync(join(REPO_ROOT, 'package.json'), join(run, 'package.json'));
    const modules = join(run, 'node_modules');
    mkdirSync(modules);
    for (const entry of readdirSync(join(REPO_ROOT, 'node_modules'))) {
      if (entry === 'eslint' || entry.startsWith('.')) continue;
      // 'junction' lets Windows link folders without privileges; ignored elsewhere.
      symlinkSync(join(REPO_ROOT, 'node_modules', entry), join(modules, entry), 'junction');
    }
    symlinkSync(join(prefix, 'node_modules', 'eslint'), join(modules, 'eslint'), 'junction');
  });

  after(() => rmSync(temp, { recursive: true, force: true }));

  it('resolves the installed ESLint, not the repository one, where the tests import it', () => {
    assert.notEqual(installed, REPO_ESLINT_VERSION, 'the same version as the repository: nothing would be shown');
    const probe = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "import { Linter } from 'eslint'; process.stdout.write(Linter.version);"],
      {
        cwd: join(run, 'dist', 'test', 'setup'),
        encoding: 'utf8',
      },
    );
    assert.equal(probe.status, 0, probe.stderr);
    assert.equal(probe.stdout, installed);
  });

  it('passes every compiled rule test', () => {
    // The plugin's tests and the analysis tests that run rules through RuleTester.
    const files = ['plugin', 'analysis'].flatMap((folder) => {
      const dir = join(run, 'dist', 'test', folder);
      return readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.test.js'))
        .map((name) => join(dir, name));
    });
    assert.ok(files.length > 0, 'no compiled rule tests: run `npm run build`');
    const tests = spawnSync(process.execPath, ['--test', '--test-reporter=tap', ...files], {
      cwd: run,
      encoding: 'utf8',
      env: childEnv(),
      maxBuffer: 256 * 1024 * 1024,
    });
    const pass = Number(/^# pass (\d+)$/mu.exec(tests.stdout)?.[1] ?? 0);
    const fail = Number(/^# fail (\d+)$/mu.exec(tests.stdout)?.[1] ?? -1);
    assert.equal(tests.status, 0, `rule tests failed on ESLint ${installed}:\n${tail(tests.stdout)}\n${tests.stderr}`);
    assert.equal(fail, 0);
    assert.ok(pass > files.length, `only ${pass} tests ran`);
  });

  it("runs wimboot-lint (its flags and ESLint's exit codes) and the README's defineConfig form", () => {
    assert.equal(SPEC, FLOOR, `the default spec is the floor of ${PEER_RANGE}`);
    // Inside the run folder, so that the config's own imports (eslint/config, typescript-eslint) resolve there.
    const project = join(run, 'project');
    const snippet = /<!-- consumer-test: typescript -->\n```js\n([\s\S]*?)```/u.exec(
      readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'),
    )?.[1];
    assert.ok(snippet !== undefined && snippet.includes("from 'eslint/config'"), 'the README snippet');
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    symlinkSync(run, join(project, 'node_modules', 'eslint-plugin-wimboot'), 'junction');
    writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(project, 'eslint.config.js'), snippet);
    writeFileSync(join(project, 'write.ts'), WRITES_WIN_INI);
    writeFileSync(join(project, 'read.js'), READS_WIN_INI);

    const lint = (args: readonly string[]) =>
      spawnSync(process.execPath, [join(run, 'dist', 'lint-cli', 'wimboot-lint.js'), ...args], {
        cwd: project,
        encoding: 'utf8',
        env: childEnv(),
      });
    const found = lint(['--format', 'json', '--max-warnings', '0', '--quiet', 'write.ts', 'read.js']);
    assert.equal(found.status, 1, found.stderr);
    const results = JSON.parse(found.stdout) as { messages: { ruleId: string }[] }[];
    assert.deepEqual(
      results.flatMap((result) => result.messages.map((message) => message.ruleId)),
      ['wimboot/no-system-file-write'],
    );
    // The snippet's config covers TypeScript files only.
    assert.equal(lint(['--config', 'eslint.config.js', 'write.ts']).status, 1);
    const uncovered = lint(['--config', 'eslint.config.js', 'read.js']);
    assert.equal(uncovered.status, 2);
    assert.match(uncovered.stderr, /turns on no wimboot rule for the linted files/u);

    const eslint = spawnSync(
      process.execPath,
      [join(temp, 'eslint', 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', '.'],
      { cwd: project, encoding: 'utf8', env: childEnv() },
    );
    assert.equal(eslint.status, 1, `ESLint ${installed} with the README config:\n${eslint.stderr}${eslint.stdout}`);
    const linted = JSON.parse(eslint.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    const write = linted.find((result) => result.filePath.endsWith('write.ts'));
    assert.deepEqual(
      write?.messages.map((message) => message.ruleId),
      ['wimboot/no-system-file-write'],
    );
  });
});
