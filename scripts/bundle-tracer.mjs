// Bundles the tracer's --require entry into one CommonJS file, over the one
// tsc emitted: a traced process then loads one script instead of starting
// Node's ES module loader for a dozen modules, which cost every traced
// process about 30 ms (docs/trace.md, "Overhead"). The ES module build stays
// for `--import` hosts and for the rest of wimboot-check.
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

buildSync({
  absWorkingDir: root,
  entryPoints: ['runtime-check/trace/preload.cts'],
  outfile: 'dist/runtime-check/trace/preload.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20.19',
  // stack.ts and tracer.ts read import.meta.url only where __dirname and require are missing (ES modules).
  logOverride: { 'empty-import-meta': 'silent' },
  legalComments: 'none',
  logLevel: 'warning',
});
