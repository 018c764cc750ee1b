/**
 * The tracer's overhead (docs/trace.md), as ratios within one run: the same
 * scenario as a child process with and without the tracer preloaded, runs
 * alternated, medians compared. fs-heavy: a recursive copy of part of this
 * repository's node_modules (fs.cpSync, as copy and build scripts do; and a
 * hand-written copyFileSync loop, the worst case: every call a write-open
 * whose stack is captured). Read-only: reading every file of the same tree.
 * Destinations are in /dev/shm where there is one, so disk noise does not
 * swamp the figures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tracedEnvironment } from '../../runtime-check/trace/launch.js';
import { readTrace } from '../../runtime-check/trace/read-trace.js';
import { REPO_ROOT } from './corpus.js';
import type { Section } from './report.js';
import { median, ms, times } from './stats.js';

const SOURCES = ['@typescript-eslint', 'eslint', 'ajv', 'typescript'].map((name) =>
  join(REPO_ROOT, 'node_modules', name),
);

const SCENARIO = `const fs = require('node:fs');
const path = require('node:path');
function copy(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copy(source, target);
    else if (entry.isFile()) fs.copyFileSync(source, target);
  }
}
function read(from) {
  let bytes = 0;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) bytes += read(source);
    else if (entry.isFile()) bytes += fs.readFileSync(source).length;
  }
  return bytes;
}
const [mode, out, ...sources] = process.argv.slice(2);
for (const source of sources) {
  const target = path.join(out, path.basename(source));
  if (mode === 'cp') fs.cpSync(source, target, { recursive: true });
  else if (mode === 'copy') copy(source, target);
  else read(source);
}
`;

export const TRACE_TARGETS = { cp: 1.1, copy: 1.1, read: 1.02 } as const;

export interface TraceScenarioResult {
  readonly mode: keyof typeof TRACE_TARGETS;
  readonly label: string;
  readonly bareMs: number[];
  readonly tracedMs: number[];
  readonly writeOpens: number;
}

export interface TraceOverhead {
  readonly repetitions: number;
  readonly scenarios: TraceScenarioResult[];
}

const LABELS: Record<keyof typeof TRACE_TARGETS, string> = {
  cp: 'fs-heavy: fs.cpSync of node_modules (4 packages)',
  copy: 'fs-heavy worst case: copyFileSync loop, a stack per file',
  read: 'read-only: readFileSync of the same files',
};

function wall(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (run.status !== 0) throw new Error(`bench scenario failed (${run.status}): ${run.stderr}`);
  return elapsed;
}

export async function benchTraceOverhead(options: {
  repetitions: number;
  log: (line: string) => void;
}): Promise<TraceOverhead> {
  const scratch = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'wimboot-bench-trace-'));
  try {
    const script = join(scratch, 'scenario.cjs');
    writeFileSync(script, SCENARIO);
    const scenarios: TraceScenarioResult[] = [];
    for (const mode of Object.keys(TRACE_TARGETS) as (keyof typeof TRACE_TARGETS)[]) {
      const bareMs: number[] = [];
      const tracedMs: number[] = [];
      let writeOpens = 0;
      // One warm-up of each, then alternated: both see the same page cache and the same neighbours.
      for (let round = -1; round < options.repetitions; round += 1) {
        const out = join(scratch, 'out');
        const traceDir = join(scratch, 'trace');
        rmSync(out, { recursive: true, force: true });
        const bare = wall([script, mode, out, ...SOURCES], process.env);
        rmSync(out, { recursive: true, force: true });
        rmSync(traceDir, { recursive: true, force: true });
        mkdirSync(traceDir);
        const traced = wall([script, mode, out, ...SOURCES], tracedEnvironment(process.env, traceDir));
        if (round >= 0) {
          bareMs.push(bare);
          tracedMs.push(traced);
        }
        writeOpens = (await readTrace(traceDir)).opens.length;
      }
      options.log(`  ${mode}: ${ms(median(bareMs))} bare, ${ms(median(tracedMs))} traced, ${writeOpens} write-opens`);
      scenarios.push({ mode, label: LABELS[mode], bareMs, tracedMs, writeOpens });
    }
    return { repetitions: options.repetitions, scenarios };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function traceOverheadSection(result: TraceOverhead): Section {
  const rows = result.scenarios.map((scenario) => {
    const ratio = median(scenario.tracedMs) / median(scenario.bareMs);
    const target = TRACE_TARGETS[scenario.mode];
    const met = ratio <= target ? 'met' : 'missed';
    return [
      scenario.label,
      String(scenario.writeOpens),
      ms(median(scenario.bareMs)),
      ms(median(scenario.tracedMs)),
      times(ratio),
      scenario.mode === 'copy'
        ? `(no target: ${times(target, 2)} is for real scenarios)`
        : `≤ ${times(target, 2)}: ${met}`,
    ];
  });
  return {
    title: 'Tracer overhead',
    paragraphs: [
      `\`wimboot-check trace\` preloads the tracer into every Node process (docs/trace.md). Each scenario runs as a child process, without and with the tracer, alternated, ${result.repetitions} times after a warm-up; wall times include process start-up and the tracer writing its trace. Medians.`,
    ],
    tables: [[['Scenario', 'Write-opens', 'Bare (ms)', 'Traced (ms)', 'Ratio', 'Target'], ...rows]],
    after: [
      'Reads go through the wrappers untouched (a flag check); a write-open costs a stack capture (V8 call sites, a few frames first), a JSON line and a share of one buffered write. fs.cpSync records each file it copies with the stack of the cpSync call, captured once.',
    ],
  };
}
