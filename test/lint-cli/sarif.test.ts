import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import sarifFromExport from 'eslint-plugin-wimboot/sarif';
import plugin from '../../plugin/index.js';
import { matchesPattern } from '../../formats/finding-pattern.js';
import { sarifValidator } from '../setup/sarif-schema.js';
import { makeTree, READS_WIN_INI, removeTrees, REPO_ROOT, runWimbootLint, WRITES_WIN_INI } from '../setup/temp-tree.js';

after(removeTrees);

const validate = sarifValidator();

function assertValidSarif(log: unknown): void {
  const valid = validate(log);
  assert.ok(valid, `SARIF schema errors: ${JSON.stringify(validate.errors, null, 2)}`);
}

interface SarifLog {
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri?: string; shortDescription?: { text: string } }[] } };
    artifacts: { location: { uri: string; uriBaseId?: string } }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; index: number };
          region?: { startLine: number; startColumn?: number };
        };
      }[];
      suppressions?: { kind: string }[];
      properties?: { wimbootPaths?: string[] };
    }[];
    invocations: { toolExecutionNotifications: { message: { text: string }; locations: unknown[] }[] }[];
  }[];
}

const RULE_ID = 'wimboot/no-system-file-write';
const docsUrl = (plugin.rules['no-system-file-write']!.meta!.docs as { url: string }).url;

describe('SARIF output', () => {
  it('the schema itself rejects a broken log (the validator is live)', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: {} }] }), false);
    assert.equal(validate({ version: '2.0.0', runs: [] }), false);
  });

  it('wimboot-lint --format sarif is valid SARIF 2.1.0 with rule metadata, help URLs and wimbootPaths', () => {
    const root = makeTree({
      'src/write.js': `// a comment\n${WRITES_WIN_INI}`,
      'src/read.js': READS_WIN_INI,
      'src/disabled.js': `// eslint-disable-next-line ${RULE_ID} -- the installer owns this file\n${WRITES_WIN_INI}`,
      'src/broken.js': 'const = ;\n',
      'src/dir with space/w.ts': WRITES_WIN_INI,
    });
    const run = runWimbootLint(['--format', 'sarif'], root);
    assert.equal(run.status, 1, run.stderr);
    const log = JSON.parse(run.stdout) as SarifLog;
    assertValidSarif(log);

    const [sarifRun] = log.runs;
    assert.equal(sarifRun!.tool.driver.name, 'wimboot-lint');
    const rule = sarifRun!.tool.driver.rules.find((candidate) => candidate.id === RULE_ID);
    assert.ok(rule !== undefined);
    assert.equal(rule.helpUri, docsUrl);
    assert.match(rule.shortDescription!.text, /\S/u);

    const byUri = (uri: string) =>
      sarifRun!.results.filter((result) => result.locations[0]!.physicalLocation.artifactLocation.uri === uri);
    const [write] = byUri('src/write.js');
    assert.ok(write !== undefined, JSON.stringify(sarifRun!.results, null, 1));
    assert.equal(write.ruleId, RULE_ID);
    assert.equal(sarifRun!.tool.driver.rules[write.ruleIndex]!.id, RULE_ID);
    assert.equal(write.level, 'error');
    assert.equal(write.locations[0]!.physicalLocation.region!.startLine, 2);
    assert.equal(write.suppressions, undefined);
    const paths = write.properties?.wimbootPaths;
    assert.ok(Array.isArray(paths) && paths.length > 0);
    assert.ok(
      paths.some((pattern) => matchesPattern('C:\\Windows\\win.ini', pattern)),
      paths.join(', '),
    );
    const artifactIndex = write.locations[0]!.physicalLocation.artifactLocation.index;
    assert.equal(sarifRun!.artifacts[artifactIndex]!.location.uri, 'src/write.js');

    // URIs are percent-encoded relative references.
    assert.equal(byUri('src/dir%20with%20space/w.ts').length, 1);
    // Suppressed findings stay visible as suppressed results.
    const [disabled] = byUri('src/disabled.js');
    assert.deepEqual(disabled!.suppressions, [{ kind: 'inSource', justification: 'the installer owns this file' }]);
    // Clean files produce nothing; parse errors are notifications, not results.
    assert.deepEqual(byUri('src/read.js'), []);
    assert.deepEqual(byUri('src/broken.js'), []);
    const notifications = sarifRun!.invocations[0]!.toolExecutionNotifications;
    assert.equal(notifications.length, 1);
    assert.match(notifications[0]!.message.text, /^Parsing error/u);
  });

  it('is valid for a clean run too', () => {
    const root = makeTree({ 'read.js': READS_WIN_INI });
    const run = runWimbootLint(['-f', 'sarif'], root);
    assert.equal(run.status, 0, run.stderr);
    const log = JSON.parse(run.stdout) as SarifLog;
    assertValidSarif(log);
    assert.deepEqual(log.runs[0]!.results, []);
  });

  it("works as an ESLint formatter: the package's ./sarif export and `eslint -f <path>`", async () => {
    const root = makeTree({
      'eslint.config.js':
        "import wimboot from 'eslint-plugin-wimboot';\nexport default [wimboot.configs.recommended];\n",
      'a.js': WRITES_WIN_INI,
    });
    // As installed: node_modules/eslint-plugin-wimboot is this package.
    mkdirSync(join(root, 'node_modules'));
    symlinkSync(REPO_ROOT, join(root, 'node_modules', 'eslint-plugin-wimboot'), 'dir');

    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
    const results = await eslint.lintFiles(['a.js']);
    const fromApi = JSON.parse(
      await sarifFromExport(results, {
        cwd: root,
        rulesMeta: eslint.getRulesMetaForResults(results),
        maxWarningsExceeded: undefined,
      } as ESLint.LintResultData),
    ) as SarifLog;
    assertValidSarif(fromApi);
    assert.equal(fromApi.runs[0]!.tool.driver.name, 'ESLint');
    assert.equal(fromApi.runs[0]!.results[0]!.ruleId, RULE_ID);

    const eslintBin = join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
    const cli = spawnSync(
      process.execPath,
      [eslintBin, '-f', './node_modules/eslint-plugin-wimboot/dist/lint-cli/sarif.js', 'a.js'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    assert.equal(cli.status, 1, cli.stderr);
    const fromCli = JSON.parse(cli.stdout) as SarifLog;
    assertValidSarif(fromCli);
    assert.deepEqual(
      fromCli.runs[0]!.results.map((result) => [result.ruleId, result.properties?.wimbootPaths]),
      fromApi.runs[0]!.results.map((result) => [result.ruleId, result.properties?.wimbootPaths]),
    );
  });
});

interface TrackedResult {
  ruleId: string;
  partialFingerprints: Record<string, string>;
  locations: { physicalLocation: { region?: { startLine: number } } }[];
}

interface DescribedRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; precision: string; 'problem.severity': string };
}

function sarifOf(
  files: Record<string, string>,
  args: readonly string[] = [],
): { log: SarifLog; results: TrackedResult[] } {
  const run = runWimbootLint(['-f', 'sarif', ...args], makeTree(files));
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const log = JSON.parse(run.stdout) as SarifLog;
  assertValidSarif(log);
  return { log, results: log.runs[0]!.results as unknown as TrackedResult[] };
}

const fingerprint = (result: TrackedResult): string => {
  const entries = Object.entries(result.partialFingerprints);
  assert.equal(entries.length, 1);
  assert.match(entries[0]![0], /\/v\d+$/u, 'a versioned key (SARIF §3.27.17)');
  return entries[0]![1];
};

describe('SARIF for GitHub code scanning', () => {
  const WRITE = "fs.writeFileSync('C:\\\\Windows\\\\win.ini', '[fonts]');";

  it('fingerprints a finding by rule, file and source, not by line: moved or re-indented code keeps it', () => {
    const before = sarifOf({ 'src/a.js': `const fs = require('node:fs');\n${WRITE}\n` }).results;
    const moved = sarifOf({
      'src/a.js': `const fs = require('node:fs');\n// a comment\n\nfunction later() {}\nif (later) {\n      ${WRITE.replace(', ', ',\n        ')}\n}\n`,
    }).results;
    assert.equal(before.length, 1);
    assert.equal(moved.length, 1);
    assert.notEqual(
      before[0]!.locations[0]!.physicalLocation.region!.startLine,
      moved[0]!.locations[0]!.physicalLocation.region!.startLine,
    );
    assert.equal(fingerprint(moved[0]!), fingerprint(before[0]!));
  });

  it('gives another fingerprint when the reported code, the file or the rule differs', () => {
    const base = fingerprint(sarifOf({ 'src/a.js': `const fs = require('node:fs');\n${WRITE}\n` }).results[0]!);
    const otherFile = sarifOf({ 'src/b.js': `const fs = require('node:fs');\n${WRITE}\n` }).results[0]!;
    const otherCode = sarifOf({
      'src/a.js': `const fs = require('node:fs');\n${WRITE.replace('win.ini', 'system.ini')}\n`,
    }).results[0]!;
    assert.notEqual(fingerprint(otherFile), base);
    assert.notEqual(fingerprint(otherCode), base);
    // One open reported by two rules: two alerts.
    const open = sarifOf({
      'src/a.js': [
        "const fs = require('node:fs');",
        "const fd = fs.openSync('C:\\\\Windows\\\\win.ini', 'r+');",
        'fs.readSync(fd, Buffer.alloc(1), 0, 1, 0);',
        'fs.closeSync(fd);',
        '',
      ].join('\n'),
    }).results;
    assert.deepEqual(open.map((result) => result.ruleId).sort(), [
      'wimboot/no-system-file-write',
      'wimboot/prefer-read-only-open',
    ]);
    assert.notEqual(fingerprint(open[0]!), fingerprint(open[1]!));
  });

  it('tells identical findings in one file apart, in source order', () => {
    const twice = sarifOf({ 'a.js': `const fs = require('node:fs');\n${WRITE}\n${WRITE}\n` }).results;
    const thrice = sarifOf({ 'a.js': `const fs = require('node:fs');\n${WRITE}\n${WRITE}\n\n${WRITE}\n` }).results;
    assert.equal(new Set(twice.map(fingerprint)).size, 2);
    assert.deepEqual(thrice.map(fingerprint).slice(0, 2), twice.map(fingerprint));
  });

  it('describes each rule: full description, configured level, tags, precision, problem.severity', () => {
    const { log } = sarifOf({
      'a.js': [
        "const fs = require('node:fs');",
        WRITE,
        "const fd = fs.openSync('data.bin', 'r+');",
        'fs.readSync(fd, Buffer.alloc(1), 0, 1, 0);',
        '',
      ].join('\n'),
    });
    const rules = Object.fromEntries(
      (log.runs[0]!.tool.driver.rules as unknown as DescribedRule[]).map((rule) => [rule.id, rule]),
    );
    const write = rules['wimboot/no-system-file-write']!;
    assert.ok(write.fullDescription.text.length > write.shortDescription.text.length * 2);
    assert.match(write.fullDescription.text, /with write access/u);
    assert.doesNotMatch(write.fullDescription.text, /[*`]|\]\(/u, 'plain text, not markdown');
    assert.deepEqual(write.defaultConfiguration, { level: 'error' });
    assert.equal(write.properties['problem.severity'], 'error');
    assert.equal(write.properties.precision, 'high');
    assert.deepEqual(write.properties.tags, ['problem', 'wimboot', 'windows', 'disk-space']);
    const readOnly = rules['wimboot/prefer-read-only-open']!;
    assert.deepEqual(readOnly.defaultConfiguration, { level: 'warning' });
    assert.equal(readOnly.properties['problem.severity'], 'warning');
    assert.equal(readOnly.properties.precision, 'very-high');
    assert.ok(readOnly.properties.tags.includes('suggestion'));
  });

  it('takes the level the rule ran with: --preset strict makes prefer-read-only-open an error', () => {
    const { log } = sarifOf(
      {
        'a.js':
          "const fs = require('node:fs');\nconst fd = fs.openSync('data.bin', 'r+');\nfs.readSync(fd, Buffer.alloc(1), 0, 1, 0);\n",
      },
      ['--preset', 'strict'],
    );
    const [rule] = log.runs[0]!.tool.driver.rules as unknown as DescribedRule[];
    assert.equal(rule!.id, 'wimboot/prefer-read-only-open');
    assert.deepEqual(rule!.defaultConfiguration, { level: 'error' });
    assert.equal(rule!.properties['problem.severity'], 'error');
  });
});
