/**
 * A pull scanner over a JSON file read in chunks: the caller walks the
 * structure it cares about (objects, arrays) and captures every other value as
 * a whole with JSON.parse. Memory stays at one chunk plus the largest single
 * value, so a million-file snapshot never becomes one giant string.
 *
 * Works on bytes: every structural character is ASCII, and UTF-8 never puts an
 * ASCII byte inside a multi-byte character.
 */
import { readSync } from 'node:fs';
import { SnapshotFormatError, type FilePosition } from './format-error.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const EOF = -1;

function describeByte(byte: number): string {
  if (byte === EOF) {
    return 'end of file';
  }
  if (byte >= 0x21 && byte < 0x7f) {
    return `'${String.fromCharCode(byte)}'`;
  }
  return `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

/** What a snapshot can plausibly hold: beyond these the input is refused with a line, before it fills memory. */
export interface ScannerLimits {
  /** Bytes in the whole input. */
  readonly maxBytes: number;
  /** Bytes of one captured value (a file entry, a header field). */
  readonly maxValueBytes: number;
  /** Nesting of objects and arrays inside one captured value. */
  readonly maxDepth: number;
}

export const SNAPSHOT_LIMITS: ScannerLimits = {
  // About 7 million backed files; a whole Windows image has well under one million.
  maxBytes: 1024 ** 3,
  // A file entry is at most a 32,767-character path, escaped, and a few numbers.
  maxValueBytes: 4 * 1024 ** 2,
  maxDepth: 64,
};

/** 16384 → "16 KiB". */
export function formatLimit(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (bytes >= size && bytes % size === 0) {
      return `${bytes / size} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}

export class JsonScanner {
  private buffer: Buffer;
  private pos = 0;
  private end = 0;
  /** File offset of buffer[0]. */
  private base = 0;
  private line = 1;
  private lineStart = 0;
  private atEof = false;
  /** Buffer index that a refill must keep (start of a value being captured). */
  private mark = -1;
  /** Where the value being captured starts, for the error when it is too large. */
  private markedAt: FilePosition | undefined;

  private readonly fd: number;
  private readonly limits: ScannerLimits;
  readonly fileName: string;

  constructor(fd: number, fileName: string, limits: ScannerLimits = SNAPSHOT_LIMITS, chunkSize = 1 << 20) {
    this.fd = fd;
    this.fileName = fileName;
    this.limits = limits;
    this.buffer = Buffer.allocUnsafe(Math.min(chunkSize, limits.maxValueBytes));
  }

  position(): FilePosition {
    const offset = this.base + this.pos;
    return { line: this.line, column: offset - this.lineStart + 1, offset };
  }

  fail(problem: string, at: FilePosition = this.position()): never {
    throw new SnapshotFormatError(this.fileName, at.line, at.column, problem);
  }

  private refill(): boolean {
    if (this.atEof) {
      return false;
    }
    const keepFrom = this.mark >= 0 ? this.mark : this.pos;
    if (keepFrom > 0) {
      this.buffer.copy(this.buffer, 0, keepFrom, this.end);
      this.base += keepFrom;
      this.pos -= keepFrom;
      this.end -= keepFrom;
      if (this.mark >= 0) {
        this.mark = 0;
      }
    }
    if (this.end === this.buffer.length) {
      if (this.mark >= 0 && this.end - this.mark >= this.limits.maxValueBytes) {
        this.fail(
          `a value of more than ${formatLimit(this.limits.maxValueBytes)} starts here: no snapshot field is that large`,
          this.markedAt,
        );
      }
      const bigger = Buffer.allocUnsafe(Math.min(this.buffer.length * 2, this.limits.maxValueBytes + 1));
      this.buffer.copy(bigger, 0, 0, this.end);
      this.buffer = bigger;
    }
    const read = readSync(this.fd, this.buffer, this.end, this.buffer.length - this.end, null);
    if (read === 0) {
      this.atEof = true;
      return false;
    }
    this.end += read;
    if (this.base + this.end > this.limits.maxBytes) {
      this.fail(
        `the snapshot is larger than ${formatLimit(this.limits.maxBytes)}, more than any device's (is this a snapshot?)`,
      );
    }
    return true;
  }

  peek(): number {
    if (this.pos >= this.end && !this.refill()) {
      return EOF;
    }
    return this.buffer[this.pos]!;
  }

  skipWhitespace(): void {
    for (;;) {
      const byte = this.peek();
      if (byte === 0x20 || byte === 0x09 || byte === 0x0d) {
        this.pos += 1;
      } else if (byte === NEWLINE) {
        this.pos += 1;
        this.line += 1;
        this.lineStart = this.base + this.pos;
      } else {
        return;
      }
    }
  }

  /** Consumes `expected` (after whitespace) or fails saying what was wanted. */
  expect(expected: number, what: string): void {
    this.skipWhitespace();
    const byte = this.peek();
    if (byte !== expected) {
      this.fail(`expected ${what}, got ${describeByte(byte)}`);
    }
    this.pos += 1;
  }

  /** True at end of input once whitespace is skipped. */
  atEnd(): boolean {
    this.skipWhitespace();
    return this.peek() === EOF;
  }

  /**
   * Iterates the members of an object; `onMember` must consume the value.
   * Position points at the value's first byte.
   */
  readObject(context: string, onMember: (key: string, at: FilePosition) => void): void {
    this.expect(OPEN_BRACE, `'{' (start of ${context})`);
    this.skipWhitespace();
    if (this.peek() === CLOSE_BRACE) {
      this.pos += 1;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.peek() !== QUOTE) {
        this.fail(`expected a property name in double quotes, got ${describeByte(this.peek())}`);
      }
      const key = this.captureValue(context) as string;
      this.expect(COLON, `':' after property "${key}" in ${context}`);
      this.skipWhitespace();
      onMember(key, this.position());
      this.skipWhitespace();
      const byte = this.peek();
      this.pos += 1;
      if (byte === CLOSE_BRACE) {
        return;
      }
      if (byte !== COMMA) {
        this.pos -= 1;
        this.fail(`expected ',' or '}' after property "${key}", got ${describeByte(byte)}`);
      }
    }
  }

  /** Iterates the elements of an array; `onElement` must consume the element. */
  readArray(context: string, onElement: (index: number, at: FilePosition) => void): void {
    this.expect(OPEN_BRACKET, `'[' (start of ${context})`);
    this.skipWhitespace();
    if (this.peek() === CLOSE_BRACKET) {
      this.pos += 1;
      return;
    }
    for (let index = 0; ; index += 1) {
      this.skipWhitespace();
      onElement(index, this.position());
      this.skipWhitespace();
      const byte = this.peek();
      this.pos += 1;
      if (byte === CLOSE_BRACKET) {
        return;
      }
      if (byte !== COMMA) {
        this.pos -= 1;
        this.fail(`expected ',' or ']' after ${context}[${index}], got ${describeByte(byte)}`);
      }
    }
  }

  /** True when the next value is an array (so the caller can stream it). */
  nextIs(byte: '[' | '{'): boolean {
    this.skipWhitespace();
    return this.peek() === (byte === '[' ? OPEN_BRACKET : OPEN_BRACE);
  }

  /**
   * Reads one complete JSON value of any kind and parses it. `context` names
   * it in messages; a function defers building that name to the error path.
   */
  captureValue(context: string | (() => string)): unknown {
    this.skipWhitespace();
    const start = this.position();
    this.mark = this.pos;
    this.markedAt = start;
    try {
      this.skipRawValue(context);
      const text = this.buffer.toString('utf8', this.mark, this.pos);
      return this.parse(text, start, context);
    } finally {
      this.mark = -1;
    }
  }

  private parse(text: string, start: FilePosition, context: string | (() => string)): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      // Map JSON.parse's "at position N" back to a line and column in the file.
      const match = /position (\d+)/u.exec((error as Error).message);
      let at = start;
      if (match !== null) {
        const inner = Number(match[1]);
        let { line, column } = start;
        for (let i = 0; i < inner && i < text.length; i += 1) {
          if (text.charCodeAt(i) === NEWLINE) {
            line += 1;
            column = 1;
          } else {
            column += 1;
          }
        }
        at = { line, column, offset: start.offset + inner };
      }
      const name = typeof context === 'string' ? context : context();
      this.fail(`expected a valid JSON value in ${name} (${(error as Error).message})`, at);
    }
  }

  private skipString(): void {
    const startAt = this.position();
    this.pos += 1;
    for (;;) {
      const byte = this.peek();
      if (byte === EOF) {
        this.fail("expected the closing '\"' of a string, got end of file", startAt);
      }
      this.pos += 1;
      if (byte === QUOTE) {
        return;
      }
      if (byte === BACKSLASH) {
        if (this.peek() === EOF) {
          this.fail("expected the closing '\"' of a string, got end of file", startAt);
        }
        this.pos += 1;
      } else if (byte === NEWLINE) {
        this.pos -= 1;
        this.fail("expected the closing '\"' of a string, got a line break");
      }
    }
  }

  /**
   * Skips a whole object or array. The hot loop of the reader: it runs over
   * local copies of the buffer state and only calls out to refill.
   */
  private skipContainer(context: string | (() => string), first: number): void {
    const startAt = this.position();
    let depth = 0;
    let inString = false;
    let escaped = false;
    for (;;) {
      if (this.pos >= this.end && !this.refill()) {
        this.fail(
          inString
            ? "expected the closing '\"' of a string, got end of file"
            : `expected the end of the ${first === OPEN_BRACE ? 'object' : 'array'} in ${typeof context === 'string' ? context : context()} that starts here, got end of file`,
          startAt,
        );
      }
      const buffer = this.buffer;
      const end = this.end;
      let pos = this.pos;
      while (pos < end) {
        const byte = buffer[pos]!;
        pos += 1;
        if (inString) {
          if (escaped) {
            escaped = false;
          } else if (byte === BACKSLASH) {
            escaped = true;
          } else if (byte === QUOTE) {
            inString = false;
          } else if (byte === NEWLINE) {
            this.pos = pos - 1;
            this.fail("expected the closing '\"' of a string, got a line break");
          }
        } else if (byte === QUOTE) {
          inString = true;
        } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
          depth += 1;
          if (depth > this.limits.maxDepth) {
            this.pos = pos - 1;
            this.fail(
              `${typeof context === 'string' ? context : context()}: nested more than ${this.limits.maxDepth} levels deep here; no snapshot field is`,
            );
          }
        } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
          depth -= 1;
          if (depth === 0) {
            this.pos = pos;
            return;
          }
        } else if (byte === NEWLINE) {
          this.line += 1;
          this.lineStart = this.base + pos;
        }
      }
      this.pos = pos;
    }
  }

  private skipRawValue(context: string | (() => string)): void {
    const first = this.peek();
    if (first === QUOTE) {
      this.skipString();
      return;
    }
    if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      this.skipContainer(context, first);
      return;
    }
    // A number or literal runs to the next delimiter.
    const startOffset = this.base + this.pos;
    for (;;) {
      const byte = this.peek();
      if (
        byte === EOF ||
        byte === COMMA ||
        byte === CLOSE_BRACE ||
        byte === CLOSE_BRACKET ||
        byte === COLON ||
        byte === 0x20 ||
        byte === 0x09 ||
        byte === 0x0d ||
        byte === NEWLINE
      ) {
        break;
      }
      this.pos += 1;
    }
    if (this.base + this.pos === startOffset) {
      this.fail(`expected a value in ${typeof context === 'string' ? context : context()}, got ${describeByte(first)}`);
    }
  }
}
