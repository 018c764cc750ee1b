import { createRequire } from 'node:module';
import { availableParallelism, cpus, release, totalmem, type, version as osVersion } from 'node:os';
import { ESLint } from 'eslint';

/** What the figures were measured on, and with which versions. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly os: string;
  readonly node: string;
  readonly eslint: string;
  readonly typescript: string;
  readonly typescriptEslint: string;
  readonly security: string;
  readonly date: string;
}

const require = createRequire(import.meta.url);

/** A package's version from its package.json (reading it does not load the package). */
function versionOf(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

export function describeMachine(): Machine {
  const [first] = cpus();
  return {
    cpu: first?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: totalmem() / 1024 ** 3,
    os: `${type()} ${release()} (${osVersion()}), ${process.arch}`,
    node: process.version,
    eslint: ESLint.version,
    typescript: versionOf('typescript'),
    typescriptEslint: versionOf('@typescript-eslint/parser'),
    security: versionOf('eslint-plugin-security'),
    date: new Date().toISOString(),
  };
}

/**
 * How much of a core a busy loop gets: CPU time ÷ wall time of a fixed
 * amount of arithmetic. Near 1 on an idle machine; on a shared or throttled
 * one it shows why wall-clock figures here are noisier than CPU time.
 */
export function cpuShare(): { wallMs: number; cpuMs: number; share: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let sink = 0;
  for (let index = 0; index < 200_000_000; index++) sink = (sink + index) % 1_000_003;
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  if (sink < 0) console.log(sink); // keeps the loop from being optimised away
  return { wallMs, cpuMs, share: cpuMs / wallMs };
}
