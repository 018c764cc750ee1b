/**
 * The JavaScript stack of a write-open, as structured frames: V8's call sites
 * (no string formatting, no user `Error.prepareStackTrace` called), mapped
 * through Node's source maps when they are enabled, node internals and the
 * tracer's own frames dropped.
 */
import { findSourceMap } from 'node:module';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TraceFrame } from './event.js';

/**
 * Frames asked of V8: capturing costs by the frame, so a few first (the
 * user's call is nearly always the first), more only when those are all a
 * library's or Node's.
 */
const FIRST_LIMIT = 6;
const FULL_LIMIT = 24;
/** Frames kept per event: enough to reach the user's code through a library or two. */
const MAX_FRAMES = 16;

// The tracer's own folder, whose frames are dropped: `__dirname` in the CommonJS bundle
// (preload.cjs, scripts/bundle-tracer.mjs), import.meta.url in the ES modules.
const TRACER_DIR = typeof __dirname === 'string' ? `${__dirname}${sep}` : fileURLToPath(new URL('.', import.meta.url));

export interface CapturedStack {
  frames: TraceFrame[];
  /** The nearest frame is Node's fs stream code (a stream opening its file). */
  fromStreamInternals: boolean;
}

function isInternal(file: string): boolean {
  return file.startsWith('node:') || file.startsWith('internal/');
}

/** file: URLs of ES modules as paths; a few files, converted once each. */
const paths = new Map<string, string>();

function toPath(file: string): string {
  if (!file.startsWith('file:')) return file;
  let path = paths.get(file);
  if (path === undefined) {
    try {
      path = fileURLToPath(file);
    } catch {
      path = file;
    }
    if (paths.size < 10_000) paths.set(file, path);
  }
  return path;
}

function sourceMapsEnabled(): boolean {
  return (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled === true;
}

function frameOf(site: NodeJS.CallSite, mapped: boolean): TraceFrame | undefined {
  const file = site.getFileName() ?? site.getScriptNameOrSourceURL();
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

function callSites(below: (...args: never[]) => unknown, limit: number): NodeJS.CallSite[] {
  // Assigned back, never deleted: deleting reshapes Error and makes every later capture slower.
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  try {
    Error.prepareStackTrace = collect;
    Error.stackTraceLimit = limit;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, below);
    return Array.isArray(holder.stack) ? (holder.stack as NodeJS.CallSite[]) : [];
  } finally {
    Error.prepareStackTrace = savedPrepare;
    Error.stackTraceLimit = savedLimit;
  }
}

function framesOf(sites: readonly NodeJS.CallSite[]): TraceFrame[] {
  const mapped = sourceMapsEnabled();
  const frames: TraceFrame[] = [];
  for (const site of sites) {
    const frame = frameOf(site, mapped);
    if (frame !== undefined) {
      frames.push(frame);
      if (frames.length === MAX_FRAMES) break;
    }
  }
  return frames;
}

const inDependency = (frame: TraceFrame): boolean => /[\\/]node_modules[\\/]/u.test(frame.file);

/** The stack below `below` (a tracer wrapper, left out with everything above it). */
export function captureStack(below: (...args: never[]) => unknown): CapturedStack {
  let sites = callSites(below, FIRST_LIMIT);
  let frames = framesOf(sites);
  if (sites.length === FIRST_LIMIT && frames.every(inDependency)) {
    sites = callSites(below, FULL_LIMIT);
    frames = framesOf(sites);
  }
  return { frames, fromStreamInternals: sites[0]?.getFileName() === 'node:internal/fs/streams' };
}
