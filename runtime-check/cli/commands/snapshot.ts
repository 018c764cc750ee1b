/** `snapshot [VOLUME...] -o FILE`: sources and backed files, written atomically. */
import { resolve } from 'node:path';
import { takeSnapshot } from '../../snapshot/take.js';
import {
  COMMON_OPTIONS_HELP,
  DEVICE_OPTIONS,
  DEVICE_OPTIONS_HELP,
  flag,
  openBackend,
  parseCommandArgs,
  stringOption,
  volumesFrom,
} from '../args.js';
import type { Command } from '../command.js';
import { EXIT_OK, UsageError } from '../../../formats/cli-contract.js';
import { Output } from '../io.js';
import { handleInterrupts } from '../interrupts.js';
import { checkOutputFile } from '../output-target.js';
import { createProgress } from '../progress.js';
import { UNKNOWN_BACKING } from '../describe-backing.js';
import { countOf, totalSize } from '../wording.js';

export const snapshotCommand: Command = {
  name: 'snapshot',
  summary: 'save sources and all backed files to a snapshot file',
  help: `Usage: wimboot-check snapshot [VOLUME...] -o FILE [options]

Records the data sources and every backed file of each VOLUME (default C:)
in FILE (format: docs/snapshot-format.md). FILE is written to a temporary
file next to it and renamed when complete, so it is never left half-written;
an existing FILE must be a regular file, outside the --offline volume.
Take one before and one after a scenario, then \`wimboot-check diff\`.

Options:
  -o, --output FILE     where to write the snapshot (required)

${DEVICE_OPTIONS_HELP}

${COMMON_OPTIONS_HELP}`,
  async run(argv, io) {
    const args = parseCommandArgs('snapshot', argv, { ...DEVICE_OPTIONS, output: { type: 'string', short: 'o' } });
    const output = stringOption(args, 'output');
    if (output === undefined) {
      throw new UsageError('missing -o FILE (where to write the snapshot)', 'snapshot');
    }
    const volumes = volumesFrom('snapshot', args, args.positionals);
    const offline = stringOption(args, 'offline');
    checkOutputFile(`-o ${output}`, resolve(io.cwd, output), {
      inputs: [],
      ...(offline === undefined ? {} : { offline: resolve(io.cwd, offline) }),
    });
    handleInterrupts((text) => io.stderr.write(text));
    const backend = await openBackend('snapshot', args, io);
    const progress = createProgress(io, 'Snapshot');
    let taken;
    try {
      taken = await takeSnapshot(backend, volumes, resolve(io.cwd, output), (count) => progress.update(count));
    } finally {
      progress.done();
      await backend.close();
    }
    const out = new Output(io.stdout);
    if (flag(args, 'json')) {
      await out.json({ ...taken });
      return EXIT_OK;
    }
    for (const volume of taken.volumes) {
      const unknown = volume.unknown > 0 ? `, ${volume.unknown} of them ${UNKNOWN_BACKING}` : '';
      await out.line(
        `Volume ${volume.volume} ${countOf(volume.files, 'backed file')} (${totalSize(volume.bytes, volume.sizeUnknown, volume.files)}${unknown}), ${countOf(volume.sources, 'WIM data source')}`,
      );
    }
    await out.line(`Wrote ${output}`);
    await out.flush();
    return EXIT_OK;
  },
};
