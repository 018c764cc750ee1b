// Reads the PE header of a system DLL through Win32, as Electron apps using
// koffi do, asking for write access "just in case".
import koffi from 'koffi';

const kernel32 = koffi.load('kernel32.dll');
const CreateFileW = kernel32.func('__stdcall', 'CreateFileW', 'void *', ['str16', 'uint32', 'uint32', 'void *', 'uint32', 'uint32', 'void *']);
const ReadFile = kernel32.func('__stdcall', 'ReadFile', 'bool', ['void *', '_Out_ uint8_t *', 'uint32', '_Out_ uint32_t *', 'void *']);
const CloseHandle = kernel32.func('__stdcall', 'CloseHandle', 'bool', ['void *']);

const GENERIC_READ = 0x80000000;
const GENERIC_WRITE = 0x40000000;
const FILE_SHARE_READ = 0x1;
const OPEN_EXISTING = 3;

export function readDosHeader(): Buffer {
  const handle = CreateFileW('C:\\Windows\\System32\\kernel32.dll', GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, null, OPEN_EXISTING, 0, null);
  try {
    const header = Buffer.alloc(64);
    const read = [0];
    ReadFile(handle, header, header.length, read, null);
    return header;
  } finally {
    CloseHandle(handle);
  }
}
