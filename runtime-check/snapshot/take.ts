/** Takes a snapshot from a backend straight to disk, never holding the file list. */
import type { Backend } from '../backends/backend.js';
import { hasUnknownBacking } from '../../formats/backing.js';
import { SnapshotWriter } from './writer.js';

export interface TakenVolume {
  volume: string;
  sources: number;
  files: number;
  /** Files backed by a WOF provider, version or algorithm this version does not know (listed all the same). */
  unknown: number;
  /** Logical bytes of the backed files whose size is known. */
  bytes: number;
  /** Backed files whose logical size is unknown (offline, compressed files). */
  sizeUnknown: number;
}

export interface TakenSnapshot {
  file: string;
  takenAt: string;
  host: string;
  backend: string;
  volumes: TakenVolume[];
}

export async function takeSnapshot(
  backend: Backend,
  volumes: readonly string[],
  target: string,
  onProgress?: (count: number) => void,
): Promise<TakenSnapshot> {
  const takenAt = new Date().toISOString();
  const host = backend.host();
  const writer = await SnapshotWriter.create(target, { takenAt, host, backend: backend.name });
  const taken: TakenVolume[] = [];
  try {
    let total = 0;
    for (const volume of volumes) {
      const info = await backend.volumeInfo(volume);
      const sources = await backend.sources(volume);
      await writer.beginVolume(volume, sources, info);
      let files = 0;
      let bytes = 0;
      let unknown = 0;
      let sizeUnknown = 0;
      for await (const file of backend.files(volume)) {
        await writer.addFile(file);
        files += 1;
        unknown += hasUnknownBacking(file) ? 1 : 0;
        bytes += file.size ?? 0;
        sizeUnknown += file.size === undefined ? 1 : 0;
        onProgress?.(total + files);
      }
      total += files;
      await writer.endVolume();
      taken.push({ volume, sources: sources.length, files, unknown, bytes, sizeUnknown });
    }
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return { file: target, takenAt, host, backend: backend.name, volumes: taken };
}
