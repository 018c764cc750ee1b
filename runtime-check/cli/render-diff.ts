/** Human-readable and JSON output of a diff (shared by `diff` and `run`). */
import type { DiffResult, VolumeSource } from '../diff.js';
import { BACKED_FILE_HEADER, backedFileRow, indentedUnderPath } from './describe-backing.js';
import type { Output } from './io.js';
import { formatBytes } from './table.js';

function sourceLine(source: VolumeSource): string {
  return `  ${source.volume} source ${source.dataSourceId}: ${source.wimPath} (index ${source.wimIndex}, ${source.state})`;
}

export async function writeDiffJson(out: Output, diff: DiffResult, extra: Record<string, unknown> = {}): Promise<void> {
  await out.json({ ...extra, ...diff });
}

export async function writeDiffText(out: Output, diff: DiffResult): Promise<void> {
  await out.line(
    `Before: ${diff.before.file} (${diff.before.takenAt}, ${diff.before.host}, ${diff.before.files} backed files)`,
  );
  await out.line(
    `After:  ${diff.after.file} (${diff.after.takenAt}, ${diff.after.host}, ${diff.after.files} backed files)`,
  );
  await out.line();
  if (diff.lost.length === 0) {
    await out.line('No file lost its backing.');
  } else {
    await out.line(
      `${diff.lost.length} files LOST their backing: about ${formatBytes(diff.bytesLost)} now stored in full on the volume`,
    );
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
      await out.line(
        `${diff.lost.length - diff.lostWithoutFinding} of them match a lint finding; ${diff.lostWithoutFinding} match none.`,
      );
    }
  }
  if (diff.gained.length > 0) {
    await out.line();
    await out.line(`${diff.gained.length} files gained backing (${formatBytes(diff.bytesGained)}):`);
    await out.line(BACKED_FILE_HEADER);
    for (const file of diff.gained) {
      await out.line(backedFileRow(file));
    }
  }
  if (diff.changed.length > 0) {
    await out.line();
    await out.line(`${diff.changed.length} files changed backing:`);
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
