/**
 * The offline backend on real NTFS volumes (ntfs-3g through FUSE) holding
 * what a real device, or a hostile image, may hold: reparse points larger
 * than a guessed buffer, WOF providers and algorithms newer than our SDK,
 * links and junctions pointing out of the image, names Windows cannot have,
 * folders deeper than Linux can address, and a mount path that is not the
 * volume's root. Each is driven through the built CLI.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readSnapshot } from '../../formats/snapshot/reader.js';
import { jsonOf, runWimbootCheck, type CliRun } from './helpers/cli.js';
import { withNtfsVolume, type NtfsVolume } from './helpers/ntfs-volume.js';
import {
  fileReparseData,
  junctionReparseData,
  reparsePoint,
  toSetfattrHex,
  wimReparseData,
} from './helpers/wof-data.js';

const IO_REPARSE_TAG_APPEXECLINK = 0x8000001b;

/** Writes `files` (mount-relative) with empty content, creating their folders. */
async function touch(volume: NtfsVolume, ...files: string[]): Promise<void> {
  for (const file of files) {
    await mkdir(join(volume.mountPoint, file, '..'), { recursive: true });
    await writeFile(join(volume.mountPoint, file), '');
  }
}

/** Remounts read-only, as a volume under audit should be, so FUSE shows the new reparse points. */
async function remountReadOnly(volume: NtfsVolume): Promise<void> {
  await volume.unmount();
  await volume.mount('ro');
}

function warnings(run: CliRun): string[] {
  return run.stderr.split('\n').filter((line) => line.startsWith('wimboot-check: warning: '));
}

interface SnapshotSummary {
  volumes: Array<{ volume: string; files: number; unknown: number }>;
}

describe('offline backend: what a newer device holds', () => {
  it(
    'a 1,008-byte reparse point, an unknown provider and algorithm 4: snapshot exits 0, lists every file, counts the unknown ones',
    { timeout: 60_000 },
    async (t) => {
      await withNtfsVolume(t, async (volume, dir) => {
        await touch(
          volume,
          'Windows/notepad.exe',
          'Windows/future.dll',
          'Users/me/cloud.docx',
          'Program Files/App/app.exe',
        );
        volume.setReparseData('Windows/notepad.exe', toSetfattrHex(wimReparseData({ dataSourceId: 1, size: 1000 })));
        volume.setReparseData('Windows/future.dll', toSetfattrHex(fileReparseData(4)));
        const cloud = fileReparseData(0);
        cloud.writeUInt32LE(3, 12); // WOF_PROVIDER_CLOUD
        volume.setReparseData('Users/me/cloud.docx', toSetfattrHex(cloud));
        // An app execution alias: 8 + 1000 bytes, more than the 512 the reader used to guess.
        const alias = reparsePoint(IO_REPARSE_TAG_APPEXECLINK, 1000);
        assert.equal(alias.length, 1008);
        volume.setReparseData('Program Files/App/app.exe', toSetfattrHex(alias));
        await remountReadOnly(volume);

        const output = join(dir, 'snapshot.json');
        const text = await runWimbootCheck(['snapshot', '--offline', volume.mountPoint, '-o', output]);
        assert.equal(text.code, 0, text.stderr);
        assert.match(
          text.stdout,
          /^Volume C: 3 backed files \(1000 B and 2 files of unknown size, 2 of them backed by a WOF provider, version or algorithm wimboot-check does not know\), 0 WIM data sources$/mu,
        );
        const json = await runWimbootCheck(['snapshot', '--offline', volume.mountPoint, '-o', output, '--json']);
        assert.equal(json.code, 0, json.stderr);
        assert.deepEqual(
          jsonOf<SnapshotSummary>(json).volumes.map((v) => [v.volume, v.files, v.unknown]),
          [['C:', 3, 2]],
        );
        assert.deepEqual(readSnapshot(output).volumes[0]?.files, [
          { path: 'C:\\Users\\me\\cloud.docx', provider: 'unknown', providerId: 3 },
          { path: 'C:\\Windows\\future.dll', provider: 'file', algorithm: 'unknown-4' },
          { path: 'C:\\Windows\\notepad.exe', provider: 'wim', dataSourceId: 1, size: 1000 },
        ]);

        const files = await runWimbootCheck(['files', '--offline', volume.mountPoint, '--json']);
        assert.equal(files.code, 0, files.stderr);
        const listed = jsonOf<{ count: number; unknown: number }>(files);
        assert.deepEqual([listed.count, listed.unknown], [3, 2]);
        const table = await runWimbootCheck(['files', '--offline', volume.mountPoint]);
        assert.match(table.stdout, /^unknown\s+provider 3\s+-\s+-\s+C:\\Users\\me\\cloud\.docx$/mu);
        assert.match(table.stdout, /^file\s+unknown-4\s+-\s+-\s+C:\\Windows\\future\.dll$/mu);
        assert.match(table.stdout, /^2 of them backed by a WOF provider, version or algorithm/mu);

        // The large reparse point itself is read (not an error) and is not WOF.
        const query = await runWimbootCheck([
          'query',
          '--offline',
          volume.mountPoint,
          '--json',
          'C:\\Program Files\\App\\app.exe',
          'C:\\Users\\me\\cloud.docx',
        ]);
        assert.equal(query.code, 0, query.stderr);
        assert.deepEqual(
          jsonOf<{ results: Array<{ status: string; file?: { provider: string } }> }>(query).results.map((r) => [
            r.status,
            r.file?.provider,
          ]),
          [
            ['not-backed', undefined],
            ['backed', 'unknown'],
          ],
        );

        // diff and confirm treat such files as backed: losing one is a loss.
        const lint = join(dir, 'lint.json');
        await writeFile(
          lint,
          JSON.stringify([
            {
              filePath: join(dir, 'app.js'),
              messages: [
                {
                  ruleId: 'wimboot/no-system-file-write',
                  severity: 2,
                  line: 1,
                  column: 1,
                  message: 'writes a system file [wimboot-path: C:\\Windows\\future.dll]',
                },
              ],
            },
          ]),
        );
        const confirm = await runWimbootCheck(['confirm', lint, '--snapshot', output, '--json']);
        assert.equal(confirm.code, 1, confirm.stderr);
        assert.deepEqual(
          jsonOf<{ findings: Array<{ status: string }> }>(confirm).findings.map((f) => f.status),
          ['confirmed'],
        );
        await volume.unmount();
        await volume.mount('rw');
        volume.removeReparseData('Windows/future.dll');
        await remountReadOnly(volume);
        const after = join(dir, 'after.json');
        assert.equal((await runWimbootCheck(['snapshot', '--offline', volume.mountPoint, '-o', after])).code, 0);
        const diff = await runWimbootCheck(['diff', output, after, '--json']);
        assert.equal(diff.code, 1, diff.stderr);
        assert.deepEqual(
          jsonOf<{ lost: Array<{ path: string; algorithm?: string }> }>(diff).lost.map((f) => [f.path, f.algorithm]),
          [['C:\\Windows\\future.dll', 'unknown-4']],
        );
      });
    },
  );
});

describe('offline backend: never leaves the image', () => {
  it('follows no symlink or junction, in a query, a glob or the walk', { timeout: 60_000 }, async (t) => {
    await withNtfsVolume(t, async (volume) => {
      await touch(volume, 'Windows/win.ini', 'Windows/System32/kernel32.dll');
      volume.setReparseData('Windows/win.ini', toSetfattrHex(wimReparseData({ dataSourceId: 1, size: 92 })));
      volume.setReparseData('Windows/System32/kernel32.dll', toSetfattrHex(fileReparseData(0)));
      // A link to the host's /etc, and a junction back into the volume (ntfs-3g shows both as symlinks).
      await symlink('/etc', join(volume.mountPoint, 'Windows/hostetc'));
      await mkdir(join(volume.mountPoint, 'Users/Public/loop'), { recursive: true });
      volume.setReparseData('Users/Public/loop', toSetfattrHex(junctionReparseData('C:\\Windows')));
      await remountReadOnly(volume);
      const mount = volume.mountPoint;

      const query = await runWimbootCheck([
        'query',
        '--offline',
        mount,
        '--json',
        'C:\\Windows\\hostetc\\passwd',
        'C:\\WINDOWS\\HOSTETC\\passwd',
        'C:\\Windows\\hostetc\\*',
        'C:\\Windows\\h*\\passwd',
        'C:\\Windows\\..\\..\\..\\etc\\passwd',
        'C:\\Users\\Public\\loop\\win.ini',
        'C:\\Users\\**\\*.ini',
        'C:\\Windows\\hostetc',
      ]);
      assert.equal(query.code, 0, query.stderr);
      assert.deepEqual(
        jsonOf<{ results: Array<{ path: string; status: string }> }>(query).results.map((r) => [r.path, r.status]),
        [
          ['C:\\Windows\\hostetc\\passwd', 'missing'],
          ['C:\\WINDOWS\\HOSTETC\\passwd', 'missing'],
          ['C:\\Windows\\hostetc\\*', 'missing'],
          ['C:\\Windows\\h*\\passwd', 'missing'],
          ['C:\\Windows\\..\\..\\..\\etc\\passwd', 'missing'],
          ['C:\\Users\\Public\\loop\\win.ini', 'missing'],
          ['C:\\Users\\**\\*.ini', 'missing'],
          // The link itself is there, and is not WOF-backed.
          ['C:\\Windows\\hostetc', 'not-backed'],
        ],
      );

      const files = await runWimbootCheck(['files', '--offline', mount, '--json']);
      assert.equal(files.code, 0, files.stderr);
      assert.deepEqual(
        jsonOf<{ files: Array<{ path: string }> }>(files).files.map((f) => f.path),
        ['C:\\Windows\\win.ini', 'C:\\Windows\\System32\\kernel32.dll'],
      );
    });
  });

  it('refuses a mount path that is a folder inside the volume, in one line', { timeout: 60_000 }, async (t) => {
    await withNtfsVolume(t, async (volume) => {
      await touch(volume, 'Windows/System32/a.dll');
      volume.setReparseData('Windows/System32/a.dll', toSetfattrHex(fileReparseData(0)));
      await remountReadOnly(volume);
      for (const inner of ['Windows/System32', 'Windows']) {
        const run = await runWimbootCheck(['files', '--offline', join(volume.mountPoint, inner)]);
        assert.equal(run.code, 2, run.stdout);
        assert.equal(run.stdout, '');
        assert.equal(
          run.stderr,
          `wimboot-check: --offline ${join(volume.mountPoint, inner)}: a folder inside an NTFS volume, not its root: ` +
            `give the mount point (${JSON.stringify(volume.mountPoint)})\n`,
        );
      }
      const root = await runWimbootCheck(['files', '--offline', volume.mountPoint, '--json']);
      assert.equal(root.code, 0, root.stderr);
      assert.deepEqual(
        jsonOf<{ files: Array<{ path: string }> }>(root).files.map((f) => f.path),
        ['C:\\Windows\\System32\\a.dll'],
      );
    });
  });

  it('reports names Windows cannot have instead of mapping them to another path', { timeout: 60_000 }, async (t) => {
    await withNtfsVolume(t, async (volume) => {
      // `System32\fake.dll` in Windows/ would read as C:\Windows\System32\fake.dll.
      await touch(volume, 'Windows/System32\\fake.dll', 'Windows/bad\nname.dll', 'Windows/ok.dll', 'Evil\\dir/x.dll');
      for (const file of ['Windows/System32\\fake.dll', 'Windows/bad\nname.dll', 'Windows/ok.dll', 'Evil\\dir/x.dll']) {
        volume.setReparseData(file, toSetfattrHex(fileReparseData(1)));
      }
      await remountReadOnly(volume);
      const mount = volume.mountPoint;

      const files = await runWimbootCheck(['files', '--offline', mount]);
      assert.equal(files.code, 0, files.stderr);
      const rows = files.stdout.trimEnd().split('\n');
      assert.deepEqual(
        rows.slice(1, -1).map((row) => row.split(/\s+/u).at(-1)),
        ['C:\\Windows\\ok.dll'],
        files.stdout,
      );
      assert.match(rows.at(-1)!, /^1 backed file, size unknown logical/u);
      assert.deepEqual(warnings(files).sort(), [
        'wimboot-check: warning: C:\\: skipped "Evil\\\\dir": a Windows name cannot contain \\',
        'wimboot-check: warning: C:\\Windows: skipped "System32\\\\fake.dll": a Windows name cannot contain \\',
        'wimboot-check: warning: C:\\Windows: skipped "bad\\nname.dll": a Windows name cannot contain control characters (U+000A)',
      ]);

      const query = await runWimbootCheck([
        'query',
        '--offline',
        mount,
        '--json',
        'C:\\Windows\\System32\\fake.dll',
        'C:\\Windows\\*.dll',
      ]);
      assert.equal(query.code, 0, query.stderr);
      assert.deepEqual(
        jsonOf<{ results: Array<{ path: string; status: string }> }>(query).results.map((r) => [r.path, r.status]),
        [
          ['C:\\Windows\\System32\\fake.dll', 'missing'],
          ['C:\\Windows\\ok.dll', 'backed'],
        ],
      );
    });
  });

  it('reports and skips a folder deeper than Linux can address, and walks on', { timeout: 60_000 }, async (t) => {
    await withNtfsVolume(t, async (volume) => {
      // 24 levels of 200-character names: 4,824 bytes below the mount point.
      const level = 'd'.repeat(200);
      const script = `cd "$1" && for i in $(seq 24); do mkdir ${level} && cd ${level}; done && : > deep.dll && setfattr -h -n system.ntfs_reparse_data -v "$2" deep.dll`;
      await mkdir(join(volume.mountPoint, 'Deep'));
      const hex = toSetfattrHex(fileReparseData(0));
      const made = spawnSync('bash', ['-c', script, 'bash', join(volume.mountPoint, 'Deep'), hex], {
        encoding: 'utf8',
      });
      assert.equal(made.status, 0, made.stderr);
      await touch(volume, 'Deep/shallow.dll', 'Zzz/after.dll');
      volume.setReparseData('Deep/shallow.dll', toSetfattrHex(fileReparseData(0)));
      volume.setReparseData('Zzz/after.dll', toSetfattrHex(fileReparseData(2)));
      await remountReadOnly(volume);

      const snapshot = await runWimbootCheck([
        'snapshot',
        '--offline',
        volume.mountPoint,
        '-o',
        join(volume.mountPoint, '..', 's.json'),
        '--json',
      ]);
      assert.equal(snapshot.code, 0, snapshot.stderr);
      assert.deepEqual(
        readSnapshot(join(volume.mountPoint, '..', 's.json')).volumes[0]?.files.map((f) => f.path),
        ['C:\\Deep\\shallow.dll', 'C:\\Zzz\\after.dll'],
      );
      const reported = warnings(snapshot);
      assert.equal(reported.length, 1, snapshot.stderr);
      assert.match(
        reported[0]!,
        /^wimboot-check: warning: C:\\Deep\\d+…d+: skipped 1 entry below it: the path under the mount point would be longer than Linux allows \(4095 bytes\)$/u,
      );
    });
  });
});
