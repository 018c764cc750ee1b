/**
 * The trace file format: NDJSON, one record a line, one file per traced
 * process (and worker thread). The first line says which process it is; the
 * others are write-opens and tracer failures. docs/trace.md describes it.
 */
import type { FixedEffect, WriteMode } from '../../formats/write-apis.js';

export const TRACE_FORMAT = 'wimboot-trace';
export const TRACE_VERSION = 1;

/** The folder a traced process writes its trace file into; no tracing without it. */
export const TRACE_DIR_ENV = 'WIMBOOT_TRACE_DIR';

/** What a write-open does to the file: the rules' vocabulary. */
export type TraceEffect = WriteMode | FixedEffect;

/** A JavaScript frame: 1-based line and column, source-mapped when source maps are on. */
export interface TraceFrame {
  file: string;
  line: number;
  column: number;
  function?: string;
}

export interface TraceProcess {
  type: 'process';
  format: typeof TRACE_FORMAT;
  version: typeof TRACE_VERSION;
  pid: number;
  ppid: number;
  threadId: number;
  argv: string[];
  cwd: string;
  platform: string;
  node: string;
  time: number;
}

export interface TraceOpen {
  type: 'open';
  /** `fs.writeFileSync`, `fs.promises.open`, `koffi CreateFileW`. */
  api: string;
  /** The path as the program gave it. */
  path: string;
  /** Resolved against the process's working directory at the time of the call. */
  absolute: string;
  effect: TraceEffect;
  /** How the access was asked for: `'r+'`, `O_WRONLY | O_CREAT`, `GENERIC_WRITE (0x40000000), OPEN_EXISTING`. */
  access: string;
  /** Win32 calls: the access mask and disposition as passed. */
  mask?: number;
  disposition?: number;
  /** Set when the open happened inside another traced call (fs.cpSync copying each file). */
  via?: string;
  pid: number;
  threadId: number;
  /** Milliseconds since the epoch. */
  time: number;
  /** Innermost first; node internals and the tracer's own frames dropped. */
  stack: TraceFrame[];
}

export interface TraceFailure {
  type: 'tracer-error';
  api?: string;
  message: string;
  pid: number;
  threadId: number;
  time: number;
}

export type TraceRecord = TraceProcess | TraceOpen | TraceFailure;

/** `trace-<pid>-<threadId>.ndjson`: one name per process and thread, never reused within a run. */
export function traceFileName(pid: number, threadId: number, attempt = 0): string {
  return `trace-${pid}-${threadId}${attempt === 0 ? '' : `-${attempt}`}.ndjson`;
}

export const TRACE_FILE_PATTERN = /^trace-\d+-\d+(?:-\d+)?\.ndjson$/u;
