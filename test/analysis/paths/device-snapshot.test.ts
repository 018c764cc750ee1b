import assert from 'node:assert/strict';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter } from 'eslint';
import type { BackedFile } from '../../../runtime-check/backends/backend.js';
import { clearDeviceManifestCache, loadDeviceManifest } from '../../../analysis/paths/device-snapshot.js';
import rule from '../../../plugin/rules/no-system-file-write.js';
import plugin from '../../../plugin/index.js';
import { compressedFile, snapshotOf, tempDir, wimFile } from '../../runtime-check/helpers/temp.js';
import { createJsRuleTester } from '../../setup/rule-tester.js';
import { errorAt, message } from '../../plugin/rules/helpers.js';
import { assertCostWithin } from '../../setup/bounds.js';

/** settings.wimboot.snapshot: the device's list of backed files decides what is a system file. */

const r = String.raw;
const dir = tempDir('wimboot-device-');

function writeSnapshot(name: string, files: BackedFile[], host = 'SURFACE-GO'): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ ...snapshotOf(files), host }, null, 2));
  return file;
}

const DEVICE_FILES = [
  wimFile(r`C:\Windows\System32\drivers\etc\hosts`, 824),
  compressedFile(r`C:\Windows\Fonts\arial.ttf`, 1_036_584),
  wimFile(r`C:\Windows\Fonts\times.ttf`, 1_000),
  { path: r`C:\Program Files\Acme\acme.exe`, provider: 'file', algorithm: 'LZX' } satisfies BackedFile,
  compressedFile(r`C:\ProgramData\Acme\tool.exe`),
];
const snapshot = writeSnapshot('device.json', DEVICE_FILES);
const withSnapshot = { wimboot: { snapshot } };

const ruleTester = createJsRuleTester();
ruleTester.run('no-system-file-write (device snapshot)', rule as never, {
  valid: [
    // Under C:\Windows, but not backed on the device: writing it decompresses nothing.
    { code: r`import fs from 'fs'; fs.writeFileSync('C:\\Windows\\win.ini', '');`, settings: withSnapshot },
    // A pattern no backed file matches.
    { code: r`import fs from 'fs'; fs.writeFileSync('C:\\Windows\\Logs\\' + name, '');`, settings: withSnapshot },
    // A drive the snapshot covers, outside the roots, not backed.
    { code: r`import fs from 'fs'; fs.writeFileSync('C:\\Users\\me\\notes.txt', '');`, settings: withSnapshot },
    // ignorePaths still wins over the snapshot.
    {
      code: r`import fs from 'fs'; fs.copyFileSync('a.ttf', 'C:\\Windows\\Fonts\\arial.ttf');`,
      settings: { wimboot: { snapshot, ignorePaths: ['C:\\Windows\\Fonts\\**'] } },
    },
    // Reading a backed file is fine.
    {
      code: r`import fs from 'fs'; fs.readFileSync('C:\\Windows\\System32\\drivers\\etc\\hosts', 'utf8');`,
      settings: withSnapshot,
    },
    // An unknown first folder stays undecided, as without a snapshot (`C:\*` would match every file).
    { code: r`import fs from 'fs'; fs.writeFileSync('C:\\' + name, '');`, settings: withSnapshot },
  ],
  invalid: [
    (() => {
      const code = r`import fs from 'fs'; fs.writeFileSync('C:\\Windows\\System32\\drivers\\etc\\hosts', '');`;
      return {
        code,
        settings: withSnapshot,
        errors: [
          errorAt(
            code,
            r`'C:\\Windows\\System32\\drivers\\etc\\hosts'`,
            r`fs.writeFileSync overwrites "C:\Windows\System32\drivers\etc\hosts" ('w'): on WIMBoot/CompactOS devices this stores it uncompressed on C:. Write the hosts file only when the user asks. This file is backed by WIM data source 1 on SURFACE-GO. [wimboot-path: C:\Windows\System32\drivers\etc\hosts]`,
          ),
        ],
      };
    })(),
    (() => {
      const code = r`import fs from 'fs'; fs.openSync('c:/windows/fonts/ARIAL.TTF', 'r+');`;
      return {
        name: 'case and slashes do not matter; a WOF-compressed file',
        code,
        settings: withSnapshot,
        errors: [
          errorAt(
            code,
            `'c:/windows/fonts/ARIAL.TTF'`,
            /with write access \('r\+'\): .* This file is WOF-compressed \(XPRESS4K\) on SURFACE-GO\. \[wimboot-path: c:\\windows\\fonts\\ARIAL\.TTF\]$/iu,
          ),
        ],
      };
    })(),
    (() => {
      const code = r`import fs from 'fs'; fs.copyFileSync('x.ttf', 'C:\\Windows\\Fonts\\' + name);`;
      return {
        name: 'a pattern: any backed file it matches',
        code,
        settings: withSnapshot,
        errors: [
          errorAt(
            code,
            r`'C:\\Windows\\Fonts\\' + name`,
            /instead\. It matches 2 backed files, e\.g\. "C:\\Windows\\Fonts\\arial\.ttf", which is WOF-compressed \(XPRESS4K\) on SURFACE-GO\. \[wimboot-path: C:\\Windows\\Fonts\\\*\]$/u,
          ),
        ],
      };
    })(),
    (() => {
      const code = r`import fs from 'fs'; fs.writeFileSync('C:\\Windows\\System32\\' + name, '');`;
      return {
        name: "a pattern's * spans folders",
        code,
        settings: withSnapshot,
        errors: [
          errorAt(
            code,
            r`'C:\\Windows\\System32\\' + name`,
            /It matches "C:\\Windows\\System32\\drivers\\etc\\hosts", which is backed by WIM data source 1 on SURFACE-GO\. \[wimboot-path: C:\\Windows\\System32\\\*\]$/u,
          ),
        ],
      };
    })(),
    (() => {
      const code = r`import fs from 'fs'; fs.writeFileSync(process.env.ProgramFiles + '\\Acme\\acme.exe', '');`;
      return {
        name: 'environment variables resolve before the lookup',
        code,
        settings: withSnapshot,
        errors: [
          errorAt(
            code,
            r`process.env.ProgramFiles + '\\Acme\\acme.exe'`,
            /This file is WOF-compressed \(LZX\) on SURFACE-GO\. \[wimboot-path: C:\\Program Files\\Acme\\acme\.exe\]$/u,
          ),
        ],
      };
    })(),
    (() => {
      const code = r`import fs from 'fs'; fs.writeFileSync('C:\\ProgramData\\Acme\\tool.exe', '');`;
      return {
        name: 'a backed file outside the configured roots is reported',
        code,
        settings: withSnapshot,
        errors: [
          errorAt(
            code,
            r`'C:\\ProgramData\\Acme\\tool.exe'`,
            /This file is WOF-compressed \(XPRESS4K\) on SURFACE-GO\. \[wimboot-path: C:\\ProgramData\\Acme\\tool\.exe\]$/u,
          ),
        ],
      };
    })(),
    (() => {
      const code = r`import fs from 'fs'; function save(file) { fs.writeFileSync(file, ''); } save('C:\\Windows\\Fonts\\times.ttf');`;
      return {
        name: 'through a helper',
        code,
        settings: withSnapshot,
        errors: [
          errorAt(
            code,
            r`'C:\\Windows\\Fonts\\times.ttf'`,
            /^save\(\) passes "C:\\Windows\\Fonts\\times\.ttf" to fs\.writeFileSync .* This file is backed by WIM data source 1 on SURFACE-GO\. \[wimboot-path: C:\\Windows\\Fonts\\times\.ttf\]$/u,
          ),
        ],
      };
    })(),
    (() => {
      const code = r`import fs from 'fs'; fs.writeFileSync('D:\\Apps\\Acme\\state.json', '');`;
      return {
        name: 'a drive the snapshot does not cover falls back to the roots, without a device sentence',
        code,
        settings: { wimboot: { snapshot, additionalSystemRoots: ['D:\\Apps'] } },
        errors: [
          errorAt(
            code,
            r`'D:\\Apps\\Acme\\state.json'`,
            r`fs.writeFileSync overwrites "D:\Apps\Acme\state.json" ('w'): on WIMBoot/CompactOS devices this stores it uncompressed on C:. Write to an app-data folder instead. [wimboot-path: D:\Apps\Acme\state.json]`,
          ),
        ],
      };
    })(),
    (() => {
      // Without the snapshot the same write of a non-backed file is reported by the roots.
      const code = r`import fs from 'fs'; fs.writeFileSync('C:\\Windows\\win.ini', '');`;
      return {
        name: 'control: roots decide without a snapshot',
        code,
        errors: [
          errorAt(code, r`'C:\\Windows\\win.ini'`, message('fs.writeFileSync', 'overwrites', r`C:\Windows\win.ini`)),
        ],
      };
    })(),
  ],
});

const HOSTS_WRITE = r`import fs from 'fs'; fs.writeFileSync('C:\\Windows\\System32\\drivers\\etc\\hosts', '');`;

function lint(settings: Record<string, unknown>, cwd = dir): Linter.LintMessage[] {
  return new Linter({ cwd }).verify(HOSTS_WRITE, [plugin.configs.recommended, { settings }], join(cwd, 'app.js'));
}

function expectSettingsError(settings: Record<string, unknown>, expected: RegExp): void {
  assert.throws(
    () => lint(settings),
    (error: Error) => {
      assert.match(error.message, /^eslint-plugin-wimboot: settings\.wimboot\.snapshot "/u);
      assert.match(error.message, expected);
      return true;
    },
  );
}

describe('settings.wimboot.snapshot', () => {
  it('resolves a relative path against the working directory', () => {
    const messages = lint({ wimboot: { snapshot: 'device.json' } });
    assert.equal(messages.length, 1);
    assert.match(messages[0]?.message ?? '', /backed by WIM data source 1 on SURFACE-GO/u);
  });

  it('a missing snapshot is one configuration error naming the file', () => {
    expectSettingsError(
      { wimboot: { snapshot: 'missing.json' } },
      /"missing\.json": cannot read .*missing\.json \(ENOENT\)\. Take one on the device/u,
    );
  });

  it('a snapshot with a wrong field names the file, the position and what was expected', () => {
    writeFileSync(join(dir, 'wrong-format.json'), '{\n  "format": "other",\n  "version": 1\n}\n');
    expectSettingsError(
      { wimboot: { snapshot: 'wrong-format.json' } },
      /"wrong-format\.json": not a valid wimboot snapshot: .*wrong-format\.json:2:13: format: expected "wimboot-snapshot", got "other"/u,
    );
  });

  it('a truncated snapshot names the file and where it ends', () => {
    writeFileSync(join(dir, 'truncated.json'), JSON.stringify(snapshotOf(DEVICE_FILES)).slice(0, 200));
    expectSettingsError(
      { wimboot: { snapshot: 'truncated.json' } },
      /"truncated\.json": not a valid wimboot snapshot: .*truncated\.json:1:\d+: /u,
    );
  });

  it('a bad file entry names it', () => {
    writeFileSync(
      join(dir, 'bad-entry.json'),
      JSON.stringify({
        ...snapshotOf([]),
        volumes: [{ volume: 'C:', sources: [], files: [{ path: r`C:\x`, provider: 'zip' }] }],
      }),
    );
    expectSettingsError(
      { wimboot: { snapshot: 'bad-entry.json' } },
      /bad-entry\.json:1:\d+: volumes\[0\]\.files\[0\]\.provider: expected one of "wim", "file", "unknown", got "zip"/u,
    );
  });

  it('is read once, and again when its modification time changes', () => {
    clearDeviceManifestCache();
    const file = writeSnapshot('reload.json', DEVICE_FILES, 'DEVICE-A');
    const first = loadDeviceManifest(file, dir);
    assert.equal(loadDeviceManifest(file, dir), first, 'unchanged file: the cached manifest');
    assert.match(lint({ wimboot: { snapshot: file } })[0]?.message ?? '', /on DEVICE-A\./u);

    // Same size (host names of equal length), new mtime: re-read.
    writeSnapshot('reload.json', DEVICE_FILES, 'DEVICE-B');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const pinned = loadDeviceManifest(file, dir);
    assert.notEqual(pinned, first, 'the mtime changed: re-read');
    assert.equal(pinned.host, 'DEVICE-B');
    // Same size, same mtime: the cached version (nothing re-reads it).
    writeSnapshot('reload.json', DEVICE_FILES, 'DEVICE-C');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    assert.equal(loadDeviceManifest(file, dir), pinned, 'same mtime and size: not re-read');

    // A new mtime: the next lint sees the new device.
    utimesSync(file, 1_700_000_100, 1_700_000_100);
    assert.match(lint({ wimboot: { snapshot: file } })[0]?.message ?? '', /on DEVICE-C\./u);

    // The file no longer lists hosts: the write is silent.
    writeSnapshot('reload.json', DEVICE_FILES.slice(1), 'DEVICE-C');
    assert.deepEqual(lint({ wimboot: { snapshot: file } }), []);
  });

  it('counts matches of a pattern and finds exact paths case-insensitively', () => {
    const manifest = loadDeviceManifest(snapshot, dir);
    assert.equal(manifest.fileCount, 5);
    assert.equal(manifest.covers(r`C:\Windows`), true);
    assert.equal(manifest.covers(r`D:\Windows`), false);
    assert.deepEqual(manifest.match(r`c:\WINDOWS\fonts\*.TTF`), {
      example: r`C:\Windows\Fonts\arial.ttf`,
      count: 2,
      exact: false,
      backing: { provider: 'file', algorithm: 'XPRESS4K' },
    });
    assert.equal(manifest.match(r`C:\Windows\Fonts\*.otf`), null);
    assert.equal(manifest.match(r`C:\Windows\Fonts`), null, 'a folder is not a backed file');
    assert.equal(manifest.match(r`C:\Windows\Fonts\arial.ttf`)?.exact, true);
  });
});

describe('settings.wimboot.snapshot: matching through the index, not a scan (issue 14 item 7)', () => {
  // 100,000 backed files under C:\Windows\WinSxS, as on a real device.
  const files = Array.from({ length: 100_000 }, (_, i) =>
    wimFile(`C:\\Windows\\WinSxS\\amd64_component${Math.floor(i / 8)}_none\\file${i}.dll`, 10),
  );
  files.push(wimFile(r`C:\Windows\System32\drivers\etc\hosts`, 824));
  const big = writeSnapshot('big.json', files);
  let counter = 0;

  it('500 distinct wildcard writes cost about what 500 exact paths cost', { timeout: 60_000 }, () => {
    const manifest = loadDeviceManifest(big, dir);
    assert.equal(manifest.match(r`C:\Windows\*\hosts`)?.example, r`C:\Windows\System32\drivers\etc\hosts`);
    assert.equal(manifest.match(r`C:\Windows\*\name1.dll`), null);
    assert.equal(manifest.match(r`C:\Windows\WinSxS\*7.log`), null);
    assertCostWithin(
      '500 wildcard patterns vs 500 exact paths on a 100,001-file snapshot',
      () => {
        for (let i = 0; i < 250; i += 1) {
          counter += 1;
          manifest.match(`C:\\Windows\\*\\name${counter}.dll`);
          manifest.match(`C:\\Windows\\WinSxS\\*${counter}.log`);
        }
      },
      () => {
        for (let i = 0; i < 500; i += 1) {
          counter += 1;
          manifest.match(`C:\\Windows\\WinSxS\\amd64_component1_none\\name${counter}.dll`);
        }
      },
      6,
    );
  });

  it('a pattern too broad to decide within the bound is left to the roots, not called "not backed"', () => {
    const manifest = loadDeviceManifest(big, dir);
    assert.equal(manifest.match(r`C:\Windows\*\nothing-like-this\*`), undefined);
    const found = manifest.match(r`C:\Windows\*.dll`);
    assert.equal(found?.atLeast, true);
    assert.equal(found?.count, 10_000);
    const messages = new Linter({ cwd: dir }).verify(
      r`import fs from 'fs'; fs.writeFileSync('C:\\Windows\\' + dir + '\\nothing-like-this\\' + name, '');`,
      [plugin.configs.recommended, { settings: { wimboot: { snapshot: big } } }],
      join(dir, 'app.js'),
    );
    assert.equal(messages.length, 1, 'reported through the C:\\Windows root');
    assert.doesNotMatch(messages[0]?.message ?? '', /backed by|on SURFACE-GO/u);
  });
});
