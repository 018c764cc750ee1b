/**
 * The tracer in real Node processes: every API family in CommonJS and ESM, a
 * child process, a worker thread, a promise chain, a stream, fs-extra and
 * graceful-fs, koffi against a stand-in library; each write-open at the
 * file:line:column of the call, reads never recorded.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers/temp.js';
import { markedCall, opensOf, runTraced, whereOf, writeScenario } from './helpers.js';

const require = createRequire(import.meta.url);

const CJS_FS = `const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const at = (name) => path.join(process.argv[2], name);
fs.writeFileSync(at('a.txt'), 'x'); // W:a
fs.closeSync(fs.openSync(at('b.txt'), 'r+')); // W:b
fs.appendFileSync(at('c.txt'), 'x'); // W:c
fs.copyFileSync(at('a.txt'), at('d.txt')); // W:d
fs.renameSync(at('d.txt'), at('e.txt')); // W:e
fs.truncateSync(at('f.txt'), 0); // W:f
fs.readFileSync(at('g.txt'), { flag: 'a+' }); // W:g
fs.closeSync(fs.openSync(at('h.txt'), fs.constants.O_WRONLY | fs.constants.O_CREAT)); // W:h
fs.readFileSync(at('read-1.txt'));
fs.closeSync(fs.openSync(at('read-2.txt'), 'r'));
fs.createReadStream(at('read-3.txt')).resume();
(async () => {
  await fsp.writeFile(at('i.txt'), 'x'); // W:i
  const handle = await fsp.open(at('j.txt'), 'w'); // W:j
  await handle.write('x');
  await handle.close();
  await new Promise((resolve, reject) => fs.writeFile(at('k.txt'), 'x', (e) => (e ? reject(e) : resolve()))); // W:k
  await new Promise((resolve) => fs.copyFile(at('a.txt'), at('l.txt'), resolve)); // W:l
  await fsp.rename(at('l.txt'), at('m.txt')); // W:m
  await fsp.readFile(at('read-4.txt'));
})();
`;

const CJS_EXPECTED: Array<[string, string, string]> = [
  ['a', 'fs.writeFileSync', 'writeFileSync('],
  ['b', 'fs.openSync', 'openSync('],
  ['c', 'fs.appendFileSync', 'appendFileSync('],
  ['d', 'fs.copyFileSync', 'copyFileSync('],
  ['e', 'fs.renameSync', 'renameSync('],
  ['f', 'fs.truncateSync', 'truncateSync('],
  ['g', 'fs.readFileSync', 'readFileSync('],
  ['h', 'fs.openSync', 'openSync('],
  ['i', 'fs.promises.writeFile', 'writeFile('],
  ['j', 'fs.promises.open', 'open('],
  ['k', 'fs.writeFile', 'writeFile('],
  ['l', 'fs.copyFile', 'copyFile('],
  ['m', 'fs.promises.rename', 'rename('],
];

const ESM_MAIN = `import { closeSync, createWriteStream, openSync, writeFileSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
const dir = process.argv[2];
const at = (name) => join(dir, name);
writeFileSync(at('a.txt'), 'x'); // W:a
closeSync(openSync(at('b.txt'), 'w')); // W:b
await writeFile(at('c.txt'), 'x').then(() => appendFile(at('d.txt'), 'y')); // W:cd
await pipeline(Readable.from(['x', 'y']), createWriteStream(at('e.txt'))); // W:e
await new Promise((resolve, reject) => {
  const worker = new Worker(new URL('./worker.mjs', import.meta.url), { argv: [dir] });
  worker.on('exit', resolve).on('error', reject);
});
execFileSync(process.execPath, [fileURLToPath(new URL('./child.cjs', import.meta.url)), dir]);
`;
const ESM_WORKER = `import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
writeFileSync(join(process.argv[2], 'worker.txt'), 'x'); // W:worker
`;
const CJS_CHILD = `const fs = require('node:fs');
fs.writeFileSync(require('node:path').join(process.argv[2], 'child.txt'), 'x'); // W:child
`;

const LIBRARIES = `const fse = require(process.argv[3]);
const gfs = require(process.argv[4]);
const path = require('node:path');
const at = (name) => path.join(process.argv[2], name);
fse.outputFileSync(at('sub/fx1.txt'), 'x'); // W:fx1
fse.copySync(at('a.txt'), at('fx2.txt')); // W:fx2
gfs.writeFileSync(at('g1.txt'), 'x'); // W:g1
gfs.appendFile(at('g2.txt'), 'x', () => {}); // W:g2
`;

function prepare(dir: string, names: readonly string[]): void {
  for (const name of names) writeFileSync(join(dir, name), 'existing\n');
}

describe('the tracer, in real processes', () => {
  it('records each CommonJS fs write-open (sync, callback, promises, FileHandle) at its call, and no read', async () => {
    const dir = tempDir('wimboot-trace-cjs-');
    writeScenario(dir, { 'scenario.cjs': CJS_FS });
    prepare(dir, ['a.txt', 'b.txt', 'f.txt', 'g.txt', 'read-1.txt', 'read-2.txt', 'read-3.txt', 'read-4.txt']);
    const run = await runTraced(dir, [join(dir, 'scenario.cjs'), dir]);
    assert.equal(run.status, 0, run.stderr);
    const scenario = join(dir, 'scenario.cjs');
    for (const [id, api, call] of CJS_EXPECTED) {
      const opens = opensOf(run.trace, join(dir, `${id}.txt`));
      assert.deepEqual(
        opens.map((open) => [open.api, whereOf(open)]),
        [[api, markedCall(scenario, id, call)]],
        `${id}.txt`,
      );
    }
    assert.deepEqual(
      run.trace.opens.filter((open) => open.absolute.includes('read-')),
      [],
      'reads are not recorded',
    );
    assert.equal(run.trace.opens.length, CJS_EXPECTED.length);
    const [numeric] = opensOf(run.trace, join(dir, 'h.txt'));
    assert.match(numeric!.access, /^O_WRONLY \| O_CREAT \(\d+\)$/u);
    assert.deepEqual(run.trace.failures, []);
  });

  it('covers ESM named imports, a promise chain, a stream, a worker thread and a child process', async () => {
    const dir = tempDir('wimboot-trace-esm-');
    writeScenario(dir, { 'main.mjs': ESM_MAIN, 'worker.mjs': ESM_WORKER, 'child.cjs': CJS_CHILD });
    const run = await runTraced(dir, [join(dir, 'main.mjs'), dir]);
    assert.equal(run.status, 0, run.stderr);
    const main = join(dir, 'main.mjs');
    const where = (name: string): string[][] =>
      opensOf(run.trace, join(dir, name)).map((open) => [open.api, whereOf(open)]);
    assert.deepEqual(where('a.txt'), [['fs.writeFileSync', markedCall(main, 'a', 'writeFileSync(')]]);
    assert.deepEqual(where('b.txt'), [['fs.openSync', markedCall(main, 'b', 'openSync(')]]);
    assert.deepEqual(where('c.txt'), [['fs.promises.writeFile', markedCall(main, 'cd', 'writeFile(')]]);
    assert.deepEqual(where('d.txt'), [['fs.promises.appendFile', markedCall(main, 'cd', 'appendFile(')]]);
    assert.deepEqual(where('e.txt'), [['fs.createWriteStream', markedCall(main, 'e', 'createWriteStream(')]]);
    assert.deepEqual(where('worker.txt'), [
      ['fs.writeFileSync', markedCall(join(dir, 'worker.mjs'), 'worker', 'writeFileSync(')],
    ]);
    assert.deepEqual(where('child.txt'), [
      ['fs.writeFileSync', markedCall(join(dir, 'child.cjs'), 'child', 'writeFileSync(')],
    ]);
    const [main0] = run.trace.processes.filter((process) => process.threadId === 0 && process.argv[1] === main);
    assert.ok(main0, 'the main process has a trace file');
    const worker = opensOf(run.trace, join(dir, 'worker.txt'))[0]!;
    const child = opensOf(run.trace, join(dir, 'child.txt'))[0]!;
    assert.deepEqual([worker.pid, worker.threadId], [main0.pid, 1], 'the worker: same process, thread 1');
    assert.notEqual(child.pid, main0.pid, 'the child: a process of its own');
    assert.equal(run.trace.processes.length, 3);
  });

  it('sees fs-extra and graceful-fs through the fs calls they make, at the user line', async () => {
    const dir = tempDir('wimboot-trace-libs-');
    writeScenario(dir, { 'libs.cjs': LIBRARIES });
    prepare(dir, ['a.txt']);
    const run = await runTraced(dir, [
      join(dir, 'libs.cjs'),
      dir,
      require.resolve('fs-extra'),
      require.resolve('graceful-fs'),
    ]);
    assert.equal(run.status, 0, run.stderr);
    const file = join(dir, 'libs.cjs');
    // Every open a library call makes for one file (copySync: copyFileSync, then chmodSync) is at the user's line.
    const where = (name: string): string[] => [...new Set(opensOf(run.trace, join(dir, name)).map(whereOf))];
    assert.deepEqual(where('sub/fx1.txt'), [markedCall(file, 'fx1', 'outputFileSync(')]);
    assert.deepEqual(where('fx2.txt'), [markedCall(file, 'fx2', 'copySync(')]);
    assert.ok(opensOf(run.trace, join(dir, 'fx2.txt')).some((open) => open.api === 'fs.copyFileSync'));
    assert.deepEqual(where('g1.txt'), [markedCall(file, 'g1', 'writeFileSync(')]);
    assert.deepEqual(where('g2.txt'), [markedCall(file, 'g2', 'appendFile(')]);
    for (const open of opensOf(run.trace, join(dir, 'fx2.txt'))) {
      assert.ok(
        open.stack.some((frame) => frame.file.includes('node_modules')),
        'the library frames are kept',
      );
    }
  });
});
