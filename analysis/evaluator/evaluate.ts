import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import {
  type ClassLike,
  type ClassNode,
  type FunctionNode,
  containsNode,
  enclosingFunction,
  importedName,
  isClassNode,
  isFunctionNode,
  patternDeclares,
  programOf,
  skipTransparent,
  staticMemberName,
  staticPropertyKey,
} from '../ast.js';
import { globalValue, memberOfModule, moduleFromSpecifier } from './builtins.js';
import { evaluateCall, calleeOf, callbackArgument, spreadOffset } from './calls.js';
import { arrayAtRead } from './array-mutations.js';
import { type Frame, type FrameTable, frameBinding, someFrame } from './frames.js';
import { evaluateMember, memberKey, memberValues } from './members.js';
import {
  type ModuleIndex,
  enclosingClassBody,
  findVariableIn,
  isStaticContext,
  moduleIndexOf,
  thisOwner,
} from './module-index.js';
import type { ModuleSource } from './module-source.js';
import type { TypeFallback } from './type-values.js';
import {
  type AbstractValue,
  type Values,
  MAX_ALTERNATIVES,
  NULLISH_VALUE,
  UNKNOWN,
  UNKNOWN_STRING,
  collectSpreads,
  KeyOverrides,
  concat,
  elementAt,
  known,
  mayBeFalsy,
  mayBeTruthy,
  parameterMarker,
  parametersIn,
  staticText,
  text,
  union,
} from './values.js';

/**
 * What every module's evaluator shares while one file is linted: the frames,
 * the work budget, and the way to other modules of the project
 * (analysis/modules). One per linted file; nothing outlives it.
 */
export interface EvaluationHost {
  readonly frames: FrameTable;
  /** Spends one step of the linted file's budget; false once it is used up. */
  spend(): boolean;
  /** Nesting of `evaluate` calls across all modules, and the steps of the current top-level one. */
  depth: number;
  topSteps: number;
  /** The evaluator of the module a node belongs to (the linted file or one it reads). */
  evaluatorFor(node: TSESTree.Node): Evaluator | undefined;
  /** The exports of the project module `specifier` names from `from`, or undefined when it is not one we read. */
  importModule(from: ModuleSource, specifier: string): AbstractValue | undefined;
  /** Export `name` of a project module (`default` included). */
  exportValue(file: string, name: string): Values;
  /** False when `specifier` names a project module whose text shows it can export no file or FFI API. */
  mayExportFileApis(from: ModuleSource, specifier: string): boolean;
  /** True when `specifier` names a project module whose text declares its export `name` as a top-level function or class. */
  exportsOwnFunction(from: ModuleSource, specifier: string, name: string): boolean;
}

/** Per top-level evaluation: bounds work so no one expression can use the file's whole budget. */
const STEP_BUDGET = 4000;
const MAX_DEPTH = 60;

/** Stored for a node while it is evaluated: met again under the same frame, it is a cycle. */
const IN_PROGRESS: Values = { items: [], complete: false };

/**
 * Turns expressions into the set of values they may take, in one module.
 * Flow-insensitive: a variable is every value any of its writes gives it, a
 * field every value assigned to it anywhere in its class, a parameter its
 * marker (or, under a frame, the arguments of one call). Results are memoised
 * per (node, frame); all work counts against the linted file's budget.
 */
export class Evaluator {
  readonly module: ModuleSource;
  readonly index: ModuleIndex;
  readonly host: EvaluationHost;
  /** Results without a frame, and per frame (a frame's map is made when it first stores one). */
  private readonly memo = new Map<TSESTree.Node, Values>();
  private readonly framed = new Map<number, Map<TSESTree.Node, Values>>();
  private readonly pushes = new WeakMap<TSESTree.ArrayExpression, readonly TSESTree.Node[]>();
  /**
   * Above 0 while a callee is resolved (`calleeOf`): its values are functions, classes and
   * modules, which no literal type gives, so the checker is not asked (computed keys and module
   * specifiers are: `evaluateText`). Results found so are kept apart: a value needs them asked.
   */
  private calleeDepth = 0;
  private readonly calleeMemo = new Map<TSESTree.Node, Values>();
  private readonly calleeFramed = new Map<number, Map<TSESTree.Node, Values>>();

  /** Type-aware linting only: asked where syntax gives up (see type-values.ts). */
  private readonly typeFallback: TypeFallback | undefined;

  constructor(module: ModuleSource, host: EvaluationHost, typeFallback?: TypeFallback) {
    this.module = module;
    this.index = moduleIndexOf(module);
    this.host = host;
    this.typeFallback = typeFallback;
  }

  /** All values `node` may take (under `frame`: with those parameters bound). */
  evaluate(node: TSESTree.Node, frame?: Frame): Values {
    const host = this.host;
    if (host.depth === 0) {
      // An entry point handed a node of another module: that module's evaluator answers.
      const owner = programOf(node) === this.module.ast ? this : host.evaluatorFor(node);
      if (owner !== this) return owner?.evaluate(node, frame) ?? UNKNOWN;
      host.topSteps = 0;
    }
    if (host.topSteps++ > STEP_BUDGET || host.depth > MAX_DEPTH || !host.spend()) return UNKNOWN;
    // A literal means the same under every frame: evaluated once, not once per call site.
    if (
      frame !== undefined &&
      (node.type === 'Literal' || (node.type === 'TemplateLiteral' && node.expressions.length === 0))
    ) {
      frame = undefined;
    }
    const frameId = frame?.id ?? 0;
    const forCallee = this.calleeDepth > 0;
    const store = this.storeFor(forCallee, frame);
    // A callee may reuse a value's result (its literal types cannot hurt), never the other way.
    const cached =
      (forCallee ? (frame === undefined ? this.memo : this.framed.get(frameId))?.get(node) : undefined) ??
      store.get(node);
    // Being evaluated under this frame further up: a cycle, unknown.
    if (cached === IN_PROGRESS) return UNKNOWN;
    if (cached !== undefined) return cached;
    store.set(node, IN_PROGRESS);
    host.depth++;
    let result: Values | undefined;
    try {
      result = this.evaluateUncached(node, frame);
      if (
        this.typeFallback !== undefined &&
        !forCallee &&
        (node.type === 'Identifier' || node.type === 'MemberExpression' || node.type === 'CallExpression')
      ) {
        result = this.typeFallback(node, result) ?? result;
      }
    } finally {
      host.depth--;
      if (result === undefined) store.delete(node);
    }
    store.set(node, result);
    return result;
  }

  /** Where results are kept: for values or for callees, without a frame or per frame (made on first use). */
  private storeFor(forCallee: boolean, frame: Frame | undefined): Map<TSESTree.Node, Values> {
    if (frame === undefined) return forCallee ? this.calleeMemo : this.memo;
    const framed = forCallee ? this.calleeFramed : this.framed;
    let store = framed.get(frame.id);
    if (store === undefined) {
      store = new Map();
      framed.set(frame.id, store);
    }
    return store;
  }

  /** `node` evaluated for its text (a computed key, a module specifier): with literal types even inside a callee. */
  evaluateText(node: TSESTree.Node, frame?: Frame): Values {
    const depth = this.calleeDepth;
    this.calleeDepth = 0;
    try {
      return this.evaluate(node, frame);
    } finally {
      this.calleeDepth = depth;
    }
  }

  /** The scope variable an identifier refers to, or null for globals and unknowns. */
  findVariable(identifier: TSESTree.Identifier): Scope.Variable | null {
    return findVariableIn(this.module, identifier);
  }

  /** Variables a declaration introduces (function names, declarators, classes, parameters). */
  declaredVariables(node: TSESTree.Node): readonly Scope.Variable[] {
    return this.module.getDeclaredVariables(node);
  }

  /** Member `key` of each value in the set. */
  memberValues(object: Values, key: string, frame?: Frame, read?: TSESTree.Node): Values {
    return memberValues(this, object, key, frame, read);
  }

  /** The callee values and effective arguments of a call, seeing through `.call(thisArg, …)`. */
  calleeOf(
    node: TSESTree.CallExpression | TSESTree.NewExpression,
    frame?: Frame,
  ): { callee: Values; args: readonly TSESTree.CallExpressionArgument[] } {
    this.calleeDepth++;
    try {
      return calleeOf(this, node, frame);
    } finally {
      this.calleeDepth--;
    }
  }

  /**
   * A function created under a frame closes over it: the closure a factory or a retry wrapper
   * returns (`(...a) => fn(...a)`) reads the factory's parameters from the frame of the call that
   * made it. Only a frame of a function around it counts (relevantFrame).
   */
  private closure(node: FunctionNode, frame: Frame | undefined): AbstractValue {
    return frame === undefined ? { kind: 'function', node } : { kind: 'function', node, frame };
  }

  /** The frame a node should be evaluated in: dropped when no function it binds encloses the node (memo reuse). */
  relevantFrame(node: TSESTree.Node, frame: Frame | undefined): Frame | undefined {
    return frame !== undefined &&
      someFrame(frame, (current) => containsNode(current.fn, node) || this.isInstanceOf(current.fn, node))
      ? frame
      : undefined;
  }

  /**
   * True when `fn` is a constructor and `node` sits in one of its class's methods: a constructor's
   * frame binds what `this` holds there too (`const self = this; … self.file`).
   */
  private isInstanceOf(fn: FunctionNode, node: TSESTree.Node): boolean {
    const method = fn.parent;
    if (method?.type === 'MethodDefinition') {
      return method.kind === 'constructor' && containsNode(method.parent, node);
    }
    return inPrototypeMethod(this.host.evaluatorFor(fn)?.index ?? this.index, fn, node);
  }

  private evaluateUncached(node: TSESTree.Node, frame: Frame | undefined): Values {
    switch (node.type) {
      case 'Literal':
        return evaluateLiteral(node);
      case 'TemplateLiteral':
        return this.evaluateTemplate(
          node.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw),
          node.expressions,
          frame,
        );
      case 'TaggedTemplateExpression': {
        // String.raw`C:\Windows\...` is a common way to write Windows paths.
        const tag = this.evaluate(node.tag, frame);
        const [only] = tag.items;
        if (
          tag.items.length === 1 &&
          only?.kind === 'module' &&
          only.module === 'global' &&
          only.path.join('.') === 'String.raw'
        ) {
          return this.evaluateTemplate(
            node.quasi.quasis.map((quasi) => quasi.value.raw),
            node.quasi.expressions,
            frame,
          );
        }
        return UNKNOWN;
      }
      case 'BinaryExpression':
        return this.evaluateBinaryChain(node, frame);
      case 'UnaryExpression':
        return this.evaluateUnary(node, frame);
      case 'LogicalExpression':
        return this.evaluateLogicalChain(node, frame);
      case 'ConditionalExpression': {
        // A test whose truth is known takes one branch (`write ? 'r+' : 'r'` with write = false).
        const truth = truthOf(this.evaluate(node.test, frame));
        if (truth === true) return this.evaluate(node.consequent, frame);
        if (truth === false) return this.evaluate(node.alternate, frame);
        return union(this.evaluate(node.consequent, frame), this.evaluate(node.alternate, frame));
      }
      case 'SequenceExpression':
        return this.evaluate(node.expressions.at(-1) as TSESTree.Expression, frame);
      case 'AssignmentExpression':
        return this.evaluateAssignmentValue(node, frame);
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
      case 'ChainExpression':
        return this.evaluate(node.expression, frame);
      case 'AwaitExpression':
        // Flow-insensitive: a promise stands for the value it resolves to.
        return this.evaluate(node.argument, frame);
      case 'ImportExpression':
        return this.moduleOf(node.source, frame);
      case 'Identifier':
        return this.evaluateIdentifier(node, frame);
      case 'ThisExpression':
        return this.evaluateThis(node, frame);
      case 'Super': {
        // `super(…)` / `super.m()`: the class the enclosing one extends.
        const body = enclosingClassBody(node);
        const superClass = body === undefined ? undefined : (body.parent as ClassNode).superClass;
        return superClass === null || superClass === undefined ? UNKNOWN : this.evaluate(superClass);
      }
      case 'SpreadElement':
        // A sink's path when a spread starts where the path goes (`fs.writeFileSync(...args)`): its first
        // element; or further on (`fs.copyFileSync(...args)`'s destination, calls.ts spreadElementAt).
        return elementOf(this.evaluate(node.argument, frame), spreadOffset(node));
      case 'MemberExpression':
        return evaluateMember(this, node, frame);
      case 'CallExpression':
      case 'NewExpression':
        return evaluateCall(this, node, frame);
      case 'ObjectExpression':
        return known(this.evaluateObject(node, frame));
      case 'ArrayExpression':
        return known(this.evaluateArray(node, frame));
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return known(this.closure(node, this.relevantFrame(node, frame)));
      case 'ClassExpression':
        return known({ kind: 'class', node });
      default:
        return UNKNOWN;
    }
  }

  private evaluateTemplate(quasis: string[], expressions: readonly TSESTree.Node[], frame: Frame | undefined): Values {
    let result = known(text(quasis[0] ?? ''));
    for (const [index, expression] of expressions.entries()) {
      result = concat(result, this.evaluate(expression, frame));
      result = concat(result, known(text(quasis[index + 1] ?? '')));
    }
    return result;
  }

  /** `a + b + c + …` (and any one-operator chain) folded left to right without recursing down the chain. */
  private evaluateBinaryChain(node: TSESTree.BinaryExpression, frame: Frame | undefined): Values {
    return this.foldChain(node, frame, (left, right) => binaryOperation(left, right, node.operator));
  }

  /** `a || b || c`, `a ?? b`, `a && b`: what each side may give (an env var may be unset). */
  private evaluateLogicalChain(node: TSESTree.LogicalExpression, frame: Frame | undefined): Values {
    return this.foldChain(node, frame, (left, right) => logicalOperation(left, right, node.operator));
  }

  /** The operands of a one-operator chain, gathered by a loop (a 100,000-term chain recurses nowhere), folded left to right. */
  private foldChain(
    node: TSESTree.BinaryExpression | TSESTree.LogicalExpression,
    frame: Frame | undefined,
    combine: (left: Values, right: Values) => Values,
  ): Values {
    const operands: TSESTree.Node[] = [];
    let current: TSESTree.Node = node;
    while (
      (current.type === 'BinaryExpression' || current.type === 'LogicalExpression') &&
      current.type === node.type &&
      current.operator === node.operator
    ) {
      operands.push(current.right);
      current = current.left;
    }
    // `#x in obj`: a private name is no value.
    if (current.type === 'PrivateIdentifier') return UNKNOWN;
    operands.push(current);
    operands.reverse();
    let result = this.evaluate(operands[0] as TSESTree.Node, frame);
    for (let i = 1; i < operands.length; i++) {
      result = combine(result, this.evaluate(operands[i] as TSESTree.Node, frame));
    }
    return result;
  }

  private evaluateUnary(node: TSESTree.UnaryExpression, frame: Frame | undefined): Values {
    if (node.operator === 'void') return known(NULLISH_VALUE);
    if (node.operator === 'typeof') return known(UNKNOWN_STRING);
    if (node.operator === '!') {
      const truth = truthOf(this.evaluate(node.argument, frame));
      return truth === undefined ? UNKNOWN : known({ kind: 'boolean', value: !truth });
    }
    const argument = this.evaluate(node.argument, frame);
    const items: AbstractValue[] = [];
    for (const item of argument.items) {
      if (item.kind === 'number') {
        if (node.operator === '-') items.push({ kind: 'number', value: -item.value });
        else if (node.operator === '+') items.push(item);
        else if (node.operator === '~') items.push({ kind: 'number', value: ~item.value });
      } else if (item.kind === 'bigint') {
        if (node.operator === '-') items.push({ kind: 'bigint', value: -item.value });
        else if (node.operator === '~') items.push({ kind: 'bigint', value: ~item.value });
      }
    }
    return { items, complete: argument.complete && items.length === argument.items.length };
  }

  /** The value of an assignment expression (`a = b = x` is x). */
  private evaluateAssignmentValue(node: TSESTree.AssignmentExpression, frame: Frame | undefined): Values {
    switch (node.operator) {
      case '=':
        return this.evaluate(node.right, frame);
      case '||=':
      case '??=':
        return union(this.evaluate(node.left, frame), this.evaluate(node.right, frame));
      case '+=':
        return concat(this.evaluate(node.left, frame), this.evaluate(node.right, frame));
      default:
        return UNKNOWN;
    }
  }

  private evaluateIdentifier(node: TSESTree.Identifier, frame: Frame | undefined): Values {
    const variable = this.findVariable(node);
    if (variable === null || variable.defs.length === 0) {
      if (node.name === 'undefined') return known(NULLISH_VALUE);
      if (node.name === '__dirname' || node.name === '__filename') return known(UNKNOWN_STRING);
      if (node.name === 'arguments' && variable !== null) return this.argumentsObject(variable, node, frame);
      const global = globalValue(node.name);
      return global === undefined ? UNKNOWN : known(global);
    }
    return this.evaluateVariable(variable, frame, node);
  }

  /** The values a variable may hold, from its declarations and every assignment to it. */
  evaluateVariable(variable: Scope.Variable, frame?: Frame, read?: TSESTree.Identifier): Values {
    const [def] = variable.defs;
    if (def === undefined) return UNKNOWN;
    // Straight-line code: `let t = HOSTS; t = 'out.txt'; write(t)` reads only the last plain assignment.
    const reaching =
      read === undefined || (def.type !== 'Parameter' && def.type !== 'Variable')
        ? undefined
        : reachingWrites(this.index.writesOf(variable), read);
    switch (def.type) {
      case 'ImportBinding':
        return this.evaluateImportBinding(def.node);
      case 'FunctionName':
        return isFunctionNode(def.node) ? known(this.closure(def.node, this.relevantFrame(def.node, frame))) : UNKNOWN;
      case 'ClassName':
        return isClassNode(def.node) ? known({ kind: 'class', node: def.node }) : UNKNOWN;
      case 'Parameter': {
        const fn = def.node as FunctionNode;
        // Reassigned in its function (`file = file || HOSTS`, `if (!file) file = HOSTS`): those values too.
        const reassigned = (reaching ?? this.index.writesOf(variable)).filter(
          (reference) => !fn.params.some((param) => containsNode(param, reference.identifier)),
        );
        if (reaching !== undefined && reaching.length > 0 && reassigned.length === reaching.length) {
          // Overwritten before the read: what the caller gave no longer counts.
          return this.evaluateWrites(variable, frame, reassigned, read);
        }
        const given = this.evaluateParameter(variable, fn, frame);
        return reassigned.length === 0 ? given : union(given, this.evaluateWrites(variable, frame, reassigned, read));
      }
      case 'Variable': {
        const values = this.evaluateWrites(variable, frame, reaching, read);
        return read === undefined ? values : arrayAtRead(this, variable, values, read, frame);
      }
      case 'TSEnumName':
        // Merged declarations (`enum E {…} enum E {…}`) may add members: the object is open then.
        return def.node.type === 'TSEnumDeclaration'
          ? known(this.enumObject(def.node, variable.defs.length > 1))
          : UNKNOWN;
      case 'TSModuleName':
        // `namespace Sys { export const root = … }`: an object of what its body exports.
        return def.node.type === 'TSModuleDeclaration'
          ? known(this.namespaceObject(def.node, variable.defs.length > 1))
          : UNKNOWN;
      case 'TSEnumMemberName': {
        // A member named inside its enum (`ReadWrite = Read | Write`).
        const member = def.node;
        const declaration = member.parent.parent;
        if (member.type !== 'TSEnumMember' || declaration?.type !== 'TSEnumDeclaration') return UNKNOWN;
        const enumValue = this.enumObject(declaration, false);
        return enumValue.kind === 'object' ? (enumValue.properties.get(variable.name)?.() ?? UNKNOWN) : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  /** A TypeScript namespace as the object it compiles to: its exported constants, functions, classes, enums, namespaces. */
  private namespaceObject(node: TSESTree.TSModuleDeclaration, open: boolean): AbstractValue {
    const properties = new Map<string, () => Values>();
    const body = node.body;
    for (const statement of body?.type === 'TSModuleBlock' ? body.body : []) {
      if (statement.type !== 'ExportNamedDeclaration' || statement.declaration === null) continue;
      const declaration = statement.declaration;
      const names: TSESTree.Identifier[] =
        declaration.type === 'VariableDeclaration'
          ? declaration.declarations.flatMap((declarator) =>
              declarator.id.type === 'Identifier' ? [declarator.id] : [],
            )
          : 'id' in declaration && declaration.id?.type === 'Identifier'
            ? [declaration.id]
            : [];
      for (const name of names) {
        let cached: Values | undefined;
        properties.set(name.name, () => (cached ??= this.evaluate(name)));
      }
    }
    // Merged declarations (`namespace A {…} namespace A {…}`), destructured exports: others may exist.
    return { kind: 'object', properties, open };
  }

  /** A computed key with one known string or number value. */
  private constantKey(node: TSESTree.Node, frame: Frame | undefined): string | undefined {
    const values = this.evaluate(node, frame);
    const [only] = values.items;
    if (!values.complete || values.items.length !== 1 || only === undefined) return undefined;
    return only.kind === 'number' ? String(only.value) : staticText(only);
  }

  /**
   * An enum as the object it compiles to: a member with an initializer has its value (which may
   * name earlier members: `ReadWrite = Read | Write`), one without it the previous number plus one
   * (the first 0), otherwise unknown.
   */
  private enumObject(node: TSESTree.TSEnumDeclaration, open: boolean): AbstractValue {
    const properties = new Map<string, () => Values>();
    let previous: (() => Values) | undefined;
    for (const [index, member] of node.body.members.entries()) {
      const key = member.id.type === 'Identifier' ? member.id.name : String(member.id.value);
      const { initializer } = member;
      const before = previous;
      let cached: Values | undefined;
      const value = (): Values =>
        (cached ??=
          initializer !== undefined
            ? this.evaluate(initializer)
            : before === undefined
              ? known({ kind: 'number', value: 0 })
              : // Each counts on the one before: a long run of them is not followed (no deep recursion).
                index < MAX_ENUM_RUN
                ? nextEnumValue(before())
                : UNKNOWN);
      properties.set(key, value);
      previous = value;
    }
    return { kind: 'object', properties, open };
  }

  /**
   * Every value the writes of a variable give it: its initialiser (destructured,
   * or an element when it is a `for…of` variable), each `=`, `||=` and `??=`,
   * and `+=` on top of those.
   */
  private evaluateWrites(
    variable: Scope.Variable,
    frame: Frame | undefined,
    writes: readonly Scope.Reference[] = this.index.writesOf(variable),
    /** Where the variable is read (what a setter stores counts only outside the setter). */
    read?: TSESTree.Node,
  ): Values {
    const plain: Values[] = [];
    const compound: TSESTree.AssignmentExpression[] = [];
    let sawWrite = false;
    for (const reference of writes) {
      sawWrite = true;
      const identifier = reference.identifier as TSESTree.Identifier;
      const source = this.writeSource(identifier, frame, read);
      if (source === 'compound') {
        compound.push(identifier.parent as TSESTree.AssignmentExpression);
      } else {
        plain.push(source);
      }
      if (plain.length + compound.length > MAX_ALTERNATIVES) return { items: union(...plain).items, complete: false };
    }
    // Never assigned (`declare const x: T`, `let x;` set elsewhere than we can see): unknown.
    if (!sawWrite) return UNKNOWN;
    let values = union(...plain);
    // Each `+=` may run after any of those before it (`x += '\\Windows'; x += '\\win.ini'`), or not at all.
    for (const assignment of compound) {
      values = union(values, concat(values, this.evaluate(assignment.right, this.relevantFrame(assignment, frame))));
    }
    return values;
  }

  /** What one write reference gives its variable; 'compound' for `x += …` (folded after the rest). */
  private writeSource(
    identifier: TSESTree.Identifier,
    frame: Frame | undefined,
    read: TSESTree.Node | undefined,
  ): Values | 'compound' {
    let child: TSESTree.Node = identifier;
    let parent = identifier.parent;
    // Climb through the destructuring pattern the identifier sits in.
    while (
      parent !== undefined &&
      (parent.type === 'ObjectPattern' ||
        parent.type === 'ArrayPattern' ||
        parent.type === 'RestElement' ||
        (parent.type === 'Property' && parent.parent?.type === 'ObjectPattern') ||
        (parent.type === 'AssignmentPattern' && parent.left === child))
    ) {
      child = parent;
      parent = parent.parent;
    }
    if (parent === undefined) return UNKNOWN;
    if (parent.type === 'VariableDeclarator' && parent.id === child) {
      const loop = parent.parent?.parent;
      if ((loop?.type === 'ForOfStatement' || loop?.type === 'ForInStatement') && loop.left === parent.parent) {
        return this.destructure(this.loopValues(loop, frame), child, identifier, frame);
      }
      if (parent.init === null) return known(NULLISH_VALUE);
      return this.destructure(
        this.evaluate(parent.init, this.relevantFrame(parent.init, frame)),
        child,
        identifier,
        frame,
      );
    }
    if (parent.type === 'AssignmentExpression' && parent.left === child) {
      if (child === identifier && parent.operator === '+=') return 'compound';
      if (
        parent.operator === '=' ||
        parent.operator === '||=' ||
        parent.operator === '??=' ||
        parent.operator === '&&='
      ) {
        return this.destructure(this.assignedValue(parent.right, frame, read), child, identifier, frame);
      }
      return UNKNOWN;
    }
    if ((parent.type === 'ForOfStatement' || parent.type === 'ForInStatement') && parent.left === child) {
      return this.destructure(this.loopValues(parent, frame), child, identifier, frame);
    }
    return UNKNOWN;
  }

  /**
   * What an assignment (`dir = v`, `store.set('dir', v)`) stores, read from outside the function it
   * sits in: where `v` depends on that function's parameters and no frame binds them (a setter,
   * `function setDir(v) { dir = v; }`, read by another function or the module), what the module's
   * calls of the setter give it (`setDir(HOSTS_DIR)`), as many as MAX_ALTERNATIVES; never complete,
   * since another module may call it too.
   */
  assignedValue(value: TSESTree.Node, frame: Frame | undefined, read: TSESTree.Node | undefined): Values {
    const relevant = this.relevantFrame(value, frame);
    const values = this.evaluate(value, relevant);
    if (relevant !== undefined || parametersIn(values).length === 0) return values;
    const setter = enclosingFunction(value);
    // Read inside the setter (a wrapper's own `target = p; write(target)`): its parameter, decided at its calls.
    if (setter === undefined || read === undefined || containsNode(setter, read)) return values;
    const calls = this.index.callsOfFunction(setter);
    if (calls.length === 0) return values;
    const merged = union(...this.atEachCall(setter, calls.slice(0, MAX_ALTERNATIVES), value));
    return { items: merged.items, complete: false };
  }

  /** `node`, in `fn`, under a frame for each of `calls` binding their arguments: what a setter's calls give it. */
  atEachCall(fn: FunctionNode, calls: readonly TSESTree.CallExpression[], node: TSESTree.Node): Values[] {
    return calls.map((call) => {
      const bound = this.host.frames.frame(
        fn,
        call,
        { nodes: call.arguments, evaluate: (argument) => this.evaluate(argument, undefined) },
        undefined,
        undefined,
      );
      return bound === undefined ? UNKNOWN : this.evaluate(node, bound);
    });
  }

  /** The values a `for…of` variable takes (elements), or a `for…in` one (keys: unknown strings). */
  private loopValues(loop: TSESTree.ForOfStatement | TSESTree.ForInStatement, frame: Frame | undefined): Values {
    if (loop.type === 'ForInStatement') return { items: [UNKNOWN_STRING], complete: false };
    return elementsOf(this.evaluate(loop.right, this.relevantFrame(loop.right, frame)));
  }

  private evaluateImportBinding(
    specifier:
      | TSESTree.ImportSpecifier
      | TSESTree.ImportDefaultSpecifier
      | TSESTree.ImportNamespaceSpecifier
      | TSESTree.TSImportEqualsDeclaration,
  ): Values {
    if (specifier.type === 'TSImportEqualsDeclaration') {
      const reference = specifier.moduleReference;
      return reference.type === 'TSExternalModuleReference' ? this.moduleOf(reference.expression, undefined) : UNKNOWN;
    }
    const declaration = specifier.parent;
    if (declaration.type !== 'ImportDeclaration') return UNKNOWN;
    const source = String(declaration.source.value);
    const local = this.host.importModule(this.module, source);
    const imported = importedName(specifier);
    if (local?.kind === 'namespace') {
      return specifier.type === 'ImportNamespaceSpecifier' ? known(local) : this.host.exportValue(local.file, imported);
    }
    const base = moduleFromSpecifier(source);
    if (specifier.type !== 'ImportSpecifier') return known(base);
    return imported === 'default' ? known(base) : known(memberOfModule(base, imported));
  }

  /**
   * A parameter: under a frame that binds its function, the argument (its
   * default where omitted or possibly undefined); for a callback, what the
   * caller hands it (`arr.forEach((p) => …)`: an element); otherwise its
   * marker, plus its default.
   */
  private evaluateParameter(variable: Scope.Variable, fn: FunctionNode, frame: Frame | undefined): Values {
    const index = fn.params.findIndex((param) => patternDeclares(param, variable.name));
    const declared = fn.params[index];
    if (declared === undefined) return UNKNOWN;
    const param = declared.type === 'TSParameterProperty' ? declared.parameter : declared;
    if (param.type === 'RestElement') {
      return param.argument.type === 'Identifier' ? this.restParameter(variable, fn, index, frame) : UNKNOWN;
    }
    const pattern = param.type === 'AssignmentPattern' ? param.left : param;
    const fallback = param.type === 'AssignmentPattern' ? param.right : undefined;
    const withDefault = (value: Values, omitted: boolean): Values => {
      if (fallback === undefined) return value;
      const defaults = this.evaluate(fallback, this.relevantFrame(fallback, frame));
      if (omitted) return defaults;
      const present = value.items.filter((item) => item.kind !== 'nullish');
      return present.length === value.items.length && value.complete
        ? value
        : union({ items: present, complete: value.complete }, defaults);
    };
    const target = variable.identifiers[0] as TSESTree.Identifier | undefined;
    const bound = frameBinding(frame, fn);
    if (bound !== undefined) {
      const value = withDefault(bound.argument(index), bound.omitted(index));
      return target === undefined ? value : this.destructure(value, pattern, target, frame);
    }
    const handed = callbackArgument(this, fn, index, frame);
    if (handed !== undefined) {
      const value = withDefault(handed, false);
      return target === undefined ? value : this.destructure(value, pattern, target, frame);
    }
    // A setter's parameter: what is assigned to its member (`s.dir = X`, `this.dir = X`), and more.
    const assigned = index === 0 ? this.setterArguments(fn) : undefined;
    if (assigned !== undefined) {
      const value = { items: assigned.items, complete: false };
      return target === undefined ? value : this.destructure(value, pattern, target, frame);
    }
    // A dependency-injected class (Angular, NestJS): the framework passes an instance of the declared class.
    const injected = this.injectedInstance(fn, declared, pattern);
    if (injected !== undefined) return injected;
    // Standalone: the marker (members of a destructured parameter as marker paths), plus the default.
    const path = target === undefined ? [] : patternPath(pattern, target);
    if (path === undefined) return UNKNOWN;
    const marker: Values = {
      items: [parameterMarker({ variable, fn, index }, path.length === 0 ? undefined : path)],
      complete: false,
    };
    if (target !== undefined && path.length > 0) return union(marker, ...this.patternDefaults(param, target, frame));
    if (fallback === undefined) return marker;
    return union(this.evaluate(fallback, this.relevantFrame(fallback, frame)), marker);
  }

  /**
   * `constructor(private app: AppComponent)` in a decorated class (`@Component`, `@Injectable`): no
   * code of the project calls it, a dependency-injection container does, with an instance of the
   * declared class built by that class's own constructor. Only for a class named in the type
   * annotation that evaluates to a class of the project; undefined otherwise.
   */
  private injectedInstance(fn: FunctionNode, declared: TSESTree.Parameter, pattern: TSESTree.Node): Values | undefined {
    const method = fn.parent;
    if (method?.type !== 'MethodDefinition' || method.kind !== 'constructor') return undefined;
    const classNode = method.parent.parent;
    const decorated = (node: TSESTree.Node | undefined): boolean =>
      ((node as { decorators?: readonly unknown[] } | undefined)?.decorators?.length ?? 0) > 0;
    if (!decorated(classNode) && !decorated(declared)) return undefined;
    if (pattern.type !== 'Identifier') return undefined;
    const annotation = pattern.typeAnnotation?.typeAnnotation;
    if (annotation?.type !== 'TSTypeReference' || annotation.typeName.type !== 'Identifier') return undefined;
    const classes = this.evaluate(annotation.typeName).items.flatMap((item) =>
      item.kind === 'class' ? [{ kind: 'instance' as const, node: item.node }] : [],
    );
    return classes.length === 0 ? undefined : { items: classes, complete: false };
  }

  /**
   * A rest parameter (`(...args) => …`): an array of the arguments from its position on, those of
   * the frame binding its function or their markers (so `fs.writeFileSync(...args)` in a wrapper
   * depends on the wrapper's first argument). Open: a call may pass more than are read here.
   */
  private restParameter(variable: Scope.Variable, fn: FunctionNode, index: number, frame: Frame | undefined): Values {
    const bound = frameBinding(frame, fn);
    const elements: (() => Values)[] = [];
    for (let offset = 0; offset < REST_ELEMENTS; offset++) {
      const position = index + offset;
      elements.push(
        bound === undefined
          ? () => ({ items: [parameterMarker({ variable, fn, index: position })], complete: false })
          : () => bound.argument(position),
      );
    }
    return known({ kind: 'array', elements, open: true });
  }

  /**
   * The values a setter is given: for a class's, assignments to its member through `this` in the
   * class, and through a variable of the module holding an instance of the class (`const s = new
   * Settings(); s.dir = X`); for an object literal's, through a variable holding that object
   * (`const o = { set file(v) { … } }; o.file = X`). At most MAX_ALTERNATIVES. Undefined for any
   * other function, or a setter never assigned here.
   */
  private setterArguments(fn: FunctionNode): Values | undefined {
    const owner = setterOwner(fn);
    if (owner === undefined) return undefined;
    const { key, holder } = owner;
    const nodes: TSESTree.Node[] =
      holder.type === 'ObjectExpression' ? [] : [...(this.index.classMembers(holder).fields.get(key) ?? [])];
    const holds = (item: AbstractValue): boolean =>
      (item.kind === 'instance' || item.kind === 'object') && item.node === holder;
    for (const [variable, values] of this.index.memberAssignmentsTo(key)) {
      if (nodes.length >= MAX_ALTERNATIVES) break;
      const reference = variable.references[0]?.identifier;
      if (reference === undefined) continue;
      // What the variable holds where each assignment is made: `o = { file: '' }` before `o.file = X`
      // leaves the setter's object behind.
      for (const value of values) {
        // Only the first MAX_ALTERNATIVES are used: the rest need not be evaluated.
        if (nodes.length >= MAX_ALTERNATIVES) break;
        const object = assignedObject(value) ?? reference;
        if (this.evaluate(object).items.some(holds)) nodes.push(value);
      }
    }
    if (nodes.length === 0) return undefined;
    return union(...nodes.slice(0, MAX_ALTERNATIVES).map((node) => this.evaluate(node)));
  }

  /**
   * `arguments` in a non-arrow function (`fn.apply(this, arguments)` in an ES5 wrapper): an array
   * of the arguments the frame binding that function holds, or their markers (open, like a rest
   * parameter from position 0).
   */
  private argumentsObject(variable: Scope.Variable, node: TSESTree.Node, frame: Frame | undefined): Values {
    const fn = variable.scope.block;
    if (!isFunctionNode(fn) || fn.type === 'ArrowFunctionExpression' || !containsNode(fn, node)) return UNKNOWN;
    return this.restParameter(variable, fn, 0, frame);
  }

  /**
   * What the defaults on the way down a destructured parameter give its binding when the caller
   * passes no such member: `{ file = HOSTS } = {}`, `{ paths: { hosts } = DEFAULTS }`. Each default
   * is destructured through the rest of the pattern; at most MAX_ALTERNATIVES defaults are read.
   */
  private patternDefaults(pattern: TSESTree.Node, target: TSESTree.Node, frame: Frame | undefined): Values[] {
    const found: Values[] = [];
    let node: TSESTree.Node | null | undefined = pattern;
    while (node !== target && node !== null && node !== undefined && found.length < MAX_ALTERNATIVES) {
      switch (node.type) {
        case 'AssignmentPattern': {
          const defaults = this.evaluate(node.right, this.relevantFrame(node.right, frame));
          found.push(this.destructure(defaults, node.left, target, frame));
          node = node.left;
          break;
        }
        case 'ObjectPattern': {
          const property: TSESTree.Property | TSESTree.RestElement | undefined = node.properties.find((candidate) =>
            containsNode(candidate, target),
          );
          node = property?.type === 'Property' ? property.value : undefined;
          break;
        }
        case 'ArrayPattern': {
          const element: TSESTree.DestructuringPattern | null | undefined = node.elements.find(
            (candidate) => candidate !== null && containsNode(candidate, target),
          );
          node = element?.type === 'RestElement' ? undefined : element;
          break;
        }
        default:
          node = undefined;
      }
    }
    return found;
  }

  /** Follows a destructuring pattern from the declared value down to `target`. */
  destructure(value: Values, pattern: TSESTree.Node, target: TSESTree.Node, frame: Frame | undefined): Values {
    let current = value;
    let node: TSESTree.Node = pattern;
    // Iterative descent: patterns nest, but only one path leads to the target.
    for (;;) {
      if (node === target) return current;
      switch (node.type) {
        case 'ObjectPattern': {
          let next: TSESTree.Node | undefined;
          for (const property of node.properties) {
            if (!containsNode(property, target)) continue;
            if (property.type === 'RestElement') return UNKNOWN;
            const key = staticPropertyKey(property);
            if (key === undefined) return UNKNOWN;
            current = this.memberValues(current, key, frame, target);
            next = property.value;
            break;
          }
          if (next === undefined) return UNKNOWN;
          node = next;
          break;
        }
        case 'ArrayPattern': {
          const position = node.elements.findIndex((element) => element !== null && containsNode(element, target));
          const element = node.elements[position];
          if (element === undefined || element === null || element.type === 'RestElement') return UNKNOWN;
          current = this.memberValues(current, String(position), frame);
          node = element;
          break;
        }
        case 'AssignmentPattern': {
          // The default applies only where the value may be undefined (or is not fully known).
          const present = current.items.filter((item) => item.kind !== 'nullish');
          if (present.length !== current.items.length || !current.complete) {
            current = union(
              { items: present, complete: current.complete },
              this.evaluate(node.right, this.relevantFrame(node.right, frame)),
            );
          }
          node = node.left;
          break;
        }
        case 'TSParameterProperty': {
          node = node.parameter;
          break;
        }
        default:
          return UNKNOWN;
      }
    }
  }

  /** `this`: the class (static context) or an instance of it, with the constructor's frame when known. */
  private evaluateThis(node: TSESTree.ThisExpression, frame: Frame | undefined): Values {
    const body = enclosingClassBody(node);
    if (body === undefined) {
      // A constructor function or its prototype's method (ES5 classes): an instance of it.
      const constructor = this.index.functionClassOf(node);
      if (constructor !== undefined) {
        const instance = instanceFrameOf(this, constructor, frame);
        return known(
          instance === undefined
            ? { kind: 'instance', node: constructor }
            : { kind: 'instance', node: constructor, frame: instance },
        );
      }
      // A method of an object literal: `this` is the literal (when called on it, as it usually is).
      const literal = thisOwner(node);
      return literal?.type === 'ObjectExpression'
        ? this.evaluate(literal, this.relevantFrame(literal, frame))
        : UNKNOWN;
    }
    const classNode = body.parent as ClassNode;
    if (isStaticContext(node)) return known({ kind: 'class', node: classNode });
    const { node: instanceClass, frame: instance } = thisInstanceOf(this, classNode, frame);
    return known(
      instance === undefined
        ? { kind: 'instance', node: instanceClass }
        : { kind: 'instance', node: instanceClass, frame: instance },
    );
  }

  private evaluateObject(node: TSESTree.ObjectExpression, frame: Frame | undefined): AbstractValue {
    const properties = new Map<string, () => Values>();
    const spreads: AbstractValue[] = [];
    const overrides = new KeyOverrides(properties);
    let open = false;
    for (const property of node.properties) {
      if (property.type === 'SpreadElement') {
        const spread = this.evaluate(property.argument, frame);
        collectSpreads(spread, spreads);
        const unknownKeys = !spread.complete || spread.items.some((item) => item.kind !== 'object' || item.open);
        // A spread of keys we cannot list may override what came before.
        if (unknownKeys) overrides.spreadUnknownKeys(spread);
        if (spread.items.length === 0) open = true;
        for (const item of spread.items) {
          if (item.kind !== 'object') {
            open = true;
            continue;
          }
          for (const [key, value] of item.properties) {
            const before = properties.get(key);
            // Several spread alternatives: the property may come from any of them.
            properties.set(
              key,
              spread.items.length === 1 || before === undefined ? value : () => union(before(), value()),
            );
            overrides.defined(key, false);
            overrides.inherit(key, item.overriders?.get(key));
          }
          open ||= item.open;
        }
        open ||= !spread.complete;
        continue;
      }
      // `{ [K]: x }` with a constant key (an enum member, a `const`) is that key.
      const key =
        staticPropertyKey(property) ?? (property.computed ? this.constantKey(property.key, frame) : undefined);
      if (key === undefined) {
        open = true;
        continue;
      }
      const valueNode = property.value;
      let cached: Values | undefined;
      properties.set(key, () => {
        if (cached === undefined) {
          if (property.kind === 'get' && isFunctionNode(valueNode)) {
            cached = union(...this.index.returnsOf(valueNode).map((returned) => this.evaluate(returned, frame)));
          } else if (property.kind === 'init' && valueNode.type !== 'AssignmentPattern') {
            cached = this.evaluate(valueNode, frame);
          } else {
            cached = UNKNOWN;
          }
        }
        return cached;
      });
      overrides.defined(key, true);
    }
    return {
      kind: 'object',
      properties,
      open,
      node,
      ...(spreads.length > 0 ? { spreads } : {}),
      ...(overrides.overriders.size > 0 ? { overriders: overrides.overriders } : {}),
    };
  }

  private evaluateArray(node: TSESTree.ArrayExpression, frame: Frame | undefined): AbstractValue {
    const elements: (() => Values)[] = [];
    let open = false;
    for (const element of node.elements) {
      if (element === null) {
        elements.push(() => known(NULLISH_VALUE));
        continue;
      }
      if (element.type === 'SpreadElement') {
        open = appendElementsOf(elements, this.evaluate(element.argument, frame)) || open;
        continue;
      }
      let cached: Values | undefined;
      elements.push(() => (cached ??= this.evaluate(element, frame)));
    }
    // `const found = []; … found.push(dir)`: what is pushed later is an element too (in no known order).
    const pushed = this.pushedOnto(node);
    if (pushed.length > 0) {
      for (const value of pushed) {
        let cached: Values | undefined;
        elements.push(() => (cached ??= this.evaluate(value, this.relevantFrame(value, frame))));
      }
      open = true;
    }
    return { kind: 'array', elements, open };
  }

  /**
   * The values `push`ed or `unshift`ed onto the array a literal initialises, through the variable it
   * is declared as (`const found = []`), at most MAX_ALTERNATIVES; cached per literal.
   */
  private pushedOnto(node: TSESTree.ArrayExpression): readonly TSESTree.Node[] {
    const cached = this.pushes.get(node);
    if (cached !== undefined) return cached;
    const found: TSESTree.Node[] = [];
    const declarator = node.parent;
    // `const found = []`, or an accumulator parameter's default (`function collect(dir, found = [])`).
    const holder =
      declarator?.type === 'VariableDeclarator' && declarator.init === node
        ? declarator.id
        : declarator?.type === 'AssignmentPattern' && declarator.right === node
          ? declarator.left
          : undefined;
    if (holder?.type === 'Identifier') {
      const variable = this.findVariable(holder);
      for (const reference of variable?.references ?? []) {
        const member = reference.identifier.parent;
        const call = member?.parent;
        if (member?.type !== 'MemberExpression' || member.object !== reference.identifier) continue;
        const method = staticMemberName(member);
        if ((method !== 'push' && method !== 'unshift') || call?.type !== 'CallExpression' || call.callee !== member)
          continue;
        for (const argument of call.arguments) {
          if (argument.type !== 'SpreadElement' && found.length < MAX_ALTERNATIVES) found.push(argument);
        }
      }
    }
    this.pushes.set(node, found);
    return found;
  }

  /** `require(x)`, `import(x)`: a project module when `x` names one, else the package by name. */
  moduleOf(source: TSESTree.Node, frame: Frame | undefined): Values {
    const names = this.evaluateText(source, frame);
    const items: AbstractValue[] = [];
    for (const item of names.items) {
      const [part] = item.kind === 'string' && item.parts.length === 1 ? item.parts : [];
      if (part?.kind === 'text')
        items.push(this.host.importModule(this.module, part.text) ?? moduleFromSpecifier(part.text));
    }
    return { items, complete: names.complete && items.length === names.items.length };
  }

  /** Static property name of a member expression, resolving computed keys when they are constant. */
  memberKey(node: TSESTree.MemberExpression, frame?: Frame): string | undefined {
    return memberKey(this, node, frame);
  }
}

/** The constructor frame `this` stands for at a node evaluated under `frame`, if any frame binds one. */
export function instanceFrameOf(
  evaluator: Evaluator,
  classNode: ClassLike,
  frame: Frame | undefined,
): Frame | undefined {
  const { constructor } = evaluator.index.classMembers(classNode);
  // A method of the class: inside its body, or (a constructor function's) given to its prototype.
  const isMethod = (fn: FunctionNode): boolean =>
    containsNode(classNode, fn) || (!isClassNode(classNode) && inPrototypeMethod(evaluator.index, classNode, fn));
  for (let current = frame; current !== undefined; current = current.caller) {
    if (constructor !== undefined && current.fn === constructor) return current;
    if (current.instance !== undefined && isMethod(current.fn)) return current.instance;
  }
  return undefined;
}

/**
 * What `this` is in a method of `classNode` evaluated under `frame`: an instance of the subclass
 * the method was called on when it is an inherited one (the frame's receiver: `new Hosts().save()`
 * with `save` in Base reads `this.file` from Hosts first), else of the class itself; with the
 * constructor frame of that instance when one binds it.
 */
export function thisInstanceOf(
  evaluator: Evaluator,
  classNode: ClassLike,
  frame: Frame | undefined,
): { node: ClassLike; frame: Frame | undefined } {
  const instance = instanceFrameOf(evaluator, classNode, frame);
  let receiver: ClassLike | undefined;
  for (let current = frame; current !== undefined; current = current.caller) {
    if (!containsNode(classNode, current.fn)) continue;
    receiver = current.receiver;
    break;
  }
  if (receiver === undefined || receiver === classNode) return { node: classNode, frame: instance };
  const owner = evaluator.host.evaluatorFor(receiver) ?? evaluator;
  const { constructor } = owner.index.classMembers(receiver);
  return {
    node: receiver,
    frame: (constructor === undefined ? undefined : frameBinding(frame, constructor)) ?? instance,
  };
}

function evaluateLiteral(node: TSESTree.Literal): Values {
  if (typeof node.value === 'string') return known(text(node.value));
  if (typeof node.value === 'number') return known({ kind: 'number', value: node.value });
  if (typeof node.value === 'boolean') return known({ kind: 'boolean', value: node.value });
  if ('bigint' in node && typeof node.bigint === 'string') return known({ kind: 'bigint', value: BigInt(node.bigint) });
  if (node.value === null && !('regex' in node)) return known(NULLISH_VALUE);
  return UNKNOWN;
}

/** Members of a destructuring pattern down to `target`: `{ a: { b } }` → ['a', 'b']; undefined past arrays and rests. */
function patternPath(pattern: TSESTree.Node, target: TSESTree.Node): string[] | undefined {
  const path: string[] = [];
  let node: TSESTree.Node = pattern;
  for (;;) {
    if (node === target) return path;
    if (node.type === 'AssignmentPattern') {
      node = node.left;
      continue;
    }
    if (node.type !== 'ObjectPattern') return undefined;
    const property = node.properties.find((candidate) => containsNode(candidate, target));
    if (property === undefined || property.type === 'RestElement') return undefined;
    const key = staticPropertyKey(property);
    if (key === undefined) return undefined;
    path.push(key);
    node = property.value;
  }
}

/** True when `node` sits in a function given to the prototype of the constructor function `fn`. */
function inPrototypeMethod(index: ModuleIndex, fn: FunctionNode, node: TSESTree.Node): boolean {
  return index.prototypeMethods(fn).some((method) => containsNode(method, node));
}

/** Elements of a rest parameter that are tracked one by one (a wrapper forwards the first few). */
const REST_ELEMENTS = 4;

/** `o` in `o.file = value` (or `??=`, `||=`): the object a member assignment's value goes to. */
function assignedObject(value: TSESTree.Node): TSESTree.Node | undefined {
  const assignment = value.parent;
  return assignment?.type === 'AssignmentExpression' &&
    assignment.right === value &&
    assignment.left.type === 'MemberExpression'
    ? skipTransparent(assignment.left.object)
    : undefined;
}

/** A setter's member name and what it is a member of: a class (not static), or an object literal. */
function setterOwner(fn: FunctionNode): { key: string; holder: ClassNode | TSESTree.ObjectExpression } | undefined {
  const method = fn.parent;
  if (method?.type === 'MethodDefinition' && method.kind === 'set' && !method.static) {
    const key = staticPropertyKey(method);
    const classNode = method.parent.parent;
    return key !== undefined && isClassNode(classNode) ? { key, holder: classNode } : undefined;
  }
  if (method?.type === 'Property' && method.kind === 'set' && method.parent.type === 'ObjectExpression') {
    const key = staticPropertyKey(method);
    return key === undefined ? undefined : { key, holder: method.parent };
  }
  return undefined;
}

/** The element at `offset` of every array value: "may", since the call may be given other arguments before the spread's. */
function elementOf(values: Values, offset: number): Values {
  return { items: elementAt(values, offset).items, complete: false };
}

/** The elements of every array value (strings iterate characters: unknown). */
/** Elements one array copies from others at most (`[...a, ...a]` nested 30 times): past it, one merged element. */
const MAX_COPIED_ELEMENTS = 256;

/**
 * Appends what an array spread or concatenated from `values` holds to `elements`: its elements, or
 * past MAX_COPIED_ELEMENTS (or when it may be several arrays) one element that is any of them.
 * True when the result may hold more than what was appended (open).
 */
export function appendElementsOf(elements: (() => Values)[], values: Values): boolean {
  const [only] = values.items;
  if (
    values.items.length === 1 &&
    only?.kind === 'array' &&
    elements.length + only.elements.length <= MAX_COPIED_ELEMENTS
  ) {
    elements.push(...only.elements);
    return only.open || !values.complete;
  }
  if (values.items.some((item) => item.kind === 'array')) {
    let merged: Values | undefined;
    elements.push(() => (merged ??= elementsOf(values)));
  }
  return true;
}

export function elementsOf(values: Values): Values {
  const sets: Values[] = [];
  let complete = values.complete;
  for (const item of values.items) {
    if (item.kind === 'array') {
      for (const element of item.elements) {
        sets.push(element());
        if (sets.length >= MAX_ALTERNATIVES) break;
      }
      complete &&= !item.open;
    } else {
      complete = false;
    }
  }
  const merged = union(...sets);
  return { items: merged.items, complete: merged.complete && complete };
}

/**
 * The writes of a variable that may reach `read`, when a plain `x = …;` statement comes before it
 * in a block around it (in its own function): that one, the writes between it and the read, the
 * writes in loops between that block and the read (a later iteration), and any in another
 * function (a closure may run in between). Undefined when no such statement is found: every write.
 */
function reachingWrites(writes: readonly Scope.Reference[], read: TSESTree.Identifier): Scope.Reference[] | undefined {
  if (writes.length < 2) return undefined;
  let byIdentifier = writesByIdentifier.get(writes);
  if (byIdentifier === undefined) {
    byIdentifier = new Map(writes.map((write) => [write.identifier, write]));
    writesByIdentifier.set(writes, byIdentifier);
  }
  const found = lastOverwrite(read, (statement) =>
    statement.type === 'ExpressionStatement' &&
    statement.expression.type === 'AssignmentExpression' &&
    statement.expression.operator === '='
      ? byIdentifier.get(statement.expression.left as TSESTree.Identifier)
      : undefined,
  );
  return found === undefined ? undefined : writes.filter((write) => found.reaches(write, write.identifier));
}

/**
 * The same for a member (`o.file = X;` before `o.file` is read): of the values assigned to it later,
 * those that may reach `read` (the object's own value is then overwritten). Undefined when no plain
 * assignment statement comes before the read in a block around it.
 */
export function reachingMemberWrites(
  values: readonly TSESTree.Node[],
  read: TSESTree.Node,
): TSESTree.Node[] | undefined {
  const killers = new Map<TSESTree.Node, TSESTree.Node>();
  for (const value of values) {
    const assignment = value.parent;
    if (assignment?.type === 'AssignmentExpression' && assignment.operator === '=' && assignment.right === value) {
      if (assignment.parent?.type === 'ExpressionStatement') killers.set(assignment.parent, value);
    }
    // `Object.defineProperty(o, 'k', { value: v });` as a statement replaces the member as well.
    const definition = definingStatement(value);
    if (definition !== undefined) killers.set(definition, value);
  }
  if (killers.size === 0) return undefined;
  const found = lastOverwrite(read, (statement) => killers.get(statement));
  return found === undefined ? undefined : values.filter((value) => found.reaches(value, value));
}

/** The `Object.defineProperty(…)`/`defineProperties(…)` statement whose descriptor's `value` is `value`. */
function definingStatement(value: TSESTree.Node): TSESTree.Node | undefined {
  const descriptor = value.parent;
  if (descriptor?.type !== 'Property' || descriptor.value !== value || staticPropertyKey(descriptor) !== 'value')
    return undefined;
  let current: TSESTree.Node | undefined = descriptor.parent;
  // defineProperties: one more level (`{ k: { value: v } }`).
  for (let level = 0; level < 2 && current?.type === 'ObjectExpression'; level++) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (parent?.type === 'CallExpression') {
      const callee = skipTransparent(parent.callee);
      const name = callee.type === 'MemberExpression' ? staticMemberName(callee) : undefined;
      const defining = level === 0 ? name === 'defineProperty' : name === 'defineProperties';
      return defining && parent.parent?.type === 'ExpressionStatement' ? parent.parent : undefined;
    }
    current = parent?.type === 'Property' ? parent.parent : undefined;
  }
  return undefined;
}

/**
 * The last statement before `read`, in a block around it (within its function; 256 statements looked
 * back per block), that `killerOf` says overwrites what came before; then which writes still reach
 * the read: that one, those after it, those in a loop around the read (a later iteration's) and those
 * in another function (a closure may run any time).
 */
function lastOverwrite<W>(
  read: TSESTree.Node,
  killerOf: (statement: TSESTree.Node) => W | undefined,
): { reaches: (write: W, at: TSESTree.Node) => boolean } | undefined {
  const own = enclosingFunctionOrProgram(read);
  const loops: TSESTree.Node[] = [];
  let child: TSESTree.Node = read;
  for (let parent: TSESTree.Node | undefined = read.parent; parent != null; parent = parent.parent) {
    if (isFunctionNode(parent)) break;
    const current: TSESTree.Node = child;
    child = parent;
    if (LOOPS.has(parent.type)) loops.push(parent);
    const list =
      parent.type === 'BlockStatement' || parent.type === 'Program' || parent.type === 'StaticBlock'
        ? parent.body
        : parent.type === 'SwitchCase'
          ? parent.consequent
          : undefined;
    if (list === undefined) continue;
    const position = (list as readonly TSESTree.Node[]).indexOf(current);
    // A bounded look back (past it, every write counts: safe).
    for (let index = position - 1; index >= 0 && index >= position - MAX_STATEMENTS_BACK; index--) {
      const statement = list[index];
      const killer = statement === undefined ? undefined : killerOf(statement);
      if (killer === undefined || statement === undefined) continue;
      const from = statement.range[0];
      return {
        reaches: (write, node) =>
          write === killer ||
          (node.range[0] > from && node.range[0] < read.range[0]) ||
          mayRunBeforeAgain(node, own, loops),
      };
    }
  }
  return undefined;
}

/**
 * Whether a write at `node` may come before `read` runs: not when it is later in the same function
 * and outside every loop around the read (straight-line code runs the read first).
 */
export function mayPrecede(node: TSESTree.Node, read: TSESTree.Node): boolean {
  if (node.range[0] < read.range[1]) return true;
  const own = enclosingFunctionOrProgram(read);
  const loops: TSESTree.Node[] = [];
  for (let parent: TSESTree.Node | undefined = read.parent; parent != null && parent !== own; parent = parent.parent) {
    if (LOOPS.has(parent.type)) loops.push(parent);
  }
  return mayRunBeforeAgain(node, own, loops);
}

/**
 * Whether code at `node` may run between two runs of a read (in function or program `own`, inside
 * `loops`): in another function (a closure may run any time) or in one of those loops (a later
 * iteration reads what an earlier one wrote).
 */
function mayRunBeforeAgain(node: TSESTree.Node, own: TSESTree.Node, loops: readonly TSESTree.Node[]): boolean {
  return enclosingFunctionOrProgram(node) !== own || loops.some((loop) => containsNode(loop, node));
}

/** Statements looked at before a read, per block, for the assignment that overwrites the rest. */
const MAX_STATEMENTS_BACK = 256;
const writesByIdentifier = new WeakMap<readonly Scope.Reference[], Map<TSESTree.Node, Scope.Reference>>();

const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

/** The function a node runs in, or its Program at the top level. */
function enclosingFunctionOrProgram(node: TSESTree.Node): TSESTree.Node {
  return enclosingFunction(node) ?? programOf(node);
}

/** Enum members numbered after the one before them that are followed. */
const MAX_ENUM_RUN = 64;

/** An enum member without an initializer: the previous member's number plus one. */
function nextEnumValue(previous: Values): Values {
  const [only] = previous.items;
  return previous.complete && previous.items.length === 1 && only?.kind === 'number'
    ? known({ kind: 'number', value: only.value + 1 })
    : UNKNOWN;
}

/** Whether a value is truthy when every value it may take says the same; undefined otherwise. */
export function truthOf(values: Values): boolean | undefined {
  if (!values.complete || values.items.length === 0) return undefined;
  if (values.items.every((item) => mayBeTruthy(item) && !mayBeFalsy(item))) return true;
  if (values.items.every((item) => !mayBeTruthy(item))) return false;
  return undefined;
}

function binaryOperation(left: Values, right: Values, operator: string): Values {
  if (operator === '+') {
    const numeric =
      left.items.length > 0 &&
      right.items.length > 0 &&
      [...left.items, ...right.items].every((item) => item.kind === 'number' || item.kind === 'bigint');
    return numeric ? foldNumeric(left, right, operator) : concat(left, right);
  }
  return foldNumeric(left, right, operator);
}

function logicalOperation(left: Values, right: Values, operator: string): Values {
  if (operator === '&&') {
    // `a && b`: b when a is truthy, a's falsy values otherwise.
    const falsy = left.items.filter(mayBeFalsy).filter((item) => item.kind !== 'call' && item.kind !== 'member');
    const takesRight = left.items.length === 0 || left.items.some(mayBeTruthy);
    const merged = union({ items: falsy, complete: left.complete }, takesRight ? right : known());
    return { items: merged.items, complete: merged.complete && left.items.length > 0 };
  }
  // `a ?? b` / `a || b`: both may be taken (an env var may be unset), unless `a` surely is set
  // (`'D:\\Games' ?? DEFAULT`) or truthy: then only `a`.
  const sure = operator === '??' ? isSurelySet : (item: AbstractValue): boolean => !mayBeFalsy(item);
  if (left.complete && left.items.length > 0 && left.items.every(sure)) return left;
  // What surely gives way to `b` is dropped: null and undefined, and for `||` '' , 0 and false too.
  const kept = left.items.filter((item) => (operator === '??' ? item.kind !== 'nullish' : mayBeTruthy(item)));
  return union({ items: kept, complete: left.complete }, right);
}

/** Never undefined or null: not nullish, no opaque result, and a string only when some text is sure (not an env var alone). */
function isSurelySet(item: AbstractValue): boolean {
  if (item.kind === 'string') return item.parts.some((part) => part.kind === 'text');
  return item.kind !== 'nullish' && item.kind !== 'call' && item.kind !== 'member';
}

/**
 * Whether two primitives are equal (`loose`: `==`), when that is sure: strings whose text is all
 * known, numbers, booleans, null or undefined (`process.platform === 'darwin'` is false). Anything
 * else, a string with a part not known (an environment variable) or `==` across types, is undefined.
 */
function primitiveEquality(l: AbstractValue, r: AbstractValue, loose: boolean): boolean | undefined {
  if (l.kind === 'nullish' || r.kind === 'nullish') {
    if (l.kind === 'nullish' && r.kind === 'nullish') return loose ? true : undefined;
    return isPrimitive(l) && isPrimitive(r) ? false : undefined;
  }
  if (l.kind !== r.kind) return loose || !isPrimitive(l) || !isPrimitive(r) ? undefined : false;
  if (l.kind === 'string' && r.kind === 'string') {
    const a = staticText(l);
    const b = staticText(r);
    return a === undefined || b === undefined ? undefined : a === b;
  }
  if ((l.kind === 'number' || l.kind === 'bigint' || l.kind === 'boolean') && l.kind === r.kind) {
    return l.value === (r as typeof l).value;
  }
  return undefined;
}

function isPrimitive(value: AbstractValue): boolean {
  return (
    value.kind === 'string' ||
    value.kind === 'number' ||
    value.kind === 'bigint' ||
    value.kind === 'boolean' ||
    value.kind === 'nullish'
  );
}

/** Numeric operators over two value sets (JavaScript semantics, int32 for bitwise). */
function foldNumeric(left: Values, right: Values, operator: string): Values {
  const items: AbstractValue[] = [];
  let complete = left.complete && right.complete;
  for (const l of left.items) {
    for (const r of right.items) {
      if (items.length >= MAX_ALTERNATIVES) return { items, complete: false };
      const folded = foldPair(l, r, operator);
      if (folded === undefined) complete = false;
      else items.push(folded);
    }
  }
  return { items, complete };
}

function foldPair(l: AbstractValue, r: AbstractValue, operator: string): AbstractValue | undefined {
  if (operator === '===' || operator === '!==' || operator === '==' || operator === '!=') {
    const equal = primitiveEquality(l, r, operator.length === 2);
    return equal === undefined ? undefined : { kind: 'boolean', value: operator.startsWith('!') ? !equal : equal };
  }
  if (l.kind === 'number' && r.kind === 'number') {
    const a = l.value;
    const b = r.value;
    const value = ((): number | undefined => {
      switch (operator) {
        case '|':
          return a | b;
        case '&':
          return a & b;
        case '^':
          return a ^ b;
        case '<<':
          return a << b;
        case '>>':
          return a >> b;
        case '>>>':
          return a >>> b;
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        default:
          return undefined;
      }
    })();
    return value === undefined ? undefined : { kind: 'number', value };
  }
  if (l.kind === 'bigint' && r.kind === 'bigint') {
    const a = l.value;
    const b = r.value;
    switch (operator) {
      case '|':
        return { kind: 'bigint', value: a | b };
      case '&':
        return { kind: 'bigint', value: a & b };
      case '^':
        return { kind: 'bigint', value: a ^ b };
      case '+':
        return { kind: 'bigint', value: a + b };
      default:
        return undefined;
    }
  }
  return undefined;
}

/** True when the value is the member of module `module` at `path` (`fs.promises.open`). */
export function isModuleMember(item: AbstractValue | undefined, module: string, path: readonly string[]): boolean {
  return (
    item?.kind === 'module' &&
    item.module === module &&
    item.path.length === path.length &&
    item.path.every((segment, index) => segment === path[index])
  );
}
