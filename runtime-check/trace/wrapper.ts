/**
 * The one wrapper every hook installs: decides from the arguments alone
 * whether the call is a write-open, records it if so, then calls the
 * original with the same `this` and arguments and returns (or throws)
 * whatever it does, synchronously. Reads go straight through.
 */
import type { OpenFacts, Recorder } from './recorder.js';

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

const WRAPPED = Symbol.for('wimboot.trace.wrapped');

export interface WrapOptions {
  /** Decides the call; throwing is recorded as a tracer failure and the call goes through untraced. */
  decide(args: ArrayLike<unknown>): OpenFacts | undefined;
  /** Runs after a traced call returned. */
  afterTraced?(facts: OpenFacts): void;
  /** Calls the original with another `this` (koffi's `fn.async` wants the function itself). */
  thisFor?(self: unknown): unknown;
  /** What the caller gets instead of the original's result (koffi: a library whose functions are wrapped). */
  transform?(result: unknown, args: ArrayLike<unknown>): unknown;
}

/** Marks a function as the tracer's, so nothing is wrapped twice. */
export function markWrapped(fn: object): void {
  Object.defineProperty(fn, WRAPPED, { value: true });
}

export function isWrapped(value: unknown): boolean {
  return typeof value === 'function' && (value as { [WRAPPED]?: boolean })[WRAPPED] === true;
}

/** name, length and whatever else the original carries (util.promisify.custom, koffi's `async`...). */
export function copyOwnProperties(from: object, to: object): void {
  for (const key of Reflect.ownKeys(from)) {
    if (key === 'prototype') continue;
    const descriptor = Object.getOwnPropertyDescriptor(from, key);
    if (descriptor !== undefined) Object.defineProperty(to, key, descriptor);
  }
}

export function traceWrapper(original: unknown, api: string, recorder: Recorder, options: WrapOptions): AnyFunction {
  const call = original as AnyFunction;
  const { decide, afterTraced, thisFor, transform } = options;
  // An error the original throws is never caught here: it leaves exactly as
  // thrown (identity, message, where Node says it was thrown). V8 is asked for
  // one frame more while the original runs, this wrapper's, so the error keeps
  // every frame it would have had untraced; its stack has that one line more.
  const wrapper = function (this: unknown) {
    // eslint-disable-next-line prefer-rest-params -- the exact arguments object, whatever its length
    const args = arguments;
    const self = thisFor === undefined ? this : thisFor(this);
    let facts: OpenFacts | undefined;
    try {
      facts = decide(args);
    } catch (error) {
      recorder.fail(api, error);
    }
    const entered = facts !== undefined && recorder.enter(facts, wrapper);
    const limit = Error.stackTraceLimit;
    const adjust = typeof limit === 'number' && Number.isFinite(limit);
    if (adjust) Error.stackTraceLimit = limit + 1;
    let result: unknown;
    try {
      result = Reflect.apply(call, self, args);
    } finally {
      if (adjust) Error.stackTraceLimit = limit;
      if (entered) recorder.leave();
    }
    if (facts !== undefined && afterTraced !== undefined) afterTraced(facts);
    if (transform === undefined) return result;
    try {
      return transform(result, args);
    } catch (error) {
      recorder.fail(api, error);
      return result;
    }
  };
  copyOwnProperties(call, wrapper);
  markWrapped(wrapper);
  return wrapper;
}
