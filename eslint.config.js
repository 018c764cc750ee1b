// The project lints itself: typescript-eslint on every TS source, its own
// plugin (dogfooding, from the build: run `npm run build` first, as `npm test`
// does) and eslint-plugin-eslint-plugin on the rules and their tests.
import { defineConfig, globalIgnores } from 'eslint/config';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';
import wimboot from './dist/plugin/index.js';

const TS_SOURCES = ['**/*.ts', '**/*.cts', '**/*.mts'];

/**
 * A config that forbids `files` to import any top-level folder in `folders`,
 * by any relative path (`../x/`, `../../x/`) or through `dist/`.
 */
function restrictImports(name, files, folders, message) {
  const regex = `^(?:\\.\\./)+(?:dist/)?(?:${folders.join('|')})(?:/|$)`;
  return { name, files, rules: { 'no-restricted-imports': ['error', { patterns: [{ regex, message }] }] } };
}

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
  // The architecture's import direction (docs/design.md): the plugin and the
  // device check share only formats/, which imports neither.
  restrictImports(
    'wimboot/self/formats-imports-neither-half',
    ['formats/**/*.ts'],
    ['plugin', 'analysis', 'lint-cli', 'runtime-check'],
    'formats/ is shared by the plugin and the device check and imports neither',
  ),
  restrictImports(
    'wimboot/self/plugin-never-imports-runtime-check',
    ['plugin/**/*.ts', 'analysis/**/*.ts'],
    ['runtime-check', 'lint-cli'],
    'the plugin (plugin/, analysis/) never imports the device check or the lint CLI',
  ),
  restrictImports(
    'wimboot/self/runtime-check-never-imports-plugin',
    ['runtime-check/**/*.ts'],
    ['plugin', 'analysis', 'lint-cli'],
    'the device check (runtime-check/) never imports the plugin: share code through formats/',
  ),
  restrictImports(
    'wimboot/self/lint-cli-never-imports-runtime-check',
    ['lint-cli/**/*.ts'],
    ['runtime-check'],
    'the lint CLI never imports the device check: share code through formats/',
  ),
  {
    name: 'wimboot/self/rules',
    files: ['plugin/**/*.ts', 'test/plugin/**/*.ts'],
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
