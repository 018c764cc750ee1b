/** `confirm REPORT`: which lint findings really point at backed files. */
import { confirmWithBackend, confirmWithSnapshot, type ConfirmResult } from '../../confirm.js';
import { pathKey } from '../../path-index.js';
import { readReport } from '../../report/read-report.js';
import {
  COMMON_OPTIONS_HELP,
  DEVICE_OPTIONS,
  DEVICE_OPTIONS_HELP,
  flag,
  openBackend,
  parseCommandArgs,
  requireCount,
  stringOption,
} from '../args.js';
import type { Command } from '../command.js';
import { EXIT_FOUND, EXIT_OK, UsageError } from '../../../formats/cli-contract.js';
import { Output } from '../io.js';
import { countOf, sizeOf } from '../wording.js';
import { formatBytes, renderTable } from '../table.js';
import { traceFindings, writeConfirmedReports } from '../../trace/confirm-trace.js';
import { TRACE_OUTPUT_HELP, TRACE_OUTPUT_OPTIONS, volumeMaps } from '../../trace/cli-options.js';

/** Matches listed per finding in the table; --json has them all. */
const MATCHES_SHOWN = 10;

/** The distinct matched files' size, or "nothing" when no finding matched a backed file. */
function atRisk(result: ConfirmResult): string {
  const distinct = new Map(
    result.findings.flatMap((finding) => finding.matches).map((file) => [pathKey(file.path), file]),
  );
  return distinct.size === 0 ? 'nothing' : sizeOf([...distinct.values()]);
}

async function writeText(out: Output, result: ConfirmResult): Promise<void> {
  const against =
    result.against.kind === 'snapshot'
      ? `snapshot ${result.against.file} (${result.against.takenAt}, ${result.against.host})`
      : result.against.backend === 'offline-ntfs'
        ? 'the offline volume'
        : `this device (${result.against.backend} backend)`;
  await out.line(`Checked ${countOf(result.findings.length, 'wimboot finding')} against ${against}.`);
  if (result.findings.length > 0) {
    const rows: string[][] = [];
    for (const finding of result.findings) {
      rows.push([
        finding.status.toUpperCase(),
        `${finding.file}:${finding.line}`,
        finding.ruleId ?? '-',
        finding.status === 'confirmed'
          ? `${countOf(finding.matches.length, 'file')}, ${sizeOf(finding.matches)}`
          : (finding.note ?? ''),
        finding.pattern,
      ]);
      for (const match of finding.matches.slice(0, MATCHES_SHOWN)) {
        rows.push(['', '', '', `${match.provider} ${formatBytes(match.size)}`, `  ${match.path}`]);
      }
      if (finding.matches.length > MATCHES_SHOWN) {
        rows.push(['', '', '', '', `  ... and ${finding.matches.length - MATCHES_SHOWN} more (--json lists all)`]);
      }
    }
    await out.line();
    await out.line(renderTable(['STATUS', 'WHERE', 'RULE', 'BACKED MATCHES', 'PATTERN'], rows));
  }
  const { counts } = result;
  await out.line();
  await out.line(
    `${counts.confirmed} confirmed, ${counts['not-backed']} not backed, ${counts.missing} missing, ${counts.unresolved} unresolved; ` +
      `${atRisk(result)} at risk of rehydration.`,
  );
  await out.flush();
}

export const confirmCommand: Command = {
  name: 'confirm',
  summary: 'check lint findings against backed files (exit 1 if any confirmed)',
  help: `Usage: wimboot-check confirm REPORT [--snapshot FILE] [options]
       wimboot-check confirm --trace TRACE [--map DRIVE=ROOT] [--snapshot FILE] [options]

Reads the wimboot findings of REPORT (ESLint -f json output, or SARIF 2.1.0),
expands each finding's path pattern and classifies it:
  confirmed    matches at least one backed file (listed, with the bytes at risk)
  not-backed   matches only files that are not backed
  missing      matches nothing on the device
  unresolved   the linter could not resolve the path, or its volume is not covered
With --snapshot the patterns are matched against the snapshot's file list, on
any OS; a snapshot lists backed files only, so there a missing file shows as
not-backed. Without it the device (or --offline volume) is asked.
Exit code 1 when any finding is confirmed.

Options:
  --snapshot FILE       match against this snapshot instead of the device
  --trace TRACE         check the write-opens of a trace (wimboot-check trace --out) instead of
                        a lint report: which hit files backed on that device (docs/trace.md)
${TRACE_OUTPUT_HELP}
                        (the confirmed findings)

${DEVICE_OPTIONS_HELP}

${COMMON_OPTIONS_HELP}`,
  async run(argv, io) {
    const args = parseCommandArgs('confirm', argv, {
      ...DEVICE_OPTIONS,
      snapshot: { type: 'string' },
      trace: { type: 'string' },
      ...TRACE_OUTPUT_OPTIONS,
    });
    const traceSource = stringOption(args, 'trace');
    const reports = traceSource === undefined ? 1 : 0;
    requireCount('confirm', args.positionals, reports, reports, 'REPORT (an ESLint JSON or SARIF report)');
    const snapshot = stringOption(args, 'snapshot');
    if (snapshot !== undefined && stringOption(args, 'offline') !== undefined) {
      throw new UsageError('--snapshot and --offline are alternatives; give one', 'confirm');
    }
    const { findings } =
      traceSource === undefined
        ? await readReport(args.positionals[0]!)
        : await traceFindings(traceSource, volumeMaps('confirm', args, io.cwd));
    let result: ConfirmResult;
    if (snapshot !== undefined) {
      result = confirmWithSnapshot(findings, snapshot);
    } else {
      const backend = await openBackend('confirm', args, io);
      try {
        result = await confirmWithBackend(findings, backend);
      } finally {
        await backend.close();
      }
    }
    await writeConfirmedReports(args, findings, result, io.cwd);
    const out = new Output(io.stdout);
    if (flag(args, 'json')) {
      await out.json({ ...result });
    } else {
      await writeText(out, result);
    }
    return result.counts.confirmed > 0 ? EXIT_FOUND : EXIT_OK;
  },
};
