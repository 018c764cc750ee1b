import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RuleCreator, applyDefault as upstreamApplyDefault } from '@typescript-eslint/utils/eslint-utils';
import { DOCS_BASE_URL, applyDefault, createRule } from '../../plugin/create-rule.js';

/**
 * plugin/create-rule.ts reimplements typescript-eslint's RuleCreator (to keep
 * its modules out of the plugin's load time): it must behave the same.
 */

const CASES: [readonly unknown[], unknown[] | undefined][] = [
  [[], undefined],
  [[{ a: false, b: 'x' }], undefined],
  [[{ a: false, b: 'x' }], []],
  [[{ a: false, b: 'x' }], [{ a: true }]],
  [[{ a: false, nested: { x: 1, y: [1, 2] } }], [{ nested: { y: [3] } }]],
  [[{ a: false }], [{ a: undefined }]],
  [
    [{ a: false }, 'second'],
    [undefined, 'other'],
  ],
  [['string'], [{ object: true }]],
  [[{ a: 1 }], [[1, 2]]],
  [[{ list: [1] }], [{ list: { not: 'a list' } }]],
];

describe('createRule matches typescript-eslint RuleCreator', () => {
  for (const [defaults, user] of CASES) {
    it(`applyDefault(${JSON.stringify(defaults)}, ${JSON.stringify(user)})`, () => {
      assert.deepEqual(applyDefault(defaults, user), upstreamApplyDefault(defaults as never, user as never));
    });
  }

  it('does not share the defaults with the options it returns', () => {
    const defaults = [{ nested: { x: 1 } }];
    const options = applyDefault(defaults, undefined) as [{ nested: { x: number } }];
    options[0].nested.x = 2;
    assert.equal(defaults[0]!.nested.x, 1);
  });

  it('builds the same rule object: docs URL, name, defaultOptions, options given to create', () => {
    const upstream = RuleCreator<{ recommended: boolean }>((name) => `${DOCS_BASE_URL}${name}.md`);
    const definition = {
      name: 'some-rule',
      meta: {
        type: 'problem' as const,
        docs: { description: 'Disallow something', recommended: true },
        schema: [
          { type: 'object' as const, properties: { flag: { type: 'boolean' as const } }, additionalProperties: false },
        ],
        defaultOptions: [{ flag: false, other: 'kept' }],
        messages: { found: 'Found.' },
      },
      defaultOptions: [{}],
      create: (_context: unknown, options: readonly unknown[]) => ({ seen: options }) as never,
    };
    const ours = createRule(definition as never) as unknown as {
      create: (context: unknown) => { seen: unknown };
      meta: unknown;
      name: string;
      defaultOptions: unknown;
    };
    const theirs = upstream(definition as never) as unknown as typeof ours;
    assert.deepEqual(ours.meta, theirs.meta);
    assert.equal(ours.name, theirs.name);
    assert.deepEqual(ours.defaultOptions, theirs.defaultOptions);
    const context = { options: [{ flag: true }] };
    assert.deepEqual(ours.create(context).seen, theirs.create(context).seen);
    assert.deepEqual(ours.create(context).seen, [{ flag: true, other: 'kept' }]);
  });

  it('merges once per options array, and hands out a frozen copy', () => {
    const seen: unknown[] = [];
    const capture = createRule({
      name: 'capturing-rule',
      meta: {
        type: 'problem',
        docs: { description: 'Disallow nothing', recommended: false },
        schema: [],
        defaultOptions: [{ nested: { x: 1 } }],
        messages: {},
      },
      defaultOptions: [{}],
      create(_context: unknown, options: unknown) {
        seen.push(options);
        return {} as never;
      },
    } as never) as unknown as { create: (context: unknown) => unknown };
    const defaults = [{ nested: { x: 1 } }];
    capture.create({ options: defaults });
    capture.create({ options: defaults });
    capture.create({ options: [{ nested: { x: 2 } }] });
    assert.equal(seen[0], seen[1], 'the same options array gives the same merged options');
    assert.notEqual(seen[1], seen[2]);
    assert.deepEqual(seen[2], [{ nested: { x: 2 } }]);
    assert.ok(Object.isFrozen((seen[0] as [{ nested: object }])[0].nested));
    assert.throws(() => {
      (seen[0] as [{ nested: { x: number } }])[0].nested.x = 3;
    }, TypeError);
  });
});
