/**
 * A real NTFS volume for end-to-end tests: a sparse image formatted with
 * mkntfs and mounted through FUSE with ntfs-3g (kept in the foreground with
 * no_detach, so unmounting can wait for it to finish writing).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

function which(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Why a FUSE NTFS mount cannot work here, or null when it should. */
export function ntfsUnavailableReason(): string | null {
  if (process.platform !== 'linux') {
    return `needs Linux with FUSE, this is ${process.platform}`;
  }
  const missing = ['mkntfs', 'ntfs-3g', 'setfattr'].filter((command) => !which(command));
  if (!which('fusermount') && !which('fusermount3')) {
    missing.push('fusermount (fuse3)');
  }
  if (missing.length > 0) {
    return `missing ${missing.join(', ')} (apt-get install ntfs-3g attr fuse3)`;
  }
  if (!existsSync('/dev/fuse')) {
    return '/dev/fuse does not exist (no FUSE in this container: run with --device /dev/fuse --cap-add SYS_ADMIN)';
  }
  return null;
}

function isMounted(mountPoint: string): boolean {
  const escaped = mountPoint.replace(/ /gu, '\\040');
  return readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .some((line) => line.split(' ')[1] === escaped);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class NtfsVolume {
  readonly image: string;
  readonly mountPoint: string;
  private daemon: ChildProcess | undefined;
  private daemonLog = '';

  private constructor(image: string, mountPoint: string) {
    this.image = image;
    this.mountPoint = mountPoint;
  }

  /** Creates and formats a sparse image of `sizeMb` in `dir`. */
  static async create(dir: string, sizeMb = 16): Promise<NtfsVolume> {
    const image = join(dir, 'volume.img');
    const mountPoint = join(dir, 'mnt');
    await writeFile(image, '');
    await truncate(image, sizeMb * 1024 * 1024);
    await mkdir(mountPoint);
    const format = spawnSync('mkntfs', ['-F', '-Q', '-q', '-L', 'Windows', image], { encoding: 'utf8' });
    if (format.status !== 0) {
      throw new Error(`mkntfs failed (${format.status}): ${format.stderr}`);
    }
    return new NtfsVolume(image, mountPoint);
  }

  async mount(mode: 'rw' | 'ro'): Promise<void> {
    const options = ['no_detach', mode, 'streams_interface=xattr'].join(',');
    const daemon = spawn('ntfs-3g', ['-o', options, this.image, this.mountPoint], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.daemon = daemon;
    this.daemonLog = '';
    daemon.stdout?.on('data', (chunk: Buffer) => (this.daemonLog += chunk.toString()));
    daemon.stderr?.on('data', (chunk: Buffer) => (this.daemonLog += chunk.toString()));
    for (let waited = 0; waited < 10_000; waited += 50) {
      if (isMounted(this.mountPoint)) {
        return;
      }
      if (daemon.exitCode !== null) {
        break;
      }
      await sleep(50);
    }
    daemon.kill();
    this.daemon = undefined;
    throw new Error(`ntfs-3g could not mount ${this.image}: ${this.daemonLog.trim() || 'timed out'}`);
  }

  /** Unmounts and waits for ntfs-3g to exit, so the image is consistent. */
  async unmount(): Promise<void> {
    const daemon = this.daemon;
    if (daemon === undefined) {
      return;
    }
    this.daemon = undefined;
    const exited =
      daemon.exitCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => daemon.once('exit', () => resolve()));
    if (isMounted(this.mountPoint)) {
      const tool = spawnSync('sh', ['-c', 'command -v fusermount3 || command -v fusermount'], {
        encoding: 'utf8',
      }).stdout.trim();
      let result = spawnSync(tool, ['-u', this.mountPoint], { encoding: 'utf8' });
      if (result.status !== 0) {
        result = spawnSync('umount', [this.mountPoint], { encoding: 'utf8' });
      }
      if (result.status !== 0) {
        spawnSync(tool, ['-u', '-z', this.mountPoint]);
      }
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), 10_000);
    });
    const outcome = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      daemon.kill('SIGKILL');
      throw new Error(`ntfs-3g did not exit within 10 s of unmounting ${this.mountPoint}`);
    }
  }

  /** Runs setfattr on a path below the mount point (never following links). */
  setReparseData(relative: string, hex: string): void {
    this.setfattr(['-h', '-n', 'system.ntfs_reparse_data', '-v', hex, join(this.mountPoint, relative)]);
  }

  removeReparseData(relative: string): void {
    this.setfattr(['-h', '-x', 'system.ntfs_reparse_data', join(this.mountPoint, relative)]);
  }

  private setfattr(args: string[]): void {
    const result = spawnSync('setfattr', args, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`setfattr ${args.join(' ')} failed: ${result.stderr}`);
    }
  }
}

/**
 * Runs `body` with a fresh NTFS volume mounted read-write in a temporary
 * folder, then unmounts and removes both. Skips loudly where FUSE or the
 * tools are missing, but fails in CI, which must run these tests.
 */
export async function withNtfsVolume(
  t: TestContext,
  body: (volume: NtfsVolume, dir: string) => Promise<void>,
): Promise<void> {
  const reason = ntfsUnavailableReason();
  const inCi = process.env.CI !== undefined && process.env.CI !== '';
  const skipLoudly = (why: string): void => {
    const banner = `\n${'!'.repeat(78)}\n!! SKIPPED a test on a real NTFS volume: ${why}\n${'!'.repeat(78)}\n`;
    process.stderr.write(banner);
    t.skip(`no real NTFS volume here: ${why}`);
  };
  if (reason !== null) {
    if (inCi) {
      throw new Error(`CI must run the tests on a real NTFS volume, but ${reason}`);
    }
    skipLoudly(reason);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'wimboot-ntfs-'));
  const volume = await NtfsVolume.create(dir);
  try {
    try {
      await volume.mount('rw');
    } catch (error) {
      if (inCi) {
        throw error;
      }
      skipLoudly((error as Error).message);
      return;
    }
    await body(volume, dir);
  } finally {
    await volume.unmount();
    await rm(dir, { recursive: true, force: true });
  }
}
