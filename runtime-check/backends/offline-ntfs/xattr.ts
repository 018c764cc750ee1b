/**
 * Reads one extended attribute of a path without following symlinks, through
 * libc's lgetxattr called with koffi. Why koffi: it is already a dependency
 * (for the Win32 backend), ships prebuilt binaries (no compiler at install),
 * and one in-process call per file is what makes walking a whole volume
 * affordable; spawning `getfattr` per file would be thousands of times slower.
 * Loaded lazily so that nothing else in the CLI touches native code.
 */
import { BackendError } from '../backend.js';

type LGetXattr = (path: string, name: string, value: Buffer | null, size: number) => number;

export interface XattrReader {
  /** The attribute's bytes, or null when the path has no such attribute. */
  get(path: string, name: string): Buffer | null;
}

const ENOENT = 2;
const ENODATA = 61;
const ERANGE = 34;
const ENOTSUP = 95;
const E2BIG = 7;

export class XattrPathError extends Error {
  readonly errno: number;
  constructor(path: string, errno: number) {
    super(`${path}: lgetxattr failed with errno ${errno}`);
    this.name = 'XattrPathError';
    this.errno = errno;
  }
}

export async function loadXattrReader(): Promise<XattrReader> {
  if (process.platform !== 'linux') {
    throw new BackendError(
      'no-backend',
      `--offline reads ntfs-3g extended attributes and needs Linux, not ${process.platform}`,
    );
  }
  let koffi: (typeof import('koffi'))['default'];
  try {
    koffi = (await import('koffi')).default;
  } catch (error) {
    throw new BackendError(
      'no-backend',
      `--offline needs the koffi package and its native binary: ${(error as Error).message}`,
    );
  }
  // The process image already links libc; fall back to the glibc soname.
  let lib: ReturnType<typeof koffi.load>;
  try {
    lib = koffi.load(null);
    lib.func('intptr_t lgetxattr(const char *path, const char *name, void *value, uintptr_t size)');
  } catch {
    lib = koffi.load('libc.so.6');
  }
  const lgetxattr = lib.func(
    'intptr_t lgetxattr(const char *path, const char *name, void *value, uintptr_t size)',
  ) as unknown as LGetXattr;

  let scratch = Buffer.alloc(512);
  return {
    get(path: string, name: string): Buffer | null {
      for (;;) {
        const length = Number(lgetxattr(path, name, scratch, scratch.length));
        if (length >= 0) {
          return Buffer.from(scratch.subarray(0, length));
        }
        const errno = koffi.errno();
        if (errno === ENODATA || errno === ENOTSUP) {
          return null;
        }
        if (errno === ERANGE || errno === E2BIG) {
          const needed = Number(lgetxattr(path, name, null, 0));
          if (needed < 0 || needed > 1 << 20) {
            throw new XattrPathError(path, koffi.errno());
          }
          scratch = Buffer.alloc(Math.max(needed, scratch.length * 2));
          continue;
        }
        throw new XattrPathError(path, errno === 0 ? ENOENT : errno);
      }
    },
  };
}
