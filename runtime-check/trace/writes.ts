/**
 * A trace's write-opens gathered by what they did where: one entry per file,
 * API and line of user code (a loop opening the same file a thousand times is
 * one entry with a count), and the findings they make for confirm, diff
 * --report, ESLint JSON and SARIF.
 */
import { formatPatternTrailer } from '../../formats/finding-pattern.js';
import { pathKey } from '../path-index.js';
import type { Finding } from '../report/finding.js';
import type { TraceEffect, TraceFrame, TraceOpen } from './event.js';
import { devicePath, userFrame, type VolumeMap } from './locate.js';
import type { Trace } from './read-trace.js';

export const RUNTIME_RULE_ID = 'wimboot/runtime-write-open';

export interface TracedWrite {
  api: string;
  access: string;
  effect: TraceEffect;
  /** As the process resolved it. */
  absolute: string;
  /** On the device's volume (`C:\…`), when the path is on one. */
  device?: string;
  /** The first frame in the user's code. */
  frame?: TraceFrame;
  via?: string;
  count: number;
  pids: number[];
}

/** What the write did to the file, in words: `opened C:\x for write, truncating it`. */
function didTo(effect: TraceEffect, path: string): string {
  switch (effect) {
    case 'read-write':
      return `opened ${path} for read-write`;
    case 'truncate':
      return `opened ${path} for write, truncating it`;
    case 'append':
      return `opened ${path} for append`;
    case 'replace':
      return `replaced ${path}`;
    case 'overwrite':
      return `overwrote ${path}`;
    case 'create-if-missing':
      return `created ${path} if missing`;
    case 'attributes':
      return `changed the attributes of ${path}`;
  }
}

export function groupWrites(trace: Trace, maps: readonly VolumeMap[]): TracedWrite[] {
  const byKey = new Map<string, TracedWrite>();
  for (const open of trace.opens) {
    const frame = userFrame(open.stack);
    const device = devicePath(open.absolute, maps);
    const where = frame === undefined ? '' : `${frame.file}:${frame.line}:${frame.column}`;
    const key = `${device === undefined ? open.absolute : pathKey(device)}\0${open.api}\0${open.access}\0${where}`;
    const known = byKey.get(key);
    if (known !== undefined) {
      known.count += 1;
      if (!known.pids.includes(open.pid)) known.pids.push(open.pid);
      continue;
    }
    byKey.set(key, entry(open, frame, device));
  }
  return [...byKey.values()];
}

function entry(open: TraceOpen, frame: TraceFrame | undefined, device: string | undefined): TracedWrite {
  return {
    api: open.api,
    access: open.access,
    effect: open.effect,
    absolute: open.absolute,
    ...(device === undefined ? {} : { device }),
    ...(frame === undefined ? {} : { frame }),
    ...(open.via === undefined ? {} : { via: open.via }),
    count: 1,
    pids: [open.pid],
  };
}

/** `fs.writeFileSync ('w') opened C:\Windows\win.ini for write, truncating it, at run time [wimboot-path: C:\Windows\win.ini]`. */
export function runtimeMessage(write: TracedWrite): string {
  const how = write.access === write.effect ? write.api : `${write.api} (${write.access})`;
  const via = write.via === undefined ? '' : `, inside ${write.via}`;
  const times = write.count === 1 ? '' : `, ${write.count} times`;
  const trailer = write.device === undefined ? '' : formatPatternTrailer([write.device]);
  return `${how} ${didTo(write.effect, write.device ?? write.absolute)} at run time${via}${times}.${trailer}`;
}

/** The findings of the writes that land on a device volume at a line of JavaScript. */
export function findingsOf(writes: readonly TracedWrite[]): Finding[] {
  return writes.flatMap((write): Finding[] =>
    write.device === undefined || write.frame === undefined
      ? []
      : [
          {
            file: write.frame.file,
            line: write.frame.line,
            column: write.frame.column,
            ruleId: RUNTIME_RULE_ID,
            message: runtimeMessage(write),
            patterns: [write.device],
          },
        ],
  );
}
