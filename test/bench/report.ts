import type { LatencyResult } from './latency.js';
import type { Machine } from './machine.js';
import type { RuntimeScale } from './runtime-scale.js';
import { max, median, min, ms, overhead, thousands, times } from './stats.js';
import type { TypedResult } from './typed-lint.js';
import type { UntypedResult } from './untyped-lint.js';

/** Tables and text of docs/performance.md, built from measured results only. */

export interface Plan {
  readonly untypedRepetitions: number;
  readonly typedRepetitions: number;
  readonly importRepetitions: number;
  readonly coldRepetitions: number;
  readonly runtimeRepetitions: number;
  readonly chunkSize: number;
}

export interface BenchInput {
  readonly machine: Machine;
  readonly plan: Plan;
  readonly quick: boolean;
  /** CPU ÷ wall of a busy loop, before and after the run. */
  readonly cpuShare: readonly number[];
  readonly seconds: number;
  readonly untyped?: UntypedResult | undefined;
  readonly typed?: TypedResult | undefined;
  readonly latency?: LatencyResult | undefined;
  readonly runtime?: RuntimeScale | undefined;
}

export interface Section {
  readonly title: string;
  readonly paragraphs: string[];
  readonly tables: string[][][];
  readonly after: string[];
}

export const TARGETS = {
  untypedRatio: 1.05,
  typedRatio: 1.1,
  importMs: 30,
  /** Linear growth: ×10 files may cost at most ×12 (10 plus noise). */
  growthPerDecade: 12,
  millionMs: 5000,
  peakMb: 500,
} as const;

const MET = '✅ met';
const MISSED = '❌ missed';
const verdict = (ok: boolean): string => (ok ? MET : MISSED);

function ratioCell(ratios: readonly number[]): string {
  const middle = median(ratios);
  return ratios.length > 1
    ? `${times(middle)} (${overhead(middle)}; ${times(min(ratios))}–${times(max(ratios))})`
    : `${times(middle)} (${overhead(middle)})`;
}

function growth(values: readonly number[]): string[] {
  return values.map((value, index) => (index === 0 ? '—' : times(value / values[index - 1]!, 1)));
}

/** The part of an overhead the listeners and ESLint's per-rule charge do not explain, against the repetitions' spread. */
function remainder(points: number, spread: number): string {
  const text = `${Math.abs(points * 100).toFixed(1)} points`;
  return Math.abs(points) <= spread
    ? `the remaining ${text} are within the spread of the repetitions (${(spread * 100).toFixed(1)} points).`
    : `the remaining ${text} (${points > 0 ? 'more' : 'less'} than the spread of the repetitions, ${(spread * 100).toFixed(1)} points) are ${points > 0 ? 'outside the listeners: garbage collection and cache effects of the rules’ work' : 'noise in the single stats run'}.`;
}

export function summarise(input: BenchInput): string[][] {
  const rows: string[][] = [['Measurement', 'Same-run baseline', 'Result (median)', 'Target', 'Met']];
  const { untyped, typed, latency, runtime } = input;
  if (untyped !== undefined) {
    const plugin = untyped.runs.find((run) => run.variant.key === 'plugin')!;
    const peer = untyped.runs.find((run) => run.variant.key === 'peer')!;
    const again = untyped.runs.find((run) => run.variant.key === 'baseline-again')!;
    const ruleCount = untyped.runs.find((run) => run.variant.key === 'rule-count')!;
    const cpu = median(plugin.cpuRatios);
    rows.push(
      [
        `Untyped lint, wimboot \`recommended\` (${thousands(untyped.corpus.files.length)} files, ${thousands(untyped.corpus.lines)} lines)`,
        'ESLint with one do-nothing rule (mean of two instances)',
        `${ratioCell(plugin.cpuRatios)} CPU; wall ${times(median(plugin.wallRatios))}`,
        `≤ ${overhead(TARGETS.untypedRatio)}`,
        verdict(cpu <= TARGETS.untypedRatio),
      ],
      [
        'Untyped lint, eslint-plugin-security `detect-non-literal-fs-filename` (peer)',
        'the same',
        `${ratioCell(peer.cpuRatios)} CPU; wall ${times(median(peer.wallRatios))}`,
        'reference',
        '—',
      ],
      [
        `Untyped lint, ${ruleCount.variant.label}`,
        'the same',
        `${ratioCell(ruleCount.cpuRatios)} CPU; wall ${times(median(ruleCount.wallRatios))}`,
        'reference',
        '—',
      ],
      [
        'Untyped lint, the baseline against itself (A/A: the noise floor)',
        'the first baseline instance',
        `${ratioCell(again.cpuRatios)} CPU; wall ${times(median(again.wallRatios))}`,
        'reference',
        '—',
      ],
    );
  } else {
    rows.push(['Untyped lint', '—', 'not run (--only)', `≤ ${overhead(TARGETS.untypedRatio)}`, '—']);
  }
  if (typed !== undefined) {
    const cpu = median(typed.cpuRatios);
    rows.push([
      `Typed lint (projectService), wimboot \`recommended-type-checked\` (${thousands(typed.corpus.files.length)} files, ${thousands(typed.corpus.lines)} lines)`,
      'typed parsing with one do-nothing rule, cold process',
      `${ratioCell(typed.cpuRatios)} CPU; wall ${times(median(typed.wallRatios))}`,
      `≤ ${overhead(TARGETS.typedRatio)}`,
      verdict(cpu <= TARGETS.typedRatio),
    ]);
    rows.push([
      'Typed lint, warm: the same processes lint the corpus a second time (program built, modules cached, code compiled)',
      'the baseline’s second lint',
      `${ratioCell(typed.warmCpuRatios)} CPU`,
      'reference',
      '—',
    ]);
  } else {
    rows.push(['Typed lint', '—', 'not run (--only)', `≤ ${overhead(TARGETS.typedRatio)}`, '—']);
  }
  if (latency !== undefined) {
    const target = (key: string): LatencyResult['imports'][number] =>
      latency.imports.find((entry) => entry.key === key)!;
    const plugin = target('plugin');
    const eslint = target('eslint');
    const after = target('plugin-after-eslint');
    const pluginCpu = median(plugin.cpuMs);
    rows.push(
      [
        'Importing the plugin, fresh process',
        `importing \`eslint\`: ${ms(median(eslint.cpuMs), 1)} CPU`,
        `${ms(pluginCpu, 1)} CPU (${times(pluginCpu / median(eslint.cpuMs), 2)} eslint's); wall ${ms(median(plugin.ms), 1)}; with eslint loaded ${ms(median(after.cpuMs), 1)} CPU`,
        `< ${TARGETS.importMs} ms`,
        verdict(pluginCpu < TARGETS.importMs),
      ],
      [
        'koffi / TypeScript compiler loaded in untyped use (import + one lint)',
        '—',
        `typescript: ${latency.importAndLint.typescript.length === 0 ? 'no' : 'YES'}, koffi: ${latency.importAndLint.koffi.length === 0 ? 'no' : 'YES'} (${latency.importAndLint.modules} modules loaded)`,
        'neither',
        verdict(latency.importAndLint.typescript.length === 0 && latency.importAndLint.koffi.length === 0),
      ],
    );
    for (const set of latency.cold) {
      const eslintRun = set.runs.find((run) => run.key === 'eslint')!;
      const lint = set.runs.find((run) => run.key === 'wimboot-lint')!;
      rows.push([
        `\`wimboot-lint\` cold, ${set.name}`,
        `\`eslint\` CLI cold, one do-nothing rule: ${ms(median(eslintRun.cpuMs))} CPU`,
        `${ms(median(lint.cpuMs))} CPU (${times(median(lint.cpuMs) / median(eslintRun.cpuMs), 2)}); wall ${ms(median(lint.wallMs))} (${times(median(lint.wallMs) / median(eslintRun.wallMs), 2)})`,
        'no target (reported)',
        '—',
      ]);
    }
  } else {
    rows.push(['Editor and pre-commit latency', '—', 'not run (--only)', `< ${TARGETS.importMs} ms`, '—']);
  }
  if (runtime?.available === true) {
    const million = runtime.rows.at(-1)!;
    for (const [label, key] of [
      ['diff', 'diffMs'],
      ['confirm --snapshot', 'confirmMs'],
    ] as const) {
      const medians = runtime.rows.map((row) => median(row[key]));
      const steps = medians.slice(1).map((value, index) => value / medians[index]!);
      rows.push([
        `\`wimboot-check ${label}\`, ${thousands(million.files)} backed files`,
        `the same at ${runtime.rows.map((row) => thousands(row.files)).join(' → ')} files`,
        `${ms(medians.at(-1)!)}; growth per ×10 files ${steps.map((step) => times(step, 1)).join(', ')}`,
        `linear (≤ ×${TARGETS.growthPerDecade} per ×10), < ${TARGETS.millionMs / 1000} s`,
        verdict(steps.every((step) => step <= TARGETS.growthPerDecade) && medians.at(-1)! < TARGETS.millionMs),
      ]);
    }
    const peak = median(million.peakRssMb);
    rows.push([
      `Peak memory of diff/confirm, ${thousands(million.files)} backed files`,
      `${thousands(runtime.rows[0]!.files)} files: ${median(runtime.rows[0]!.peakRssMb)} MB`,
      `${peak} MB (${times(peak / median(runtime.rows[0]!.peakRssMb), 1)})`,
      `< ${TARGETS.peakMb} MB`,
      verdict(peak < TARGETS.peakMb),
    ]);
  } else {
    rows.push([
      'Runtime check scale',
      '—',
      runtime === undefined ? 'not run (--only)' : `missing: ${runtime.reason ?? ''}`,
      'linear, < 5 s, < 500 MB',
      '—',
    ]);
  }
  return rows;
}

function machineSection(input: BenchInput): Section {
  const { machine } = input;
  return {
    title: 'Machine',
    paragraphs: [],
    tables: [
      [
        ['', ''],
        ['CPU', machine.cpu],
        ['Cores (available parallelism)', String(machine.cores)],
        ['Memory', `${machine.memoryGb.toFixed(1)} GB`],
        ['OS', machine.os],
        ['Node.js', machine.node],
        ['ESLint', machine.eslint],
        ['TypeScript', machine.typescript],
        ['typescript-eslint (parser)', machine.typescriptEslint],
        ['eslint-plugin-security', machine.security],
        ['Date', machine.date],
        [
          'Share of a core a busy loop got (before, after the run)',
          input.cpuShare.map((share) => `${(share * 100).toFixed(0)} %`).join(', '),
        ],
        ['Whole benchmark', `${input.seconds.toFixed(0)} s${input.quick ? ' (--quick)' : ''}`],
      ],
    ],
    after: [],
  };
}

function methodSection(input: BenchInput): Section {
  const { plan } = input;
  return {
    title: 'Method',
    paragraphs: [
      '- Every figure is a ratio against a baseline measured in the same run, as close in time as possible: the variants of a measurement alternate (in rotating order) and each repetition gives one ratio against that repetition’s baseline; tables show the median of those ratios, with the range when there are several.',
      '- The lint baseline is ESLint with one rule that does nothing but still visits every `CallExpression`: without any rule ESLint skips the traversal every real rule pays for.',
      `- Pass/fail is judged on **CPU time** (user + system, \`process.cpuUsage()\`, or /proc for child processes). This machine is shared and throttled: a busy loop got only the share of a core shown above, so wall-clock time here mostly measures the neighbours. Wall-clock ratios are shown next to the CPU ratios; they agree within the noise.`,
      `- Repetitions: untyped lint ${plan.untypedRepetitions} (after one stats run per variant that also warms up), typed lint ${plan.typedRepetitions} cold processes per variant (after one stats run each), imports ${plan.importRepetitions} fresh processes per target, cold CLI runs ${plan.coldRepetitions} per command, runtime check ${plan.runtimeRepetitions} per size.`,
      '- Per-rule times come from ESLint’s own statistics (`stats: true`, the numbers behind `--stats` and `TIMING`), summed over files, in a separate run so that the timers do not weigh on the ratios.',
    ],
    tables: [],
    after: [],
  };
}

function untypedSection(result: UntypedResult, plan: Plan): Section {
  const corpus = result.corpus;
  const variantRows = [
    ['Variant', 'CPU (median)', 'Wall (median)', 'CPU ratio over baseline', 'Wall ratio', 'Findings'],
  ];
  for (const run of result.runs) {
    const isBaseline = run.variant.key === 'baseline';
    variantRows.push([
      run.variant.label,
      ms(median(run.cpuMs)),
      ms(median(run.wallMs)),
      isBaseline
        ? 'baseline'
        : `${ratioCell(run.cpuRatios)}${run.variant.key === 'baseline-again' ? ' over the first instance' : ''}`,
      isBaseline ? 'baseline' : times(median(run.wallRatios)),
      thousands(run.findings),
    ]);
  }
  const ruleRows = [['Variant', 'Rule', 'ESLint rule time (stats)', 'Share of ESLint’s time in that run']];
  for (const total of result.statsTotals) {
    for (const time of result.ruleTimes.filter((entry) => entry.variant === total.variant)) {
      ruleRows.push([total.variant, `\`${time.ruleId}\``, ms(time.ms), `${(time.share * 100).toFixed(2)} %`]);
    }
    ruleRows.push([
      total.variant,
      '(parsing)',
      ms(total.parseMs),
      `${((total.parseMs / total.totalMs) * 100).toFixed(1)} %`,
    ]);
  }
  const after: string[] = [];
  const plugin = result.runs.find((run) => run.variant.key === 'plugin');
  const ruleCount = result.runs.find((run) => run.variant.key === 'rule-count');
  const baselineStats = result.statsTotals.find((total) => total.variant === 'baseline');
  const pluginStats = result.statsTotals.find((total) => total.variant === 'plugin');
  if (plugin !== undefined && ruleCount !== undefined && baselineStats !== undefined && pluginStats !== undefined) {
    const ruleShare = pluginStats.rulesMs / pluginStats.totalMs;
    const total = median(plugin.cpuRatios) - 1;
    const charge = median(ruleCount.cpuRatios) - 1;
    after.push(
      `Where the plugin’s ${overhead(median(plugin.cpuRatios))} goes: ESLint itself charges ${overhead(median(ruleCount.cpuRatios))} for running that many rules at all (the do-nothing rules above); the rules’ own listeners account for ${(ruleShare * 100).toFixed(1)} % of ESLint’s time in the stats run (in CPU profiles, most of it evaluating the callee of each call that might be a file API: scope lookups of identifiers, shared by the three rules through one per-file evaluator); ${remainder(total - charge - ruleShare, max(plugin.cpuRatios) - min(plugin.cpuRatios))}`,
    );
  }
  return {
    title: 'Untyped lint cost',
    paragraphs: [
      `Corpus: **${thousands(corpus.files.length)} files, ${thousands(corpus.lines)} lines** (${(corpus.bytes / 1024 ** 2).toFixed(1)} MB) of JavaScript that nobody here wrote: every \`.js\`/\`.cjs\`/\`.mjs\` file of ${corpus.packages.length} packages in node_modules (${corpus.packages.map((name) => `\`${name}\``).join(', ')}), their nested dependencies included; minified files, files over 1 MB and TypeScript’s compiler bundles are left out because a single generated file would dominate the figures.`,
      `Each file gets the \`sourceType\` Node would give it (extension, then the nearest package.json \`type\`); inline \`/* eslint */\` comments are off, so only the rule under test runs. ${result.unparseable.length} file(s) that do not parse that way were dropped after the first run${
        result.unparseable.length > 0
          ? ` (${result.unparseable
              .slice(0, 5)
              .map((file) => `\`${file.slice(file.indexOf('node_modules'))}\``)
              .join(', ')}${result.unparseable.length > 5 ? ', …' : ''})`
          : ''
      }.`,
      `ESLint’s Node API (\`new ESLint({ overrideConfigFile: true, … })\`, \`lintFiles\`) lints the corpus in ${result.chunks} chunks of about ${plan.chunkSize} files (each mixing all packages); for each chunk the variants run one after the other, in rotating order, so that slow phases of the machine hit all alike. The baseline runs twice, as two ESLint instances with the same config: ratios are over the mean of the two, and the second over the first is an A/A test that shows how large the measurement’s own noise is. One unmeasured pass warms up first. ${result.repetitions} repetition(s).`,
    ],
    tables: [variantRows, ruleRows],
    after,
  };
}

function typedSection(result: TypedResult): Section {
  const projectRows = [
    ['Project', 'Files', 'Lines', 'CPU ratio of its lint (plugin ÷ baseline, same process)'],
    ...result.projects.map((project) => [
      project.name,
      thousands(project.files),
      thousands(project.lines),
      ratioCell(project.cpuRatios),
    ]),
  ];
  const runRows = [
    [
      'Variant',
      'CPU (median)',
      'Wall (median)',
      'CPU ratio over baseline',
      'Wall ratio',
      'Peak RSS (median)',
      'Findings',
    ],
  ];
  for (const [key, label] of [
    ['baseline', 'baseline: typed parsing + one do-nothing rule'],
    ['plugin', 'wimboot `recommended-type-checked`'],
  ] as const) {
    const runs = result.runs[key];
    runRows.push([
      label,
      ms(median(runs.map((run) => run.cpuMs))),
      ms(median(runs.map((run) => run.wallMs))),
      key === 'baseline' ? '1 (baseline)' : ratioCell(result.cpuRatios),
      key === 'baseline' ? '1 (baseline)' : times(median(result.wallRatios)),
      `${median(runs.map((run) => run.peakRssMb)).toFixed(0)} MB`,
      thousands(result.statsRuns.find((run) => run.variant === key)?.findings ?? Number.NaN),
    ]);
  }
  const threadRows = [
    [
      'Variant',
      'Main thread CPU (median)',
      'Other threads CPU (median)',
      'Warm second lint CPU (median)',
      'Project modules the rules read (cold lint)',
    ],
  ];
  for (const key of ['baseline', 'plugin'] as const) {
    const runs = result.runs[key];
    const split = runs.flatMap((run) => (run.threadCpuMs === undefined ? [] : [run.threadCpuMs]));
    threadRows.push([
      key,
      split.length === 0 ? 'not measured (no /proc)' : ms(median(split.map((thread) => thread.main))),
      split.length === 0 ? 'not measured (no /proc)' : ms(median(split.map((thread) => thread.others))),
      ms(median(runs.map((run) => run.warmCpuMs))),
      thousands(median(runs.map((run) => run.modulesRead))),
    ]);
  }
  const ruleRows = [['Variant', 'Rule', 'ESLint rule time (stats)', 'Share of ESLint’s time in that run']];
  for (const run of result.statsRuns) {
    for (const [ruleId, time] of Object.entries(run.ruleMs).sort((a, b) => b[1] - a[1])) {
      ruleRows.push([run.variant, `\`${ruleId}\``, ms(time), `${((time / run.totalMs) * 100).toFixed(2)} %`]);
    }
    ruleRows.push([
      run.variant,
      '(parsing, including building the TypeScript program)',
      ms(run.parseMs),
      `${((run.parseMs / run.totalMs) * 100).toFixed(1)} %`,
    ]);
  }
  return {
    title: 'Typed lint cost',
    paragraphs: [
      `Corpus: **${thousands(result.corpus.files.length)} TypeScript files, ${thousands(result.corpus.lines)} lines** in two projects: this repository’s own sources under its real tsconfig.json, and ajv’s TypeScript sources (ajv ships \`lib/*.ts\` but no tsconfig; they are copied next to a generated one, with node_modules linked so that imports resolve). node_modules holds no larger TypeScript code base with its tsconfig.`,
      'Each project’s own ratio is the CPU time of its lint in the plugin run over the same in the baseline run (the first project linted also pays loading ESLint and the parser, in both). The cost follows how much of a project reaches a write through imported helpers: this repository is a linter for file APIs, whose modules name fs, koffi and write functions throughout and whose tests write files through shared helpers, so nearly every file reaches a may-write module and its calls of imported helpers are summarised; ajv reads no files.',
      `Parser: @typescript-eslint/parser with \`projectService: true\`. Each run is a fresh Node process that lints the whole corpus (what CI or a pre-commit hook pays: the TypeScript program is built from nothing); baseline and plugin alternate, ${result.repetitions} repetition(s); CPU time is measured inside the process around the lint.`,
      'Where the cold cost goes: the CPU of the cold lint is split by thread (/proc/self/task). The main thread runs ESLint, the parser and the rules; the other threads are V8’s: they compile hot functions (TurboFan) and help the garbage collector. The plugin’s extra on the other threads is mostly compilation: checked by hand (not part of this run), it stays about the same with `--single-threaded-gc` and mostly goes away with `--no-turbofan`. Compiling the analysis once per process is a fixed cost that a short cold lint pays in full. The warm column is a second lint of the same files by the same ESLint instances in the same process. The TypeScript program is then built, the modules read are cached and the code is compiled, as in an editor after its first lint or in a long CI lint. It shows what the analysis itself costs per lint.',
    ],
    tables: [projectRows, runRows, threadRows, ruleRows],
    after: [],
  };
}

function latencySection(result: LatencyResult): Section {
  const eslint = result.imports.find((entry) => entry.key === 'eslint')!;
  const importRows = [
    ['Import in a fresh process', 'CPU (median)', 'Wall (median)', 'CPU ratio over importing eslint'],
  ];
  for (const entry of result.imports) {
    importRows.push([
      entry.label,
      ms(median(entry.cpuMs), 1),
      ms(median(entry.ms), 1),
      times(median(entry.cpuMs) / median(eslint.cpuMs), 2),
    ]);
  }
  const coldRows = [['Files', 'Command', 'CPU (median)', 'Wall (median)', 'CPU ratio over eslint CLI', 'Wall ratio']];
  for (const set of result.cold) {
    const baseline = set.runs.find((run) => run.key === 'eslint')!;
    for (const run of set.runs) {
      coldRows.push([
        set.name,
        run.label,
        result.cpuMeasured ? ms(median(run.cpuMs)) : 'n/a',
        ms(median(run.wallMs)),
        result.cpuMeasured ? times(median(run.cpuMs) / median(baseline.cpuMs), 2) : 'n/a',
        times(median(run.wallMs) / median(baseline.wallMs), 2),
      ]);
    }
  }
  const loaded = (check: LatencyResult['importOnly']): string =>
    `${check.modules} modules; TypeScript compiler: ${check.typescript.length === 0 ? 'not loaded' : check.typescript.join(', ')}; koffi: ${check.koffi.length === 0 ? 'not loaded' : check.koffi.join(', ')}`;
  return {
    title: 'Editor and pre-commit latency',
    paragraphs: [
      `Importing the plugin: a fresh \`node\` process imports \`dist/plugin/index.js\` and times only the \`import()\`; ${result.repetitions} processes per target, in rotating order. “With eslint loaded” imports \`eslint\` first, as an editor’s ESLint server has.`,
      `Modules loaded, seen through module loader hooks (ESM), \`require.cache\` (CommonJS) and the native libraries in \`process.report\`: importing the plugin: ${loaded(result.importOnly)}. Importing it and linting a JavaScript file with \`recommended\` (untyped use): ${loaded(result.importAndLint)}.`,
    ],
    tables: [importRows, coldRows],
    after: [
      'Cold runs: a fresh process lints 20 files copied into a throwaway folder, as a pre-commit hook does; the baseline is ESLint’s own CLI on the same files with a config holding only the do-nothing rule (and the TypeScript parser for .ts). `wimboot-lint` parses .ts files with @typescript-eslint/parser (untyped), which does load the TypeScript compiler: that is the parser’s cost, the baseline pays it too.',
    ],
  };
}

function runtimeSection(result: RuntimeScale): Section {
  if (!result.available) {
    return {
      title: 'Runtime check scale',
      paragraphs: [`**Not measured**: ${result.reason ?? 'unavailable'}.`],
      tables: [],
      after: [],
    };
  }
  const diff = result.rows.map((row) => median(row.diffMs));
  const confirm = result.rows.map((row) => median(row.confirmMs));
  const diffGrowth = growth(diff);
  const confirmGrowth = growth(confirm);
  const rows = [
    [
      'Backed files per snapshot',
      '`diff` (median)',
      'growth',
      'per file',
      '`confirm --snapshot` (median)',
      'growth',
      'per file',
      'Peak RSS (median)',
    ],
  ];
  result.rows.forEach((row, index) => {
    rows.push([
      thousands(row.files),
      ms(diff[index]!),
      diffGrowth[index]!,
      `${((diff[index]! * 1000) / row.files).toFixed(2)} µs`,
      ms(confirm[index]!),
      confirmGrowth[index]!,
      `${((confirm[index]! * 1000) / row.files).toFixed(2)} µs`,
      `${median(row.peakRssMb)} MB`,
    ]);
  });
  return {
    title: 'Runtime check scale',
    paragraphs: [
      `\`benchRuntimeCheckScale\` (test/bench/runtime-check-scale.ts, from the runtime check) writes two synthetic snapshots per size (the second with 1 % of the files lost and 0.5 % gained) and a 200-finding lint report, then runs \`wimboot-check diff BEFORE AFTER --report R --json\` and \`wimboot-check confirm R --snapshot AFTER --json\`, each in a fresh process (wall time of the command, peak RSS of the process). ${result.repetitions} repetition(s) per size. Growth is each size’s time over the previous size’s (×10 files): linear growth is ×10, less when fixed costs still dominate.`,
    ],
    tables: [rows],
    after: [],
  };
}

function changesSection(): Section {
  return {
    title: 'What profiling changed',
    paragraphs: [
      'The first runs of this benchmark missed the lint and import targets. CPU profiles (`node --cpu-prof`), ESLint’s rule statistics and an allocation-sampling profile pointed at the causes below; each fix is small, keeps the rules’ behaviour (the rule tests pass unchanged) and has tests of its own where the behaviour is observable:',
      '- **`prefer-read-only-open` evaluated the callee of every call** in a file (`a.b.c()` included) before looking for a file API. It now applies the syntactic filter `no-system-file-write` already had: a member call whose property name no file API has (`isCandidateMemberName`) is skipped before any evaluation. In the CPU profiles taken before and after, its time fell about tenfold.',
      '- **Typed linting asked TypeScript’s checker for the type of every callee and of every member expression’s object** the evaluator resolved (`f` in `f()`, `o` in `o.m()`). A callee’s type is a function type and never holds a literal, and the evaluator knows no member of a string or number, so neither answer could ever be used, yet each query can make the checker type-check declarations across the program. The fallback in `analysis/evaluator/type-values.ts` now skips both (`o.toString()` excepted, which the evaluator reads as `o`); unit tests check that these nodes never reach the checker and that arguments still do. In the profiles taken while fixing, these queries were most of the plugin’s typed cost.',
      '- **Every use of a variable scanned all its references** for writes (`evaluateDeclaredVariable`), quadratic in a variable’s uses; the writes are now found once per variable, and not at all for an initialised `const`. Likewise a local function’s return statements were collected by walking its body for every call evaluated; now once per function.',
      '- **Every rule, for every linted file, deep-copied and merged its default options with `structuredClone`** (typescript-eslint’s `RuleCreator`). `plugin/create-rule.ts` now merges once per options array (ESLint hands the same array to every file when a rule has no options in the config) into a frozen copy, with a plain JSON clone; tests compare it with upstream’s `applyDefault`.',
      '- **Importing the plugin loaded typescript-eslint’s `eslint-utils`** (eight CommonJS modules) for `RuleCreator` alone, about a third of the plugin’s import time; `plugin/create-rule.ts` now carries those few lines itself.',
      "- **All three rules still evaluated the callee of every candidate call in every file**, although a file that names no file or FFI module cannot hold a finding: callee resolution is syntactic, even with type information. `analysis/file-gate.ts` now scans each file's text once for a quoted module name the rules know (`'fs'`, `'node:fs/promises'`, `'fs-extra'`, `'koffi'`, `'ffi-napi'`, `'bun:ffi'`...) or the `Bun`/`Deno` globals, and the rules return no listeners for a file without one. After the fixes above the untyped run still measured +6.5 %; with the gate the rules' own time (ESLint's statistics) fell from about 400 ms to under 100 ms over the corpus and the overhead to the figure in the summary. The one thing it gives up, a module name built at run time (`require('f' + 's')`), is documented in the module.",
      "- **Typed linting, once the analysis crossed modules, parsed every module a linted file reaches a second time** (typescript-eslint's parser, tokens and comments included: the parser forces them) and stat'ed sixteen candidates for each import specifier, for each of the three rules. Now a module whose text holds no write and imports none that may is never parsed; another TypeScript module is converted from the SourceFile the linted file's program already holds (typescript-estree with `programs`, no tokens, comments or node maps), its scopes analysed on first evaluation; specifiers resolve against directory listings cached by mtime, once per lint; and the checker is not asked where no literal can come out. Typed: 1.69× at the start of the previous session, 1.49× at its end, the summary above for now (in this session, on one machine, the rules\' time fell from 2.5 s to 1.5 s). What is left is the analysis itself on a corpus that is the worst case for it: this repository is a linter of fs calls whose modules import fs, koffi and write helpers nearly everywhere, so most modules a linted file imports are converted (the count is in the table of threads above) and their functions summarised for every file that calls them.",
      'Still loaded eagerly and left as is: `minimatch` (the settings compile the default system roots as globs for every lint anyway) and the snapshot reader behind `settings.wimboot.snapshot`.',
    ],
    tables: [],
    after: [],
  };
}

export function sections(input: BenchInput): Section[] {
  const result: Section[] = [machineSection(input), methodSection(input)];
  if (input.untyped !== undefined) result.push(untypedSection(input.untyped, input.plan));
  if (input.typed !== undefined) result.push(typedSection(input.typed));
  if (input.latency !== undefined) result.push(latencySection(input.latency));
  if (input.runtime !== undefined) result.push(runtimeSection(input.runtime));
  result.push(changesSection());
  return result;
}
