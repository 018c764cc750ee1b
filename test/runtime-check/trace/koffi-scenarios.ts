// The koffi scenarios both koffi tests run (Linux, and the Windows node.exe under Wine), and what each records.

/** The body shared by the CommonJS and ESM scenarios; `koffi` and `library` are set by each. */
export const CALLS = `const CreateFileW = lib.func('void *__stdcall CreateFileW(str16 path, uint32 access, uint32 share, void *sa, uint32 disposition, uint32 flags, void *tmpl)');
const CloseHandle = lib.func('CloseHandle', 'int', ['void *']);
const CopyFileW = lib.func('__stdcall', 'CopyFileW', 'int', ['str16', 'str16', 'int']);
const UNICODE_STRING = koffi.struct('UNICODE_STRING', { Length: 'uint16', MaximumLength: 'uint16', Buffer: 'str16' });
const OBJECT_ATTRIBUTES = koffi.struct('OBJECT_ATTRIBUTES', { Length: 'uint32', RootDirectory: 'void *', ObjectName: koffi.pointer(UNICODE_STRING), Attributes: 'uint32', SecurityDescriptor: 'void *', SecurityQualityOfService: 'void *' });
const NtCreateFile = lib.func('int NtCreateFile(_Out_ void **handle, uint32 access, OBJECT_ATTRIBUTES *attributes, void *status, void *size, uint32 fileAttributes, uint32 share, uint32 disposition, uint32 options, void *ea, uint32 eaLength)');
CloseHandle(CreateFileW('C:\\\\Windows\\\\win.ini', 0xC0000000, 1, null, 3, 0, null)); // W:create
CloseHandle(CreateFileW('C:\\\\Windows\\\\notepad.exe', 0x80000000, 1, null, 3, 0, null));
CopyFileW('C:\\\\Users\\\\me\\\\hosts', 'C:\\\\Windows\\\\System32\\\\drivers\\\\etc\\\\hosts', 0); // W:copy
CopyFileW('C:\\\\Users\\\\me\\\\a.ini', 'C:\\\\Windows\\\\kept.ini', 1);
const name = '\\\\??\\\\C:\\\\Windows\\\\System32\\\\config.ini';
const objectName = { Length: name.length * 2, MaximumLength: name.length * 2, Buffer: name };
const attributes = { Length: 48, RootDirectory: null, ObjectName: objectName, Attributes: 0x40, SecurityDescriptor: null, SecurityQualityOfService: null };
NtCreateFile([null], 0x40000000, attributes, null, null, 0, 0, 5, 0, null, 0); // W:nt
CreateFileW.async('C:\\\\Windows\\\\async.ini', 0x40000000, 0, null, 2, 0, null, (error, handle) => CloseHandle(handle)); // W:async
`;

export const CJS = `const koffi = require(process.argv[3]);
const lib = koffi.load(process.argv[2]);
${CALLS}`;
export const ESM = `const { default: koffi } = await import(process.argv[3]);
const lib = koffi.load(process.argv[2]);
${CALLS}`;

export const EXPECTED: Array<[string, string, string, number | undefined, number | undefined, string]> = [
  [
    'create',
    'C:\\Windows\\win.ini',
    'CreateFileW(',
    0xc000_0000,
    3,
    'GENERIC_READ | GENERIC_WRITE (0xC0000000), OPEN_EXISTING',
  ],
  ['copy', 'C:\\Windows\\System32\\drivers\\etc\\hosts', 'CopyFileW(', undefined, undefined, 'replace'],
  [
    'nt',
    'C:\\Windows\\System32\\config.ini',
    'NtCreateFile(',
    0x4000_0000,
    5,
    'GENERIC_WRITE (0x40000000), FILE_OVERWRITE_IF',
  ],
  ['async', 'C:\\Windows\\async.ini', 'async(', 0x4000_0000, 2, 'GENERIC_WRITE (0x40000000), CREATE_ALWAYS'],
];
