// The win32 backend on a real Windows device (runs only on win32: the
// windows-device GitHub workflow). Makes WOF-compressed files with
// `compact /c /exe:xpress4k`, then checks that the backend sees them through
// query, files and volumeInfo, and that looking at them leaves them compressed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Backend, BackedFile } from '../../runtime-check/backends/backend.js';

const onWindows = process.platform === 'win32';

describe(
  'win32 backend on a real device',
  { skip: onWindows ? false : 'Windows only (see .github/workflows/windows-device.yml)' },
  () => {
    let dir = '';
    let compressed = '';
    let plain = '';
    let backend: Backend;

    before(async () => {
      // On the system drive: that is where WOF is known to be attached.
      dir = mkdtempSync(join(`${process.env.SystemDrive ?? 'C:'}\\`, 'wimboot-device-'));
      compressed = join(dir, 'compressed.txt');
      plain = join(dir, 'plain.txt');
      // Compressible content, or compact reports "not beneficial" and leaves it alone.
      const text = 'wimboot-check device test line\r\n'.repeat(64 * 1024);
      writeFileSync(compressed, text);
      writeFileSync(plain, text);
      execFileSync('compact.exe', ['/c', '/exe:xpress4k', compressed], { stdio: 'ignore' });
      const { createWin32Backend } = await import('../../runtime-check/backends/win32/index.js');
      backend = await createWin32Backend();
    });

    after(async () => {
      await backend?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('volumeInfo sees the WOF file provider on the system drive', async () => {
      const info = await backend.volumeInfo(compressed.slice(0, 2));
      assert.equal(info.fileProviderAttached, true, JSON.stringify(info));
      assert.match(info.fileProviderVersion ?? '', /^\d+\.\d+\.\d+$/);
    });

    it('query reports the compact /exe:xpress4k file as FILE-provider XPRESS4K, and a plain file as not backed', async () => {
      const result = await backend.query(compressed);
      assert.equal(result.status, 'backed', JSON.stringify(result));
      const file = (result as { file: BackedFile }).file;
      assert.equal(file.provider, 'file');
      assert.equal(file.algorithm, 'XPRESS4K');
      assert.equal(file.size, 'wimboot-check device test line\r\n'.length * 64 * 1024);
      assert.ok((file.sizeOnDisk ?? Infinity) < file.size!, `size on disk ${file.sizeOnDisk} < ${file.size}`);
      assert.deepEqual(await backend.query(plain), { path: plain, status: 'not-backed' });
      assert.deepEqual(await backend.query(join(dir, 'missing.txt')), {
        path: join(dir, 'missing.txt'),
        status: 'missing',
      });
    });

    it('files enumerates the compressed file (elevated) or says to elevate', async () => {
      const found: BackedFile[] = [];
      try {
        for await (const file of backend.files(compressed.slice(0, 2))) {
          if (file.path.toLowerCase() === compressed.toLowerCase()) found.push(file);
        }
      } catch (err) {
        assert.equal((err as { kind?: string }).kind, 'not-elevated', String(err));
        assert.ok(!process.env.CI, 'GitHub runners are elevated');
        return;
      }
      assert.equal(found.length, 1);
      assert.equal(found[0]!.algorithm, 'XPRESS4K');
    });

    it('sources answers (an empty list is fine on a non-WIMBoot runner)', async () => {
      try {
        const sources = await backend.sources(compressed.slice(0, 2));
        assert.ok(Array.isArray(sources));
      } catch (err) {
        assert.equal((err as { kind?: string }).kind, 'not-elevated', String(err));
        assert.ok(!process.env.CI, 'GitHub runners are elevated');
      }
    });

    it('looking did not rehydrate anything', async () => {
      const result = await backend.query(compressed);
      assert.equal(result.status, 'backed', JSON.stringify(result));
    });
  },
);
