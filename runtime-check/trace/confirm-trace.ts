/** `confirm --trace`: a trace's write-opens as findings, and the confirmed ones as reports. */
import type { ConfirmResult } from '../confirm.js';
import type { Finding } from '../report/finding.js';
import type { ParsedArgs } from '../cli/args.js';
import { writeFindingReports } from './cli-options.js';
import type { VolumeMap } from './locate.js';
import { readTrace } from './read-trace.js';
import { findingsOf, groupWrites } from './writes.js';

export async function traceFindings(source: string, maps: readonly VolumeMap[]): Promise<{ findings: Finding[] }> {
  const trace = await readTrace(source);
  return { findings: findingsOf(groupWrites(trace, maps)) };
}

/** --eslint-json / --sarif: the findings confirm found backed (results keep the findings' order). */
export async function writeConfirmedReports(
  args: ParsedArgs,
  findings: readonly Finding[],
  result: ConfirmResult,
  cwd: string,
): Promise<void> {
  const confirmed = findings.filter((_, index) => result.findings[index]?.status === 'confirmed');
  await writeFindingReports(args, confirmed, cwd);
}
