import type { Linter } from 'eslint';
import plugin from '../plugin/index.js';

const JS_FILES = ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.jsx'];
const TS_FILES = ['**/*.ts', '**/*.cts', '**/*.mts', '**/*.tsx'];

/**
 * The flat config wimboot-lint runs: the plugin's `recommended` config over
 * every linted extension, and nothing from the project's own config.
 * `withTypeScript` loads the TypeScript parser (slow to import) only when
 * TypeScript files are linted.
 */
export async function buildLintConfig(withTypeScript: boolean): Promise<Linter.Config[]> {
  const configs: Linter.Config[] = [
    {
      name: 'wimboot-lint/options',
      // The project's disable comments name rules that are not loaded here.
      linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
    },
    {
      name: 'wimboot-lint/javascript',
      files: JS_FILES,
      // JSX in .js files is common (React); enabling it costs nothing in plain JS.
      languageOptions: { ecmaVersion: 'latest', parserOptions: { ecmaFeatures: { jsx: true } } },
    },
  ];
  if (withTypeScript) {
    const { default: tsParser } = await import('@typescript-eslint/parser');
    configs.push(
      {
        name: 'wimboot-lint/typescript',
        files: TS_FILES,
        languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
      },
      { name: 'wimboot-lint/commonjs-typescript', files: ['**/*.cts'], languageOptions: { sourceType: 'commonjs' } },
      // Only .tsx: in .ts, `<T>value` is a type assertion, not JSX.
      {
        name: 'wimboot-lint/tsx',
        files: ['**/*.tsx'],
        languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
      },
    );
  }
  configs.push({ ...plugin.configs.recommended, files: [...JS_FILES, ...TS_FILES] });
  return configs;
}
