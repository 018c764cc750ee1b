// Drives the whole win32 backend (volumeInfo, sources, files, query) through a
// recording fake kernel32 binding, and asserts every access mask and control
// code that reached the binding: the backend must never be able to change the device.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { BackendError } from '../../runtime-check/backends/backend.js';
import { Win32Backend } from '../../runtime-check/backends/win32/backend.js';
import {
  ForbiddenCallError,
  Kernel32,
  type Handle,
  type Kernel32Binding,
} from '../../runtime-check/backends/win32/kernel32.js';
import {
  FILE_MASK,
  FSCTL_ENUM_EXTERNAL_BACKING,
  FSCTL_ENUM_OVERLAY,
  FSCTL_GET_EXTERNAL_BACKING,
  FSCTL_GET_WOF_VERSION,
  READ_ONLY_CODES,
  VOLUME_MASK,
} from './helpers/win32-sdk.js';

// Every access bit that can grant a write, a delete or a security change.
const WRITE_BITS = [0x2, 0x4, 0x10, 0x100, 0x10000, 0x40000, 0x80000, 0x2000000, 0x10000000, 0x40000000];

type Call =
  | { api: 'CreateFileW'; path: string; access: number; share: number; disposition: number; flags: number }
  | { api: 'OpenFileById'; descriptor: string; access: number; share: number; flags: number }
  | { api: 'DeviceIoControl'; code: number; input: string | null; outLength: number }
  | { api: 'GetFinalPathNameByHandleW' | 'GetFileSizeEx' | 'CloseHandle' }
  | { api: 'GetCompressedFileSizeW'; path: string };

interface FakeFile {
  path: string;
  /** 16-byte id (hex) when it is in the enumeration. */
  id?: string;
  /** Win32 error OpenFileById answers for it (e.g. 5 for a delete-pending file). */
  openError?: number;
  /** FSCTL_GET_EXTERNAL_BACKING answer; absent = not backed (342). */
  backing?: Buffer;
  size: number;
  onDisk: number;
}

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const idHex = (n: number) => n.toString(16).padStart(2, '0') + '00'.repeat(15);
const wimBacking = (dataSourceId: number) =>
  Buffer.concat([hex(`01000000 01000000 01000000 00000000 0${dataSourceId}00000000000000`), Buffer.alloc(24, 0xab)]);
const fileBacking = (algorithm: number) => hex(`01000000 02000000 01000000 0${algorithm}000000 00000000`);

/** `count` overlay entries, each with its own long name, chained. */
function overlay(count: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const name = Buffer.from(`\\??\\D:\\images\\${'x'.repeat(20)}${i}.wim\0`, 'utf16le');
    const entry = Buffer.alloc(48);
    const size = 48 + name.length + (name.length % 8 === 0 ? 0 : 8 - (name.length % 8));
    entry.writeUInt32LE(i === count - 1 ? 0 : size, 0);
    entry.writeBigInt64LE(BigInt(i + 1), 8);
    entry.writeUInt32LE(0x11111111 * ((i % 15) + 1), 16);
    entry.writeUInt32LE(48, 32);
    entry.writeUInt32LE(1, 36);
    entry.writeUInt32LE(i + 1, 40);
    entry.writeUInt32LE(i === 1 ? 1 : 0, 44);
    parts.push(entry, name, Buffer.alloc(size - 48 - name.length));
  }
  return Buffer.concat(parts);
}

/** A fake C: with WOF attached; records every call that reaches it. */
class FakeKernel32 implements Kernel32Binding {
  readonly calls: Call[] = [];
  readonly files: FakeFile[] = [];
  overlay = overlay(2);
  /** Ids ENUM_EXTERNAL_BACKING returns, in order (some may not resolve). */
  enumIds: string[] = [];
  versions = new Map<number, number>([
    [1, 0x01010000 + 19041],
    [2, 0x01000000 + 2],
  ]);
  /** Error a control code answers with, instead of its normal result. */
  failCode = new Map<number, number>();
  volumeOpenError = 0;
  readonly live = new Map<number, { kind: 'volume'; cursor: number } | { kind: 'file'; file: FakeFile }>();
  #next = 100;

  #open(entry: { kind: 'volume'; cursor: number } | { kind: 'file'; file: FakeFile }): number {
    const h = (this.#next += 4);
    this.live.set(h, entry);
    return h;
  }
  #file(handle: Handle): FakeFile {
    const entry = this.live.get(Number(handle));
    assert.ok(entry?.kind === 'file', `handle ${handle} is an open file`);
    return entry.file;
  }

  createFile(path: string, access: number, share: number, disposition: number, flags: number) {
    this.calls.push({ api: 'CreateFileW', path, access, share, disposition, flags });
    if (path === '\\\\.\\C:') {
      if (this.volumeOpenError) return { handle: null, error: this.volumeOpenError };
      return { handle: this.#open({ kind: 'volume', cursor: 0 }), error: 0 };
    }
    if (/^\\\\\.\\/.test(path)) return { handle: null, error: 2 };
    const file = this.files.find((f) => f.path.toLowerCase() === path.toLowerCase());
    if (!file) return { handle: null, error: 2 };
    return { handle: this.#open({ kind: 'file', file }), error: 0 };
  }

  openFileById(volume: Handle, descriptor: Buffer, access: number, share: number, flags: number) {
    this.calls.push({ api: 'OpenFileById', descriptor: descriptor.toString('hex'), access, share, flags });
    assert.equal(this.live.get(Number(volume))?.kind, 'volume', 'OpenFileById gets the volume handle as hint');
    assert.equal(descriptor.readUInt32LE(0), 24);
    assert.equal(descriptor.readUInt32LE(4), 2, 'ExtendedFileIdType');
    const id = descriptor.subarray(8, 24).toString('hex');
    const file = this.files.find((f) => f.id === id);
    if (!file) return { handle: null, error: 2 };
    if (file.openError) return { handle: null, error: file.openError };
    return { handle: this.#open({ kind: 'file', file }), error: 0 };
  }

  deviceIoControl(handle: Handle, code: number, input: Buffer | null, output: Buffer) {
    this.calls.push({ api: 'DeviceIoControl', code, input: input?.toString('hex') ?? null, outLength: output.length });
    const entry = this.live.get(Number(handle));
    assert.ok(entry, 'control code sent on an open handle');
    const fail = this.failCode.get(code);
    if (fail) return { ok: false, bytesReturned: 0, error: fail };
    const answer = (data: Buffer) => {
      if (output.length < data.length) return { ok: false, bytesReturned: 0, error: 122 };
      data.copy(output);
      return { ok: true, bytesReturned: data.length, error: 0 };
    };
    switch (code) {
      case FSCTL_ENUM_OVERLAY:
        assert.equal(entry.kind, 'volume');
        assert.equal(input?.toString('hex'), '0100000001000000');
        return answer(this.overlay);
      case FSCTL_GET_WOF_VERSION: {
        assert.equal(input?.readUInt32LE(0), 1);
        const version = this.versions.get(input!.readUInt32LE(4));
        if (version === undefined) return { ok: false, bytesReturned: 0, error: 1 };
        const out = Buffer.alloc(4);
        out.writeUInt32LE(version >>> 0);
        return answer(out);
      }
      case FSCTL_ENUM_EXTERNAL_BACKING: {
        assert.ok(entry.kind === 'volume');
        const id = this.enumIds[entry.cursor++];
        if (id === undefined) return { ok: false, bytesReturned: 0, error: 18 };
        return answer(Buffer.from(id, 'hex'));
      }
      case FSCTL_GET_EXTERNAL_BACKING: {
        const file = this.#file(handle);
        if (!file.backing) return { ok: false, bytesReturned: 0, error: 342 };
        return answer(file.backing);
      }
      default:
        return { ok: false, bytesReturned: 0, error: 1 };
    }
  }

  getFinalPathName(handle: Handle, output: Buffer, flags: number) {
    this.calls.push({ api: 'GetFinalPathNameByHandleW' });
    assert.equal(flags, 0);
    const name = `\\\\?\\${this.#file(handle).path}`;
    if (output.length / 2 <= name.length) return { length: name.length + 1, error: 0 };
    output.write(`${name}\0`, 'utf16le');
    return { length: name.length, error: 0 };
  }

  getCompressedFileSize(path: string) {
    this.calls.push({ api: 'GetCompressedFileSizeW', path });
    const file = this.files.find((f) => f.path.toLowerCase() === path.toLowerCase());
    return file ? { size: file.onDisk, error: 0 } : { size: null, error: 2 };
  }

  getFileSize(handle: Handle) {
    this.calls.push({ api: 'GetFileSizeEx' });
    return { size: this.#file(handle).size, error: 0 };
  }

  closeHandle(handle: Handle) {
    this.calls.push({ api: 'CloseHandle' });
    assert.ok(this.live.delete(Number(handle)), `closing open handle ${handle}`);
  }
}

function device(): FakeKernel32 {
  const fake = new FakeKernel32();
  const long = `C:\\Program Files\\${'deep\\'.repeat(120)}tool.exe`; // longer than the first path buffer
  fake.files.push(
    { path: 'C:\\Windows\\notepad.exe', id: idHex(1), backing: wimBacking(1), size: 201_216, onDisk: 0 },
    {
      path: 'C:\\Windows\\System32\\kernel32.dll',
      id: idHex(2),
      backing: fileBacking(0),
      size: 800_000,
      onDisk: 409_600,
    },
    { path: long, id: idHex(3), backing: fileBacking(1), size: 5_000_000_000, onDisk: 1_000_000 },
    // Enumerated, but rehydrated before it could be queried.
    { path: 'C:\\Users\\me\\rehydrated.txt', id: idHex(4), size: 10, onDisk: 10 },
    // Enumerated, but delete-pending by the time it is opened.
    { path: 'C:\\Temp\\deleting.tmp', id: idHex(6), backing: fileBacking(0), size: 10, onDisk: 4, openError: 5 },
    { path: 'C:\\plain.txt', size: 5, onDisk: 8 },
  );
  // Id 5 was deleted between the enumeration and the open.
  fake.enumIds = [idHex(1), idHex(5), idHex(2), idHex(6), idHex(4), idHex(3)];
  return fake;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function assertReadOnly(fake: FakeKernel32): void {
  assert.ok(fake.calls.length > 0);
  for (const call of fake.calls) {
    if (call.api === 'CreateFileW') {
      assert.equal(call.disposition, 3, 'OPEN_EXISTING only');
      assert.equal(call.share, 7);
      if (call.path === '\\\\.\\C:') {
        assert.equal(call.access, VOLUME_MASK, 'volume opened GENERIC_READ|SYNCHRONIZE');
        assert.equal(call.flags, 0);
      } else {
        assert.equal(call.access, FILE_MASK, `${call.path} opened FILE_READ_ATTRIBUTES|SYNCHRONIZE`);
        assert.equal(call.flags, 0x02000000 | 0x00200000, 'BACKUP_SEMANTICS|OPEN_REPARSE_POINT');
      }
    }
    if (call.api === 'OpenFileById') {
      assert.equal(call.access, FILE_MASK);
      assert.equal(call.flags, 0x02000000 | 0x00200000);
    }
    if (call.api === 'CreateFileW' || call.api === 'OpenFileById') {
      for (const bit of WRITE_BITS) assert.equal(call.access & bit, 0, `no access bit ${bit.toString(16)}`);
    }
    if (call.api === 'DeviceIoControl')
      assert.ok(READ_ONLY_CODES.includes(call.code), `code 0x${call.code.toString(16)}`);
  }
  assert.equal(fake.live.size, 0, 'every handle closed');
}

describe('win32 backend through a recording kernel32', () => {
  it('answers volumeInfo, sources, files and query with read-only calls only', async () => {
    const fake = device();
    fake.overlay = overlay(120); // > 4096 bytes: the buffer has to grow
    const k32 = new Kernel32(fake);
    const backend = new Win32Backend(k32);

    assert.deepEqual(await backend.volumeInfo('c:'), {
      volume: 'C:',
      wimProviderAttached: true,
      fileProviderAttached: true,
      wimProviderVersion: '1.1.19041',
      fileProviderVersion: '1.0.2',
    });

    const sources = await backend.sources('C:\\');
    assert.equal(sources.length, 120);
    assert.deepEqual(sources[0], {
      dataSourceId: 1,
      provider: 'wim',
      wimPath: `\\??\\D:\\images\\${'x'.repeat(20)}0.wim`,
      wimGuid: '{11111111-0000-0000-0000-000000000000}',
      wimIndex: 1,
      wimType: 1,
      state: 'active',
    });
    assert.equal(sources[1]!.state, 'not-active');
    const overlaySizes = fake.calls.flatMap((c) =>
      c.api === 'DeviceIoControl' && c.code === FSCTL_ENUM_OVERLAY ? [c.outLength] : [],
    );
    assert.deepEqual(overlaySizes, [4096, 8192, 16384], 'grows on ERROR_INSUFFICIENT_BUFFER');

    const progress: number[] = [];
    const files = await collect(backend.files('C:', (n) => progress.push(n)));
    assert.deepEqual(files, [
      { path: 'C:\\Windows\\notepad.exe', provider: 'wim', dataSourceId: 1, size: 201_216, sizeOnDisk: 0 },
      {
        path: 'C:\\Windows\\System32\\kernel32.dll',
        provider: 'file',
        algorithm: 'XPRESS4K',
        size: 800_000,
        sizeOnDisk: 409_600,
      },
      { path: fake.files[2]!.path, provider: 'file', algorithm: 'LZX', size: 5_000_000_000, sizeOnDisk: 1_000_000 },
    ]);
    assert.deepEqual(progress, [1, 2, 3]);
    const enumCalls = fake.calls.filter((c) => c.api === 'DeviceIoControl' && c.code === FSCTL_ENUM_EXTERNAL_BACKING);
    assert.equal(enumCalls.length, 7, 'six ids, then ERROR_NO_MORE_FILES');

    assert.deepEqual(await backend.query('C:\\WINDOWS\\notepad.exe'), {
      path: 'C:\\WINDOWS\\notepad.exe',
      status: 'backed',
      file: { path: 'C:\\WINDOWS\\notepad.exe', provider: 'wim', dataSourceId: 1, size: 201_216, sizeOnDisk: 0 },
    });
    assert.deepEqual(await backend.query('C:\\plain.txt'), { path: 'C:\\plain.txt', status: 'not-backed' });
    assert.deepEqual(await backend.query('C:\\missing.txt'), { path: 'C:\\missing.txt', status: 'missing' });
    await backend.close();

    assertReadOnly(fake);
    const codes = new Set(fake.calls.flatMap((c) => (c.api === 'DeviceIoControl' ? [c.code] : [])));
    assert.deepEqual([...codes].sort(), [...READ_ONLY_CODES].sort());
    assert.equal(k32.openHandles, 0);
  });

  it('restarts the enumeration on a fresh volume handle each time', async () => {
    const fake = device();
    const backend = new Win32Backend(new Kernel32(fake));
    const first = await collect(backend.files('C:'));
    const second = await collect(backend.files('C:'));
    assert.equal(first.length, 3);
    assert.deepEqual(second, first);
    assertReadOnly(fake);
  });

  it('ends the enumeration on a success that returns no id instead of looping', async () => {
    const fake = device();
    const real = fake.deviceIoControl.bind(fake);
    let enumCalls = 0;
    fake.deviceIoControl = (handle, code, input, output) => {
      if (code === FSCTL_ENUM_EXTERNAL_BACKING && ++enumCalls === 2) {
        fake.calls.push({ api: 'DeviceIoControl', code, input: null, outLength: output.length });
        return { ok: true, bytesReturned: 0, error: 0 };
      }
      return real(handle, code, input, output);
    };
    const files = await collect(new Win32Backend(new Kernel32(fake)).files('C:'));
    assert.deepEqual(
      files.map((f) => f.path),
      ['C:\\Windows\\notepad.exe'],
    );
    assert.equal(enumCalls, 2);
    assertReadOnly(fake);
  });

  it('lists files backed by an unknown provider, algorithm or version instead of failing the run', async () => {
    const fake = device();
    // WOF_PROVIDER_CLOUD with 300 bytes of provider data: more than the first buffer holds.
    const cloud = Buffer.concat([hex('01000000 03000000'), Buffer.alloc(300, 0xcd)]);
    const newWof = hex('02000000 01000000 01000000 00000000');
    const newWim = Buffer.concat([hex('01000000 01000000 05000000 00000000'), Buffer.alloc(32)]);
    fake.files.push(
      { path: 'C:\\Users\\me\\cloud.docx', id: idHex(7), backing: cloud, size: 70, onDisk: 0 },
      { path: 'C:\\Windows\\future.dll', id: idHex(8), backing: fileBacking(4), size: 90, onDisk: 12 },
      { path: 'C:\\Windows\\wof2.dll', id: idHex(9), backing: newWof, size: 3, onDisk: 3 },
      { path: 'C:\\Windows\\wim5.dll', id: idHex(10), backing: newWim, size: 4, onDisk: 0 },
    );
    fake.enumIds = [idHex(7), idHex(1), idHex(8), idHex(9), idHex(10)];
    const backend = new Win32Backend(new Kernel32(fake));
    const files = await collect(backend.files('C:'));
    assert.deepEqual(files, [
      { path: 'C:\\Users\\me\\cloud.docx', provider: 'unknown', providerId: 3, size: 70, sizeOnDisk: 0 },
      { path: 'C:\\Windows\\notepad.exe', provider: 'wim', dataSourceId: 1, size: 201_216, sizeOnDisk: 0 },
      { path: 'C:\\Windows\\future.dll', provider: 'file', algorithm: 'unknown-4', size: 90, sizeOnDisk: 12 },
      { path: 'C:\\Windows\\wof2.dll', provider: 'unknown', providerId: 1, wofVersion: 2, size: 3, sizeOnDisk: 3 },
      { path: 'C:\\Windows\\wim5.dll', provider: 'wim', providerVersion: 5, size: 4, sizeOnDisk: 0 },
    ]);
    assert.deepEqual(await backend.query('C:\\Users\\me\\cloud.docx'), {
      path: 'C:\\Users\\me\\cloud.docx',
      status: 'backed',
      file: files[0],
    });
    const backingSizes = fake.calls.flatMap((c) =>
      c.api === 'DeviceIoControl' && c.code === FSCTL_GET_EXTERNAL_BACKING ? [c.outLength] : [],
    );
    assert.ok(backingSizes.includes(512), `the buffer grows for the 308-byte answer: ${backingSizes.join(' ')}`);
    assertReadOnly(fake);
  });

  it('stops early without leaking the volume handle', async () => {
    const fake = device();
    const backend = new Win32Backend(new Kernel32(fake));
    for await (const file of backend.files('C:')) {
      assert.equal(file.provider, 'wim');
      break;
    }
    assertReadOnly(fake);
  });
});

describe('win32 backend errors', () => {
  const run = async (setup: (fake: FakeKernel32) => void, call: (b: Win32Backend) => Promise<unknown>) => {
    const fake = device();
    setup(fake);
    const error = await call(new Win32Backend(new Kernel32(fake))).then(
      () => assert.fail('expected a BackendError'),
      (err: unknown) => err,
    );
    assert.ok(error instanceof BackendError, String(error));
    assert.equal(fake.live.size, 0, 'handles closed on error');
    return error;
  };

  it('access denied (5) becomes not-elevated, "run from an elevated prompt"', async () => {
    const e1 = await run(
      (f) => f.failCode.set(FSCTL_ENUM_EXTERNAL_BACKING, 5),
      (b) => collect(b.files('C:')),
    );
    assert.equal(e1.kind, 'not-elevated');
    assert.match(e1.message, /run from an elevated prompt/);
    const e2 = await run(
      (f) => (f.volumeOpenError = 5),
      (b) => b.sources('C:'),
    );
    assert.equal(e2.kind, 'not-elevated');
    const e3 = await run(
      (f) => f.failCode.set(FSCTL_ENUM_OVERLAY, 5),
      (b) => b.sources('C:'),
    );
    assert.equal(e3.kind, 'not-elevated');
  });

  it('errors 1 and 50 become no-wof, "no WOF on this volume"', async () => {
    for (const code of [1, 50]) {
      const e1 = await run(
        (f) => {
          f.versions.clear(); // neither provider attached, as under Wine
          f.failCode.set(FSCTL_ENUM_OVERLAY, code);
        },
        (b) => b.sources('C:'),
      );
      assert.equal(e1.kind, 'no-wof');
      assert.match(
        e1.message,
        new RegExp(`^no WOF on this volume \\(C:; FSCTL_ENUM_OVERLAY answered Win32 error ${code}`),
      );
      const e2 = await run(
        (f) => f.failCode.set(FSCTL_ENUM_EXTERNAL_BACKING, code),
        (b) => collect(b.files('C:')),
      );
      assert.equal(e2.kind, 'no-wof');
      const e3 = await run(
        (f) => f.failCode.set(FSCTL_GET_EXTERNAL_BACKING, code),
        (b) => b.query('C:\\plain.txt'),
      );
      assert.equal(e3.kind, 'no-wof');
    }
  });

  it('a volume that does not open is bad-volume; other codes are io with the code', async () => {
    const e1 = await run(
      () => {},
      (b) => b.sources('Q:'),
    );
    assert.equal(e1.kind, 'bad-volume');
    assert.match(e1.message, /Win32 error 2, ERROR_FILE_NOT_FOUND/);
    const e2 = await run(
      () => {},
      (b) => b.sources('not a volume'),
    );
    assert.equal(e2.kind, 'bad-volume');
    const e3 = await run(
      (f) => f.failCode.set(FSCTL_ENUM_EXTERNAL_BACKING, 1359),
      (b) => collect(b.files('C:')),
    );
    assert.equal(e3.kind, 'io');
    assert.match(e3.message, /Win32 error 1359, ERROR_INTERNAL_ERROR/);
  });

  it('no WIM provider but a file provider: no data sources rather than "no WOF"', async () => {
    const fake = device();
    fake.versions.delete(1);
    fake.failCode.set(FSCTL_ENUM_OVERLAY, 1);
    assert.deepEqual(await new Win32Backend(new Kernel32(fake)).sources('C:'), []);
    assertReadOnly(fake);
    const e = await run(
      (f) => {
        f.versions.clear();
        f.failCode.set(FSCTL_ENUM_OVERLAY, 1);
      },
      (b) => b.sources('C:'),
    );
    assert.equal(e.kind, 'no-wof');
  });

  it('a provider that does not answer FSCTL_GET_WOF_VERSION is reported as not attached', async () => {
    const fake = device();
    fake.versions.delete(1);
    const info = await new Win32Backend(new Kernel32(fake)).volumeInfo('C:');
    assert.deepEqual(info, {
      volume: 'C:',
      wimProviderAttached: false,
      fileProviderAttached: true,
      fileProviderVersion: '1.0.2',
    });
    assertReadOnly(fake);
  });
});

describe('win32 kernel32 allow-list', () => {
  const forbidden: [string, (k: Kernel32, volume: Handle) => unknown][] = [
    ['GENERIC_WRITE on a file', (k) => k.open('C:\\x', 0x40000000 | 0x100000, 0x02200000)],
    ['FILE_WRITE_DATA', (k) => k.open('C:\\x', 0x80 | 0x2 | 0x100000, 0x02200000)],
    ['FILE_WRITE_ATTRIBUTES', (k) => k.open('C:\\x', 0x80 | 0x100 | 0x100000, 0x02200000)],
    ['MAXIMUM_ALLOWED', (k) => k.open('C:\\x', 0x02000000, 0x02200000)],
    ['DELETE', (k) => k.open('C:\\x', 0x10000 | 0x100080, 0x02200000)],
    ['GENERIC_READ on a file', (k) => k.open('C:\\x', 0x80100000, 0x02200000)],
    ['FILE_FLAG_DELETE_ON_CLOSE', (k) => k.open('C:\\x', 0x100080, 0x02200000 | 0x04000000)],
    ['a volume with a trailing backslash', (k) => k.open('\\\\.\\C:\\', 0x80100000, 0)],
    ['GENERIC_WRITE on a volume', (k) => k.open('\\\\.\\C:', 0xc0100000, 0)],
    ['OpenFileById for write', (k, v) => k.openById(v, Buffer.alloc(24), 0x100080 | 0x2, 0x02200000)],
    ['FSCTL_SET_EXTERNAL_BACKING', (k, v) => k.control(v, 0x9030c, null, Buffer.alloc(8))],
    ['FSCTL_DELETE_EXTERNAL_BACKING', (k, v) => k.control(v, 0x90314, null, Buffer.alloc(8))],
    ['FSCTL_ADD_OVERLAY', (k, v) => k.control(v, 0x98330, null, Buffer.alloc(8))],
    ['FSCTL_REMOVE_OVERLAY', (k, v) => k.control(v, 0x98334, null, Buffer.alloc(8))],
    ['FSCTL_UPDATE_OVERLAY', (k, v) => k.control(v, 0x98338, null, Buffer.alloc(8))],
    ['FSCTL_SUSPEND_OVERLAY', (k, v) => k.control(v, 0x90384, null, Buffer.alloc(8))],
    ['FSCTL_SET_REPARSE_POINT', (k, v) => k.control(v, 0x900a4, null, Buffer.alloc(8))],
    ['FSCTL_SET_SPARSE', (k, v) => k.control(v, 0x900c4, null, Buffer.alloc(8))],
    ['a handle it did not open', (k) => k.control(12345, FSCTL_GET_WOF_VERSION, null, Buffer.alloc(8))],
  ];
  for (const [what, call] of forbidden) {
    it(`refuses ${what} before kernel32 is called`, () => {
      const fake = device();
      const k32 = new Kernel32(fake);
      const volume = k32.open('\\\\.\\C:', VOLUME_MASK, 0);
      const before = fake.calls.length;
      assert.throws(() => call(k32, volume), ForbiddenCallError);
      assert.equal(fake.calls.length, before, 'nothing reached the binding');
      k32.close(volume);
    });
  }
});

describe('win32 backend loading', () => {
  it('only kernel32.ts loads kernel32, and nothing else in the win32 backend loads koffi', () => {
    const root = fileURLToPath(new URL('../../../runtime-check/', import.meta.url));
    const offenders: string[] = [];
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const file = join(entry.parentPath, entry.name);
      const text = readFileSync(file, 'utf8');
      const win32 = relative(root, file).startsWith(join('backends', 'win32'));
      const kernel32 = /kernel32\.dll|__stdcall/.test(text);
      const koffi = /['"]koffi['"]|koffi\.load|\.func\(/.test(text);
      if (kernel32 || (win32 && koffi)) offenders.push(relative(root, file));
    }
    assert.deepEqual(offenders, [join('backends', 'win32', 'kernel32.ts')]);
  });

  it('importing the entry point does not load koffi', async () => {
    const index = await import('../../runtime-check/backends/win32/index.js');
    assert.equal(typeof index.createWin32Backend, 'function');
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /[\\/]koffi[\\/]/.test(k));
    assert.deepEqual(loaded, []);
    if (process.platform !== 'win32') {
      await assert.rejects(
        index.createWin32Backend(),
        (err: unknown) => err instanceof BackendError && err.kind === 'no-backend',
      );
    }
  });
});
