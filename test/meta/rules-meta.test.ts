import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import plugin from '../../plugin/index.js';
import { DOCS_BASE_URL } from '../../plugin/create-rule.js';

// Paths are relative to the repository root (tests run from dist/test/meta).
const root = new URL('../../../', import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  name: string;
  version: string;
};

describe('plugin object', () => {
  it('has meta name, version and namespace', () => {
    assert.deepEqual(plugin.meta, { name: packageJson.name, version: packageJson.version, namespace: 'wimboot' });
  });

  it('ships recommended, strict and recommended-type-checked flat configs that register the plugin', () => {
    for (const name of ['recommended', 'strict', 'recommended-type-checked'] as const) {
      const config = plugin.configs[name];
      assert.equal(config.name, `wimboot/${name}`);
      assert.equal(config.plugins?.wimboot, plugin);
    }
  });
});

for (const [name, rule] of Object.entries(plugin.rules)) {
  describe(`rule ${name}`, () => {
    const meta = rule.meta ?? {};
    it('lives in plugin/rules/<name>.ts with a matching docs URL', () => {
      assert.ok(existsSync(new URL(`plugin/rules/${name}.ts`, root)), `plugin/rules/${name}.ts`);
      assert.equal(meta.docs?.url, `${DOCS_BASE_URL}${name}.md`);
    });

    it('has a doc page with examples, options and "when not to use it"', () => {
      const docUrl = new URL(`docs/rules/${name}.md`, root);
      assert.ok(existsSync(docUrl), `docs/rules/${name}.md`);
      const doc = readFileSync(docUrl, 'utf8');
      assert.match(doc, new RegExp(`^# .*\\(\`wimboot/${name}\`\\)`, 'u'));
      assert.match(doc, /^## Examples$/mu);
      assert.match(doc, /\/\/ ❌/u);
      assert.match(doc, /\/\/ ✅/u);
      assert.match(doc, /^## Options$/mu);
      assert.match(doc, /^## When not to use it$/mu);
    });

    it('has a test file', () => {
      assert.ok(existsSync(new URL(`test/plugin/rules/${name}.test.ts`, root)), `test/plugin/rules/${name}.test.ts`);
    });

    it('is in every config, at error or warn', () => {
      for (const config of Object.values(plugin.configs)) {
        const entry = config.rules?.[`wimboot/${name}`];
        const severity = Array.isArray(entry) ? entry[0] : entry;
        assert.ok(
          severity === 'error' || severity === 'warn' || severity === 2 || severity === 1,
          `${config.name} lacks wimboot/${name}`,
        );
      }
    });

    it('describes itself and its options', () => {
      assert.match(meta.docs?.description ?? '', /^(Enforce|Require|Disallow) /u);
      assert.ok(['problem', 'suggestion'].includes(meta.type ?? ''));
      const schema = Array.isArray(meta.schema) ? meta.schema : [];
      for (const option of schema) {
        for (const [key, property] of Object.entries(
          (option as { properties?: Record<string, { description?: string }> }).properties ?? {},
        )) {
          assert.ok(property.description, `option ${key} has a description`);
        }
      }
    });

    it('ends every message with the path-pattern trailer placeholder', () => {
      for (const [id, text] of Object.entries(meta.messages ?? {})) {
        if (/suggest/iu.test(id)) continue;
        assert.match(text, /\{\{trailer\}\}$/u, `${name}/${id}`);
      }
    });
  });
}
