import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TraceOpen, TraceRecord } from '../../../runtime-check/trace/event.js';
import { type OpenFacts, Recorder } from '../../../runtime-check/trace/recorder.js';
import type { TraceSink } from '../../../runtime-check/trace/sink.js';

/** A sink that keeps the lines it is given, parsed. */
function memorySink(): { sink: TraceSink; records: TraceRecord[] } {
  const records: TraceRecord[] = [];
  const sink = {
    write: (record: TraceRecord) => records.push(JSON.parse(JSON.stringify(record)) as TraceRecord),
    writeLine: (json: string) => records.push(JSON.parse(json) as TraceRecord),
  } as unknown as TraceSink;
  return { sink, records };
}

const HOSTS = String.raw`C:\Windows\System32\drivers\etc\hosts`;

// Paths with every character JSON must escape, a Win32 mask and disposition, and the plain case.
const FACTS: readonly OpenFacts[] = [
  {
    api: 'fs.openSync',
    path: '/tmp/a "quoted"\\\n\u0001file',
    absolute: '/tmp/x',
    effect: 'read-write',
    access: "'r+'",
  },
  {
    api: 'kernel32.CreateFileW',
    path: HOSTS,
    absolute: HOSTS,
    effect: 'truncate',
    access: 'GENERIC_WRITE (0x40000000), CREATE_ALWAYS',
    mask: 0x40000000,
    disposition: 2,
  },
  { api: 'fs.writeFileSync', path: 'é/日本/😀', absolute: '/é/日本/😀', effect: 'overwrite', access: "'w'" },
];

describe('Recorder: the write-open lines it builds by hand', () => {
  it('parse to exactly the TraceOpen record, in its key order, for every kind of value', () => {
    const { sink, records } = memorySink();
    const recorder = new Recorder(sink, 3);
    const caller = function caller(): void {
      for (const facts of FACTS) {
        assert.equal(recorder.enter(facts, caller), true);
        recorder.leave();
      }
    };
    caller();
    assert.equal(records.length, FACTS.length);
    records.forEach((record, index) => {
      const facts = FACTS[index]!;
      const open = record as TraceOpen;
      const expected: TraceOpen = {
        type: 'open',
        api: facts.api,
        path: facts.path,
        absolute: facts.absolute,
        effect: facts.effect,
        access: facts.access,
        ...(facts.mask === undefined ? {} : { mask: facts.mask }),
        ...(facts.disposition === undefined ? {} : { disposition: facts.disposition }),
        pid: process.pid,
        threadId: 3,
        time: open.time,
        stack: open.stack,
      };
      assert.deepEqual(Object.keys(open), Object.keys(expected));
      assert.deepEqual(open, expected);
      assert.ok(Number.isInteger(open.time) && open.time > 0);
    });
  });

  it('writes each stack as JSON.stringify would, whatever its files and function names hold', () => {
    const lines: string[] = [];
    const sink = { write: () => undefined, writeLine: (json: string) => lines.push(json) } as unknown as TraceSink;
    const recorder = new Recorder(sink, 0);
    const facts: OpenFacts = { api: 'fs.openSync', path: 'p', absolute: '/p', effect: 'truncate', access: "'w'" };
    // Frames from code whose file name holds backslashes and non-ASCII (V8 takes no quote or space in a
    // sourceURL; the paths of FACTS cover those), and whose function names are not ASCII.
    const make = new Function(
      'enter',
      'return function ünï\u0063ode() { return (function $q() { enter(); })(); };\n//# sourceURL=C:\\odd\\日本.js',
    ) as (enter: () => void) => () => void;
    const below = (): void => {
      recorder.enter(facts, below);
      recorder.leave();
    };
    const outer = make(below);
    outer();
    outer();
    assert.equal(lines.length, 2);
    for (const line of lines) {
      const record = JSON.parse(line) as TraceOpen;
      assert.ok(record.stack.length >= 2, line);
      assert.deepEqual(
        record.stack.slice(0, 2).map((frame) => [frame.file, frame.function]),
        [
          ['C:\\odd\\日本.js', '$q'],
          ['C:\\odd\\日本.js', 'ünïcode'],
        ],
      );
      // Byte for byte what JSON.stringify gives for those frames.
      assert.ok(line.endsWith(`"stack":${JSON.stringify(record.stack)}}`), line);
    }
  });

  it('gives an open inside a traced call the outer stack and its API as `via`, one record per file in a row', () => {
    const { sink, records } = memorySink();
    const recorder = new Recorder(sink, 0);
    const outer: OpenFacts = { api: 'fs.cpSync', path: 'out', absolute: '/out', effect: 'replace', access: 'replace' };
    const inner: OpenFacts = { ...outer, api: 'fs.copyFileSync', path: 'out/a', absolute: '/out/a' };
    const caller = function caller(): void {
      recorder.enter(outer, caller);
      recorder.enter(inner, caller);
      recorder.leave();
      // Then chmodSync of the file just copied: the same file, the same call, nothing new.
      recorder.enter({ ...inner, api: 'fs.chmodSync', effect: 'attributes', access: 'attributes' }, caller);
      recorder.leave();
      recorder.enter({ ...inner, path: 'out/b', absolute: '/out/b' }, caller);
      recorder.leave();
      recorder.leave();
    };
    caller();
    const opens = records as TraceOpen[];
    assert.deepEqual(
      opens.map((open) => [open.api, open.absolute, open.via]),
      [
        ['fs.cpSync', '/out', undefined],
        ['fs.copyFileSync', '/out/a', 'fs.cpSync'],
        ['fs.copyFileSync', '/out/b', 'fs.cpSync'],
      ],
    );
    assert.ok(opens[0]!.stack.length > 0, 'the outer call has a stack');
    for (const open of opens) assert.deepEqual(open.stack, opens[0]!.stack);
  });
});
