/** `files [VOLUME]`: every externally backed file (fsutil wim enumfiles), streamed. */
import type { BackedFile } from '../../backends/backend.js';
import { hasUnknownBacking } from '../../../formats/backing.js';
import {
  COMMON_OPTIONS_HELP,
  DEVICE_OPTIONS,
  DEVICE_OPTIONS_HELP,
  flag,
  openBackend,
  parseCommandArgs,
  requireCount,
  stringOption,
  volumesFrom,
} from '../args.js';
import type { Command } from '../command.js';
import { BACKED_FILE_HEADER, UNKNOWN_BACKING, backedFileRow } from '../describe-backing.js';
import { EXIT_OK, UsageError } from '../../../formats/cli-contract.js';
import { Output } from '../io.js';
import { createProgress } from '../progress.js';
import { countOf, totalSize } from '../wording.js';

interface FileFilter {
  provider?: 'wim' | 'file';
  source?: number;
}

function parseFilter(provider: string | undefined, source: string | undefined): FileFilter {
  const filter: FileFilter = {};
  if (provider !== undefined) {
    if (provider !== 'wim' && provider !== 'file') {
      throw new UsageError(`--provider ${provider}: expected wim or file`, 'files');
    }
    filter.provider = provider;
  }
  if (source !== undefined) {
    if (!/^\d+$/u.test(source)) {
      throw new UsageError(`--source ${source}: expected a data-source id (a non-negative integer)`, 'files');
    }
    if (filter.provider === 'file') {
      throw new UsageError('--source selects WIM data sources and cannot be combined with --provider file', 'files');
    }
    filter.source = Number(source);
  }
  return filter;
}

function keep(file: BackedFile, filter: FileFilter): boolean {
  return (
    (filter.provider === undefined || file.provider === filter.provider) &&
    (filter.source === undefined || (file.provider === 'wim' && file.dataSourceId === filter.source))
  );
}

export const filesCommand: Command = {
  name: 'files',
  summary: 'every externally backed file with provider, source or algorithm and sizes',
  help: `Usage: wimboot-check files [VOLUME] [--provider wim|file] [--source ID] [options]

Lists every file of VOLUME (default C:) whose data is externally backed: by a
WIM (provider wim, with its data-source id) or by WOF compression (provider
file, with its algorithm), with logical size and size on disk. Like
\`fsutil wim enumfiles\`, for both providers. Shows a running count on stderr
when it is a terminal.

Options:
  --provider wim|file   only files of that provider
  --source ID           only files backed by WIM data source ID

${DEVICE_OPTIONS_HELP}

${COMMON_OPTIONS_HELP}`,
  async run(argv, io) {
    const args = parseCommandArgs('files', argv, {
      ...DEVICE_OPTIONS,
      provider: { type: 'string' },
      source: { type: 'string' },
    });
    requireCount('files', args.positionals, 0, 1, 'volume');
    const filter = parseFilter(stringOption(args, 'provider'), stringOption(args, 'source'));
    const [volume] = volumesFrom('files', args, args.positionals) as [string];
    const json = flag(args, 'json');
    const backend = await openBackend('files', args, io);
    const out = new Output(io.stdout);
    const progress = createProgress(io, `Enumerating ${volume}`);
    let count = 0;
    let bytes = 0;
    let onDisk = 0;
    let sizeUnknown = 0;
    let unknownBacking = 0;
    let onDiskUnknown = 0;
    try {
      if (json) {
        await out.write(`{\n  "volume": ${JSON.stringify(volume)},\n  "files": [`);
      } else {
        await out.line(BACKED_FILE_HEADER);
      }
      for await (const file of backend.files(volume, (seen) => progress.update(seen))) {
        if (!keep(file, filter)) {
          continue;
        }
        if (json) {
          await out.write(`${count === 0 ? '' : ','}\n    ${JSON.stringify(file)}`);
        } else {
          await out.line(backedFileRow(file));
        }
        count += 1;
        bytes += file.size ?? 0;
        onDisk += file.sizeOnDisk ?? 0;
        sizeUnknown += file.size === undefined ? 1 : 0;
        unknownBacking += hasUnknownBacking(file) ? 1 : 0;
        onDiskUnknown += file.sizeOnDisk === undefined ? 1 : 0;
      }
    } finally {
      progress.done();
      await backend.close();
    }
    if (json) {
      await out.write(
        `${count === 0 ? '' : '\n  '}],\n  "count": ${count},\n  "unknown": ${unknownBacking},\n  "bytes": ${bytes},\n  "bytesOnDisk": ${onDisk}\n}\n`,
      );
    } else {
      await out.line(
        `${countOf(count, 'backed file')}, ${totalSize(bytes, sizeUnknown, count)} logical, ${totalSize(onDisk, onDiskUnknown, count)} on disk`,
      );
      if (unknownBacking > 0) {
        await out.line(`${unknownBacking} of them ${UNKNOWN_BACKING}`);
      }
    }
    await out.flush();
    return EXIT_OK;
  },
};
