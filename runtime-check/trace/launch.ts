/** The environment that runs a scenario under the tracer: NODE_OPTIONS preloads it, every child inherits it. */
import { mkdir, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ReportFormatError } from '../report/finding.js';
import { TRACE_DIR_ENV, TRACE_FILE_PATTERN } from './event.js';

const CJS_PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));
const ESM_PRELOAD = new URL('./preload.js', import.meta.url).href;

/** NODE_OPTIONS quoting: double quotes, with `\` and `"` escaped inside them. */
function quoted(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * The flag that preloads the tracer: --require, which runs before the main
 * module whatever its kind (so ES modules see wrapped fs too) and, unlike
 * --import, in every worker thread. --import (preload.js) is there for hosts
 * that need it, but not used here: any --import makes Node 20 run a CommonJS
 * main through the ESM loader, which changes its stacks and crash output.
 * `preload` is the bundle's path as the traced Node names it (the Wine tests
 * give its Z:\ path).
 */
export function tracerNodeOptions(preload = CJS_PRELOAD): string {
  return `--require ${quoted(preload)}`;
}

/** `node --import <this URL>`: the ES module entry, for hosts that take only --import. */
export const ESM_PRELOAD_URL = ESM_PRELOAD;

export function tracedEnvironment(env: NodeJS.ProcessEnv, traceDir: string): NodeJS.ProcessEnv {
  const existing = env.NODE_OPTIONS?.trim() ?? '';
  return {
    ...env,
    [TRACE_DIR_ENV]: traceDir,
    NODE_OPTIONS: existing === '' ? tracerNodeOptions() : `${tracerNodeOptions()} ${existing}`,
  };
}

/** Creates the trace folder; one that already holds a trace is refused, never mixed into. */
export async function prepareTraceDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const existing = (await readdir(dir)).filter((name) => TRACE_FILE_PATTERN.test(name));
  if (existing.length > 0) {
    throw new ReportFormatError(dir, `already holds a trace (${existing.length} trace files): give another folder`);
  }
}
