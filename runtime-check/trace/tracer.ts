/**
 * Installs the tracer in this thread, once, when the trace folder is set
 * (the trace command sets it; children and workers inherit it). Nothing it
 * does may reach the program: if the trace file cannot be created the
 * program runs untraced, and a failure later is recorded, never thrown.
 */
import fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { threadId } from 'node:worker_threads';
import { TRACE_DIR_ENV, TRACE_FORMAT, TRACE_VERSION } from './event.js';
import { hookFs } from './fs-hooks.js';
import { hookKoffi } from './koffi-hooks.js';
import { Recorder } from './recorder.js';
import { TraceSink } from './sink.js';

const INSTALLED = Symbol.for('wimboot.trace.installed');

export function installFromEnvironment(): void {
  const global = globalThis as { [INSTALLED]?: boolean };
  if (global[INSTALLED] === true) return;
  global[INSTALLED] = true;
  const dir = process.env[TRACE_DIR_ENV];
  if (dir === undefined || dir === '') return;
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
      // `require` in the CommonJS bundle (preload.cjs); createRequire in the ES module.
      const load = typeof require === 'function' ? require : createRequire(import.meta.url);
      hookFs(load('original-fs') as typeof fs, 'original-fs', recorder);
    }
    hookKoffi(recorder);
    // ESM named imports of node:fs (import { writeFileSync } from 'node:fs') see the wrappers.
    syncBuiltinESMExports();
  } catch (error) {
    recorder.fail(undefined, error);
  }
}
