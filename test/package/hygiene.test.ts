import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { REPO_ROOT } from '../setup/temp-tree.js';

/**
 * What `npm publish` would ship, checked on a real tarball of the current
 * build: contents, types, entry points, publint and Are-The-Types-Wrong.
 */

interface PackageJson {
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
}

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
const strip = (path: string): string => path.replace(/^\.\//u, '');

describe('the published package', () => {
  let destination = '';
  let tarball = '';
  let files: string[] = [];

  before(() => {
    destination = mkdtempSync(join(tmpdir(), 'wimboot-pack-'));
    // --ignore-scripts: test the build `npm test` just made, without prepack's rebuild.
    const pack = spawnSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      shell: process.platform === 'win32',
    });
    assert.equal(pack.status, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(destination, info!.filename);
    files = info!.files.map((file) => file.path).sort();
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
