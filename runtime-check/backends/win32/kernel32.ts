/**
 * The one boundary between the backend and kernel32. Every open and every
 * control code goes through `Kernel32`, which refuses anything outside a
 * read-only allow-list before the binding is called: the device is never
 * changed, whatever a caller asks for. The binding is injectable so tests can
 * drive the whole backend through a recording fake; `loadKernel32` is the only
 * place koffi is loaded, and only when the backend is created on win32.
 */
import { createRequire } from 'node:module';

/** A Win32 HANDLE as koffi returns it for `intptr_t`. */
export type Handle = number | bigint;

/** Raw kernel32, one method per API. Failures report GetLastError in `error`. */
export interface Kernel32Binding {
  createFile(
    path: string,
    access: number,
    share: number,
    disposition: number,
    flags: number,
  ): { handle: Handle | null; error: number };
  openFileById(
    volume: Handle,
    descriptor: Buffer,
    access: number,
    share: number,
    flags: number,
  ): { handle: Handle | null; error: number };
  deviceIoControl(
    handle: Handle,
    code: number,
    input: Buffer | null,
    output: Buffer,
  ): { ok: boolean; bytesReturned: number; error: number };
  /** GetFinalPathNameByHandleW into `output` (UTF-16); returns the length in characters. */
  getFinalPathName(handle: Handle, output: Buffer, flags: number): { length: number; error: number };
  getCompressedFileSize(path: string): { size: number | null; error: number };
  getFileSize(handle: Handle): { size: number | null; error: number };
  closeHandle(handle: Handle): void;
}

export const FILE_READ_ATTRIBUTES = 0x80;
export const SYNCHRONIZE = 0x100000;
export const GENERIC_READ = 0x80000000;
export const FILE_SHARE_ALL = 0x1 | 0x2 | 0x4;
export const OPEN_EXISTING = 3;
export const FILE_FLAG_BACKUP_SEMANTICS = 0x02000000;
export const FILE_FLAG_OPEN_REPARSE_POINT = 0x00200000;
/** GetFinalPathNameByHandleW flags: a drive-letter path, normalised (FILE_NAME_NORMALIZED is 0 too). */
export const VOLUME_NAME_DOS = 0;

export const FSCTL_GET_EXTERNAL_BACKING = 0x90310;
export const FSCTL_ENUM_EXTERNAL_BACKING = 0x90318;
export const FSCTL_ENUM_OVERLAY = 0x9031f;
export const FSCTL_GET_WOF_VERSION = 0x90368;

/** Read attributes only: enough for GET_EXTERNAL_BACKING, never rehydrates. */
export const FILE_ACCESS = (FILE_READ_ATTRIBUTES | SYNCHRONIZE) >>> 0;
export const FILE_FLAGS = (FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT) >>> 0;
/** Volume handles for the ENUM FSCTLs (as WofDump and WofUtil open them). */
export const VOLUME_ACCESS = (GENERIC_READ | SYNCHRONIZE) >>> 0;
export const VOLUME_FLAGS = 0;

/** Control codes that only read; every mutating WOF FSCTL is absent on purpose. */
export const ALLOWED_CONTROL_CODES: ReadonlyMap<number, string> = new Map([
  [FSCTL_GET_EXTERNAL_BACKING, 'FSCTL_GET_EXTERNAL_BACKING'],
  [FSCTL_ENUM_EXTERNAL_BACKING, 'FSCTL_ENUM_EXTERNAL_BACKING'],
  [FSCTL_ENUM_OVERLAY, 'FSCTL_ENUM_OVERLAY'],
  [FSCTL_GET_WOF_VERSION, 'FSCTL_GET_WOF_VERSION'],
]);

/** `\\.\C:` or `\\?\Volume{GUID}`, never with a trailing backslash. */
const VOLUME_DEVICE = /^\\\\[.?]\\(?:[A-Za-z]:|Volume\{[0-9A-Fa-f-]{36}\})$/;

export class Win32Error extends Error {
  readonly code: number;
  readonly call: string;
  constructor(call: string, code: number) {
    super(`${call} failed with Win32 error ${code}`);
    this.name = 'Win32Error';
    this.call = call;
    this.code = code;
  }
}

/** A request the allow-list refuses; thrown before kernel32 is called. */
export class ForbiddenCallError extends Error {
  constructor(message: string) {
    super(`refused (the runtime check never changes the device): ${message}`);
    this.name = 'ForbiddenCallError';
  }
}

const hex = (n: number) => `0x${(n >>> 0).toString(16)}`;

export class Kernel32 {
  readonly #binding: Kernel32Binding;
  readonly #open = new Set<Handle>();

  constructor(binding: Kernel32Binding) {
    this.#binding = binding;
  }

  /** Opens a file read-attributes-only, or a volume device read-only. */
  open(path: string, access: number, flags: number): Handle {
    const volume = VOLUME_DEVICE.test(path);
    const allowed = volume
      ? access === VOLUME_ACCESS && flags === VOLUME_FLAGS
      : access === FILE_ACCESS && flags === FILE_FLAGS;
    if (!allowed) {
      throw new ForbiddenCallError(`CreateFileW(${path}) with access ${hex(access)} and flags ${hex(flags)}`);
    }
    const { handle, error } = this.#binding.createFile(path, access, FILE_SHARE_ALL, OPEN_EXISTING, flags);
    if (handle === null) throw new Win32Error('CreateFileW', error);
    this.#open.add(handle);
    return handle;
  }

  /** OpenFileById with a FILE_ID_DESCRIPTOR, read-attributes-only. */
  openById(volume: Handle, descriptor: Buffer, access: number, flags: number): Handle {
    if (access !== FILE_ACCESS || flags !== FILE_FLAGS) {
      throw new ForbiddenCallError(`OpenFileById with access ${hex(access)} and flags ${hex(flags)}`);
    }
    this.#check(volume);
    const { handle, error } = this.#binding.openFileById(volume, descriptor, access, FILE_SHARE_ALL, flags);
    if (handle === null) throw new Win32Error('OpenFileById', error);
    this.#open.add(handle);
    return handle;
  }

  /** DeviceIoControl with an allow-listed code; returns the bytes written to `output`. */
  control(handle: Handle, code: number, input: Buffer | null, output: Buffer): number {
    const name = ALLOWED_CONTROL_CODES.get(code);
    if (name === undefined) throw new ForbiddenCallError(`DeviceIoControl code ${hex(code)}`);
    this.#check(handle);
    const { ok, bytesReturned, error } = this.#binding.deviceIoControl(handle, code, input, output);
    if (!ok) throw new Win32Error(name, error);
    return bytesReturned;
  }

  /** GetFinalPathNameByHandleW with VOLUME_NAME_DOS, growing the buffer when told to. */
  finalPath(handle: Handle): string {
    this.#check(handle);
    let chars = 512;
    for (;;) {
      const output = Buffer.alloc(chars * 2);
      const { length, error } = this.#binding.getFinalPathName(handle, output, VOLUME_NAME_DOS);
      if (length === 0) throw new Win32Error('GetFinalPathNameByHandleW', error);
      // On a short buffer the return value is the size needed, including the NUL.
      if (length < chars) return output.toString('utf16le', 0, length * 2);
      chars = length + 1;
    }
  }

  compressedSize(path: string): number {
    const { size, error } = this.#binding.getCompressedFileSize(path);
    if (size === null) throw new Win32Error('GetCompressedFileSizeW', error);
    return size;
  }

  fileSize(handle: Handle): number {
    this.#check(handle);
    const { size, error } = this.#binding.getFileSize(handle);
    if (size === null) throw new Win32Error('GetFileSizeEx', error);
    return size;
  }

  close(handle: Handle): void {
    if (this.#open.delete(handle)) this.#binding.closeHandle(handle);
  }

  /** Handles opened through this object and not closed yet. */
  get openHandles(): number {
    return this.#open.size;
  }

  #check(handle: Handle): void {
    if (!this.#open.has(handle))
      throw new ForbiddenCallError(`use of a handle this module did not open (${String(handle)})`);
  }
}

export const INVALID_HANDLE_VALUE = -1;
export const INVALID_FILE_SIZE = 0xffffffff;

/** Binds kernel32 (or, in tests, a DLL exporting the same functions) through koffi. Windows only. */
export function koffiBinding(dll = 'kernel32.dll'): Kernel32Binding {
  const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
  const k32 = koffi.load(dll);
  const CreateFileW = k32.func(
    'intptr_t __stdcall CreateFileW(str16 path, uint32_t access, uint32_t share, void *security, uint32_t disposition, uint32_t flags, intptr_t template)',
  );
  const OpenFileById = k32.func(
    'intptr_t __stdcall OpenFileById(intptr_t hint, void *descriptor, uint32_t access, uint32_t share, void *security, uint32_t flags)',
  );
  const DeviceIoControl = k32.func(
    'int __stdcall DeviceIoControl(intptr_t handle, uint32_t code, void *input, uint32_t inputLength, void *output, uint32_t outputLength, _Out_ uint32_t *bytesReturned, void *overlapped)',
  );
  const GetFinalPathNameByHandleW = k32.func(
    'uint32_t __stdcall GetFinalPathNameByHandleW(intptr_t handle, void *path, uint32_t chars, uint32_t flags)',
  );
  const GetCompressedFileSizeW = k32.func(
    'uint32_t __stdcall GetCompressedFileSizeW(str16 path, _Out_ uint32_t *high)',
  );
  const GetFileSizeEx = k32.func('int __stdcall GetFileSizeEx(intptr_t handle, _Out_ int64_t *size)');
  const CloseHandle = k32.func('int __stdcall CloseHandle(intptr_t handle)');
  // koffi keeps the thread's last-error value intact across its marshalling
  // (since 2.6.10), so GetLastError right after a call reads that call's error.
  const GetLastError = k32.func('uint32_t __stdcall GetLastError(void)');
  const SetLastError = k32.func('void __stdcall SetLastError(uint32_t code)');

  const handleOf = (h: number | bigint): Handle | null => (Number(h) === INVALID_HANDLE_VALUE ? null : h);
  return {
    createFile(path, access, share, disposition, flags) {
      const handle = handleOf(CreateFileW(path, access, share, null, disposition, flags, 0));
      return { handle, error: handle === null ? GetLastError() : 0 };
    },
    openFileById(volume, descriptor, access, share, flags) {
      const handle = handleOf(OpenFileById(volume, descriptor, access, share, null, flags));
      return { handle, error: handle === null ? GetLastError() : 0 };
    },
    deviceIoControl(handle, code, input, output) {
      const bytes = [0];
      const ok = DeviceIoControl(handle, code, input, input?.length ?? 0, output, output.length, bytes, null) !== 0;
      return { ok, bytesReturned: bytes[0] ?? 0, error: ok ? 0 : GetLastError() };
    },
    getFinalPathName(handle, output, flags) {
      const length = GetFinalPathNameByHandleW(handle, output, output.length / 2, flags) as number;
      return { length, error: length === 0 ? GetLastError() : 0 };
    },
    getCompressedFileSize(path) {
      const high = [0];
      // INVALID_FILE_SIZE is also a valid low word, so clear last-error first.
      SetLastError(0);
      const low = GetCompressedFileSizeW(path, high) as number;
      const error = low === INVALID_FILE_SIZE ? GetLastError() : 0;
      return { size: error === 0 ? (high[0] ?? 0) * 2 ** 32 + low : null, error };
    },
    getFileSize(handle) {
      const size = [0];
      const ok = GetFileSizeEx(handle, size) !== 0;
      return { size: ok ? Number(size[0]) : null, error: ok ? 0 : GetLastError() };
    },
    closeHandle(handle) {
      CloseHandle(handle);
    },
  };
}

export function loadKernel32(dll?: string): Kernel32 {
  return new Kernel32(koffiBinding(dll));
}
