/**
 * Installs the tracer in this thread, once, when the trace folder is set
 * (the trace command sets it; children and workers inherit it). Nothing it
 * does may reach the program: if the trace file cannot be created the
 * program runs untraced, and a failure later is recorded, never thrown.
 */
import fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { TRACE_DIR_ENV, TRACE_FORMAT, TRACE_VERSION } from './event.js';
import { hookFs } from './fs-hooks.js';
import { hookKoffi } from './koffi-hooks.js';
import { Recorder } from './recorder.js';
import { TraceSink } from './sink.js';

const INSTALLED = Symbol.for('wimboot.trace.installed');

/** `require` in the CommonJS bundle (preload.cjs); createRequire in the ES module. */
function requireBuiltin(name: string): unknown {
  return (typeof require === 'function' ? require : createRequire(import.meta.url))(name);
}

/**
 * This thread's id, without loading node:worker_threads in the main thread:
 * it pulls in Node's streams, 1.5 ms of every traced process's start. A
 * worker's process.abort is Node's stub (`unavailableInWorker`, marked
 * `disabled`); anything but the real one asks worker_threads.
 */
export function currentThreadId(): number {
  const abort = process.abort as { readonly name: string; readonly disabled?: unknown };
  if (abort.name === 'abort' && abort.disabled === undefined) return 0;
  return (requireBuiltin('node:worker_threads') as typeof import('node:worker_threads')).threadId;
}

export function installFromEnvironment(): void {
  const global = globalThis as { [INSTALLED]?: boolean };
  if (global[INSTALLED] === true) return;
  global[INSTALLED] = true;
  const dir = process.env[TRACE_DIR_ENV];
  if (dir === undefined || dir === '') return;
  const threadId = currentThreadId();
  let sink: TraceSink;
  try {
    sink = TraceSink.create(dir, process.pid, threadId);
    sink.write({
      type: 'process',
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      pid: process.pid,
      ppid: process.ppid,
      threadId,
      argv: process.argv,
      cwd: process.cwd(),
      platform: process.platform,
      node: process.version,
      time: Date.now(),
    });
  } catch {
    return;
  }
  const recorder = new Recorder(sink, threadId);
  try {
    hookFs(fs, 'fs', recorder);
    if (process.versions.electron !== undefined) {
      // Electron's fs goes through asar; original-fs is the plain one.
      hookFs(requireBuiltin('original-fs') as typeof fs, 'original-fs', recorder);
    }
    hookKoffi(recorder);
    // ESM named imports of node:fs (import { writeFileSync } from 'node:fs') see the wrappers.
    syncBuiltinESMExports();
  } catch (error) {
    recorder.fail(undefined, error);
  }
}
