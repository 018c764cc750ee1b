/**
 * The JavaScript stack of a write-open, as structured frames: V8's call sites
 * (no string formatting, no user `Error.prepareStackTrace` called), mapped
 * through Node's source maps when they are enabled, node internals and the
 * tracer's own frames dropped.
 */
import { findSourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { TraceFrame } from './event.js';

/** Frames kept per event: enough to reach the user's code through a library or two. */
const MAX_FRAMES = 16;
/** Raw frames asked of V8: internals (streams, promises) come on top of the kept ones. */
const RAW_LIMIT = 32;

const TRACER_DIR = fileURLToPath(new URL('.', import.meta.url));

export interface CapturedStack {
  frames: TraceFrame[];
  /** The nearest frame is Node's fs stream code (a stream opening its file). */
  fromStreamInternals: boolean;
}

function isInternal(file: string): boolean {
  return file.startsWith('node:') || file.startsWith('internal/');
}

function toPath(file: string): string {
  if (file.startsWith('file:')) {
    try {
      return fileURLToPath(file);
    } catch {
      return file;
    }
  }
  return file;
}

function sourceMapsEnabled(): boolean {
  return (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled === true;
}

function frameOf(site: NodeJS.CallSite, mapped: boolean): TraceFrame | undefined {
  const file = site.getScriptNameOrSourceURL() ?? site.getFileName();
  if (typeof file !== 'string' || file === '' || isInternal(file) || file.endsWith(']-wrapper')) {
    return undefined;
  }
  const path = toPath(file);
  if (path.startsWith(TRACER_DIR)) {
    return undefined;
  }
  const line = site.getLineNumber() ?? 0;
  const column = site.getColumnNumber() ?? 0;
  const name = site.getFunctionName() ?? site.getMethodName() ?? undefined;
  const frame: TraceFrame = { file: path, line, column, ...(name ? { function: name } : {}) };
  if (!mapped) {
    return frame;
  }
  const map = findSourceMap(file) ?? (file === path ? undefined : findSourceMap(path));
  const entry = map?.findEntry(line - 1, column - 1) as
    { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
  if (entry?.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) {
    return frame;
  }
  return {
    ...frame,
    file: toPath(entry.originalSource),
    line: entry.originalLine + 1,
    column: entry.originalColumn + 1,
  };
}

const collect = (_error: Error, sites: NodeJS.CallSite[]): NodeJS.CallSite[] => sites;

/** The stack below `below` (a tracer wrapper, left out with everything above it). */
export function captureStack(below: (...args: never[]) => unknown): CapturedStack {
  const hadOwnPrepare = Object.prototype.hasOwnProperty.call(Error, 'prepareStackTrace');
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  let sites: NodeJS.CallSite[] = [];
  try {
    Error.prepareStackTrace = collect;
    Error.stackTraceLimit = RAW_LIMIT;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, below);
    sites = Array.isArray(holder.stack) ? (holder.stack as NodeJS.CallSite[]) : [];
  } finally {
    if (hadOwnPrepare) {
      Error.prepareStackTrace = savedPrepare;
    } else {
      delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    }
    Error.stackTraceLimit = savedLimit;
  }
  const nearest = sites[0]?.getFileName() ?? '';
  const mapped = sourceMapsEnabled();
  const frames: TraceFrame[] = [];
  for (const site of sites) {
    const frame = frameOf(site, mapped);
    if (frame !== undefined) {
      frames.push(frame);
      if (frames.length === MAX_FRAMES) break;
    }
  }
  return { frames, fromStreamInternals: nearest === 'node:internal/fs/streams' };
}
