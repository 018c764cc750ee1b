/**
 * The one-line error messages wimboot-check prints (exit codes and UsageError
 * are formats/cli-contract.ts, shared with wimboot-lint). Every expected
 * failure is one line on stderr; stacks only with --debug.
 */
import { BackendError } from '../backends/backend.js';
import { ReportFormatError } from '../report/finding.js';
import { SnapshotFormatError } from '../../formats/snapshot/format-error.js';
import { RefusedTargetError } from '../snapshot/writer.js';
import { describeSystemError, OutputError, UsageError } from '../../formats/cli-contract.js';

interface NodeError extends Error {
  code?: string;
  path?: string;
}

/** The single line printed for an error (before control characters are escaped). */
export function describeError(error: unknown): string {
  if (error instanceof UsageError) {
    const help = error.command === undefined ? 'wimboot-check --help' : `wimboot-check ${error.command} --help`;
    return `${error.message} (see \`${help}\`)`;
  }
  if (
    error instanceof BackendError ||
    error instanceof SnapshotFormatError ||
    error instanceof ReportFormatError ||
    error instanceof OutputError ||
    error instanceof RefusedTargetError
  ) {
    return error.message;
  }
  const nodeError = error as NodeError;
  const phrase = describeSystemError(error);
  if (phrase !== undefined) {
    return `${nodeError.path === undefined ? '' : `${nodeError.path}: `}${phrase}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `internal error: ${message.split('\n')[0]} (run with --debug for details)`;
}
