/**
 * `run --trace --offline` on a real NTFS volume (mkntfs image, ntfs-3g, WOF
 * reparse data set with setfattr): the scenario's write-open of a WIM-backed
 * file is tied to the file that lost its backing, and its write-open of a
 * backed file that kept it is listed apart. On Linux nothing rehydrates a file
 * by itself: the scenario deletes the file before writing it anew, standing
 * in for wof.sys answering the write.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jsonOf, runWimbootCheck } from '../helpers/cli.js';
import { NtfsVolume, ntfsUnavailableReason } from '../helpers/ntfs-volume.js';
import { toSetfattrHex, wimOverlayDat, wimReparseData } from '../helpers/wof-data.js';
import { markedCall } from './helpers.js';

const SCENARIO = `const fs = require('node:fs');
const path = require('node:path');
const windows = path.join(process.argv[2], 'Windows');
const ini = path.join(windows, 'win.ini');
fs.unlinkSync(ini); // wof.sys, standing in: the file loses its backing
fs.writeFileSync(ini, '[fonts]\\n'); // W:ini
try {
  fs.closeSync(fs.openSync(path.join(windows, 'System32', 'notepad.exe'), 'r+')); // W:kept
} catch {}
fs.readFileSync(path.join(windows, 'System32', 'drivers', 'etc', 'hosts'));
`;

async function populate(volume: NtfsVolume): Promise<void> {
  const root = volume.mountPoint;
  await mkdir(join(root, 'Windows/System32/drivers/etc'), { recursive: true });
  await mkdir(join(root, 'System Volume Information'));
  for (const file of ['Windows/win.ini', 'Windows/System32/notepad.exe', 'Windows/System32/drivers/etc/hosts']) {
    await writeFile(join(root, file), '');
  }
  await writeFile(
    join(root, 'System Volume Information/WimOverlay.dat'),
    wimOverlayDat([
      {
        dataSourceId: 1,
        wimType: 1,
        wimIndex: 1,
        wimGuid: '{3A4B5C6D-1122-3344-5566-778899AABBCC}',
        wimPath: '\\install.wim',
        partitionGuid: '{0F0E0D0C-0B0A-0908-0706-050403020100}',
        diskGuid: '{A0A1A2A3-B0B1-C0C1-D0D1-E0E1E2E3E4E5}',
      },
    ]),
  );
  volume.setReparseData('Windows/win.ini', toSetfattrHex(wimReparseData({ dataSourceId: 1, size: 92 })));
  volume.setReparseData(
    'Windows/System32/notepad.exe',
    toSetfattrHex(wimReparseData({ dataSourceId: 1, size: 201_216 })),
  );
  volume.setReparseData(
    'Windows/System32/drivers/etc/hosts',
    toSetfattrHex(wimReparseData({ dataSourceId: 1, size: 824 })),
  );
}

interface Annotated {
  path: string;
  writes: Array<{ api: string; device: string; frame?: { file: string; line: number; column: number } }>;
}

describe('run --trace on a real NTFS volume (ntfs-3g, FUSE)', () => {
  it('ties the lost file to the line that opened it for write', { timeout: 120_000 }, async (t) => {
    const reason = ntfsUnavailableReason();
    if (reason !== null) {
      if (process.env.CI !== undefined && process.env.CI !== '') assert.fail(`CI must run this test: ${reason}`);
      t.skip(reason);
      return;
    }
    const dir = await mkdtemp(join(tmpdir(), 'wimboot-trace-ntfs-'));
    const volume = await NtfsVolume.create(dir);
    try {
      await volume.mount('rw');
      await populate(volume);
      const scenario = join(dir, 'scenario.cjs');
      await writeFile(scenario, SCENARIO);
      const keep = join(dir, 'kept');
      const run = await runWimbootCheck(
        [
          'run',
          '--offline',
          volume.mountPoint,
          '--trace',
          '--keep',
          keep,
          '--json',
          '--eslint-json',
          join(dir, 'lost.json'),
          '--',
          process.execPath,
          scenario,
          volume.mountPoint,
        ],
        { cwd: dir },
      );
      assert.equal(run.code, 1, run.stderr);
      const result = jsonOf<{
        lost: Array<{ path: string }>;
        trace: { dir: string; writeOpens: number; lost: Annotated[]; keptBacking: Annotated[] };
      }>(run);
      assert.deepEqual(
        result.lost.map((file) => file.path),
        ['C:\\Windows\\win.ini'],
      );
      const where = (files: Annotated[]) =>
        files.map((file) => [
          file.path,
          file.writes.map((w) => [w.api, `${w.frame?.file}:${w.frame?.line}:${w.frame?.column}`]),
        ]);
      assert.deepEqual(where(result.trace.lost), [
        ['C:\\Windows\\win.ini', [['fs.writeFileSync', markedCall(scenario, 'ini', 'writeFileSync(')]]],
      ]);
      assert.deepEqual(where(result.trace.keptBacking), [
        ['C:\\Windows\\System32\\notepad.exe', [['fs.openSync', markedCall(scenario, 'kept', 'openSync(')]]],
      ]);
      assert.equal(result.trace.dir, join(keep, 'trace'));
      assert.equal(result.trace.writeOpens, 2, 'the read of the hosts file is not traced');

      // The text form says the same, and the report holds the lost file's write-open.
      const text = await runWimbootCheck(
        [
          'run',
          '--offline',
          volume.mountPoint,
          '--trace',
          '--',
          process.execPath,
          '-e',
          "require('fs').writeFileSync(process.argv[1] + '/Windows/System32/drivers/etc/hosts', 'x')",
          volume.mountPoint,
        ],
        { cwd: dir },
      );
      assert.equal(text.code, 0, 'nothing lost its backing this time');
      assert.match(
        text.stdout,
        /Traced write-opens of backed files that kept their backing:\n {2}C:\\Windows\\System32\\drivers\\etc\\hosts\n {4}fs\.writeFileSync 'w' {2}\[eval\]:1:/u,
      );
    } finally {
      await volume.unmount();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
