import type { ESLint, Linter, Rule } from 'eslint';
import { allRules } from './all-rules.js';
import { buildConfigs } from './configs.js';
import { packageInfo } from '../formats/package-info.js';

const packageJson = packageInfo();

/** The plugin object: meta, rules and the flat configs that refer back to it. */
const plugin = {
  meta: { name: packageJson.name, version: packageJson.version, namespace: 'wimboot' },
  rules: allRules as unknown as Record<string, Rule.RuleModule>,
  configs: {} as Record<'recommended' | 'strict' | 'recommended-type-checked', Linter.Config>,
} satisfies ESLint.Plugin;

// Configs reference the plugin object itself, so they are attached after it exists.
Object.assign(plugin.configs, buildConfigs(plugin));

export default plugin;

// Also as named exports: `require('eslint-plugin-wimboot')` (an eslint.config.cjs)
// returns the module namespace, where only these work without `.default`.
// Typed explicitly: inferred, the declarations would name ESLint's internal @eslint/core.
export const meta: typeof plugin.meta = plugin.meta;
export const rules: typeof plugin.rules = plugin.rules;
export const configs: typeof plugin.configs = plugin.configs;
