import { parseArgs } from 'node:util';
import { UsageError } from '../formats/cli-contract.js';

export const FORMATS = ['stylish', 'json', 'sarif'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  fix: boolean;
  debug: boolean;
  help: boolean;
  version: boolean;
}

export const HELP_TEXT = `Usage: wimboot-lint [options] [paths...]

Lints .js .cjs .mjs .jsx .ts .cts .mts .tsx files under the given paths
(default: the current directory) with eslint-plugin-wimboot's recommended
config. Any ESLint config of the project is ignored. While walking
directories, node_modules and .gitignore'd files are skipped; files named on
the command line are always linted.

Options:
  -f, --format <name>  stylish (default), json (ESLint's JSON) or sarif (SARIF 2.1.0)
      --fix            apply the rules' safe autofixes (such as 'r+' -> 'r' when a
                       handle is only read) to the files, then report what is left
      --debug          print progress and stack traces on stderr
  -h, --help           show this help
  -v, --version        print the version

Exit codes: 0 no findings, 1 findings (or files that do not parse),
2 usage or internal error.
`;

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
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    // parseArgs' messages are clear but long; keep the first sentence.
    const message = error instanceof Error ? error.message.split('. ')[0] : String(error);
    throw new UsageError(`${message} (see --help)`);
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format '${format}': use ${FORMATS.join(', ')}`);
  }
  const empty = positionals.find((path) => path.length === 0);
  if (empty !== undefined) {
    throw new UsageError('empty path argument');
  }
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: format as OutputFormat,
    fix: values.fix ?? false,
    debug: values.debug ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}
