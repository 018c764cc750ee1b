import { median } from './stats.js';

/**
 * Runtime check scale: `wimboot-check diff` and `confirm` on synthetic
 * snapshots of growing size, through benchRuntimeCheckScale from
 * runtime-check-scale.ts (owned by the runtime check). Repeated; medians.
 */

interface ScaleRow {
  files: number;
  diffMs: number;
  confirmMs: number;
  peakRssMb: number;
}

export interface RuntimeScale {
  /** False when runtime-check-scale.js is not there (yet): the section says so. */
  readonly available: boolean;
  readonly reason?: string;
  readonly repetitions: number;
  readonly rows: {
    readonly files: number;
    readonly diffMs: number[];
    readonly confirmMs: number[];
    readonly peakRssMb: number[];
  }[];
}

export const RUNTIME_SIZES = [10_000, 100_000, 1_000_000] as const;

export async function benchRuntimeScale(options: {
  repetitions: number;
  log: (line: string) => void;
}): Promise<RuntimeScale> {
  // Resolved at run time so that this harness builds and runs without it.
  const url = new URL('runtime-check-scale.js', import.meta.url).href;
  let bench: (sizes: readonly number[]) => Promise<ScaleRow[]>;
  try {
    ({ benchRuntimeCheckScale: bench } = (await import(url)) as { benchRuntimeCheckScale: typeof bench });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    options.log('  test/bench/runtime-check-scale.js is missing: section skipped');
    return {
      available: false,
      reason: 'test/bench/runtime-check-scale.ts (benchRuntimeCheckScale) does not exist in this checkout',
      repetitions: 0,
      rows: [],
    };
  }
  if (typeof bench !== 'function') {
    return {
      available: false,
      reason: 'test/bench/runtime-check-scale.ts does not export benchRuntimeCheckScale',
      repetitions: 0,
      rows: [],
    };
  }
  const rows = RUNTIME_SIZES.map((files) => ({
    files,
    diffMs: [] as number[],
    confirmMs: [] as number[],
    peakRssMb: [] as number[],
  }));
  for (let repetition = 0; repetition < options.repetitions; repetition++) {
    const measured = await bench(RUNTIME_SIZES);
    for (const row of measured) {
      const target = rows.find((candidate) => candidate.files === row.files);
      if (target === undefined) continue;
      target.diffMs.push(row.diffMs);
      target.confirmMs.push(row.confirmMs);
      target.peakRssMb.push(row.peakRssMb);
    }
    options.log(
      `  repetition ${repetition + 1}/${options.repetitions}: ${measured.map((row) => `${row.files}: diff ${row.diffMs} ms, confirm ${row.confirmMs} ms, ${row.peakRssMb} MB`).join('; ')}`,
    );
  }
  options.log(
    `  medians: ${rows.map((row) => `${row.files}: diff ${median(row.diffMs)} ms, confirm ${median(row.confirmMs)} ms`).join('; ')}`,
  );
  return { available: true, repetitions: options.repetitions, rows };
}
