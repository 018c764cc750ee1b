/** Small statistics and formatting helpers for the benchmarks: medians and ratios, nothing else. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function min(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.min(...values);
}

export function max(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.max(...values);
}

/** `1.034` → `+3.4 %`. */
export function overhead(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a';
  const percent = (ratio - 1) * 100;
  return `${percent >= 0 ? '+' : '−'}${Math.abs(percent).toFixed(1)} %`;
}

/** `1.034` → `1.034×`. */
export function times(ratio: number, digits = 3): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(digits)}×` : 'n/a';
}

export function ms(value: number, digits = 0): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a';
}

export function mb(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(0)} MB` : 'n/a';
}

export function thousands(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Wall and CPU time (user + system, all threads) of one call. */
export interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

export async function timed<T>(run: () => Promise<T> | T): Promise<{ value: T; timing: Timing }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { value, timing: { wallMs, cpuMs: (used.user + used.system) / 1000 } };
}

/** A plain-text table: the first row is the header. */
export function textTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** A Markdown table: the first row is the header. */
export function markdownTable(rows: readonly (readonly string[])[]): string {
  const escape = (cell: string): string => cell.replaceAll('|', '\\|');
  return [
    `| ${rows[0]!.map(escape).join(' | ')} |`,
    `|${rows[0]!.map(() => '---').join('|')}|`,
    ...rows.slice(1).map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}
