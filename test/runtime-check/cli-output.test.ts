import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import type { CliIo } from '../../runtime-check/cli/io.js';
import { Output } from '../../runtime-check/cli/io.js';
import { createProgress } from '../../runtime-check/cli/progress.js';
import { formatBytes, renderTable } from '../../runtime-check/cli/table.js';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

function io(stderrIsTty: boolean): { io: CliIo; stderr: () => string } {
  const stderr = capture();
  return {
    io: { stdout: capture().stream, stderr: stderr.stream, stderrIsTty, env: {}, cwd: '/' },
    stderr: stderr.text,
  };
}

describe('progress on stderr', () => {
  it('is shown only when stderr is a terminal, and cleared at the end', () => {
    const tty = io(true);
    const progress = createProgress(tty.io, 'Enumerating C:');
    progress.update(1);
    progress.done();
    assert.equal(tty.stderr(), '\rEnumerating C: (1 backed file)\r\x1b[K');

    const pipe = io(false);
    const silent = createProgress(pipe.io, 'Enumerating C:');
    silent.update(1);
    silent.done();
    assert.equal(pipe.stderr(), '');
  });
});

describe('output helpers', () => {
  it('Output.json streams top-level arrays as valid JSON', async () => {
    const sink = capture();
    const out = new Output(sink.stream);
    const value = {
      lost: Array.from({ length: 3000 }, (_, i) => ({ path: `C:\\f${i}` })),
      gained: [],
      bytesLost: 5,
      note: undefined,
    };
    await out.json(value);
    assert.deepEqual(JSON.parse(sink.text()), { lost: value.lost, gained: [], bytesLost: 5 });
  });

  it('renders aligned tables and human sizes', () => {
    assert.equal(
      renderTable(
        ['A', 'LONG'],
        [
          ['xyz', 'last column is not padded'],
          ['', 'b'],
        ],
      ),
      'A    LONG\nxyz  last column is not padded\n     b',
    );
    assert.deepEqual([0, 1023, 1024, 1536 * 1024, undefined].map(formatBytes), [
      '0 B',
      '1023 B',
      '1.0 KiB',
      '1.5 MiB',
      '-',
    ]);
  });
});
