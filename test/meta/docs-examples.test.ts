import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../../plugin/index.js';

/**
 * Lints every ❌/✅ example in the rule docs: a ❌ block must be reported by
 * its rule, a ✅ block must not. A fence may carry JSON after the language
 * (```js {"settings": {...}}) for settings; options go in an inline
 * `/* eslint wimboot/rule: [...] *\/` comment, as users would write them.
 */
const root = new URL('../../../', import.meta.url);
const docsDir = new URL('docs/rules/', root);

interface Example {
  readonly language: string;
  readonly meta: { settings?: Record<string, unknown> };
  readonly code: string;
  readonly expectReport: boolean;
  readonly line: number;
}

function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  const fence = /^```(js|jsx|ts|tsx|mjs|cjs)(?: (\{.*\}))?\n([\s\S]*?)^```$/gmu;
  for (const match of markdown.matchAll(fence)) {
    const code = match[3] ?? '';
    const first = code.split('\n', 1)[0] ?? '';
    const marker = /\/\/ (❌|✅)/u.exec(first);
    if (marker === null) continue;
    examples.push({
      language: match[1] ?? 'js',
      meta: match[2] === undefined ? {} : (JSON.parse(match[2]) as Example['meta']),
      code,
      expectReport: marker[1] === '❌',
      line: markdown.slice(0, match.index).split('\n').length,
    });
  }
  return examples;
}

for (const file of readdirSync(docsDir).filter((name) => name.endsWith('.md'))) {
  const ruleName = file.replace(/\.md$/u, '');
  if (!(ruleName in plugin.rules)) continue;
  const examples = examplesOf(readFileSync(new URL(file, docsDir), 'utf8'));
  describe(`docs/rules/${file}`, () => {
    it('has both ❌ and ✅ examples', () => {
      assert.ok(examples.some((example) => example.expectReport));
      assert.ok(examples.some((example) => !example.expectReport));
    });
    for (const example of examples) {
      it(`${example.expectReport ? '❌' : '✅'} example at line ${example.line} ${example.expectReport ? 'is reported' : 'is not reported'}`, () => {
        const typescript = example.language.startsWith('ts');
        const messages = new Linter().verify(
          example.code,
          [
            {
              files: ['**/*'],
              plugins: { wimboot: plugin },
              languageOptions: {
                sourceType: 'module',
                ecmaVersion: 'latest',
                ...(typescript ? { parser: tsParser } : {}),
                parserOptions: { ecmaFeatures: { jsx: example.language.endsWith('x') } },
              },
              rules: { [`wimboot/${ruleName}`]: 'error' },
              ...(example.meta.settings === undefined ? {} : { settings: example.meta.settings }),
            },
          ],
          `example.${example.language.startsWith('ts') ? 'ts' : 'js'}${example.language.endsWith('x') ? 'x' : ''}`,
        );
        const fatal = messages.filter((message) => message.fatal === true);
        assert.deepEqual(fatal, [], 'the example parses');
        const reported = messages.filter((message) => message.ruleId === `wimboot/${ruleName}`);
        if (example.expectReport) {
          assert.ok(reported.length > 0, `expected wimboot/${ruleName} to report:\n${example.code}`);
        } else {
          assert.deepEqual(
            reported.map((message) => message.message),
            [],
            `expected no report:\n${example.code}`,
          );
        }
      });
    }
  });
}
