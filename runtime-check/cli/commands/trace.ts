/** `trace -- COMMAND...`: runs a scenario under the tracer and says which line opened which file for write. */
import { resolve } from 'node:path';
import {
  TRACE_OUTPUT_HELP,
  TRACE_OUTPUT_OPTIONS,
  requireScenario,
  volumeMaps,
  writeFindingReports,
} from '../../trace/cli-options.js';
import { prepareTraceDir, tracedEnvironment } from '../../trace/launch.js';
import { readTrace } from '../../trace/read-trace.js';
import { traceCounts, writeTraceSummary } from '../../trace/summary.js';
import { findingsOf, groupWrites, type TracedWrite } from '../../trace/writes.js';
import { COMMON_OPTIONS_HELP, flag, parseCommandArgs, stringOption } from '../args.js';
import type { Command } from '../command.js';
import { Output } from '../io.js';
import { runScenario } from './run.js';

function writeJson(write: TracedWrite, cwd: string): Record<string, unknown> {
  return { ...write, ...(write.frame === undefined ? {} : { where: resolve(cwd, write.frame.file) }) };
}

export const traceCommand: Command = {
  name: 'trace',
  summary: 'run a Node scenario under the tracer: which line opened which file for write',
  help: `Usage: wimboot-check trace [--out DIR] [options] -- COMMAND [ARG...]

Runs COMMAND (stdio passed through, no shell) with the tracer preloaded into
every Node process it starts (NODE_OPTIONS: child processes and worker
threads inherit it). Each write-access open is recorded with its API, path,
access and JavaScript stack into DIR, one NDJSON file per process; then the
write-opens are summed up by file, with the line of code that made them.
Exit code: COMMAND's. See docs/trace.md.

Options:
  --out DIR             where the trace goes (default: wimboot-trace); must hold no trace yet
${TRACE_OUTPUT_HELP}

${COMMON_OPTIONS_HELP}`,
  async run(argv, io) {
    const args = parseCommandArgs('trace', argv, { out: { type: 'string' }, ...TRACE_OUTPUT_OPTIONS });
    requireScenario('trace', args);
    const maps = volumeMaps('trace', args, io.cwd);
    const dir = resolve(io.cwd, stringOption(args, 'out') ?? 'wimboot-trace');
    await prepareTraceDir(dir);
    const scenarioExitCode = await runScenario(args.rest, io.cwd, tracedEnvironment(io.env, dir));
    const trace = await readTrace(dir);
    const writes = groupWrites(trace, maps);
    await writeFindingReports(args, findingsOf(writes), io.cwd);
    const out = new Output(io.stdout);
    if (flag(args, 'json')) {
      await out.json({
        trace: dir,
        scenario: args.rest,
        scenarioExitCode,
        counts: traceCounts(trace, writes),
        writes: writes.map((write) => writeJson(write, io.cwd)),
      });
    } else {
      if (scenarioExitCode !== 0) io.stderr.write(`note: the scenario exited with code ${scenarioExitCode}\n`);
      await writeTraceSummary(out, trace, writes, io.cwd);
    }
    return scenarioExitCode;
  },
};
