/**
 * Writes a snapshot atomically: everything goes to a temporary file next to the
 * target, which is flushed and renamed over it only once complete, so a crash
 * or Ctrl+C never leaves a half-written snapshot under the final name.
 * One file entry per line keeps big snapshots greppable and diff-friendly.
 */
import { randomBytes } from 'node:crypto';
import { close, fsync, lstatSync, openSync, write, type Stats } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { basename, dirname, join } from 'node:path';
import { describeFileKind } from '../../formats/cli-contract.js';
import { releaseTemporary, trackTemporary } from '../temporaries.js';
import type { BackedFile, DataSource, VolumeInfo } from '../backends/backend.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Snapshot } from '../../formats/snapshot/types.js';

const FLUSH_AT = 256 * 1024;
const writeBytes = promisify(write);
const fsyncFd = promisify(fsync);
const closeFd = promisify(close);
/** NAME_MAX of every file system wimboot-check writes to, in bytes. */
const NAME_MAX = 255;

/** An output path wimboot-check will not write: the message names it and says why. */
export class RefusedTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedTargetError';
  }
}

/**
 * Throws unless `target` is absent or a regular file: the atomic rename would
 * replace whatever is there (run as root, `-o /dev/null` once turned
 * /dev/null into a regular file), and a link would be replaced, not followed.
 */
export function refuseUnlessReplaceable(target: string): void {
  let stats: Stats;
  try {
    stats = lstatSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return;
    }
    (error as NodeJS.ErrnoException).path = target;
    throw error;
  }
  if (!stats.isFile()) {
    throw new RefusedTargetError(
      `${target}: exists and is ${describeFileKind(stats)}, not a regular file; refusing to replace it`,
    );
  }
}

/** `.NAME.PID.RAND.tmp` next to the target, with NAME cut so the whole fits NAME_MAX bytes. */
function temporaryName(targetPath: string): string {
  const tail = `.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  let name = '';
  let bytes = 1 + Buffer.byteLength(tail);
  for (const char of basename(targetPath)) {
    bytes += Buffer.byteLength(char);
    if (bytes > NAME_MAX) {
      break;
    }
    name += char;
  }
  return join(dirname(targetPath), `.${name}${tail}`);
}

export interface SnapshotHeaderInput {
  takenAt: string;
  host: string;
  backend?: string;
}

type WriterState = 'header' | 'volumes' | 'files' | 'closed';

export class SnapshotWriter {
  private pending = '';
  private state: WriterState = 'header';
  private volumeCount = 0;
  private fileCountInVolume = 0;

  private readonly fd: number;
  private isOpen = true;
  private readonly tempPath: string;
  readonly targetPath: string;

  private constructor(fd: number, tempPath: string, targetPath: string) {
    this.fd = fd;
    this.tempPath = tempPath;
    this.targetPath = targetPath;
  }

  static async create(targetPath: string, header: SnapshotHeaderInput): Promise<SnapshotWriter> {
    refuseUnlessReplaceable(targetPath);
    const tempPath = temporaryName(targetPath);
    let fd: number;
    try {
      // Created synchronously and tracked at once: an interrupt cannot come between the two.
      fd = openSync(tempPath, 'wx');
      trackTemporary(tempPath);
    } catch (error) {
      // Name the file the user asked for, not our temporary one.
      (error as NodeJS.ErrnoException).path = targetPath;
      throw error;
    }
    const writer = new SnapshotWriter(fd, tempPath, targetPath);
    const top = {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      takenAt: header.takenAt,
      host: header.host,
      ...(header.backend === undefined ? {} : { backend: header.backend }),
    };
    writer.pending = `${JSON.stringify(top).slice(0, -1)},"volumes":[`;
    writer.state = 'volumes';
    return writer;
  }

  async beginVolume(volume: string, sources: readonly DataSource[], info?: VolumeInfo): Promise<void> {
    this.assertState('volumes');
    const head = { volume, ...(info === undefined ? {} : { info }) };
    let text = `${this.volumeCount > 0 ? ',' : ''}\n${JSON.stringify(head).slice(0, -1)},"sources":[`;
    text += sources.map((source) => `\n${JSON.stringify(source)}`).join(',');
    text += `${sources.length > 0 ? '\n' : ''}],"files":[`;
    this.pending += text;
    this.state = 'files';
    this.volumeCount += 1;
    this.fileCountInVolume = 0;
    await this.flushIfFull();
  }

  async addFile(file: BackedFile): Promise<void> {
    this.assertState('files');
    this.pending += `${this.fileCountInVolume > 0 ? ',' : ''}\n${JSON.stringify(file)}`;
    this.fileCountInVolume += 1;
    if (this.pending.length >= FLUSH_AT) {
      await this.flush();
    }
  }

  async endVolume(): Promise<void> {
    this.assertState('files');
    this.pending += `${this.fileCountInVolume > 0 ? '\n' : ''}]}`;
    this.state = 'volumes';
  }

  /** Completes the file and renames it over the target. */
  async commit(): Promise<void> {
    this.assertState('volumes');
    this.pending += '\n]}\n';
    this.state = 'closed';
    try {
      await this.flush();
      await fsyncFd(this.fd);
      await this.closeOnce();
      // Checked again: the target may have become a FIFO or a device while we wrote.
      refuseUnlessReplaceable(this.targetPath);
      await rename(this.tempPath, this.targetPath).catch((error: NodeJS.ErrnoException) => {
        error.path = this.targetPath;
        throw error;
      });
    } catch (error) {
      await this.closeOnce().catch(() => undefined);
      await this.removeTemporary();
      throw error;
    }
    releaseTemporary(this.tempPath);
  }

  /** Closes the descriptor once: a number closed twice may by then be another file's. */
  private async closeOnce(): Promise<void> {
    if (this.isOpen) {
      this.isOpen = false;
      await closeFd(this.fd);
    }
  }

  private async removeTemporary(): Promise<void> {
    await unlink(this.tempPath).catch(() => undefined);
    releaseTemporary(this.tempPath);
  }

  /** Drops the temporary file; the target is left as it was. */
  async abort(): Promise<void> {
    if (this.state === 'closed') {
      return;
    }
    this.state = 'closed';
    await this.closeOnce().catch(() => undefined);
    await this.removeTemporary();
  }

  private assertState(expected: WriterState): void {
    if (this.state !== expected) {
      throw new Error(`SnapshotWriter: called in state ${this.state}, expected ${expected}`);
    }
  }

  private async flushIfFull(): Promise<void> {
    if (this.pending.length >= FLUSH_AT) {
      await this.flush();
    }
  }

  private async flush(): Promise<void> {
    if (this.pending.length > 0) {
      const text = this.pending;
      this.pending = '';
      // write(2) may take less than asked for: go on until all of it is written.
      const bytes = Buffer.from(text);
      for (let offset = 0; offset < bytes.length;) {
        offset += (await writeBytes(this.fd, bytes, offset, bytes.length - offset)).bytesWritten;
      }
    }
  }
}

/** Writes an in-memory snapshot (tests, small tools) through the same atomic path. */
export async function writeSnapshot(targetPath: string, snapshot: Snapshot): Promise<void> {
  const writer = await SnapshotWriter.create(targetPath, snapshot);
  try {
    for (const volume of snapshot.volumes) {
      await writer.beginVolume(volume.volume, volume.sources, volume.info);
      for (const file of volume.files) {
        await writer.addFile(file);
      }
      await writer.endVolume();
    }
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
