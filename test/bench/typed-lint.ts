import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Corpus, NODE_MODULES, REPO_ROOT, isDeclarationFile, listFiles, measureCorpus } from './corpus.js';
import { median } from './stats.js';
import type { TypedJob, TypedRun } from './typed-worker.js';

/**
 * Typed lint cost: typed parsing (projectService) of a TypeScript corpus
 * with the baseline rule, then with the plugin's recommended-type-checked
 * rules, each run cold in a fresh process (the program is built from
 * nothing, as in CI or a hook), alternating, repeated; every repetition's
 * ratio is plugin ÷ baseline of that repetition.
 *
 * The corpus is this repository's own TypeScript (plugin/, analysis/, formats/, lint-cli/, runtime-check/,
 * test/ under its real tsconfig.json) plus ajv's TypeScript sources (ajv ships
 * lib/*.ts but no tsconfig), copied next to a generated tsconfig.
 */

const execFileAsync = promisify(execFile);
const WORKER = fileURLToPath(new URL('typed-worker.js', import.meta.url));
const TS = ['.ts', '.mts', '.cts'];

export interface TypedProject {
  readonly name: string;
  readonly cwd: string;
  readonly files: string[];
}

export interface TypedResult {
  readonly projects: readonly {
    readonly name: string;
    readonly files: number;
    readonly lines: number;
    /** Plugin ÷ baseline CPU of this project's lint, one per repetition. */
    readonly cpuRatios: readonly number[];
  }[];
  readonly corpus: Corpus;
  readonly repetitions: number;
  readonly statsRuns: TypedRun[];
  readonly runs: { baseline: TypedRun[]; plugin: TypedRun[] };
  readonly cpuRatios: number[];
  readonly wallRatios: number[];
  /** Plugin ÷ baseline CPU of the second, warm lint in the same processes (reference). */
  readonly warmCpuRatios: number[];
}

/** Copies ajv's lib/*.ts into a temporary project with a generated tsconfig; node_modules is linked so imports resolve. */
function ajvProject(root: string): TypedProject | undefined {
  const source = join(NODE_MODULES, 'ajv', 'lib');
  const files = listFiles(source, TS).filter((file) => !isDeclarationFile(file));
  if (files.length === 0) return undefined;
  const cwd = join(root, 'ajv');
  cpSync(source, join(cwd, 'lib'), { recursive: true });
  cpSync(join(NODE_MODULES, 'ajv', 'package.json'), join(cwd, 'package.json'));
  symlinkSync(NODE_MODULES, join(cwd, 'node_modules'), 'dir');
  writeFileSync(
    join(cwd, 'tsconfig.json'),
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'es2018',
          module: 'commonjs',
          moduleResolution: 'node',
          lib: ['es2018'],
          resolveJsonModule: true,
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          types: [],
        },
        include: ['lib'],
      },
      null,
      2,
    )}\n`,
  );
  return {
    name: 'ajv lib/ (generated tsconfig)',
    cwd,
    files: listFiles(join(cwd, 'lib'), TS).filter((file) => !isDeclarationFile(file)),
  };
}

/** This repository's TypeScript, as its tsconfig.json includes it (fixtures have their own projects). */
function ownProject(): TypedProject {
  const files = ['plugin', 'analysis', 'formats', 'lint-cli', 'runtime-check', 'test']
    .flatMap((dir) => listFiles(join(REPO_ROOT, dir), TS))
    .filter((file) => !isDeclarationFile(file) && !file.startsWith(join(REPO_ROOT, 'test', 'fixtures')));
  return {
    name: 'this repository (plugin/, analysis/, formats/, lint-cli/, runtime-check/, test/; tsconfig.json)',
    cwd: REPO_ROOT,
    files,
  };
}

async function runWorker(jobFile: string): Promise<TypedRun> {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT; // the worker refuses to run under node --test
  const { stdout } = await execFileAsync(process.execPath, [WORKER, jobFile], { maxBuffer: 64 * 1024 * 1024, env });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as TypedRun;
}

export async function benchTypedLint(options: {
  repetitions: number;
  log: (line: string) => void;
}): Promise<TypedResult> {
  const { log } = options;
  const temp = mkdtempSync(join(tmpdir(), 'wimboot-bench-typed-'));
  try {
    const projects = [ownProject(), ajvProject(temp)].filter(
      (project): project is TypedProject => project !== undefined,
    );
    const measured = projects.map((project) => ({ project, corpus: measureCorpus(project.files, []) }));
    const corpus = measureCorpus(
      projects.flatMap((project) => project.files),
      projects.map((project) => project.name),
    );
    log(
      `typed corpus: ${corpus.files.length} files, ${corpus.lines} lines (${measured.map(({ project, corpus: c }) => `${project.name}: ${c.files.length} files`).join('; ')})`,
    );
    const jobFile = (variant: TypedJob['variant'], stats: boolean): string => {
      const file = join(temp, `job-${variant}-${stats ? 'stats' : 'timed'}.json`);
      const job: TypedJob = {
        variant,
        stats,
        projects: projects.map((project) => ({ cwd: project.cwd, files: project.files })),
      };
      writeFileSync(file, JSON.stringify(job));
      return file;
    };
    const variants = ['baseline', 'plugin'] as const;
    // Stats runs first (they also warm the disk cache): per-rule times.
    const statsRuns: TypedRun[] = [];
    for (const variant of variants) {
      const run = await runWorker(jobFile(variant, true));
      statsRuns.push(run);
      log(
        `  stats run ${variant}: ${run.cpuMs.toFixed(0)} ms CPU, ${run.findings} findings, ${run.unparseable} unparseable, peak RSS ${run.peakRssMb.toFixed(0)} MB`,
      );
    }
    const runs = { baseline: [] as TypedRun[], plugin: [] as TypedRun[] };
    const cpuRatios: number[] = [];
    const wallRatios: number[] = [];
    const warmCpuRatios: number[] = [];
    const projectRatios = projects.map((): number[] => []);
    for (let repetition = 0; repetition < options.repetitions; repetition++) {
      const order = repetition % 2 === 0 ? variants : ([...variants].reverse() as unknown as typeof variants);
      const results = new Map<string, TypedRun>();
      for (const variant of order) results.set(variant, await runWorker(jobFile(variant, false)));
      const baseline = results.get('baseline')!;
      const pluginRun = results.get('plugin')!;
      runs.baseline.push(baseline);
      runs.plugin.push(pluginRun);
      cpuRatios.push(pluginRun.cpuMs / baseline.cpuMs);
      wallRatios.push(pluginRun.wallMs / baseline.wallMs);
      warmCpuRatios.push(pluginRun.warmCpuMs / baseline.warmCpuMs);
      for (const [index, ratios] of projectRatios.entries()) {
        ratios.push((pluginRun.projectCpuMs[index] ?? Number.NaN) / (baseline.projectCpuMs[index] ?? Number.NaN));
      }
      log(
        `  repetition ${repetition + 1}/${options.repetitions}: baseline ${baseline.cpuMs.toFixed(0)} ms CPU, plugin ${pluginRun.cpuMs.toFixed(0)} ms CPU (×${cpuRatios.at(-1)!.toFixed(3)}); warm ×${warmCpuRatios.at(-1)!.toFixed(3)}`,
      );
    }
    log(`  median CPU ratio: ${median(cpuRatios).toFixed(3)}`);
    return {
      projects: measured.map(({ project, corpus: c }, index) => ({
        name: project.name,
        files: c.files.length,
        lines: c.lines,
        cpuRatios: projectRatios[index] ?? [],
      })),
      corpus,
      repetitions: options.repetitions,
      statsRuns,
      runs,
      cpuRatios,
      wallRatios,
      warmCpuRatios,
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
