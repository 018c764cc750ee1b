/** What every subcommand module exports. */
import type { CliIo } from './io.js';

export interface Command {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  /** Returns the exit code; throws UsageError / BackendError / format errors. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
