/**
 * What both command-line tools (wimboot-lint, wimboot-check) promise their
 * callers: one set of exit codes, one kind of usage error, and error lines
 * that stay one line whatever the file names in them contain.
 */

export const EXIT_OK = 0;
/** Found something: lint findings, a file that lost its backing, a confirmed finding. */
export const EXIT_FOUND = 1;
/** Usage, input, output, configuration or backend error; one line on stderr. */
export const EXIT_ERROR = 2;

/** A mistake in how the command was called; `command` names the subcommand whose help to point at. */
export class UsageError extends Error {
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

/**
 * Control characters (a newline in a file name, a terminal escape) written
 * as JSON escapes, so an error stays one line and cannot repaint the terminal.
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu, (char) => JSON.stringify(char).slice(1, -1));
}

interface NodeError extends Error {
  code?: string;
}

/** True for the error a write to a closed pipe gives (`| head`): the reader went away, nothing to report. */
export function isBrokenPipe(error: unknown): boolean {
  return error instanceof Error && (error as NodeError).code === 'EPIPE';
}

const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory, expected a file',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  EMFILE: 'too many open files',
  ENXIO: 'no such device or address',
  EBADF: 'bad file descriptor',
  EPIPE: 'broken pipe',
};

/** The phrase for a system error code (`ENOSPC` → "no space left on the device"), or undefined. */
export function describeSystemError(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as NodeError).code : undefined;
  return code === undefined ? undefined : SYSTEM_ERRORS[code];
}

/** Writing the results failed (disk full, `> /dev/full`, a closed pipe): one line and exit 2, or quiet for EPIPE. */
export class OutputError extends Error {
  readonly brokenPipe: boolean;
  constructor(cause: unknown) {
    const code = cause instanceof Error ? (cause as NodeError).code : undefined;
    const phrase = describeSystemError(cause) ?? (cause instanceof Error ? cause.message : String(cause));
    super(`cannot write the output: ${phrase}${code === undefined ? '' : ` (${code})`}`, { cause });
    this.name = 'OutputError';
    this.brokenPipe = isBrokenPipe(cause);
  }
}

interface WritableLike {
  write(chunk: string, callback: (error?: Error | null) => void): boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

const guarded = new WeakSet<object>();

/**
 * Writes and waits until the text is handed to the system (so back-pressure
 * and errors both arrive here); a failure becomes an OutputError. The stream's
 * 'error' event is then only a duplicate of what the callback said, so it gets
 * a listener instead of crashing the process with a stack trace.
 */
export function writeOutput(stream: WritableLike, text: string): Promise<void> {
  if (!guarded.has(stream)) {
    guarded.add(stream);
    stream.on('error', () => undefined);
  }
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error === undefined || error === null ? resolve() : reject(new OutputError(error))));
  });
}

interface FileKind {
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}

/** What a path that is not a regular file is, for "not a regular file (a FIFO)" messages. */
export function describeFileKind(stats: FileKind): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a file';
}
