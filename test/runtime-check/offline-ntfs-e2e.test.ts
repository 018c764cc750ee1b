/**
 * End to end on a real NTFS volume: mkntfs image, mounted with ntfs-3g through
 * FUSE, WOF reparse data written with setfattr, WimOverlay.dat in place; then
 * the built CLI takes snapshots with --offline, diffs them after a file loses
 * its backing, and confirms a real wimboot-lint report.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readSnapshot } from '../../formats/snapshot/reader.js';
import { jsonOf, runWimbootCheck } from './helpers/cli.js';
import { NtfsVolume, withNtfsVolume } from './helpers/ntfs-volume.js';
import { fileReparseData, toSetfattrHex, wimOverlayDat, wimReparseData } from './helpers/wof-data.js';

const WIM_GUID = '{3A4B5C6D-1122-3344-5566-778899AABBCC}';
const LINT_CLI = fileURLToPath(new URL('../../lint-cli/wimboot-lint.js', import.meta.url));

/** Code a user might ship: four writes to system files, one read. */
const SCENARIO_SOURCE = `import * as fs from 'node:fs';
export function resetIni() { fs.writeFileSync('C:\\\\Windows\\\\win.ini', '[fonts]\\n'); }
export function addHost() { fs.appendFileSync('C:\\\\Windows\\\\System32\\\\drivers\\\\etc\\\\hosts', '127.0.0.1 dev\\n'); }
export function patchTool(name) { fs.writeFileSync(\`C:\\\\Windows\\\\System32\\\\\${name}\`, 'x'); }
export function writeMissing() { fs.writeFileSync('C:\\\\Windows\\\\missing.ini', 'x'); }
export function writeSettings() { fs.writeFileSync('C:\\\\Program Files\\\\App\\\\settings.ini', 'x'); }
export function readNotepad() { return fs.readFileSync('C:\\\\Windows\\\\System32\\\\notepad.exe'); }
`;

/** The same findings by hand, for when the plugin's CLI is not built. */
function handWrittenReport(file: string): unknown {
  const message = (line: number, pattern: string) => ({
    ruleId: 'wimboot/no-system-file-write',
    severity: 2,
    message: `writes a system file [wimboot-path: ${pattern}]`,
    line,
    column: 1,
  });
  return [
    {
      filePath: file,
      messages: [
        message(2, 'C:\\Windows\\win.ini'),
        message(3, 'C:\\Windows\\System32\\drivers\\etc\\hosts'),
        message(4, 'C:\\Windows\\System32\\*'),
        message(5, 'C:\\Windows\\missing.ini'),
        message(6, 'C:\\Program Files\\App\\settings.ini'),
      ],
    },
  ];
}

/** The ESLint JSON report, and a SARIF one when wimboot-lint is built. */
async function lintReport(dir: string): Promise<{ file: string; sarif?: string; producedBy: string }> {
  const source = join(dir, 'scenario.mjs');
  await writeFile(source, SCENARIO_SOURCE);
  const reportFile = join(dir, 'lint.json');
  if (existsSync(LINT_CLI)) {
    const lint = (format: string): string => {
      const run = spawnSync(process.execPath, [LINT_CLI, '-f', format, source], { encoding: 'utf8', cwd: dir });
      assert.equal(run.status, 1, `wimboot-lint -f ${format} should report findings: ${run.stderr}`);
      return run.stdout;
    };
    await writeFile(reportFile, lint('json'));
    const sarif = join(dir, 'lint.sarif');
    await writeFile(sarif, lint('sarif'));
    return { file: reportFile, sarif, producedBy: 'wimboot-lint' };
  }
  await writeFile(reportFile, JSON.stringify(handWrittenReport(source)));
  return { file: reportFile, producedBy: 'hand-written report (dist/lint-cli/wimboot-lint.js not built)' };
}

async function populate(volume: NtfsVolume): Promise<void> {
  const root = volume.mountPoint;
  for (const dir of [
    'Windows/System32/drivers/etc',
    'Program Files/App',
    'Users/Public',
    'System Volume Information',
  ]) {
    await mkdir(join(root, dir), { recursive: true });
  }
  await writeFile(join(root, 'Windows/win.ini'), '');
  await writeFile(join(root, 'Windows/System32/notepad.exe'), '');
  await writeFile(join(root, 'Windows/System32/drivers/etc/hosts'), '');
  await writeFile(join(root, 'Program Files/App/app.dll'), '');
  await writeFile(join(root, 'Program Files/App/settings.ini'), 'plain, not backed\n');
  await writeFile(join(root, 'Users/Public/readme.txt'), 'plain\n');
  // A real symlink to a backed file: must be neither followed nor reported.
  await symlink('win.ini', join(root, 'Windows/win-link.ini'));
  await writeFile(
    join(root, 'System Volume Information/WimOverlay.dat'),
    wimOverlayDat([
      {
        dataSourceId: 1,
        wimType: 1,
        wimIndex: 1,
        wimGuid: WIM_GUID,
        wimPath: '\\Windows Images\\install.wim',
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
  volume.setReparseData('Windows/System32/drivers/etc/hosts', toSetfattrHex(fileReparseData(0)));
  volume.setReparseData('Program Files/App/app.dll', toSetfattrHex(fileReparseData(1, 20)));
}

interface SnapshotJson {
  volumes: Array<{ volume: string; files: number; sources: number }>;
}
interface DiffJson {
  lost: Array<{ path: string; provider: string; findings?: Array<{ line: number; pattern: string }> }>;
  gained: unknown[];
  sourcesAdded: unknown[];
  sourcesRemoved: unknown[];
  bytesLost: number;
}
interface ConfirmJson {
  findings: Array<{
    file: string;
    line: number;
    pattern: string;
    status: string;
    matches: Array<{ path: string }>;
    bytesAtRisk: number;
  }>;
  bytesAtRisk: number;
}

describe('wimboot-check on a real NTFS volume (ntfs-3g, FUSE)', () => {
  it(
    'snapshots WOF files offline, diffs a lost backing and confirms a lint report',
    { timeout: 120_000 },
    async (t) => {
      await withNtfsVolume(t, async (volume, dir) => {
        await populate(volume);
        await volume.unmount();
        await volume.mount('ro');
        const mount = volume.mountPoint;
        const before = join(dir, 'before.json');

        // snapshot --offline: both providers, sizes, sources from WimOverlay.dat
        const snap = await runWimbootCheck(['snapshot', '--offline', mount, '--volume', 'C:', '-o', before, '--json']);
        assert.equal(snap.code, 0, snap.stderr);
        assert.deepEqual(
          jsonOf<SnapshotJson>(snap).volumes.map((v) => [v.volume, v.files, v.sources]),
          [['C:', 4, 1]],
        );
        const snapshot = readSnapshot(before);
        assert.equal(snapshot.backend, 'offline-ntfs');
        const [volumeEntry] = snapshot.volumes;
        assert.ok(volumeEntry);
        assert.deepEqual(
          volumeEntry.files.map((file) => [file.path, file.provider, file.dataSourceId ?? file.algorithm, file.size]),
          [
            ['C:\\Program Files\\App\\app.dll', 'file', 'LZX', undefined],
            ['C:\\Windows\\win.ini', 'wim', 1, 92],
            ['C:\\Windows\\System32\\notepad.exe', 'wim', 1, 201_216],
            ['C:\\Windows\\System32\\drivers\\etc\\hosts', 'file', 'XPRESS4K', undefined],
          ],
        );
        assert.deepEqual(volumeEntry.sources, [
          {
            dataSourceId: 1,
            provider: 'wim',
            wimPath: '\\Windows Images\\install.wim',
            wimGuid: WIM_GUID,
            wimIndex: 1,
            wimType: 1,
            state: 'unknown',
            wimPartition: 'gpt:{0F0E0D0C-0B0A-0908-0706-050403020100}',
          },
        ]);

        // files, filtered; sources with the provider state offline
        const compressed = await runWimbootCheck(['files', '--offline', mount, '--provider', 'file', '--json']);
        assert.equal(compressed.code, 0, compressed.stderr);
        const listed = jsonOf<{ volume: string; files: Array<{ path: string }>; count: number; bytes: number }>(
          compressed,
        );
        assert.deepEqual(
          [listed.volume, listed.count, listed.files.map((f) => f.path)],
          ['C:', 2, ['C:\\Program Files\\App\\app.dll', 'C:\\Windows\\System32\\drivers\\etc\\hosts']],
        );
        const fromSource = jsonOf<{ count: number; bytes: number }>(
          await runWimbootCheck(['files', 'c:', '--offline', mount, '--source', '1', '--json']),
        );
        assert.deepEqual([fromSource.count, fromSource.bytes], [2, 92 + 201_216]);
        const sources = await runWimbootCheck(['sources', '--offline', mount]);
        assert.equal(sources.code, 0, sources.stderr);
        assert.match(
          sources.stdout,
          /^1\s+unknown\s+os\s+1\s+\{3A4B5C6D-1122-3344-5566-778899AABBCC\}\s+\\Windows Images\\install\.wim \(gpt:/mu,
        );

        // query: backed, not backed (plain file, symlink never followed), missing, glob
        const query = await runWimbootCheck([
          'query',
          '--offline',
          mount,
          '--json',
          'c:\\windows\\WIN.INI',
          'C:\\Windows\\win-link.ini',
          'C:\\Users\\Public\\readme.txt',
          'C:\\nope.txt',
          'c:\\windows\\**\\*.EXE',
        ]);
        assert.equal(query.code, 0, query.stderr);
        assert.deepEqual(
          jsonOf<{ results: Array<{ path: string; status: string }> }>(query).results.map((r) => [r.path, r.status]),
          [
            ['C:\\Windows\\win.ini', 'backed'],
            ['C:\\Windows\\win-link.ini', 'not-backed'],
            ['C:\\Users\\Public\\readme.txt', 'not-backed'],
            ['C:\\nope.txt', 'missing'],
            ['C:\\Windows\\System32\\notepad.exe', 'backed'],
          ],
        );

        // confirm against the live (offline) volume with a real lint report
        const report = await lintReport(dir);
        t.diagnostic(`lint report: ${report.producedBy}`);
        const confirm = await runWimbootCheck(['confirm', report.file, '--offline', mount, '--json']);
        assert.equal(confirm.code, 1, confirm.stderr);
        const confirmed = jsonOf<ConfirmJson>(confirm);
        assert.deepEqual(
          confirmed.findings.map((f) => [f.line, f.status, f.matches.map((m) => m.path)]),
          [
            [2, 'confirmed', ['C:\\Windows\\win.ini']],
            [3, 'confirmed', ['C:\\Windows\\System32\\drivers\\etc\\hosts']],
            [4, 'confirmed', ['C:\\Windows\\System32\\drivers\\etc\\hosts', 'C:\\Windows\\System32\\notepad.exe']],
            [5, 'missing', []],
            [6, 'not-backed', []],
          ],
        );
        assert.equal(confirmed.bytesAtRisk, 92 + 201_216);
        if (report.sarif !== undefined) {
          // The same findings read from SARIF (properties.wimbootPaths) give the same verdicts.
          const fromSarif = await runWimbootCheck(['confirm', report.sarif, '--offline', mount, '--json']);
          assert.equal(fromSarif.code, 1, fromSarif.stderr);
          const sarifFindings = jsonOf<ConfirmJson>(fromSarif).findings;
          assert.deepEqual(
            sarifFindings.map((f) => [f.file, f.line, f.status, f.matches.length]),
            confirmed.findings.map((f) => [join(dir, 'scenario.mjs'), f.line, f.status, f.matches.length]),
          );
        }

        // one file loses its backing (reparse point removed), one is replaced
        await volume.unmount();
        await volume.mount('rw');
        volume.removeReparseData('Windows/win.ini');
        await unlink(join(mount, 'Windows/System32/drivers/etc/hosts'));
        await writeFile(join(mount, 'Windows/System32/drivers/etc/hosts'), '127.0.0.1 localhost\n');
        await volume.unmount();
        await volume.mount('ro');
        const after = join(dir, 'after.json');
        const snapAfter = await runWimbootCheck(['snapshot', 'C:', '--offline', mount, '-o', after]);
        assert.equal(snapAfter.code, 0, snapAfter.stderr);
        assert.match(
          snapAfter.stdout,
          /Volume C: 2 backed files \(196\.5 KiB and 1 file of unknown size\), 1 WIM data source$/mu,
        );

        const diff = await runWimbootCheck(['diff', before, after, '--report', report.file, '--json']);
        assert.equal(diff.code, 1, diff.stderr);
        const diffed = jsonOf<DiffJson>(diff);
        assert.deepEqual(
          diffed.lost.map((file) => [file.path, file.provider, (file.findings ?? []).map((f) => f.line)]),
          [
            ['C:\\Windows\\System32\\drivers\\etc\\hosts', 'file', [3, 4]],
            ['C:\\Windows\\win.ini', 'wim', [2]],
          ],
        );
        assert.deepEqual([diffed.gained, diffed.sourcesAdded, diffed.sourcesRemoved], [[], [], []]);
        assert.equal(diffed.bytesLost, 92);

        // the snapshot taken afterwards no longer confirms those findings
        const confirmAfter = await runWimbootCheck(['confirm', report.file, '--snapshot', after, '--json']);
        assert.equal(confirmAfter.code, 1, confirmAfter.stderr);
        assert.deepEqual(
          jsonOf<ConfirmJson>(confirmAfter).findings.map((f) => [f.line, f.status]),
          [
            [2, 'not-backed'],
            [3, 'not-backed'],
            [4, 'confirmed'],
            [5, 'not-backed'],
            [6, 'not-backed'],
          ],
        );

        // run: snapshot, scenario, snapshot, diff, on the volume mounted read-write
        await volume.unmount();
        await volume.mount('rw');
        const idle = await runWimbootCheck(['run', '--offline', mount, '--json', '--', 'true']);
        assert.equal(idle.code, 0, idle.stderr);
        assert.deepEqual(jsonOf<DiffJson>(idle).lost, []);
        const notepad = join(mount, 'Windows/System32/notepad.exe');
        const scenario = await runWimbootCheck([
          'run',
          '--offline',
          mount,
          '--report',
          report.file,
          '--json',
          '--',
          'setfattr',
          '-h',
          '-x',
          'system.ntfs_reparse_data',
          notepad,
        ]);
        assert.equal(scenario.code, 1, scenario.stderr);
        assert.match(scenario.stderr, /warning: Windows Update/u);
        const ran = jsonOf<DiffJson & { scenarioExitCode: number; scenario: string[] }>(scenario);
        assert.equal(ran.scenarioExitCode, 0);
        assert.deepEqual(
          ran.lost.map((file) => [file.path, (file.findings ?? []).map((f) => f.line)]),
          [['C:\\Windows\\System32\\notepad.exe', [4]]],
        );
        assert.equal(ran.bytesLost, 201_216);

        // a plain directory is refused, not silently reported as empty
        const notNtfs = await runWimbootCheck(['files', '--offline', dir]);
        assert.equal(notNtfs.code, 2);
        assert.match(notNtfs.stderr, /not an NTFS volume mounted with ntfs-3g/u);
      });
    },
  );
});
