import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';

/**
 * The abstract values the evaluator computes. A string is a list of parts so
 * that unknown pieces (`*`), environment variables and parameters of local
 * functions survive concatenation and `path.join` and are decided later by the
 * classifier or at call sites.
 */

export type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/** A parameter of a local function, left symbolic so call sites can substitute it. */
export interface ParamRef {
  readonly variable: Scope.Variable;
  readonly fn: FunctionNode;
  readonly index: number;
}

export type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'env'; readonly name: string }
  | { readonly kind: 'unknown'; readonly param?: ParamRef };

export type AbstractValue =
  | { readonly kind: 'string'; readonly parts: readonly Part[] }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'bigint'; readonly value: bigint }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'nullish' }
  /** An object literal; property values are evaluated lazily. */
  | {
      readonly kind: 'object';
      readonly properties: ReadonlyMap<string, () => Values>;
      /** Spread or computed keys make other properties possible. */
      readonly open: boolean;
    }
  /** A member of a module, e.g. `fs` → ['promises', 'open']. */
  | {
      readonly kind: 'module';
      readonly module: string;
      readonly path: readonly string[];
      /** bluebird's promisifyAll: `xAsync` members map to `x`. */
      readonly promisifiedAll?: boolean;
    }
  /** `process.env`. */
  | { readonly kind: 'env-object' }
  /** A local function (for calls whose return value resolves). */
  | { readonly kind: 'function'; readonly node: FunctionNode }
  /** The result of calling or constructing a tracked value whose result has no model. */
  | {
      readonly kind: 'call';
      readonly callee: AbstractValue;
      readonly args: readonly TSESTree.CallExpressionArgument[];
      readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
    }
  /** A member of a call result, e.g. `lib.func` where `lib = koffi.load(...)`. */
  | { readonly kind: 'member'; readonly object: AbstractValue; readonly name: string };

export interface Values {
  readonly items: readonly AbstractValue[];
  /** False when the expression may also take values the evaluator could not see. */
  readonly complete: boolean;
}

/** Caps the number of alternatives so evaluation stays linear in the source size. */
export const MAX_ALTERNATIVES = 24;

export const UNKNOWN: Values = { items: [], complete: false };
export const NULLISH_VALUE: AbstractValue = { kind: 'nullish' };

export function known(...items: AbstractValue[]): Values {
  return { items, complete: true };
}

export function text(value: string): AbstractValue {
  return { kind: 'string', parts: value === '' ? [] : [{ kind: 'text', text: value }] };
}

export const UNKNOWN_STRING: AbstractValue = { kind: 'string', parts: [{ kind: 'unknown' }] };

/** Union of several value sets, bounded. */
export function union(...sets: Values[]): Values {
  const items: AbstractValue[] = [];
  let complete = true;
  for (const set of sets) {
    complete &&= set.complete;
    for (const item of set.items) {
      if (items.length >= MAX_ALTERNATIVES) {
        return { items, complete: false };
      }
      items.push(item);
    }
  }
  return { items, complete };
}

/** Merges adjacent text parts and drops empty ones. */
export function normaliseParts(parts: readonly Part[]): Part[] {
  const out: Part[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (part.kind === 'text') {
      if (part.text === '') {
        continue;
      }
      if (last?.kind === 'text') {
        out[out.length - 1] = { kind: 'text', text: last.text + part.text };
        continue;
      }
    } else if (
      part.kind === 'unknown' &&
      last?.kind === 'unknown' &&
      last.param === undefined &&
      part.param === undefined
    ) {
      continue;
    }
    out.push(part);
  }
  return out;
}

/** The string form of a primitive value, as JavaScript's `+` would produce it. */
export function toStringParts(value: AbstractValue): Part[] {
  switch (value.kind) {
    case 'string': {
      return [...value.parts];
    }
    case 'number':
    case 'bigint':
    case 'boolean': {
      return [{ kind: 'text', text: String(value.value) }];
    }
    default: {
      return [{ kind: 'unknown' }];
    }
  }
}

/** Cartesian concatenation of string alternatives, bounded. */
export function concat(left: Values, right: Values): Values {
  // A side we know nothing about is still a string once concatenated: `*`,
  // which stands for every value, so completeness is kept.
  const leftItems = left.items.length === 0 ? [UNKNOWN_STRING] : left.items;
  const rightItems = right.items.length === 0 ? [UNKNOWN_STRING] : right.items;
  const items: AbstractValue[] = [];
  let complete = (left.complete || left.items.length === 0) && (right.complete || right.items.length === 0);
  outer: for (const l of leftItems) {
    for (const r of rightItems) {
      if (items.length >= MAX_ALTERNATIVES) {
        complete = false;
        break outer;
      }
      items.push({ kind: 'string', parts: normaliseParts([...toStringParts(l), ...toStringParts(r)]) });
    }
  }
  return { items, complete };
}

/** True when a string value has no known part at all. */
export function isWhollyUnknown(value: AbstractValue): boolean {
  return value.kind === 'string' && value.parts.every((part) => part.kind === 'unknown');
}

/** The string values of a set (others dropped), keeping completeness honest. */
export function stringsOf(values: Values): Values {
  const items = values.items.filter((item) => item.kind === 'string');
  return { items, complete: values.complete && items.length === values.items.length };
}

/** Plain text of a fully known string value, else undefined. */
export function staticText(value: AbstractValue): string | undefined {
  if (value.kind !== 'string') {
    return undefined;
  }
  let out = '';
  for (const part of value.parts) {
    if (part.kind !== 'text') {
      return undefined;
    }
    out += part.text;
  }
  return out;
}
