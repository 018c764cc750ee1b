// Volume and path spellings of the win32 backend (runtime-check/backends/win32/paths.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BackendError } from '../../runtime-check/backends/backend.js';
import { fromFinalPath, parseVolume } from '../../runtime-check/backends/win32/paths.js';

describe('win32 paths', () => {
  it('opens every drive spelling as \\\\.\\X: without a trailing backslash', () => {
    for (const spelling of ['c', 'C:', 'c:\\', '\\\\.\\C:', '\\\\?\\c:\\', ' C: ']) {
      assert.deepEqual(parseVolume(spelling), { display: 'C:', device: '\\\\.\\C:' }, spelling);
    }
  });

  it('keeps volume GUID paths, without the trailing backslash', () => {
    const guid = 'Volume{01234567-89ab-cdef-0123-456789abcdef}';
    assert.deepEqual(parseVolume(`\\\\?\\${guid}\\`), { display: `\\\\?\\${guid}`, device: `\\\\?\\${guid}` });
  });

  it('refuses anything else as bad-volume', () => {
    for (const bad of ['', 'CC:', 'C:\\Windows', '/mnt/c', '\\\\server\\share']) {
      assert.throws(
        () => parseVolume(bad),
        (err: unknown) => err instanceof BackendError && err.kind === 'bad-volume',
        bad,
      );
    }
  });

  it('turns GetFinalPathNameByHandleW answers into plain Win32 paths', () => {
    assert.equal(fromFinalPath('\\\\?\\C:\\Windows\\notepad.exe'), 'C:\\Windows\\notepad.exe');
    assert.equal(fromFinalPath('\\\\?\\UNC\\server\\share\\a.txt'), '\\\\server\\share\\a.txt');
    assert.equal(
      fromFinalPath('\\\\?\\Volume{01234567-89ab-cdef-0123-456789abcdef}\\a.txt'),
      '\\\\?\\Volume{01234567-89ab-cdef-0123-456789abcdef}\\a.txt',
    );
  });
});
