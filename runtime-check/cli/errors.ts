/**
 * Exit codes and the one-line error messages the CLI prints. Every expected
 * failure is one line on stderr; stacks only with --debug.
 */
import { BackendError } from '../backends/backend.js';
import { ReportFormatError } from '../report/finding.js';
import { SnapshotFormatError } from '../../formats/snapshot/format-error.js';

export const EXIT_OK = 0;
/** diff: a file lost its backing; confirm: a finding was confirmed. */
export const EXIT_FOUND = 1;
/** Usage, configuration, input or backend error. */
export const EXIT_ERROR = 2;

/** Bad command line: the message says what is wrong, the hint where to look. */
export class UsageError extends Error {
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

const FS_CODES: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory, expected a file',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on the device',
};

interface NodeError extends Error {
  code?: string;
  path?: string;
}

/** The single line printed for an error. */
export function describeError(error: unknown): string {
  if (error instanceof UsageError) {
    const help = error.command === undefined ? 'wimboot-check --help' : `wimboot-check ${error.command} --help`;
    return `${error.message} (see \`${help}\`)`;
  }
  if (error instanceof BackendError) {
    return error.message;
  }
  if (error instanceof SnapshotFormatError || error instanceof ReportFormatError) {
    return error.message;
  }
  const nodeError = error as NodeError;
  if (nodeError instanceof Error && nodeError.code !== undefined && nodeError.code in FS_CODES) {
    const subject = nodeError.path === undefined ? '' : `${nodeError.path}: `;
    return `${subject}${FS_CODES[nodeError.code]}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `internal error: ${message.split('\n')[0]} (run with --debug for details)`;
}
