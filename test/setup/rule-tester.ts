import { after, describe, it } from 'node:test';
import { RuleTester } from 'eslint';
import tsParser from '@typescript-eslint/parser';

// ESLint's RuleTester hooks into mocha-style globals; hand it node:test's.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
void after;

/** A RuleTester for JavaScript (espree, latest syntax, ES modules). */
export function createJsRuleTester(settings?: Record<string, unknown>): RuleTester {
  return new RuleTester({
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    ...(settings === undefined ? {} : { settings }),
  });
}

/** A RuleTester for TypeScript syntax, without type information. */
export function createTsRuleTester(settings?: Record<string, unknown>): RuleTester {
  return new RuleTester({
    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
    ...(settings === undefined ? {} : { settings }),
  });
}
