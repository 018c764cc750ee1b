/** `sources [VOLUME]`: the WIM data sources of a volume (fsutil wim enumwims). */
import type { VolumeInfo } from '../../backends/backend.js';
import {
  COMMON_OPTIONS_HELP,
  DEVICE_OPTIONS,
  DEVICE_OPTIONS_HELP,
  flag,
  openBackend,
  parseCommandArgs,
  requireCount,
  volumesFrom,
} from '../args.js';
import type { Command } from '../command.js';
import { EXIT_OK } from '../../../formats/cli-contract.js';
import { Output } from '../io.js';
import { renderTable } from '../table.js';

function providerLine(label: string, attached: boolean, version: string | undefined, offline: boolean): string {
  if (offline) {
    return `${label}: not applicable (offline volume, no wof.sys)`;
  }
  return `${label}: ${attached ? `attached${version === undefined ? '' : ` (${version})`}` : 'not attached'}`;
}

function providerLines(info: VolumeInfo, offline: boolean): string[] {
  return [
    providerLine('WOF WIM provider ', info.wimProviderAttached, info.wimProviderVersion, offline),
    providerLine('WOF file provider', info.fileProviderAttached, info.fileProviderVersion, offline),
  ];
}

export const sourcesCommand: Command = {
  name: 'sources',
  summary: 'WIM data sources backing a volume, and whether WOF is attached',
  help: `Usage: wimboot-check sources [VOLUME] [options]

Lists the WIM files backing VOLUME (default C:): data-source id, state
(active / not-active / suspended), WIM type, index, GUID and path, plus
whether the WOF WIM and file providers are attached. Like \`fsutil wim enumwims\`.

${DEVICE_OPTIONS_HELP}

${COMMON_OPTIONS_HELP}`,
  async run(argv, io) {
    const args = parseCommandArgs('sources', argv, DEVICE_OPTIONS);
    requireCount('sources', args.positionals, 0, 1, 'volume');
    const [volume] = volumesFrom('sources', args, args.positionals) as [string];
    const backend = await openBackend('sources', args, io);
    try {
      const info = await backend.volumeInfo(volume);
      const sources = await backend.sources(volume);
      const out = new Output(io.stdout);
      if (flag(args, 'json')) {
        await out.json({ volume, backend: backend.name, info, sources });
        return EXIT_OK;
      }
      const offline = backend.name === 'offline-ntfs';
      await out.line(`Volume ${volume} (${backend.name})`);
      for (const line of providerLines(info, offline)) {
        await out.line(line);
      }
      await out.line();
      if (sources.length === 0) {
        await out.line('No WIM data sources.');
      } else {
        const rows = sources.map((source) => [
          String(source.dataSourceId),
          source.state,
          source.wimType === 1 ? 'os' : 'not-os',
          String(source.wimIndex),
          source.wimGuid,
          source.wimPartition === undefined ? source.wimPath : `${source.wimPath} (${source.wimPartition})`,
        ]);
        await out.line(renderTable(['ID', 'STATE', 'TYPE', 'INDEX', 'WIM GUID', 'WIM PATH'], rows));
      }
      await out.flush();
      return EXIT_OK;
    } finally {
      await backend.close();
    }
  },
};
