import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// dist/test/plugin/ → dist/
const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const STATIC_IMPORT = /^(?:import|export)\s[^;]*?\sfrom\s+'(\.{1,2}\/[^']+)';/gmu;
const SIDE_EFFECT_IMPORT = /^import\s+'(\.{1,2}\/[^']+)';/gmu;

/** The modules a static import of `entry` evaluates (the compiled JavaScript: type imports are gone). */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of [...text.matchAll(STATIC_IMPORT), ...text.matchAll(SIDE_EFFECT_IMPORT)]) {
      pending.push(resolve(dirname(file), match[1]!));
    }
  }
  return seen;
}

describe('importing the plugin', () => {
  it('loads the rules’ meta and no module of the analysis (it is required at the first lint)', () => {
    const graph = [...staticGraph(join(DIST, 'plugin', 'index.js'))].map((file) => relative(DIST, file));
    assert.deepEqual(
      graph.filter((file) => file.startsWith('analysis')),
      [],
    );
    assert.ok(graph.length <= 15, graph.join('\n'));
  });

  it('finds the analysis through the runtime module, which exists', () => {
    const graph = staticGraph(join(DIST, 'plugin', 'runtime.js'));
    assert.ok([...graph].some((file) => file.endsWith(join('analysis', 'file-calls.js'))));
  });
});
