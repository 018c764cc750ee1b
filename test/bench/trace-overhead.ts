/**
 * The tracer's overhead (docs/trace.md), as ratios within one run: the same
 * scenario as a child process with and without the tracer preloaded, runs
 * alternated, medians compared. The targets are for real scenarios: a
 * recursive copy of this repository's node_modules into a folder on disk
 * (fs.cpSync, as copy and build scripts do), and ESLint linting JavaScript
 * sources (it reads every file and loads hundreds of modules, and writes
 * none). The rows without a target isolate the tracer's own costs: the copy
 * into memory (/dev/shm, no disk), a hand-written copyFileSync loop (every
 * call a write-open whose stack is captured) and a bare read of every file
 * of the tree (about 160 ms: the preload's fixed start-up cost shows).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tracedEnvironment } from '../../runtime-check/trace/launch.js';
import { readTrace } from '../../runtime-check/trace/read-trace.js';
import { NODE_MODULES } from './corpus.js';
import type { Section } from './report.js';
import { median, ms, times } from './stats.js';

// Each scenario prints its own CPU time last: the tracer's work is in the process it traces.
const CPU_LINE = `process.on('exit', () => {
  const used = process.cpuUsage();
  process.stdout.write('\\n' + JSON.stringify({ cpuMs: (used.user + used.system) / 1000 }) + '\\n');
});
`;

const COPY_SCRIPT = `${CPU_LINE}const fs = require('node:fs');
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
const [mode, out, source] = process.argv.slice(2);
const target = path.join(out, path.basename(source));
if (mode === 'cp') fs.cpSync(source, target, { recursive: true });
else if (mode === 'copy') copy(source, target);
else read(source);
`;

// ESLint from this repository's node_modules, core rules only: reads sources, writes nothing.
const LINT_SCRIPT = `${CPU_LINE}import { createRequire } from 'node:module';
const [root, ...patterns] = process.argv.slice(2);
const { ESLint } = createRequire(root + '/')('eslint');
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  ignore: false,
  overrideConfig: [{
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { 'no-unused-vars': 'error', 'no-undef': 'error', eqeqeq: 'error', 'no-shadow': 'error' },
  }],
});
let messages = 0;
for (const result of await eslint.lintFiles(patterns)) messages += result.messages.length;
console.log(messages);
`;
const LINTED = ['eslint/lib/**/*.js', 'ajv/dist/**/*.js'];

type Mode = 'cp-disk' | 'lint' | 'cp' | 'copy' | 'read';

interface Scenario {
  readonly mode: Mode;
  readonly label: string;
  /** The ratio a real scenario must stay within; none for the rows that isolate the tracer's costs. */
  readonly target?: number;
  /** Long scenarios run fewer times. */
  readonly maxRepetitions?: number;
  /** The command line, given the scratch folder on memory and one on disk. */
  args(paths: { readonly shm: string; readonly disk: string }): string[];
  /** Where its output goes, removed before each run. */
  out(paths: { readonly shm: string; readonly disk: string }): string;
}

const SCENARIOS: readonly Scenario[] = [
  {
    mode: 'cp-disk',
    label: 'fs-heavy, real: fs.cpSync of node_modules into a folder on disk',
    target: 1.1,
    maxRepetitions: 5,
    args: ({ shm, disk }) => [join(shm, 'copy.cjs'), 'cp', join(disk, 'out'), NODE_MODULES],
    out: ({ disk }) => join(disk, 'out'),
  },
  {
    mode: 'lint',
    label: 'read-only, real: ESLint linting eslint/lib and ajv/dist (core rules)',
    target: 1.02,
    maxRepetitions: 7,
    args: ({ shm }) => [join(shm, 'lint.mjs'), NODE_MODULES, ...LINTED],
    out: ({ shm }) => join(shm, 'out'),
  },
  {
    mode: 'cp',
    label: 'fs-heavy, no disk: the same fs.cpSync into memory (/dev/shm)',
    args: ({ shm }) => [join(shm, 'copy.cjs'), 'cp', join(shm, 'out'), NODE_MODULES],
    out: ({ shm }) => join(shm, 'out'),
  },
  {
    mode: 'copy',
    label: 'worst case: a copyFileSync loop into memory, a stack per file',
    args: ({ shm }) => [join(shm, 'copy.cjs'), 'copy', join(shm, 'out'), NODE_MODULES],
    out: ({ shm }) => join(shm, 'out'),
  },
  {
    mode: 'read',
    label: 'start-up bound: readFileSync of every file of node_modules',
    args: ({ shm }) => [join(shm, 'copy.cjs'), 'read', join(shm, 'out'), NODE_MODULES],
    out: ({ shm }) => join(shm, 'out'),
  },
];

export interface TraceScenarioResult {
  readonly mode: Mode;
  readonly label: string;
  readonly target: number | undefined;
  /** Wall times. */
  readonly bareMs: number[];
  readonly tracedMs: number[];
  /** The scenario process's own CPU time. */
  readonly bareCpuMs: number[];
  readonly tracedCpuMs: number[];
  readonly writeOpens: number;
}

export interface TraceOverhead {
  readonly repetitions: number;
  readonly scenarios: TraceScenarioResult[];
}

interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

function measure(args: readonly string[], env: NodeJS.ProcessEnv): Timing {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const wallMs = performance.now() - start;
  if (run.status !== 0) throw new Error(`bench scenario failed (${run.status}): ${run.stderr}`);
  const { cpuMs } = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as { cpuMs: number };
  return { wallMs, cpuMs };
}

export async function benchTraceOverhead(options: {
  repetitions: number;
  log: (line: string) => void;
}): Promise<TraceOverhead> {
  const shm = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'wimboot-bench-trace-'));
  const disk = mkdtempSync(join(tmpdir(), 'wimboot-bench-trace-disk-'));
  const paths = { shm, disk };
  try {
    writeFileSync(join(shm, 'copy.cjs'), COPY_SCRIPT);
    writeFileSync(join(shm, 'lint.mjs'), LINT_SCRIPT);
    const scenarios: TraceScenarioResult[] = [];
    for (const scenario of SCENARIOS) {
      const repetitions = Math.min(options.repetitions, scenario.maxRepetitions ?? options.repetitions);
      const bareMs: number[] = [];
      const tracedMs: number[] = [];
      const bareCpuMs: number[] = [];
      const tracedCpuMs: number[] = [];
      let writeOpens = 0;
      const args = scenario.args(paths);
      const out = scenario.out(paths);
      // One warm-up of each, then alternated: both see the same page cache and the same neighbours.
      for (let round = -1; round < repetitions; round += 1) {
        const traceDir = join(shm, 'trace');
        rmSync(out, { recursive: true, force: true });
        const bare = measure(args, process.env);
        rmSync(out, { recursive: true, force: true });
        rmSync(traceDir, { recursive: true, force: true });
        mkdirSync(traceDir);
        const traced = measure(args, tracedEnvironment(process.env, traceDir));
        if (round >= 0) {
          bareMs.push(bare.wallMs);
          tracedMs.push(traced.wallMs);
          bareCpuMs.push(bare.cpuMs);
          tracedCpuMs.push(traced.cpuMs);
        }
        writeOpens = (await readTrace(traceDir)).opens.length;
      }
      options.log(
        `  ${scenario.mode}: ${ms(median(bareMs))} bare, ${ms(median(tracedMs))} traced, ${writeOpens} write-opens`,
      );
      scenarios.push({
        mode: scenario.mode,
        label: scenario.label,
        target: scenario.target,
        bareMs,
        tracedMs,
        bareCpuMs,
        tracedCpuMs,
        writeOpens,
      });
    }
    return { repetitions: options.repetitions, scenarios };
  } finally {
    rmSync(shm, { recursive: true, force: true });
    rmSync(disk, { recursive: true, force: true });
  }
}

export function traceOverheadSection(result: TraceOverhead): Section {
  const rows = result.scenarios.map((scenario) => {
    const ratio = median(scenario.tracedMs) / median(scenario.bareMs);
    const cpuRatio = median(scenario.tracedCpuMs) / median(scenario.bareCpuMs);
    const { target } = scenario;
    return [
      scenario.label,
      String(scenario.bareMs.length),
      String(scenario.writeOpens),
      ms(median(scenario.bareMs)),
      ms(median(scenario.tracedMs)),
      times(ratio),
      times(cpuRatio),
      target === undefined
        ? '(no target: isolates a cost)'
        : `≤ ${times(target, 2)} wall: ${ratio <= target ? 'met' : 'missed'}`,
    ];
  });
  return {
    title: 'Tracer overhead',
    paragraphs: [
      `\`wimboot-check trace\` preloads the tracer into every Node process (docs/trace.md). Each scenario runs as a child process, without and with the tracer, alternated, after a warm-up (runs: the column; ${result.repetitions} at most); wall times include process start-up and the tracer writing its trace; the CPU ratio is of the scenario process's own CPU time (user + system), which the disk and the machine's neighbours disturb less. Medians. node_modules is this repository's (\`npm ci\`).`,
    ],
    tables: [
      [['Scenario', 'Runs', 'Write-opens', 'Bare (ms)', 'Traced (ms)', 'Wall ratio', 'CPU ratio', 'Target'], ...rows],
    ],
    after: [
      'Reads go through the wrappers untouched (a type check on the flags argument); a write-open costs a stack capture (V8 call sites, a few frames first), a JSON line and a share of one buffered write; fs.cpSync records each file it copies with the stack of the cpSync call, captured once. Every traced process also pays the preload once, about 4 ms: the bare read of the tree is short enough for that to show.',
    ],
  };
}
