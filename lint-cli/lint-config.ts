import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Linter } from 'eslint';
import plugin from '../plugin/index.js';
import { UsageError } from '../formats/cli-contract.js';
import type { Preset } from './args.js';
import { loadTypeScriptParser } from './peer.js';

const JS_FILES = ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.jsx'];
const TS_FILES = ['**/*.ts', '**/*.cts', '**/*.mts', '**/*.tsx'];

export interface BuiltInConfigOptions {
  /** Load the TypeScript parser (slow to import): only when TypeScript files are linted. */
  withTypeScript: boolean;
  preset: Preset;
  /** The folder of the tsconfig.json whose project gives TypeScript files type information. */
  tsconfigRootDir?: string;
}

/** The folder of the nearest tsconfig.json at or above `dir`. */
export function findTsconfigRoot(dir: string): string {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, 'tsconfig.json'))) {
      return current;
    }
    if (dirname(current) === current) {
      throw new UsageError(`--typed needs a tsconfig.json in ${dir} or a folder above it`);
    }
  }
}

/**
 * The flat config wimboot-lint runs without --config: the plugin's
 * `recommended` (or `strict`) config over every linted extension, and nothing
 * from the project's own config.
 */
export async function buildLintConfig(options: BuiltInConfigOptions): Promise<Linter.Config[]> {
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
  if (options.withTypeScript) {
    const { default: tsParser } = await loadTypeScriptParser();
    const typed =
      options.tsconfigRootDir === undefined
        ? {}
        : { parserOptions: { projectService: true, tsconfigRootDir: options.tsconfigRootDir } };
    configs.push(
      {
        name: 'wimboot-lint/typescript',
        files: TS_FILES,
        languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module', ...typed },
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
  configs.push({ ...plugin.configs[options.preset], files: [...JS_FILES, ...TS_FILES] });
  return configs;
}
