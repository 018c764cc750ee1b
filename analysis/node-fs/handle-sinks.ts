import type { Evaluator } from '../evaluator/evaluate.js';
import { FS_FAMILY, withoutSync } from './fs-apis.js';
import type { HandleSink, SinkVerdict } from '../handle-usage.js';

/**
 * What Node's fs does with a file descriptor or a FileHandle, for the
 * handle-usage analysis: which calls only read it, which write through it.
 */

/** fd-taking functions (callback, Sync) that only read or close. */
const FD_READERS = new Set(['read', 'readv', 'fstat', 'readFile', 'createReadStream']);
const FD_CLOSERS = new Set(['close']);
/** fd-taking functions that write through the descriptor or need write access on it. */
const FD_WRITERS = new Set([
  'write',
  'writev',
  'ftruncate',
  'fsync',
  'fdatasync',
  'fchmod',
  'fchown',
  'futimes',
  'writeFile',
  'appendFile',
  'createWriteStream',
]);

/** FileHandle methods. */
const HANDLE_READERS = new Set([
  'read',
  'readv',
  'readFile',
  'readLines',
  'stat',
  'createReadStream',
  'readableWebStream',
]);
const HANDLE_CLOSERS = new Set(['close']);
const HANDLE_WRITERS = new Set([
  'write',
  'writev',
  'writeFile',
  'appendFile',
  'truncate',
  'sync',
  'datasync',
  'chmod',
  'chown',
  'utimes',
  'createWriteStream',
  'writer',
]);

/** Classifier for a numeric fd (`fs.openSync`, the `fd` of `fs.open`'s callback). */
export function classifyFdSink(evaluator: Evaluator, sink: HandleSink): SinkVerdict {
  if (sink.kind === 'method') {
    return { effect: 'escape' };
  }
  if (sink.kind === 'option') {
    const fn = fsFunctionOf(evaluator, sink.call);
    if (sink.key === 'fd' && fn === 'createReadStream') return { effect: 'read', api: 'fs.createReadStream' };
    if (sink.key === 'fd' && fn === 'createWriteStream') return { effect: 'write', api: 'fs.createWriteStream' };
    return { effect: 'escape' };
  }
  const fn = fsFunctionOf(evaluator, sink.call);
  if (fn === undefined) {
    return { effect: 'escape' };
  }
  const api = `fs.${fn}`;
  const base = withoutSync(fn);
  if (sink.index !== 0) return { effect: 'escape' };
  if (FD_CLOSERS.has(base)) return { effect: 'close', api };
  if (FD_READERS.has(base)) return { effect: 'read', api };
  if (FD_WRITERS.has(base)) return { effect: 'write', api };
  return { effect: 'escape' };
}

/** Classifier for a FileHandle (`fs.promises.open`). */
export function classifyFileHandleSink(_evaluator: Evaluator, sink: HandleSink): SinkVerdict {
  if (sink.kind !== 'method') {
    return { effect: 'escape' };
  }
  const api = `FileHandle.${sink.name}`;
  if (HANDLE_CLOSERS.has(sink.name)) return { effect: 'close', api };
  if (HANDLE_READERS.has(sink.name)) return { effect: 'read', api };
  if (HANDLE_WRITERS.has(sink.name)) return { effect: 'write', api };
  return { effect: 'escape' };
}

/** The fs function a call invokes (`readSync`, `createReadStream`...), if it is one. */
function fsFunctionOf(evaluator: Evaluator, call: HandleSink['call']): string | undefined {
  const { callee } = evaluator.calleeOf(call);
  if (callee.items.length !== 1) return undefined;
  const [item] = callee.items;
  if (item?.kind !== 'module' || !FS_FAMILY.has(item.module) || item.path.length !== 1) return undefined;
  return item.path[0];
}
