/** The snapshot reader on inputs no writer produces: bounds, odd numbers, control characters, pipes. */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SnapshotFormatError } from '../../formats/snapshot/format-error.js';
import { readSnapshot, streamSnapshot } from '../../formats/snapshot/reader.js';
import { snapshotOf, tempDir, wimFile, writeText } from '../runtime-check/helpers/temp.js';

const dir = tempDir('wimboot-reader-');

const HEAD = '{"format":"wimboot-snapshot","version":1,"takenAt":"2026-11-21T05:00:00Z","host":"PC",\n';

function withFile(entry: string): string {
  return `${HEAD}"volumes":[{"volume":"C:","sources":[],"files":[\n${entry}\n]}]}\n`;
}

function rejection(file: string, options?: Parameters<typeof streamSnapshot>[2]): SnapshotFormatError {
  try {
    streamSnapshot(file, () => undefined, options);
  } catch (error) {
    assert.ok(error instanceof SnapshotFormatError, `expected a SnapshotFormatError, got ${String(error)}`);
    assert.doesNotMatch(error.message, /\n/u, 'one line');
    return error;
  }
  assert.fail('the snapshot was accepted');
}

describe('snapshot reader: values no snapshot holds (issue 14 item 12)', () => {
  it('refuses a field nested deeper than any snapshot field, at the bracket one level too deep', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const file = writeText(dir, 'deep.json', withFile(`{"path":"C:\\\\a","provider":"wim","future":${deep}}`));
    const error = rejection(file);
    assert.equal(`${error.line}:${error.column}`, '3:106');
    assert.match(error.message, /nested more than 64 levels deep/u);
  });

  it('says a number too large for JSON is too large, not "null"', () => {
    const file = writeText(dir, 'huge.json', withFile('{"path":"C:\\\\a","provider":"wim","size":1e400}'));
    assert.match(
      rejection(file).message,
      /volumes\[0\]\.files\[0\]\.size: expected a non-negative integer or no field, got a number too large to represent/u,
    );
  });

  it('refuses a path with a line break or another control character, which no Windows name holds', () => {
    for (const [name, escaped] of [
      ['newline', '\\n'],
      ['tab', '\\t'],
      ['escape', '\\u001b'],
    ]) {
      const file = writeText(dir, `${name}.json`, withFile(`{"path":"C:\\\\a${escaped}b.dll","provider":"wim"}`));
      assert.match(
        rejection(file).message,
        /volumes\[0\]\.files\[0\]\.path: expected a Windows path, got "C:\\\\a\\(n|t|u001b)b\.dll": Windows names hold no control characters/u,
      );
    }
  });
});

describe('snapshot reader: bounded memory whatever the input (issue 14 item 11)', () => {
  it('refuses a value larger than any snapshot field before buffering the rest (a 6 GiB sparse file)', () => {
    const file = join(dir, 'sparse.json');
    writeFileSync(file, `${HEAD}"volumes":[{"volume":"C:","sources":[],"files":[{"path":"C:\\\\`);
    truncateSync(file, 6 * 1024 ** 3);
    const before = process.memoryUsage().rss;
    const error = rejection(file);
    assert.match(error.message, /a value of more than 4 MiB starts here: no snapshot field is that large/u);
    assert.equal(`${error.line}:${error.column}`, '2:49');
    assert.ok(process.memoryUsage().rss - before < 64 * 1024 ** 2, 'read no more than a few chunks');
  });

  it('refuses a snapshot larger than the limit, naming it', () => {
    const file = writeText(
      dir,
      'long.json',
      JSON.stringify(snapshotOf(Array.from({ length: 2000 }, (_, i) => wimFile(`C:\\f${i}`, i)))),
    );
    assert.match(
      rejection(file, { maxBytes: 16 * 1024 }).message,
      /long\.json:\d+:\d+: the snapshot is larger than 16 KiB, more than any device's \(is this a snapshot\?\)/u,
    );
    assert.equal(readSnapshot(file).volumes[0]?.files.length, 2000, 'the default limit reads it');
  });
});

describe('snapshot reader: read once, from whatever kind of file', () => {
  const text = JSON.stringify(snapshotOf([wimFile('C:\\Windows\\win.ini', 92)]));

  it('reads a FIFO written by another process', async () => {
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', 'printf %s "$1" > "$2"', 'sh', text, fifo], { stdio: 'ignore' });
    const written = new Promise((resolve) => writer.once('close', resolve));
    const seen: string[] = [];
    streamSnapshot(fifo, (file) => seen.push(file.path));
    assert.deepEqual(seen, ['C:\\Windows\\win.ini']);
    assert.equal(await written, 0);
  });

  it('reads a pipe given as /dev/fd/N (process substitution)', () => {
    const output = execFileSync(
      'bash',
      [
        '-c',
        `exec "$1" --input-type=module -e "$2" <(printf %s "$3")`,
        'bash',
        process.execPath,
        `import { readSnapshot } from ${JSON.stringify(new URL('../../formats/snapshot/reader.js', import.meta.url).href)};
         process.stdout.write(readSnapshot(process.argv[1]).volumes[0].files[0].path);`,
        text,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(output, 'C:\\Windows\\win.ini');
  });
});
