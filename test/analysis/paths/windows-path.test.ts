import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseWindowsPath } from '../../../analysis/paths/windows-path.js';
import { assertCostWithin } from '../../setup/bounds.js';

describe('normaliseWindowsPath', () => {
  const drive: [string, string][] = [
    ['C:\\Windows\\win.ini', 'C:\\Windows\\win.ini'],
    ['c:/windows/system32/x.dll', 'C:\\windows\\system32\\x.dll'],
    ['C:\\Windows\\\\System32\\.\\x', 'C:\\Windows\\System32\\x'],
    ['C:\\Users\\..\\Windows\\x', 'C:\\Windows\\x'],
    ['C:\\Windows.\\System32 \\x', 'C:\\Windows\\System32\\x'],
    ['\\\\?\\C:\\Windows\\x', 'C:\\Windows\\x'],
    ['\\??\\C:\\Windows\\x', 'C:\\Windows\\x'],
    ['\\\\.\\C:\\Windows\\x', 'C:\\Windows\\x'],
    ['\\\\?\\UNC\\host\\C$\\Windows\\x', 'C:\\Windows\\x'],
    ['\\\\host\\d$\\Apps\\x', 'D:\\Apps\\x'],
    ['\\\\127.0.0.1\\ADMIN$\\x.ini', 'C:\\Windows\\x.ini'],
    ['\\\\?\\GLOBALROOT\\Device\\HarddiskVolume3\\Windows\\x', 'C:\\Windows\\x'],
    ['\\\\?\\Volume{0c7e1b4a-0000-0000-0000-100000000000}\\Windows\\x', 'C:\\Windows\\x'],
    ['\\Program Files\\Acme', 'C:\\Program Files\\Acme'],
    ['C:PROGRA~1\\Acme', 'C:\\Program Files\\Acme'],
    ['C:\\PROGRA~2\\Acme', 'C:\\Program Files (x86)\\Acme'],
    ['C:\\Documents and Settings\\All Users\\x', 'C:\\ProgramData\\x'],
    ['C:\\Windows\\*\\..\\x', 'C:\\Windows\\*\\x'],
  ];
  for (const [input, expected] of drive) {
    it(`${input} → ${expected}`, () => {
      const result = normaliseWindowsPath(input);
      assert.equal(result.kind, 'drive');
      assert.equal(result.path, expected);
    });
  }

  for (const device of ['\\\\.\\pipe\\acme', '\\\\.\\C:', '\\\\.\\PhysicalDrive0', '\\\\.\\ATKACPI', '//./pipe/x']) {
    it(`${device} is a device`, () => {
      assert.equal(normaliseWindowsPath(device).kind, 'device');
    });
  }

  // A drive letter computed at run time (`${letter}:\\Windows\\…`): the system drive, assumed.
  it('*:\\Windows\\x is C:\\Windows\\x with the drive assumed', () => {
    assert.deepEqual(normaliseWindowsPath('*:\\Windows\\x'), {
      kind: 'drive',
      path: 'C:\\Windows\\x',
      assumedDrive: true,
    });
  });

  for (const other of ['relative\\x', './x', '\\\\server\\share\\Windows\\x', '%SystemRoot%\\x', '*\\Windows']) {
    it(`${other} is not a drive path`, () => {
      assert.equal(normaliseWindowsPath(other).kind, 'other');
    });
  }
});

describe('normaliseWindowsPath: linear in the length of a segment (issue 14 item 6)', () => {
  // `segment.replace(/[ .]+$/u, '')` retried the run of spaces from every start: 80,000 spaces, 7-10 s.
  for (const [name, hostile] of [
    ['spaces then a letter', `C:\\Windows\\${' '.repeat(80_000)}x`],
    ['dots and spaces then a letter', `C:\\Windows\\${'. '.repeat(40_000)}x`],
    ['only spaces', `C:\\Windows\\${' '.repeat(80_000)}`],
  ] as const) {
    it(`a segment of ${name} costs what a plain segment of the same length costs`, { timeout: 30_000 }, () => {
      const plain = `C:\\Windows\\${'a'.repeat(hostile.length - 11)}`;
      assert.equal(normaliseWindowsPath(hostile).kind, 'drive');
      assertCostWithin(
        name,
        () => normaliseWindowsPath(hostile),
        () => normaliseWindowsPath(plain),
        10,
      );
    });
  }

  it('still strips trailing dots and spaces of each component', () => {
    assert.equal(normaliseWindowsPath('C:\\Windows. . \\a  b .\\x').path, 'C:\\Windows\\a  b\\x');
    assert.equal(normaliseWindowsPath('C:\\Windows\\...').path, 'C:\\Windows\\...', 'all dots: kept');
  });
});
