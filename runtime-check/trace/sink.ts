/**
 * The traced process's own trace file: opened once, in the trace folder,
 * through fs functions taken before any are wrapped (so the tracer never
 * traces itself). Records are buffered and written whole, a line each: at
 * the end of the current turn of the event loop, when the buffer fills, on
 * exit (uncaught exceptions included) and on SIGINT, SIGTERM and SIGHUP
 * (then the signal goes on as it would have). A SIGKILL loses at most the
 * records of the turn it hit; every earlier line is on disk and readable.
 */
import fs from 'node:fs';
import { join } from 'node:path';
import { traceFileName, type TraceRecord } from './event.js';

const MAX_ATTEMPTS = 100;
const FLUSH_AT = 64 * 1024;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

// Taken now, before the tracer wraps fs: named imports would follow the wrappers
// (syncBuiltinESMExports updates them).
const { openSync, writeSync } = fs;

export class TraceSink {
  private readonly fd: number;
  private pending = '';
  private scheduled = false;
  readonly file: string;

  private constructor(fd: number, file: string) {
    this.fd = fd;
    this.file = file;
  }

  /** Creates a new trace file in `dir` (never one that exists: 'wx') and flushes it whenever the process goes. */
  static create(dir: string, pid: number, threadId: number): TraceSink {
    for (let attempt = 0; ; attempt += 1) {
      const file = join(dir, traceFileName(pid, threadId, attempt));
      try {
        const sink = new TraceSink(openSync(file, 'wx'), file);
        // Signals reach the main thread (id 0) only.
        sink.flushOnExit(threadId === 0);
        return sink;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= MAX_ATTEMPTS) {
          throw error;
        }
      }
    }
  }

  write(record: TraceRecord): void {
    this.writeLine(JSON.stringify(record));
  }

  /** A record already serialised (the recorder builds write-open lines itself, the hot path). */
  writeLine(json: string): void {
    this.pending += `${json}\n`;
    if (this.pending.length >= FLUSH_AT) {
      this.flush();
    } else if (!this.scheduled) {
      this.scheduled = true;
      // unref: the tracer never keeps a process alive.
      setImmediate(() => this.flush()).unref();
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    writeSync(this.fd, text);
  }

  private flushOnExit(mainThread: boolean): void {
    process.on('exit', () => this.flush());
    if (!mainThread) return;
    for (const signal of SIGNALS) {
      const onSignal = (): void => {
        this.flush();
        // Alone, this listener kept the process from dying of the signal: let it.
        if (process.listenerCount(signal) === 1) {
          process.removeListener(signal, onSignal);
          process.kill(process.pid, signal);
        }
      };
      process.on(signal, onSignal);
    }
  }
}
