import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { hostileShapes } from './hostile-shapes.js';

/**
 * Issue 14's bound: any valid file ESLint lints in time T (one do-nothing
 * rule) is linted with the plugin in at most 2T + 200 ms of CPU and 2× the
 * memory. Each shape is linted in its own process per variant; both
 * measured here, in the same run (no absolute times).
 */

const WORKER = fileURLToPath(new URL('hostile-worker.js', import.meta.url));
const run = promisify(execFile);

interface Measure {
  readonly cpuMs: number;
  readonly maxRssKb: number;
  readonly messages: number;
}

async function measure(index: number, variant: 'baseline' | 'plugin'): Promise<Measure> {
  const { stdout } = await run(process.execPath, [WORKER, String(index), variant], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as Measure;
}

describe('hostile shapes: bounded work and memory', () => {
  const shapes = hostileShapes();
  for (const [index, shape] of shapes.entries()) {
    it(`${shape.name}: ≤ 2T + 200 ms CPU and ≤ 2× memory`, async () => {
      // Both at once: each is judged by its own CPU time, which the other does not add to. A shared
      // machine only ever adds time: over the bound, both are measured again (up to three rounds) and
      // the fastest run of each is judged.
      let baseline: Measure | undefined;
      let plugin: Measure | undefined;
      for (let round = 0; round < 3; round++) {
        const [b, p] = await Promise.all([measure(index, 'baseline'), measure(index, 'plugin')]);
        baseline = baseline === undefined || b.cpuMs < baseline.cpuMs ? b : baseline;
        plugin = plugin === undefined || p.cpuMs < plugin.cpuMs ? p : plugin;
        if (plugin.cpuMs <= 2 * baseline.cpuMs + 200 && plugin.maxRssKb <= 2 * baseline.maxRssKb) break;
      }
      assert.ok(baseline !== undefined && plugin !== undefined);
      const note = `baseline ${baseline.cpuMs.toFixed(0)} ms / ${(baseline.maxRssKb / 1024).toFixed(0)} MB, plugin ${plugin.cpuMs.toFixed(0)} ms / ${(plugin.maxRssKb / 1024).toFixed(0)} MB`;
      assert.ok(plugin.cpuMs <= 2 * baseline.cpuMs + 200, note);
      assert.ok(plugin.maxRssKb <= 2 * baseline.maxRssKb, note);
      assert.equal(baseline.messages, 0, 'the baseline lints the shape without an error');
    });
  }
});
