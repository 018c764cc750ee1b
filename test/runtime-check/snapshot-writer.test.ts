/** The atomic snapshot writer never replaces what is not a regular file, and its temporary names fit NAME_MAX. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readSnapshot } from '../../formats/snapshot/reader.js';
import { RefusedTargetError, SnapshotWriter, writeSnapshot } from '../../runtime-check/snapshot/writer.js';
import { snapshotOf, tempDir, wimFile } from './helpers/temp.js';

const dir = tempDir('wimboot-writer-');
const SNAPSHOT = snapshotOf([wimFile('C:\\Windows\\win.ini', 92)]);

function kindOf(path: string): string {
  const stats = lstatSync(path);
  return stats.isFIFO()
    ? 'fifo'
    : stats.isDirectory()
      ? 'dir'
      : stats.isSymbolicLink()
        ? 'link'
        : stats.isCharacterDevice()
          ? 'chr'
          : 'file';
}

describe('snapshot writer: the target (issue 14 items 1 and 12)', () => {
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const folder = join(dir, 'folder');
  mkdirSync(folder);
  const link = join(dir, 'link');
  writeFileSync(join(dir, 'linked.json'), 'keep');
  symlinkSync(join(dir, 'linked.json'), link);

  for (const [target, kind, description] of [
    [fifo, 'fifo', 'a FIFO'],
    [folder, 'dir', 'a directory'],
    [link, 'link', 'a symbolic link'],
    ['/dev/null', 'chr', 'a character device'],
  ] as const) {
    it(`refuses to replace ${description}, and leaves it as it was`, async () => {
      await assert.rejects(writeSnapshot(target, SNAPSHOT), (error: unknown) => {
        assert.ok(error instanceof RefusedTargetError, String(error));
        assert.equal(
          error.message,
          `${target}: exists and is ${description}, not a regular file; refusing to replace it`,
        );
        return true;
      });
      assert.equal(kindOf(target), kind);
      assert.deepEqual(
        readdirSync(dir).filter((name) => name.endsWith('.tmp')),
        [],
      );
    });
  }

  it('refuses at commit a target that became something else while it was written', async () => {
    const target = join(dir, 'raced.json');
    const writer = await SnapshotWriter.create(target, SNAPSHOT);
    await writer.beginVolume('C:', []);
    await writer.endVolume();
    execFileSync('mkfifo', [target]);
    await assert.rejects(writer.commit(), /raced\.json: exists and is a FIFO, not a regular file/u);
    assert.equal(kindOf(target), 'fifo');
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.endsWith('.tmp')),
      [],
    );
    rmSync(target);
  });

  it('replaces an existing regular file', async () => {
    const target = join(dir, 'old.json');
    writeFileSync(target, 'old');
    await writeSnapshot(target, SNAPSHOT);
    assert.equal(readSnapshot(target).volumes[0]?.files.length, 1);
  });

  for (const [what, base] of [
    ['240 ASCII characters', 'a'.repeat(235)],
    ['250 bytes of UTF-8', 'é'.repeat(122)],
  ] as const) {
    it(`keeps the temporary name within NAME_MAX for a target name of ${what}`, async () => {
      const target = join(dir, `${base}.json`);
      assert.ok(Buffer.byteLength(`${base}.json`) <= 255);
      await writeSnapshot(target, SNAPSHOT);
      assert.ok(statSync(target).isFile());
      rmSync(target);
    });
  }
});
