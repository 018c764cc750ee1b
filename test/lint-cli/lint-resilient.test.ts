/**
 * A rule that crashes on one file loses only that file (issue 14 item 12):
 * the others are linted and reported, and the crash names the file and rule.
 * The crash comes from a real ESLint run with a rule that throws on one file.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ESLint, type Rule } from 'eslint';
import { lintEachOnCrash } from '../../lint-cli/lint-resilient.js';
import { describeCrash } from '../../lint-cli/run.js';
import plugin from '../../plugin/index.js';
import { makeTree, removeTrees, WRITES_WIN_INI } from '../setup/temp-tree.js';

after(removeTrees);

const crashOnBad: Rule.RuleModule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    return {
      CallExpression(node) {
        if (context.filename.endsWith('bad.js')) {
          throw new Error(`boom at ${node.loc?.start.line}\nsecond line`);
        }
      },
    };
  },
};

function eslintWith(rules: Record<string, Rule.RuleModule>, cwd: string): ESLint {
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      plugin.configs.recommended,
      {
        plugins: { test: { rules } },
        rules: Object.fromEntries(Object.keys(rules).map((id) => [`test/${id}`, 'error'])),
      },
    ],
  });
}

describe('linting with a crashing rule', () => {
  const root = makeTree({ 'a.js': WRITES_WIN_INI, 'bad.js': `x();\n${WRITES_WIN_INI}`, 'c.js': WRITES_WIN_INI });
  const files = ['a.js', 'bad.js', 'c.js'].map((name) => join(root, name));

  it('ESLint alone loses every file to one crash (the reason for this module)', async () => {
    await assert.rejects(eslintWith({ crash: crashOnBad }, root).lintFiles(files), /boom at 1/u);
  });

  it('keeps the results of the files that linted and names the file and rule that crashed', async () => {
    const { results, crashes } = await lintEachOnCrash(eslintWith({ crash: crashOnBad }, root), files);
    assert.deepEqual(
      results.map((result) => [result.filePath, result.messages.map((message) => message.ruleId)]),
      [
        [files[0], ['wimboot/no-system-file-write']],
        [files[2], ['wimboot/no-system-file-write']],
      ],
    );
    assert.deepEqual(crashes, [{ file: files[1], ruleId: 'test/crash', line: 1, message: 'boom at 1' }]);
    // What wimboot-lint prints for it on stderr (then exits 2).
    assert.equal(
      describeCrash(crashes[0]!),
      `${files[1]}:1: rule test/crash crashed (boom at 1); this file is not in the report, the others are`,
    );
  });

  it('lints once when nothing crashes', async () => {
    const { results, crashes } = await lintEachOnCrash(eslintWith({}, root), [files[0]!, files[2]!]);
    assert.equal(results.length, 2);
    assert.deepEqual(crashes, []);
  });

  it('an error of every file alike (not one file) is thrown as it is', async () => {
    const failing = { lintFiles: () => Promise.reject(new Error('Could not find plugin')) } as unknown as ESLint;
    await assert.rejects(lintEachOnCrash(failing, files), /Could not find plugin/u);
  });
});
