/**
 * The koffi scenarios of koffi.test.ts on Windows' side: the Windows node.exe
 * under Wine, koffi's win32-x64 binary, the tracer preloaded through
 * NODE_OPTIONS as `wimboot-check trace` sets it, and the stand-in of
 * helpers.ts built as a DLL with mingw-w64 (the kernel32/ntdll names, doing
 * nothing, so nothing of the Wine prefix is touched). What Linux cannot show:
 * koffi's Windows module seen loading by process.dlopen, Windows paths kept
 * as Windows spells them, and frames in Z:\ paths at the scenario's lines.
 * Skips loudly without Wine or mingw-w64, but fails when CI is set.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tracerNodeOptions } from '../../../runtime-check/trace/launch.js';
import { readTrace } from '../../../runtime-check/trace/read-trace.js';
import { tempDir } from '../helpers/temp.js';
import { mingw, mingwMissing } from '../helpers/mingw.js';
import { DIST, runnableOrSkip, wineMissing, wineNode, z } from '../helpers/wine.js';
import { WIN32_STUB_SOURCE, markedCall, whereOf, writeScenario } from './helpers.js';
import { CJS, ESM, EXPECTED } from './koffi-scenarios.js';

const require = createRequire(import.meta.url);
const PRELOAD = join(DIST, 'runtime-check/trace/preload.cjs');

describe(
  'the tracer and koffi in the Windows node.exe under Wine (a mingw-built stand-in DLL)',
  { timeout: 180_000 },
  () => {
    for (const [kind, source, entry] of [
      ['CommonJS', CJS, z(require.resolve('koffi'))],
      ['ESM', ESM, `file:///Z:${join(require.resolve('koffi'), '..', 'index.js')}`],
    ] as const) {
      it(`records CreateFileW, CopyFileW, NtCreateFile and CreateFileW.async write-opens (${kind}) at their lines`, async (t) => {
        if (!runnableOrSkip(t, 'the Wine test of the koffi tracer', wineMissing() ?? mingwMissing())) return;
        const dir = tempDir('wimboot-trace-koffi-wine-');
        const stub = join(dir, 'standin.c');
        writeFileSync(stub, WIN32_STUB_SOURCE);
        // Not named kernel32.dll: Windows would hand back the loaded system one.
        const dll = join(dir, 'standin32.dll');
        const built = mingw(['-Wno-unused-parameter', '-shared', '-o', dll, stub]);
        assert.ok(built.ok, `the stand-in DLL does not compile:\n${built.output}`);
        const file = join(dir, kind === 'ESM' ? 'scenario.mjs' : 'scenario.cjs');
        writeScenario(dir, { [file.slice(dir.length + 1)]: source });
        const traceDir = join(dir, 'trace');
        mkdirSync(traceDir);
        const run = wineNode([z(file), z(dll), entry], {
          env: { NODE_OPTIONS: tracerNodeOptions(z(PRELOAD)), WIMBOOT_TRACE_DIR: z(traceDir) },
        });
        assert.equal(run.status, 0, run.stderr);
        const trace = await readTrace(traceDir);
        assert.deepEqual(
          trace.processes.map((process) => process.platform),
          ['win32'],
          'one traced process, the Windows node.exe',
        );
        assert.deepEqual(trace.failures, []);
        assert.deepEqual(
          trace.opens.map((open) => [open.absolute, whereOf(open), open.mask, open.disposition, open.access]),
          EXPECTED.map(([id, path, call, mask, disposition, access]) => [
            path,
            // The scenario's own file, as the Windows process named it.
            `${z(file)}${markedCall(file, id, call).slice(file.length)}`,
            mask,
            disposition,
            access,
          ]),
          'the read-only CreateFileW and the CopyFileW that fails if the file exists are not write-opens',
        );
        assert.deepEqual(
          trace.opens.map((open) => open.api),
          ['standin32.CreateFileW', 'standin32.CopyFileW', 'standin32.NtCreateFile', 'standin32.CreateFileW'],
        );
      });
    }
  },
);
