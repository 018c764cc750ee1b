// The project lints itself: typescript-eslint on every TS source, its own
// plugin (dogfooding, from the build: run `npm run build` first, as `npm test`
// does) and eslint-plugin-eslint-plugin on the rules and their tests.
import { defineConfig, globalIgnores } from 'eslint/config';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';
import wimboot from './dist/rules/index.js';

const TS_SOURCES = ['**/*.ts', '**/*.cts', '**/*.mts'];

export default defineConfig([
  globalIgnores(['dist/', 'examples/', 'test/fixtures/', 'coverage/'], 'wimboot/self/ignores'),
  {
    name: 'wimboot/self/typescript',
    files: TS_SOURCES,
    extends: [tseslint.configs.recommended],
  },
  {
    name: 'wimboot/self/dogfood',
    files: TS_SOURCES,
    extends: [wimboot.configs.recommended],
  },
  {
    name: 'wimboot/self/rules',
    files: ['rules/**/*.ts', 'test/rules/**/*.ts'],
    extends: [eslintPlugin.configs.recommended],
    // The rule tests build their testers with test/setup's factories.
    settings: { 'eslint-plugin': { ruleTesterConstructors: ['RuleTester', /^create\w*RuleTester$/u] } },
    rules: {
      // Capitalised, as ESLint's own rules word it ("Disallow ...").
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Enforce|Require|Disallow) ' }],
      'eslint-plugin/require-meta-schema-description': 'error',
      'eslint-plugin/require-test-error-positions': 'error',
    },
  },
]);
