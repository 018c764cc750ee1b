/**
 * Win32 opens through koffi, in real processes, on Linux: koffi against a
 * shared library built here with gcc that exports the same names
 * (CreateFileW, CopyFileW, NtCreateFile, ReadFile, CloseHandle) and does
 * nothing. koffi-wine.test.ts runs the same scenarios in the Windows node.exe
 * under Wine, against the same C built as a DLL.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers/temp.js';
import { win32StubOrSkip, markedCall, runTraced, whereOf, writeScenario } from './helpers.js';
import { CJS, ESM, EXPECTED } from './koffi-scenarios.js';

const require = createRequire(import.meta.url);

describe('the tracer and koffi (a gcc-built stand-in for kernel32 on Linux)', () => {
  for (const [kind, source, entry] of [
    ['CommonJS', CJS, require.resolve('koffi')],
    ['ESM', ESM, pathToFileURL(join(require.resolve('koffi'), '..', 'index.js')).href],
  ] as const) {
    it(`records CreateFileW, CopyFileW, NtCreateFile and CreateFileW.async write-opens (${kind}), with mask and disposition`, async (t) => {
      const dir = tempDir('wimboot-trace-koffi-');
      const library = win32StubOrSkip(t, dir);
      if (library === undefined) return;
      const file = join(dir, kind === 'ESM' ? 'scenario.mjs' : 'scenario.cjs');
      writeScenario(dir, { [file.slice(dir.length + 1)]: source });
      const run = await runTraced(dir, [file, library, entry]);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(
        run.trace.opens.map((open) => [open.absolute, whereOf(open), open.mask, open.disposition, open.access]),
        EXPECTED.map(([id, path, call, mask, disposition, access]) => [
          path,
          markedCall(file, id, call),
          mask,
          disposition,
          access,
        ]),
        'the read-only CreateFileW and the CopyFileW that fails if the file exists are not write-opens',
      );
      assert.deepEqual(
        run.trace.opens.map((open) => open.api),
        ['kernel32.CreateFileW', 'kernel32.CopyFileW', 'kernel32.NtCreateFile', 'kernel32.CreateFileW'],
      );
    });
  }
});
