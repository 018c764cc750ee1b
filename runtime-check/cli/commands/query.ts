/** `query PATH|GLOB...`: the backing of individual files (fsutil wim queryfile). */
import { hasMagic } from 'glob';
import type { QueryResult } from '../../backends/backend.js';
import {
  COMMON_OPTIONS_HELP,
  DEVICE_OPTIONS,
  DEVICE_OPTIONS_HELP,
  flag,
  openBackend,
  parseCommandArgs,
  requireCount,
} from '../args.js';
import type { Command } from '../command.js';
import { backingDetail } from '../describe-backing.js';
import { EXIT_OK } from '../../../formats/cli-contract.js';
import { Output } from '../io.js';
import { formatBytes, renderTable } from '../table.js';

export const queryCommand: Command = {
  name: 'query',
  summary: 'backing of given files or globs',
  help: `Usage: wimboot-check query PATH|GLOB... [options]

Shows for each file whether it is backed (and by what), not backed, or
missing. Globs (*, **, ?, [...]) are expanded with the glob package, without
following links; both \\ and / separate folders, so \\ never escapes.
Like \`fsutil wim queryfile\`, for both providers.

Example: wimboot-check query 'C:\\Windows\\System32\\drivers\\etc\\*'

${DEVICE_OPTIONS_HELP}

${COMMON_OPTIONS_HELP}`,
  async run(argv, io) {
    const args = parseCommandArgs('query', argv, DEVICE_OPTIONS);
    requireCount('query', args.positionals, 1, Number.POSITIVE_INFINITY, 'a path or glob to query');
    const backend = await openBackend('query', args, io);
    const results: QueryResult[] = [];
    try {
      for (const argument of args.positionals) {
        if (hasMagic(argument, { windowsPathsNoEscape: true })) {
          const paths = await backend.expand(argument);
          if (paths.length === 0) {
            results.push({ path: argument, status: 'missing' });
          }
          for (const path of paths) {
            results.push(await backend.query(path));
          }
        } else {
          results.push(await backend.query(argument));
        }
      }
    } finally {
      await backend.close();
    }
    const out = new Output(io.stdout);
    if (flag(args, 'json')) {
      await out.json({ results });
      return EXIT_OK;
    }
    const rows = results.map((result) =>
      result.status === 'backed'
        ? [
            result.status,
            result.file.provider,
            backingDetail(result.file),
            formatBytes(result.file.size),
            formatBytes(result.file.sizeOnDisk),
            result.path,
          ]
        : [result.status, '-', '-', '-', '-', result.path],
    );
    await out.line(renderTable(['STATUS', 'PROVIDER', 'BACKING', 'SIZE', 'ON DISK', 'PATH'], rows));
    await out.flush();
    return EXIT_OK;
  },
};
