/** Dispatches `wimboot-check COMMAND ...` and turns errors into exit codes. */
import { packageInfo } from '../../formats/package-info.js';
import type { Command } from './command.js';
import { confirmCommand } from './commands/confirm.js';
import { diffCommand } from './commands/diff.js';
import { filesCommand } from './commands/files.js';
import { queryCommand } from './commands/query.js';
import { runCommand } from './commands/run.js';
import { snapshotCommand } from './commands/snapshot.js';
import { sourcesCommand } from './commands/sources.js';
import { traceCommand } from './commands/trace.js';
import {
  EXIT_ERROR,
  EXIT_OK,
  isBrokenPipe,
  oneLine,
  OutputError,
  UsageError,
  writeOutput,
} from '../../formats/cli-contract.js';
import { describeError } from './errors.js';
import type { CliIo } from './io.js';

export const COMMANDS: readonly Command[] = [
  sourcesCommand,
  filesCommand,
  queryCommand,
  snapshotCommand,
  diffCommand,
  confirmCommand,
  runCommand,
  traceCommand,
];

function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `Usage: wimboot-check COMMAND [options]

Finds what is really WIM-backed or WOF-compressed on a Windows device, and
which files a scenario rehydrated, and ties both back to wimboot lint findings.

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run \`wimboot-check COMMAND --help\` for a command's options.
Every command takes --json. Exit codes: 0 ok, 1 found something (diff: a file
lost its backing; confirm: a finding was confirmed), 2 usage, input or backend error.
Device commands need Windows (elevated) or --offline MOUNTPOINT (an ntfs-3g mount);
diff and confirm --snapshot work anywhere. See docs/runtime-check.md.`;
}

function version(): string {
  return packageInfo().version;
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(`${topLevelHelp()}\n`);
    return EXIT_ERROR;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    await writeOutput(io.stdout, `${topLevelHelp()}\n`);
    return EXIT_OK;
  }
  if (name === '--version') {
    await writeOutput(io.stdout, `${version()}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    throw new UsageError(
      name.startsWith('-') ? `expected a command before ${name}` : `unknown command ${JSON.stringify(name)}`,
    );
  }
  const ownArgs = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (ownArgs.includes('--help') || ownArgs.includes('-h')) {
    await writeOutput(io.stdout, `${command.help}\n`);
    return EXIT_OK;
  }
  return command.run(rest, io);
}

/** Runs the CLI; never throws; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const ownArgs = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if ((error instanceof OutputError && error.brokenPipe) || isBrokenPipe(error)) {
      // The reader went away (`| head`): nothing left to say to anyone.
      return EXIT_OK;
    }
    io.stderr.write(`wimboot-check: ${oneLine(describeError(error))}\n`);
    if (ownArgs.includes('--debug') && error instanceof Error && error.stack !== undefined) {
      io.stderr.write(`${error.stack}\n`);
    }
    return EXIT_ERROR;
  }
}
