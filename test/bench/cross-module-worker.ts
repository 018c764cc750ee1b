// Child process of cross-module.ts: lints the generated project twice in one
// process with one variant and prints one JSON line. The first lint is cold
// (nothing parsed yet: what a CI job or a pre-commit hook pays), the second
// warm (the analysis's parse cache holds every module, as in an editor).
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import plugin from '../../plugin/index.js';
import { BASELINE_RULE_ID, baselinePlugin } from './baseline-plugin.js';

export type CrossModuleVariant = 'baseline' | 'plugin';

export interface CrossModuleRun {
  readonly variant: CrossModuleVariant;
  readonly coldCpuMs: number;
  readonly warmCpuMs: number;
  readonly files: number;
  readonly findings: number;
}

function variantConfig(variant: CrossModuleVariant): Linter.Config {
  return variant === 'baseline'
    ? { plugins: { bench: baselinePlugin }, rules: { [BASELINE_RULE_ID]: 'error' } }
    : plugin.configs.recommended;
}

async function lintOnce(
  cwd: string,
  variant: CrossModuleVariant,
): Promise<{ cpuMs: number; files: number; findings: number }> {
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [{ ...variantConfig(variant), name: `bench/${variant}` }],
  });
  const cpu = process.cpuUsage();
  const results = await eslint.lintFiles(['src', 'lib']);
  const used = process.cpuUsage(cpu);
  const findings = results.reduce(
    (sum, result) => sum + result.messages.filter((message) => message.ruleId?.startsWith('wimboot/') === true).length,
    0,
  );
  return { cpuMs: (used.user + used.system) / 1000, files: results.length, findings };
}

// `node --test dist/test/` runs every .js file under a test/ directory: only run when given a job.
const [cwd, variant] = process.argv.slice(2) as [string | undefined, CrossModuleVariant | undefined];
if (cwd !== undefined && variant !== undefined && process.env.NODE_TEST_CONTEXT === undefined) {
  const cold = await lintOnce(cwd, variant);
  const warm = await lintOnce(cwd, variant);
  const run: CrossModuleRun = {
    variant,
    coldCpuMs: cold.cpuMs,
    warmCpuMs: warm.cpuMs,
    files: cold.files,
    findings: cold.findings,
  };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}
