import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import { isInsideWithoutFunction, skipTransparent, staticMemberName } from '../ast.js';
import type { Evaluator } from './evaluate.js';
import type { Frame } from './frames.js';
import { type AbstractValue, MAX_ALTERNATIVES, type Values, union } from './values.js';

/**
 * Where the elements of an array a `const` holds are when it is read after calls that move them
 * (`args.shift()`, `args.unshift(x)`, `args.reverse()`, `args[1] = x`): positions matter to a
 * spread (`copyFileSync(...args)`) and to an index (`args[1]`). Mutations that are statements of
 * the declaration's block before the read are applied in order; any other leaves the elements
 * without positions (each may be the first; the rules stay silent on the others). `push`/`pop`
 * keep the positions before them (evaluateArray appends what is pushed).
 */

type Mutation =
  | { readonly kind: 'shift' | 'reverse'; readonly node: TSESTree.Node }
  | { readonly kind: 'reorder'; readonly node: TSESTree.Node; readonly values?: readonly TSESTree.Node[] }
  | { readonly kind: 'unshift'; readonly node: TSESTree.Node; readonly values: readonly TSESTree.Node[] | undefined }
  | {
      readonly kind: 'set';
      readonly node: TSESTree.Node;
      readonly index: number | undefined;
      readonly value: TSESTree.Node;
    };

/** Methods that move or replace elements before the end. */
const REORDERING = new Set(['sort', 'splice', 'fill', 'copyWithin']);

const mutationsByVariable = new WeakMap<Scope.Variable, readonly Mutation[]>();

function mutationsOf(variable: Scope.Variable): readonly Mutation[] {
  let found = mutationsByVariable.get(variable);
  if (found !== undefined) return found;
  const list: Mutation[] = [];
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    if (member?.type !== 'MemberExpression' || member.object !== reference.identifier) continue;
    const parent = member.parent;
    if (parent.type === 'CallExpression' && parent.callee === member) {
      const method = staticMemberName(member);
      if (method === 'shift' || method === 'reverse') list.push({ kind: method, node: parent });
      else if (method === 'unshift') {
        const plain = parent.arguments.every((argument) => argument.type !== 'SpreadElement');
        list.push({ kind: 'unshift', node: parent, values: plain ? parent.arguments : undefined });
      } else if (method !== undefined && REORDERING.has(method)) {
        // What `splice(i, n, …items)` inserts and `fill(v)` writes are elements too.
        const given =
          method === 'splice' ? parent.arguments.slice(2) : method === 'fill' ? parent.arguments.slice(0, 1) : [];
        list.push({ kind: 'reorder', node: parent, values: given.filter((node) => node.type !== 'SpreadElement') });
      }
    } else if (parent.type === 'AssignmentExpression' && parent.left === member) {
      if (!member.computed && staticMemberName(member) !== 'length') continue;
      const key = skipTransparent(member.property);
      const index =
        member.computed && key.type === 'Literal' && typeof key.value === 'number' && Number.isInteger(key.value)
          ? key.value
          : undefined;
      // `args.length = 1`, `args[i] = …`, `args[0] += …`: positions unknown.
      if (index === undefined || parent.operator !== '=')
        list.push({ kind: 'reorder', node: parent, values: [parent.right] });
      else list.push({ kind: 'set', node: parent, index, value: parent.right });
    }
    if (list.length > MAX_ALTERNATIVES) break;
  }
  found = list.sort((a, b) => a.node.range[0] - b.node.range[0]);
  mutationsByVariable.set(variable, found);
  return found;
}

/** The array values a `const` initialised with an array literal holds at `read`, after the mutations before it. */
export function arrayAtRead(
  evaluator: Evaluator,
  variable: Scope.Variable,
  values: Values,
  read: TSESTree.Identifier,
  frame: Frame | undefined,
): Values {
  if (!values.items.some((item) => item.kind === 'array')) return values;
  const mutations = mutationsOf(variable);
  if (mutations.length === 0) return values;
  const declarator = variable.defs[0]?.node;
  const block = declarator?.parent?.parent;
  const straightLine =
    block !== undefined &&
    evaluator.index.writesOf(variable).length <= 1 &&
    mutations.length <= MAX_ALTERNATIVES &&
    isInsideWithoutFunction(read, block) &&
    mutations.every(
      ({ node }) =>
        node.parent?.type === 'ExpressionStatement' && node.parent.parent === block && node.range[1] <= read.range[0],
    );
  const valueOf = (node: TSESTree.Node): (() => Values) => {
    let cached: Values | undefined;
    return () => (cached ??= evaluator.evaluate(node, evaluator.relevantFrame(node, frame)));
  };
  const items = values.items.map((item): AbstractValue => {
    if (item.kind !== 'array') return item;
    // The same for every read of either kind: once per array value (a long literal read often stays linear).
    let moved = movedArrays.get(item);
    if (moved === undefined) {
      moved = {};
      movedArrays.set(item, moved);
    }
    return straightLine
      ? (moved.inOrder ??= applyInOrder(item, mutations, valueOf))
      : (moved.anywhere ??= withoutPositions(item, mutations, valueOf));
  });
  return { items, complete: values.complete };
}

type ArrayValue = Extract<AbstractValue, { kind: 'array' }>;

const movedArrays = new WeakMap<ArrayValue, { inOrder?: ArrayValue; anywhere?: ArrayValue }>();

function applyInOrder(
  array: ArrayValue,
  mutations: readonly Mutation[],
  valueOf: (node: TSESTree.Node) => () => Values,
): ArrayValue {
  const elements = [...array.elements];
  for (const [at, mutation] of mutations.entries()) {
    if (mutation.kind === 'shift' && (elements.length > 0 || !array.open)) elements.shift();
    else if (mutation.kind === 'unshift' && mutation.values !== undefined)
      elements.unshift(...mutation.values.map(valueOf));
    else if (mutation.kind === 'reverse' && !array.open) elements.reverse();
    else if (mutation.kind === 'set' && mutation.index !== undefined && mutation.index < elements.length)
      elements[mutation.index] = valueOf(mutation.value);
    else if (mutation.kind === 'set' && mutation.index === elements.length && !array.open)
      elements.push(valueOf(mutation.value));
    else return withoutPositions({ ...array, elements }, mutations.slice(at), valueOf);
  }
  return { ...array, elements };
}

/** Every element (and every value a mutation gives) may be at any position: each is their union, more unknown. */
function withoutPositions(
  array: ArrayValue,
  mutations: readonly Mutation[],
  valueOf: (node: TSESTree.Node) => () => Values,
): ArrayValue {
  const given = mutations.flatMap((mutation) => givenValues(mutation).map(valueOf));
  const all = [...array.elements, ...given].slice(0, MAX_ALTERNATIVES);
  let merged: Values | undefined;
  const any = (): Values => (merged ??= union(...all.map((element) => element())));
  return { kind: 'array', elements: all.map(() => any), open: true };
}

/** The values a mutation puts into the array. */
function givenValues(mutation: Mutation): readonly TSESTree.Node[] {
  switch (mutation.kind) {
    case 'set':
      return [mutation.value];
    case 'unshift':
    case 'reorder':
      return mutation.values ?? [];
    default:
      return [];
  }
}
