/**
 * How `diff` and `confirm --snapshot` scale with the number of backed files.
 * Synthetic snapshots (1% of files lost, 0.5% gained) and a 200-finding lint
 * report are generated in a temp dir; each command runs in its own child
 * process so its peak RSS can be measured (process.resourceUsage().maxRSS).
 * Called by the `npm run bench` harness; no assertions here.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackedFile } from '../../runtime-check/backends/backend.js';
import { SnapshotWriter } from '../../runtime-check/snapshot/writer.js';
import { formatPatternTrailer } from '../../formats/finding-pattern.js';

export interface RuntimeCheckScaleRow {
  /** Backed files in each snapshot. */
  files: number;
  /** Wall time of `wimboot-check diff BEFORE AFTER --report R --json`. */
  diffMs: number;
  /** Wall time of `wimboot-check confirm R --snapshot AFTER --json`. */
  confirmMs: number;
  /** Highest peak RSS of the two child processes. */
  peakRssMb: number;
}

const MAIN_URL = new URL('../../runtime-check/cli/main.js', import.meta.url).href;

/** A realistic spread of paths: WinSxS-like component folders, a few files each. */
function syntheticFile(index: number): BackedFile {
  const component = Math.floor(index / 8);
  const path = `C:\\Windows\\WinSxS\\amd64_microsoft-windows-component${component}_31bf3856ad364e35_10.0.22621.${component % 5000}_none\\file${index}.dll`;
  return index % 4 === 0
    ? { path, provider: 'file', algorithm: 'XPRESS4K', size: 40_000 + (index % 9000), sizeOnDisk: 20_000 }
    : { path, provider: 'wim', dataSourceId: 1, size: 60_000 + (index % 7000), sizeOnDisk: 0 };
}

async function writeSyntheticSnapshot(
  file: string,
  count: number,
  keep: (index: number) => boolean,
  extra: number,
): Promise<void> {
  const writer = await SnapshotWriter.create(file, {
    takenAt: new Date().toISOString(),
    host: 'BENCH',
    backend: 'synthetic',
  });
  await writer.beginVolume('C:', [
    {
      dataSourceId: 1,
      provider: 'wim',
      wimPath: '\\??\\D:\\install.wim',
      wimGuid: '{3A4B5C6D-1122-3344-5566-778899AABBCC}',
      wimIndex: 1,
      wimType: 1,
      state: 'active',
    },
  ]);
  for (let i = 0; i < count; i += 1) {
    if (keep(i)) {
      await writer.addFile(syntheticFile(i));
    }
  }
  for (let i = 0; i < extra; i += 1) {
    await writer.addFile(syntheticFile(count + i));
  }
  await writer.endVolume();
  await writer.commit();
}

/** 200 findings: concrete files, component folders, System32-wide and one `*\name` pattern. */
function syntheticReport(count: number): unknown {
  const messages = [];
  for (let i = 0; i < 200; i += 1) {
    const index = Math.floor((i * count) / 200);
    const component = Math.floor(index / 8);
    const patterns =
      i % 4 === 0
        ? [`C:\\Windows\\WinSxS\\amd64_microsoft-windows-component${component}_*`]
        : i === 1
          ? ['*\\file1.dll']
          : i % 4 === 2
            ? ['C:\\Windows\\System32\\*']
            : [syntheticFile(index).path];
    messages.push({
      ruleId: 'wimboot/no-system-file-write',
      severity: 2,
      line: i + 1,
      column: 1,
      message: `writes.${formatPatternTrailer(patterns)}`,
    });
  }
  return [{ filePath: '/bench/app.ts', messages }];
}

interface ChildMeasure {
  ms: number;
  maxRssKb: number;
  exitCode: number;
}

/** Runs the CLI in a fresh process; stdout is discarded, timing covers runCli only. */
function measure(args: readonly string[]): Promise<ChildMeasure> {
  const script = `
    import { Writable } from 'node:stream';
    const { runCli } = await import(${JSON.stringify(MAIN_URL)});
    const sink = new Writable({ write(_chunk, _encoding, done) { done(); } });
    const args = JSON.parse(process.argv[1]);
    const started = performance.now();
    const exitCode = await runCli(args, { stdout: sink, stderr: process.stderr, stderrIsTty: false, env: process.env, cwd: process.cwd() });
    const ms = performance.now() - started;
    process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, exitCode }));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      try {
        const result = JSON.parse(out) as ChildMeasure;
        if (result.exitCode === 2) {
          reject(new Error(`wimboot-check ${args.join(' ')} failed (exit 2)`));
        } else {
          resolve(result);
        }
      } catch {
        reject(new Error(`benchmark child exited ${code} without a measurement: ${out}`));
      }
    });
  });
}

export async function benchRuntimeCheckScale(
  sizes: readonly number[] = [10_000, 100_000, 1_000_000],
): Promise<RuntimeCheckScaleRow[]> {
  const rows: RuntimeCheckScaleRow[] = [];
  for (const files of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'wimboot-bench-'));
    try {
      const before = join(dir, 'before.json');
      const after = join(dir, 'after.json');
      const report = join(dir, 'report.json');
      await writeSyntheticSnapshot(before, files, () => true, 0);
      // 1% lost, 0.5% gained, same total order of magnitude.
      await writeSyntheticSnapshot(after, files, (index) => index % 100 !== 7, Math.floor(files / 200));
      await writeFile(report, JSON.stringify(syntheticReport(files)));
      const diff = await measure(['diff', before, after, '--report', report, '--json']);
      const confirm = await measure(['confirm', report, '--snapshot', after, '--json']);
      rows.push({
        files,
        diffMs: Math.round(diff.ms),
        confirmMs: Math.round(confirm.ms),
        peakRssMb: Math.round(Math.max(diff.maxRssKb, confirm.maxRssKb) / 1024),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

// Lets `node dist/test/bench/runtime-check-scale.js [sizes...]` print the table
// directly; never when loaded by the test runner.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.env.NODE_TEST_CONTEXT === undefined) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  console.table(await benchRuntimeCheckScale(sizes.length > 0 ? sizes : undefined));
}
