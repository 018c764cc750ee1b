import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globSync } from 'glob';
import { ESLint } from 'eslint';
import type { Linter, Rule } from 'eslint';
import plugin from '../../plugin/index.js';

/**
 * Runs every rule of the plugin, with every option at its widest and the strict
 * settings, over every .js file of large real-world packages, and fails on any
 * rule exception. Findings and parse errors are counted, not judged.
 */

const NODE_MODULES = fileURLToPath(new URL('../../../node_modules/', import.meta.url));
const PACKAGES = [
  'eslint',
  '@typescript-eslint/eslint-plugin',
  '@typescript-eslint/scope-manager',
  '@typescript-eslint/typescript-estree',
  '@typescript-eslint/utils',
  '@typescript-eslint/type-utils',
  'ajv',
  'glob',
  'minimatch',
];
/** Below this a package cannot be called large; guards against an empty glob passing. */
const MIN_FILES_PER_PACKAGE = 10;

/**
 * The widest value of each non-boolean option; booleans are simply turned on.
 * A new non-boolean option fails the test until it is listed here.
 */
const WIDEST_OPTIONS: Record<string, Record<string, unknown>> = {
  'prefer-read-only-open': { paths: 'all' },
};

/** Each rule at 'error' with every option of its first options object at its widest. */
function allRulesAllOptions(): Linter.RulesRecord {
  const rules: Linter.RulesRecord = {};
  for (const [name, rule] of Object.entries(plugin.rules as Record<string, Rule.RuleModule>)) {
    const schema = rule.meta?.schema;
    const first = Array.isArray(schema)
      ? (schema[0] as { properties?: Record<string, { type?: unknown }> } | undefined)
      : undefined;
    const options: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(first?.properties ?? {})) {
      const widest = property.type === 'boolean' ? true : WIDEST_OPTIONS[name]?.[key];
      assert.ok(widest !== undefined, `list the widest value of ${name}'s option '${key}' in WIDEST_OPTIONS`);
      options[key] = widest;
    }
    rules[`${plugin.meta.namespace}/${name}`] = Object.keys(options).length > 0 ? ['error', options] : 'error';
  }
  return rules;
}

/** `sourceType` from the nearest package.json, as Node decides a .js file's module kind. */
function sourceTypeFinder(root: string): (file: string) => 'module' | 'commonjs' {
  const cache = new Map<string, 'module' | 'commonjs'>();
  const lookup = (dir: string): 'module' | 'commonjs' => {
    let type = cache.get(dir);
    if (type === undefined) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest)) {
        type =
          (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type === 'module' ? 'module' : 'commonjs';
      } else {
        type = dir === root || dirname(dir) === dir ? 'commonjs' : lookup(dirname(dir));
      }
      cache.set(dir, type);
    }
    return type;
  };
  return (file) => lookup(dirname(file));
}

const CANARY = "require('node:fs').writeFileSync('C:\\\\Windows\\\\win.ini', '[fonts]');\n";

describe('every rule over large packages', () => {
  const rules = allRulesAllOptions();
  const settings = plugin.configs.strict.settings ?? {};

  for (const name of PACKAGES) {
    it(`never throws on ${name}`, async () => {
      const root = join(NODE_MODULES, name);
      const files = globSync('**/*.js', {
        cwd: root,
        absolute: true,
        nodir: true,
        ignore: ['**/node_modules/**'],
      }).sort();
      assert.ok(files.length >= MIN_FILES_PER_PACKAGE, `${name} has ${files.length} .js files`);
      const sourceTypeOf = sourceTypeFinder(root);
      const config = (sourceType: 'module' | 'commonjs'): Linter.Config[] => [
        {
          files: ['**/*.js'],
          plugins: { [plugin.meta.namespace]: plugin },
          languageOptions: { ecmaVersion: 'latest', sourceType },
          linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
          settings,
          rules,
        },
      ];
      const linters = {
        module: new ESLint({ cwd: root, overrideConfigFile: true, ignore: false, overrideConfig: config('module') }),
        commonjs: new ESLint({
          cwd: root,
          overrideConfigFile: true,
          ignore: false,
          overrideConfig: config('commonjs'),
        }),
      };

      // The rules must actually be on: a known write is reported.
      const [canary] = await linters.commonjs.lintText(CANARY, { filePath: join(root, '__wimboot_canary__.js') });
      assert.ok(
        canary!.messages.some((message) => message.ruleId?.startsWith(`${plugin.meta.namespace}/`)),
        `canary reported: ${JSON.stringify(canary!.messages)}`,
      );

      const crashes: string[] = [];
      let findings = 0;
      let parseErrors = 0;
      for (const file of files) {
        try {
          const [result] = await linters[sourceTypeOf(file)].lintText(readFileSync(file, 'utf8'), { filePath: file });
          findings += result!.messages.filter((message) => message.ruleId !== null).length;
          parseErrors += result!.fatalErrorCount;
        } catch (error) {
          // ESLint rethrows a rule's exception naming the file and the rule.
          crashes.push(
            `${relative(NODE_MODULES, file)}: ${error instanceof Error ? error.message.replaceAll('\n', ' | ') : String(error)}`,
          );
        }
      }
      console.log(
        `${name}: ${files.length} files, ${findings} findings, ${parseErrors} parse errors, ${crashes.length} rule crashes`,
      );
      assert.deepEqual(crashes, []);
    });
  }
});
