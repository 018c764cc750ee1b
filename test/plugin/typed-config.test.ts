import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import plugin from '../../plugin/index.js';

/** The recommended-type-checked config: same rules, type information required. */

const r = String.raw;
const fixtures = fileURLToPath(new URL('../../../test/fixtures/typed/', import.meta.url));
const filename = `${fixtures}file.ts`;
// Only the checker knows this path: a template literal type (the other module's source gives no value).
const code = r`import fs from 'node:fs'; import type { UnderRoot } from './paths.js'; declare const target: UnderRoot; fs.writeFileSync(target, '');`;
const typedParser = {
  languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: fixtures } },
};
const untypedParser = { languageOptions: { parser: tsParser } };

function lint(configs: Linter.Config[]): Linter.LintMessage[] {
  return new Linter({ cwd: fixtures }).verify(code, [{ files: ['**/*.ts'] }, ...configs], filename);
}

describe('recommended-type-checked', () => {
  const typedConfig = plugin.configs['recommended-type-checked'];

  it('enables the same rules as recommended', () => {
    assert.deepEqual(typedConfig.rules, plugin.configs.recommended.rules);
  });

  it('resolves a value only types know through the checker', () => {
    const messages = lint([typedConfig, typedParser]);
    assert.deepEqual(
      messages.map((m) => [m.ruleId, m.line, m.column]),
      [['wimboot/no-system-file-write', 1, code.lastIndexOf('target') + 1]],
    );
    assert.match(messages[0]?.message ?? '', /\[wimboot-path: C:\\Windows\\\*\]$/u);
  });

  it('is one configuration error, naming the file, when there is no TypeScript program', () => {
    assert.throws(
      () => lint([typedConfig, untypedParser]),
      (error: Error) => {
        assert.match(
          error.message,
          /^eslint-plugin-wimboot: the recommended-type-checked config needs type information, but .*file\.ts was parsed without a TypeScript program: .*projectService/u,
        );
        return true;
      },
    );
  });

  it('still requires it when the user adds settings of their own (settings merge)', () => {
    assert.throws(
      () => lint([typedConfig, untypedParser, { settings: { wimboot: { preset: 'strict' } } }]),
      /needs type information/u,
    );
  });

  it('the untyped recommended config stays silent on the same code, without an error', () => {
    assert.deepEqual(lint([plugin.configs.recommended, untypedParser]), []);
  });
});
