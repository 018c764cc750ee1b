import { packageInfo } from '../formats/package-info.js';
import { HELP_TEXT, parseCliArgs, UsageError } from './args.js';
import { discoverFiles } from './discover.js';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

function packageVersion(): string {
  return packageInfo().version;
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
      io.stdout(`${packageVersion()}\n`);
      return EXIT_CLEAN;
    }
    const files = discoverFiles(options.paths, io.cwd);
    // Loaded only now: ESLint and the plugin are most of the start-up time.
    const { lintFiles } = await import('./lint.js');
    const { output, failed, notice } = await lintFiles(files, {
      ...options,
      cwd: io.cwd,
      ...(debug ? { log: (line: string) => io.stderr(`wimboot-lint: ${line}\n`) } : {}),
    });
    io.stdout(output);
    if (notice !== undefined) {
      io.stderr(`wimboot-lint: ${notice}\n`);
    }
    return failed ? EXIT_FINDINGS : EXIT_CLEAN;
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
