import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../plugin/all-rules.js';
import { REPO_ROOT } from '../setup/temp-tree.js';

/**
 * The README rules list and the rule doc headers are eslint-doc-generator's
 * output for the current build (`npm run docs:update` writes them). `--check`
 * fails on any drift; the content checks below make sure the check is looking
 * at the files we mean, so that a misconfigured generator cannot pass silently.
 */

const generatorPackage = join(REPO_ROOT, 'node_modules', 'eslint-doc-generator');
const { bin } = JSON.parse(readFileSync(join(generatorPackage, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
};
const GENERATOR = join(generatorPackage, bin['eslint-doc-generator']!);
const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

describe('generated docs', () => {
  it('are up to date (eslint-doc-generator --check)', () => {
    const check = spawnSync(process.execPath, [GENERATOR, '--check'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(
      check.status,
      0,
      `docs drifted from the rules: run \`npm run docs:update\`\n${check.stderr}${check.stdout}`,
    );
  });

  it('list every rule in the README, between the markers', () => {
    const list =
      /<!-- begin auto-generated rules list -->(.*)<!-- end auto-generated rules list -->/su.exec(readme)?.[1] ?? '';
    const listed = [...list.matchAll(/^\| \[([\w-]+)\]\(docs\/rules\/\1\.md\)/gmu)].map((match) => match[1]);
    assert.deepEqual(listed.sort(), Object.keys(allRules).sort());
  });

  it('title each rule doc with its description and prefixed name, above the header marker', () => {
    for (const [name, rule] of Object.entries(allRules)) {
      const doc = readFileSync(join(REPO_ROOT, 'docs', 'rules', `${name}.md`), 'utf8');
      const header = doc.split('<!-- end auto-generated rule header -->')[0] ?? '';
      assert.ok(header.length < doc.length, `${name}.md has no header marker`);
      assert.equal(
        header.split('\n')[0],
        `# ${rule.meta.docs?.description ?? '(no description)'} (\`wimboot/${name}\`)`,
      );
      assert.match(header, /^💼/mu, `${name}.md names the configs that enable it`);
    }
  });
});
