import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type { CallNode, ClassLike, ClassNode, FunctionNode } from '../ast.js';
import type { Frame } from './frames.js';

/**
 * The abstract values the evaluator computes. A string is a list of parts so
 * that unknown pieces (`*`), environment variables and parameters of
 * functions survive concatenation and `path.join` and are decided later by the
 * classifier, or substituted where the function is called.
 *
 * Every operation here is bounded: at most MAX_ALTERNATIVES alternatives, and
 * a string longer than any path is not a path (`*`), so no input can make a
 * value grow without limit.
 */

export type { FunctionNode } from '../ast.js';

/** A parameter of a function, left symbolic so call sites can substitute it. */
export interface ParamRef {
  readonly variable: Scope.Variable;
  readonly fn: FunctionNode;
  readonly index: number;
}

export type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'env'; readonly name: string }
  /** Unknown text; a parameter marker when `param` is set (`path`: members read off the parameter). */
  | { readonly kind: 'unknown'; readonly param?: ParamRef; readonly path?: readonly string[] };

export type AbstractValue =
  | { readonly kind: 'string'; readonly parts: readonly Part[] }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'bigint'; readonly value: bigint }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'nullish' }
  /** An object; property values are evaluated lazily. */
  | {
      readonly kind: 'object';
      readonly properties: ReadonlyMap<string, () => Values>;
      /** Spread, computed keys or later assignments make other properties possible. */
      readonly open: boolean;
      /** The literal, when the object is one (its later member assignments are found through it). */
      readonly node?: TSESTree.ObjectExpression;
      /** Made by `new Map(pairs)`: the properties are its entries, read by `get` (calls.ts). */
      readonly map?: true;
      /**
       * Spread or merged in with keys that cannot be listed (`{ ...require('./paths') }`, a
       * package): a key not among `properties` may be theirs.
       */
      readonly spreads?: readonly AbstractValue[];
      /**
       * Per key written before such a spread, the spread's values: `{ file: A, ...opts }.file` is
       * A or what `opts` gives it.
       */
      readonly overriders?: ReadonlyMap<string, readonly AbstractValue[]>;
    }
  /** An array literal (or a copy of one); elements are evaluated lazily. */
  | { readonly kind: 'array'; readonly elements: readonly (() => Values)[]; readonly open: boolean }
  /** A member of a module the evaluator has no source for, e.g. `fs` → ['promises', 'open']. */
  | {
      readonly kind: 'module';
      readonly module: string;
      readonly path: readonly string[];
      /** bluebird's promisifyAll: `xAsync` members map to `x`. */
      readonly promisifiedAll?: boolean;
    }
  /** The exports of a module of the project, read from its source (analysis/modules). */
  | { readonly kind: 'namespace'; readonly file: string }
  /** `process.env`. */
  | { readonly kind: 'env-object' }
  /**
   * A function; `frame`: where it was read from an instance (`this` and constructor parameters);
   * `receiver`: the instance's class when the method is inherited (`this` is a subclass's).
   */
  | { readonly kind: 'function'; readonly node: FunctionNode; readonly frame?: Frame; readonly receiver?: ClassLike }
  /** A class (its static members, and what `new` makes). */
  | { readonly kind: 'class'; readonly node: ClassNode }
  /**
   * An instance of a class of the project, or of a constructor function (`new F()`, ES5 style);
   * `frame` binds the constructor's parameters when known.
   */
  | { readonly kind: 'instance'; readonly node: ClassLike; readonly frame?: Frame }
  /** The result of calling or constructing a tracked value whose result has no model. */
  | {
      readonly kind: 'call';
      readonly callee: AbstractValue;
      readonly args: readonly TSESTree.CallExpressionArgument[];
      readonly node: CallNode;
      /** The frame the arguments are evaluated in. */
      readonly frame?: Frame;
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
/** Longer than any Windows path (`\\?\` paths stop at 32,767 characters): such a string is not a path. */
export const MAX_TEXT_LENGTH = 32_767;
/** Parts of one string value; more means it was built in a loop, and is not a path we can name. */
export const MAX_PARTS = 64;

export const UNKNOWN: Values = { items: [], complete: false };
export const NULLISH_VALUE: AbstractValue = { kind: 'nullish' };
export const UNKNOWN_STRING: AbstractValue = { kind: 'string', parts: [{ kind: 'unknown' }] };

export function known(...items: AbstractValue[]): Values {
  return { items, complete: true };
}

export function text(value: string): AbstractValue {
  if (value.length > MAX_TEXT_LENGTH) return UNKNOWN_STRING;
  return { kind: 'string', parts: value === '' ? [] : [{ kind: 'text', text: value }] };
}

/** A string value from parts, normalised and bounded. */
export function stringOf(parts: readonly Part[]): AbstractValue {
  return { kind: 'string', parts: normaliseParts(parts) };
}

/** Union of several value sets, bounded (duplicates of primitives dropped). */
export function union(...sets: Values[]): Values {
  const items: AbstractValue[] = [];
  let complete = true;
  for (const set of sets) {
    complete &&= set.complete;
    for (const item of set.items) {
      if (items.some((existing) => sameValue(existing, item))) continue;
      if (items.length >= MAX_ALTERNATIVES) return { items, complete: false };
      items.push(item);
    }
  }
  return { items, complete };
}

/**
 * The values of `spread` whose keys cannot be listed (a project module's exports, a package, a
 * parameter, an instance), and those an object in it carries, appended to `into`: `{
 * ...require('./paths') }` keeps reading them, and `{ ...options }` in a function keeps
 * `options.file` its parameter's. At most MAX_ALTERNATIVES.
 */
export function collectSpreads(spread: Values, into: AbstractValue[]): void {
  for (const item of spread.items) {
    if (item.kind === 'namespace' || item.kind === 'module' || item.kind === 'instance') into.push(item);
    else if (markerOf(item) !== undefined) into.push(item);
    else if (item.kind === 'object' && item.spreads !== undefined) into.push(...item.spreads);
  }
  if (into.length > MAX_ALTERNATIVES) into.length = MAX_ALTERNATIVES;
}

/**
 * The keys of an object being built (a literal with spreads, `Object.assign`) that a later spread of
 * unknown keys may replace. Such a spread marks the keys before it incomplete, and its values that carry
 * keys of their own (collectSpreads) are remembered as each key's overriders. Each definition is marked
 * once and each key takes at most MAX_ALTERNATIVES overriders, so K keys between K spreads cost linear
 * work, not K².
 */
export class KeyOverrides {
  readonly overriders = new Map<string, AbstractValue[]>();
  private readonly properties: Map<string, () => Values>;
  /** Keys defined since the last spread of unknown keys: not yet marked incomplete. */
  private readonly unmarked = new Set<string>();
  /** Keys whose overriders are not yet full. */
  private readonly filling = new Set<string>();

  constructor(properties: Map<string, () => Values>) {
    this.properties = properties;
  }

  /** `key` was just set in the properties; `replaced` when plainly (`{ ...o, key: v }`: no spread before it wins). */
  defined(key: string, replaced: boolean): void {
    this.unmarked.add(key);
    this.filling.add(key);
    if (replaced) this.overriders.delete(key);
  }

  /** `key` came from a spread object whose own overriders still apply (`{ ...{ file: A, ...options } }`). */
  inherit(key: string, sources: readonly AbstractValue[] | undefined): void {
    if (sources === undefined || sources.length === 0) return;
    const list = this.overriders.get(key) ?? [];
    for (const source of sources) if (list.length < MAX_ALTERNATIVES && !list.includes(source)) list.push(source);
    this.overriders.set(key, list);
  }

  /** A spread (or merged source) of keys not all known comes now. */
  spreadUnknownKeys(spread: Values): void {
    for (const key of this.unmarked) {
      const value = this.properties.get(key);
      if (value !== undefined) this.properties.set(key, () => ({ items: value().items, complete: false }));
    }
    this.unmarked.clear();
    const sources: AbstractValue[] = [];
    collectSpreads(spread, sources);
    if (sources.length === 0) return;
    for (const key of this.filling) {
      const list = this.overriders.get(key) ?? [];
      for (const source of sources) if (list.length < MAX_ALTERNATIVES) list.push(source);
      this.overriders.set(key, list);
      if (list.length >= MAX_ALTERNATIVES) this.filling.delete(key);
    }
  }
}

/** Structural equality for primitives and strings; identity for the rest. */
export function sameValue(a: AbstractValue, b: AbstractValue): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'string': {
      const other = b as typeof a;
      return (
        a.parts.length === other.parts.length && a.parts.every((part, index) => samePart(part, other.parts[index]))
      );
    }
    case 'number':
    case 'bigint':
    case 'boolean':
      return a.value === (b as typeof a).value;
    case 'nullish':
    case 'env-object':
      return true;
    case 'module': {
      const other = b as typeof a;
      return (
        a.module === other.module &&
        a.promisifiedAll === other.promisifiedAll &&
        a.path.length === other.path.length &&
        a.path.every((segment, index) => segment === other.path[index])
      );
    }
    case 'namespace':
      return a.file === (b as typeof a).file;
    case 'function':
    case 'class':
    case 'instance': {
      const other = b as typeof a;
      return (
        a.node === other.node &&
        ('frame' in a ? a.frame : undefined) === ('frame' in other ? other.frame : undefined) &&
        ('receiver' in a ? a.receiver : undefined) === ('receiver' in other ? other.receiver : undefined)
      );
    }
    default:
      return false;
  }
}

function samePart(a: Part, b: Part | undefined): boolean {
  if (b === undefined || a.kind !== b.kind) return false;
  if (a.kind === 'text') return a.text === (b as typeof a).text;
  if (a.kind === 'env') return a.name === (b as typeof a).name;
  const other = b as typeof a;
  return a.param?.variable === other.param?.variable && (a.path ?? []).join('.') === (other.path ?? []).join('.');
}

/** Merges adjacent text parts, drops empty ones, and caps the size (a longer string is `*`). */
export function normaliseParts(parts: readonly Part[]): Part[] {
  const out: Part[] = [];
  let length = 0;
  for (const part of parts) {
    const last = out.at(-1);
    if (part.kind === 'text') {
      if (part.text === '') continue;
      length += part.text.length;
      if (length > MAX_TEXT_LENGTH) return [{ kind: 'unknown' }];
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
    if (out.length > MAX_PARTS) return [{ kind: 'unknown' }];
  }
  return out;
}

/** The string form of a primitive value, as JavaScript's `+` would produce it. */
export function toStringParts(value: AbstractValue): readonly Part[] {
  switch (value.kind) {
    case 'string':
      return value.parts;
    case 'number':
    case 'bigint':
    case 'boolean':
      return [{ kind: 'text', text: String(value.value) }];
    case 'nullish':
      return [{ kind: 'unknown' }];
    default:
      return [{ kind: 'unknown' }];
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
      const value = stringOf([...toStringParts(l), ...toStringParts(r)]);
      if (!items.some((existing) => sameValue(existing, value))) items.push(value);
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
  if (value.kind !== 'string') return undefined;
  let out = '';
  for (const part of value.parts) {
    if (part.kind !== 'text') return undefined;
    out += part.text;
  }
  return out;
}

/** The one fully known string of a set, else undefined. */
export function singleText(values: Values): string | undefined {
  const [only] = values.items;
  return values.items.length === 1 && only !== undefined ? staticText(only) : undefined;
}

/** Distinct parameters a value depends on (markers in its string parts). */
export function parametersIn(values: Values): ParamRef[] {
  const found: ParamRef[] = [];
  for (const item of values.items) {
    if (item.kind !== 'string') continue;
    for (const part of item.parts) {
      if (
        part.kind === 'unknown' &&
        part.param !== undefined &&
        !found.some((ref) => ref.variable === part.param?.variable)
      ) {
        found.push(part.param);
      }
    }
  }
  return found;
}

/** A parameter marker: the symbolic value of parameter `ref` (members `path` read off it). */
export function parameterMarker(ref: ParamRef, path?: readonly string[]): AbstractValue {
  return {
    kind: 'string',
    parts: [path === undefined ? { kind: 'unknown', param: ref } : { kind: 'unknown', param: ref, path }],
  };
}

/** The marker a value is, when it is exactly one parameter marker (members can be read off it). */
export function markerOf(value: AbstractValue): Extract<Part, { kind: 'unknown' }> | undefined {
  if (value.kind !== 'string' || value.parts.length !== 1) return undefined;
  const [part] = value.parts;
  return part?.kind === 'unknown' && part.param !== undefined ? part : undefined;
}

/** True when the value may be falsy at run time (for `a && b`, `a || b`). */
export function mayBeFalsy(value: AbstractValue): boolean {
  switch (value.kind) {
    case 'string':
      return value.parts.length === 0 || value.parts.every((part) => part.kind !== 'text');
    case 'number':
      return value.value === 0 || Number.isNaN(value.value);
    case 'bigint':
      return value.value === 0n;
    case 'boolean':
      return !value.value;
    case 'nullish':
      return true;
    case 'call':
    case 'member':
      return true;
    default:
      return false;
  }
}

/** True when the value may be truthy at run time. */
export function mayBeTruthy(value: AbstractValue): boolean {
  switch (value.kind) {
    case 'string':
      return value.parts.length > 0;
    case 'number':
      return value.value !== 0 && !Number.isNaN(value.value);
    case 'bigint':
      return value.value !== 0n;
    case 'boolean':
      return value.value;
    case 'nullish':
      return false;
    default:
      return true;
  }
}

/** Element `offset` of each array value; anything else, or an open array without it, may be any value. */
export function elementAt(values: Values, offset: number): Values {
  const sets: Values[] = [];
  let complete = values.complete;
  for (const item of values.items) {
    const element = item.kind === 'array' ? item.elements[offset] : undefined;
    if (element === undefined) complete = false;
    else sets.push(element());
  }
  const merged = union(...sets);
  return { items: merged.items, complete: complete && merged.complete };
}
