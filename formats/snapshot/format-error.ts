/** A malformed snapshot: names the file, the position and what was expected. */
export class SnapshotFormatError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  constructor(file: string, line: number, column: number, problem: string) {
    super(`${file}:${line}:${column}: ${problem}`);
    this.name = 'SnapshotFormatError';
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

/** Where a value starts in the file (1-based line and column, byte offset). */
export interface FilePosition {
  line: number;
  column: number;
  offset: number;
}
