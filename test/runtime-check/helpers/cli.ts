/** Spawns the built `wimboot-check` the way a user would. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_PATH = fileURLToPath(new URL('../../../runtime-check/cli/wimboot-check.js', import.meta.url));

export interface CliRun {
  code: number | null;
  /** The signal that ended the process, if one did. */
  signal?: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** With `measure`: the peak resident set of the process, in KiB. */
  maxRssKb?: number;
}

// Preloaded with `measure`: the process reports its own peak memory on exit, through a file.
const MEASURE = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.WIMBOOT_TEST_RSS_FILE, String(process.resourceUsage().maxRSS)));",
)}`;

export function runWimbootCheck(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; measure?: boolean; timeout?: number } = {},
): Promise<CliRun> {
  const rssFile = options.measure === true ? join(tmpdir(), `wimboot-rss-${process.pid}-${randomUUID()}`) : undefined;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...(rssFile === undefined ? [] : ['--import', MEASURE]), CLI_PATH, ...args],
      {
        cwd: options.cwd,
        env: { ...process.env, ...options.env, ...(rssFile === undefined ? {} : { WIMBOOT_TEST_RSS_FILE: rssFile }) },
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      let maxRssKb: number | undefined;
      if (rssFile !== undefined) {
        maxRssKb = Number(readFileSync(rssFile, 'utf8'));
        rmSync(rssFile, { force: true });
      }
      resolve({ code, signal, stdout, stderr, ...(maxRssKb === undefined ? {} : { maxRssKb }) });
    });
  });
}

/** Parses stdout as JSON, with the output in the failure message when it is not. */
export function jsonOf<T>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

/** An expected failure: exit 2, exactly one line on stderr, no stack trace. */
export function assertOneLineError(run: CliRun, pattern: RegExp): void {
  assert.equal(run.code, 2, `exit code; stderr: ${run.stderr}`);
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line expected, got:\n${run.stderr}`);
  assert.match(lines[0]!, /^wimboot-check: /u);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(run.stderr, /\n\s+at /u);
}
