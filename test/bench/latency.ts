import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { NODE_MODULES, REPO_ROOT, listFiles } from './corpus.js';
import { median } from './stats.js';
import type { ProbeResult } from './import-probe.js';

/**
 * Editor and pre-commit latency, each in fresh processes:
 * - importing the plugin (what an editor's ESLint server or a CLI pays once),
 *   against importing an empty module and importing `eslint` itself, and which
 *   modules that loads (koffi and the TypeScript compiler must not be among
 *   them in untyped use);
 * - `wimboot-lint` on 20 files, cold, against ESLint's own CLI with one
 *   do-nothing rule on the same 20 files.
 */

const execFileAsync = promisify(execFile);
const PROBE = fileURLToPath(new URL('import-probe.js', import.meta.url));
const PLUGIN_URL = pathToFileURL(join(REPO_ROOT, 'dist', 'plugin', 'index.js')).href;
const WIMBOOT_LINT = join(REPO_ROOT, 'dist', 'lint-cli', 'wimboot-lint.js');
const ESLINT_BIN = join(NODE_MODULES, 'eslint', 'bin', 'eslint.js');
const EMPTY_MODULE = 'data:text/javascript,export{}';

function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT; // the probes refuse to run under node --test
  delete env.TIMING;
  return env;
}

/** CPU time of waited-for children (user + system), from /proc (Linux); undefined elsewhere. */
const clockTicks = ((): number | undefined => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || undefined;
  } catch {
    return undefined;
  }
})();

function childrenCpuMs(): number | undefined {
  if (clockTicks === undefined) return undefined;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of stat(5) (cutime, cstime); the slice starts at field 3.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / clockTicks;
  } catch {
    return undefined;
  }
}

async function probe(args: readonly string[]): Promise<ProbeResult> {
  const { stdout } = await execFileAsync(process.execPath, [PROBE, ...args], {
    env: childEnv(),
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ProbeResult;
}

export interface ImportTarget {
  readonly key: 'empty' | 'eslint' | 'plugin' | 'plugin-after-eslint';
  readonly label: string;
  /** Wall time of the import, per process. */
  readonly ms: number[];
  readonly cpuMs: number[];
}

export interface ModuleCheck {
  readonly modules: number;
  readonly typescript: readonly string[];
  readonly koffi: readonly string[];
}

export interface ColdRun {
  readonly key: string;
  readonly label: string;
  readonly wallMs: number[];
  readonly cpuMs: number[];
}

export interface ColdSet {
  readonly name: string;
  readonly files: readonly string[];
  readonly runs: ColdRun[];
}

export interface LatencyResult {
  readonly repetitions: number;
  readonly imports: ImportTarget[];
  readonly importOnly: ModuleCheck;
  readonly importAndLint: ModuleCheck;
  readonly cold: ColdSet[];
  readonly cpuMeasured: boolean;
}

const TYPESCRIPT = /[\\/]node_modules[\\/]typescript[\\/]/u;
const KOFFI = /[\\/]node_modules[\\/](?:koffi|@koromix)[\\/]|koffi[^\\/]*\.node$/u;

async function moduleCheck(lint: boolean): Promise<ModuleCheck> {
  const result = await probe(['check', PLUGIN_URL, lint ? 'lint' : '']);
  const modules = result.modules ?? [];
  const everything = [...modules, ...(result.nativeLibraries ?? [])];
  return {
    modules: modules.length,
    typescript: everything.filter((path) => TYPESCRIPT.test(path)),
    koffi: everything.filter((path) => KOFFI.test(path)),
  };
}

/** A throwaway project holding copies of `sources` and an eslint.config.mjs with the baseline rule (and the TS parser for .ts). */
function makeProject(root: string, name: string, sources: readonly string[]): { dir: string; files: string[] } {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const files = sources.map((source, index) => {
    const target = join(dir, `${String(index).padStart(2, '0')}-${basename(source)}`);
    copyFileSync(source, target);
    return target;
  });
  const baselineUrl = pathToFileURL(join(REPO_ROOT, 'dist', 'test', 'bench', 'baseline-plugin.js')).href;
  const parserUrl = pathToFileURL(join(NODE_MODULES, '@typescript-eslint', 'parser', 'dist', 'index.js')).href;
  const typescript = files.some((file) => file.endsWith('.ts'));
  writeFileSync(
    join(dir, 'eslint.config.mjs'),
    [
      `import { baselinePlugin, BASELINE_RULE_ID } from ${JSON.stringify(baselineUrl)};`,
      typescript ? `import * as tsParser from ${JSON.stringify(parserUrl)};` : '',
      'export default [',
      typescript ? "  { files: ['**/*.ts'], languageOptions: { parser: tsParser } }," : '',
      "  { plugins: { bench: baselinePlugin }, rules: { [BASELINE_RULE_ID]: 'error' }, linterOptions: { reportUnusedDisableDirectives: 'off' } },",
      '];',
      '',
    ].join('\n'),
  );
  return { dir, files };
}

async function coldRun(dir: string, args: readonly string[]): Promise<{ wallMs: number; cpuMs: number | undefined }> {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  try {
    await execFileAsync(process.execPath, args, { cwd: dir, env: childEnv(), maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    // Exit 1 means findings: fine. Anything else is a broken measurement.
    if ((error as { code?: unknown }).code !== 1) throw error;
  }
  const wallMs = performance.now() - start;
  const cpuAfter = childrenCpuMs();
  return { wallMs, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

export async function benchLatency(options: {
  importRepetitions: number;
  coldRepetitions: number;
  log: (line: string) => void;
}): Promise<LatencyResult> {
  const { log } = options;
  const imports: ImportTarget[] = [
    { key: 'empty', label: 'an empty module (process baseline)', ms: [], cpuMs: [] },
    { key: 'eslint', label: '`eslint` (baseline)', ms: [], cpuMs: [] },
    { key: 'plugin', label: 'eslint-plugin-wimboot, alone', ms: [], cpuMs: [] },
    {
      key: 'plugin-after-eslint',
      label: 'eslint-plugin-wimboot, with eslint already loaded (as in an editor)',
      ms: [],
      cpuMs: [],
    },
  ];
  const argsFor = (key: ImportTarget['key']): string[] => {
    switch (key) {
      case 'empty':
        return ['time', EMPTY_MODULE];
      case 'eslint':
        return ['time', 'eslint'];
      case 'plugin':
        return ['time', PLUGIN_URL];
      case 'plugin-after-eslint':
        return ['time', PLUGIN_URL, 'eslint'];
    }
  };
  await probe(argsFor('plugin')); // warm the disk cache
  for (let repetition = 0; repetition < options.importRepetitions; repetition++) {
    const offset = repetition % imports.length;
    for (const target of [...imports.slice(offset), ...imports.slice(0, offset)]) {
      const measured = await probe(argsFor(target.key));
      target.ms.push(measured.ms);
      target.cpuMs.push(measured.cpuMs ?? Number.NaN);
    }
  }
  log(
    `  import medians: ${imports.map((target) => `${target.key} ${median(target.cpuMs).toFixed(1)} ms CPU / ${median(target.ms).toFixed(1)} ms wall`).join(', ')}`,
  );
  const importOnly = await moduleCheck(false);
  const importAndLint = await moduleCheck(true);
  log(
    `  loaded by the plugin: ${importOnly.modules} modules; after an untyped lint: ${importAndLint.modules}; typescript ${importAndLint.typescript.length}, koffi ${importAndLint.koffi.length}`,
  );

  const root = mkdtempSync(join(tmpdir(), 'wimboot-bench-cold-'));
  const cold: ColdSet[] = [];
  let cpuMeasured = true;
  try {
    const jsSources = listFiles(join(NODE_MODULES, 'eslint', 'lib', 'rules'), ['.js']).slice(0, 20);
    const tsSources = listFiles(join(REPO_ROOT, 'analysis'), ['.ts'])
      .filter((file) => !file.endsWith('.d.ts'))
      .slice(0, 20);
    for (const [name, sources] of [
      ['20 JavaScript files (eslint/lib/rules/*.js)', jsSources],
      ['20 TypeScript files (this repository’s analysis/, untyped)', tsSources],
    ] as const) {
      const project = makeProject(root, name.startsWith('20 Java') ? 'js' : 'ts', sources);
      const relative = project.files.map((file) => basename(file));
      const commands = [
        { key: 'node', label: '`node -e 0` (process start)', args: ['-e', '0'] },
        { key: 'eslint', label: '`eslint` CLI, one do-nothing rule (baseline)', args: [ESLINT_BIN, ...relative] },
        { key: 'wimboot-lint', label: '`wimboot-lint`', args: [WIMBOOT_LINT, ...relative] },
      ];
      const runs: ColdRun[] = commands.map((command) => ({
        key: command.key,
        label: command.label,
        wallMs: [],
        cpuMs: [],
      }));
      await coldRun(project.dir, commands[2]!.args); // warm the disk cache
      for (let repetition = 0; repetition < options.coldRepetitions; repetition++) {
        const offset = repetition % commands.length;
        for (const index of [...commands.keys()].map((key) => (key + offset) % commands.length)) {
          const measured = await coldRun(project.dir, commands[index]!.args);
          runs[index]!.wallMs.push(measured.wallMs);
          if (measured.cpuMs === undefined) cpuMeasured = false;
          else runs[index]!.cpuMs.push(measured.cpuMs);
        }
      }
      cold.push({
        name,
        files: sources.map((source) =>
          source.slice(source.indexOf('node_modules') === -1 ? REPO_ROOT.length : NODE_MODULES.length + 1),
        ),
        runs,
      });
      log(
        `  ${name}: ${runs.map((run) => `${run.key} ${median(run.wallMs).toFixed(0)} ms wall / ${median(run.cpuMs).toFixed(0)} ms CPU`).join(', ')}`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { repetitions: options.importRepetitions, imports, importOnly, importAndLint, cold, cpuMeasured };
}
