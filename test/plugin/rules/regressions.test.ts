import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Linter } from 'eslint';
import type { Rule } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import plugin from '../../../plugin/index.js';

/**
 * Minimal reproductions of the rule exceptions the torture run
 * (test/robustness/torture.ts, `npm run torture`) found in node_modules. Each
 * runs through every rule of the plugin (the analysis is shared, so a crash
 * in it hits all of them), with default options and with every boolean
 * option on, untyped JavaScript and TypeScript syntax.
 */

interface Reproduction {
  readonly name: string;
  /** Where the torture run met it. */
  readonly seenIn: string;
  readonly code: string;
  readonly sourceType: 'module' | 'commonjs';
}

const REPRODUCTIONS: readonly Reproduction[] = [
  {
    // `this` outside any function or class: walking up from it reached Program, whose parent is null (not undefined).
    name: 'top-level `this` member (TypeScript’s CommonJS helpers)',
    seenIn: 'typescript-eslint/dist/index.js:3 and 917 other files (TypeError: Cannot read properties of null)',
    code: [
      'var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) { o[k2] = m[k]; }) : (function(o, m, k, k2) { o[k2] = m[k]; }));',
      "var fs = require('fs');",
      '__createBinding(exports, fs, "writeFileSync");',
      "fs.writeFileSync(this.target, '');",
      "fs.openSync(this && this.file, 'r+');",
    ].join('\n'),
    sourceType: 'commonjs',
  },
];

function optionVariants(rule: Rule.RuleModule): unknown[][] {
  const schema = rule.meta?.schema;
  const first = Array.isArray(schema)
    ? (schema[0] as { properties?: Record<string, { type?: unknown }> } | undefined)
    : undefined;
  const booleans = Object.entries(first?.properties ?? {})
    .filter(([, property]) => property.type === 'boolean')
    .map(([key]) => [key, true]);
  return booleans.length > 0 ? [[], [Object.fromEntries(booleans)]] : [[]];
}

describe('rule exceptions found by the torture run', () => {
  const linter = new Linter();
  for (const reproduction of REPRODUCTIONS) {
    for (const [id, rule] of Object.entries(plugin.rules as Record<string, Rule.RuleModule>)) {
      for (const options of optionVariants(rule)) {
        for (const language of ['javascript', 'typescript'] as const) {
          it(`${reproduction.name}: wimboot/${id} ${JSON.stringify(options)} (${language}); seen in ${reproduction.seenIn}`, () => {
            const config: Linter.Config = {
              files: ['**/*.js', '**/*.ts'],
              plugins: { [plugin.meta.namespace]: plugin },
              languageOptions: {
                ecmaVersion: 'latest',
                sourceType: reproduction.sourceType,
                ...(language === 'typescript' ? { parser: tsParser } : {}),
              },
              rules: { [`${plugin.meta.namespace}/${id}`]: ['error', ...options] },
            };
            // Linter.verify rethrows a rule's exception (naming the rule); a crash fails the test.
            const messages = linter.verify(reproduction.code, [config], {
              filename: language === 'typescript' ? 'repro.ts' : 'repro.js',
            });
            assert.deepEqual(
              messages.filter((message) => message.fatal === true),
              [],
              'the reproduction parses',
            );
          });
        }
      }
    }
  }
});
