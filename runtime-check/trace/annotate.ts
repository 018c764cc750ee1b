/**
 * `run --trace`: each lost file with the traced write-opens of its path, and
 * the traced write-opens of backed files that kept their backing (a write
 * wof.sys did not answer with rehydration is worth knowing about).
 */
import type { BackedFile } from '../backends/backend.js';
import type { Output } from '../cli/io.js';
import type { DiffResult } from '../diff.js';
import { pathKey } from '../path-index.js';
import { streamSnapshot } from '../../formats/snapshot/reader.js';
import { describeFrame } from './locate.js';
import type { TracedWrite } from './writes.js';

export interface AnnotatedFile {
  path: string;
  provider: BackedFile['provider'];
  writes: TracedWrite[];
}

export interface TraceAnnotation {
  /** Every lost file, with the write-opens of its path (none: opened outside the trace). */
  lost: AnnotatedFile[];
  /** Backed before the scenario, written to by it, still backed after. */
  keptBacking: AnnotatedFile[];
}

function writesByPath(writes: readonly TracedWrite[]): Map<string, TracedWrite[]> {
  const byPath = new Map<string, TracedWrite[]>();
  for (const write of writes) {
    if (write.device === undefined) continue;
    const key = pathKey(write.device);
    byPath.set(key, [...(byPath.get(key) ?? []), write]);
  }
  return byPath;
}

export function annotateWithTrace(
  diff: DiffResult,
  writes: readonly TracedWrite[],
  beforeSnapshot: string,
): TraceAnnotation {
  const byPath = writesByPath(writes);
  const lost = diff.lost.map((file) => ({
    path: file.path,
    provider: file.provider,
    writes: byPath.get(pathKey(file.path)) ?? [],
  }));
  const lostKeys = new Set(diff.lost.map((file) => pathKey(file.path)));
  const keptBacking: AnnotatedFile[] = [];
  streamSnapshot(beforeSnapshot, (file) => {
    const key = pathKey(file.path);
    const traced = byPath.get(key);
    if (traced !== undefined && !lostKeys.has(key)) {
      keptBacking.push({ path: file.path, provider: file.provider, writes: traced });
    }
  });
  return { lost, keptBacking };
}

/** The write-opens of lost files, as findings for the reports. */
export function lostWrites(annotation: TraceAnnotation): TracedWrite[] {
  return annotation.lost.flatMap((file) => file.writes);
}

async function writeFiles(out: Output, files: readonly AnnotatedFile[], cwd: string): Promise<void> {
  for (const file of files) {
    await out.line(`  ${file.path}`);
    for (const write of file.writes) {
      const times = write.count === 1 ? '' : ` (${write.count} times)`;
      await out.line(`    ${write.api} ${write.access}  ${describeFrame(write.frame, cwd)}${times}`);
    }
  }
}

export async function writeTraceAnnotation(out: Output, annotation: TraceAnnotation, cwd: string): Promise<void> {
  const traced = annotation.lost.filter((file) => file.writes.length > 0);
  await out.line();
  await out.line(`Traced write-opens of the lost files (${traced.length} of ${annotation.lost.length}):`);
  await writeFiles(out, traced, cwd);
  const untraced = annotation.lost.length - traced.length;
  if (untraced > 0) {
    await out.line(
      `  ${untraced} lost ${untraced === 1 ? 'file has' : 'files have'} no traced write-open ` +
        '(written outside the traced processes: native code, another program, Windows itself)',
    );
  }
  if (annotation.keptBacking.length > 0) {
    await out.line();
    await out.line('Traced write-opens of backed files that kept their backing:');
    await writeFiles(out, annotation.keptBacking, cwd);
  }
  await out.flush();
}
