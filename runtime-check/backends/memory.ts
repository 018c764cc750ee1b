/**
 * A backend over data held in memory: unit tests, and replaying a snapshot.
 * `plainFiles` are paths that exist but are not backed, so `query` can tell
 * not-backed from missing.
 */
import { hostname } from 'node:os';
import {
  BackendError,
  type Backend,
  type BackedFile,
  type DataSource,
  type QueryResult,
  type VolumeInfo,
} from './backend.js';

export interface MemoryVolume {
  volume: string;
  info?: Partial<VolumeInfo>;
  sources?: DataSource[];
  files?: BackedFile[];
  plainFiles?: string[];
}

export interface MemoryBackendOptions {
  host?: string;
  volumes: MemoryVolume[];
}

function key(path: string): string {
  return path.replaceAll('/', '\\').toLowerCase();
}

function driveOf(path: string): string {
  return path.slice(0, 2).toUpperCase();
}

/** Glob (`**` any depth, `*` and `?` within a name) to a case-insensitive RegExp. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  const text = glob.replaceAll('/', '\\');
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (char === '*' && text[i + 1] === '*') {
      // `**\` may also match no folder at all.
      if (text[i + 2] === '\\') {
        source += '(?:.*\\\\)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (char === '*') {
      source += '[^\\\\]*';
    } else if (char === '?') {
      source += '[^\\\\]';
    } else {
      source += char.replace(/[$()+.[\]^{|}\\]/u, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'iu');
}

export class MemoryBackend implements Backend {
  readonly name = 'memory';
  private readonly hostName: string;
  private readonly volumes = new Map<string, MemoryVolume>();
  private readonly backed = new Map<string, BackedFile>();
  private readonly plain = new Map<string, string>();

  constructor(options: MemoryBackendOptions) {
    this.hostName = options.host ?? hostname();
    for (const volume of options.volumes) {
      this.volumes.set(volume.volume.toUpperCase(), volume);
      for (const file of volume.files ?? []) {
        this.backed.set(key(file.path), file);
      }
      for (const path of volume.plainFiles ?? []) {
        this.plain.set(key(path), path);
      }
    }
  }

  host(): string {
    return this.hostName;
  }

  private volume(volume: string): MemoryVolume {
    const found = this.volumes.get(volume.toUpperCase());
    if (found === undefined) {
      throw new BackendError('bad-volume', `volume ${volume} is not known to the memory backend`);
    }
    return found;
  }

  async volumeInfo(volume: string): Promise<VolumeInfo> {
    const info = this.volume(volume).info ?? {};
    return { fileProviderAttached: true, wimProviderAttached: true, ...info, volume: volume.toUpperCase() };
  }

  async sources(volume: string): Promise<DataSource[]> {
    return [...(this.volume(volume).sources ?? [])];
  }

  async *files(volume: string, onProgress?: (count: number) => void): AsyncIterable<BackedFile> {
    let count = 0;
    for (const file of this.volume(volume).files ?? []) {
      count += 1;
      onProgress?.(count);
      yield file;
    }
  }

  async query(path: string): Promise<QueryResult> {
    this.volume(driveOf(path));
    const file = this.backed.get(key(path));
    if (file !== undefined) {
      return { path: file.path, status: 'backed', file };
    }
    const plain = this.plain.get(key(path));
    return plain === undefined ? { path, status: 'missing' } : { path: plain, status: 'not-backed' };
  }

  async expand(pattern: string): Promise<string[]> {
    this.volume(driveOf(pattern));
    const regexp = globToRegExp(pattern);
    const all = [...[...this.backed.values()].map((file) => file.path), ...this.plain.values()];
    return all.filter((path) => regexp.test(path.replaceAll('/', '\\'))).sort();
  }

  async close(): Promise<void> {
    // Nothing to release.
  }
}
