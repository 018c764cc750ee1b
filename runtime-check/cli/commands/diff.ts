/** `diff BEFORE AFTER`: files that lost or gained backing between two snapshots. */
import { diffSnapshotFiles } from '../../diff.js';
import { readReport } from '../../report/read-report.js';
import { COMMON_OPTIONS_HELP, flag, parseCommandArgs, requireCount, stringOption } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_FOUND, EXIT_OK } from '../../../formats/cli-contract.js';
import { Output } from '../io.js';
import { writeDiffJson, writeDiffText } from '../render-diff.js';

export const diffCommand: Command = {
  name: 'diff',
  summary: 'files that lost or gained backing between two snapshots (exit 1 if any lost)',
  help: `Usage: wimboot-check diff BEFORE AFTER [--report REPORT] [options]

Compares two snapshot files. Lists the files that LOST their backing (they
were opened for write and rehydrated: their full size is now spent on the
volume), the files that gained it, and data sources added or removed. Works
on any OS. Exit code 1 when any file lost its backing.

Options:
  --report REPORT       an ESLint JSON report (or SARIF) of wimboot-lint: each
                        lost file is listed with the findings whose path
                        pattern matches it

${COMMON_OPTIONS_HELP}`,
  async run(argv, io) {
    const args = parseCommandArgs('diff', argv, { report: { type: 'string' } });
    requireCount('diff', args.positionals, 2, 2, 'BEFORE and AFTER snapshot files');
    const [before, after] = args.positionals as [string, string];
    const reportFile = stringOption(args, 'report');
    const findings = reportFile === undefined ? undefined : (await readReport(reportFile)).findings;
    const diff = diffSnapshotFiles(before, after, findings);
    const out = new Output(io.stdout);
    if (flag(args, 'json')) {
      await writeDiffJson(out, diff);
    } else {
      await writeDiffText(out, diff);
    }
    return diff.lost.length > 0 ? EXIT_FOUND : EXIT_OK;
  },
};
