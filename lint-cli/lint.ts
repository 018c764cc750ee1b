import { ESLint } from 'eslint';
import { dirname, extname, parse, relative, resolve, sep } from 'node:path';
import plugin from '../plugin/index.js';
import { UsageError } from '../formats/cli-contract.js';
import type { OutputFormat } from './args.js';
import { keepOwnFindings } from './filter-results.js';
import { buildLintConfig } from './lint-config.js';
import { lintEachOnCrash, type CrashedFile } from './lint-resilient.js';

const WIMBOOT_LINT_URI = 'https://github.com/eslint-plugin-wimboot/eslint-plugin-wimboot#readme';
const TS_EXTENSIONS: ReadonlySet<string> = new Set(['.ts', '.cts', '.mts', '.tsx']);

export interface LintOutcome {
  /** The formatted report, ending in a newline unless empty. */
  output: string;
  /** Findings and parse errors. */
  problems: number;
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

/** Lints `files` (absolute paths) with the recommended config and formats the results. */
export async function lintFiles(
  files: readonly string[],
  options: { cwd: string; format: OutputFormat; fix: boolean; log?: (line: string) => void },
): Promise<LintOutcome> {
  const cwd = resolve(options.cwd);
  const base = commonBase(cwd, files);
  options.log?.(`${files.length} file(s) to lint, ESLint base ${base}`);
  if (files.length === 0) {
    // Nothing to lint is not an error: a hook may pass only non-JS files.
    const output =
      options.format === 'stylish'
        ? ''
        : await format(new ESLint({ cwd: base, overrideConfigFile: true }), options.format, [], cwd);
    return { output, problems: 0, crashes: [] };
  }
  const withTypeScript = files.some((file) => TS_EXTENSIONS.has(extname(file).toLowerCase()));
  const eslint = new ESLint({
    cwd: base,
    overrideConfigFile: true,
    overrideConfig: await buildLintConfig(withTypeScript),
    // Inline `/* eslint rule: ... */` comments may turn on other rules; only ours run.
    ruleFilter: ({ ruleId }) => ruleId.startsWith(`${plugin.meta.namespace}/`),
    errorOnUnmatchedPattern: false,
    globInputPaths: false,
    fix: options.fix,
  });
  // A rule that crashes on one file must not cost the findings of the others.
  const { results: linted, crashes } = await lintEachOnCrash(eslint, files);
  if (options.fix) {
    // Only wimboot rules ran (ruleFilter), so every fix written is one of ours.
    await ESLint.outputFixes(linted);
  }
  const results = keepOwnFindings(linted, plugin.meta.namespace);
  const output = await format(eslint, options.format, results, cwd);
  return {
    output: output.length === 0 || output.endsWith('\n') ? output : `${output}\n`,
    problems: results.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0),
    crashes,
  };
}
