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
const EIO = 5;
const E2BIG = 7;
const ERANGE = 34;
const ENODATA = 61;
const ENOTSUP = 95;
/** MAXIMUM_REPARSE_DATA_BUFFER_SIZE: no NTFS reparse point (the largest attribute we read) is bigger. */
export const XATTR_MAX_SIZE = 16 * 1024;
/** Reads retried when the attribute grows between the size query and the read. */
const READ_ATTEMPTS = 3;

export class XattrPathError extends Error {
  readonly errno: number;
  /** Set when the attribute is larger than XATTR_MAX_SIZE (errno is then E2BIG). */
  readonly size: number | undefined;
  constructor(path: string, errno: number, size?: number) {
    super(
      size === undefined
        ? `${path}: lgetxattr failed with errno ${errno}`
        : `${path}: the attribute has ${size} bytes, more than ${XATTR_MAX_SIZE}`,
    );
    this.name = 'XattrPathError';
    this.errno = errno;
    this.size = size;
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

  // Size first, then read: ntfs-3g does not answer ERANGE to a short buffer
  // (it returns the size without copying, which FUSE turns into EIO), so a
  // guessed buffer would fail on any reparse point larger than the guess.
  let scratch = Buffer.alloc(512);
  const failure = (path: string): XattrPathError => {
    const errno = koffi.errno();
    return new XattrPathError(path, errno === 0 ? ENOENT : errno);
  };
  return {
    get(path: string, name: string): Buffer | null {
      for (let attempt = 1; ; attempt += 1) {
        const needed = Number(lgetxattr(path, name, null, 0));
        if (needed < 0) {
          const errno = koffi.errno();
          if (errno === ENODATA || errno === ENOTSUP) {
            return null;
          }
          throw failure(path);
        }
        if (needed > XATTR_MAX_SIZE) {
          throw new XattrPathError(path, E2BIG, needed);
        }
        if (needed === 0) {
          return Buffer.alloc(0);
        }
        if (scratch.length < needed) {
          scratch = Buffer.alloc(Math.max(needed, scratch.length * 2));
        }
        const length = Number(lgetxattr(path, name, scratch, needed));
        if (length >= 0) {
          return Buffer.from(scratch.subarray(0, length));
        }
        const errno = koffi.errno();
        if (errno === ENODATA || errno === ENOTSUP) {
          return null;
        }
        // It grew since the size query (ERANGE, or EIO through ntfs-3g): ask again.
        if ((errno === ERANGE || errno === E2BIG || errno === EIO) && attempt < READ_ATTEMPTS) {
          continue;
        }
        throw failure(path);
      }
    },
  };
}
