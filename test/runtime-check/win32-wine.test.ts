// The win32 backend for real: the Windows node.exe under Wine loads koffi's
// win32-x64 binary and calls Wine's kernel32. Prototypes bind, buffers and the
// FILE_ID_DESCRIPTOR marshal, `\\.\C:` opens, GetLastError comes through, and
// Wine's "not supported" answer to every WOF FSCTL comes out as "no WOF on this
// volume". Prepared by test/wine/setup.sh (run by .ci/run). Skips loudly when
// Wine or the cache is missing, but fails when CI is set.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, describe, it, type TestContext } from 'node:test';
import { DIST, PREFIX, ROOT, runnableOrSkip, wineMissing, wineNode, z } from './helpers/wine.js';

const driver = join(ROOT, 'test/fixtures/win32/wine-driver.mjs');
const cli = join(DIST, 'runtime-check/cli/wimboot-check.js');

/**
 * The win32 backend with koffi's JavaScript but no native module anywhere it
 * looks (its own build/, @koromix/koffi-win32-x64 next to it, or
 * process.resourcesPath), whatever the checkout's node_modules holds.
 */
function distWithoutNativeKoffi(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wimboot-no-koffi-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(DIST, 'runtime-check/backends'), join(dir, 'dist/runtime-check/backends'), { recursive: true });
  const koffi = join(ROOT, 'node_modules/koffi');
  cpSync(koffi, join(dir, 'node_modules/koffi'), {
    recursive: true,
    filter: (source) => !relative(koffi, source).split(sep).includes('build'),
  });
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  return join(dir, 'dist');
}

type DriverAnswer = { ok: unknown } | { error: { name: string; kind?: string; message: string } };

function backend(command: string, arg: string, dist = DIST, preloadKoffi = true): DriverAnswer {
  const run = wineNode([z(driver), z(dist), command, arg], { preloadKoffi });
  assert.equal(run.status, 0, `driver ${command} exited ${run.status}: ${run.stderr}`);
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as DriverAnswer;
  } catch {
    assert.fail(`driver ${command} printed no JSON: ${run.stdout} ${run.stderr}`);
  }
}

function ok(answer: DriverAnswer): unknown {
  assert.ok('ok' in answer, `expected a result, got ${JSON.stringify(answer)}`);
  return answer.ok;
}

function failure(answer: DriverAnswer): { name: string; kind?: string; message: string } {
  assert.ok('error' in answer, `expected an error, got ${JSON.stringify(answer)}`);
  return answer.error;
}

const ready = (t: TestContext): boolean => runnableOrSkip(t, 'the Wine test of the win32 backend', wineMissing());

// Wine 8 answers STATUS_NOT_SUPPORTED (Win32 50) to every WOF control code.
const NO_WOF = (call: string) => new RegExp(`^no WOF on this volume \\(.*; ${call} answered Win32 error (50|1)\\b`);
const kernel32 = 'C:\\windows\\system32\\kernel32.dll';

describe('win32 backend under Wine (real node.exe, koffi and kernel32)', { timeout: 180_000 }, () => {
  it('volumeInfo opens \\\\.\\C: and reports both WOF providers as not attached', (t) => {
    if (!ready(t)) return;
    assert.deepEqual(ok(backend('volumeInfo', 'C:')), {
      volume: 'C:',
      wimProviderAttached: false,
      fileProviderAttached: false,
    });
  });

  it('sources, files and query come out as "no WOF on this volume"', (t) => {
    if (!ready(t)) return;
    const sources = failure(backend('sources', 'C:'));
    assert.equal(sources.kind, 'no-wof');
    assert.match(sources.message, NO_WOF('FSCTL_ENUM_OVERLAY'));
    const files = failure(backend('files', 'C:'));
    assert.equal(files.kind, 'no-wof');
    assert.match(files.message, NO_WOF('FSCTL_ENUM_EXTERNAL_BACKING'));
    const query = failure(backend('query', kernel32));
    assert.equal(query.kind, 'no-wof');
    assert.match(query.message, NO_WOF('FSCTL_GET_EXTERNAL_BACKING'));
  });

  it('a missing file is "missing", a missing volume is bad-volume (GetLastError read through koffi)', (t) => {
    if (!ready(t)) return;
    assert.deepEqual(ok(backend('query', 'C:\\no\\such\\file.txt')), {
      path: 'C:\\no\\such\\file.txt',
      status: 'missing',
    });
    const volume = failure(backend('volumeInfo', 'Q:'));
    assert.equal(volume.kind, 'bad-volume');
    assert.match(volume.message, /CreateFileW answered Win32 error 2, ERROR_FILE_NOT_FOUND/);
  });

  it('without koffi\'s native module the backend is "no-backend", not a crash', (t) => {
    if (!ready(t)) return;
    const answer = failure(backend('volumeInfo', 'C:', distWithoutNativeKoffi(), false));
    assert.equal(answer.kind, 'no-backend');
    assert.match(
      answer.message,
      /^cannot load koffi or kernel32 \(.*native Koffi module.*\): reinstall without --omit=optional$/,
    );
  });

  it('expand returns Windows paths', (t) => {
    if (!ready(t)) return;
    const paths = ok(backend('expand', 'C:/windows/system32/kernel3*.dll')) as string[];
    assert.ok(paths.includes(kernel32), JSON.stringify(paths));
    assert.ok(
      paths.every((p) => /^C:\\windows\\system32\\kernel3[^\\]*\.dll$/.test(p)),
      JSON.stringify(paths),
    );
  });

  it('names, sizes, opens by extended file id and reads DeviceIoControl output through the real kernel32', (t) => {
    if (!ready(t)) return;
    const size = statSync(join(PREFIX, 'drive_c/windows/system32/kernel32.dll')).size;
    assert.deepEqual(ok(backend('probe', kernel32)), {
      finalPath: { value: `\\\\?\\${kernel32}` },
      size: { value: size },
      // Wine has no WOF and no compression: size on disk is the size.
      sizeOnDisk: { value: size },
      // Wine resolves file ids only below a directory handle (Windows accepts
      // the volume handle, which is what the backend passes).
      openByIdVolumeHint: { error: 2 },
      // DeviceIoControl's success path: STORAGE_DEVICE_NUMBER is 12 bytes,
      // FILE_DEVICE_DISK (7), and nothing past bytesReturned was written.
      deviceNumber: { ok: true, bytesReturned: 12, error: 0, deviceType: 7, untouched: true },
      openByIdParentHint: { value: `\\\\?\\${kernel32}` },
      openHandles: 0,
    });
  });

  it('the wimboot-check CLI says "no WOF on this volume" (exit 2) for sources, files, query and snapshot', (t) => {
    if (!ready(t)) return;
    if (!existsSync(cli)) {
      // Fail in CI only once the CLI exists in the source tree.
      if (process.env.CI && existsSync(join(ROOT, 'runtime-check/cli/wimboot-check.ts')))
        assert.fail(`${cli} is not built`);
      process.stderr.write(`\n*** SKIPPING the Wine run of the wimboot-check CLI: ${cli} does not exist ***\n\n`);
      t.skip(`${cli} does not exist yet`);
      return;
    }
    const snapshot = join(PREFIX, 'drive_c/wimboot-wine-snapshot.json');
    rmSync(snapshot, { force: true });
    const cases: [string[], string][] = [
      [['sources', 'C:'], 'C:; FSCTL_ENUM_OVERLAY'],
      [['files', 'C:'], 'C:; FSCTL_ENUM_EXTERNAL_BACKING'],
      [['query', kernel32], `${kernel32.replaceAll('\\', '\\\\')}; FSCTL_GET_EXTERNAL_BACKING`],
      [['snapshot', 'C:', '-o', 'C:\\wimboot-wine-snapshot.json'], 'C:; FSCTL_ENUM_OVERLAY'],
    ];
    for (const [args, where] of cases) {
      const run = wineNode([z(cli), ...args]);
      assert.equal(run.status, 2, `${args.join(' ')}: exit ${run.status}, ${run.stderr}`);
      assert.equal(run.stdout, '');
      assert.match(
        run.stderr,
        new RegExp(`^wimboot-check: no WOF on this volume \\(${where} answered Win32 error (50|1)\\b`),
      );
    }
    assert.equal(existsSync(snapshot), false, 'no snapshot written when the volume cannot be read');
  });
});
