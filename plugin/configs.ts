import type { ESLint, Linter } from 'eslint';

/** Flat configs; each registers the plugin under its namespace. */
export function buildConfigs(
  plugin: ESLint.Plugin,
): Record<'recommended' | 'strict' | 'recommended-type-checked', Linter.Config> {
  const plugins = { wimboot: plugin };
  return {
    recommended: {
      name: 'wimboot/recommended',
      plugins,
      rules: {
        'wimboot/no-system-file-write': 'error',
        'wimboot/no-win32-write-access': 'error',
        'wimboot/prefer-read-only-open': 'warn',
      },
    },
    strict: {
      name: 'wimboot/strict',
      plugins,
      settings: { wimboot: { preset: 'strict' } },
      rules: {
        'wimboot/no-system-file-write': ['error', { checkAttributeChanges: true, reportUnresolved: false }],
        'wimboot/no-win32-write-access': ['error', { checkMetadataAccess: true, reportUnresolved: false }],
        'wimboot/prefer-read-only-open': ['error', { paths: 'all' }],
      },
    },
    // The same rules, resolving values through TypeScript's checker; needs
    // parserOptions.projectService (or project): see docs/typed-linting.md.
    'recommended-type-checked': {
      name: 'wimboot/recommended-type-checked',
      plugins,
      settings: { wimboot: { typeInformation: 'required' } },
      rules: {
        'wimboot/no-system-file-write': 'error',
        'wimboot/no-win32-write-access': 'error',
        'wimboot/prefer-read-only-open': 'warn',
      },
    },
  };
}
