import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { ESLint } from 'eslint';
import { assertOneLineError, lintJson } from './helpers.js';
import { matchesPattern, parsePatternTrailer } from '../../formats/finding-pattern.js';
import { makeTree, READS_WIN_INI, removeTrees, REPO_ROOT, runWimbootLint, WRITES_WIN_INI } from '../setup/temp-tree.js';

const RULE_ID = 'wimboot/no-system-file-write';

after(removeTrees);

/** Linted files, relative to `root`, with '/' separators, sorted. */
function lintedFiles(results: readonly ESLint.LintResult[], root: string): string[] {
  return results
    .map((result) =>
      result.filePath
        .slice(root.length + 1)
        .split('\\')
        .join('/'),
    )
    .sort();
}

describe('wimboot-lint exit codes', () => {
  it('exits 0 and prints nothing on a clean tree', () => {
    const root = makeTree({ 'src/read.js': READS_WIN_INI, 'src/plain.ts': 'export const x: number = 1;\n' });
    const run = runWimbootLint([], root);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, '');
  });

  it('exits 1 and prints the finding in stylish format', () => {
    const root = makeTree({ 'src/write.js': WRITES_WIN_INI });
    const run = runWimbootLint(['src'], root);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /write\.js/u);
    assert.match(run.stdout, new RegExp(`1:\\d+\\s+error\\s+.*${RULE_ID.replace('/', '\\/')}`, 'u'));
  });

  it('prints help and the version with exit 0', () => {
    const help = runWimbootLint(['--help'], REPO_ROOT);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: wimboot-lint/u);
    const version = runWimbootLint(['--version'], REPO_ROOT);
    const { version: expected } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    assert.equal(version.stdout.trim(), expected);
  });
});

describe('wimboot-lint usage errors exit 2 with one line', () => {
  const root = makeTree({ 'a.js': WRITES_WIN_INI });
  for (const [args, pattern] of [
    [['--bogus'], /unknown option '--bogus'/iu],
    [['--format', 'xml'], /unknown format 'xml'/u],
    [['--format'], /--format/u],
    [['-f', 'json', ''], /empty path/u],
  ] as const) {
    it(`rejects ${JSON.stringify(args)}`, () => {
      const run = runWimbootLint(args, root);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assertOneLineError(run.stderr, pattern);
    });
  }

  it('names a path that does not exist, even next to good ones', () => {
    const run = runWimbootLint(['a.js', 'missing-dir'], root);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assertOneLineError(run.stderr, /no such file or directory: missing-dir$/u);
  });

  it('a named file that is not a regular file is an error, not silently skipped (issue 14 item 12)', () => {
    const fifo = join(root, 'named-fifo.js');
    execFileSync('mkfifo', [fifo]);
    symlinkSync('/dev/zero', join(root, 'zero.js'));
    for (const [name, kind] of [
      ['named-fifo.js', 'a FIFO'],
      ['zero.js', 'a character device'],
    ] as const) {
      const run = runWimbootLint(['a.js', name], root);
      assert.equal(run.status, 2, run.stderr);
      assert.equal(run.stdout, '');
      assertOneLineError(run.stderr, new RegExp(`${name.replace('.', '\\.')}: not a regular file \\(${kind}\\)$`, 'u'));
    }
  });

  it('adds a stack trace only with --debug', () => {
    const run = runWimbootLint(['--debug', 'missing-dir'], root);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no such file or directory: missing-dir/u);
    assert.match(run.stderr, /^\s+at /mu);
  });
});

describe('wimboot-lint --format json', () => {
  it("is ESLint's JSON shape, and each message's trailer parses back to the written path", () => {
    const root = makeTree({ 'write.js': WRITES_WIN_INI, 'read.js': READS_WIN_INI });
    const { status, results } = lintJson([], root);
    assert.equal(status, 1);
    assert.deepEqual(lintedFiles(results, root), ['read.js', 'write.js']);
    for (const result of results) {
      for (const key of [
        'filePath',
        'messages',
        'suppressedMessages',
        'errorCount',
        'fatalErrorCount',
        'warningCount',
        'fixableErrorCount',
        'fixableWarningCount',
        'usedDeprecatedRules',
      ]) {
        assert.ok(key in result, `LintResult has ${key}`);
      }
    }
    const read = results.find((result) => result.filePath.endsWith('read.js'))!;
    assert.deepEqual(read.messages, []);
    const write = results.find((result) => result.filePath.endsWith('write.js'))!;
    assert.equal(write.errorCount, 1);
    const [message] = write.messages;
    assert.equal(message!.ruleId, RULE_ID);
    assert.equal(message!.severity, 2);
    assert.equal(message!.line, 1);
    assert.equal(typeof message!.column, 'number');
    const patterns = parsePatternTrailer(message!.message);
    assert.ok(patterns !== null, `message carries a trailer: ${message!.message}`);
    assert.ok(
      patterns.some((pattern) => matchesPattern('C:\\Windows\\win.ini', pattern)),
      `a pattern matches C:\\Windows\\win.ini: ${patterns.join(', ')}`,
    );
  });

  it('prints an empty array when nothing is linted', () => {
    const root = makeTree({ 'notes.txt': 'not code\n' });
    const { status, results } = lintJson(['notes.txt'], root);
    assert.equal(status, 0);
    assert.deepEqual(results, []);
  });
});

describe('wimboot-lint --fix', () => {
  it("writes the rules' safe fixes and reports only what is left", () => {
    const source = [
      "import fs from 'node:fs';",
      "const fd = fs.openSync('C:\\\\Windows\\\\win.ini', 'r+');",
      'const header = Buffer.alloc(16);',
      'fs.readSync(fd, header, 0, 16, 0);',
      'fs.closeSync(fd);',
      WRITES_WIN_INI,
    ].join('\n');
    const root = makeTree({ 'read.js': source });
    const file = join(root, 'read.js');

    const plain = lintJson([], root);
    assert.equal(plain.status, 1);
    assert.equal(readFileSync(file, 'utf8'), source, 'no --fix, no change');
    assert.ok(
      plain.results[0]!.messages.some((message) => message.line === 2),
      'the r+ open is reported',
    );

    const fixed = lintJson(['--fix'], root);
    assert.equal(readFileSync(file, 'utf8'), source.replace("'r+'", "'r'"));
    // The write on the last line has no safe fix and is still reported.
    assert.equal(fixed.status, 1);
    assert.deepEqual(
      fixed.results[0]!.messages.map((message) => message.line),
      [6],
    );
  });
});

describe('wimboot-lint file handling', () => {
  it('reports a file that does not parse as a parse error (exit 1) and still lints the others', () => {
    const root = makeTree({ 'broken.js': 'const = ;\n', 'broken.ts': 'let x: = 1;\n', 'write.js': WRITES_WIN_INI });
    const { status, results, stderr } = lintJson([], root);
    assert.equal(status, 1, stderr);
    assert.equal(stderr, '');
    for (const name of ['broken.js', 'broken.ts']) {
      const broken = results.find((result) => result.filePath.endsWith(name))!;
      assert.equal(broken.fatalErrorCount, 1, name);
      assert.equal(broken.messages[0]!.ruleId, null);
      assert.match(broken.messages[0]!.message, /^Parsing error/u);
    }
    assert.equal(results.find((result) => result.filePath.endsWith('write.js'))!.messages[0]!.ruleId, RULE_ID);
  });

  it('lints every supported extension, with TypeScript and JSX syntax', () => {
    const files: Record<string, string> = {
      'a.js': WRITES_WIN_INI,
      'b.cjs': WRITES_WIN_INI,
      'c.mjs': `import fs from 'node:fs';\nfs.writeFileSync('C:\\\\Windows\\\\win.ini', '');\n`,
      'd.jsx': `const el = <div />;\n${WRITES_WIN_INI}`,
      'e.ts': `const n: number = 1;\n${WRITES_WIN_INI}`,
      'f.cts': `import fs = require('node:fs');\nfs.writeFileSync('C:\\\\Windows\\\\win.ini', '');\n`,
      'g.mts': `const n = 1 as number;\n${WRITES_WIN_INI}`,
      'h.tsx': `const el: JSX.Element = <div />;\n${WRITES_WIN_INI}`,
      'i.txt': WRITES_WIN_INI,
      'j.json': '{}',
    };
    const root = makeTree(files);
    const { status, results } = lintJson([], root);
    assert.equal(status, 1);
    assert.deepEqual(lintedFiles(results, root), [
      'a.js',
      'b.cjs',
      'c.mjs',
      'd.jsx',
      'e.ts',
      'f.cts',
      'g.mts',
      'h.tsx',
    ]);
    for (const result of results) {
      assert.deepEqual(
        result.messages.map((message) => [message.ruleId, message.line]),
        [[RULE_ID, 2 - Number(result.filePath.endsWith('a.js') || result.filePath.endsWith('b.cjs'))]],
        `${result.filePath}: ${JSON.stringify(result.messages)}`,
      );
    }
  });

  it("skips node_modules and .gitignore'd files with git precedence, but lints files named explicitly", () => {
    const root = makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/info/exclude': 'private.js\n',
      '.gitignore': 'generated/\n*.gen.js\n!keep.gen.js\n',
      'pkg/src/private.js': WRITES_WIN_INI,
      'pkg/.gitignore': 'local-*.js\n',
      'pkg/src/a.js': WRITES_WIN_INI,
      'pkg/src/local-a.js': WRITES_WIN_INI,
      'pkg/src/x.gen.js': WRITES_WIN_INI,
      'pkg/src/keep.gen.js': WRITES_WIN_INI,
      'pkg/generated/b.js': WRITES_WIN_INI,
      'pkg/node_modules/dep/index.js': WRITES_WIN_INI,
      'node_modules/dep/index.js': WRITES_WIN_INI,
    });
    // From the root, and from a sub-folder (the root .gitignore still applies).
    const fromRoot = lintJson([], root);
    assert.deepEqual(lintedFiles(fromRoot.results, root), ['pkg/src/a.js', 'pkg/src/keep.gen.js']);
    const fromPkg = lintJson(['pkg'], root);
    assert.deepEqual(lintedFiles(fromPkg.results, root), ['pkg/src/a.js', 'pkg/src/keep.gen.js']);
    const named = lintJson(['pkg/generated/b.js', 'pkg/src/local-a.js'], root);
    assert.deepEqual(lintedFiles(named.results, root), ['pkg/generated/b.js', 'pkg/src/local-a.js']);
    assert.equal(named.status, 1);
    // A named ignored folder is walked (its own ignores still apply inside it).
    const namedFolder = lintJson(['pkg/generated'], root);
    assert.deepEqual(lintedFiles(namedFolder.results, root), ['pkg/generated/b.js']);
  });

  it('lints symlinked files but does not follow symlinked folders', () => {
    const target = makeTree({ 'inside.js': WRITES_WIN_INI });
    const root = makeTree({ 'real.js': WRITES_WIN_INI });
    symlinkSync(join(target, 'inside.js'), join(root, 'link.js'));
    symlinkSync(target, join(root, 'linked-dir'), 'dir');
    symlinkSync(root, join(root, 'loop'), 'dir');
    const { status, results } = lintJson([], root);
    assert.equal(status, 1);
    assert.deepEqual(lintedFiles(results, root), ['link.js', 'real.js']);
  });

  it("ignores the project's own ESLint config", () => {
    const root = makeTree({
      // Loading this config would throw; it would also turn the rule off.
      'eslint.config.js': `throw new Error('wimboot-lint must not load this config');\nexport default [{ rules: { '${RULE_ID}': 'off' } }];\n`,
      'src/write.js': WRITES_WIN_INI,
    });
    const { status, results, stderr } = lintJson([], root);
    assert.equal(status, 1, stderr);
    const write = results.find((result) => result.filePath.endsWith('write.js'))!;
    assert.equal(write.messages[0]!.ruleId, RULE_ID);
  });

  it("counts only wimboot rules and parse errors, whatever the project's ESLint comments say", () => {
    const root = makeTree({
      'inline.js': `/* eslint no-console: "error", no-undef: "error" */\nconsole.log(undefinedThing);\n${READS_WIN_INI}`,
      'env.js': `/* eslint-env node */\n/* eslint no-console: [2, { bogus: 1 }] */\n${READS_WIN_INI}`,
      'disabled.js': `// eslint-disable-next-line ${RULE_ID}\n${WRITES_WIN_INI}`,
      'other-plugin.js': `// eslint-disable-next-line react/no-danger\n${READS_WIN_INI}`,
    });
    const { status, results, stderr } = lintJson([], root);
    assert.equal(status, 0, `${stderr}${JSON.stringify(results, null, 1)}`);
    const disabled = results.find((result) => result.filePath.endsWith('disabled.js'))!;
    assert.equal(disabled.suppressedMessages.length, 1);
  });

  it('lints files outside the working directory', () => {
    const elsewhere = makeTree({ 'write.js': WRITES_WIN_INI });
    const cwd = makeTree({ 'clean.js': READS_WIN_INI });
    mkdirSync(join(cwd, 'empty'));
    const { status, results } = lintJson([join(elsewhere, 'write.js'), 'empty'], cwd);
    assert.equal(status, 1);
    assert.equal(results.length, 1);
    assert.equal(results[0]!.messages[0]!.ruleId, RULE_ID);
  });
});
