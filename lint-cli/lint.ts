import type { ESLint } from 'eslint';
import { existsSync, statSync } from 'node:fs';
import { dirname, extname, parse, relative, resolve, sep } from 'node:path';
import plugin from '../plugin/index.js';
import { UsageError } from '../formats/cli-contract.js';
import type { CliOptions, OutputFormat } from './args.js';
import { keepOwnFindings } from './filter-results.js';
import { buildLintConfig, findTsconfigRoot } from './lint-config.js';
import { lintEachOnCrash, type CrashedFile } from './lint-resilient.js';
import { loadEslint } from './peer.js';

const WIMBOOT_LINT_URI = 'https://github.com/eslint-plugin-wimboot/eslint-plugin-wimboot#readme';
const TS_EXTENSIONS: ReadonlySet<string> = new Set(['.ts', '.cts', '.mts', '.tsx']);

export type LintOptions = Pick<
  CliOptions,
  'format' | 'fix' | 'quiet' | 'maxWarnings' | 'config' | 'preset' | 'typed'
> & {
  cwd: string;
  log?: (line: string) => void;
};

export interface LintOutcome {
  /** The formatted report, ending in a newline unless empty. */
  output: string;
  /** ESLint's exit 1: errors (parse errors count), or more warnings than --max-warnings. */
  failed: boolean;
  /** A line for stderr, as ESLint prints one when only the warning limit failed the run. */
  notice?: string;
  /** Files whose linting crashed: they are missing from `output`. */
  crashes: CrashedFile[];
}

/**
 * The deepest folder holding `cwd` and every file: ESLint ignores files
 * outside its base path, and named files may live anywhere.
 */
function commonBase(cwd: string, files: readonly string[]): string {
  let base = cwd;
  for (const file of files) {
    while (relative(base, file).startsWith(`..${sep}`) || relative(base, file) === '..') {
      base = dirname(base);
    }
    if (parse(base).root.toLowerCase() !== parse(file).root.toLowerCase()) {
      // ESLint would skip files outside its base path without a word.
      throw new UsageError(`${file} is on another drive than ${cwd}: run wimboot-lint once per drive`);
    }
  }
  return base;
}

async function format(eslint: ESLint, name: OutputFormat, results: ESLint.LintResult[], cwd: string): Promise<string> {
  if (name === 'sarif') {
    const { toSarifLog } = await import('./sarif.js');
    const tool = { name: 'wimboot-lint', version: plugin.meta.version, informationUri: WIMBOOT_LINT_URI };
    return `${JSON.stringify(toSarifLog(results, { cwd, rulesMeta: eslint.getRulesMetaForResults(results) }, tool), null, 2)}\n`;
  }
  const formatter = await eslint.loadFormatter(name);
  return formatter.format(results);
}

/** `--config FILE`, checked: ESLint's own message for a missing file is a stack of lines. */
function projectConfigFile(config: string, cwd: string): string {
  const file = resolve(cwd, config);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new UsageError(`no such config file: ${config}`);
  }
  return file;
}

/** The ESLint options for the built-in config or the project's `--config` file. */
async function eslintOptions(files: readonly string[], options: LintOptions, cwd: string): Promise<ESLint.Options> {
  const namespace = plugin.meta.namespace;
  const common: ESLint.Options = {
    // Inline `/* eslint rule: ... */` comments may turn on other rules; only ours run.
    // --quiet without a warning limit skips the rules set to warn, as ESLint does.
    ruleFilter: ({ ruleId, severity }) =>
      ruleId.startsWith(`${namespace}/`) && (!options.quiet || options.maxWarnings >= 0 || severity === 2),
    errorOnUnmatchedPattern: false,
    globInputPaths: false,
    // --quiet: fix only what is reported, as ESLint does.
    fix: options.fix && (options.quiet ? (message) => message.severity === 2 : true),
  };
  if (options.config !== undefined) {
    return { ...common, cwd, overrideConfigFile: projectConfigFile(options.config, cwd) };
  }
  const withTypeScript = files.some((file) => TS_EXTENSIONS.has(extname(file).toLowerCase()));
  const tsconfigRootDir = options.typed ? findTsconfigRoot(cwd) : undefined;
  options.log?.(tsconfigRootDir === undefined ? 'untyped' : `typed, project service rooted at ${tsconfigRootDir}`);
  return {
    ...common,
    cwd: commonBase(cwd, files),
    overrideConfigFile: true,
    overrideConfig: await buildLintConfig({
      withTypeScript,
      preset: options.preset,
      ...(tsconfigRootDir === undefined ? {} : { tsconfigRootDir }),
    }),
  };
}

/** With --config: a config that runs no wimboot rule on any file would report nothing, silently. */
async function assertRunsWimbootRules(eslint: ESLint, files: readonly string[], config: string): Promise<void> {
  const namespace = `${plugin.meta.namespace}/`;
  for (const file of files) {
    const calculated = (await eslint.calculateConfigForFile(file)) as { rules?: Record<string, unknown> } | undefined;
    const rules = Object.entries(calculated?.rules ?? {});
    if (rules.some(([id, entry]) => id.startsWith(namespace) && severityOf(entry) > 0)) {
      return;
    }
  }
  throw new UsageError(
    `${config} turns on no wimboot rule for the linted files: add wimboot.configs.recommended to it (see the README)`,
  );
}

function severityOf(entry: unknown): number {
  const level = Array.isArray(entry) ? (entry[0] as unknown) : entry;
  return level === 'error' || level === 2 ? 2 : level === 'warn' || level === 1 ? 1 : 0;
}

/** Lints `files` (absolute paths) and formats the results; `failed` follows ESLint's exit code 1. */
export async function lintFiles(files: readonly string[], options: LintOptions): Promise<LintOutcome> {
  const { ESLint: ESLintClass } = await loadEslint();
  const cwd = resolve(options.cwd);
  if (files.length === 0) {
    // Nothing to lint is not an error: a hook may pass only non-JS files.
    const output =
      options.format === 'stylish'
        ? ''
        : await format(new ESLintClass({ cwd, overrideConfigFile: true }), options.format, [], cwd);
    return { output, failed: false, crashes: [] };
  }
  const eslint = new ESLintClass(await eslintOptions(files, options, cwd));
  options.log?.(`${files.length} file(s) to lint`);
  if (options.config !== undefined) {
    await assertRunsWimbootRules(eslint, files, options.config);
  }
  // A rule that crashes on one file must not cost the findings of the others.
  const { results: linted, crashes } = await lintEachOnCrash(eslint, files);
  if (options.fix) {
    // Only wimboot rules ran (ruleFilter), so every fix written is one of ours.
    await ESLintClass.outputFixes(linted);
  }
  const results = keepOwnFindings(linted, plugin.meta.namespace);
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  const tooManyWarnings = options.maxWarnings >= 0 && warnings > options.maxWarnings;
  const shown = options.quiet ? ESLintClass.getErrorResults(results) : results;
  const output = await format(eslint, options.format, shown, cwd);
  return {
    output: output.length === 0 || output.endsWith('\n') ? output : `${output}\n`,
    failed: errors > 0 || tooManyWarnings,
    ...(errors === 0 && tooManyWarnings
      ? { notice: `too many warnings: ${warnings} (maximum: ${options.maxWarnings})` }
      : {}),
    crashes,
  };
}
