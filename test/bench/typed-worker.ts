// Child process of typed-lint.ts: lints the typed corpus once, cold, with one
// variant, and prints one JSON line. A fresh process per run is what a CI job
// or a pre-commit hook pays: the TypeScript program is built from nothing.
import { readFileSync, readdirSync } from 'node:fs';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import plugin from '../../plugin/index.js';
import { parsedModuleFiles } from '../../analysis/modules/load.js';
import { BASELINE_RULE_ID, baselinePlugin } from './baseline-plugin.js';

export interface TypedJob {
  readonly variant: 'baseline' | 'plugin';
  readonly stats: boolean;
  readonly projects: readonly { readonly cwd: string; readonly files: readonly string[] }[];
}

export interface TypedRun {
  readonly variant: TypedJob['variant'];
  readonly wallMs: number;
  readonly cpuMs: number;
  /** CPU time of each project's lint, in the job's order (the first also pays loading ESLint and the parser). */
  readonly projectCpuMs: number[];
  readonly files: number;
  readonly unparseable: number;
  readonly findings: number;
  readonly peakRssMb: number;
  /** With `stats`: ESLint's per-rule totals and whole time, summed over files. */
  readonly ruleMs: Record<string, number>;
  readonly totalMs: number;
  readonly parseMs: number;
  /**
   * The cold lint's CPU split by thread (Linux /proc; undefined elsewhere): the main thread, where
   * ESLint and the rules run, and the others, where V8 compiles hot functions and helps the GC.
   */
  readonly threadCpuMs: { readonly main: number; readonly others: number } | undefined;
  /** CPU of a second lint of the same files by the same ESLint instances: program built, modules cached, code compiled. */
  readonly warmCpuMs: number;
  /** Other modules of the projects the rules read (parsed or converted, once each) in the cold lint. */
  readonly modulesRead: number;
}

function variantConfig(variant: TypedJob['variant']): Linter.Config {
  return variant === 'baseline'
    ? { plugins: { bench: baselinePlugin }, rules: { [BASELINE_RULE_ID]: 'error' } }
    : plugin.configs['recommended-type-checked'];
}

/** CPU time per thread of this process so far (/proc/self/task/<tid>/stat, utime + stime), or undefined off Linux. */
function threadCpu(): Map<string, number> | undefined {
  try {
    const ticksPerMs = 100 / 1000; // USER_HZ is 100 on every Linux ABI Node runs on
    const threads = new Map<string, number>();
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(tid, (Number(fields[11]) + Number(fields[12])) / ticksPerMs);
    }
    return threads;
  } catch {
    return undefined;
  }
}

function threadSplit(before: Map<string, number> | undefined): TypedRun['threadCpuMs'] {
  const after = threadCpu();
  if (before === undefined || after === undefined) return undefined;
  let main = 0;
  let others = 0;
  for (const [tid, ms] of after) {
    const used = ms - (before.get(tid) ?? 0);
    if (tid === String(process.pid)) main += used;
    else others += used;
  }
  return { main, others };
}

async function run(job: TypedJob): Promise<TypedRun> {
  const threadsBefore = threadCpu();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let files = 0;
  let unparseable = 0;
  let findings = 0;
  let totalMs = 0;
  let parseMs = 0;
  const ruleMs: Record<string, number> = {};
  const projectCpuMs: number[] = [];
  const linters: { eslint: ESLint; files: readonly string[] }[] = [];
  for (const project of job.projects) {
    const projectCpu = process.cpuUsage();
    const eslint = new ESLint({
      cwd: project.cwd,
      overrideConfigFile: true,
      ignore: false,
      globInputPaths: false,
      errorOnUnmatchedPattern: false,
      stats: job.stats,
      overrideConfig: [
        {
          name: 'bench/typed',
          files: ['**/*.ts', '**/*.mts', '**/*.cts'],
          languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: project.cwd } },
          linterOptions: {
            noInlineConfig: true,
            reportUnusedDisableDirectives: 'off',
            reportUnusedInlineConfigs: 'off',
          },
        },
        { ...variantConfig(job.variant), name: `bench/${job.variant}` },
      ],
    });
    linters.push({ eslint, files: project.files });
    for (const result of await eslint.lintFiles([...project.files])) {
      files++;
      if (result.fatalErrorCount > 0) unparseable++;
      findings += result.messages.filter((message) => message.ruleId !== null && !message.fatal).length;
      for (const pass of result.stats?.times.passes ?? []) {
        totalMs += Number.isFinite(pass.total) ? pass.total : 0;
        parseMs += pass.parse?.total ?? 0;
        for (const [ruleId, { total }] of Object.entries(pass.rules ?? {}))
          ruleMs[ruleId] = (ruleMs[ruleId] ?? 0) + total;
      }
    }
    const projectUsed = process.cpuUsage(projectCpu);
    projectCpuMs.push((projectUsed.user + projectUsed.system) / 1000);
  }
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const threadCpuMs = threadSplit(threadsBefore);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  // The same module instance the rules use (the plugin loads the analysis from dist/ too).
  const modulesRead = parsedModuleFiles().length;
  const warmCpu = process.cpuUsage();
  for (const { eslint, files: lintedFiles } of linters) await eslint.lintFiles([...lintedFiles]);
  const warmUsed = process.cpuUsage(warmCpu);
  return {
    variant: job.variant,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    projectCpuMs,
    files,
    unparseable,
    findings,
    peakRssMb,
    ruleMs,
    totalMs,
    parseMs,
    threadCpuMs,
    warmCpuMs: (warmUsed.user + warmUsed.system) / 1000,
    modulesRead,
  };
}

// `node --test dist/test/` runs every .js file under a test/ directory: only run when given a job.
const jobFile = process.argv[2];
if (jobFile !== undefined && process.env.NODE_TEST_CONTEXT === undefined) {
  const job = JSON.parse(readFileSync(jobFile, 'utf8')) as TypedJob;
  process.stdout.write(`${JSON.stringify(await run(job))}\n`);
}
