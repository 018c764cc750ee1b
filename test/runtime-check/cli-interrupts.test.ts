/**
 * SIGINT and SIGTERM, with real processes (issue 14 item 10): the temporary
 * files and folders go, the scenario's whole process group gets the signal
 * and is waited for, and the exit code is 128 + the signal's number.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CLI_PATH } from './helpers/cli.js';
import { withNtfsVolume } from './helpers/ntfs-volume.js';
import { tempDir } from './helpers/temp.js';

const INTERRUPTED_WRITER = fileURLToPath(new URL('./helpers/interrupted-writer.js', import.meta.url));

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * When the process exits (not when its pipes close: a scenario left running
 * would hold them open), with what it wrote to stderr by then.
 */
function ended(child: ChildProcess): Promise<Ended> {
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => setTimeout(() => resolve({ code, signal, stderr }), 100)),
  );
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 30_000) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('interrupts (issue 14 item 10)', () => {
  it('SIGINT while a snapshot is being written removes its temporary file and exits 130', async () => {
    const dir = tempDir('wimboot-interrupt-');
    const child = spawn(process.execPath, [INTERRUPTED_WRITER, join(dir, 'out.json')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const done = ended(child);
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    await until(() => stdout.includes('ready'), 'the writer');
    assert.equal(readdirSync(dir).filter((name) => name.endsWith('.tmp')).length, 1, 'the temporary file exists');
    child.kill('SIGINT');
    const { code, stderr } = await done;
    assert.equal(code, 128 + constants.signals.SIGINT);
    assert.match(stderr, /^wimboot-check: interrupted by SIGINT; temporary files removed\n$/u);
    assert.deepEqual(readdirSync(dir), [], 'no temporary file, no target');
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} during run reaches the scenario's process group, waits for it, removes the temporary folder`, async (t) => {
      await withNtfsVolume(t, async (volume, dir) => {
        const tmp = join(dir, 'tmp');
        mkdirSync(tmp);
        const mark = join(dir, 'scenario-finished');
        const ready = join(dir, 'ready');
        // The scenario traps the signal and takes a moment to finish, so an
        // exit before it would show; its background child is in its group.
        const script = `trap 'sleep 0.5; echo "$1" > "$MARK"; exit 0' INT TERM
          echo $$ > "$READY.sh"; sleep 60 & echo $! > "$READY.pid"
          echo ready > "$READY"
          while :; do sleep 0.1; done`;
        const child = spawn(
          process.execPath,
          [CLI_PATH, 'run', '--offline', volume.mountPoint, '--', 'sh', '-c', script, 'sh', signal],
          { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TMPDIR: tmp, MARK: mark, READY: ready } },
        );
        const done = ended(child);
        await until(() => existsSync(ready), 'the scenario');
        assert.equal(readdirSync(tmp).length, 1, 'the run folder exists while the scenario runs');
        const grandchild = Number(readFileSync(`${ready}.pid`, 'utf8'));
        const shell = Number(readFileSync(`${ready}.sh`, 'utf8'));
        // Whatever happens, nothing of the scenario outlives the test.
        t.after(() => {
          for (const pid of [grandchild, shell]) {
            try {
              process.kill(pid, 'SIGKILL');
            } catch {
              // gone
            }
          }
        });
        child.kill(signal);
        const { code, signal: killedBy, stderr } = await done;
        assert.equal(killedBy, null, 'wimboot-check exits on its own');
        assert.equal(code, 128 + constants.signals[signal], stderr);
        assert.equal(readFileSync(mark, 'utf8').trim(), signal, 'the scenario got the signal and finished first');
        assert.deepEqual(readdirSync(tmp), [], 'the temporary folder is gone');
        assert.match(stderr, new RegExp(`wimboot-check: interrupted by ${signal}; temporary files removed\\n$`, 'u'));
        if (signal === 'SIGTERM') {
          // Non-interactive sh starts background jobs with SIGINT ignored, so only SIGTERM must reach them.
          await until(() => !isAlive(grandchild), 'the background job to end');
        }
      });
    });
  }
});
