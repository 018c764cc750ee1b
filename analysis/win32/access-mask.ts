import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type { Evaluator } from '../evaluator/evaluate.js';
import type { Frame } from '../evaluator/frames.js';
import { MAX_ALTERNATIVES, type AbstractValue, type Values } from '../evaluator/values.js';
import {
  ACCESS_NAME_LIST,
  FILE_APPEND_DATA,
  FILE_WRITE_DATA,
  GENERIC_ALL,
  GENERIC_EXECUTE,
  GENERIC_READ,
  GENERIC_WRITE,
  MAXIMUM_ALLOWED,
  describeBits,
  type FlagValue,
  type NameTable,
} from '../../formats/write-apis.js';

/**
 * Win32 flag arguments (access masks, dispositions, OpenFile styles, CRT
 * oflags) folded to unsigned 32-bit values, with known Win32 names recognised
 * even when their definition is out of reach (docs/reference/fs-surface.md §4.2).
 *
 * JavaScript's bitwise operators work on signed int32: `GENERIC_READ |
 * GENERIC_WRITE` is -1073741824 while the literal 0xC0000000 is 3221225472.
 * Every value here is normalised with `>>> 0`.
 */

export interface FlagValues {
  readonly items: readonly FlagValue[];
  /** False when the argument may take values not listed. */
  readonly complete: boolean;
}

export type { FlagValue, NameTable } from '../../formats/write-apis.js';
export {
  DATA_WRITE_BITS,
  FILE_APPEND_DATA,
  FILE_WRITE_DATA,
  GENERIC_ALL,
  GENERIC_EXECUTE,
  GENERIC_READ,
  GENERIC_WRITE,
  MAXIMUM_ALLOWED,
  METADATA_WRITE_BITS,
  NT_DISPOSITIONS,
  NT_TRUNCATING,
  WIN32_DISPOSITIONS,
  WIN32_TRUNCATING,
  accessWrites,
  describeAccess,
  describeEnum,
  hex,
} from '../../formats/write-apis.js';

/** Names recognised in access-mask arguments (aliases included). */
export const ACCESS_NAMES: NameTable = new Map<string, number>([
  ...ACCESS_NAME_LIST,
  ['FILE_LIST_DIRECTORY', 0x1],
  ['FILE_ADD_FILE', 0x2],
  ['FILE_ADD_SUBDIRECTORY', 0x4],
  ['FILE_CREATE_PIPE_INSTANCE', 0x4],
  ['FILE_TRAVERSE', 0x20],
  ['STANDARD_RIGHTS_READ', 0x0002_0000],
  ['STANDARD_RIGHTS_WRITE', 0x0002_0000],
  ['STANDARD_RIGHTS_EXECUTE', 0x0002_0000],
]);

/** OpenFile's uStyle (winbase.h). */
export const OPENFILE_STYLES: NameTable = new Map([
  ['OF_READ', 0],
  ['OF_WRITE', 0x1],
  ['OF_READWRITE', 0x2],
  ['OF_SHARE_COMPAT', 0],
  ['OF_SHARE_EXCLUSIVE', 0x10],
  ['OF_SHARE_DENY_WRITE', 0x20],
  ['OF_SHARE_DENY_READ', 0x30],
  ['OF_SHARE_DENY_NONE', 0x40],
  ['OF_PARSE', 0x100],
  ['OF_DELETE', 0x200],
  ['OF_VERIFY', 0x400],
  ['OF_CANCEL', 0x800],
  ['OF_CREATE', 0x1000],
  ['OF_PROMPT', 0x2000],
  ['OF_EXIST', 0x4000],
  ['OF_REOPEN', 0x8000],
]);
export const OF_WRITE = 0x1;
export const OF_READWRITE = 0x2;
export const OF_CREATE = 0x1000;

/** The CRT's _open/_wopen oflag (fcntl.h), also reachable without the underscore. */
const CRT_OFLAG_LIST: readonly (readonly [string, number])[] = [
  ['_O_RDONLY', 0],
  ['_O_WRONLY', 0x1],
  ['_O_RDWR', 0x2],
  ['_O_APPEND', 0x8],
  ['_O_RANDOM', 0x10],
  ['_O_SEQUENTIAL', 0x20],
  ['_O_TEMPORARY', 0x40],
  ['_O_NOINHERIT', 0x80],
  ['_O_CREAT', 0x100],
  ['_O_TRUNC', 0x200],
  ['_O_EXCL', 0x400],
  ['_O_SHORT_LIVED', 0x1000],
  ['_O_TEXT', 0x4000],
  ['_O_BINARY', 0x8000],
  ['_O_WTEXT', 0x1_0000],
  ['_O_U16TEXT', 0x2_0000],
  ['_O_U8TEXT', 0x4_0000],
];
export const CRT_OFLAGS: NameTable = new Map([
  ...CRT_OFLAG_LIST,
  ...CRT_OFLAG_LIST.map(([name, value]) => [name.slice(1), value] as const),
]);
export const O_ACCMODE = 0x3;
export const O_APPEND = 0x8;
export const O_TRUNC = 0x200;

const UNKNOWN_FLAGS: FlagValues = { items: [], complete: false };
const AT_LEAST_NOTHING: FlagValue = { bits: 0, exact: false };

/**
 * Every value a flag argument may take. The evaluator decides what it can;
 * operators are then folded structurally so `GENERIC_WRITE | flags` still
 * has GENERIC_WRITE set when `flags` is unknown, and known Win32 names count
 * by name when their value is out of reach (an unresolvable import).
 */
export function evaluateFlags(
  evaluator: Evaluator,
  node: TSESTree.Node,
  names: NameTable,
  frame?: Frame,
  depth = 0,
): FlagValues {
  if (depth > MAX_FLAG_DEPTH) return UNKNOWN_FLAGS;
  const values = evaluator.evaluate(node, frame);
  const numeric = values.items.map(numericBits);
  if (values.complete && values.items.length > 0 && numeric.every((bits) => bits !== undefined)) {
    return { items: dedupe(numeric.map((bits) => ({ bits: bits as number, exact: true }))), complete: true };
  }
  const structural = foldStructurally(evaluator, node, names, frame, values.items, depth);
  if (structural !== undefined) {
    return structural;
  }
  const found = numeric.filter((bits) => bits !== undefined).map((bits) => ({ bits, exact: true }));
  return { items: dedupe(found), complete: false };
}

/** Nesting of parentheses, conditionals and unary operators followed; operator chains are folded in a loop. */
const MAX_FLAG_DEPTH = 40;
const ASSOCIATIVE = new Set(['|', '&', '^']);

/**
 * The operands of a chain of one operator, in source order and without
 * recursion: `a | b | c` (either side, the operator being associative), or
 * the left spine of `a - b - c`.
 */
export function chainOperands(node: TSESTree.BinaryExpression): TSESTree.Node[] {
  const operands: TSESTree.Node[] = [];
  if (!ASSOCIATIVE.has(node.operator)) {
    let current: TSESTree.Node = node;
    while (current.type === 'BinaryExpression' && current.operator === node.operator) {
      operands.push(current.right);
      current = current.left;
    }
    operands.push(current);
    return operands.reverse();
  }
  const stack: TSESTree.Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as TSESTree.Node;
    if (current.type === 'BinaryExpression' && current.operator === node.operator) {
      stack.push(current.right, current.left);
    } else {
      operands.push(current);
    }
  }
  return operands;
}

function foldStructurally(
  evaluator: Evaluator,
  node: TSESTree.Node,
  names: NameTable,
  frame: Frame | undefined,
  evaluated: readonly AbstractValue[],
  depth: number,
): FlagValues | undefined {
  switch (node.type) {
    case 'BinaryExpression': {
      if (node.left.type === 'PrivateIdentifier') return undefined;
      const operands = chainOperands(node);
      let result: FlagValues | undefined = evaluateFlags(
        evaluator,
        operands[0] as TSESTree.Node,
        names,
        frame,
        depth + 1,
      );
      for (let i = 1; i < operands.length && result !== undefined; i++) {
        result = combine(
          result,
          evaluateFlags(evaluator, operands[i] as TSESTree.Node, names, frame, depth + 1),
          node.operator,
        );
      }
      return result;
    }
    case 'UnaryExpression': {
      if (node.operator !== '~' && node.operator !== '-' && node.operator !== '+') return undefined;
      const argument = evaluateFlags(evaluator, node.argument, names, frame, depth + 1);
      const items: FlagValue[] = [];
      for (const item of argument.items) {
        if (!item.exact) return UNKNOWN_FLAGS;
        items.push({
          bits: node.operator === '~' ? ~item.bits >>> 0 : node.operator === '-' ? -item.bits >>> 0 : item.bits,
          exact: true,
        });
      }
      return { items, complete: argument.complete };
    }
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion': {
      return evaluateFlags(evaluator, node.expression, names, frame, depth + 1);
    }
    case 'ConditionalExpression': {
      const a = evaluateFlags(evaluator, node.consequent, names, frame, depth + 1);
      const b = evaluateFlags(evaluator, node.alternate, names, frame, depth + 1);
      return { items: dedupe([...a.items, ...b.items]).slice(0, MAX_ALTERNATIVES), complete: a.complete && b.complete };
    }
    case 'Identifier':
    case 'MemberExpression': {
      const initializer = node.type === 'MemberExpression' ? enumMemberInitializer(evaluator, node) : undefined;
      if (initializer !== undefined) return evaluateFlags(evaluator, initializer, names, frame, depth + 1);
      const value = namedValue(node, names, evaluated);
      return value === undefined ? undefined : { items: [{ bits: value, exact: true }], complete: true };
    }
    default: {
      return undefined;
    }
  }
}

/** `Access.Write` where `enum Access { Write = 0x40000000 }` is declared in the file. */
function enumMemberInitializer(evaluator: Evaluator, node: TSESTree.MemberExpression): TSESTree.Expression | undefined {
  if (node.object.type !== 'Identifier') return undefined;
  const key =
    !node.computed && node.property.type === 'Identifier'
      ? node.property.name
      : node.property.type === 'Literal' && typeof node.property.value === 'string'
        ? node.property.value
        : undefined;
  const declaration = evaluator
    .findVariable(node.object)
    ?.defs.find((def) => def.node.type === 'TSEnumDeclaration')?.node;
  if (key === undefined || declaration?.type !== 'TSEnumDeclaration') return undefined;
  const member = declaration.body.members.find(
    (candidate) =>
      (candidate.id.type === 'Identifier'
        ? candidate.id.name
        : candidate.id.type === 'Literal'
          ? String(candidate.id.value)
          : undefined) === key,
  );
  return member?.initializer ?? undefined;
}

/** The value of a known Win32 name the expression spells: `GENERIC_WRITE`, `c.GENERIC_WRITE`, `GENERIC.WRITE`, `FileAccess.GenericWrite`. */
function namedValue(
  node: TSESTree.Identifier | TSESTree.MemberExpression,
  names: NameTable,
  evaluated: readonly AbstractValue[],
): number | undefined {
  const candidates: string[] = [];
  // An import from a module the evaluator cannot read: its member path names it.
  for (const item of evaluated) {
    if (item.kind === 'module' && item.path.length > 0) {
      candidates.push(item.path.at(-1) ?? '');
      // `GENERIC.WRITE` from an unreadable module: GENERIC_WRITE.
      if (item.path.length > 1) candidates.push(item.path.slice(-2).join('_'));
    }
  }
  if (node.type === 'Identifier') {
    candidates.push(node.name);
  } else if (!node.computed && node.property.type === 'Identifier') {
    candidates.push(node.property.name);
    const object =
      node.object.type === 'MemberExpression' && !node.object.computed ? node.object.property : node.object;
    if (object.type === 'Identifier') candidates.push(`${object.name}_${node.property.name}`);
  } else if (node.computed && node.property.type === 'Literal' && typeof node.property.value === 'string') {
    candidates.push(node.property.value);
  }
  for (const candidate of candidates) {
    for (const name of [candidate, snakeCase(candidate)]) {
      const value = names.get(name.toUpperCase() === name ? name : name.toUpperCase());
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** `GenericWrite` → `GENERIC_WRITE`. */
function snakeCase(name: string): string {
  return name.replaceAll(/([a-z\d])([A-Z])/gu, '$1_$2').toUpperCase();
}

function numericBits(item: AbstractValue): number | undefined {
  if (item.kind === 'number') return Number.isFinite(item.value) ? item.value >>> 0 : undefined;
  if (item.kind === 'bigint') return Number(BigInt.asUintN(32, item.value));
  if (item.kind === 'boolean') return item.value ? 1 : 0;
  return undefined;
}

/**
 * Folds two operands. A side that may take values not listed also gets "at
 * least nothing", a lower bound that covers every value: the result then
 * covers every value too, so `GENERIC_WRITE | unknown` is certain to write.
 */
function combine(left: FlagValues, right: FlagValues, operator: string): FlagValues | undefined {
  const lefts = left.complete ? left.items : [...left.items, AT_LEAST_NOTHING];
  const rights = right.complete ? right.items : [...right.items, AT_LEAST_NOTHING];
  const items: FlagValue[] = [];
  for (const l of lefts) {
    for (const r of rights) {
      if (items.length >= MAX_ALTERNATIVES) return { items: dedupe(items), complete: false };
      const folded = combinePair(l, r, operator);
      if (folded === undefined) return undefined;
      items.push(folded);
    }
  }
  return { items: dedupe(items), complete: true };
}

function combinePair(l: FlagValue, r: FlagValue, operator: string): FlagValue | undefined {
  const exact = l.exact && r.exact;
  switch (operator) {
    case '|': {
      return { bits: (l.bits | r.bits) >>> 0, exact };
    }
    case '&': {
      return exact ? { bits: (l.bits & r.bits) >>> 0, exact } : AT_LEAST_NOTHING;
    }
    case '^': {
      return exact ? { bits: (l.bits ^ r.bits) >>> 0, exact } : AT_LEAST_NOTHING;
    }
    case '+': {
      return exact ? { bits: (l.bits + r.bits) >>> 0, exact } : AT_LEAST_NOTHING;
    }
    case '-': {
      return exact ? { bits: (l.bits - r.bits) >>> 0, exact } : AT_LEAST_NOTHING;
    }
    case '>>>':
    case '>>':
    case '<<': {
      // `x >>> 0` only reinterprets the sign: the bits stay.
      if (r.exact && r.bits === 0) return l;
      if (!exact) return AT_LEAST_NOTHING;
      const shift = r.bits & 31;
      return {
        bits:
          (operator === '<<' ? l.bits << shift : operator === '>>' ? (l.bits | 0) >> shift : l.bits >>> shift) >>> 0,
        exact,
      };
    }
    default: {
      return undefined;
    }
  }
}

function dedupe(items: readonly FlagValue[]): FlagValue[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.bits}:${item.exact}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `OF_READWRITE | OF_SHARE_EXCLUSIVE (0x00000012)`. */
export function describeOpenFileStyle(value: FlagValue): string {
  return describeBits(
    value,
    [...OPENFILE_STYLES].filter(([name, bits]) => bits !== 0 && name !== 'OF_SHARE_DENY_READ'),
  );
}

/** `_O_RDWR | _O_BINARY (0x00008002)`. */
export function describeCrtOflag(value: FlagValue): string {
  return describeBits(
    value,
    CRT_OFLAG_LIST.filter(([, bits]) => bits !== 0),
  );
}

/** Bits that give read access: a read-only replacement must keep one. */
const READ_BITS = (GENERIC_READ | GENERIC_EXECUTE | 0x1 | 0x20) >>> 0;
/** What a read-only fix removes; GENERIC_ALL and MAXIMUM_ALLOWED have no read-only spelling to offer. */
const FIXABLE_WRITE_BITS = (GENERIC_WRITE | FILE_WRITE_DATA | FILE_APPEND_DATA) >>> 0;

/**
 * Source text for the same access mask without data-write access:
 * `GENERIC_READ | GENERIC_WRITE` → `GENERIC_READ`, `0xC0000000` → `0x80000000`,
 * `GENERIC_WRITE` alone → `GENERIC_READ` (when that name is in scope) or
 * `0x80000000`. Undefined when the expression has no safe rewrite.
 */
export function readOnlyAccessText(
  evaluator: Evaluator,
  node: TSESTree.Node,
  sourceCode: { getText(node: TSESTree.Node): string },
): string | undefined {
  let inner = node;
  let unsigned = false;
  if (
    node.type === 'BinaryExpression' &&
    node.operator === '>>>' &&
    node.right.type === 'Literal' &&
    node.right.value === 0
  ) {
    inner = node.left;
    unsigned = true;
  }
  const kept: string[] = [];
  let keptBits = 0;
  let dropped: TSESTree.Node | undefined;
  for (const operand of orOperands(inner)) {
    const values = evaluateFlags(evaluator, operand, ACCESS_NAMES);
    const [only] = values.items;
    if (!values.complete || values.items.length !== 1 || only === undefined || !only.exact) return undefined;
    const { bits } = only;
    if ((bits & (GENERIC_ALL | MAXIMUM_ALLOWED)) !== 0) return undefined;
    const writeBits = (bits & FIXABLE_WRITE_BITS) >>> 0;
    if (writeBits === 0) {
      kept.push(sourceCode.getText(operand));
      keptBits = (keptBits | bits) >>> 0;
    } else if ((bits & READ_BITS) === 0) {
      // Adds nothing but write access (GENERIC_WRITE, FILE_GENERIC_WRITE): drop it.
      dropped ??= operand;
    } else {
      const rewritten = rewriteNumber(operand, (bits & ~writeBits) >>> 0);
      if (rewritten === undefined) return undefined;
      kept.push(rewritten);
      keptBits = (keptBits | (bits & ~writeBits)) >>> 0;
    }
  }
  if ((keptBits & READ_BITS) === 0) {
    kept.unshift(genericReadSpelling(evaluator, dropped));
  }
  const joined = kept.join(' | ');
  if (!unsigned) return joined;
  return kept.length > 1 ? `(${joined}) >>> 0` : `${joined} >>> 0`;
}

/** `a | b | c` → [a, b, c]; anything else → [node]. */
export function orOperands(node: TSESTree.Node): TSESTree.Node[] {
  return node.type === 'BinaryExpression' && node.operator === '|' ? chainOperands(node) : [node];
}

/** A number literal (or `-literal`) with a new value, in the literal's own radix. */
function rewriteNumber(node: TSESTree.Node, bits: number): string | undefined {
  const literal = node.type === 'Literal' ? node : undefined;
  if (literal === undefined) {
    return node.type === 'UnaryExpression' && node.operator === '-' && node.argument.type === 'Literal'
      ? hexLiteral(bits, false, '')
      : undefined;
  }
  const isBigInt = 'bigint' in literal && typeof literal.bigint === 'string';
  if (typeof literal.value !== 'number' && !isBigInt) return undefined;
  const raw = literal.raw;
  const suffix = isBigInt ? 'n' : '';
  if (/^0[xX]/u.test(raw)) return hexLiteral(bits, /[a-f]/u.test(raw.slice(2)), suffix, raw.slice(0, 2));
  return `${bits}${suffix}`;
}

function hexLiteral(bits: number, lowerCase: boolean, suffix: string, prefix = '0x'): string {
  const digits = bits.toString(16);
  return `${prefix}${lowerCase ? digits : digits.toUpperCase()}${suffix}`;
}

/**
 * How to write GENERIC_READ next to the operand being dropped: the same
 * naming scheme when it resolves (`GENERIC_READ`, `C.GENERIC_READ`,
 * `GENERIC.READ`), else the number.
 */
function genericReadSpelling(evaluator: Evaluator, dropped: TSESTree.Node | undefined): string {
  // A number equal to GENERIC_READ, or an import named GENERIC_READ from a module out of reach.
  const isGenericRead = (values: Values, name: string): boolean =>
    values.items.length === 1 &&
    values.items.every((item) =>
      item.kind === 'module' ? item.path.at(-1) === name : numericBits(item) === GENERIC_READ,
    );
  if (dropped?.type === 'Identifier' && dropped.name.includes('WRITE')) {
    const name = dropped.name.replace('WRITE', 'READ');
    const variable = lookupName(evaluator, dropped, name);
    if (variable !== undefined && isGenericRead(evaluator.evaluateVariable(variable), name)) return name;
  }
  if (
    dropped?.type === 'MemberExpression' &&
    !dropped.computed &&
    dropped.property.type === 'Identifier' &&
    /WRITE|Write/u.test(dropped.property.name)
  ) {
    const name = dropped.property.name.replace('WRITE', 'READ').replace('Write', 'Read');
    const enumInitializer = enumMemberInitializer(evaluator, { ...dropped, property: { ...dropped.property, name } });
    const values =
      enumInitializer === undefined
        ? evaluator.memberValues(evaluator.evaluate(dropped.object), name)
        : evaluator.evaluate(enumInitializer);
    if (isGenericRead(values, name)) {
      return `${evaluator.module.getText(dropped.object)}.${name}`;
    }
  }
  const inScope = dropped === undefined ? undefined : lookupName(evaluator, dropped, 'GENERIC_READ');
  if (inScope !== undefined && isGenericRead(evaluator.evaluateVariable(inScope), 'GENERIC_READ'))
    return 'GENERIC_READ';
  return '0x80000000';
}

function lookupName(evaluator: Evaluator, at: TSESTree.Node, name: string): Scope.Variable | undefined {
  let scope: Scope.Scope | null = evaluator.module.getScope(at);
  while (scope !== null) {
    const variable = scope.set.get(name);
    if (variable !== undefined) return variable;
    scope = scope.upper;
  }
  return undefined;
}
