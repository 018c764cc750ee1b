/**
 * Win32 and CRT functions that open or replace a file by path, with the
 * arguments that matter (docs/reference/fs-surface.md §4.1), and the functions that take a
 * handle, for the handle-usage analysis. The by-path table is shared with the
 * runtime tracer (formats/write-apis.ts).
 */

import { type DllFamily, type Win32Api, WIN32_APIS } from '../../formats/write-apis.js';

export type { DestinationGuard, DllFamily, Win32Access, Win32Api } from '../../formats/write-apis.js';

const BY_NAME: ReadonlyMap<string, Win32Api> = new Map(WIN32_APIS.map((api) => [api.name, api]));

export function lookupWin32Api(symbol: string): Win32Api | undefined {
  return BY_NAME.get(symbol);
}

/** Every name above plus the handle-taking functions: the rule's cheap member-name filter. */
export function isWin32ApiName(name: string): boolean {
  return BY_NAME.has(name) || HANDLE_APIS.has(name);
}

/** True when `dll` (lower-case base name without `.dll`) exports functions of `family`. */
export function dllExports(dll: string, family: DllFamily): boolean {
  switch (family) {
    case 'kernel32':
      return dll === 'kernel32' || dll === 'kernelbase' || dll.startsWith('api-ms-win-core-file-');
    case 'ntdll':
      return dll === 'ntdll';
    case 'crt':
      return (
        dll === 'msvcrt' ||
        dll === 'ucrtbase' ||
        dll === 'ucrtbased' ||
        /^msvcr\d+d?$/u.test(dll) ||
        dll.startsWith('api-ms-win-crt-')
      );
  }
}

/** What a function does with a handle or stream it is given. */
export type HandleEffect =
  /** Writes through it, or needs write access on it (FlushFileBuffers, SetFileTime...). */
  | 'write'
  | 'read'
  | 'close'
  /** DeviceIoControl-style: decided by a control code argument. */
  | { readonly controlCodeArg: number }
  /** CreateFileMapping: decided by the page protection argument. */
  | { readonly protectionArg: number };

export interface HandleApi {
  readonly family: DllFamily;
  readonly handleArg: number;
  readonly effect: HandleEffect;
}

const handle = (family: DllFamily, handleArg: number, effect: HandleEffect): HandleApi => ({
  family,
  handleArg,
  effect,
});

export const HANDLE_APIS: ReadonlyMap<string, HandleApi> = new Map<string, HandleApi>([
  ...[
    'WriteFile',
    'WriteFileEx',
    'WriteFileGather',
    'SetEndOfFile',
    'SetFileValidData',
    'FlushFileBuffers',
    'SetFileInformationByHandle',
    'SetFileTime',
    'SetFileShortNameW',
    'ReOpenFile',
  ].map((name) => [name, handle('kernel32', 0, 'write')] as const),
  ...[
    'ReadFile',
    'ReadFileEx',
    'ReadFileScatter',
    'GetFileSize',
    'GetFileSizeEx',
    'GetFileType',
    'GetFileTime',
    'GetFileInformationByHandle',
    'GetFileInformationByHandleEx',
    'GetFinalPathNameByHandleW',
    'GetFinalPathNameByHandleA',
    'SetFilePointer',
    'SetFilePointerEx',
    'LockFile',
    'LockFileEx',
    'UnlockFile',
    'UnlockFileEx',
    'GetOverlappedResult',
    'GetOverlappedResultEx',
    'CancelIo',
    'CancelIoEx',
    'WaitForSingleObject',
    'WaitForSingleObjectEx',
    'GetVolumeInformationByHandleW',
  ].map((name) => [name, handle('kernel32', 0, 'read')] as const),
  ['CloseHandle', handle('kernel32', 0, 'close')],
  ['DeviceIoControl', handle('kernel32', 0, { controlCodeArg: 1 })],
  ['CreateFileMappingW', handle('kernel32', 0, { protectionArg: 2 })],
  ['CreateFileMappingA', handle('kernel32', 0, { protectionArg: 2 })],
  ...['NtWriteFile', 'NtSetInformationFile', 'ZwWriteFile', 'ZwSetInformationFile'].map(
    (name) => [name, handle('ntdll', 0, 'write')] as const,
  ),
  ...[
    'NtReadFile',
    'NtQueryInformationFile',
    'NtQueryVolumeInformationFile',
    'ZwReadFile',
    'ZwQueryInformationFile',
  ].map((name) => [name, handle('ntdll', 0, 'read')] as const),
  ['NtFsControlFile', handle('ntdll', 0, { controlCodeArg: 5 })],
  ['NtDeviceIoControlFile', handle('ntdll', 0, { controlCodeArg: 5 })],
  ['NtClose', handle('ntdll', 0, 'close')],
  ['ZwClose', handle('ntdll', 0, 'close')],
  // CRT streams (FILE*) and descriptors.
  ...[
    ['fwrite', 3],
    ['fputs', 1],
    ['fputws', 1],
    ['fputc', 1],
    ['fputwc', 1],
    ['putc', 1],
    ['putwc', 1],
    ['fprintf', 0],
    ['fwprintf', 0],
    ['vfprintf', 0],
    ['_write', 0],
    ['_chsize', 0],
    ['_chsize_s', 0],
    ['_commit', 0],
  ].map(([name, index]) => [name as string, handle('crt', index as number, 'write')] as const),
  ...[
    ['fread', 3],
    ['fgets', 2],
    ['fgetws', 2],
    ['fgetc', 0],
    ['fgetwc', 0],
    ['getc', 0],
    ['fseek', 0],
    ['_fseeki64', 0],
    ['ftell', 0],
    ['_ftelli64', 0],
    ['rewind', 0],
    ['feof', 0],
    ['ferror', 0],
    ['clearerr', 0],
    ['fflush', 0],
    ['fscanf', 0],
    ['fwscanf', 0],
    ['_fileno', 0],
    ['_read', 0],
    ['_lseek', 0],
    ['_lseeki64', 0],
    ['_tell', 0],
    ['_telli64', 0],
    ['_eof', 0],
    ['_filelength', 0],
    ['_filelengthi64', 0],
    ['_fstat', 0],
    ['_fstat64', 0],
    ['_fstati64', 0],
  ].map(([name, index]) => [name as string, handle('crt', index as number, 'read')] as const),
  ['fclose', handle('crt', 0, 'close')],
  ['_close', handle('crt', 0, 'close')],
]);

/**
 * Control codes known not to modify anything (queries): everything else,
 * and any code that cannot be resolved, counts as a write.
 */
export const READ_ONLY_CONTROL_CODES: ReadonlySet<number> = new Set([
  0x0007_0000, // IOCTL_DISK_GET_DRIVE_GEOMETRY
  0x0007_00a0, // IOCTL_DISK_GET_DRIVE_GEOMETRY_EX
  0x0007_405c, // IOCTL_DISK_GET_LENGTH_INFO
  0x0007_0048, // IOCTL_DISK_GET_PARTITION_INFO_EX
  0x0007_0050, // IOCTL_DISK_GET_DRIVE_LAYOUT_EX
  0x002d_1080, // IOCTL_STORAGE_GET_DEVICE_NUMBER
  0x002d_1400, // IOCTL_STORAGE_QUERY_PROPERTY
  0x0056_0000, // IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS
  0x0009_003c, // FSCTL_GET_COMPRESSION
  0x0009_0064, // FSCTL_GET_NTFS_VOLUME_DATA
  0x0009_0068, // FSCTL_GET_NTFS_FILE_RECORD
  0x0009_006f, // FSCTL_GET_VOLUME_BITMAP
  0x0009_0073, // FSCTL_GET_RETRIEVAL_POINTERS
  0x0009_009c, // FSCTL_GET_OBJECT_ID
  0x0009_00a8, // FSCTL_GET_REPARSE_POINT
  0x0009_00eb, // FSCTL_READ_FILE_USN_DATA
  0x0009_00f4, // FSCTL_QUERY_USN_JOURNAL
  0x0009_00b3, // FSCTL_ENUM_USN_DATA
  0x0009_00bb, // FSCTL_READ_USN_JOURNAL
  0x0009_40cf, // FSCTL_QUERY_ALLOCATED_RANGES
  0x0009_0310, // FSCTL_GET_EXTERNAL_BACKING
  0x0009_0028, // FSCTL_IS_VOLUME_MOUNTED
  0x0009_0078, // FSCTL_IS_VOLUME_DIRTY
]);

/** PAGE_READONLY, PAGE_WRITECOPY (copy-on-write needs no write access), PAGE_EXECUTE_READ, PAGE_EXECUTE_WRITECOPY. */
export const READ_ONLY_PAGE_PROTECTIONS: ReadonlySet<number> = new Set([0x02, 0x08, 0x20, 0x80]);
