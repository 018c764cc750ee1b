// Child process of latency.ts. `time <url> [preload]`: how long importing
// <url> takes in this fresh process (after importing [preload], if given).
// `check <url> [lint]`: which modules importing <url> loads (ESM loader hooks,
// require.cache and the native libraries in the process report), optionally
// after one untyped lint of a JavaScript file with the plugin's recommended
// config. Prints one JSON line.
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

export interface ProbeResult {
  readonly ms: number;
  /** CPU time of the import (user + system), all threads of this process. */
  readonly cpuMs?: number;
  readonly modules?: readonly string[];
  readonly nativeLibraries?: readonly string[];
}

async function time(target: string, preload: string | undefined): Promise<ProbeResult> {
  if (preload !== undefined && preload !== '') await import(preload);
  const cpu = process.cpuUsage();
  const start = performance.now();
  await import(target);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

async function check(target: string, lint: boolean): Promise<ProbeResult> {
  const { port1, port2 } = new MessageChannel();
  const esm: string[] = [];
  port1.on('message', (url: string) => esm.push(url));
  register(new URL('import-hooks.js', import.meta.url), { data: { port: port2 }, transferList: [port2] });
  const start = performance.now();
  const imported = (await import(target)) as { default: { configs: { recommended: object } } };
  const ms = performance.now() - start;
  if (lint) {
    const { Linter } = await import('eslint');
    const linter = new Linter();
    linter.verify(
      "const fs = require('fs'); fs.writeFileSync('C:\\\\Windows\\\\win.ini', ''); fs.openSync(__filename, 'r+');",
      [imported.default.configs.recommended],
      {
        filename: 'probe.js',
      },
    );
  }
  // Hook messages arrive asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 100));
  port1.close();
  const cjs = Object.keys(createRequire(import.meta.url).cache);
  const report = process.report.getReport() as { sharedObjects?: string[] };
  return { ms, modules: [...new Set([...esm, ...cjs])].sort(), nativeLibraries: report.sharedObjects ?? [] };
}

const [mode, target, extra] = process.argv.slice(2);
if (process.env.NODE_TEST_CONTEXT === undefined && target !== undefined) {
  const result = mode === 'check' ? await check(target, extra === 'lint') : await time(target, extra);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
