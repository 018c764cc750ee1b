/**
 * The demo app under `wimboot-check trace`, with --map against a snapshot of
 * the demo's files: the trace confirms the same writes the lint finds, each
 * at its line, plus one only the trace can see (src/settings.js writes where
 * a config file read at run time says). Run on Linux: the app's Windows
 * folders are a tree under ROOT (C:=ROOT), its TypeScript is compiled here
 * with source maps (frames map back to the .ts lines), koffi loads the
 * gcc-built stand-in as kernel32.dll, and the driver says the platform is
 * win32 once koffi is loaded, so hosts.js picks the Windows hosts file.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import type { ESLint } from 'eslint';
import ts from 'typescript';
import { jsonOf, runWimbootCheck } from '../helpers/cli.js';
import { snapshotOf, tempDir, wimFile } from '../helpers/temp.js';
import { REPO_ROOT, runWimbootLint } from '../../setup/temp-tree.js';
import { win32StubOrSkip } from './helpers.js';

const APP = join(REPO_ROOT, 'examples', 'demo-app');

const DRIVER = `const [root, config, font] = process.argv.slice(2);
const native = await import('./src/native-version.js');
native.readDosHeader();
Object.defineProperty(process, 'platform', { value: 'win32' });
const fonts = await import('./src/fonts.js');
fonts.isFontInstalled('Acme.ttf');
fonts.readFontSignature('Acme.ttf');
fonts.installFont(font);
fonts.installFontForCurrentUser(font);
const hosts = await import('./src/hosts.js');
hosts.addHostEntry('acme.local');
hosts.removeHostEntryOnWindows('acme.local');
const logger = await import('./src/logger.mjs');
logger.createLogger()('started');
logger.createUserLogger()('started');
logger.readInstalledVersion();
const settings = await import('./src/settings.js');
settings.saveSettings(config, { theme: 'dark' });
`;

/** The demo's Windows folders under ROOT, as the app expects them on C:. */
function windowsTree(root: string): void {
  for (const folder of [
    'Windows/Fonts',
    'Windows/System32/drivers/etc',
    'Program Files/Acme/logs',
    'Users/me/AppData/Local',
  ]) {
    mkdirSync(join(root, folder), { recursive: true });
  }
  writeFileSync(join(root, 'Windows/Fonts/Acme.ttf'), 'OTTO');
  writeFileSync(join(root, 'Windows/System32/drivers/etc/hosts'), '127.0.0.1 localhost\n');
  writeFileSync(join(root, 'Windows/System32/kernel32.dll'), 'MZ');
  writeFileSync(join(root, 'Windows/win.ini'), '[fonts]\n');
  writeFileSync(join(root, 'Program Files/Acme/version.txt'), '1.4.2\n');
}

/** A runnable copy of the app: JavaScript as it is, TypeScript compiled with inline source maps. */
function runnableApp(dir: string): string {
  const app = join(dir, 'app');
  cpSync(join(APP, 'src'), join(app, 'src'), { recursive: true });
  writeFileSync(join(app, 'package.json'), readFileSync(join(APP, 'package.json')));
  for (const name of readdirSync(join(app, 'src')).filter((file) => file.endsWith('.ts'))) {
    const file = join(app, 'src', name);
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        inlineSourceMap: true,
        inlineSources: true,
      },
    });
    writeFileSync(file.replace(/\.ts$/u, '.js'), outputText);
  }
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(join(REPO_ROOT, 'node_modules', 'koffi'), join(app, 'node_modules', 'koffi'));
  writeFileSync(join(app, 'driver.mjs'), DRIVER);
  return app;
}

describe('the demo app under wimboot-check trace', () => {
  it(
    'confirms the writes the lint finds, each at its line, and one only the trace sees',
    { timeout: 60_000 },
    async (t) => {
      const dir = tempDir('wimboot-trace-demo-');
      const library = win32StubOrSkip(t, dir);
      if (library === undefined) return;
      const root = join(dir, 'root');
      windowsTree(root);
      const app = runnableApp(dir);
      const config = join(dir, 'acme.config.json');
      writeFileSync(config, JSON.stringify({ settingsFile: join(root, 'Windows', 'win.ini') }));
      const font = join(dir, 'Acme.ttf');
      writeFileSync(font, 'OTTO');
      const snapshot = join(dir, 'device.json');
      writeFileSync(
        snapshot,
        JSON.stringify(
          snapshotOf(
            [
              'C:\\Windows\\Fonts\\Acme.ttf',
              'C:\\Windows\\System32\\drivers\\etc\\hosts',
              'C:\\Windows\\System32\\kernel32.dll',
              'C:\\Windows\\win.ini',
              'C:\\Program Files\\Acme\\logs\\app.log',
              'C:\\Program Files\\Acme\\version.txt',
            ].map((path) => wimFile(path, 1024)),
          ),
        ),
      );
      const env = {
        SystemRoot: join(root, 'Windows'),
        WINDIR: join(root, 'Windows'),
        ProgramFiles: join(root, 'Program Files'),
        LOCALAPPDATA: join(root, 'Users', 'me', 'AppData', 'Local'),
        LD_LIBRARY_PATH: dirname(library),
        // createUserLogger writes to os.tmpdir()/acme, which the app expects to exist (TEMP once win32).
        TEMP: join(dir, 'tmp'),
      };
      mkdirSync(join(dir, 'tmp', 'acme'), { recursive: true });
      const traceDir = join(dir, 'trace');
      const map = `C:=${root}`;
      const traced = await runWimbootCheck(
        [
          'trace',
          '--out',
          traceDir,
          '--map',
          map,
          '--',
          process.execPath,
          '--enable-source-maps',
          join(app, 'driver.mjs'),
          root,
          config,
          font,
        ],
        { cwd: app, env },
      );
      assert.equal(traced.code, 0, traced.stderr);
      t.diagnostic(traced.stdout);

      const confirm = await runWimbootCheck(
        ['confirm', '--trace', traceDir, '--map', map, '--snapshot', snapshot, '--json'],
        {
          cwd: app,
        },
      );
      assert.equal(confirm.code, 1, confirm.stderr);
      const findings = jsonOf<{ findings: Array<{ file: string; line: number; status: string }> }>(confirm).findings;
      const confirmed = new Set(
        findings.filter((f) => f.status === 'confirmed').map((f) => `${f.file.slice(app.length + 1)}:${f.line}`),
      );

      const lint = runWimbootLint(['--format', 'json', APP], REPO_ROOT);
      assert.equal(lint.status, 1, lint.stderr);
      const linted = new Set(
        (JSON.parse(lint.stdout) as ESLint.LintResult[]).flatMap((result) =>
          result.messages.map((message) => `${result.filePath.slice(APP.length + 1)}:${message.line}`),
        ),
      );
      const settingsLine =
        readFileSync(join(APP, 'src', 'settings.js'), 'utf8')
          .split('\n')
          .findIndex((line) => line.includes('fs.writeFileSync(settingsFile')) + 1;
      const onlyTraced = `src/settings.js:${settingsLine}`;
      assert.ok(!linted.has(onlyTraced), 'the lint cannot see the config-driven path');
      assert.deepEqual([...confirmed].sort(), [...linted, onlyTraced].sort());
      assert.equal(linted.size, 6);
    },
  );
});
