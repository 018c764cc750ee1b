import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { REPO_ROOT } from '../setup/temp-tree.js';
import { packRepository } from './pack.js';

/**
 * What `npm publish` would ship, checked on a real tarball of the current
 * build: contents, types, entry points, publint and Are-The-Types-Wrong.
 */

interface PackageJson {
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
  license: string;
  repository: { type: string; url: string };
  homepage: string;
  bugs: { url: string };
  dependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
}

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
const strip = (path: string): string => path.replace(/^\.\//u, '');

describe('the published package', () => {
  let destination = '';
  let tarball = '';
  let files: string[] = [];

  before(() => {
    destination = mkdtempSync(join(tmpdir(), 'wimboot-pack-'));
    ({ tarball, files } = packRepository(destination));
  });

  after(() => rmSync(destination, { recursive: true, force: true }));

  it('ships no tests, fixtures, examples or TypeScript sources', () => {
    const unwanted = files.filter(
      (path) =>
        /^(?:dist\/)?test\//u.test(path) ||
        /(?:^|\/)fixtures?\//u.test(path) ||
        path.startsWith('examples/') ||
        (path.endsWith('.ts') && !path.endsWith('.d.ts')) ||
        path.endsWith('.tsbuildinfo'),
    );
    assert.deepEqual(unwanted, []);
    assert.ok(files.length > 20, `suspiciously few files: ${files.join(', ')}`);
  });

  it('ships a .d.ts next to every .js, and only build output that has a source', () => {
    const js = files.filter((path) => path.startsWith('dist/') && path.endsWith('.js'));
    assert.ok(js.length > 0);
    assert.deepEqual(
      js.filter((path) => !files.includes(path.replace(/\.js$/u, '.d.ts'))),
      [],
      'JavaScript without declarations',
    );
    // Left over from deleted sources: a clean build (prepack does one) drops them.
    assert.deepEqual(
      js.filter((path) => !existsSync(join(REPO_ROOT, path.slice('dist/'.length).replace(/\.js$/u, '.ts')))),
      [],
      'stale build output: run `rm -rf dist && npm run build`',
    );
  });

  it('ships every export target and bin, the bins with a node shebang', () => {
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      for (const path of typeof target === 'string' ? [target] : Object.values(target)) {
        assert.ok(files.includes(strip(path)), `exports["${subpath}"] -> ${path} is shipped`);
      }
    }
    for (const [name, path] of Object.entries(pkg.bin)) {
      assert.ok(files.includes(strip(path)), `bin ${name} -> ${path} is shipped`);
      const firstLine = readFileSync(join(REPO_ROOT, path), 'utf8').split('\n', 1)[0];
      assert.equal(firstLine, '#!/usr/bin/env node', `bin ${name} starts with a shebang`);
    }
    assert.ok(files.includes('dist/lint-cli/sarif.d.ts'));
    assert.ok(files.includes('hooks/pre-commit'));
  });

  it('ships LICENSE, README, CHANGELOG and every doc the README links to, but no docs tooling', () => {
    for (const file of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json']) {
      assert.ok(files.includes(file), `${file} is shipped`);
    }
    assert.match(readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8'), new RegExp(`^${pkg.license} License`, 'u'));
    assert.match(
      readFileSync(join(REPO_ROOT, 'CHANGELOG.md'), 'utf8'),
      /^## \[Unreleased\]$/mu,
      'keep-a-changelog form',
    );
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const linked = [...readme.matchAll(/\]\(((?:docs\/)?[\w./-]+?)(?:#[\w-]*)?\)/gu)]
      .map((match) => match[1]!)
      .filter((target) => !/^[a-z]+:/u.test(target));
    assert.ok(linked.includes('docs/typed-linting.md') && linked.includes('LICENSE'), linked.join(', '));
    assert.deepEqual(
      linked.filter((target) => !files.includes(target)),
      [],
      'README links to files the package does not ship',
    );
    assert.deepEqual(
      files.filter((path) => path.startsWith('docs/tools/') || path.startsWith('docs/images/')),
      [],
    );
  });

  it('names its repository, homepage and issue tracker', () => {
    const repository = 'github.com/eslint-plugin-wimboot/eslint-plugin-wimboot';
    assert.equal(pkg.repository.type, 'git');
    assert.ok(pkg.repository.url.includes(repository), pkg.repository.url);
    assert.ok(pkg.homepage.includes(repository), pkg.homepage);
    assert.ok(pkg.bugs.url.includes(`${repository}/issues`), pkg.bugs.url);
  });

  it('keeps ESLint a peer, TypeScript and its parser optional peers, koffi an optional dependency', () => {
    const installed = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.optionalDependencies)];
    for (const name of ['eslint', 'typescript', '@typescript-eslint/parser', '@typescript-eslint/utils']) {
      assert.ok(!installed.includes(name), `${name} is not installed with the package`);
    }
    assert.ok(pkg.peerDependencies.eslint !== undefined && pkg.peerDependenciesMeta.eslint === undefined);
    for (const name of ['typescript', '@typescript-eslint/parser']) {
      assert.ok(pkg.peerDependencies[name] !== undefined, `${name} is a peer`);
      assert.equal(pkg.peerDependenciesMeta[name]?.optional, true, `${name} is optional`);
    }
    assert.deepEqual(Object.keys(pkg.optionalDependencies), ['koffi']);
  });

  it('passes publint with no messages at all', async () => {
    const data = readFileSync(tarball);
    const { messages, pkg: packed } = await publint({
      pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer },
      level: 'suggestion',
    });
    assert.deepEqual(
      messages.map((message) => `${message.type}: ${formatMessage(message, packed) ?? message.code}`),
      [],
    );
  });

  it('passes Are-The-Types-Wrong (ESM-only profile)', () => {
    const attw = join(REPO_ROOT, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');
    // esm-only: the package is ESM-only by design, so node10 and require() resolutions do not apply.
    const run = spawnSync(
      process.execPath,
      [attw, tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color', '--no-emoji'],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
    assert.match(run.stdout, /eslint-plugin-wimboot\/sarif/u);
  });
});
