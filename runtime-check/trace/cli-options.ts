/** The options the trace-aware commands share: --map, --eslint-json, --sarif, and the scenario after --. */
import { resolve } from 'node:path';
import { stringOption, type ParsedArgs } from '../cli/args.js';
import { UsageError } from '../../formats/cli-contract.js';
import type { Finding } from '../report/finding.js';
import { parseVolumeMap, type VolumeMap } from './locate.js';
import { toEslintJson, toSarif, writeReportFile } from './report-output.js';

export const TRACE_OUTPUT_OPTIONS = {
  map: { type: 'string', multiple: true },
  'eslint-json': { type: 'string' },
  sarif: { type: 'string' },
} as const;

export const TRACE_OUTPUT_HELP = `  --map DRIVE=ROOT      paths under ROOT were DRIVE on the device (C:=/mnt/win): for traces
                        recorded on another OS (a testing and CI aid); repeatable
  --eslint-json FILE    write the runtime findings as an ESLint JSON report
  --sarif FILE          write them as SARIF 2.1.0 (code scanning)`;

/** The --map options, parsed. */
export function volumeMaps(command: string, args: ParsedArgs, cwd: string): VolumeMap[] {
  const values = args.values.map as unknown as string[] | undefined;
  return (values ?? []).map((text) => {
    const map = parseVolumeMap(text, cwd);
    if (map === undefined) {
      throw new UsageError(`--map ${JSON.stringify(text)}: expected DRIVE=ROOT, e.g. C:=/mnt/windows`, command);
    }
    return map;
  });
}

/** Writes the --eslint-json and --sarif reports a command was asked for. */
export async function writeFindingReports(args: ParsedArgs, findings: readonly Finding[], cwd: string): Promise<void> {
  const eslintJson = stringOption(args, 'eslint-json');
  const sarif = stringOption(args, 'sarif');
  if (eslintJson !== undefined) await writeReportFile(resolve(cwd, eslintJson), toEslintJson(findings));
  if (sarif !== undefined) await writeReportFile(resolve(cwd, sarif), toSarif(findings, cwd));
}

export function requireScenario(command: string, args: ParsedArgs): void {
  if (args.positionals.length > 0) {
    throw new UsageError(
      `put the scenario after --: wimboot-check ${command} [options] -- ${args.positionals.join(' ')}`,
      command,
    );
  }
  if (args.rest.length === 0) {
    throw new UsageError(
      `missing the scenario: put it after --, e.g. \`wimboot-check ${command} -- node app.js\``,
      command,
    );
  }
}
