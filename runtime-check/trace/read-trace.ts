/**
 * Reads a trace back: a trace folder (every trace-*.ndjson in it) or one
 * trace file. A process that died mid-write leaves at most its last line
 * cut short: such lines are counted, not fatal. What cannot be read at all
 * is a ReportFormatError, one line like any unreadable input.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ReportFormatError } from '../report/finding.js';
import { TRACE_FILE_PATTERN, TRACE_FORMAT, type TraceFailure, type TraceOpen, type TraceProcess } from './event.js';

export interface Trace {
  /** The folder or file read. */
  source: string;
  files: string[];
  processes: TraceProcess[];
  /** In the order they happened (time, then process, then file order). */
  opens: TraceOpen[];
  failures: TraceFailure[];
  /** Lines that are not a whole record (a process killed while writing one). */
  damagedLines: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function traceFiles(source: string): Promise<string[]> {
  let info;
  try {
    info = await stat(source);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReportFormatError(source, code === 'ENOENT' ? 'no such trace folder or file' : String(code));
  }
  if (info.isFile()) return [source];
  if (!info.isDirectory()) throw new ReportFormatError(source, 'expected a trace folder or a trace-*.ndjson file');
  const names = (await readdir(source)).filter((name) => TRACE_FILE_PATTERN.test(name)).sort();
  if (names.length === 0) {
    throw new ReportFormatError(source, 'no trace files (trace-*.ndjson) in this folder');
  }
  return names.map((name) => join(source, name));
}

export async function readTrace(source: string): Promise<Trace> {
  const trace: Trace = { source, files: [], processes: [], opens: [], failures: [], damagedLines: 0 };
  for (const file of await traceFiles(source)) {
    trace.files.push(file);
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let first = true;
    for await (const line of lines) {
      if (line === '') continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        trace.damagedLines += 1;
        continue;
      }
      if (first && !(isObject(record) && record.type === 'process' && record.format === TRACE_FORMAT)) {
        throw new ReportFormatError(file, `not a wimboot trace (its first line is not a ${TRACE_FORMAT} header)`);
      }
      first = false;
      if (!isObject(record)) {
        trace.damagedLines += 1;
      } else if (record.type === 'process') {
        trace.processes.push(record as unknown as TraceProcess);
      } else if (record.type === 'open' && typeof record.absolute === 'string' && Array.isArray(record.stack)) {
        trace.opens.push(record as unknown as TraceOpen);
      } else if (record.type === 'tracer-error') {
        trace.failures.push(record as unknown as TraceFailure);
      } else {
        trace.damagedLines += 1;
      }
    }
  }
  // A stable sort: records of one process keep their file order.
  trace.opens.sort((a, b) => a.time - b.time);
  return trace;
}
