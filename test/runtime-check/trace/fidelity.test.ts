/**
 * The tracer never changes what the program does: the same output, byte for
 * byte, and exit code with and without it (returns, errors, `this`, sync vs
 * async, order, function names); an error thrown from inside fs leaves as
 * thrown (its stack has the wrapper's line more, nothing less); a failure of
 * its own is recorded, not thrown; a process killed mid-write leaves a
 * readable trace; frames are source-mapped when source maps are on.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { readTrace } from '../../../runtime-check/trace/read-trace.js';
import { tempDir } from '../helpers/temp.js';
import { markedCall, opensOf, runTraced, whereOf, writeScenario } from './helpers.js';

/** Prints everything a wrapper could get wrong, then exits 3. */
const OBSERVED = `const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const at = (name) => path.join(process.argv[2], name);
const log = (...parts) => console.log(parts.map((part) => JSON.stringify(part) ?? String(part)).join(' '));
log('names', fs.writeFileSync.name, fs.writeFileSync.length, fs.open.name, fs.open.length, fsp.writeFile.name);
log('sync return', fs.writeFileSync(at('a.txt'), 'x'), typeof fs.openSync(at('b.txt'), 'w'));
try { fs.writeFileSync(at('missing/dir/c.txt'), 'x'); } catch (error) { log('sync throw', error.code, error.syscall, error.message.replace(process.argv[2], 'DIR')); }
try { fs.openSync(at('d.txt'), 'not-a-flag'); } catch (error) { log('invalid flag', error.code, error.name); }
const self = { marker: 1 };
log('this', (function () { return fs.existsSync.call(this, at('a.txt')); }).call(self));
let order = [];
fs.writeFile(at('e.txt'), 'x', (error) => { order.push('callback ' + error); });
order.push('after call');
fsp.writeFile(at('missing/f.txt'), 'x').catch((error) => order.push('rejected ' + error.code));
Promise.resolve().then(() => order.push('microtask'));
const stream = fs.createWriteStream(at('g.txt'));
stream.on('open', () => order.push('stream open')).on('close', () => order.push('stream close'));
stream.end('x');
const options = { get flag() { throw new Error('flag getter'); } };
try { fs.writeFileSync(at('h.txt'), 'x', options); } catch (error) { log('options getter', error.message); }
// What runs first is fixed; I/O completions race each other in the thread pool, with or without a tracer.
setTimeout(() => { log('order', order.slice(0, 2), order.slice(2).sort()); console.error('stderr line'); process.exitCode = 3; }, 50);
`;

/** An uncaught error from inside fs, deep enough that the stack limit (10 frames) cuts it. */
const UNCAUGHT = `const fs = require('node:fs');
const path = require('node:path');
const caught = (() => { try { fs.readFileSync(path.join(process.argv[2], 'nope.txt')); } catch (error) { return error.stack; } })();
console.log(caught.replaceAll(process.argv[2], 'DIR'));
function deeper(depth) {
  if (depth === 0) fs.writeFileSync(path.join(process.argv[2], 'missing', 'dir', 'file.txt'), 'x');
  else deeper(depth - 1);
}
deeper(12);
`;

const KILLED = `const fs = require('node:fs');
const path = require('node:path');
const at = (name) => path.join(process.argv[2], name);
fs.writeFileSync(at('one.txt'), 'x');
fs.appendFileSync(at('two.txt'), 'x');
const stream = fs.createWriteStream(at('three.txt'));
// Killed while the stream is still open, a turn of the event loop after the writes.
stream.write('partial', () => setTimeout(() => process.kill(process.pid, 'SIGKILL'), 10));
`;

const THROWN = `const fs = require('node:fs');
fs.writeFileSync(require('node:path').join(process.argv[2], 'before.txt'), 'x');
setTimeout(() => { throw new Error('crash mid-run'); }, 1);
`;

/** TypeScript with an inline source map, compiled here, so the frames must be mapped back to it. */
const TYPED = `import * as fs from 'node:fs';
import * as path from 'node:path';

interface Target {
  dir: string;
  name: string;
}

export function save(target: Target, text: string): void {
  fs.writeFileSync(path.join(target.dir, target.name), text); // W:save
}

save({ dir: process.argv[2]!, name: 'typed.txt' }, 'x');
`;

describe('what the tracer leaves alone', () => {
  it('gives byte-identical output and the same exit code with and without the tracer', async () => {
    const dir = tempDir('wimboot-trace-same-');
    writeScenario(dir, { 'observed.cjs': OBSERVED });
    const bare = spawnSync(process.execPath, [join(dir, 'observed.cjs'), dir], { cwd: dir, encoding: 'utf8' });
    const traced = await runTraced(dir, [join(dir, 'observed.cjs'), dir]);
    assert.equal(bare.status, 3, bare.stderr);
    assert.equal(traced.status, bare.status);
    assert.equal(traced.stdout, bare.stdout);
    assert.equal(traced.stderr, bare.stderr);
    assert.match(bare.stdout, /^"order" \["after call","microtask"\] \[.*"callback null".*\]$/mu);
    // The tracer was there: it saw the writes, and its own failure (the throwing getter) is a record.
    assert.ok(opensOf(traced.trace, join(dir, 'a.txt')).length === 1);
    assert.ok(opensOf(traced.trace, join(dir, 'g.txt')).length === 1);
    assert.deepEqual(
      traced.trace.failures.map((failure) => [failure.api, failure.message]),
      [['fs.writeFileSync', 'flag getter']],
    );
  });

  it('lets an error thrown from inside fs leave as thrown, every frame kept, plus one line per wrapper', async () => {
    const dir = tempDir('wimboot-trace-stack-');
    writeScenario(dir, { 'uncaught.cjs': UNCAUGHT });
    const bare = spawnSync(process.execPath, [join(dir, 'uncaught.cjs'), dir], { cwd: dir, encoding: 'utf8' });
    const traced = await runTraced(dir, [join(dir, 'uncaught.cjs'), dir]);
    assert.equal(bare.status, 1);
    assert.match(bare.stderr, /^node:fs:\d+\n[^]*ENOENT[^]*at deeper[^]*at deeper/u);
    // The wrapper's frame: in the --require bundle (preload.cjs), or in wrapper.js for an --import host.
    const tracerLine =
      /^ {4}at Object\.\w+ \((?:file:\/\/\/.*\/runtime-check\/trace\/wrapper\.js|.*[\\/]runtime-check[\\/]trace[\\/]preload\.cjs):\d+:\d+\)$/u;
    const untraced = (text: string): string =>
      text
        .split('\n')
        .filter((line) => !tracerLine.test(line))
        .join('\n');
    assert.deepEqual(
      [traced.status, untraced(traced.stdout), untraced(traced.stderr)],
      [bare.status, bare.stdout, bare.stderr],
    );
    // readFileSync → openSync (both wrapped) in the caught stack; writeFileSync in the uncaught one.
    const added = (text: string): string[] => text.split('\n').filter((line) => tracerLine.test(line));
    assert.deepEqual([added(traced.stdout).length, added(traced.stderr).length], [2, 1]);
    assert.equal(opensOf(traced.trace, join(dir, 'missing', 'dir', 'file.txt')).length, 1, 'traced all the same');
  });

  it('leaves a readable trace when the process is killed mid-write, is terminated, or dies of an uncaught exception', async () => {
    const dir = tempDir('wimboot-trace-crash-');
    writeScenario(dir, { 'killed.cjs': KILLED, 'thrown.cjs': THROWN });
    const killed = await runTraced(dir, [join(dir, 'killed.cjs'), dir]);
    assert.equal(killed.signal, 'SIGKILL');
    assert.deepEqual(
      killed.trace.opens.map((open) => [open.api, open.absolute]),
      [
        ['fs.writeFileSync', join(dir, 'one.txt')],
        ['fs.appendFileSync', join(dir, 'two.txt')],
        ['fs.createWriteStream', join(dir, 'three.txt')],
      ],
    );
    assert.equal(killed.trace.damagedLines, 0);
    // SIGTERM with no listener of the program's: the trace is flushed, the process still dies of it.
    const terminated = await runTraced(dir, [
      '-e',
      `require('fs').writeFileSync(${JSON.stringify(join(dir, 'term.txt'))}, 'x'); process.kill(process.pid, 'SIGTERM'); setTimeout(() => {}, 5000)`,
    ]);
    assert.equal(terminated.signal, 'SIGTERM');
    assert.deepEqual(
      terminated.trace.opens.map((open) => open.absolute),
      [join(dir, 'term.txt')],
    );
    const thrown = await runTraced(dir, [join(dir, 'thrown.cjs'), dir]);
    assert.equal(thrown.status, 1);
    assert.match(thrown.stderr, /crash mid-run/u);
    assert.deepEqual(
      thrown.trace.opens.map((open) => open.absolute),
      [join(dir, 'before.txt')],
    );
  });

  it('reads a trace whose last line was cut short, counting the damage', async () => {
    const dir = tempDir('wimboot-trace-cut-');
    writeScenario(dir, {
      'trace-1-0.ndjson':
        '{"type":"process","format":"wimboot-trace","version":1,"pid":1,"ppid":0,"threadId":0,"argv":[],"cwd":"/","platform":"linux","node":"v20","time":1}\n' +
        '{"type":"open","api":"fs.openSync","path":"a","absolute":"/a","effect":"truncate","access":"\'w\'","pid":1,"threadId":0,"time":2,"stack":[]}\n' +
        '{"type":"open","api":"fs.open',
    });
    const trace = await readTrace(dir);
    assert.deepEqual([trace.opens.map((open) => open.absolute), trace.damagedLines], [['/a'], 1]);
  });

  it('maps frames through source maps when they are enabled', async () => {
    const dir = tempDir('wimboot-trace-maps-');
    const compiled = ts.transpileModule(TYPED, {
      fileName: join(dir, 'typed.ts'),
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        inlineSourceMap: true,
        inlineSources: true,
      },
    });
    writeScenario(dir, { 'typed.ts': TYPED, 'typed.js': compiled.outputText });
    const run = await runTraced(dir, ['--enable-source-maps', join(dir, 'typed.js'), dir]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(opensOf(run.trace, join(dir, 'typed.txt')).map(whereOf), [
      markedCall(join(dir, 'typed.ts'), 'save', 'writeFileSync('),
    ]);
    const unmapped = await runTraced(dir, [join(dir, 'typed.js'), dir]);
    assert.match(whereOf(unmapped.trace.opens[0]!), /typed\.js:/u, 'without source maps, the generated file');
  });
});
