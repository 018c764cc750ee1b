// `npm run bench`: measures the plugin's cost against same-run baselines,
// prints the tables and writes docs/performance.md. Options:
//   --quick        fewer repetitions (a smoke run, figures are rougher)
//   --only=a,b     only some sections: untyped, typed, cross-module, latency, runtime, trace
//   --no-write     print only, leave docs/performance.md alone
//   (--only=trace writes only its own section into docs/performance.md, the rest left as it is)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './corpus.js';
import { benchLatency, type LatencyResult } from './latency.js';
import { type Machine, cpuShare, describeMachine } from './machine.js';
import { type RuntimeScale, benchRuntimeScale } from './runtime-scale.js';
import { markdownTable, textTable, times } from './stats.js';
import { type Section, summarise, sections as renderSections, type Plan } from './report.js';
import { benchTypedLint, type TypedResult } from './typed-lint.js';
import { benchUntypedLint, type UntypedResult } from './untyped-lint.js';
import { benchTraceOverhead, traceOverheadSection, type TraceOverhead } from './trace-overhead.js';
import { benchCrossModule, crossModuleRatios, crossModuleSection, type CrossModuleResult } from './cross-module.js';

const SECTIONS = ['untyped', 'typed', 'cross-module', 'latency', 'runtime', 'trace'] as const;
type SectionName = (typeof SECTIONS)[number];

interface Options {
  readonly quick: boolean;
  readonly only: ReadonlySet<SectionName>;
  readonly write: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  let quick = false;
  let write = true;
  let only = new Set<SectionName>(SECTIONS);
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg === '--no-write') write = false;
    else if (arg.startsWith('--only=')) {
      const names = arg.slice('--only='.length).split(',');
      for (const name of names) {
        if (!(SECTIONS as readonly string[]).includes(name))
          throw new Error(`unknown section ${name} (known: ${SECTIONS.join(', ')})`);
      }
      only = new Set(names as SectionName[]);
    } else if (arg === '--help' || arg === '-h') {
      console.log(
        'usage: node dist/test/bench/run.js [--quick] [--only=untyped,typed,cross-module,latency,runtime,trace] [--no-write]',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  return { quick, only, write };
}

export function planFor(quick: boolean): Plan {
  return quick
    ? {
        untypedRepetitions: 1,
        typedRepetitions: 1,
        importRepetitions: 5,
        coldRepetitions: 2,
        runtimeRepetitions: 1,
        chunkSize: 250,
      }
    : {
        untypedRepetitions: 5,
        typedRepetitions: 3,
        importRepetitions: 15,
        coldRepetitions: 5,
        runtimeRepetitions: 3,
        chunkSize: 250,
      };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const plan = planFor(options.quick);
  const started = performance.now();
  const log = (line: string): void => {
    process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  };
  const machine: Machine = describeMachine();
  const shareBefore = cpuShare();
  log(
    `machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; a busy loop got ${(shareBefore.share * 100).toFixed(0)} % of a core`,
  );

  let untyped: UntypedResult | undefined;
  let typed: TypedResult | undefined;
  let latency: LatencyResult | undefined;
  let runtime: RuntimeScale | undefined;
  let trace: TraceOverhead | undefined;
  let crossModule: CrossModuleResult | undefined;
  if (options.only.has('untyped')) {
    log('untyped lint cost');
    untyped = await benchUntypedLint({ repetitions: plan.untypedRepetitions, chunkSize: plan.chunkSize, log });
  }
  if (options.only.has('typed')) {
    log('typed lint cost');
    typed = await benchTypedLint({ repetitions: plan.typedRepetitions, log });
  }
  if (options.only.has('cross-module')) {
    log('cross-module-heavy project (cold and warm)');
    crossModule = await benchCrossModule({ repetitions: plan.typedRepetitions, log });
  }
  if (options.only.has('latency')) {
    log('editor and pre-commit latency');
    latency = await benchLatency({
      importRepetitions: plan.importRepetitions,
      coldRepetitions: plan.coldRepetitions,
      log,
    });
  }
  if (options.only.has('runtime')) {
    log('runtime check scale');
    runtime = await benchRuntimeScale({ repetitions: plan.runtimeRepetitions, log });
  }
  if (options.only.has('trace')) {
    log('tracer overhead');
    // Wall times of short child processes are noisy on a shared machine: more rounds, medians.
    trace = await benchTraceOverhead({ repetitions: options.quick ? 3 : 11, log });
  }
  const shareAfter = cpuShare();
  const seconds = (performance.now() - started) / 1000;
  log(`done in ${seconds.toFixed(0)} s`);

  const input = {
    machine,
    plan,
    quick: options.quick,
    cpuShare: [shareBefore.share, shareAfter.share],
    seconds,
    untyped,
    typed,
    latency,
    runtime,
  };
  const summary = summarise(input);
  if (crossModule !== undefined) {
    const { cold, warm } = crossModuleRatios(crossModule);
    const baseline = 'one do-nothing rule, same project, same run';
    summary.push(['Cross-module project (2,000 files), cold', baseline, times(cold), 'reported', '—']);
    summary.push(['Cross-module project (2,000 files), warm', baseline, times(warm), 'reported', '—']);
  }
  const rendered = renderSections(input);
  const body: Section[] = [
    ...rendered,
    ...(crossModule === undefined ? [] : [crossModuleSection(crossModule)]),
    ...(trace === undefined ? [] : [traceOverheadSection(trace)]),
  ];
  if (options.write && options.only.size === 1 && trace !== undefined) {
    writeSectionOnly(traceOverheadSection(trace), machine.date.slice(0, 10), options.quick);
    log('wrote the tracer overhead section of docs/performance.md');
    for (const table of body.at(-1)!.tables) console.log(`${textTable(table)}\n`);
    return;
  }
  console.log(`\n${textTable(summary)}\n`);
  for (const section of body) {
    for (const table of section.tables) console.log(`${section.title}\n${textTable(table)}\n`);
  }
  if (options.write) {
    const markdown = [
      '# Performance',
      '',
      `Generated by \`npm run bench\`${options.quick ? ' --quick (rough figures)' : ''} on ${machine.date.slice(0, 10)}; every figure below was measured in that run.`,
      'Do not edit by hand: rerun the benchmark.',
      '',
      '## Summary',
      '',
      markdownTable(summary),
      '',
      ...body.flatMap((section) => [
        `## ${section.title}`,
        '',
        ...section.paragraphs.flatMap((paragraph) => [paragraph, '']),
        ...section.tables.flatMap((table) => [markdownTable(table), '']),
        ...section.after.flatMap((paragraph) => [paragraph, '']),
      ]),
    ].join('\n');
    const target = join(REPO_ROOT, 'docs', 'performance.md');
    writeFileSync(target, `${markdown.trimEnd()}\n`);
    log(`wrote ${target}`);
  }
}

/** Puts one section into docs/performance.md in place (or before the profiling notes), the rest untouched. */
function writeSectionOnly(section: Section, date: string, quick: boolean): void {
  const target = join(REPO_ROOT, 'docs', 'performance.md');
  const text = readFileSync(target, 'utf8');
  const block = [
    `## ${section.title}`,
    '',
    `Measured by \`npm run bench -- --only=trace\`${quick ? ' --quick (rough figures)' : ''} on ${date}, on its own.`,
    '',
    ...section.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...section.tables.flatMap((table) => [markdownTable(table), '']),
    ...section.after.flatMap((paragraph) => [paragraph, '']),
  ].join('\n');
  const heading = `## ${section.title}\n`;
  const start = text.indexOf(heading);
  let next: number;
  let updated: string;
  if (start === -1) {
    next = text.indexOf('## What profiling changed');
    updated = next === -1 ? `${text.trimEnd()}\n\n${block}` : `${text.slice(0, next)}${block}\n${text.slice(next)}`;
  } else {
    next = text.indexOf('\n## ', start + heading.length);
    updated = `${text.slice(0, start)}${block}${next === -1 ? '' : `\n${text.slice(next + 1)}`}`;
  }
  writeFileSync(target, `${updated.trimEnd()}\n`);
}

// `node --test dist/test/` runs every .js file under a test/ directory: this script is not a test.
if (process.env.NODE_TEST_CONTEXT !== undefined) {
  console.log('bench: skipped under node --test (run it with `npm run bench`)');
} else if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
