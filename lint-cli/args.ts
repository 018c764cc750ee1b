import { parseArgs } from 'node:util';
import { UsageError } from '../formats/cli-contract.js';

export const FORMATS = ['stylish', 'json', 'sarif'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export const PRESETS = ['recommended', 'strict'] as const;
export type Preset = (typeof PRESETS)[number];

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  fix: boolean;
  /** Report errors only (ESLint's --quiet). */
  quiet: boolean;
  /** Exit 1 when there are more warnings than this; -1: no limit (ESLint's --max-warnings). */
  maxWarnings: number;
  /** The project's eslint.config.* to lint with instead of the built-in config. */
  config: string | undefined;
  /** The plugin config the built-in config uses. */
  preset: Preset;
  /** Type information for TypeScript files, from the nearest tsconfig.json. */
  typed: boolean;
  debug: boolean;
  help: boolean;
  version: boolean;
}

export const DOCS_URL = 'https://github.com/eslint-plugin-wimboot/eslint-plugin-wimboot/blob/main/docs/integrations.md';

export const HELP_TEXT = `Usage: wimboot-lint [options] [paths...]

Lints .js .cjs .mjs .jsx .ts .cts .mts .tsx files under the given paths
(default: the current directory) with eslint-plugin-wimboot's rules. Without
--config, the project's ESLint config is not read. While walking directories,
node_modules and .gitignore'd files are skipped; files named on the command
line are always linted.

Options:
  -f, --format <name>      stylish (default), json (ESLint's JSON) or sarif (SARIF 2.1.0)
      --fix                apply the rules' safe autofixes (such as 'r+' -> 'r' when a
                           handle is only read) to the files, then report what is left
      --quiet              report errors only
      --max-warnings <n>   exit 1 when there are more than n warnings
      --preset <name>      recommended (default) or strict: the plugin config to run
      --typed              type information for TypeScript files, from the nearest
                           tsconfig.json (needs @typescript-eslint/parser and typescript)
  -c, --config <file>      lint with this eslint.config.* (its files, parser, settings
                           and wimboot rule options) instead of the built-in config
      --debug              print progress and stack traces on stderr
  -h, --help               show this help
  -v, --version            print the version

Only wimboot rules and parse errors are reported, with any config.

Exit codes (as ESLint's): 0 no errors (warnings alone are not a failure,
unless --max-warnings is exceeded), 1 errors (or files that do not parse) or
too many warnings, 2 usage, configuration or internal error.

Docs: ${DOCS_URL}
`;

function parseMaxWarnings(value: string | undefined): number {
  if (value === undefined) {
    return -1;
  }
  if (!/^\d+$/u.test(value)) {
    throw new UsageError(`--max-warnings expects a whole number of warnings, got '${value}'`);
  }
  return Number(value);
}

/** Parses argv (without `node` and the script path). Throws UsageError. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        quiet: { type: 'boolean' },
        'max-warnings': { type: 'string' },
        config: { type: 'string', short: 'c' },
        preset: { type: 'string' },
        typed: { type: 'boolean' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    // parseArgs' messages are clear but long, some over lines; keep the first sentence.
    const message = error instanceof Error ? error.message.split(/\.\s/u)[0] : String(error);
    throw new UsageError(`${message} (see --help)`);
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format '${format}': use ${FORMATS.join(', ')}`);
  }
  const preset = values.preset ?? 'recommended';
  if (!(PRESETS as readonly string[]).includes(preset)) {
    throw new UsageError(`unknown preset '${preset}': use ${PRESETS.join(' or ')}`);
  }
  if (values.config !== undefined) {
    if (values.config.length === 0) {
      throw new UsageError('empty --config argument');
    }
    // The project's config decides these; a flag that silently did nothing would mislead.
    for (const flag of ['preset', 'typed'] as const) {
      if (values[flag] !== undefined) {
        throw new UsageError(`--${flag} applies to the built-in config: with --config, your config decides`);
      }
    }
  }
  const empty = positionals.find((path) => path.length === 0);
  if (empty !== undefined) {
    throw new UsageError('empty path argument');
  }
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: format as OutputFormat,
    fix: values.fix ?? false,
    quiet: values.quiet ?? false,
    maxWarnings: parseMaxWarnings(values['max-warnings']),
    config: values.config,
    preset: preset as Preset,
    typed: values.typed ?? false,
    debug: values.debug ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}
