/** Human-readable and JSON output of a diff (shared by `diff` and `run`). */
import type { DiffResult, VolumeSource } from '../diff.js';
import { BACKED_FILE_HEADER, backedFileRow, indentedUnderPath } from './describe-backing.js';
import type { Output } from './io.js';
import { formatBytes } from './table.js';
import { countOf, sizeOf } from './wording.js';

function sourceLine(source: VolumeSource): string {
  return `  ${source.volume} source ${source.dataSourceId}: ${source.wimPath} (index ${source.wimIndex}, ${source.state})`;
}

/** `1 file LOST its backing: about 92 B now stored in full on the volume`, the unknown part said as such. */
function lostLine(diff: DiffResult): string {
  const count = diff.lost.length;
  const head = `${countOf(count, 'file')} LOST ${count === 1 ? 'its' : 'their'} backing`;
  const unknown = diff.lost.filter((file) => file.size === undefined).length;
  if (unknown === count) {
    return `${head}: ${count === 1 ? 'its size is' : 'their sizes are'} unknown (the snapshot does not record it)`;
  }
  const stored = `${head}: about ${formatBytes(diff.bytesLost)} now stored in full on the volume`;
  return unknown === 0 ? stored : `${stored}, and ${countOf(unknown, 'file')} of unknown size`;
}

export async function writeDiffJson(out: Output, diff: DiffResult, extra: Record<string, unknown> = {}): Promise<void> {
  await out.json({ ...extra, ...diff });
}

export async function writeDiffText(out: Output, diff: DiffResult): Promise<void> {
  await out.line(
    `Before: ${diff.before.file} (${diff.before.takenAt}, ${diff.before.host}, ${countOf(diff.before.files, 'backed file')})`,
  );
  await out.line(
    `After:  ${diff.after.file} (${diff.after.takenAt}, ${diff.after.host}, ${countOf(diff.after.files, 'backed file')})`,
  );
  await out.line();
  if (diff.lost.length === 0) {
    await out.line('No file lost its backing.');
  } else {
    await out.line(lostLine(diff));
    await out.line(BACKED_FILE_HEADER);
    for (const file of diff.lost) {
      await out.line(backedFileRow(file));
      for (const finding of file.findings ?? []) {
        await out.line(
          indentedUnderPath(`<- ${finding.file}:${finding.line} ${finding.ruleId ?? ''} ${finding.pattern}`),
        );
      }
    }
    if (diff.lostWithoutFinding !== undefined) {
      const explained = diff.lost.length - diff.lostWithoutFinding;
      await out.line(
        `${explained} of them ${explained === 1 ? 'matches' : 'match'} a lint finding; ${diff.lostWithoutFinding} ${diff.lostWithoutFinding === 1 ? 'matches' : 'match'} none.`,
      );
    }
  }
  if (diff.gained.length > 0) {
    await out.line();
    await out.line(`${countOf(diff.gained.length, 'file')} gained backing (${sizeOf(diff.gained)}):`);
    await out.line(BACKED_FILE_HEADER);
    for (const file of diff.gained) {
      await out.line(backedFileRow(file));
    }
  }
  if (diff.changed.length > 0) {
    await out.line();
    await out.line(`${countOf(diff.changed.length, 'file')} changed backing:`);
    for (const change of diff.changed) {
      await out.line(`  ${change.path}: ${change.before.provider} -> ${change.after.provider}`);
    }
  }
  for (const [label, sources] of [
    ['Data sources added', diff.sourcesAdded],
    ['Data sources removed', diff.sourcesRemoved],
  ] as const) {
    if (sources.length > 0) {
      await out.line();
      await out.line(`${label}:`);
      for (const source of sources) {
        await out.line(sourceLine(source));
      }
    }
  }
  if (diff.sourcesChanged.length > 0) {
    await out.line();
    await out.line('Data sources changed:');
    for (const change of diff.sourcesChanged) {
      await out.line(
        `  ${change.volume} source ${change.dataSourceId}: ${change.before.state} -> ${change.after.state}, ${change.after.wimPath}`,
      );
    }
  }
  await out.flush();
}
