import type { TSESTree } from '@typescript-eslint/utils';
import {
  type CallNode,
  type ClassNode,
  type FunctionNode,
  isFunctionNode,
  isStaticMember,
  outermostTransparent,
  skipTransparent,
  staticMemberName,
  walk,
} from '../ast.js';
import {
  callBuiltin,
  isMapObject,
  isPathPreservingStringMethod,
  isTextTest,
  splitString,
  stringMethod,
  textTest,
  stripTrailingNul,
  utilityBeltFunction,
} from './builtins.js';
import type { Evaluator } from './evaluate.js';
import { appendElementsOf, elementsOf } from './evaluate.js';
import { anyMember } from './members.js';
import { type Frame, frameBinding } from './frames.js';
import {
  type AbstractValue,
  type Values,
  MAX_ALTERNATIVES,
  NULLISH_VALUE,
  UNKNOWN,
  concat,
  known,
  singleText,
  text,
  union,
} from './values.js';

/**
 * Calls: of modelled built-ins (builtins.ts), of functions of the project
 * (their return values, under a frame binding the call's arguments), `new`
 * of classes (an instance remembering the constructor's arguments), and the
 * array, promise and Object methods that pass values through.
 */

type CallArgument = TSESTree.CallExpressionArgument;

/** Array methods whose result holds (some of) the receiver's elements. */
const ELEMENT_PRESERVING = new Set(['filter', 'slice', 'concat', 'sort', 'reverse', 'toSorted', 'toReversed', 'flat']);
/** Array methods whose result is one of the receiver's elements. */
const ELEMENT_PICKING = new Set(['find', 'findLast', 'at', 'pop', 'shift']);
/** Array methods whose callback gets each element as its first parameter (reduce: second). */
const ELEMENT_CALLBACKS = new Set([
  'forEach',
  'map',
  'filter',
  'find',
  'findLast',
  'findIndex',
  'some',
  'every',
  'flatMap',
]);
/** Compiler interop helpers (tsc, Babel): the module they wrap is the module (`.default` of a package is the package). */
const INTEROP_HELPERS = new Set([
  '__importDefault',
  '__importStar',
  '_interopRequireDefault',
  '_interopRequireWildcard',
  '__toESM',
  '__toCommonJS',
]);

/**
 * The callee values and effective arguments of a call, seeing through `.call(thisArg, …)`,
 * `.apply(thisArg, [a, b])`, `Reflect.apply(f, thisArg, [a, b])` and bound arguments
 * (`f.bind(thisArg, a)(b)`, or through a `const` holding the bound function): the arguments the
 * function itself receives, whose nodes may then lie outside the call (a bound argument, at the
 * `bind`).
 */
export function calleeOf(
  evaluator: Evaluator,
  node: CallNode,
  frame?: Frame,
): { callee: Values; args: readonly CallArgument[] } {
  const callee = skipTransparent(node.callee);
  if (node.type === 'CallExpression' && isStaticMember(callee)) {
    const method = callee.property.name;
    if (method === 'apply' && isReflect(evaluator, callee.object, frame)) {
      const [fn, , list] = node.arguments;
      const listed = listedArguments(list);
      if (fn !== undefined && fn.type !== 'SpreadElement' && listed !== undefined) {
        return { callee: evaluator.evaluate(fn, frame), args: listed };
      }
    } else if (method === 'call' || method === 'apply') {
      const args = method === 'call' ? node.arguments.slice(1) : listedArguments(node.arguments[1]);
      const target = args === undefined ? undefined : evaluator.evaluate(callee.object, frame);
      if (target !== undefined && args !== undefined && target.items.some(isCallable)) {
        return withBoundArguments(evaluator, callee.object, frame, args) ?? { callee: target, args };
      }
    }
  }
  return (
    withBoundArguments(evaluator, callee, frame, node.arguments) ?? {
      callee: evaluator.evaluate(node.callee, frame),
      args: node.arguments,
    }
  );
}

/**
 * The arguments an argument list gives: the elements of an array literal (up to a spread or
 * hole), or for any other expression (`fn.apply(this, arguments)`, `fn.apply(null, args)`) one
 * spread of it, as if written `fn(...args)`. Undefined when there is none.
 */
function listedArguments(list: CallArgument | undefined): CallArgument[] | undefined {
  if (list === undefined || list.type === 'SpreadElement') return undefined;
  const array = skipTransparent(list);
  if (array.type !== 'ArrayExpression') return [spreadOf(list)];
  const args: CallArgument[] = [];
  for (const element of array.elements) {
    if (element === null || element.type === 'SpreadElement') break;
    args.push(element);
  }
  return args;
}

/**
 * `...args` read at an offset: the argument a spread gives at a position after its own
 * (`copyFileSync(...args)`'s destination is `args[1]`). One node per spread and offset, where the
 * spread is, so memoised results stay valid; the evaluator reads it as that element.
 */
const offsetSpreads = new WeakMap<TSESTree.SpreadElement, TSESTree.SpreadElement[]>();
const spreadOffsets = new WeakMap<TSESTree.Node, number>();

export function spreadElementAt(spread: TSESTree.SpreadElement, offset: number): TSESTree.SpreadElement {
  if (offset === 0) return spread;
  let byOffset = offsetSpreads.get(spread);
  if (byOffset === undefined) {
    byOffset = [];
    offsetSpreads.set(spread, byOffset);
  }
  let node = byOffset[offset];
  if (node === undefined) {
    node = { ...spread };
    byOffset[offset] = node;
    spreadOffsets.set(node, offset);
  }
  return node;
}

/** The offset `spreadElementAt` gave a spread (0 for one as written). */
export function spreadOffset(node: TSESTree.SpreadElement): number {
  return spreadOffsets.get(node) ?? 0;
}

const spreads = new WeakMap<TSESTree.Expression, TSESTree.SpreadElement>();

/** `...list` for an argument list given whole: one node per list (memoised results stay valid), where the list is. */
function spreadOf(list: TSESTree.Expression): TSESTree.SpreadElement {
  let spread = spreads.get(list);
  if (spread === undefined) {
    spread = {
      type: 'SpreadElement',
      argument: list,
      range: list.range,
      loc: list.loc,
      parent: list.parent,
    } as TSESTree.SpreadElement;
    spreads.set(list, spread);
  }
  return spread;
}

/** `Reflect` the global (not a binding of that name). */
function isReflect(evaluator: Evaluator, node: TSESTree.Node, frame: Frame | undefined): boolean {
  if (skipTransparent(node).type !== 'Identifier') return false;
  const [only] = evaluator.evaluate(node, frame).items;
  return only?.kind === 'module' && only.module === 'global' && only.path.join('.') === 'Reflect';
}

/**
 * `f.bind(thisArg, a, b)` as the callee, directly or through a `const` it initialises: `f` called
 * with `a, b` before `args`. Undefined for anything else (a bind without arguments is `f`
 * itself, methodCall).
 */
function withBoundArguments(
  evaluator: Evaluator,
  callee: TSESTree.Node,
  frame: Frame | undefined,
  args: readonly CallArgument[],
): { callee: Values; args: readonly CallArgument[] } | undefined {
  let bind = skipTransparent(callee);
  if (bind.type === 'Identifier') {
    if (!evaluator.index.bindsArguments) return undefined;
    const variable = evaluator.findVariable(bind);
    const [definition] = variable?.defs ?? [];
    if (
      variable?.defs.length !== 1 ||
      definition?.type !== 'Variable' ||
      definition.parent.kind !== 'const' ||
      definition.node.init === null
    ) {
      return undefined;
    }
    bind = skipTransparent(definition.node.init);
  }
  if (bind.type === 'CallExpression' && isPartialApplication(evaluator, bind, frame)) {
    // `_.partial(fs.appendFileSync, HOSTS)`: the function, then the arguments given first.
    const [fn, ...given] = bind.arguments;
    if (fn === undefined || fn.type === 'SpreadElement' || given.length === 0) return undefined;
    if (given.some((arg) => arg.type === 'SpreadElement')) return undefined;
    const applied = evaluator.evaluate(fn, evaluator.relevantFrame(bind, frame));
    return applied.items.some(isCallable) ? { callee: applied, args: [...given, ...args] } : undefined;
  }
  if (bind.type !== 'CallExpression' || !isStaticMember(bind.callee) || bind.callee.property.name !== 'bind') {
    return undefined;
  }
  const bound = bind.arguments.slice(1);
  if (bound.length === 0 || bound.some((arg) => arg.type === 'SpreadElement')) return undefined;
  const target = evaluator.evaluate(bind.callee.object, evaluator.relevantFrame(bind, frame));
  return target.items.some(isCallable) ? { callee: target, args: [...bound, ...args] } : undefined;
}

/** `_.partial(f, …)` of lodash or underscore (also `lodash/partial`, `lodash.partial`). */
function isPartialApplication(evaluator: Evaluator, call: TSESTree.CallExpression, frame: Frame | undefined): boolean {
  const callee = skipTransparent(call.callee);
  const name = callee.type === 'Identifier' ? callee.name : isStaticMember(callee) ? callee.property.name : undefined;
  if (name !== 'partial' && callee.type !== 'Identifier') return false;
  return evaluator
    .evaluate(callee, frame)
    .items.some((item) => item.kind === 'module' && utilityBeltFunction(item.module, item.path) === 'partial');
}

/** Values `.call` may be Function.prototype.call of (koffi's own `koffi.call` is not). */
function isCallable(item: AbstractValue): boolean {
  if (item.kind === 'module') return !(item.module === 'koffi' && item.path.length === 0);
  return item.kind === 'function' || item.kind === 'class' || item.kind === 'call' || item.kind === 'member';
}

export function evaluateCall(evaluator: Evaluator, node: CallNode, frame: Frame | undefined): Values {
  const callee = skipTransparent(node.callee);
  if (node.type === 'CallExpression' && isStaticMember(callee)) {
    const special = methodCall(evaluator, node, callee, frame);
    if (special !== undefined) return special;
  }
  const { callee: callees, args } = evaluator.calleeOf(node, frame);
  const results: Values[] = [];
  for (const item of callees.items) results.push(callValue(evaluator, item, node, args, frame));
  const merged = union(...results);
  return { items: merged.items, complete: merged.complete && callees.complete };
}

/** `table.get(key)` of a `new Map(…)`: its entry, or any entry for a key not known. Undefined for anything else. */
function mapEntry(
  evaluator: Evaluator,
  receiver: Values,
  node: TSESTree.CallExpression,
  frame: Frame | undefined,
): Values | undefined {
  const maps = receiver.items.length > 0 && receiver.items.every(isMapObject);
  const stores = receiver.items.length > 0 && receiver.items.every(isStoreInstance);
  if (!maps && !stores) return undefined;
  const [keyNode, ...rest] = node.arguments;
  if (keyNode === undefined || keyNode.type === 'SpreadElement') return UNKNOWN;
  // A store's `get(key, fallback)`: the fallback may be what it gives. More arguments, or a function
  // (`router.get('/x', handler)`): no store read.
  const [fallback, ...more] = rest;
  if (stores && (more.length > 0 || (fallback !== undefined && isFunctionNode(fallback)))) return undefined;
  const key = evaluator.evaluate(keyNode, frame);
  const name = key.complete ? singleText(key) : undefined;
  const entries = !maps
    ? storeDefaults(evaluator, receiver, name, frame)
    : name === undefined
      ? anyMember(receiver)
      : evaluator.memberValues(receiver, name, frame);
  // `m.set('key', x)` anywhere in the module on the same variable: x too (`delete` is not followed).
  const object = skipTransparent((node.callee as TSESTree.MemberExpression).object);
  const variable = name !== undefined && object.type === 'Identifier' ? evaluator.findVariable(object) : null;
  const sets = variable === null || name === undefined ? [] : evaluator.index.keyedSets(variable, name);
  // `Map#get` ignores a second argument; a store's default, when it has one for the key, always wins.
  const usesFallback =
    stores && entries.items.length === 0 && fallback !== undefined && fallback.type !== 'SpreadElement';
  const values = union(
    entries,
    ...sets.slice(0, MAX_ALTERNATIVES).map((value) => evaluator.assignedValue(value, frame, node)),
    ...(usesFallback ? [evaluator.evaluate(fallback, frame)] : []),
  );
  return { items: values.items, complete: false };
}

/**
 * An instance of a package's class (`new Store()`, `new Conf({ defaults })`): read with `get(key)`
 * and written with `set(key, value)` as a keyed store (electron-store, conf, an LRU cache, Headers).
 */
function isStoreInstance(value: AbstractValue): boolean {
  return value.kind === 'call' && value.node.type === 'NewExpression' && value.callee.kind === 'module';
}

/** `new Store({ defaults: { dir: X } }).get('dir')`: X (electron-store's and conf's `defaults` option). */
function storeDefaults(
  evaluator: Evaluator,
  receiver: Values,
  key: string | undefined,
  frame: Frame | undefined,
): Values {
  const found: Values[] = [];
  for (const item of receiver.items) {
    if (item.kind !== 'call' || key === undefined) continue;
    const [options] = item.args;
    if (options === undefined || options.type === 'SpreadElement') continue;
    const defaults = evaluator.memberValues(evaluator.evaluate(options, item.frame ?? frame), 'defaults', frame);
    found.push(evaluator.memberValues(defaults, key, frame));
  }
  return union(...found);
}

/** Elements joined at most: a longer array literal is no path. */
const MAX_JOINED_ELEMENTS = 32;

/**
 * `[root, 'System32', 'drivers'].join(path.sep)`: the elements with the separator between them.
 * Undefined when the receiver is no array (`path.join()` is a call of the path module).
 */
function joinElements(
  evaluator: Evaluator,
  receiver: Values,
  node: TSESTree.CallExpression,
  frame: Frame | undefined,
): Values | undefined {
  if (receiver.items.length === 0 || !receiver.items.every((item) => item.kind === 'array')) return undefined;
  const [separatorNode] = node.arguments;
  const separator =
    separatorNode === undefined
      ? known(text(','))
      : separatorNode.type === 'SpreadElement'
        ? UNKNOWN
        : evaluator.evaluate(separatorNode, frame);
  const joined = receiver.items.map((array): Values => {
    if (array.kind !== 'array' || array.open || array.elements.length > MAX_JOINED_ELEMENTS) return UNKNOWN;
    let result: Values = known(text(''));
    for (const [index, element] of array.elements.entries()) {
      result = concat(index === 0 ? result : concat(result, separator), element());
    }
    return result;
  });
  const merged = union(...joined);
  return { items: merged.items, complete: merged.complete && receiver.complete };
}

/**
 * A receiver the evaluator knows nothing of (a parameter, an unmodelled call's result): `ids.map(f)`
 * then is what `f` returns, as for an array of unknown elements. Known objects, instances and
 * modules may have a `map` of their own.
 */
function isOpaque(receiver: Values): boolean {
  return receiver.items.every(
    (item) =>
      item.kind === 'call' ||
      item.kind === 'member' ||
      (item.kind === 'string' && item.parts.every((part) => part.kind === 'unknown')),
  );
}

/**
 * `a.concat(b, [c])` of an array: its elements, then each argument's (an array argument adds its
 * elements, anything else is one element). Open when any part is, or when an argument is spread.
 */
function concatArrays(
  receiver: Values,
  args: readonly TSESTree.CallExpressionArgument[],
  evaluate: (node: TSESTree.Node) => Values,
): Values {
  const elements: (() => Values)[] = [];
  const add = (values: Values): boolean => {
    if (values.items.some((item) => item.kind === 'array')) return appendElementsOf(elements, values);
    elements.push(() => values); // an argument that is no array is one element
    return false;
  };
  let open = add(receiver);
  for (const arg of args) {
    // A spread argument adds elements not known.
    if (arg.type === 'SpreadElement') open = true;
    else open = add(evaluate(arg)) || open;
  }
  return known({ kind: 'array', elements, open });
}

/** `fn.bind(x)`, `s.toString()`, array and promise methods: the receiver's values carried through. */
function methodCall(
  evaluator: Evaluator,
  node: TSESTree.CallExpression,
  callee: TSESTree.MemberExpression & { property: TSESTree.Identifier },
  frame: Frame | undefined,
): Values | undefined {
  const name = callee.property.name;
  // `fn.bind(thisArg)` is the same function; bound arguments would shift positions.
  if (name === 'bind') return node.arguments.length <= 1 ? evaluator.evaluate(callee.object, frame) : UNKNOWN;
  if (
    name !== 'toString' &&
    name !== 'then' &&
    name !== 'catch' &&
    name !== 'finally' &&
    !ELEMENT_PRESERVING.has(name) &&
    !ELEMENT_PICKING.has(name) &&
    name !== 'map' &&
    name !== 'join' &&
    name !== 'get' &&
    name !== 'split' &&
    !isPathPreservingStringMethod(name) &&
    !isTextTest(name)
  ) {
    return undefined;
  }
  const receiver = evaluator.evaluate(callee.object, frame);
  if (isTextTest(name)) return textTest(receiver, name, node.arguments, (arg) => evaluator.evaluate(arg, frame));
  if (name === 'concat' && receiver.items.some((item) => item.kind === 'array')) {
    return concatArrays(receiver, node.arguments, (arg) => evaluator.evaluate(arg, frame));
  }
  if (isPathPreservingStringMethod(name)) {
    return stringMethod(receiver, name, node.arguments, (arg) => evaluator.evaluate(arg, frame));
  }
  if (name === 'join') return joinElements(evaluator, receiver, node, frame);
  if (name === 'split') return splitString(receiver, node.arguments, (arg) => evaluator.evaluate(arg, frame));
  if (name === 'get') return mapEntry(evaluator, receiver, node, frame);
  if (name === 'toString' && node.arguments.length === 0) {
    return receiver.items.every((item) => item.kind === 'string') ? receiver : UNKNOWN;
  }
  if (name === 'then' || name === 'catch' || name === 'finally') {
    // Flow-insensitive promises: a promise is the value it resolves to.
    if (name !== 'then') return receiver;
    const handler = node.arguments[0];
    if (handler === undefined || handler.type === 'SpreadElement') return receiver;
    const handlers = evaluator.evaluate(handler, frame);
    const results = handlers.items.map((item) =>
      item.kind === 'function' ? callFunctionWith(evaluator, item, node, { values: [receiver] }, frame) : UNKNOWN,
    );
    return results.length === 0 ? UNKNOWN : union(...results);
  }
  const mapsUnknown = name === 'map' && isOpaque(receiver);
  if (!mapsUnknown && !receiver.items.some((item) => item.kind === 'array')) return undefined;
  if (ELEMENT_PICKING.has(name)) return elementsOf(receiver);
  if (name === 'map') {
    const mapper = node.arguments[0];
    if (mapper === undefined || mapper.type === 'SpreadElement') return UNKNOWN;
    const mapped = union(
      ...evaluator
        .evaluate(mapper, frame)
        .items.map((item) =>
          item.kind === 'function'
            ? callFunctionWith(evaluator, item, node, { values: [mapsUnknown ? UNKNOWN : elementsOf(receiver)] }, frame)
            : UNKNOWN,
        ),
    );
    return known({ kind: 'array', elements: [() => mapped], open: true });
  }
  // filter, slice, sort...: some of the same elements.
  const items = receiver.items.map((item): AbstractValue => (item.kind === 'array' ? { ...item, open: true } : item));
  return { items, complete: receiver.complete };
}

function callValue(
  evaluator: Evaluator,
  callee: AbstractValue,
  node: CallNode,
  args: readonly CallArgument[],
  frame: Frame | undefined,
): Values {
  switch (callee.kind) {
    case 'module': {
      // `require('./x')`: a project module when it names one (else the package, as builtins.ts models it).
      if (callee.module === '<require>' && callee.path.length === 0) {
        const [specifier] = args;
        if (specifier !== undefined && specifier.type !== 'SpreadElement') return evaluator.moduleOf(specifier, frame);
      }
      const modelled = callBuiltin(callee, args, node.type === 'NewExpression', (arg) =>
        evaluator.evaluate(arg, frame),
      );
      if (modelled !== undefined) return modelled;
      if (callee.module === 'global' && callee.path.join('.') === 'Promise' && node.type === 'NewExpression') {
        return promiseExecutorValue(evaluator, args[0], frame);
      }
      return known(
        frame === undefined ? { kind: 'call', callee, args, node } : { kind: 'call', callee, args, node, frame },
      );
    }
    case 'function':
      if (INTEROP_HELPERS.has(functionName(callee.node) ?? '')) {
        const [first] = args;
        return first === undefined || first.type === 'SpreadElement' ? UNKNOWN : evaluator.evaluate(first, frame);
      }
      if (node.type === 'NewExpression') {
        const constructed = constructFunction(evaluator, callee, node, args, frame);
        if (constructed !== undefined) return constructed;
      }
      return callFunctionWith(
        evaluator,
        callee,
        node,
        { nodes: args, evaluate: (arg) => evaluator.evaluate(arg, frame) },
        frame,
      );
    case 'class':
      return node.type === 'NewExpression' ? construct(evaluator, callee.node, node, args, frame) : UNKNOWN;
    case 'namespace': {
      // `require('./x')()` where `module.exports = function …`, `new (require('./x'))()` of a class.
      const exported = evaluator.host.exportValue(callee.file, 'module.exports');
      return union(
        ...exported.items
          .filter((item) => item.kind === 'function' || item.kind === 'class')
          .map((item) => callValue(evaluator, item, node, args, frame)),
      );
    }
    case 'call':
    case 'member':
      return known(
        frame === undefined ? { kind: 'call', callee, args, node } : { kind: 'call', callee, args, node, frame },
      );
    default:
      return UNKNOWN;
  }
}

/** `new C(args)`: an instance whose constructor parameters are bound to the arguments. */
function construct(
  evaluator: Evaluator,
  classNode: Extract<AbstractValue, { kind: 'class' }>['node'],
  node: CallNode,
  args: readonly CallArgument[],
  frame: Frame | undefined,
): Values {
  const owner = evaluator.host.evaluatorFor(classNode) ?? evaluator;
  // A class without a constructor of its own passes its arguments to the nearest one it inherits.
  const constructor = inheritedConstructor(owner, classNode);
  if (constructor === undefined) return known({ kind: 'instance', node: classNode });
  const bound = evaluator.host.frames.frame(
    constructor,
    node,
    { nodes: args, evaluate: (arg) => evaluator.evaluate(arg, frame) },
    frame,
    undefined,
  );
  return known(
    bound === undefined ? { kind: 'instance', node: classNode } : { kind: 'instance', node: classNode, frame: bound },
  );
}

/** The constructor `new` runs for a class: its own, or the nearest ancestor's (a few levels up). */
export function inheritedConstructor(evaluator: Evaluator, classNode: ClassNode): FunctionNode | undefined {
  let current: ClassNode | undefined = classNode;
  let owner = evaluator;
  for (let level = 0; current !== undefined && level < MAX_INHERITANCE; level++) {
    const own = owner.index.classMembers(current).constructor;
    if (own !== undefined) return own;
    const superClass: TSESTree.Expression | null | undefined = current.superClass;
    if (superClass === null || superClass === undefined) return undefined;
    const parent: AbstractValue | undefined = owner.evaluate(superClass).items.find((item) => item.kind === 'class');
    current = parent?.kind === 'class' ? parent.node : undefined;
    if (current !== undefined) owner = owner.host.evaluatorFor(current) ?? owner;
  }
  return undefined;
}

/** Superclass levels followed to find an inherited constructor. */
const MAX_INHERITANCE = 4;

/**
 * `new F(args)` of a constructor function (ES5 classes): an instance of F whose frame binds the
 * arguments. Undefined for a function that returns something: it gives what it returns (a
 * factory called with `new`), as a call does.
 */
function constructFunction(
  evaluator: Evaluator,
  callee: Extract<AbstractValue, { kind: 'function' }>,
  node: CallNode,
  args: readonly CallArgument[],
  frame: Frame | undefined,
): Values | undefined {
  const fn = callee.node;
  if (fn.type === 'ArrowFunctionExpression' || fn.generator || fn.async) return UNKNOWN;
  const owner = evaluator.host.evaluatorFor(fn) ?? evaluator;
  if (owner.index.returnsOf(fn).length > 0) return undefined;
  const bound = evaluator.host.frames.frame(
    fn,
    node,
    { nodes: args, evaluate: (arg) => evaluator.evaluate(arg, frame) },
    frame,
    callee.frame,
  );
  return known(bound === undefined ? { kind: 'instance', node: fn } : { kind: 'instance', node: fn, frame: bound });
}

/**
 * The return values of a function called with `args` (its own module's
 * evaluator, under a new frame). Generators: unknown. No `return`: undefined.
 */
export function callFunctionWith(
  evaluator: Evaluator,
  callee: Extract<AbstractValue, { kind: 'function' }>,
  node: CallNode | undefined,
  args: {
    nodes?: readonly (TSESTree.Node | undefined)[];
    evaluate?: (node: TSESTree.Node) => Values;
    values?: readonly Values[];
  },
  frame: Frame | undefined,
  key?: object,
): Values {
  const fn = callee.node;
  if (fn.generator) return UNKNOWN;
  const owner = evaluator.host.evaluatorFor(fn) ?? evaluator;
  const bound = evaluator.host.frames.frame(fn, node, args, frame, callee.frame, key ?? node ?? fn, callee.receiver);
  if (bound === undefined) return UNKNOWN;
  const returned = owner.index.returnsOf(fn);
  if (returned.length === 0) return known(NULLISH_VALUE);
  const values = union(...returned.map((expression) => owner.evaluate(expression, bound)));
  // A string encoder of the project (`wide(s)`, for a native call's UTF-16 path): the string it encodes.
  if (values.items.every((item) => !PRIMITIVE_KINDS.has(item.kind)) && isStringEncoder(owner, fn, returned)) {
    return stripTrailingNul(frameBinding(bound, fn)?.argument(0) ?? UNKNOWN);
  }
  return values;
}

// What only code that encodes a string's characters says: the UTF-16 or UTF-8 encoders FFI code writes by hand.
const ENCODING_WORDS =
  /\b(?:charCodeAt|codePointAt|Uint16Array|TextEncoder|encodeInto)\b|(['"])(?:utf-?16le|ucs-?2)\1/iu;
const encoders = new WeakMap<FunctionNode, boolean>();
// A hash or a length computed from the characters is a number (or nothing yet): no encoding of the string.
const PRIMITIVE_KINDS = new Set<AbstractValue['kind']>(['string', 'number', 'bigint', 'boolean', 'nullish']);
// What an encoder returns: a buffer made (`new Uint8Array(…)`, `Buffer.from(…)`), a variable or member holding one.
const BUFFER_EXPRESSIONS = new Set(['NewExpression', 'CallExpression', 'Identifier', 'MemberExpression']);

// A literal naming a folder or drive (a separator or `C:\` in it): the function builds another path,
// and encodes that. Quoted texts are found first, then searched: one pass each, no backtracking.
const QUOTED_TEXT = /(['"`])([^'"`\n]*)\1/gu;
const PATH_SEPARATOR = /\\\\|:\\|\//u;

function namesAFolder(body: string): boolean {
  for (const [, , text] of body.matchAll(QUOTED_TEXT)) if (PATH_SEPARATOR.test(text ?? '')) return true;
  return false;
}

/** The parameter itself is encoded: `s.charCodeAt(`, `s.codePointAt(`, `[...s]`, `encode(s`, `from(s`. */
function encodesDirectly(name: string): RegExp {
  const id = name.replaceAll('$', '\\$');
  return new RegExp(
    `(?<![\\w$.])${id}\\s*\\.\\s*(?:charCodeAt|codePointAt)\\b|\\[\\s*\\.\\.\\.\\s*${id}\\s*\\]|(?:encode|encodeInto|from)\\(\\s*${id}(?![\\w$])`,
    'u',
  );
}

/**
 * A function that encodes its first parameter, a string (`function wide(s) { … s.charCodeAt(i) …
 * return new Uint8Array(buf.buffer); }`): its body names its first parameter and a way to encode
 * characters, and it returns a buffer, never arithmetic (a hash of the characters is no encoding).
 * Its result, which the evaluator cannot follow, stands for that string.
 */
function isStringEncoder(evaluator: Evaluator, fn: FunctionNode, returned: readonly TSESTree.Node[]): boolean {
  let answer = encoders.get(fn);
  if (answer === undefined) {
    const [first] = fn.params;
    const body = fn.body === null || fn.body === undefined ? '' : evaluator.module.getText(fn.body);
    answer =
      first?.type === 'Identifier' &&
      returned.every((expression) => BUFFER_EXPRESSIONS.has(skipTransparent(expression).type)) &&
      ENCODING_WORDS.test(body) &&
      !namesAFolder(body) &&
      encodesDirectly(first.name).test(body) &&
      !onlyAccumulates(evaluator, fn, first.name);
    encoders.set(fn, answer);
  }
  return answer;
}

/**
 * True when every `s.charCodeAt(…)`/`s.codePointAt(…)` of the parameter `s` feeds a scalar that
 * also takes its own old value (`h = (h * 31 + s.charCodeAt(i)) | 0`, `sum += s.codePointAt(i)`): a
 * hash or checksum of the characters, even when the function returns it in a buffer. One use that
 * keeps a character (`buf[i] = s.charCodeAt(i)`, `const c = s.charCodeAt(i)`) makes it an encoding.
 */
function onlyAccumulates(evaluator: Evaluator, fn: FunctionNode, name: string): boolean {
  if (fn.body === null || fn.body === undefined) return false;
  let uses = 0;
  let accumulated = 0;
  walk(fn.body, evaluator.module.visitorKeys, (node) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return;
    const method = staticMemberName(node.callee);
    const object = skipTransparent(node.callee.object);
    if ((method !== 'charCodeAt' && method !== 'codePointAt') || object.type !== 'Identifier' || object.name !== name)
      return;
    uses++;
    if (foldsIntoScalar(node)) accumulated++;
  });
  return uses > 0 && accumulated === uses;
}

/** True when a value is folded into a variable with its old value (`h = h * 31 + value`, `h += value`, `h ^= value`). */
function foldsIntoScalar(value: TSESTree.Node): boolean {
  let child: TSESTree.Node = value;
  for (let parent = value.parent; parent != null; child = parent, parent = parent.parent) {
    if (parent.type === 'AssignmentExpression') {
      if (parent.right !== child || parent.left.type !== 'Identifier') return false;
      return parent.operator !== '=' || mentions(parent.right, parent.left.name);
    }
    // Arithmetic, bit operations and grouping only: anything else (a call, a member, a store) keeps the value.
    if (parent.type !== 'BinaryExpression' && parent.type !== 'UnaryExpression') return false;
  }
  return false;
}

/** True when an arithmetic expression reads the identifier `name` (operands only: no calls or members are entered). */
function mentions(node: TSESTree.Node, name: string): boolean {
  const stack: TSESTree.Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as TSESTree.Node;
    if (current.type === 'Identifier' && current.name === name) return true;
    if (current.type === 'BinaryExpression') stack.push(current.left, current.right);
    else if (current.type === 'UnaryExpression') stack.push(current.argument);
  }
  return false;
}

/** `new Promise((resolve) => resolve(x))`: the values passed to `resolve`. */
function promiseExecutorValue(
  evaluator: Evaluator,
  executor: CallArgument | undefined,
  frame: Frame | undefined,
): Values {
  if (executor === undefined || !isFunctionNode(executor)) return UNKNOWN;
  const resolve = executor.params[0];
  if (resolve?.type !== 'Identifier') return UNKNOWN;
  const variable = evaluator.declaredVariables(executor).find((candidate) => candidate.name === resolve.name);
  if (variable === undefined) return UNKNOWN;
  const results: Values[] = [];
  for (const reference of variable.references) {
    const call = reference.identifier.parent;
    if (call?.type !== 'CallExpression' || call.callee !== reference.identifier) continue;
    const [value] = call.arguments;
    results.push(
      value === undefined || value.type === 'SpreadElement' ? known(NULLISH_VALUE) : evaluator.evaluate(value, frame),
    );
    if (results.length >= MAX_ALTERNATIVES) break;
  }
  return results.length === 0 ? UNKNOWN : union(...results);
}

/**
 * What a caller hands a callback's parameter: each element of the array
 * for `arr.forEach((p) => …)` and friends, the resolved value for
 * `promise.then((v) => …)`, what a function of the project calls it with
 * (`withTemp((p) => …)` where `withTemp` calls `fn(path)`); undefined when
 * the function is not such a callback.
 */
export function callbackArgument(
  evaluator: Evaluator,
  fn: FunctionNode,
  index: number,
  frame: Frame | undefined,
): Values | undefined {
  const call = fn.parent;
  if (call?.type !== 'CallExpression') return undefined;
  const position = call.arguments.indexOf(fn as CallArgument);
  if (position < 0) return undefined;
  const callee = skipTransparent(call.callee);
  if (isStaticMember(callee) && position === 0) {
    const name = callee.property.name;
    if (name === 'then') return index === 0 ? evaluator.evaluate(callee.object, frame) : undefined;
    const reduces = name === 'reduce' || name === 'reduceRight';
    if (ELEMENT_CALLBACKS.has(name) || reduces) {
      // The element is the callback's first parameter, a reducer's second.
      if (index !== (reduces ? 1 : 0)) return undefined;
      const receiver = evaluator.evaluate(callee.object, frame);
      return receiver.items.some((item) => item.kind === 'array') ? elementsOf(receiver) : undefined;
    }
  }
  return projectCallbackArgument(evaluator, call, position, index, frame);
}

/**
 * A callback given to a function of the project as argument `position`: what that function
 * passes as argument `index` where it calls the callback (`fn(x)`, `fn.call(thisArg, x)`),
 * under the frame of this call. Never complete: the function may also hand the callback on.
 */
function projectCallbackArgument(
  evaluator: Evaluator,
  call: TSESTree.CallExpression,
  position: number,
  index: number,
  frame: Frame | undefined,
): Values | undefined {
  const results: Values[] = [];
  for (const item of evaluator.calleeOf(call, frame).callee.items) {
    if (item.kind !== 'function') continue;
    const callee = item.node;
    const param = callee.params[position];
    const name =
      param?.type === 'Identifier'
        ? param.name
        : param?.type === 'AssignmentPattern' && param.left.type === 'Identifier'
          ? param.left.name
          : undefined;
    if (name === undefined) continue;
    const owner = evaluator.host.evaluatorFor(callee) ?? evaluator;
    const variable = owner.declaredVariables(callee).find((candidate) => candidate.name === name);
    const bound = evaluator.host.frames.frame(
      callee,
      call,
      { nodes: call.arguments, evaluate: (arg) => evaluator.evaluate(arg, frame) },
      frame,
      item.frame,
    );
    if (variable === undefined || bound === undefined) continue;
    for (const reference of variable.references) {
      // `fn(x)`, or `fn.call(thisArg, x)` (one argument further).
      let target: TSESTree.Node = outermostTransparent(reference.identifier);
      let shift = 0;
      if (
        target.parent?.type === 'MemberExpression' &&
        isStaticMember(target.parent) &&
        target.parent.property.name === 'call'
      ) {
        target = target.parent;
        shift = 1;
      }
      const inner = target.parent;
      if (inner?.type !== 'CallExpression' || inner.callee !== target) continue;
      const value = inner.arguments[index + shift];
      results.push(
        value === undefined
          ? known(NULLISH_VALUE)
          : value.type === 'SpreadElement'
            ? UNKNOWN
            : owner.evaluate(value, owner.relevantFrame(value, bound)),
      );
      if (results.length >= MAX_ALTERNATIVES) break;
    }
  }
  if (results.length === 0) return undefined;
  const merged = union(...results);
  return { items: merged.items, complete: false };
}

/** The name a function is known by: its own, the variable, property or method it is assigned to. */
export function functionName(fn: FunctionNode): string | undefined {
  if (fn.type !== 'ArrowFunctionExpression' && fn.id !== null && fn.id !== undefined) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (
    (parent?.type === 'Property' || parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') &&
    !parent.computed
  ) {
    return parent.key.type === 'Identifier' ? parent.key.name : undefined;
  }
  if (
    parent?.type === 'AssignmentExpression' &&
    parent.left.type === 'MemberExpression' &&
    isStaticMember(parent.left)
  ) {
    return parent.left.property.name;
  }
  return undefined;
}
