import { packageInfo } from '../formats/package-info.js';
import { EXIT_ERROR, EXIT_FOUND, EXIT_OK, oneLine, OutputError, UsageError } from '../formats/cli-contract.js';
import { HELP_TEXT, parseCliArgs } from './args.js';
import { discoverFiles } from './discover.js';
import type { CrashedFile } from './lint-resilient.js';

export interface CliIo {
  cwd: string;
  /** Resolves once the text is written; rejects with OutputError when it cannot be. */
  stdout: (text: string) => void | Promise<void>;
  stderr: (text: string) => void;
}

function packageVersion(): string {
  return packageInfo().version;
}

/** The line for a file whose linting crashed; its findings are missing from the report. */
export function describeCrash(crash: CrashedFile): string {
  const where = crash.line === undefined ? crash.file : `${crash.file}:${crash.line}`;
  const rule = crash.ruleId === undefined ? 'linting' : `rule ${crash.ruleId}`;
  return `${where}: ${rule} crashed (${crash.message}); this file is not in the report, the others are`;
}

/** The whole command; returns the exit code instead of exiting. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const options = parseCliArgs(argv);
    debug = options.debug;
    if (options.help) {
      await io.stdout(HELP_TEXT);
      return EXIT_OK;
    }
    if (options.version) {
      await io.stdout(`${packageVersion()}\n`);
      return EXIT_OK;
    }
    const files = discoverFiles(options.paths, io.cwd);
    // Loaded only now: ESLint and the plugin are most of the start-up time.
    const { lintFiles } = await import('./lint.js');
    const { output, failed, notice, crashes } = await lintFiles(files, {
      ...options,
      cwd: io.cwd,
      ...(debug ? { log: (line: string) => io.stderr(`wimboot-lint: ${line}\n`) } : {}),
    });
    await io.stdout(output);
    for (const crash of crashes) {
      io.stderr(`wimboot-lint: ${oneLine(describeCrash(crash))}\n`);
    }
    if (notice !== undefined) {
      io.stderr(`wimboot-lint: ${notice}\n`);
    }
    if (crashes.length > 0) {
      return EXIT_ERROR;
    }
    // ESLint's exit codes: 1 for errors or too many warnings; warnings alone are 0.
    return failed ? EXIT_FOUND : EXIT_OK;
  } catch (error) {
    if (error instanceof OutputError && error.brokenPipe) {
      // The reader went away (`| head`): nothing left to say to anyone.
      return EXIT_OK;
    }
    if (error instanceof UsageError || error instanceof OutputError) {
      io.stderr(`wimboot-lint: ${oneLine(error.message)}\n`);
    } else {
      // ESLint's errors span lines (file, rule); one line keeps hook output readable.
      const message = error instanceof Error ? error.message : String(error);
      io.stderr(`wimboot-lint: internal error: ${oneLine(message.split('\n').filter(Boolean).join(' | '))}\n`);
    }
    if (debug && error instanceof Error && error.stack !== undefined) {
      io.stderr(`${error.stack}\n`);
    }
    return EXIT_ERROR;
  }
}
