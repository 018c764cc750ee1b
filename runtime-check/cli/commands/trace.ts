/** `trace -- COMMAND...`: runs a scenario under the tracer and says which line opened which file for write. */
import { resolve } from 'node:path';
import { prepareTraceDir, tracedEnvironment } from '../../trace/launch.js';
import { parseVolumeMap, type VolumeMap } from '../../trace/locate.js';
import { readTrace } from '../../trace/read-trace.js';
import { toEslintJson, toSarif, writeReportFile } from '../../trace/report-output.js';
import { traceCounts, writeTraceSummary } from '../../trace/summary.js';
import { findingsOf, groupWrites, type TracedWrite } from '../../trace/writes.js';
import type { Finding } from '../../report/finding.js';
import { COMMON_OPTIONS_HELP, flag, parseCommandArgs, stringOption, type ParsedArgs } from '../args.js';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { Output } from '../io.js';
import { runScenario } from './run.js';

export const TRACE_OUTPUT_OPTIONS = {
  map: { type: 'string', multiple: true },
  'eslint-json': { type: 'string' },
  sarif: { type: 'string' },
} as const;

export const TRACE_OUTPUT_HELP = `  --map DRIVE=ROOT      paths under ROOT were DRIVE on the device (C:=/mnt/win): for traces
                        recorded on another OS (a testing and CI aid); repeatable
  --eslint-json FILE    write the runtime findings as an ESLint JSON report
  --sarif FILE          write them as SARIF 2.1.0 (code scanning)`;

/** The --map options, parsed. */
export function volumeMaps(command: string, args: ParsedArgs, cwd: string): VolumeMap[] {
  const values = args.values.map as unknown as string[] | undefined;
  return (values ?? []).map((text) => {
    const map = parseVolumeMap(text, cwd);
    if (map === undefined) {
      throw new UsageError(`--map ${JSON.stringify(text)}: expected DRIVE=ROOT, e.g. C:=/mnt/windows`, command);
    }
    return map;
  });
}

/** Writes the --eslint-json and --sarif reports a command was asked for. */
export async function writeFindingReports(args: ParsedArgs, findings: readonly Finding[], cwd: string): Promise<void> {
  const eslintJson = stringOption(args, 'eslint-json');
  const sarif = stringOption(args, 'sarif');
  if (eslintJson !== undefined) await writeReportFile(resolve(cwd, eslintJson), toEslintJson(findings));
  if (sarif !== undefined) await writeReportFile(resolve(cwd, sarif), toSarif(findings, cwd));
}

export function requireScenario(command: string, args: ParsedArgs): void {
  if (args.positionals.length > 0) {
    throw new UsageError(
      `put the scenario after --: wimboot-check ${command} [options] -- ${args.positionals.join(' ')}`,
      command,
    );
  }
  if (args.rest.length === 0) {
    throw new UsageError(
      `missing the scenario: put it after --, e.g. \`wimboot-check ${command} -- node app.js\``,
      command,
    );
  }
}

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
