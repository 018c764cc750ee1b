import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ParserServices, TSESTree } from '@typescript-eslint/utils';
import { createTypeFallback } from '../../../analysis/evaluator/type-values.js';
import type { Values } from '../../../analysis/evaluator/values.js';

/**
 * The typed fallback asks TypeScript's checker only where an answer can help.
 * Each query can make the checker type-check declarations across the program,
 * so needless ones show in typed lint time (see docs/performance.md).
 */

/** Nothing known syntactically: the fallback would ask the checker. */
const NOTHING: Values = { items: [], complete: false };

function fakeServices(): { services: Partial<ParserServices>; queries: unknown[] } {
  const queries: unknown[] = [];
  const stringLiteral = {
    isStringLiteral: () => true,
    isNumberLiteral: () => false,
    isUnion: () => false,
    value: 'C:\\Windows\\win.ini',
  };
  const checker = {
    getTypeAtLocation: (tsNode: unknown) => {
      queries.push(tsNode);
      return stringLiteral;
    },
    // A stand-in node for an identifier carries its declared annotation, when it has one.
    getSymbolAtLocation: (tsNode: { stands?: { declaredAs?: string } }) => {
      const annotation = tsNode.stands?.declaredAs;
      return annotation === undefined ? undefined : { valueDeclaration: { type: { getText: () => annotation } } };
    },
  };
  const program = { getTypeChecker: () => checker };
  // Every ESTree node maps to a stand-in TS node.
  const esTreeNodeToTSNodeMap = { get: (node: object) => ({ stands: node }), has: () => true };
  return { services: { program, esTreeNodeToTSNodeMap } as unknown as Partial<ParserServices>, queries };
}

/** `name(argument)`, with parent links as ESLint sets them. */
function call(
  name: string,
  argument: string,
): { call: TSESTree.CallExpression; callee: TSESTree.Identifier; argument: TSESTree.Identifier } {
  const node = { type: 'CallExpression', optional: false, arguments: [] } as unknown as TSESTree.CallExpression & {
    callee: TSESTree.Node;
    arguments: TSESTree.Node[];
  };
  const callee = { type: 'Identifier', name, parent: node } as unknown as TSESTree.Identifier;
  const arg = { type: 'Identifier', name: argument, parent: node } as unknown as TSESTree.Identifier;
  node.callee = callee;
  node.arguments.push(arg);
  return { call: node, callee, argument: arg };
}

describe('typed fallback: which nodes ask the checker', () => {
  it('does not ask for the type of a callee (a function type never holds a literal)', () => {
    const { services, queries } = fakeServices();
    const fallback = createTypeFallback(services)!;
    const { callee } = call('writeFileSync', 'target');
    assert.equal(fallback(callee, NOTHING), undefined);
    assert.equal(queries.length, 0);
  });

  it('does not ask for the callee of a `new` expression either', () => {
    const { services, queries } = fakeServices();
    const fallback = createTypeFallback(services)!;
    const node = { type: 'NewExpression', arguments: [] } as unknown as TSESTree.NewExpression & {
      callee: TSESTree.Node;
    };
    const callee = { type: 'Identifier', name: 'Writer', parent: node } as unknown as TSESTree.Identifier;
    node.callee = callee;
    assert.equal(fallback(callee, NOTHING), undefined);
    assert.equal(queries.length, 0);
  });

  it('does not ask for the object of a member (the evaluator knows no member of a literal)', () => {
    const { services, queries } = fakeServices();
    const fallback = createTypeFallback(services)!;
    for (const [computed, name] of [
      [false, 'write'],
      [true, 'key'],
    ] as const) {
      const member = { type: 'MemberExpression', computed, optional: false } as unknown as TSESTree.MemberExpression & {
        object: TSESTree.Node;
        property: TSESTree.Node;
      };
      const object = { type: 'Identifier', name: 'target', parent: member } as unknown as TSESTree.Identifier;
      member.object = object;
      member.property = { type: 'Identifier', name, parent: member } as unknown as TSESTree.Identifier;
      assert.equal(fallback(object, NOTHING), undefined);
    }
    assert.equal(queries.length, 0);
  });

  it('still asks for `o` in `o.toString()`, which the evaluator reads as `o`', () => {
    const { services, queries } = fakeServices();
    const fallback = createTypeFallback(services)!;
    const member = {
      type: 'MemberExpression',
      computed: false,
      optional: false,
    } as unknown as TSESTree.MemberExpression & { object: TSESTree.Node; property: TSESTree.Node };
    const object = { type: 'Identifier', name: 'target', parent: member } as unknown as TSESTree.Identifier;
    member.object = object;
    member.property = { type: 'Identifier', name: 'toString', parent: member } as unknown as TSESTree.Identifier;
    assert.notEqual(fallback(object, NOTHING), undefined);
    assert.equal(queries.length, 1);
  });

  it('still asks for an argument, and uses its literal type', () => {
    const { services, queries } = fakeServices();
    const fallback = createTypeFallback(services)!;
    const { argument } = call('writeFileSync', 'target');
    const values = fallback(argument, NOTHING);
    assert.equal(queries.length, 1);
    assert.deepEqual(values?.items, [{ kind: 'string', parts: [{ kind: 'text', text: 'C:\\Windows\\win.ini' }] }]);
  });

  it('does not ask for a variable declared with a type that admits no literal, and asks for one that may', () => {
    const { services, queries } = fakeServices();
    const fallback = createTypeFallback(services)!;
    for (const [annotation, asks] of [
      ['string', false],
      ['number', false],
      ['any', false],
      ['SystemIni', true],
      ["'C:\\Windows\\win.ini'", true],
    ] as const) {
      const { argument } = call('writeFileSync', 'target');
      (argument as unknown as { declaredAs: string }).declaredAs = annotation;
      const before = queries.length;
      const values = fallback(argument, NOTHING);
      assert.equal(queries.length - before, asks ? 1 : 0, annotation);
      assert.equal(values === undefined, !asks, annotation);
    }
  });

  it('is absent without a program (untyped linting)', () => {
    assert.equal(createTypeFallback(undefined), undefined);
    assert.equal(createTypeFallback({ program: null } as unknown as Partial<ParserServices>), undefined);
  });
});
