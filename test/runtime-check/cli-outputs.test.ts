/**
 * Where wimboot-check writes (issue 14 items 1, 2 and 12): `-o` and `--keep`
 * never replace what is not a regular file, never overwrite an input, never
 * write into the --offline volume. Refused before any device is opened, so
 * these run on any machine; the last test writes from a real NTFS volume.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readSnapshot } from '../../formats/snapshot/reader.js';
import { assertOneLineError, runWimbootCheck } from './helpers/cli.js';
import { NtfsVolume, withNtfsVolume } from './helpers/ntfs-volume.js';
import { tempDir } from './helpers/temp.js';

const dir = tempDir('wimboot-outputs-');

describe('-o refuses a target that is not a regular file (issue 14 item 1)', () => {
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const folder = join(dir, 'existing-folder');
  mkdirSync(folder);
  const link = join(dir, 'link.json');
  symlinkSync('/etc/hostname', link);

  for (const [target, kind, isKind] of [
    ['/dev/null', 'a character device', () => lstatSync('/dev/null').isCharacterDevice()],
    [fifo, 'a FIFO', () => lstatSync(fifo).isFIFO()],
    [folder, 'a directory', () => lstatSync(folder).isDirectory()],
    [link, 'a symbolic link', () => lstatSync(link).isSymbolicLink()],
  ] as const) {
    it(`snapshot -o ${kind}: one line, and the target is left as it was`, async () => {
      assertOneLineError(
        await runWimbootCheck(['snapshot', '--offline', dir, '-o', target]),
        new RegExp(
          `: ${target.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&')}: exists and is ${kind}, not a regular file; refusing to replace it$`,
          'u',
        ),
      );
      assert.ok(isKind(), `${target} is still ${kind}`);
    });
  }
});

describe('outputs never overwrite an input or write into the audited volume (issue 14 item 2)', () => {
  const keep = join(dir, 'keep');
  mkdirSync(keep);
  const reportText = '[]';
  writeFileSync(join(keep, 'before.json'), reportText);
  const other = join(dir, 'other');
  mkdirSync(other);
  linkSync(join(keep, 'before.json'), join(other, 'after.json'));

  it('run --report DIR/before.json --keep DIR is refused, and the report kept', async () => {
    assertOneLineError(
      await runWimbootCheck(['run', '--report', join(keep, 'before.json'), '--keep', keep, '--', 'true']),
      /--keep .*keep: before\.json: is the same file as --report .*keep\/before\.json; no command overwrites its inputs$/u,
    );
    assertOneLineError(
      await runWimbootCheck(['run', '--report', join(keep, 'before.json'), '--keep', other, '--', 'true']),
      /--keep .*other: after\.json: is the same file as --report/u,
    );
    assert.equal(readFileSync(join(keep, 'before.json'), 'utf8'), reportText);
  });

  it('snapshot --offline M -o M/snap.json and run --keep inside M are refused', async () => {
    const volume = join(dir, 'volume');
    mkdirSync(join(volume, 'Windows'), { recursive: true });
    const alias = join(dir, 'alias');
    symlinkSync(volume, alias);
    for (const target of [
      join(volume, 'snap.json'),
      join(volume, 'Windows', 'new', 'snap.json'),
      join(alias, 'x.json'),
    ]) {
      assertOneLineError(
        await runWimbootCheck(['snapshot', '--offline', volume, '-o', target]),
        /: -o .*: is inside the --offline volume .*volume; wimboot-check never writes to the volume it reads$/u,
      );
    }
    assertOneLineError(
      await runWimbootCheck(['run', '--offline', volume, '--keep', join(volume, 'k'), '--', 'true']),
      /--keep .*volume\/k: is inside the --offline volume/u,
    );
  });

  it('--keep naming a file is refused', async () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    assertOneLineError(
      await runWimbootCheck(['run', '--offline', dir, '--keep', file, '--', 'true']),
      /--keep .*plain-file: exists and is not a directory$/u,
    );
  });
});

describe('writing a snapshot from a real offline volume (issue 14 item 12)', () => {
  it('names the target on a read-only file system, and fits a 240-character name', async (t) => {
    await withNtfsVolume(t, async (volume, dir) => {
      mkdirSync(join(dir, 'second'));
      const readOnly = await NtfsVolume.create(join(dir, 'second'));
      await readOnly.mount('ro');
      try {
        const target = join(readOnly.mountPoint, 'snap.json');
        assertOneLineError(
          await runWimbootCheck(['snapshot', '--offline', volume.mountPoint, '-o', target]),
          new RegExp(`^wimboot-check: ${target.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&')}: read-only file system$`, 'u'),
        );
      } finally {
        await readOnly.unmount();
      }
      const long = join(dir, `${'s'.repeat(235)}.json`);
      const run = await runWimbootCheck(['snapshot', '--offline', volume.mountPoint, '-o', long]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(readSnapshot(long).backend, 'offline-ntfs');
      assert.deepEqual(
        readdirSync(dir).filter((name) => name.endsWith('.tmp')),
        [],
      );
    });
  });
});
