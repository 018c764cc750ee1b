import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryBackend, globToRegExp } from '../../runtime-check/backends/memory.js';
import { PathIndex, PrefixFilter, literalPrefix, pathKey } from '../../runtime-check/path-index.js';

const PATHS = [
  'C:\\Windows\\win.ini',
  'C:\\Windows\\System32\\notepad.exe',
  'C:\\Windows\\System32\\drivers\\etc\\hosts',
  'C:\\Windows\\SysWOW64\\notepad.exe',
  'C:\\Program Files\\App\\a.dll',
  'D:\\Windows\\win.ini',
  'C:\\Users\\Zoë\\ntuser.ini',
];

describe('finding patterns against many paths (PathIndex)', () => {
  const index = new PathIndex(PATHS, (path) => path);

  it('matches concrete paths case-insensitively with either separator', () => {
    assert.deepEqual(index.match('c:/windows/WIN.INI'), ['C:\\Windows\\win.ini']);
    assert.deepEqual(index.match('C:\\Windows\\win.ini.bak'), []);
  });

  it('lets * span folders, as the finding language says', () => {
    assert.deepEqual(index.match('C:\\Windows\\*\\notepad.exe'), [
      'C:\\Windows\\System32\\notepad.exe',
      'C:\\Windows\\SysWOW64\\notepad.exe',
    ]);
    assert.deepEqual(index.match('C:\\Windows\\System32\\*'), [
      'C:\\Windows\\System32\\drivers\\etc\\hosts',
      'C:\\Windows\\System32\\notepad.exe',
    ]);
    assert.deepEqual(index.match('*\\win.ini'), ['C:\\Windows\\win.ini', 'D:\\Windows\\win.ini']);
    assert.deepEqual(index.match('C:\\Program Files\\*.dll'), ['C:\\Program Files\\App\\a.dll']);
  });

  it('treats regular-expression characters literally', () => {
    const special = new PathIndex(['C:\\a (x86)\\b+c.txt', 'C:\\a x86\\bbc.txt'], (path) => path);
    assert.deepEqual(special.match('C:\\a (x86)\\b+c.txt'), ['C:\\a (x86)\\b+c.txt']);
    assert.deepEqual(special.match('C:\\a (x86)\\*'), ['C:\\a (x86)\\b+c.txt']);
  });

  it('handles non-ASCII names: paths and prefixes are folded one character at a time, the same way', () => {
    assert.equal(literalPrefix('C:\\Users\\ZOË\\*'), 'c:\\users\\zoë\\');
    assert.deepEqual(index.match('C:\\USERS\\ZOË\\*.ini'), ['C:\\Users\\Zoë\\ntuser.ini']);
  });

  it('pathKey folds case and separators', () => {
    assert.equal(pathKey('C:/Windows\\WIN.ini'), 'c:\\windows\\win.ini');
  });
});

describe('PrefixFilter', () => {
  it('keeps only paths that could match some pattern', () => {
    const filter = new PrefixFilter([
      'C:\\Windows\\System32\\*',
      'C:\\Windows\\win.ini',
      'C:\\Program Files\\App\\a.dll',
    ]);
    assert.deepEqual(
      PATHS.filter((path) => filter.mayMatch(path)),
      [
        'C:\\Windows\\win.ini',
        'C:\\Windows\\System32\\notepad.exe',
        'C:\\Windows\\System32\\drivers\\etc\\hosts',
        'C:\\Program Files\\App\\a.dll',
      ],
    );
  });

  it('keeps everything for a pattern with no literal prefix', () => {
    assert.equal(new PrefixFilter(['*\\hosts']).mayMatch('Z:\\anything'), true);
    assert.equal(new PrefixFilter([]).mayMatch('C:\\Windows'), false);
  });
});

describe('globs (memory backend expand)', () => {
  it('* and ? stay within a name, ** spans folders', () => {
    assert.equal(globToRegExp('C:\\Windows\\*.ini').test('C:\\Windows\\win.ini'), true);
    assert.equal(globToRegExp('C:\\Windows\\*.ini').test('C:\\Windows\\x\\win.ini'), false);
    assert.equal(globToRegExp('C:/Windows/**/*.exe').test('C:\\Windows\\System32\\notepad.exe'), true);
    assert.equal(globToRegExp('C:/Windows/**/*.exe').test('C:\\Windows\\notepad.exe'), true);
    assert.equal(globToRegExp('C:\\Windows\\win.in?').test('c:\\windows\\WIN.INI'), true);
  });

  it('expands against backed and plain files of the volume', async () => {
    const backend = new MemoryBackend({
      volumes: [
        {
          volume: 'C:',
          files: [{ path: 'C:\\Windows\\a.dll', provider: 'wim', dataSourceId: 1 }],
          plainFiles: ['C:\\Windows\\b.dll', 'C:\\Windows\\c.txt'],
        },
      ],
    });
    assert.deepEqual(await backend.expand('C:\\Windows\\*.dll'), ['C:\\Windows\\a.dll', 'C:\\Windows\\b.dll']);
    await assert.rejects(backend.expand('Q:\\*'), /Q: is not known/u);
  });
});
