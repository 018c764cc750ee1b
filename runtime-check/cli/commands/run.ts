/** `run -- COMMAND...`: snapshot, run the scenario, snapshot, diff: the whole test. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { diffSnapshotFiles } from '../../diff.js';
import { readReport } from '../../report/read-report.js';
import { takeSnapshot } from '../../snapshot/take.js';
import { releaseTemporary, trackTemporary } from '../../temporaries.js';
import {
  COMMON_OPTIONS_HELP,
  DEVICE_OPTIONS,
  DEVICE_OPTIONS_HELP,
  flag,
  openBackend,
  parseCommandArgs,
  stringOption,
  volumesFrom,
} from '../args.js';
import type { Command } from '../command.js';
import { EXIT_FOUND, EXIT_OK, UsageError } from '../../../formats/cli-contract.js';
import { Output, type CliIo } from '../io.js';
import { handleInterrupts, interruption, watchScenario } from '../interrupts.js';
import { checkOutputDirectory, checkOutputFile } from '../output-target.js';
import { createProgress } from '../progress.js';
import { writeDiffJson, writeDiffText } from '../render-diff.js';
import { startTrace, finishTrace } from '../../trace/run-trace.js';
import { TRACE_OUTPUT_HELP, TRACE_OUTPUT_OPTIONS } from '../../trace/cli-options.js';

const SNAPSHOT_NAMES = ['before.json', 'after.json'] as const;

export const CONCURRENT_ACTIVITY_WARNING =
  'warning: Windows Update, servicing (TrustedInstaller) or maintenance tasks running during the scenario ' +
  'also rehydrate files; pause them, or expect lost files your scenario did not touch.';

/**
 * Runs the scenario with inherited stdio, as the leader of its own process
 * group (so an interrupt reaches all of it); resolves to its exit code (or
 * 128+signal). After an interrupt it never resolves: the interrupt handler
 * waits for the scenario, cleans up and exits.
 */
export function runScenario(command: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command[0]!, command.slice(1), {
      stdio: 'inherit',
      cwd,
      ...(env === undefined ? {} : { env }),
      detached: process.platform !== 'win32',
    });
    watchScenario(child);
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new UsageError(
          `cannot run ${JSON.stringify(command[0])}: ${error.code === 'ENOENT' ? 'command not found' : error.message}`,
          'run',
        ),
      );
    });
    child.once('exit', (code, signal) => {
      if (interruption() === undefined) {
        resolvePromise(code ?? 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0)));
      }
    });
  });
}

/** The folder the snapshots go to: --keep DIR (created if needed), or a temporary one removed at the end. */
function snapshotFolder(keep: string | undefined, cwd: string): string {
  if (keep !== undefined) {
    const dir = resolve(cwd, keep);
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  const dir = mkdtempSync(join(tmpdir(), 'wimboot-run-'));
  trackTemporary(dir);
  return dir;
}

async function snapshotWithProgress(
  io: CliIo,
  label: string,
  run: (progress: (count: number) => void) => Promise<unknown>,
): Promise<void> {
  const progress = createProgress(io, label);
  try {
    await run((count) => progress.update(count));
  } finally {
    progress.done();
  }
}

export const runCommand: Command = {
  name: 'run',
  summary: 'snapshot, run a scenario, snapshot again and diff (exit 1 if any file lost backing)',
  help: `Usage: wimboot-check run [--report REPORT] [--keep DIR] [options] -- COMMAND [ARG...]

The whole device test in one command: snapshots the backed files, runs
COMMAND (stdio passed through, no shell: use \`cmd /c\` or \`sh -c\` for shell
syntax), snapshots again and prints the diff. Exit code 1 when any file lost
its backing, whatever COMMAND returned (its exit code is reported).
Windows Update or maintenance running at the same time skews the result.

Options:
  --report REPORT       map lost files to these lint findings (as in diff)
  --keep DIR            keep before.json and after.json in DIR (default: a temp dir, removed)
  --trace               run COMMAND under the tracer (docs/trace.md): each lost file with the
                        lines that opened it for write (kept in DIR/trace with --keep)
${TRACE_OUTPUT_HELP}

${DEVICE_OPTIONS_HELP}

${COMMON_OPTIONS_HELP}`,
  async run(argv, io) {
    const args = parseCommandArgs('run', argv, {
      ...DEVICE_OPTIONS,
      report: { type: 'string' },
      keep: { type: 'string' },
      trace: { type: 'boolean' },
      ...TRACE_OUTPUT_OPTIONS,
    });
    if (args.positionals.length > 0) {
      throw new UsageError(
        `put the scenario after --: wimboot-check run [options] -- ${args.positionals.join(' ')}`,
        'run',
      );
    }
    if (args.rest.length === 0) {
      throw new UsageError('missing the scenario: put it after --, e.g. `wimboot-check run -- node app.js`', 'run');
    }
    const reportFile = stringOption(args, 'report');
    const volumes = volumesFrom('run', args, []);
    const keep = stringOption(args, 'keep');
    const offline = stringOption(args, 'offline');
    const context = {
      inputs: reportFile === undefined ? [] : [{ option: '--report', path: resolve(io.cwd, reportFile) }],
      ...(offline === undefined ? {} : { offline: resolve(io.cwd, offline) }),
    };
    if (keep !== undefined) {
      const keepDir = resolve(io.cwd, keep);
      checkOutputDirectory(`--keep ${keep}`, keepDir, context);
      for (const name of SNAPSHOT_NAMES) {
        checkOutputFile(`--keep ${keep}: ${name}`, join(keepDir, name), context);
      }
    }
    const findings = reportFile === undefined ? undefined : (await readReport(reportFile)).findings;
    handleInterrupts((text) => io.stderr.write(text));
    const backend = await openBackend('run', args, io);
    let dir: string | undefined;
    try {
      dir = snapshotFolder(keep, io.cwd);
      const beforeFile = join(dir, SNAPSHOT_NAMES[0]);
      const afterFile = join(dir, SNAPSHOT_NAMES[1]);
      io.stderr.write(`${CONCURRENT_ACTIVITY_WARNING}\n`);
      await snapshotWithProgress(io, 'Snapshot before', (progress) =>
        takeSnapshot(backend, volumes, beforeFile, progress),
      );
      const trace = flag(args, 'trace') ? await startTrace('run', args, io, dir) : undefined;
      const scenarioExitCode = await runScenario(args.rest, io.cwd, trace?.env);
      if (scenarioExitCode !== 0) {
        io.stderr.write(`note: the scenario exited with code ${scenarioExitCode}\n`);
      }
      await snapshotWithProgress(io, 'Snapshot after', (progress) =>
        takeSnapshot(backend, volumes, afterFile, progress),
      );
      const diff = diffSnapshotFiles(beforeFile, afterFile, findings);
      if (keep === undefined) {
        // The temporary files are gone when this is read; do not point at them.
        diff.before.file = '(before the scenario, not kept: --keep DIR keeps it)';
        diff.after.file = '(after the scenario, not kept)';
      }
      const out = new Output(io.stdout);
      const traced = trace === undefined ? undefined : await finishTrace(trace, args, io, diff, beforeFile);
      if (flag(args, 'json')) {
        await writeDiffJson(out, diff, {
          scenario: args.rest,
          scenarioExitCode,
          ...(keep === undefined ? {} : { snapshots: { before: beforeFile, after: afterFile } }),
          ...(traced === undefined ? {} : { trace: traced.json }),
        });
      } else {
        await writeDiffText(out, diff);
        if (traced !== undefined) await traced.writeText(out);
        if (keep !== undefined) {
          await out.line(`Snapshots kept in ${dir}`);
        }
        await out.flush();
      }
      return diff.lost.length > 0 ? EXIT_FOUND : EXIT_OK;
    } finally {
      await backend.close();
      if (keep === undefined && dir !== undefined) {
        await rm(dir, { recursive: true, force: true });
        releaseTemporary(dir);
      }
    }
  },
};
