import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { REPO_ROOT } from '../setup/temp-tree.js';

/**
 * The import direction of docs/design.md, as eslint.config.js enforces it:
 * each row lints one import line as if it were in `file` and expects the
 * project's own config to refuse it (or, for the allowed rows, to accept it).
 * `npm run lint` proves the tree itself passes.
 */
const ROWS: readonly { file: string; source: string; refused: boolean }[] = [
  { file: 'formats/probe.ts', source: '../runtime-check/confirm.js', refused: true },
  { file: 'formats/snapshot/probe.ts', source: '../../analysis/paths/settings.js', refused: true },
  { file: 'formats/probe.ts', source: '../plugin/index.js', refused: true },
  { file: 'formats/probe.ts', source: '../lint-cli/run.js', refused: true },
  { file: 'analysis/probe.ts', source: '../runtime-check/snapshot/writer.js', refused: true },
  { file: 'analysis/paths/probe.ts', source: '../../runtime-check/backends/backend.js', refused: true },
  { file: 'plugin/rules/probe.ts', source: '../../runtime-check/diff.js', refused: true },
  { file: 'plugin/probe.ts', source: '../lint-cli/lint.js', refused: true },
  { file: 'runtime-check/probe.ts', source: '../plugin/index.js', refused: true },
  { file: 'runtime-check/cli/probe.ts', source: '../../analysis/evaluator/evaluate.js', refused: true },
  { file: 'runtime-check/report/probe.ts', source: '../../lint-cli/sarif.js', refused: true },
  { file: 'lint-cli/probe.ts', source: '../runtime-check/confirm.js', refused: true },
  // The allowed directions.
  { file: 'analysis/paths/probe.ts', source: '../../formats/snapshot/reader.js', refused: false },
  { file: 'runtime-check/probe.ts', source: '../formats/finding-pattern.js', refused: false },
  { file: 'lint-cli/probe.ts', source: '../plugin/index.js', refused: false },
  { file: 'plugin/rules/probe.ts', source: '../../analysis/file-calls.js', refused: false },
];

describe('import direction (eslint.config.js)', () => {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  for (const { file, source, refused } of ROWS) {
    it(`${refused ? 'refuses' : 'allows'} ${source} in ${file}`, async () => {
      const code = `import type { X } from '${source}';\nexport type Y = X;\n`;
      const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) });
      const restricted = (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports');
      assert.equal(restricted.length, refused ? 1 : 0, JSON.stringify(result?.messages));
      if (refused) assert.equal(restricted[0]?.line, 1);
    });
  }
});
