/**
 * The Backend contract answered from wof.sys on a live Windows volume. All
 * kernel32 traffic goes through `Kernel32`, whose allow-list keeps every
 * handle read-only and every control code a query.
 */
import { hostname } from 'node:os';
import { win32 } from 'node:path';
import { glob } from 'glob';
import { type Backend, type BackedFile, type DataSource, type QueryResult, type VolumeInfo } from '../backend.js';
import {
  ERROR_INSUFFICIENT_BUFFER,
  ERROR_MORE_DATA,
  ERROR_NO_MORE_FILES,
  ERROR_NO_MORE_ITEMS,
  ERROR_OBJECT_NOT_EXTERNALLY_BACKED,
  isMissing,
  isNoWof,
  isUnreachable,
  toBackendError,
} from './errors.js';
import {
  FILE_ACCESS,
  FILE_FLAGS,
  FSCTL_ENUM_EXTERNAL_BACKING,
  FSCTL_ENUM_OVERLAY,
  FSCTL_GET_EXTERNAL_BACKING,
  FSCTL_GET_WOF_VERSION,
  VOLUME_ACCESS,
  VOLUME_FLAGS,
  Win32Error,
  type Handle,
  type Kernel32,
} from './kernel32.js';
import { fromFinalPath, parseVolume, type VolumeName } from './paths.js';
import {
  EXTERNAL_FILE_ID_SIZE,
  WOF_PROVIDER_FILE,
  WOF_PROVIDER_WIM,
  decodeExternalBacking,
  decodeExternalFileIds,
  decodeOverlayEntries,
  decodeWofVersion,
  encodeFileIdDescriptor,
  encodeWofExternalInfo,
  type ExternalBacking,
} from './structs.js';

/** GET_EXTERNAL_BACKING output: 8 + 40 bytes for WIM; room for unknown providers, grown when they need more. */
const BACKING_BUFFER = 256;
const BACKING_BUFFER_MAX = 64 * 1024;
const OVERLAY_BUFFER_START = 4096;
const OVERLAY_BUFFER_MAX = 64 * 1024 * 1024;

export class Win32Backend implements Backend {
  readonly name = 'win32';
  readonly #k32: Kernel32;

  constructor(k32: Kernel32) {
    this.#k32 = k32;
  }

  host(): string {
    return hostname();
  }

  async volumeInfo(volume: string): Promise<VolumeInfo> {
    const name = parseVolume(volume);
    return this.#withVolume(name, (handle) => {
      const wim = this.#wofVersion(handle, WOF_PROVIDER_WIM, name);
      const file = this.#wofVersion(handle, WOF_PROVIDER_FILE, name);
      return {
        volume: name.display,
        wimProviderAttached: wim !== undefined,
        fileProviderAttached: file !== undefined,
        ...(wim !== undefined && { wimProviderVersion: wim }),
        ...(file !== undefined && { fileProviderVersion: file }),
      };
    });
  }

  async sources(volume: string): Promise<DataSource[]> {
    const name = parseVolume(volume);
    return this.#withVolume(name, (handle) => {
      let output: Buffer;
      try {
        output = this.#controlGrowing(
          handle,
          FSCTL_ENUM_OVERLAY,
          encodeWofExternalInfo(WOF_PROVIDER_WIM),
          OVERLAY_BUFFER_START,
          OVERLAY_BUFFER_MAX,
        );
      } catch (err) {
        // A volume whose WOF has only the file provider (CompactOS) has no WIM sources.
        if (
          err instanceof Win32Error &&
          isNoWof(err.code) &&
          this.#wofVersion(handle, WOF_PROVIDER_FILE, name) !== undefined
        ) {
          return [];
        }
        throw toBackendError(err, name.display);
      }
      return decodeOverlayEntries(output).map((entry) => ({
        dataSourceId: entry.dataSourceId,
        provider: 'wim' as const,
        wimPath: entry.wimPath,
        wimGuid: entry.wimGuid,
        wimIndex: entry.wimIndex,
        wimType: entry.wimType,
        state: entry.state,
      }));
    });
  }

  async *files(volume: string, onProgress?: (count: number) => void): AsyncIterable<BackedFile> {
    const name = parseVolume(volume);
    // The enumeration cursor lives in the handle: a fresh handle restarts it.
    const handle = this.#openVolume(name);
    try {
      let count = 0;
      const output = Buffer.alloc(EXTERNAL_FILE_ID_SIZE);
      for (;;) {
        let bytes: number;
        try {
          bytes = this.#k32.control(handle, FSCTL_ENUM_EXTERNAL_BACKING, null, output);
        } catch (err) {
          if (err instanceof Win32Error && (err.code === ERROR_NO_MORE_FILES || err.code === ERROR_NO_MORE_ITEMS))
            return;
          throw toBackendError(err, name.display);
        }
        // Success without an id would never advance: treat it as the end.
        if (bytes === 0) return;
        for (const id of decodeExternalFileIds(output, bytes)) {
          const file = this.#describeById(handle, id, name);
          if (file === undefined) continue;
          count += 1;
          onProgress?.(count);
          yield file;
        }
      }
    } finally {
      this.#k32.close(handle);
    }
  }

  async query(path: string): Promise<QueryResult> {
    const full = win32.resolve(path);
    let handle: Handle;
    try {
      handle = this.#k32.open(full, FILE_ACCESS, FILE_FLAGS);
    } catch (err) {
      if (err instanceof Win32Error && isMissing(err.code)) return { path: full, status: 'missing' };
      throw toBackendError(err, full, 'file');
    }
    try {
      const backing = this.#backing(handle, full);
      if (backing === undefined) return { path: full, status: 'not-backed' };
      return { path: full, status: 'backed', file: this.#backedFile(handle, full, backing) };
    } finally {
      this.#k32.close(handle);
    }
  }

  async expand(pattern: string): Promise<string[]> {
    const found = await glob(pattern.replaceAll('/', '\\'), {
      windowsPathsNoEscape: true,
      absolute: true,
      nodir: true,
      dot: true,
      follow: false,
    });
    return found.map((p) => win32.normalize(p)).sort();
  }

  async close(): Promise<void> {
    // Every handle is closed where it is opened; nothing is cached.
  }

  #openVolume(name: VolumeName): Handle {
    try {
      return this.#k32.open(name.device, VOLUME_ACCESS, VOLUME_FLAGS);
    } catch (err) {
      throw toBackendError(err, name.display, 'volume');
    }
  }

  #withVolume<T>(name: VolumeName, body: (handle: Handle) => T): T {
    const handle = this.#openVolume(name);
    try {
      return body(handle);
    } finally {
      this.#k32.close(handle);
    }
  }

  /** `major.minor.build` of a provider, or undefined when it is not attached (errors 1, 50). */
  #wofVersion(handle: Handle, provider: number, name: VolumeName): string | undefined {
    const output = Buffer.alloc(4);
    try {
      const bytes = this.#k32.control(handle, FSCTL_GET_WOF_VERSION, encodeWofExternalInfo(provider), output);
      return decodeWofVersion(output.subarray(0, bytes));
    } catch (err) {
      if (err instanceof Win32Error && isNoWof(err.code)) return undefined;
      throw toBackendError(err, name.display);
    }
  }

  /**
   * DeviceIoControl into a buffer doubled on 122/234 up to `max`: the answer's
   * size is not announced. Returns the bytes written; throws the Win32Error.
   */
  #controlGrowing(handle: Handle, code: number, input: Buffer | null, start: number, max: number): Buffer {
    for (let size = start; ; size *= 2) {
      const output = Buffer.alloc(size);
      try {
        return output.subarray(0, this.#k32.control(handle, code, input, output));
      } catch (err) {
        const grow =
          err instanceof Win32Error && (err.code === ERROR_INSUFFICIENT_BUFFER || err.code === ERROR_MORE_DATA);
        if (!grow || size >= max) throw err;
      }
    }
  }

  /**
   * Backing of an open file, or undefined when it is not externally backed
   * (342). A provider whose answer does not fit (122/234, as wimlib expects of
   * unknown providers) gets a bigger buffer.
   */
  #backing(handle: Handle, path: string): ExternalBacking | undefined {
    let output: Buffer;
    try {
      output = this.#controlGrowing(handle, FSCTL_GET_EXTERNAL_BACKING, null, BACKING_BUFFER, BACKING_BUFFER_MAX);
    } catch (err) {
      if (err instanceof Win32Error && err.code === ERROR_OBJECT_NOT_EXTERNALLY_BACKED) return undefined;
      throw toBackendError(err, path);
    }
    return decodeExternalBacking(output);
  }

  #backedFile(handle: Handle, path: string, backing: ExternalBacking): BackedFile {
    let size: number;
    let sizeOnDisk: number;
    try {
      size = this.#k32.fileSize(handle);
      sizeOnDisk = this.#k32.compressedSize(path);
    } catch (err) {
      throw toBackendError(err, path);
    }
    const sizes = { size, sizeOnDisk };
    if (backing.provider === 'unknown') {
      const wofVersion = backing.wofVersion === undefined ? {} : { wofVersion: backing.wofVersion };
      return { path, provider: 'unknown', providerId: backing.providerId, ...wofVersion, ...sizes };
    }
    if ('providerVersion' in backing) {
      return { path, provider: backing.provider, providerVersion: backing.providerVersion, ...sizes };
    }
    return backing.provider === 'wim'
      ? { path, provider: 'wim', dataSourceId: backing.dataSourceId, ...sizes }
      : { path, provider: 'file', algorithm: backing.algorithm, ...sizes };
  }

  /**
   * Opens one enumerated id; undefined when it vanished, lost its backing, or
   * cannot be opened any more (a delete-pending file answers access denied):
   * the enumeration itself already proved the caller is elevated.
   */
  #describeById(volume: Handle, id: Buffer, name: VolumeName): BackedFile | undefined {
    let handle: Handle;
    try {
      handle = this.#k32.openById(volume, encodeFileIdDescriptor(id), FILE_ACCESS, FILE_FLAGS);
    } catch (err) {
      if (err instanceof Win32Error && (isMissing(err.code) || isUnreachable(err.code))) return undefined;
      throw toBackendError(err, `${name.display} file id ${id.toString('hex')}`);
    }
    try {
      let path: string;
      try {
        path = fromFinalPath(this.#k32.finalPath(handle));
      } catch (err) {
        if (err instanceof Win32Error && (isMissing(err.code) || isUnreachable(err.code))) return undefined;
        throw toBackendError(err, `${name.display} file id ${id.toString('hex')}`);
      }
      const backing = this.#backing(handle, path);
      return backing === undefined ? undefined : this.#backedFile(handle, path, backing);
    } finally {
      this.#k32.close(handle);
    }
  }
}
