/** The trace command's summary: write-opens by file, with the top frame of each. */
import { renderTable } from '../cli/table.js';
import type { Output } from '../cli/io.js';
import { describeFrame } from './locate.js';
import type { Trace } from './read-trace.js';
import type { TracedWrite } from './writes.js';

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** `C:\Windows\win.ini` when on a device volume, the local path otherwise. */
export function shownPath(write: TracedWrite): string {
  return write.device ?? write.absolute;
}

export function traceCounts(trace: Trace, writes: readonly TracedWrite[]) {
  const pids = new Set(trace.processes.map((process) => process.pid));
  return {
    processes: pids.size,
    threads: trace.processes.length,
    writeOpens: trace.opens.length,
    files: new Set(writes.map(shownPath)).size,
    tracerErrors: trace.failures.length,
    damagedLines: trace.damagedLines,
  };
}

export async function writeTraceSummary(
  out: Output,
  trace: Trace,
  writes: readonly TracedWrite[],
  cwd: string,
): Promise<void> {
  const counts = traceCounts(trace, writes);
  await out.line(
    `Traced ${plural(counts.processes, 'process', 'processes')} (${plural(counts.threads, 'thread')}): ` +
      `${plural(counts.writeOpens, 'write-open')} of ${plural(counts.files, 'file')}.`,
  );
  if (writes.length > 0) {
    const sorted = [...writes].sort((a, b) => (shownPath(a) < shownPath(b) ? -1 : shownPath(a) > shownPath(b) ? 1 : 0));
    const rows = sorted.map((write) => [
      shownPath(write),
      String(write.count),
      write.api,
      write.access,
      describeFrame(write.frame, cwd),
    ]);
    await out.line();
    await out.line(renderTable(['FILE', 'OPENS', 'API', 'ACCESS', 'WHERE'], rows));
  }
  if (counts.tracerErrors > 0) {
    await out.line();
    await out.line(`warning: the tracer recorded ${plural(counts.tracerErrors, 'failure')} of its own (see the trace)`);
  }
  if (counts.damagedLines > 0) {
    await out.line(
      `note: ${plural(counts.damagedLines, 'line')} of the trace cut short (a process killed while writing): skipped`,
    );
  }
  await out.line();
  await out.line(`Trace: ${trace.source} (${plural(trace.files.length, 'file')})`);
  await out.flush();
}
