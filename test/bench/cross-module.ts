/**
 * The cross-module-heavy case: a generated project of 2,000 files whose
 * writes all go through wrappers and path constants imported from other
 * modules, the shape the analysis reads other modules for. Each variant runs
 * in a fresh process (cold: nothing parsed yet), then lints again in the same
 * process (warm: the parse cache of analysis/modules/load.ts is full).
 * Variants alternate; medians of CPU time; the baseline is one do-nothing rule.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Section } from './report.js';
import type { CrossModuleRun, CrossModuleVariant } from './cross-module-worker.js';
import { median, ms, overhead, times } from './stats.js';

const execFileAsync = promisify(execFile);
const WORKER = fileURLToPath(new URL('cross-module-worker.js', import.meta.url));

const FILES = 2000;
const WRAPPER_MODULES = 50;
const PATH_CONSTANTS = 20;

export interface CrossModuleResult {
  readonly repetitions: number;
  readonly files: number;
  readonly findings: number;
  readonly baseline: { cold: number[]; warm: number[] };
  readonly plugin: { cold: number[]; warm: number[] };
}

/** Even constants name system files, odd ones a relative path: half the calls write a system file. */
function pathConstant(index: number): string {
  return index % 2 === 0 ? String.raw`C:\\Windows\\System32\\app${index}.ini` : `data/app${index}.json`;
}

function wrapperModule(k: number): string {
  return `import fs from 'node:fs';
import path from 'node:path';

export function save${k}(file, data) {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  fs.writeFileSync(file, text);
}

export class Store${k} {
  constructor(file = 'store${k}.json') {
    this.file = file;
  }
  append(line) {
    fs.appendFileSync(this.file, line + '\\n');
  }
  read() {
    return fs.readFileSync(path.resolve(this.file), 'utf8');
  }
}
`;
}

/** An ordinary module: some logic of its own, an import of a neighbour, and one write through a wrapper. */
function sourceModule(i: number): { text: string; system: boolean } {
  const k = i % WRAPPER_MODULES;
  const j = (i * 7) % PATH_CONSTANTS;
  const viaStore = i % 3 === 0;
  const neighbour = i === 0 ? '' : `import { total${i - 1} } from './mod${i - 1}.js';\n`;
  const use = viaStore
    ? `const store = new Store${k}(P${j});\nexport function record${i}(items) {\n  store.append(String(total${i}(items)));\n}\n`
    : `export function record${i}(items) {\n  save${k}(P${j}, { total: total${i}(items) });\n}\n`;
  const text = `import { save${k}, Store${k} } from '../lib/io/writer${k}.js';
import { P${j} } from '../lib/paths.js';
${neighbour}
const LIMITS = { low: ${i % 10}, high: ${(i % 10) + 100}, label: 'mod${i}' };

export function total${i}(items) {
  let sum = 0;
  for (const item of items) {
    if (item.value < LIMITS.low || item.value > LIMITS.high) continue;
    sum += item.value * (item.weight ?? 1);
  }
  return Math.round(sum * 100) / 100;
}

export function describe${i}(items) {
  const parts = items.map((item) => \`\${item.name}: \${item.value}\`);
  return [LIMITS.label, ...parts].join(', ');
}

${use}`;
  return { text, system: j % 2 === 0 };
}

/** Writes the project; returns its root and the number of findings the plugin must report. */
export function generateCrossModuleProject(parent: string): { root: string; expected: number } {
  const root = mkdtempSync(join(parent, 'wimboot-bench-cross-'));
  const write = (file: string, text: string): void => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  write('package.json', '{ "type": "module" }\n');
  write(
    'lib/paths.js',
    Array.from({ length: PATH_CONSTANTS }, (_, j) => `export const P${j} = '${pathConstant(j)}';\n`).join(''),
  );
  for (let k = 0; k < WRAPPER_MODULES; k++) write(`lib/io/writer${k}.js`, wrapperModule(k));
  let expected = 0;
  for (let i = 0; i < FILES - WRAPPER_MODULES - 1; i++) {
    const module = sourceModule(i);
    write(`src/mod${i}.js`, module.text);
    if (module.system) expected++;
  }
  return { root, expected };
}

async function runWorker(root: string, variant: CrossModuleVariant): Promise<CrossModuleRun> {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT; // the worker refuses to run under node --test
  const { stdout } = await execFileAsync(process.execPath, [WORKER, root, variant], {
    maxBuffer: 16 * 1024 * 1024,
    env,
  });
  return JSON.parse(stdout) as CrossModuleRun;
}

export async function benchCrossModule(options: {
  repetitions: number;
  log: (line: string) => void;
}): Promise<CrossModuleResult> {
  const { root, expected } = generateCrossModuleProject(tmpdir());
  try {
    const baseline = { cold: [] as number[], warm: [] as number[] };
    const plugin = { cold: [] as number[], warm: [] as number[] };
    let files = 0;
    for (let round = 0; round < options.repetitions; round++) {
      // Alternated, starting with each in turn: drifts of the machine hit both alike.
      const order: CrossModuleVariant[] = round % 2 === 0 ? ['baseline', 'plugin'] : ['plugin', 'baseline'];
      for (const variant of order) {
        const run = await runWorker(root, variant);
        const into = variant === 'baseline' ? baseline : plugin;
        into.cold.push(run.coldCpuMs);
        into.warm.push(run.warmCpuMs);
        files = run.files;
        // The figures are only worth something if the analysis really followed the imports.
        if (variant === 'plugin' && run.findings !== expected)
          throw new Error(`cross-module bench: ${run.findings} findings, expected ${expected}`);
      }
      options.log(
        `  round ${round + 1}: baseline ${ms(baseline.cold.at(-1)!)}/${ms(baseline.warm.at(-1)!)}, plugin ${ms(plugin.cold.at(-1)!)}/${ms(plugin.warm.at(-1)!)} CPU (cold/warm)`,
      );
    }
    return { repetitions: options.repetitions, files, findings: expected, baseline, plugin };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Per-round ratios (each plugin run over the baseline run of its round), then their median. */
function ratio(plugin: readonly number[], baseline: readonly number[]): number {
  return median(plugin.map((value, index) => value / baseline[index]!));
}

export function crossModuleRatios(result: CrossModuleResult): { cold: number; warm: number } {
  return {
    cold: ratio(result.plugin.cold, result.baseline.cold),
    warm: ratio(result.plugin.warm, result.baseline.warm),
  };
}

export function crossModuleSection(result: CrossModuleResult): Section {
  const { cold, warm } = crossModuleRatios(result);
  return {
    title: 'Cross-module-heavy project',
    paragraphs: [
      `A generated project of ${result.files} files: ${WRAPPER_MODULES} wrapper modules (a \`save(file, data)\` helper and a class whose constructor takes the file), a module of path constants, and modules that each import a neighbour, one wrapper and one constant and write through the wrapper; half the constants are system paths, so the plugin must report ${result.findings} writes, every one found only by reading two other modules (the bench fails otherwise). ESLint's Node API with \`recommended\` against the one-do-nothing-rule baseline, each in a fresh process (cold: no module parsed yet, as in CI or a pre-commit hook), then a second lint in the same process (warm: the parse cache holds every module, as in an editor). ${result.repetitions} rounds, alternated; CPU time; ratios per round, median.`,
    ],
    tables: [
      [
        ['Lint', 'Baseline CPU', 'recommended CPU', 'Ratio'],
        [
          'cold (fresh process)',
          ms(median(result.baseline.cold)),
          ms(median(result.plugin.cold)),
          `${times(cold)} (${overhead(cold)})`,
        ],
        [
          'warm (same process, second lint)',
          ms(median(result.baseline.warm)),
          ms(median(result.plugin.warm)),
          `${times(warm)} (${overhead(warm)})`,
        ],
      ],
    ],
    after: [
      'Every file here reaches a file API through its imports, so none is spared by the per-file gate: this is the worst case for cost per file, where the real-corpus figure above is the typical one.',
    ],
  };
}
