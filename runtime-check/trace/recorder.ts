/**
 * Turns a decided write-open into a trace record: captures the stack (only
 * here, only for writes), links an open made inside another traced call to
 * it (fs.cpSync copying each file: same stack, `via`), and keeps a failure
 * of its own as a record instead of throwing it into the program.
 */
import { captureStack } from './stack.js';
import type { TraceFrame, TraceOpen } from './event.js';
import type { TraceSink } from './sink.js';

/** What a hook found out about one call, before the call runs. */
export type OpenFacts = Pick<TraceOpen, 'api' | 'path' | 'absolute' | 'effect' | 'access' | 'mask' | 'disposition'> & {
  /** fs.open as called by Node's stream code for a stream already traced at its creation. */
  streamOpen?: boolean;
};

interface Active {
  api: string;
  absolute: string;
  frames: TraceFrame[];
  /** The file of the last open recorded inside this call: cpSync's chmodSync after its copyFileSync adds nothing. */
  lastInside?: string;
}

export class Recorder {
  private readonly active: Active[] = [];
  /** Streams traced at creation whose file Node has yet to open, by absolute path. */
  private readonly pendingStreams = new Map<string, number>();
  private readonly sink: TraceSink;
  private readonly threadId: number;
  /** Each captured stack serialised once (nested opens share their outer call's frames). */
  private readonly stackJson = new WeakMap<TraceFrame[], string>();

  private readonly pid = process.pid;

  constructor(sink: TraceSink, threadId: number) {
    this.sink = sink;
    this.threadId = threadId;
  }

  /**
   * Records a write-open about to happen (`below`: the wrapper, left out of
   * the stack). Returns whether `leave` must follow the call.
   */
  enter(facts: OpenFacts, below: (...args: never[]) => unknown): boolean {
    try {
      const outer = this.active.at(-1);
      if (outer !== undefined) {
        // Inside another traced call: the same path is that call's own open
        // (writeFileSync → openSync); another path is one it makes for the user.
        const same = this.active.some((entry) => entry.absolute === facts.absolute);
        this.active.push({ api: facts.api, absolute: facts.absolute, frames: outer.frames });
        if (!same && outer.lastInside !== facts.absolute) {
          this.write(facts, outer.frames, outer.api);
          outer.lastInside = facts.absolute;
        }
        return true;
      }
      const { frames, fromStreamInternals } = captureStack(below);
      if (facts.streamOpen === true && fromStreamInternals && this.takePendingStream(facts.absolute)) {
        return false;
      }
      this.active.push({ api: facts.api, absolute: facts.absolute, frames });
      this.write(facts, frames, undefined);
      return true;
    } catch (error) {
      this.fail(facts.api, error);
      return false;
    }
  }

  leave(): void {
    this.active.pop();
  }

  /** A stream traced at its creation: Node opens its file later, from its own code. */
  noteStream(absolute: string): void {
    this.pendingStreams.set(absolute, (this.pendingStreams.get(absolute) ?? 0) + 1);
  }

  private takePendingStream(absolute: string): boolean {
    const count = this.pendingStreams.get(absolute);
    if (count === undefined) return false;
    if (count <= 1) this.pendingStreams.delete(absolute);
    else this.pendingStreams.set(absolute, count - 1);
    return true;
  }

  /**
   * One write-open line, serialised by hand in TraceOpen's key order: this
   * runs for every write-open, and a call that opens thousands of files
   * (fs.cpSync) shares one stack, serialised once.
   */
  private write(facts: OpenFacts, frames: TraceFrame[], via: string | undefined): void {
    let stack = this.stackJson.get(frames);
    if (stack === undefined) {
      stack = this.serialiseStack(frames);
      this.stackJson.set(frames, stack);
    }
    const quote = JSON.stringify;
    const name = this.quoted;
    const path = quote(facts.path);
    this.sink.writeLine(
      `{"type":"open","api":${name(facts.api)},"path":${path},"absolute":${facts.absolute === facts.path ? path : quote(facts.absolute)}` +
        `,"effect":${name(facts.effect)},"access":${name(facts.access)}` +
        (facts.mask === undefined ? '' : `,"mask":${quote(facts.mask)}`) +
        (facts.disposition === undefined ? '' : `,"disposition":${quote(facts.disposition)}`) +
        (via === undefined ? '' : `,"via":${name(via)}`) +
        `,"pid":${this.pid},"threadId":${this.threadId},"time":${Date.now()},"stack":${stack}}`,
    );
  }

  /** TraceFrame[] as JSON.stringify gives it (same keys, same order), from the pieces quoted once each. */
  private serialiseStack(frames: readonly TraceFrame[]): string {
    let json = '[';
    for (const [index, frame] of frames.entries()) {
      json +=
        `${index === 0 ? '' : ','}{"file":${this.quoted(frame.file)},"line":${frame.line},"column":${frame.column}` +
        (frame.function === undefined ? '}' : `,"function":${this.quoted(frame.function)}}`);
    }
    return `${json}]`;
  }

  /**
   * API names, effects, flags, source files and function names as JSON: the
   * same few come back on every write-open, so each is quoted once.
   */
  private readonly quotedNames = new Map<string, string>();
  private readonly quoted = (value: string): string => {
    let json = this.quotedNames.get(value);
    if (json === undefined) {
      json = JSON.stringify(value);
      if (this.quotedNames.size < 10_000) this.quotedNames.set(value, json);
    }
    return json;
  };

  /** Keeps a failure of the tracer as a record; never throws. */
  fail(api: string | undefined, error: unknown): void {
    try {
      this.sink.write({
        type: 'tracer-error',
        ...(api === undefined ? {} : { api }),
        message: error instanceof Error ? error.message : String(error),
        pid: process.pid,
        threadId: this.threadId,
        time: Date.now(),
      });
    } catch {
      // Nowhere left to say it: the program must not notice.
    }
  }
}
