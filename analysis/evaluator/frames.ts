import type { TSESTree } from '@typescript-eslint/utils';
import type { CallNode, ClassLike, FunctionNode } from '../ast.js';
import { type Values, elementAt } from './values.js';

/**
 * A frame binds one function's parameters for one way of calling it: the
 * arguments of a call site (`save(HOSTS)`), or values handed to a callback
 * (`paths.forEach((p) => ...)` gets the elements of `paths`). Evaluating a
 * node under a frame substitutes those values for the parameter markers the
 * node would otherwise yield.
 *
 * Frames are interned per linted file (same function, call, caller and
 * instance: the same frame), so results under a frame are memoised like
 * results without one, and re-instantiating a helper for the same call site
 * costs nothing the second time.
 */
export interface Frame {
  readonly id: number;
  /** The function whose parameters this frame binds. */
  readonly fn: FunctionNode;
  /** The call site, when the frame comes from one. */
  readonly call: CallNode | undefined;
  /** Argument values by parameter index (lazy, memoised). */
  argument(index: number): Values;
  /** Whether argument `index` is absent (the parameter's default applies). */
  omitted(index: number): boolean;
  /** The frame the call happened in: searched for the bindings of enclosing functions. */
  readonly caller: Frame | undefined;
  /** For a method called on an instance: the constructor's frame (`this.x` fields read through it). */
  readonly instance: Frame | undefined;
  /** For an inherited method called on an instance of a subclass: that class (`this.x` is looked up there first). */
  readonly receiver: ClassLike | undefined;
  /** Frames above this one, for the nesting bound. */
  readonly depth: number;
}

// An omitted argument is `undefined`.
const ABSENT: Values = { items: [{ kind: 'nullish' }], complete: true };

/** How deep frames nest: a helper called from a helper called from ... */
export const MAX_FRAME_DEPTH = 6;

export interface FrameArguments {
  /** Argument `index` (`undefined`: absent). */
  readonly nodes?: readonly (TSESTree.Node | undefined)[];
  /** Evaluates an argument node, in the caller's module and frame. */
  readonly evaluate?: (node: TSESTree.Node) => Values;
  /** Values given directly (callbacks). */
  readonly values?: readonly Values[];
}

/** Interns frames for one linted file. */
export class FrameTable {
  private readonly frames = new Map<string, Frame>();
  private readonly nodeIds = new WeakMap<object, number>();
  private nextNodeId = 1;
  private nextFrameId = 1;

  private idOf(node: object | undefined): number {
    if (node === undefined) return 0;
    let id = this.nodeIds.get(node);
    if (id === undefined) {
      id = this.nextNodeId++;
      this.nodeIds.set(node, id);
    }
    return id;
  }

  /**
   * The frame for calling `fn` with `args`; `key` distinguishes frames that
   * have no call node (a callback's element values). Undefined past the
   * nesting bound.
   */
  frame(
    fn: FunctionNode,
    call: CallNode | undefined,
    args: FrameArguments,
    caller: Frame | undefined,
    instance: Frame | undefined,
    key: object | undefined = call,
    receiver?: ClassLike,
  ): Frame | undefined {
    const depth = Math.max(caller?.depth ?? 0, instance?.depth ?? 0) + 1;
    if (depth > MAX_FRAME_DEPTH) return undefined;
    const id = `${this.idOf(fn)}|${this.idOf(key)}|${caller?.id ?? 0}|${instance?.id ?? 0}|${this.idOf(receiver)}`;
    let frame = this.frames.get(id);
    if (frame === undefined) {
      frame = new CallFrame(this.nextFrameId++, fn, call, caller, instance, receiver, depth, args);
      this.frames.set(id, frame);
    }
    return frame;
  }
}

/** A class, not an object of closures: a file can intern one frame per call site, and each is kept for the lint. */
class CallFrame implements Frame {
  readonly id: number;
  readonly fn: FunctionNode;
  readonly call: CallNode | undefined;
  readonly caller: Frame | undefined;
  readonly instance: Frame | undefined;
  readonly receiver: ClassLike | undefined;
  readonly depth: number;
  private readonly args: FrameArguments;
  // Argument values by index, evaluated on first use.
  private readonly values: (Values | undefined)[] = [];

  constructor(
    id: number,
    fn: FunctionNode,
    call: CallNode | undefined,
    caller: Frame | undefined,
    instance: Frame | undefined,
    receiver: ClassLike | undefined,
    depth: number,
    args: FrameArguments,
  ) {
    this.id = id;
    this.fn = fn;
    this.call = call;
    this.caller = caller;
    this.instance = instance;
    this.receiver = receiver;
    this.depth = depth;
    this.args = args;
  }

  omitted(index: number): boolean {
    const { nodes, values } = this.args;
    if (values !== undefined) return values[index] === undefined;
    // After a spread (`fn(...args)`), an argument may be there.
    return nodes?.[index] === undefined && spreadBefore(nodes, index) === undefined;
  }

  argument(index: number): Values {
    let value = this.values[index];
    if (value === undefined) {
      const { nodes, evaluate, values } = this.args;
      const node = nodes?.[index];
      const spread = values === undefined ? spreadBefore(nodes, index) : undefined;
      value =
        values !== undefined
          ? (values[index] ?? { items: [], complete: false })
          : evaluate === undefined
            ? ABSENT
            : spread !== undefined
              ? elementAt(evaluate(spread.node.argument), index - spread.at)
              : node === undefined
                ? ABSENT
                : evaluate(node);
      this.values[index] = value;
    }
    return value;
  }
}

/** The innermost frame in `frame`'s chains (own, instance, callers) that binds `fn`. */
export function frameBinding(frame: Frame | undefined, fn: FunctionNode): Frame | undefined {
  let found: Frame | undefined;
  someFrame(frame, (current) => {
    if (current.fn !== fn) return false;
    found = current;
    return true;
  });
  return found;
}

/** True when `test` holds for some frame in `frame`'s chains (callers and instances). */
export function someFrame(frame: Frame | undefined, test: (frame: Frame) => boolean): boolean {
  // Depth is bounded by MAX_FRAME_DEPTH, so a plain search is enough.
  const seen = new Set<number>();
  const stack: Frame[] = frame === undefined ? [] : [frame];
  while (stack.length > 0) {
    const current = stack.pop() as Frame;
    if (seen.has(current.id)) continue;
    seen.add(current.id);
    if (test(current)) return true;
    if (current.instance !== undefined) stack.push(current.instance);
    if (current.caller !== undefined) stack.push(current.caller);
  }
  return false;
}

/**
 * The spread argument `index` falls in (`fn(...args)`, `fn(a, ...rest)`), when it is the first
 * spread of the call: the arguments after a second spread have no known position.
 */
function spreadBefore(
  nodes: readonly (TSESTree.Node | undefined)[] | undefined,
  index: number,
): { node: TSESTree.SpreadElement; at: number } | undefined {
  if (nodes === undefined) return undefined;
  for (let at = 0; at <= index && at < nodes.length; at++) {
    const node = nodes[at];
    if (node?.type === 'SpreadElement')
      return at === index || !nodes.slice(at + 1, index + 1).some(isSpread) ? { node, at } : undefined;
  }
  return undefined;
}

function isSpread(node: TSESTree.Node | undefined): boolean {
  return node?.type === 'SpreadElement';
}
