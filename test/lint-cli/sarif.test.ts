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
