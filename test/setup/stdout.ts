/** Runs a CLI with its stdout on /dev/full, open for reading only, or a pipe that closes early: the output-error tests of both CLIs. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export interface Run {
  code: number | null;
  stderr: string;
}

/** Runs a CLI with stdout on `target`: a path opened for writing, or a shell redirection. */
export function runWithStdout(
  cli: string,
  args: readonly string[],
  stdout: 'full' | 'unwritable' | 'head',
): Promise<Run> {
  return new Promise((resolve, reject) => {
    let child;
    let fd: number | undefined;
    if (stdout === 'full') {
      fd = openSync('/dev/full', 'w');
      child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', fd, 'pipe'] });
    } else {
      // `1</dev/null`: stdout open for reading only, so every write fails (EBADF; `>&-` would not do,
      // Node reopens a closed stdout on /dev/null); `| head -c 1` closes the pipe after one byte (EPIPE).
      const redirect = stdout === 'unwritable' ? '1</dev/null' : '| head -c 1 > /dev/null';
      child = spawn('sh', ['-c', `"$@" ${redirect}; exit $?`, 'sh', process.execPath, cli, ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    }
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      if (fd !== undefined) closeSync(fd);
      resolve({ code, stderr });
    });
  });
}

export function assertOutputError(run: Run, tool: string, pattern: RegExp): void {
  assert.equal(run.code, 2, run.stderr);
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line, got:\n${run.stderr}`);
  assert.match(lines[0]!, new RegExp(`^${tool}: cannot write the output: `, 'u'));
  assert.match(lines[0]!, pattern);
}
