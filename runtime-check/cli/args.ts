/**
 * Command-line parsing on node:util parseArgs (no dependency): the options
 * every command shares, the device options, and usage errors that name the
 * command.
 */
import { parseArgs } from 'node:util';
import { selectBackend } from '../backends/select.js';
import type { Backend } from '../backends/backend.js';
import { normalizeVolume } from '../volume.js';
import { UsageError } from '../../formats/cli-contract.js';
import type { CliIo } from './io.js';

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };
export type OptionSpecs = Record<string, OptionSpec>;

export const COMMON_OPTIONS: OptionSpecs = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
};

/** Where device facts come from: an ntfs-3g mount, or the live device. */
export const DEVICE_OPTIONS: OptionSpecs = {
  offline: { type: 'string' },
  volume: { type: 'string' },
};

export const DEVICE_OPTIONS_HELP = `Device options:
  --offline MOUNTPOINT  read a Windows volume mounted with ntfs-3g instead of this device
  --volume DRIVE        the drive letter that volume had on Windows (default C:)`;

export const COMMON_OPTIONS_HELP = `Common options:
  --json                machine-readable output on stdout
  --debug               print stack traces of unexpected errors
  -h, --help            this help`;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** Arguments after `--`, verbatim. */
  rest: string[];
}

export function parseCommandArgs(command: string, argv: readonly string[], options: OptionSpecs): ParsedArgs {
  const terminator = argv.indexOf('--');
  const own = terminator === -1 ? argv : argv.slice(0, terminator);
  const rest = terminator === -1 ? [] : argv.slice(terminator + 1);
  try {
    const parsed = parseArgs({
      args: [...own],
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
    return {
      values: parsed.values as Record<string, string | boolean | undefined>,
      positionals: parsed.positionals,
      rest,
    };
  } catch (error) {
    // parseArgs explains itself in its first sentence.
    const message = (error as Error).message.split(/\.(?: |$)/u)[0] ?? String(error);
    throw new UsageError(message, command);
  }
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

export function volumeArgument(command: string, text: string): string {
  const volume = normalizeVolume(text);
  if (volume === null) {
    throw new UsageError(`${JSON.stringify(text)} is not a volume: expected a drive such as C:`, command);
  }
  return volume;
}

/** The volumes a device command works on: positionals, else --volume, else C:. */
export function volumesFrom(command: string, args: ParsedArgs, positionals: readonly string[]): string[] {
  if (positionals.length > 0) {
    return [...new Set(positionals.map((text) => volumeArgument(command, text)))];
  }
  return [volumeArgument(command, stringOption(args, 'volume') ?? 'C:')];
}

export function requireCount(
  command: string,
  positionals: readonly string[],
  min: number,
  max: number,
  what: string,
): void {
  if (positionals.length < min) {
    throw new UsageError(`missing ${what}`, command);
  }
  if (positionals.length > max) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[max])}`, command);
  }
}

/** The backend for a device command; what it skips is reported on stderr, one line each. */
export async function openBackend(command: string, args: ParsedArgs, io: CliIo): Promise<Backend> {
  const offline = stringOption(args, 'offline');
  const volume = stringOption(args, 'volume');
  if (volume !== undefined) {
    volumeArgument(command, volume);
  }
  return selectBackend({
    ...(offline === undefined ? {} : { offline }),
    ...(volume === undefined ? {} : { volume }),
    onWarning: (message) => io.stderr.write(`wimboot-check: warning: ${message}\n`),
  });
}
