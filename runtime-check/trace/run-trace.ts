/** `run --trace`: the scenario under the tracer, then the diff's lost files annotated with its write-opens. */
import { join, resolve } from 'node:path';
import type { ParsedArgs } from '../cli/args.js';
import { stringOption } from '../cli/args.js';
import type { CliIo, Output } from '../cli/io.js';
import type { DiffResult } from '../diff.js';
import { normalizeVolume } from '../volume.js';
import { annotateWithTrace, lostWrites, writeTraceAnnotation } from './annotate.js';
import { volumeMaps, writeFindingReports } from './cli-options.js';
import { prepareTraceDir, tracedEnvironment } from './launch.js';
import { readTrace } from './read-trace.js';
import { findingsOf, groupWrites } from './writes.js';

export interface StartedTrace {
  dir: string;
  env: NodeJS.ProcessEnv;
}

/** The trace folder (inside the run's folder) and the environment that preloads the tracer. */
export async function startTrace(command: string, args: ParsedArgs, io: CliIo, runDir: string): Promise<StartedTrace> {
  volumeMaps(command, args, io.cwd); // a bad --map fails before the scenario runs
  const dir = join(runDir, 'trace');
  await prepareTraceDir(dir);
  return { dir, env: tracedEnvironment(io.env, dir) };
}

export async function finishTrace(
  started: StartedTrace,
  args: ParsedArgs,
  io: CliIo,
  diff: DiffResult,
  beforeFile: string,
): Promise<{ json: Record<string, unknown>; writeText(out: Output): Promise<void> }> {
  const maps = volumeMaps('run', args, io.cwd);
  // An --offline volume is mounted here: the scenario saw its paths below the mount point.
  const offline = stringOption(args, 'offline');
  if (offline !== undefined) {
    maps.push({ drive: normalizeVolume(stringOption(args, 'volume') ?? 'C:') ?? 'C:', root: resolve(io.cwd, offline) });
  }
  const trace = await readTrace(started.dir);
  const writes = groupWrites(trace, maps);
  const annotation = annotateWithTrace(diff, writes, beforeFile);
  await writeFindingReports(args, findingsOf(lostWrites(annotation)), io.cwd);
  return {
    json: { dir: started.dir, writeOpens: trace.opens.length, ...annotation },
    writeText: (out) => writeTraceAnnotation(out, annotation, io.cwd),
  };
}
