/**
 * Bounds tests compare two costs measured in the same test, never a time
 * against a constant: `hostile` may cost at most `factor` times `baseline`.
 */
import assert from 'node:assert/strict';

function elapsed(fn: () => void, times: number): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < times; i += 1) {
    fn();
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Repetitions that make `fn` take at least `ms` milliseconds, so timer resolution does not decide. */
function calibrate(fn: () => void, ms: number): number {
  let times = 1;
  while (elapsed(fn, times) < ms && times < 1 << 24) {
    times *= 2;
  }
  return times;
}

export interface Costs {
  baselineMs: number;
  hostileMs: number;
  ratio: number;
}

/** Measures both with the same repetition count (calibrated on the baseline) and asserts the ratio. */
export function assertCostWithin(
  what: string,
  hostile: () => void,
  baseline: () => void,
  factor: number,
  { calibrateMs = 5, trials = 7 } = {},
): Costs {
  const times = calibrate(baseline, calibrateMs);
  // Interleaved, and the fastest of each kept: both see the same load from the
  // other processes on the machine, and the least disturbed run counts.
  let baselineMs = Number.POSITIVE_INFINITY;
  let hostileMs = Number.POSITIVE_INFINITY;
  for (let trial = 0; trial < trials; trial += 1) {
    baselineMs = Math.min(baselineMs, elapsed(baseline, times));
    hostileMs = Math.min(hostileMs, elapsed(hostile, times));
  }
  const ratio = hostileMs / baselineMs;
  assert.ok(
    ratio <= factor,
    `${what}: ${hostileMs.toFixed(2)} ms against a baseline of ${baselineMs.toFixed(2)} ms (${ratio.toFixed(1)}×, at most ${factor}× allowed)`,
  );
  return { baselineMs, hostileMs, ratio };
}
