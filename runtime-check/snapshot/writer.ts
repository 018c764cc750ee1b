/**
 * Writes a snapshot atomically: everything goes to a temporary file next to the
 * target, which is flushed and renamed over it only once complete, so a crash
 * or Ctrl+C never leaves a half-written snapshot under the final name.
 * One file entry per line keeps big snapshots greppable and diff-friendly.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { BackedFile, DataSource, VolumeInfo } from '../backends/backend.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Snapshot } from '../../formats/snapshot/types.js';

const FLUSH_AT = 256 * 1024;

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

  private readonly handle: FileHandle;
  private readonly tempPath: string;
  readonly targetPath: string;

  private constructor(handle: FileHandle, tempPath: string, targetPath: string) {
    this.handle = handle;
    this.tempPath = tempPath;
    this.targetPath = targetPath;
  }

  static async create(targetPath: string, header: SnapshotHeaderInput): Promise<SnapshotWriter> {
    const tempPath = join(
      dirname(targetPath),
      `.${basename(targetPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    let handle: FileHandle;
    try {
      handle = await open(tempPath, 'wx');
    } catch (error) {
      // Name the file the user asked for, not our temporary one.
      (error as NodeJS.ErrnoException).path = targetPath;
      throw error;
    }
    const writer = new SnapshotWriter(handle, tempPath, targetPath);
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
      await this.handle.sync();
      await this.handle.close();
      await rename(this.tempPath, this.targetPath);
    } catch (error) {
      await unlink(this.tempPath).catch(() => undefined);
      throw error;
    }
  }

  /** Drops the temporary file; the target is left as it was. */
  async abort(): Promise<void> {
    if (this.state === 'closed') {
      return;
    }
    this.state = 'closed';
    await this.handle.close().catch(() => undefined);
    await unlink(this.tempPath).catch(() => undefined);
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
      await this.handle.write(text);
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
