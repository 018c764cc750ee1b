import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { importPeer, MissingPeerError } from '../../lint-cli/peer.js';
import { makeTree, READS_WIN_INI, removeTrees, REPO_ROOT, runWimbootLint, WRITES_WIN_INI } from '../setup/temp-tree.js';
import { assertOneLineError, lintJson } from './helpers.js';

after(removeTrees);

const WRITE_RULE = 'wimboot/no-system-file-write';
const READ_ONLY_RULE = 'wimboot/prefer-read-only-open';

/** An `'r+'` open of a user file that is only read: a fixable warning in `recommended`, an error in `strict`. */
const ONLY_READS_DATA = [
  "const fs = require('node:fs');",
  "const fd = fs.openSync('data.bin', 'r+');",
  'fs.readSync(fd, Buffer.alloc(4), 0, 4, 0);',
  'fs.closeSync(fd);',
  '',
].join('\n');

const ruleIds = (results: ReturnType<typeof lintJson>['results']): (string | null)[] =>
  results.flatMap((result) => result.messages.map((message) => message.ruleId)).sort();

/** A project whose `node_modules/eslint-plugin-wimboot` is this package, as installed. */
function projectWithPlugin(files: Record<string, string>): string {
  const root = makeTree(files);
  mkdirSync(join(root, 'node_modules'));
  symlinkSync(REPO_ROOT, join(root, 'node_modules', 'eslint-plugin-wimboot'), 'dir');
  return root;
}

describe("wimboot-lint exit codes follow ESLint's", () => {
  it('exits 0 on warnings alone, and shows them', () => {
    const root = makeTree({ 'read.js': ONLY_READS_DATA });
    const run = runWimbootLint([], root);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /warning .*wimboot\/prefer-read-only-open/u);
    assert.equal(run.stderr, '');
  });

  it('exits 1 on an error', () => {
    const run = runWimbootLint([], makeTree({ 'write.js': WRITES_WIN_INI, 'read.js': ONLY_READS_DATA }));
    assert.equal(run.status, 1, run.stderr);
  });
});

describe('wimboot-lint --max-warnings', () => {
  const root = makeTree({ 'read.js': ONLY_READS_DATA });

  it('exits 1 with a line on stderr when there are more warnings than allowed', () => {
    const run = runWimbootLint(['--max-warnings', '0'], root);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /wimboot\/prefer-read-only-open/u);
    assertOneLineError(run.stderr, /too many warnings: 1 \(maximum: 0\)$/u);
  });

  it('exits 0 when the warnings are within the limit', () => {
    const run = runWimbootLint(['--max-warnings', '1'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
  });

  for (const value of ['-1', 'two', '1.5']) {
    it(`rejects --max-warnings=${value}`, () => {
      const run = runWimbootLint([`--max-warnings=${value}`], root);
      assert.equal(run.status, 2);
      assertOneLineError(run.stderr, /--max-warnings expects a whole number/u);
    });
  }
});

describe('wimboot-lint --quiet', () => {
  it('reports errors only', () => {
    const root = makeTree({ 'write.js': WRITES_WIN_INI, 'read.js': ONLY_READS_DATA });
    const quiet = lintJson(['--quiet'], root);
    assert.equal(quiet.status, 1);
    assert.deepEqual(ruleIds(quiet.results), [WRITE_RULE]);
    assert.deepEqual(ruleIds(lintJson([], root).results), [WRITE_RULE, READ_ONLY_RULE]);
  });

  it('exits 0 with nothing to show on warnings alone, but still counts them for --max-warnings', () => {
    const root = makeTree({ 'read.js': ONLY_READS_DATA });
    const quiet = runWimbootLint(['--quiet'], root);
    assert.equal(quiet.status, 0, quiet.stderr);
    assert.equal(quiet.stdout, '');
    const limited = lintJson(['--quiet', '--max-warnings', '0'], root);
    assert.equal(limited.status, 1);
    assert.deepEqual(limited.results, []);
    assertOneLineError(limited.stderr, /too many warnings: 1 \(maximum: 0\)/u);
  });

  it('applies only the fixes of errors with --fix', () => {
    const root = makeTree({ 'read.js': ONLY_READS_DATA });
    const file = join(root, 'read.js');
    runWimbootLint(['--quiet', '--fix'], root);
    assert.equal(readFileSync(file, 'utf8'), ONLY_READS_DATA, 'a warning is not fixed under --quiet');
    runWimbootLint(['--fix'], root);
    assert.equal(readFileSync(file, 'utf8'), ONLY_READS_DATA.replace("'r+'", "'r'"));
  });
});

describe('wimboot-lint --preset', () => {
  it('strict makes prefer-read-only-open an error', () => {
    const root = makeTree({ 'read.js': ONLY_READS_DATA });
    const strict = lintJson(['--preset', 'strict'], root);
    assert.equal(strict.status, 1);
    assert.deepEqual(
      strict.results[0]!.messages.map((message) => [message.ruleId, message.severity]),
      [[READ_ONLY_RULE, 2]],
    );
    const recommended = lintJson(['--preset', 'recommended'], root);
    assert.equal(recommended.status, 0);
    assert.equal(recommended.results[0]!.messages[0]!.severity, 1);
  });

  it('rejects an unknown preset', () => {
    const run = runWimbootLint(['--preset', 'lax'], makeTree({ 'a.js': READS_WIN_INI }));
    assert.equal(run.status, 2);
    assertOneLineError(run.stderr, /unknown preset 'lax': use recommended or strict$/u);
  });
});

describe('wimboot-lint --config', () => {
  const CONFIG = [
    "import wimboot from 'eslint-plugin-wimboot';",
    'export default [',
    '  wimboot.configs.recommended,',
    "  { settings: { wimboot: { ignorePaths: ['C:\\\\Windows\\\\win.ini'] } } },",
    "  { rules: { 'wimboot/prefer-read-only-open': 'off', 'no-undef': 'error' } },",
    '];',
    '',
  ].join('\n');

  it("lints with the project's settings and rule options, and still reports only wimboot rules", () => {
    const root = projectWithPlugin({
      'eslint.config.js': CONFIG,
      'package.json': '{ "type": "module" }\n',
      'win-ini.js': WRITES_WIN_INI,
      'hosts.js': "require('node:fs').writeFileSync('C:\\\\Windows\\\\System32\\\\drivers\\\\etc\\\\hosts', '');\n",
      'read.js': `${ONLY_READS_DATA}undefinedThing();\n`,
    });
    const own = lintJson(['--config', 'eslint.config.js'], root);
    assert.equal(own.status, 1, own.stderr);
    const byFile = Object.fromEntries(
      own.results.map((result) => [result.filePath.slice(root.length + 1), result.messages.map((m) => m.ruleId)]),
    );
    // win.ini is ignored by the settings, the warning rule is off, no-undef is not ours.
    assert.deepEqual(byFile, { 'eslint.config.js': [], 'hosts.js': [WRITE_RULE], 'read.js': [], 'win-ini.js': [] });
    // Without --config, the same tree gets the built-in config.
    assert.deepEqual(ruleIds(lintJson([], root).results), [WRITE_RULE, WRITE_RULE, READ_ONLY_RULE]);
  });

  it('refuses a config that turns on no wimboot rule, which would find nothing', () => {
    const root = makeTree({
      'eslint.config.mjs': "export default [{ rules: { 'no-undef': 'error' } }];\n",
      'a.js': WRITES_WIN_INI,
    });
    const run = runWimbootLint(['-c', 'eslint.config.mjs'], root);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assertOneLineError(run.stderr, /eslint\.config\.mjs turns on no wimboot rule for the linted files/u);
  });

  for (const [args, pattern] of [
    [['--config', 'missing.config.js'], /no such config file: missing\.config\.js$/u],
    [['--config', 'eslint.config.js', '--preset', 'strict'], /--preset applies to the built-in config/u],
    [['--config', 'eslint.config.js', '--typed'], /--typed applies to the built-in config/u],
  ] as const) {
    it(`rejects ${args.join(' ')}`, () => {
      const run = runWimbootLint(args, makeTree({ 'eslint.config.js': 'export default [];\n', 'a.js': READS_WIN_INI }));
      assert.equal(run.status, 2);
      assertOneLineError(run.stderr, pattern);
    });
  }
});

describe('wimboot-lint --typed', () => {
  const TYPED_PROJECT = {
    'tsconfig.json':
      '{ "compilerOptions": { "strict": true, "module": "nodenext", "noEmit": true }, "include": ["src/*.ts"] }\n',
    // Only types say which file: the untyped analysis reads other modules' values, never their types.
    'src/paths.ts': "export type Hosts = 'C:\\\\Windows\\\\System32\\\\drivers\\\\etc\\\\hosts';\n",
    'src/main.ts':
      "import fs from 'node:fs';\nimport type { Hosts } from './paths.js';\ndeclare const hosts: Hosts;\nfs.appendFileSync(hosts, '1');\n",
  };

  it('resolves a type imported from another module, from the nearest tsconfig.json', () => {
    const root = makeTree({ ...TYPED_PROJECT, 'src/scripts/outside.ts': READS_WIN_INI });
    const untyped = lintJson(['src'], root);
    assert.equal(untyped.status, 0);
    assert.deepEqual(ruleIds(untyped.results), []);
    // From a sub-folder: the tsconfig.json above it is found.
    const typed = lintJson(['--typed', '.'], join(root, 'src'));
    assert.equal(typed.status, 1, typed.stderr);
    const messagesOf = (name: string) => typed.results.find((result) => result.filePath.endsWith(name))!.messages;
    assert.deepEqual(
      messagesOf('main.ts').map((message) => [message.ruleId, message.line]),
      [[WRITE_RULE, 4]],
    );
    // A TypeScript file the project does not include is a parse error, as in typed ESLint.
    assert.match(messagesOf('outside.ts')[0]!.message, /^Parsing error: .*outside\.ts/u);
  });

  it('needs a tsconfig.json', () => {
    const root = makeTree({ 'a.ts': READS_WIN_INI });
    const run = runWimbootLint(['--typed'], root);
    assert.equal(run.status, 2);
    assertOneLineError(run.stderr, /--typed needs a tsconfig\.json in .* or a folder above it$/u);
  });
});

describe('importPeer', () => {
  const notFound = (message: string, code: string): Error => Object.assign(new Error(message), { code });

  it('turns a missing package into one line naming it and the install command', async () => {
    await assert.rejects(
      importPeer(
        () => Promise.reject(notFound("Cannot find module 'typescript'\nRequire stack:\n- x.js", 'MODULE_NOT_FOUND')),
        'linting TypeScript files needs @typescript-eslint/parser and typescript',
        'npm install --save-dev @typescript-eslint/parser typescript@6.0',
      ),
      (error: unknown) =>
        error instanceof MissingPeerError &&
        error.message ===
          "linting TypeScript files needs @typescript-eslint/parser and typescript (cannot find 'typescript'): npm install --save-dev @typescript-eslint/parser typescript@6.0",
    );
  });

  it('lets any other failure through as it is', async () => {
    const broken = new SyntaxError('Unexpected token');
    await assert.rejects(
      importPeer(() => Promise.reject(broken), 'x', 'y'),
      (error: unknown) => error === broken,
    );
  });
});
