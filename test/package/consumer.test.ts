import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ESLint } from 'eslint';
import { NEEDS_REGISTRY, NPM, npmEnv } from '../setup/registry.js';
import { READS_WIN_INI, REPO_ROOT, WRITES_WIN_INI } from '../setup/temp-tree.js';
import { packRepository } from './pack.js';

/**
 * A fresh consumer that follows only the README: its install commands (with
 * the packed tarball for the package name) and its `eslint.config.*` snippets,
 * taken from the README itself (the fences marked `<!-- consumer-test: NAME -->`).
 * One node_modules, installed once for JavaScript and then once more for
 * TypeScript, serves a project folder per snippet.
 */

const PACKAGE = 'eslint-plugin-wimboot';
const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const RULE = 'wimboot/no-system-file-write';

/** The fenced block after `<!-- consumer-test: name -->`. */
function snippet(name: string): string {
  const block = new RegExp(`<!-- consumer-test: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``, 'u').exec(README)?.[1];
  assert.ok(block !== undefined, `README has the ${name} snippet`);
  return block;
}

/** The README's `npm i ...` line, as arguments, with the tarball for the package. */
function installArguments(name: string, tarball: string): string[] {
  const [command] = snippet(name).trim().split('\n');
  const words = command!.split(/\s+/u);
  assert.deepEqual(words.slice(0, 3), ['npm', 'i', '-D'], command);
  return words.slice(1).map((word) => (word === PACKAGE ? tarball : word));
}

function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

function sizeOf(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.size;
  return readdirSync(path).reduce((sum, entry) => sum + sizeOf(join(path, entry)), 0);
}

// Only types name the file (the untyped analysis reads other modules' values, never their types).
const TYPED_ONLY = {
  'src/paths.ts': "export type Hosts = 'C:\\\\Windows\\\\System32\\\\drivers\\\\etc\\\\hosts';\n",
  'src/main.ts':
    "import fs from 'node:fs';\nimport type { Hosts } from './paths.js';\ndeclare const hosts: Hosts;\nfs.appendFileSync(hosts, '127.0.0.1 dev\\n');\n",
};

describe('a fresh consumer following the README', { skip: NEEDS_REGISTRY }, () => {
  let temp = '';
  let tarball = '';
  const env = npmEnv({ NO_COLOR: '1' });

  const npm = (args: readonly string[]) => {
    const run = spawnSync(NPM, ['--no-audit', '--no-fund', ...args], {
      cwd: temp,
      encoding: 'utf8',
      env,
      shell: process.platform === 'win32',
    });
    assert.equal(run.status, 0, `npm ${args.join(' ')}:\n${run.stderr}`);
  };

  /** A project folder with its own package.json, config and sources, sharing the installed node_modules. */
  const project = (name: string, files: Record<string, string>, type = 'module'): string => {
    const root = join(temp, name);
    writeTree(root, { 'package.json': `${JSON.stringify({ name, private: true, type })}\n`, ...files });
    return root;
  };

  /** `npx eslint -f json .` in a project: findings per file (relative paths). */
  const eslint = (root: string): Record<string, string[]> => {
    const run = spawnSync(
      process.execPath,
      [join(temp, 'node_modules', 'eslint', 'bin', 'eslint.js'), '-f', 'json', '.'],
      {
        cwd: root,
        encoding: 'utf8',
        env,
      },
    );
    assert.ok(run.status === 0 || run.status === 1, `eslint exited ${run.status}:\n${run.stderr}${run.stdout}`);
    const results = JSON.parse(run.stdout) as ESLint.LintResult[];
    return Object.fromEntries(
      results.map((result) => [
        result.filePath
          .slice(root.length + 1)
          .split('\\')
          .join('/'),
        result.messages.map((message) => message.ruleId ?? `fatal: ${message.message}`),
      ]),
    );
  };

  const wimbootLint = (root: string, args: readonly string[]) =>
    spawnSync(process.execPath, [join(temp, 'node_modules', PACKAGE, 'dist', 'lint-cli', 'wimboot-lint.js'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env,
    });

  before(() => {
    temp = mkdtempSync(join(tmpdir(), 'wimboot-consumer-'));
    writeFileSync(join(temp, 'package.json'), '{ "name": "consumer", "private": true }\n');
    ({ tarball } = packRepository(temp));
  });

  after(() => rmSync(temp, { recursive: true, force: true }));

  describe('JavaScript only (npm i -D eslint eslint-plugin-wimboot)', () => {
    before(() => npm(installArguments('install', tarball)));

    it('installs no TypeScript, no TypeScript parser and no second ESLint', (t) => {
      const modules = join(temp, 'node_modules');
      for (const name of ['typescript', '@typescript-eslint', 'typescript-eslint']) {
        assert.ok(!existsSync(join(modules, name)), `${name} is not installed`);
      }
      assert.ok(existsSync(join(modules, 'eslint', 'package.json')));
      assert.ok(!existsSync(join(modules, PACKAGE, 'node_modules', 'eslint')), 'the peer is the project ESLint');
      t.diagnostic(`JavaScript-only node_modules: ${(sizeOf(modules) / 1e6).toFixed(1)} MB`);
    });

    it('lints JavaScript with the eslint.config.js snippet', () => {
      const root = project('javascript', {
        'eslint.config.js': snippet('javascript'),
        'src/write.js': WRITES_WIN_INI,
        'src/read.mjs': `import fs from 'node:fs';\n${READS_WIN_INI}`,
      });
      assert.deepEqual(eslint(root), { 'eslint.config.js': [], 'src/read.mjs': [], 'src/write.js': [RULE] });
    });

    it('lints with the CommonJS eslint.config.cjs snippet', () => {
      const root = project(
        'commonjs',
        { 'eslint.config.cjs': snippet('commonjs'), 'src/write.js': WRITES_WIN_INI, 'src/read.cjs': READS_WIN_INI },
        'commonjs',
      );
      assert.deepEqual(eslint(root), { 'eslint.config.cjs': [], 'src/read.cjs': [], 'src/write.js': [RULE] });
    });

    it('wimboot-lint lints JavaScript, and says in one line what TypeScript files need', () => {
      const root = project('zero-config', { 'write.js': WRITES_WIN_INI, 'app.ts': WRITES_WIN_INI });
      const js = wimbootLint(root, ['write.js']);
      assert.equal(js.status, 1, js.stderr);
      assert.match(js.stdout, new RegExp(RULE, 'u'));
      const ts = wimbootLint(root, ['app.ts']);
      assert.equal(ts.status, 2);
      assert.equal(ts.stdout, '');
      assert.match(
        ts.stderr,
        /^wimboot-lint: linting TypeScript files needs @typescript-eslint\/parser and typescript \(cannot find '@typescript-eslint\/parser'\): npm install --save-dev @typescript-eslint\/parser typescript@6\.0\n$/u,
      );
    });
  });

  describe('with TypeScript (npm i -D typescript@6.0 typescript-eslint)', () => {
    before(() => npm(installArguments('install-typescript', tarball)));

    it('lints TypeScript with the TypeScript snippet', () => {
      const root = project('typescript', {
        'eslint.config.js': snippet('typescript'),
        'src/write.ts': `const file: string = 'C:\\\\Windows\\\\win.ini';\nrequire('node:fs').writeFileSync(file, '');\n`,
        'src/read.ts': READS_WIN_INI,
      });
      // ESLint's default files (.js) are linted too, with no wimboot rule on them.
      assert.deepEqual(eslint(root), { 'eslint.config.js': [], 'src/read.ts': [], 'src/write.ts': [RULE] });
    });

    it('lints both languages with the mixed snippet', () => {
      const root = project('mixed', {
        'eslint.config.js': snippet('mixed'),
        'src/a.js': WRITES_WIN_INI,
        'src/b.cts': `import fs = require('node:fs');\nfs.writeFileSync('C:\\\\Windows\\\\win.ini', '');\n`,
        'src/c.tsx': `const el: JSX.Element = <div />;\n${WRITES_WIN_INI}`,
      });
      assert.deepEqual(eslint(root), {
        'eslint.config.js': [],
        'src/a.js': [RULE],
        'src/b.cts': [RULE],
        'src/c.tsx': [RULE],
      });
    });

    it('resolves a type from another module with the typed snippet, which the untyped one cannot', () => {
      const files = {
        'tsconfig.json':
          '{ "compilerOptions": { "strict": true, "module": "nodenext", "jsx": "preserve", "noEmit": true } }\n',
        'src/tool.js': WRITES_WIN_INI,
        ...TYPED_ONLY,
      };
      const typed = project('typed', { 'eslint.config.js': snippet('typed'), ...files });
      assert.deepEqual(eslint(typed), {
        'eslint.config.js': [],
        'src/main.ts': [RULE],
        'src/paths.ts': [],
        'src/tool.js': [RULE],
      });
      const untyped = project('untyped', { 'eslint.config.js': snippet('mixed'), ...files });
      assert.deepEqual(eslint(untyped)['src/main.ts'], []);
    });
  });
});
