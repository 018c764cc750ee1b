import { isBuiltin } from 'node:module';
import type { ParserServices, TSESTree } from '@typescript-eslint/utils';
// Types only: TypeScript itself is never loaded by this module. Everything at
// runtime goes through the checker and type objects of the linted program.
import type * as ts from 'typescript';
import {
  type AbstractValue,
  type Values,
  MAX_ALTERNATIVES,
  NULLISH_VALUE,
  UNKNOWN_STRING,
  concat,
  known,
  text,
} from './values.js';

/**
 * Type-aware values: where syntax alone gives up (an import from another
 * module, an enum member, a parameter typed as a union of literal paths, a
 * call whose return type is a literal), TypeScript's checker often still knows
 * the exact strings or numbers, because literal types survive `const`,
 * `as const`, enums and annotated unions. Used only when the parser produced a
 * program (`parserOptions.projectService` or `project`).
 */

/** Asked by the Evaluator for Identifier/MemberExpression/CallExpression results. */
export type TypeFallback = (node: TSESTree.Node, syntactic: Values) => Values | undefined;

/** Module values that stand for runtime objects (fs, process...), never for constants. */
const PSEUDO_MODULES = new Set(['global', '<require>', 'bun', 'deno']);

/** True when the syntactic result carries nothing usable, so asking the checker may help. */
export function wantsTypes(values: Values): boolean {
  return values.items.every((item) => {
    switch (item.kind) {
      case 'string': {
        // Parameter markers and `*`: nothing known.
        return item.parts.every((part) => part.kind === 'unknown');
      }
      case 'module': {
        // `import { HOSTS } from './paths.js'`, a default import; fs, path & co. are modelled already.
        return !isBuiltin(item.module) && !PSEUDO_MODULES.has(item.module);
      }
      case 'call':
      case 'member': {
        return true;
      }
      default: {
        return false;
      }
    }
  });
}

/** The fallback for a file, or undefined when the parser has no program (untyped linting). */
export function createTypeFallback(services: Partial<ParserServices> | undefined): TypeFallback | undefined {
  const program = services?.program;
  const nodeMap = services?.esTreeNodeToTSNodeMap;
  if (program === undefined || program === null || nodeMap === undefined) {
    return undefined;
  }
  let checker: ts.TypeChecker | undefined;
  return (node, syntactic) => {
    // A callee's type is a function's, never a literal, and a member of a literal is unknown to
    // the evaluator anyway: asking would cost a checker query each, for nothing.
    if (isCallee(node) || isMemberObject(node) || !wantsTypes(syntactic)) {
      return undefined;
    }
    const tsNode = nodeMap.get(node as never) as ts.Node | undefined;
    if (tsNode === undefined) {
      return undefined;
    }
    checker ??= program.getTypeChecker();
    if (!mayHaveLiteralType(checker, tsNode)) {
      return undefined;
    }
    return valuesOfType(checker, checker.getTypeAtLocation(tsNode), 0);
  };
}

/** Annotations that admit no literal: a value declared so can never be resolved by its type. */
const PLAIN_ANNOTATIONS = new Set(['string', 'number', 'boolean', 'any', 'unknown', 'object', 'void', 'never']);

/**
 * False when the checker surely has no literal for the node, or gives
 * nothing the evaluator did not already ask for, found cheaply: a call's
 * type is its signature's return type, so a call of a function whose every
 * signature returns no literal (and whose type parameters cannot make one:
 * `same<T>(x: T): T` takes the literal of its argument) is not resolved at
 * each call site, which costs an overload resolution each; a variable
 * declared `string`, an unannotated parameter, and a variable holding its
 * initializer's type neither. Everything else asks.
 */
function mayHaveLiteralType(checker: ts.TypeChecker, node: ts.Node): boolean {
  if (isCallNode(node)) {
    return mayReturnLiteral(checker, node);
  }
  const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration as
    (ts.Node & { type?: ts.TypeNode; initializer?: ts.Expression }) | undefined;
  if (declaration === undefined) {
    return true;
  }
  if (declaration.type !== undefined) {
    return !PLAIN_ANNOTATIONS.has(declaration.type.getText());
  }
  // An unannotated parameter holds its default's type, widened (`p = 'a'` is a string), or the
  // type of the callback slot its function is passed to: resolving that costs an overload
  // resolution of the enclosing call (up to tens of ms each), and the evaluator binds the
  // callbacks it can see (`paths.forEach((p) => …)`) itself.
  if (isParameterNode(declaration)) {
    return false;
  }
  // A variable with an initializer and no annotation has its initializer's type (widened for
  // `let`): the evaluator followed that write and asked for it there. A destructured binding
  // (`const { ini } = PATHS`) holds a part of its initializer's type, and is asked.
  return declaration.initializer === undefined || !isVariableDeclarationNode(declaration);
}

function mayReturnLiteral(checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  // 0: ts.SignatureKind.Call (a const enum; TypeScript is not loaded here). An optional call's
  // callee (`memo?.get(k)`) is typed `F | undefined`, whose signatures are F's.
  const signatures = checker.getSignaturesOfType(
    checker.getNonNullableType(checker.getTypeAtLocation(call.expression)),
    0 as ts.SignatureKind.Call,
  );
  return (
    signatures.length === 0 ||
    signatures.some((signature) => {
      const returned = checker.getReturnTypeOfSignature(signature);
      // A generic signature returns a literal only through its type parameters (`same<T>(x: T): T`);
      // `filter<S>(…): S[]` and `Promise<T>` never hold one.
      return (
        valuesOfType(checker, returned, 0) !== undefined ||
        ((signature.typeParameters?.length ?? 0) > 0 && mayBeInstantiatedLiteral(returned, 0))
      );
    })
  );
}

/**
 * A return type that may become a literal once its type parameters are inferred: a type
 * parameter itself, an indexed access (`T[K]`), a conditional type, or a union, intersection or
 * template literal with such a part. Duck-typed: TypeScript's TypeFlags are not loaded here.
 */
function mayBeInstantiatedLiteral(type: ts.Type, depth: number): boolean {
  if (depth > 4) return true;
  // Not `type.isTypeParameter()`: as a type guard it would narrow every other type to never.
  if ((type as { isTypeParameter(): boolean }).isTypeParameter()) return true;
  const shape = type as Partial<ts.IndexedAccessType & ts.ConditionalType & ts.UnionOrIntersectionType>;
  if (shape.indexType !== undefined || shape.root !== undefined) return true;
  if (type.isUnionOrIntersection()) return type.types.some((member) => mayBeInstantiatedLiteral(member, depth + 1));
  if (isTemplateLiteralType(type)) return type.types.some((span) => mayBeInstantiatedLiteral(span, depth + 1));
  return false;
}

/** A `const`/`let`/`var` declarator (not a binding element of a pattern), told apart without its SyntaxKind number. */
function isVariableDeclarationNode(node: ts.Node): boolean {
  return Array.isArray((node.parent as (ts.Node & { declarations?: unknown }) | undefined)?.declarations);
}

/** A parameter of a function, method or signature, told apart without its SyntaxKind number. */
function isParameterNode(node: ts.Node): boolean {
  const owner = node.parent as (ts.Node & { parameters?: readonly ts.Node[] }) | undefined;
  return Array.isArray(owner?.parameters) && owner.parameters.includes(node);
}

/** A CallExpression node of TypeScript's, told apart without its SyntaxKind numbers. */
function isCallNode(node: ts.Node): node is ts.CallExpression {
  const candidate = node as Partial<ts.CallExpression>;
  return candidate.expression !== undefined && Array.isArray(candidate.arguments) && !('name' in node);
}

/** `f` in `f()` / `new f()`, `o.m` in `o.m()`. */
function isCallee(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.callee === node;
}

/**
 * `o` in `o.m` and `o[k]`: the evaluator knows no member of a string or number
 * (`memberOf`), so their literal type cannot help; `o.toString()` is the
 * exception (evaluateCall reads `o` itself).
 */
function isMemberObject(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (parent?.type !== 'MemberExpression' || parent.object !== node) return false;
  return parent.computed || parent.property.type !== 'Identifier' || parent.property.name !== 'toString';
}

/**
 * The literal values a type admits: string and number literals, enum members,
 * unions of them, and template literal types (unknown spans become `*`).
 * Undefined when the type has no literal at all (`string`, objects...).
 */
export function valuesOfType(checker: ts.TypeChecker, type: ts.Type, depth: number): Values | undefined {
  if (depth > 4) {
    return undefined;
  }
  if (type.isStringLiteral()) {
    return known(text(type.value));
  }
  if (type.isNumberLiteral()) {
    return known({ kind: 'number', value: type.value });
  }
  if (type.isUnion()) {
    // An enum type is the union of its members; so is `'a' | 'b' | undefined`.
    const items: AbstractValue[] = [];
    let complete = true;
    for (const member of type.types) {
      const values = literalOrNullish(checker, member, depth);
      if (values === undefined || items.length + values.items.length > MAX_ALTERNATIVES) {
        complete = false;
        continue;
      }
      items.push(...values.items);
      complete &&= values.complete;
    }
    // A union with no literal member at all tells nothing (`string | undefined`).
    return items.some((item) => item.kind !== 'nullish') ? { items, complete } : undefined;
  }
  if (isTemplateLiteralType(type)) {
    // `${typeof ROOT}\\hosts`: texts around spans; a span without literals is `*`.
    let result = known(text(type.texts[0] ?? ''));
    for (const [index, span] of type.types.entries()) {
      const spanValues = valuesOfType(checker, span, depth + 1);
      result = concat(result, spanValues ?? { items: [UNKNOWN_STRING], complete: true });
      result = concat(result, known(text(type.texts[index + 1] ?? '')));
    }
    return result;
  }
  return undefined;
}

function literalOrNullish(checker: ts.TypeChecker, type: ts.Type, depth: number): Values | undefined {
  if (type === checker.getUndefinedType() || type === checker.getNullType()) {
    return known(NULLISH_VALUE);
  }
  return valuesOfType(checker, type, depth + 1);
}

function isTemplateLiteralType(type: ts.Type): type is ts.TemplateLiteralType {
  // Duck-typed: reading ts.TypeFlags would mean loading TypeScript here.
  const candidate = type as Partial<ts.TemplateLiteralType>;
  return (
    Array.isArray(candidate.texts) &&
    Array.isArray(candidate.types) &&
    candidate.texts.length === candidate.types.length + 1
  );
}
