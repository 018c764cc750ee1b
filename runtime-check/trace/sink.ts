/**
 * The traced process's own trace file: opened once, in the trace folder,
 * through fs functions taken before any are wrapped (so the tracer never
 * traces itself). Each record is written whole with one synchronous write,
 * so a crash at any point leaves every earlier line readable.
 */
import fs from 'node:fs';
import { join } from 'node:path';
import { traceFileName, type TraceRecord } from './event.js';

const MAX_ATTEMPTS = 100;

// Taken now, before the tracer wraps fs: named imports would follow the wrappers
// (syncBuiltinESMExports updates them).
const { closeSync, openSync, writeSync } = fs;

export class TraceSink {
  private fd: number | undefined;
  readonly file: string;

  private constructor(fd: number, file: string) {
    this.fd = fd;
    this.file = file;
  }

  /** Creates a new trace file in `dir` (never one that exists: 'wx'). */
  static create(dir: string, pid: number, threadId: number): TraceSink {
    for (let attempt = 0; ; attempt += 1) {
      const file = join(dir, traceFileName(pid, threadId, attempt));
      try {
        return new TraceSink(openSync(file, 'wx'), file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= MAX_ATTEMPTS) {
          throw error;
        }
      }
    }
  }

  write(record: TraceRecord): void {
    if (this.fd === undefined) return;
    const line = `${JSON.stringify(record)}\n`;
    writeSync(this.fd, line);
  }

  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    closeSync(fd);
  }
}
