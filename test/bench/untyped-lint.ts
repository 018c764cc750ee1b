import { createRequire } from 'node:module';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import plugin from '../../plugin/index.js';
import { BASELINE_RULE_ID, baselinePlugin, doNothingRules } from './baseline-plugin.js';
import { NODE_MODULES, type Corpus, measureCorpus, sourceTypeConfigs, untypedLintCorpus } from './corpus.js';
import { median, timed } from './stats.js';

/**
 * Untyped lint cost: the same corpus linted by ESLint's Node API with the
 * baseline (one do-nothing rule), with the plugin's `recommended` rules
 * instead, and with eslint-plugin-security's detect-non-literal-fs-filename
 * (the nearest peer) instead. The baseline runs twice (two ESLint instances
 * with the same config): their mean is the denominator, and their ratio to
 * each other shows the measurement's own noise (an A/A test). The corpus is
 * cut in chunks and the variants run chunk by chunk in rotating order, so
 * that the machine's drifts hit all alike; every repetition yields one ratio
 * per variant over the baseline of that same repetition.
 */

export interface LintVariant {
  readonly key: 'baseline' | 'baseline-again' | 'rule-count' | 'plugin' | 'peer';
  readonly label: string;
  readonly config: Linter.Config;
}

const require = createRequire(import.meta.url);
const security = require('eslint-plugin-security') as ESLint.Plugin & { meta?: { version?: string } };
const securityVersion = (require('eslint-plugin-security/package.json') as { version: string }).version;
export const PEER_RULE_ID = 'security/detect-non-literal-fs-filename';

export function untypedVariants(): LintVariant[] {
  const recommended = plugin.configs.recommended;
  const ruleCount = Object.keys(recommended.rules ?? {}).length;
  const empty = doNothingRules(ruleCount);
  return [
    {
      key: 'baseline',
      label: `baseline: ${BASELINE_RULE_ID} (one do-nothing rule)`,
      config: { plugins: { bench: baselinePlugin }, rules: { [BASELINE_RULE_ID]: 'error' } },
    },
    {
      key: 'baseline-again',
      label: 'the same baseline, second instance (A/A: the noise floor)',
      config: { plugins: { bench: baselinePlugin }, rules: { [BASELINE_RULE_ID]: 'error' } },
    },
    {
      key: 'rule-count',
      label: `${ruleCount} do-nothing rules on CallExpression and NewExpression (what ESLint charges for the plugin’s rule count)`,
      config: {
        plugins: { 'bench-n': empty.plugin },
        rules: Object.fromEntries(empty.ruleIds.map((id) => [id, 'error'])),
      },
    },
    {
      key: 'plugin',
      label: `wimboot recommended (${Object.keys(recommended.rules ?? {}).join(', ')})`,
      config: recommended,
    },
    {
      key: 'peer',
      label: `eslint-plugin-security ${securityVersion}: ${PEER_RULE_ID}`,
      config: { plugins: { security }, rules: { [PEER_RULE_ID]: 'error' } },
    },
  ];
}

export interface VariantRuns {
  readonly variant: LintVariant;
  /** One entry per repetition: the whole corpus. */
  readonly wallMs: number[];
  readonly cpuMs: number[];
  /** variant ÷ baseline (mean of both baseline instances), per repetition; for baseline-again: ÷ the first instance. */
  readonly wallRatios: number[];
  readonly cpuRatios: number[];
  findings: number;
}

export interface RuleTime {
  readonly variant: LintVariant['key'];
  readonly ruleId: string;
  /** Sum over files of ESLint's `stats.times.passes[].rules[ruleId].total`. */
  readonly ms: number;
  /** The same as a share of ESLint's whole time for the file (parse + rules + fix) in that variant's stats run. */
  readonly share: number;
}

export interface StatsTotals {
  readonly variant: LintVariant['key'];
  readonly totalMs: number;
  readonly parseMs: number;
  readonly rulesMs: number;
}

export interface UntypedResult {
  readonly corpus: Corpus;
  readonly unparseable: readonly string[];
  readonly repetitions: number;
  readonly chunks: number;
  readonly runs: VariantRuns[];
  readonly ruleTimes: RuleTime[];
  readonly statsTotals: StatsTotals[];
}

export interface InterleavedOptions {
  readonly repetitions: number;
  readonly chunkSize: number;
  readonly log: (line: string) => void;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

function eslintFor(variant: LintVariant, base: Linter.Config[], stats: boolean): ESLint {
  return new ESLint({
    cwd: NODE_MODULES,
    overrideConfigFile: true,
    ignore: false,
    globInputPaths: false,
    errorOnUnmatchedPattern: false,
    stats,
    overrideConfig: [...base, { ...variant.config, name: `bench/${variant.key}` }],
  });
}

/** Files dealt over the chunks round-robin, so that every chunk mixes every package. */
function interleaveFiles(files: readonly string[], chunks: number): string[] {
  const buckets: string[][] = Array.from({ length: chunks }, () => []);
  files.forEach((file, index) => buckets[index % chunks]!.push(file));
  return buckets.flat();
}

export async function benchUntypedLint(options: InterleavedOptions): Promise<UntypedResult> {
  const { log } = options;
  const full = untypedLintCorpus();
  log(`untyped corpus: ${full.files.length} files, ${full.lines} lines from ${full.packages.length} packages`);
  const base: Linter.Config[] = [
    ...sourceTypeConfigs(full.files, NODE_MODULES),
    {
      name: 'bench/options',
      languageOptions: { ecmaVersion: 'latest' },
      // Only the rule under test runs: inline `/* eslint ... */` comments in the corpus could turn on others.
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
    },
  ];
  const variants = untypedVariants();

  // Stats run (also the warm-up): per-rule times, files that do not parse, findings.
  const unparseable = new Set<string>();
  const ruleTimes: RuleTime[] = [];
  const statsTotals: StatsTotals[] = [];
  const findings = new Map<LintVariant['key'], number>();
  // Warm-up (unmeasured): the parser and ESLint get compiled before anything is timed.
  const warmUp = eslintFor(variants[0]!, base, false);
  for (const files of chunk(full.files, 250)) await warmUp.lintFiles(files);
  log('  warm-up done');
  for (const variant of variants) {
    if (variant.key === 'baseline-again' || variant.key === 'rule-count') continue;
    const eslint = eslintFor(variant, base, true);
    const rules = new Map<string, number>();
    let totalMs = 0;
    let parseMs = 0;
    let count = 0;
    for (const files of chunk(full.files, 250)) {
      for (const result of await eslint.lintFiles(files)) {
        if (result.fatalErrorCount > 0) unparseable.add(result.filePath);
        count += result.messages.filter((message) => message.ruleId !== null && !message.fatal).length;
        for (const pass of result.stats?.times.passes ?? []) {
          totalMs += Number.isFinite(pass.total) ? pass.total : 0;
          parseMs += pass.parse?.total ?? 0;
          for (const [ruleId, { total }] of Object.entries(pass.rules ?? {}))
            rules.set(ruleId, (rules.get(ruleId) ?? 0) + total);
        }
      }
    }
    findings.set(variant.key, count);
    const rulesMs = [...rules.values()].reduce((sum, value) => sum + value, 0);
    statsTotals.push({ variant: variant.key, totalMs, parseMs, rulesMs });
    for (const [ruleId, ms] of [...rules].sort((a, b) => b[1] - a[1]))
      ruleTimes.push({ variant: variant.key, ruleId, ms, share: ms / totalMs });
    log(
      `  stats run ${variant.key}: ${totalMs.toFixed(0)} ms ESLint time, rules ${rulesMs.toFixed(0)} ms, ${count} findings`,
    );
  }

  const corpus = measureCorpus(
    full.files.filter((file) => !unparseable.has(file)),
    full.packages,
  );
  const chunkCount = Math.max(1, Math.round(corpus.files.length / options.chunkSize));
  const chunks = chunk(interleaveFiles(corpus.files, chunkCount), Math.ceil(corpus.files.length / chunkCount));
  const linters = new Map(variants.map((variant) => [variant.key, eslintFor(variant, base, false)]));
  const runs: VariantRuns[] = variants.map((variant) => ({
    variant,
    wallMs: [],
    cpuMs: [],
    wallRatios: [],
    cpuRatios: [],
    findings: findings.get(variant.key === 'baseline-again' ? 'baseline' : variant.key) ?? 0,
  }));
  for (let repetition = 0; repetition < options.repetitions; repetition++) {
    const wall = new Map<string, number>(variants.map((variant) => [variant.key, 0]));
    const cpu = new Map<string, number>(variants.map((variant) => [variant.key, 0]));
    for (const [index, files] of chunks.entries()) {
      const offset = (repetition + index) % variants.length;
      for (const variant of [...variants.slice(offset), ...variants.slice(0, offset)]) {
        const { timing } = await timed(() => linters.get(variant.key)!.lintFiles(files));
        wall.set(variant.key, wall.get(variant.key)! + timing.wallMs);
        cpu.set(variant.key, cpu.get(variant.key)! + timing.cpuMs);
      }
    }
    for (const run of runs) {
      run.wallMs.push(wall.get(run.variant.key)!);
      run.cpuMs.push(cpu.get(run.variant.key)!);
      const against = (times: Map<string, number>): number =>
        run.variant.key === 'baseline-again'
          ? times.get('baseline')!
          : (times.get('baseline')! + times.get('baseline-again')!) / 2;
      run.wallRatios.push(wall.get(run.variant.key)! / against(wall));
      run.cpuRatios.push(cpu.get(run.variant.key)! / against(cpu));
    }
    log(
      `  repetition ${repetition + 1}/${options.repetitions}: ` +
        runs
          .map(
            (run) =>
              `${run.variant.key} ${run.cpuMs.at(-1)!.toFixed(0)} ms CPU / ${run.wallMs.at(-1)!.toFixed(0)} ms wall`,
          )
          .join(', '),
    );
  }
  log(`  median CPU ratios: ${runs.map((run) => `${run.variant.key} ${median(run.cpuRatios).toFixed(3)}`).join(', ')}`);
  return {
    corpus,
    unparseable: [...unparseable].sort(),
    repetitions: options.repetitions,
    chunks: chunks.length,
    runs,
    ruleTimes,
    statsTotals,
  };
}
