import type { ESLint, Linter, Rule } from 'eslint';
import { readFileSync } from 'node:fs';
import { allRules } from './all-rules.js';
import { buildConfigs } from './configs.js';

const packageJson = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { name: string; version: string };

/** The plugin object: meta, rules and the flat configs that refer back to it. */
const plugin = {
  meta: { name: packageJson.name, version: packageJson.version, namespace: 'wimboot' },
  rules: allRules as unknown as Record<string, Rule.RuleModule>,
  configs: {} as Record<'recommended' | 'strict' | 'recommended-type-checked', Linter.Config>,
} satisfies ESLint.Plugin;

// Configs reference the plugin object itself, so they are attached after it exists.
Object.assign(plugin.configs, buildConfigs(plugin));

export default plugin;
