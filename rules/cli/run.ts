import { ESLint } from 'eslint';
import { dirname, extname, parse, relative, resolve, sep } from 'node:path';
import plugin from '../index.js';
import { HELP_TEXT, parseCliArgs, UsageError } from './args.js';
import type { OutputFormat } from './args.js';
import { discoverFiles } from './discover.js';
import { keepOwnFindings } from './filter-results.js';
import { buildLintConfig } from './lint-config.js';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const WIMBOOT_LINT_URI = 'https://github.com/eslint-plugin-wimboot/eslint-plugin-wimboot#readme';
const TS_EXTENSIONS: ReadonlySet<string> = new Set(['.ts', '.cts', '.mts', '.tsx']);

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
    const { toSarifLog } = await import('../formatters/sarif.js');
    const tool = { name: 'wimboot-lint', version: plugin.meta.version, informationUri: WIMBOOT_LINT_URI };
    return `${JSON.stringify(toSarifLog(results, { cwd, rulesMeta: eslint.getRulesMetaForResults(results) }, tool), null, 2)}\n`;
  }
  const formatter = await eslint.loadFormatter(name);
  return formatter.format(results);
}

/** The whole command; returns the exit code instead of exiting. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const options = parseCliArgs(argv);
    debug = options.debug;
    if (options.help) {
      io.stdout(HELP_TEXT);
      return EXIT_CLEAN;
    }
    if (options.version) {
      io.stdout(`${plugin.meta.version}\n`);
      return EXIT_CLEAN;
    }
    const files = discoverFiles(options.paths, io.cwd);
    const withTypeScript = files.some((file) => TS_EXTENSIONS.has(extname(file).toLowerCase()));
    const base = commonBase(resolve(io.cwd), files);
    if (debug) {
      io.stderr(`wimboot-lint: ${files.length} file(s) to lint, ESLint base ${base}\n`);
    }
    if (files.length === 0) {
      // Nothing to lint is not an error: a hook may pass only non-JS files.
      io.stdout(options.format === 'stylish' ? '' : await format(new ESLint({ cwd: base, overrideConfigFile: true }), options.format, [], io.cwd));
      return EXIT_CLEAN;
    }
    const eslint = new ESLint({
      cwd: base,
      overrideConfigFile: true,
      overrideConfig: await buildLintConfig(withTypeScript),
      // Inline `/* eslint rule: ... */` comments may turn on other rules; only ours count.
      ruleFilter: ({ ruleId }) => ruleId.startsWith(`${plugin.meta.namespace}/`),
      errorOnUnmatchedPattern: false,
      globInputPaths: false,
    });
    const results = keepOwnFindings(await eslint.lintFiles(files), plugin.meta.namespace);
    const output = await format(eslint, options.format, results, io.cwd);
    io.stdout(output.length === 0 || output.endsWith('\n') ? output : `${output}\n`);
    const problems = results.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0);
    return problems > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`wimboot-lint: ${error.message}\n`);
    } else {
      // ESLint's errors span lines (file, rule); one line keeps hook output readable.
      const message = error instanceof Error ? error.message : String(error);
      io.stderr(`wimboot-lint: internal error: ${message.split('\n').filter(Boolean).join(' | ')}\n`);
    }
    if (debug && error instanceof Error && error.stack !== undefined) {
      io.stderr(`${error.stack}\n`);
    }
    return EXIT_ERROR;
  }
}
