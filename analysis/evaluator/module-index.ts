import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import {
  type CallNode,
  type ClassLike,
  type ClassNode,
  type FunctionNode,
  type StaticMember,
  isClassNode,
  isFunctionNode,
  outermostTransparent,
  isStaticMember,
  prototypeOwner,
  skipTransparent,
  staticMemberName,
  staticPropertyKey,
  thisFunction,
  walk,
} from '../ast.js';
import type { ModuleSource } from './module-source.js';

/**
 * Per-module indexes the evaluator asks again and again, each built once on
 * first use by one walk: a variable's writes, a class's members, the member
 * assignments made to a variable after it was created, a function's return
 * statements and calls, the module's CommonJS export assignments. Building
 * them on demand keeps work per file linear in its size.
 */

/** What a class body declares: instance and static members. */
export interface ClassMembers {
  /** Field name → every expression assigned to it (initialisers, `this.x = …`, parameter properties). */
  readonly fields: ReadonlyMap<string, readonly TSESTree.Node[]>;
  readonly methods: ReadonlyMap<string, FunctionNode>;
  readonly getters: ReadonlyMap<string, FunctionNode>;
  readonly staticFields: ReadonlyMap<string, readonly TSESTree.Node[]>;
  readonly staticMethods: ReadonlyMap<string, FunctionNode>;
  readonly staticGetters: ReadonlyMap<string, FunctionNode>;
  readonly constructor: FunctionNode | undefined;
  /**
   * Objects merged into the instance whose keys are not written out: `Object.assign(this, DEFAULTS,
   * options)` (a literal source's keys are fields). Any field may come from one of them.
   */
  readonly mergedObjects: readonly TSESTree.Node[];
}

/** Members given to constructor functions' prototypes (ES5 classes), collected by one walk of a module. */
interface PrototypeIndex {
  /** Constructor → member name → every value assigned to it. */
  readonly members: ReadonlyMap<FunctionNode, ReadonlyMap<string, readonly TSESTree.Node[]>>;
  /** A function given as a prototype member → its constructor. */
  readonly owners: ReadonlyMap<FunctionNode, FunctionNode>;
}

const NO_PROTOTYPES: PrototypeIndex = { members: new Map(), owners: new Map() };
const NO_MEMBERS: ReadonlyMap<string, never> = new Map<string, never>();

const indexes = new WeakMap<ModuleSource, ModuleIndex>();

/**
 * The index of a module: one per parsed module, so a module read from the parse cache
 * (modules/load.ts, per path, mtime and size) keeps its indexes from one lint to the next.
 * They are syntax and scopes only, never values.
 */
export function moduleIndexOf(module: ModuleSource): ModuleIndex {
  let index = indexes.get(module);
  if (index === undefined) {
    index = new ModuleIndex(module);
    indexes.set(module, index);
  }
  return index;
}

const GLOBAL_OBJECT_NAMES = new Set(['globalThis', 'global', 'window', 'self']);

export class ModuleIndex {
  readonly module: ModuleSource;
  private readonly writes = new Map<Scope.Variable, Scope.Reference[]>();
  private readonly classes = new Map<TSESTree.ClassBody, ClassMembers>();
  private readonly functionClasses = new Map<FunctionNode, ClassMembers>();
  private prototypeIndex: PrototypeIndex | undefined;
  private subclassIndex: Map<string, ClassNode[]> | undefined;
  private readonly returns = new Map<FunctionNode, TSESTree.Node[]>();
  private readonly calls = new Map<FunctionNode, CallNode[]>();
  private readonly callers = new Map<FunctionNode, readonly TSESTree.CallExpression[]>();
  private memberAssignmentIndex: Map<Scope.Variable, Map<string, TSESTree.Node[]>> | undefined;
  private keyedSetIndex: Map<Scope.Variable, Map<string, TSESTree.Node[]>> | undefined;
  private thisAssignmentIndex: Map<string, TSESTree.Node[]> | undefined;
  private exportAssignmentIndex: Map<string, TSESTree.Node[]> | undefined;
  private moduleExportsIndex: TSESTree.Node[] | undefined;
  private mergedExportsIndex: TSESTree.Node[] | undefined;
  private allCalls: CallNode[] | undefined;
  private callsByMember: Map<string, TSESTree.CallExpression[]> | undefined;
  private bindsArgumentsAnswer: boolean | undefined;
  /** The key of the global object's members (objectVariable). */
  private globalObject: Scope.Variable | undefined;

  constructor(module: ModuleSource) {
    this.module = module;
  }

  /**
   * The variable whose members `identifier.key = x` sets and `identifier.key` reads. The global object's
   * names (`globalThis`, Node's `global`, `window`, `self`) are one object when the module does not
   * declare them, whether or not the parser knows them as globals: `global.config = c` is read as
   * `globalThis.config`.
   */
  objectVariable(identifier: TSESTree.Identifier): Scope.Variable | null {
    const variable = findVariableIn(this.module, identifier);
    if (!GLOBAL_OBJECT_NAMES.has(identifier.name) || (variable !== null && variable.defs.length > 0)) return variable;
    this.globalObject ??= { name: 'globalThis', defs: [], references: [] } as unknown as Scope.Variable;
    return this.globalObject;
  }

  /** Whether the text may bind arguments (`f.bind(t, a)`, `_.partial(f, a)`): else no callee is looked up for one (calls.ts). */
  get bindsArguments(): boolean {
    this.bindsArgumentsAnswer ??= /\.bind\s*\([^(),]*,|partial\s*\(/u.test(this.module.text);
    return this.bindsArgumentsAnswer;
  }

  /** Write references of a variable (its initialiser included). */
  writesOf(variable: Scope.Variable): readonly Scope.Reference[] {
    let found = this.writes.get(variable);
    if (found === undefined) {
      found = variable.references.filter((reference) => reference.isWrite());
      this.writes.set(variable, found);
    }
    return found;
  }

  /** The members of a class, or of a constructor function (its prototype's members, and its `this.x = …`). */
  classMembers(node: ClassLike): ClassMembers {
    if (!isClassNode(node)) {
      let members = this.functionClasses.get(node);
      if (members === undefined) {
        members = this.collectFunctionClassMembers(node);
        this.functionClasses.set(node, members);
      }
      return members;
    }
    const body = node.body;
    let members = this.classes.get(body);
    if (members === undefined) {
      members = collectClassMembers(body, this.module);
      this.classes.set(body, members);
    }
    return members;
  }

  /**
   * The constructor function whose instance `this` is at `node`, outside classes: in the
   * constructor itself, in a function given to its prototype (`F.prototype.save = function …`,
   * `F.prototype = { save() {} }`, `Object.assign(F.prototype, …)`), or in one its constructor
   * gives the instance (`this.save = function …`). A function counts as a constructor when its
   * prototype gets members or, by the usual convention, when its name is capitalised.
   */
  functionClassOf(node: TSESTree.Node): FunctionNode | undefined {
    const fn = thisFunction(node);
    if (fn === undefined) return undefined;
    const { members, owners } = this.prototypes();
    const owner = owners.get(fn);
    if (owner !== undefined) return owner;
    if (members.has(fn) || /^[A-Z]/u.test(declaredName(fn) ?? '')) return fn;
    const parent = fn.parent;
    if (
      parent?.type === 'AssignmentExpression' &&
      parent.right === fn &&
      parent.left.type === 'MemberExpression' &&
      parent.left.object.type === 'ThisExpression'
    ) {
      return this.functionClassOf(parent.left.object);
    }
    return undefined;
  }

  /** The classes of this module that extend `classNode` by its name (`class Hosts extends Base`). */
  subclassesOf(classNode: ClassLike): readonly ClassNode[] {
    if (!isClassNode(classNode) || classNode.id === null || classNode.id === undefined) return [];
    if (this.subclassIndex === undefined) {
      const index = new Map<string, ClassNode[]>();
      walk(this.module.ast, this.module.visitorKeys, (node) => {
        if (!isClassNode(node) || node.superClass?.type !== 'Identifier') return;
        const list = index.get(node.superClass.name) ?? [];
        list.push(node);
        index.set(node.superClass.name, list);
      });
      this.subclassIndex = index;
    }
    return this.subclassIndex.get(classNode.id.name) ?? [];
  }

  /** The functions given to a constructor function's prototype (none for most functions: no walk then). */
  prototypeMethods(fn: FunctionNode): readonly FunctionNode[] {
    if (!this.prototypes().members.has(fn)) return [];
    return [...this.classMembers(fn).methods.values()];
  }

  /** A constructor function's members: its prototype's, and what it and they assign to `this`. */
  private collectFunctionClassMembers(fn: FunctionNode): ClassMembers {
    const fields = new Map<string, TSESTree.Node[]>();
    const methods = new Map<string, FunctionNode>();
    for (const [key, values] of this.prototypes().members.get(fn) ?? []) {
      for (const value of values) {
        if (isFunctionNode(value)) methods.set(key, value);
        else append(fields, key, value);
      }
    }
    // `this.x = …` and `Object.assign(this, …)` in the constructor and in its prototype's methods (arrows keep `this`).
    const mergedObjects: TSESTree.Node[] = [];
    for (const owner of [fn, ...methods.values()]) {
      walk(owner.body, this.module.visitorKeys, (child) => {
        collectThisWrites(child, fields, mergedObjects, (thisNode) => thisFunction(thisNode) === owner);
      });
    }
    return {
      fields,
      methods,
      getters: NO_MEMBERS,
      staticFields: NO_MEMBERS,
      staticMethods: NO_MEMBERS,
      staticGetters: NO_MEMBERS,
      constructor: fn,
      mergedObjects,
    };
  }

  private prototypes(): PrototypeIndex {
    // Most modules never name a prototype: no walk for them.
    this.prototypeIndex ??= this.module.text.includes('prototype') ? this.collectPrototypes() : NO_PROTOTYPES;
    return this.prototypeIndex;
  }

  private collectPrototypes(): PrototypeIndex {
    const members = new Map<FunctionNode, Map<string, TSESTree.Node[]>>();
    const owners = new Map<FunctionNode, FunctionNode>();
    const add = (constructorName: TSESTree.Node, key: string, value: TSESTree.Node): void => {
      const constructor = constructorName.type === 'Identifier' ? this.constructorNamed(constructorName) : undefined;
      if (constructor === undefined) return;
      addByKey(members, constructor, key, value);
      if (isFunctionNode(value)) owners.set(value, constructor);
    };
    const addLiteral = (constructorName: TSESTree.Node, literal: TSESTree.ObjectExpression): void => {
      for (const property of literal.properties) {
        if (property.type !== 'Property' || property.kind !== 'init') continue;
        const key = staticPropertyKey(property);
        if (key !== undefined) add(constructorName, key, property.value);
      }
    };
    walk(this.module.ast, this.module.visitorKeys, (node) => {
      if (node.type === 'AssignmentExpression' && node.operator === '=' && node.left.type === 'MemberExpression') {
        const right = skipTransparent(node.right);
        const whole = prototypeOwner(node.left);
        if (whole !== undefined) {
          if (right.type === 'ObjectExpression') addLiteral(whole, right);
          return;
        }
        const key = staticMemberName(node.left);
        const constructorName = prototypeOwner(node.left.object);
        if (key !== undefined && constructorName !== undefined) add(constructorName, key, right);
      } else if (node.type === 'CallExpression' && isObjectAssign(node)) {
        const [target, ...sources] = node.arguments;
        const constructorName = target === undefined ? undefined : prototypeOwner(target);
        if (constructorName === undefined) return;
        for (const source of sources) if (source.type === 'ObjectExpression') addLiteral(constructorName, source);
      }
    });
    return { members, owners };
  }

  /** The function a name declares: `function F() {}`, `var F = function () {}` (never reassigned). */
  private constructorNamed(identifier: TSESTree.Identifier): FunctionNode | undefined {
    const variable = findVariableIn(this.module, identifier);
    const def = variable?.defs[0];
    if (variable === null || def === undefined || variable.defs.length !== 1) return undefined;
    if (def.type === 'FunctionName' && isFunctionNode(def.node)) return def.node;
    if (def.type !== 'Variable' || this.writesOf(variable).length !== 1) return undefined;
    const init = def.node.init === null ? undefined : skipTransparent(def.node.init);
    return isFunctionNode(init) ? init : undefined;
  }

  /** The `return` arguments of a function (an arrow's expression body is one); not of nested functions. */
  returnsOf(fn: FunctionNode): readonly TSESTree.Node[] {
    let found = this.returns.get(fn);
    if (found === undefined) {
      if (fn.body.type !== 'BlockStatement') {
        found = [fn.body];
      } else {
        const list: TSESTree.Node[] = [];
        walk(
          fn.body,
          this.module.visitorKeys,
          (child) => {
            if (child.type === 'ReturnStatement' && child.argument !== null) list.push(child.argument);
          },
          { skipFunctions: true },
        );
        found = list;
      }
      this.returns.set(fn, found);
    }
    return found;
  }

  /** Calls and `new` inside a function, nested functions included (closures run when it does). */
  /**
   * The calls of `fn` by its name in this module (`setDir(x)` of `function setDir(v)` or
   * `const setDir = (v) => …`); none for a method or a function with no name of its own.
   */
  callsOfFunction(fn: FunctionNode): readonly TSESTree.CallExpression[] {
    let found = this.callers.get(fn);
    if (found === undefined) {
      const holder = outermostTransparent(fn);
      const name =
        fn.type === 'FunctionDeclaration'
          ? fn.id
          : holder.parent?.type === 'VariableDeclarator' &&
              holder.parent.init === holder &&
              holder.parent.id.type === 'Identifier'
            ? holder.parent.id
            : null;
      const variable = name === null || name === undefined ? null : findVariableIn(this.module, name);
      found = (variable?.references ?? []).flatMap(({ identifier }) => {
        const call = identifier.parent;
        return call?.type === 'CallExpression' && call.callee === identifier ? [call] : [];
      });
      this.callers.set(fn, found);
    }
    return found;
  }

  callsIn(fn: FunctionNode): readonly CallNode[] {
    let found = this.calls.get(fn);
    if (found === undefined) {
      const list: CallNode[] = [];
      walk(fn.body, this.module.visitorKeys, (child) => {
        if (child.type === 'CallExpression' || child.type === 'NewExpression') list.push(child);
      });
      found = list;
      this.calls.set(fn, found);
    }
    return found;
  }

  /** Every call of the module, in source order. */
  everyCall(): readonly CallNode[] {
    if (this.allCalls === undefined) {
      const list: CallNode[] = [];
      walk(this.module.ast, this.module.visitorKeys, (child) => {
        if (child.type === 'CallExpression' || child.type === 'NewExpression') list.push(child);
      });
      this.allCalls = list;
    }
    return this.allCalls;
  }

  /** The calls `x.name(…)` of the module, in source order (an index built once: asked per method name). */
  callsOfMember(name: string): readonly TSESTree.CallExpression[] {
    if (this.callsByMember === undefined) {
      const byName = new Map<string, TSESTree.CallExpression[]>();
      for (const call of this.everyCall()) {
        if (call.type !== 'CallExpression') continue;
        const callee = skipTransparent(call.callee);
        const member = callee.type === 'MemberExpression' ? staticMemberName(callee) : undefined;
        if (member === undefined) continue;
        const list = byName.get(member);
        if (list === undefined) byName.set(member, [call]);
        else list.push(call);
      }
      this.callsByMember = byName;
    }
    return this.callsByMember.get(name) ?? [];
  }

  /**
   * Values given to `variable.key` after the object was created: `obj.path =
   * x`, `Object.assign(obj, { path: x })`.
   */
  memberAssignments(variable: Scope.Variable, key: string): readonly TSESTree.Node[] {
    this.memberAssignmentIndex ??= this.collectMemberAssignments();
    return this.memberAssignmentIndex.get(variable)?.get(key) ?? [];
  }

  /**
   * Values given through `this` to an object literal's member (`{ init() { this.path = x; } }`:
   * `this` is the literal, `key` path ['path']) or to a member of an object a field holds
   * (`this.config.hostsFile = x`: path ['config', 'hostsFile']), by the class or literal `owner`
   * whose methods `this` belongs to.
   */
  thisPathAssignments(
    owner: TSESTree.ClassBody | TSESTree.ObjectExpression,
    path: readonly string[],
  ): readonly TSESTree.Node[] {
    this.thisAssignmentIndex ??= this.collectThisAssignments();
    return this.thisAssignmentIndex.get(thisPathKey(owner, path)) ?? [];
  }

  private collectThisAssignments(): Map<string, TSESTree.Node[]> {
    const index = new Map<string, TSESTree.Node[]>();
    walk(this.module.ast, this.module.visitorKeys, (node) => {
      if (node.type !== 'AssignmentExpression' || node.operator !== '=' || node.left.type !== 'MemberExpression')
        return;
      const path: string[] = [];
      let current: TSESTree.Node = node.left;
      while (current.type === 'MemberExpression' && path.length < 2) {
        const name = staticMemberName(current);
        if (name === undefined) return;
        path.unshift(name);
        current = skipTransparent(current.object);
      }
      if (current.type !== 'ThisExpression') return;
      const owner = thisOwner(current);
      // A class's own fields are in classMembers; only a literal's, and members of fields, are kept here.
      if (owner === undefined || (owner.type === 'ClassBody' && path.length === 1)) return;
      const key = thisPathKey(owner, path);
      const list = index.get(key) ?? [];
      list.push(node.right);
      index.set(key, list);
    });
    return index;
  }

  /** Every variable whose `key` member is assigned after creation, with the values (`s.dir = x`). */
  memberAssignmentsTo(key: string): readonly (readonly [Scope.Variable, readonly TSESTree.Node[]])[] {
    this.memberAssignmentIndex ??= this.collectMemberAssignments();
    const found: [Scope.Variable, readonly TSESTree.Node[]][] = [];
    for (const [variable, byKey] of this.memberAssignmentIndex) {
      const values = byKey.get(key);
      if (values !== undefined) found.push([variable, values]);
    }
    return found;
  }

  /** The values `v.set('key', x)` calls of this module give a variable's entry `key` (a Map, a settings store). */
  keyedSets(variable: Scope.Variable, key: string): readonly TSESTree.Node[] {
    this.memberAssignmentIndex ??= this.collectMemberAssignments();
    return this.keyedSetIndex?.get(variable)?.get(key) ?? [];
  }

  /** True when some member of `variable` is assigned after creation (its object is open). */
  hasMemberAssignments(variable: Scope.Variable): boolean {
    this.memberAssignmentIndex ??= this.collectMemberAssignments();
    return this.memberAssignmentIndex.has(variable);
  }

  /** Member assignments, and in the same walk the keyed `set` calls (`keyedSets`). */
  private collectMemberAssignments(): Map<Scope.Variable, Map<string, TSESTree.Node[]>> {
    const index = new Map<Scope.Variable, Map<string, TSESTree.Node[]>>();
    const keyed = new Map<Scope.Variable, Map<string, TSESTree.Node[]>>();
    this.keyedSetIndex = keyed;
    const add = (identifier: TSESTree.Identifier, key: string, value: TSESTree.Node): void => {
      const variable = this.objectVariable(identifier);
      if (variable !== null) addByKey(index, variable, key, value);
    };
    walk(this.module.ast, this.module.visitorKeys, (node) => {
      // `m.set('key', x)` on a variable: an entry of a Map or store.
      if (node.type === 'CallExpression' && node.arguments.length === 2) {
        const callee = skipTransparent(node.callee);
        const [key, value] = node.arguments;
        if (
          callee.type === 'MemberExpression' &&
          staticMemberName(callee) === 'set' &&
          key?.type === 'Literal' &&
          typeof key.value === 'string' &&
          value !== undefined &&
          value.type !== 'SpreadElement'
        ) {
          const object = skipTransparent(callee.object);
          const variable = object.type === 'Identifier' ? findVariableIn(this.module, object) : null;
          if (variable !== null) addByKey(keyed, variable, key.value, value);
        }
      }
      // `o.p = x`, and `o.p ??= x` / `o.p ||= x` (x when the member was unset).
      if (
        node.type === 'AssignmentExpression' &&
        (node.operator === '=' || node.operator === '??=' || node.operator === '||=') &&
        node.left.type === 'MemberExpression'
      ) {
        const object = skipTransparent(node.left.object);
        const key = staticMemberName(node.left);
        if (object.type === 'Identifier' && key !== undefined) add(object, key, node.right);
      } else if (node.type === 'CallExpression' && isDefiningCall(node)) {
        // `Object.defineProperty(config, 'file', { value: x })`, `{ get: () => x }`.
        const [target] = node.arguments;
        const object = target === undefined ? undefined : skipTransparent(target);
        if (object?.type === 'Identifier') for (const [key, value] of definedValues(node)) add(object, key, value);
      } else if (node.type === 'CallExpression' && isObjectAssign(node)) {
        const [target, ...sources] = node.arguments;
        const object = target === undefined ? undefined : skipTransparent(target);
        if (object?.type !== 'Identifier') return;
        for (const source of sources) {
          if (source.type !== 'ObjectExpression') continue;
          for (const property of source.properties) {
            if (property.type !== 'Property' || property.kind !== 'init') continue;
            const key = staticPropertyKey(property);
            if (key !== undefined) add(object, key, property.value);
          }
        }
      }
    });
    return index;
  }

  /** CommonJS: `exports.X = …`, `module.exports.X = …`, `module.exports = { X }`, by name. */
  exportAssignments(): ReadonlyMap<string, readonly TSESTree.Node[]> {
    if (this.exportAssignmentIndex === undefined) this.collectCommonJsExports();
    return this.exportAssignmentIndex as Map<string, TSESTree.Node[]>;
  }

  /** CommonJS: every `module.exports = …` (and TypeScript's `export = …`) right-hand side. */
  moduleExports(): readonly TSESTree.Node[] {
    if (this.moduleExportsIndex === undefined) this.collectCommonJsExports();
    return this.moduleExportsIndex as TSESTree.Node[];
  }

  /**
   * CommonJS: objects merged into the exports whose keys are not written out, CommonJS barrels:
   * `Object.assign(module.exports, require('./a'), …)`, tsc's `__exportStar(require('./a'), exports)`.
   */
  mergedExports(): readonly TSESTree.Node[] {
    if (this.mergedExportsIndex === undefined) this.collectCommonJsExports();
    return this.mergedExportsIndex as TSESTree.Node[];
  }

  private collectCommonJsExports(): void {
    const byName = new Map<string, TSESTree.Node[]>();
    const whole: TSESTree.Node[] = [];
    const merged: TSESTree.Node[] = [];
    const add = (key: string, value: TSESTree.Node): void => {
      const list = byName.get(key) ?? [];
      list.push(value);
      byName.set(key, list);
    };
    for (const statement of this.module.ast.body) {
      if (statement.type === 'TSExportAssignment') {
        whole.push(statement.expression);
        continue;
      }
      if (statement.type !== 'ExpressionStatement') continue;
      const expression = statement.expression;
      if (expression.type === 'CallExpression' && isDefinePropertyOnExports(this.module, expression)) {
        // tsc and Babel re-exports: Object.defineProperty(exports, 'X', { get: function () { return m.X; } }).
        const [, name, descriptor] = expression.arguments;
        if (name?.type === 'Literal' && typeof name.value === 'string' && descriptor?.type === 'ObjectExpression') {
          for (const property of descriptor.properties) {
            if (property.type !== 'Property') continue;
            const key = staticPropertyKey(property);
            if (key === 'value') add(name.value, property.value);
            if (key === 'get' && isFunctionNode(property.value)) {
              for (const returned of this.returnsOf(property.value)) add(name.value, returned);
            }
          }
        }
        continue;
      }
      if (expression.type === 'CallExpression') {
        const [first, second, ...rest] = expression.arguments;
        if (isObjectAssign(expression) && first !== undefined && isExportsObject(this.module, first)) {
          for (const source of [second, ...rest]) if (source !== undefined) merged.push(source);
        } else if (first !== undefined) {
          const star = exportStarName(expression);
          if (
            star === '__export' ||
            (star === '__exportStar' && second !== undefined && isExportsObject(this.module, second))
          )
            merged.push(first);
        }
        continue;
      }
      // `a = module.exports = x` and `module.exports = exports = x` chains.
      let assignment: TSESTree.Node = expression;
      while (assignment.type === 'AssignmentExpression' && assignment.operator === '=') {
        const left: TSESTree.Node = assignment.left;
        const right: TSESTree.Expression = assignment.right;
        if (left.type === 'MemberExpression') {
          if (isExportsObject(this.module, left.object)) {
            const key = staticMemberName(left);
            if (key !== undefined) add(key, right);
          } else if (isExportsObject(this.module, left)) {
            whole.push(right);
            if (right.type === 'ObjectExpression') {
              for (const property of right.properties) {
                if (property.type !== 'Property' || property.kind !== 'init') continue;
                const key = staticPropertyKey(property);
                if (key !== undefined && property.value.type !== 'AssignmentPattern') add(key, property.value);
              }
            }
          }
        }
        assignment = right;
      }
    }
    this.exportAssignmentIndex = byName;
    this.moduleExportsIndex = whole;
    this.mergedExportsIndex = merged;
  }
}

/** `exports` or `module.exports` (not shadowed by a local). */
export function isExportsObject(module: ModuleSource, node: TSESTree.Node): boolean {
  const inner = skipTransparent(node);
  if (inner.type === 'Identifier' && inner.name === 'exports') {
    return (findVariableIn(module, inner)?.defs.length ?? 0) === 0;
  }
  return isNamedMember(inner, 'module', 'exports') && (findVariableIn(module, inner.object)?.defs.length ?? 0) === 0;
}

/** `object.property`, both plain names: `module.exports`, `Object.assign`. */
function isNamedMember(
  node: TSESTree.Node,
  object: string,
  property: string,
): node is StaticMember & { readonly object: TSESTree.Identifier } {
  return (
    isStaticMember(node) &&
    node.object.type === 'Identifier' &&
    node.object.name === object &&
    node.property.name === property
  );
}

/** The scope variable an identifier refers to, or null for globals and unknowns. */
export function findVariableIn(module: ModuleSource, identifier: TSESTree.Identifier): Scope.Variable | null {
  for (let scope: Scope.Scope | null = module.getScope(identifier); scope !== null; scope = scope.upper) {
    const variable = scope.set.get(identifier.name);
    if (variable !== undefined) return variable;
  }
  return null;
}

/** `Object.defineProperty(…)` or `Object.defineProperties(…)`. */
function isDefiningCall(node: TSESTree.CallExpression): boolean {
  const callee = skipTransparent(node.callee);
  return isNamedMember(callee, 'Object', 'defineProperty') || isNamedMember(callee, 'Object', 'defineProperties');
}

function isObjectAssign(node: TSESTree.CallExpression): boolean {
  return isNamedMember(skipTransparent(node.callee), 'Object', 'assign');
}

/** tsc's `export *` in CommonJS: `__exportStar(m, exports)`, `tslib_1.__exportStar(…)`, older `__export(m)`. */
function exportStarName(node: TSESTree.CallExpression): '__exportStar' | '__export' | undefined {
  const callee = skipTransparent(node.callee);
  const name =
    callee.type === 'Identifier'
      ? callee.name
      : callee.type === 'MemberExpression'
        ? staticMemberName(callee)
        : undefined;
  return name === '__exportStar' || name === '__export' ? name : undefined;
}

function isDefinePropertyOnExports(module: ModuleSource, node: TSESTree.CallExpression): boolean {
  const [target] = node.arguments;
  return (
    isNamedMember(skipTransparent(node.callee), 'Object', 'defineProperty') &&
    target !== undefined &&
    isExportsObject(module, target)
  );
}

function collectClassMembers(body: TSESTree.ClassBody, module: ModuleSource): ClassMembers {
  const fields = new Map<string, TSESTree.Node[]>();
  const staticFields = new Map<string, TSESTree.Node[]>();
  const mergedObjects: TSESTree.Node[] = [];
  const methods = new Map<string, FunctionNode>();
  const getters = new Map<string, FunctionNode>();
  const staticMethods = new Map<string, FunctionNode>();
  const staticGetters = new Map<string, FunctionNode>();
  let constructor: FunctionNode | undefined;
  for (const element of body.body) {
    if (element.type === 'PropertyDefinition') {
      const key = staticPropertyKey(element);
      if (key === undefined || element.value === null) continue;
      if (isFunctionNode(element.value)) {
        (element.static ? staticMethods : methods).set(key, element.value);
      }
      append(element.static ? staticFields : fields, key, element.value);
      continue;
    }
    if (element.type !== 'MethodDefinition') continue;
    const key = staticPropertyKey(element);
    const fn = element.value as FunctionNode;
    if (element.kind === 'constructor') {
      constructor = fn;
      // `constructor(private file = 'C:\\…')`: parameter properties are fields.
      for (const param of element.value.params) {
        if (param.type !== 'TSParameterProperty') continue;
        const inner = param.parameter;
        const id = inner.type === 'AssignmentPattern' ? inner.left : inner;
        if (id.type === 'Identifier') append(fields, id.name, id);
      }
    } else if (key !== undefined) {
      if (element.kind === 'get') (element.static ? staticGetters : getters).set(key, fn);
      else if (element.kind === 'method') (element.static ? staticMethods : methods).set(key, fn);
    }
    if (element.static || element.value.body === null) continue;
    // `this.x = …` and `Object.assign(this, …)` anywhere in an instance method or the constructor (arrows keep `this`).
    walk(element.value.body, module.visitorKeys, (child) => {
      collectThisWrites(child, fields, mergedObjects, (thisNode) => enclosingClassBody(thisNode) === body);
    });
  }
  return { fields, methods, getters, staticFields, staticMethods, staticGetters, constructor, mergedObjects };
}

/**
 * What `node` gives the instance, when its `this` passes `isOwn`: a field (`this.x = v`, thisFieldAssignment),
 * or with `Object.assign(this, …sources)` each literal source's keys as fields and every other source
 * (a variable, a parameter, a call; a spread inside a literal source) as a merged object.
 */
function collectThisWrites(
  node: TSESTree.Node,
  fields: Map<string, TSESTree.Node[]>,
  mergedObjects: TSESTree.Node[],
  isOwn: (thisNode: TSESTree.ThisExpression) => boolean,
): void {
  const field = thisFieldAssignment(node);
  if (field !== undefined) {
    if (isOwn(field.thisNode)) append(fields, field.name, field.source);
    return;
  }
  if (node.type === 'CallExpression' && isDefiningCall(node)) {
    definedProperty(node, fields, isOwn);
    return;
  }
  if (node.type !== 'CallExpression' || !isObjectAssign(node)) return;
  const [target, ...sources] = node.arguments;
  const thisNode = target === undefined ? undefined : skipTransparent(target);
  if (thisNode?.type !== 'ThisExpression' || !isOwn(thisNode)) return;
  for (const source of sources) {
    // `...list` spreads an array of objects: not followed.
    if (source.type === 'SpreadElement') continue;
    const object = skipTransparent(source);
    if (object.type !== 'ObjectExpression') {
      mergedObjects.push(object);
      continue;
    }
    for (const property of object.properties) {
      if (property.type === 'SpreadElement') {
        mergedObjects.push(property.argument);
        continue;
      }
      const key = property.kind === 'init' ? staticPropertyKey(property) : undefined;
      if (key !== undefined) append(fields, key, property.value);
    }
  }
}

/**
 * `Object.defineProperty(this, 'x', { value: v })` or `{ get: () => v }` / `{ get() { return v; } }`:
 * field `x` is `v` (a getter's one `return` at the top of its body; an arrow's `this` is the instance).
 */
function definedProperty(
  node: TSESTree.CallExpression,
  fields: Map<string, TSESTree.Node[]>,
  isOwn: (thisNode: TSESTree.ThisExpression) => boolean,
): void {
  const [target] = node.arguments;
  const thisNode = target === undefined ? undefined : skipTransparent(target);
  if (thisNode?.type !== 'ThisExpression' || !isOwn(thisNode)) return;
  for (const [key, value] of definedValues(node)) append(fields, key, value);
}

/**
 * What `Object.defineProperty(o, 'x', descriptor)` or `Object.defineProperties(o, { x: descriptor })`
 * gives each key: a descriptor's `value`, or its getter's value (an arrow's expression body, or the
 * one `return` at the top of a getter's body).
 */
function definedValues(node: TSESTree.CallExpression): [string, TSESTree.Node][] {
  const callee = skipTransparent(node.callee);
  const [, second, third] = node.arguments;
  const described: [string, TSESTree.Node | undefined][] = [];
  if (isNamedMember(callee, 'Object', 'defineProperty')) {
    if (second?.type === 'Literal' && typeof second.value === 'string') described.push([second.value, third]);
  } else if (isNamedMember(callee, 'Object', 'defineProperties') && second?.type === 'ObjectExpression') {
    for (const property of second.properties) {
      const key = property.type === 'Property' ? staticPropertyKey(property) : undefined;
      if (key !== undefined && property.type === 'Property') described.push([key, property.value]);
    }
  }
  const found: [string, TSESTree.Node][] = [];
  for (const [key, descriptor] of described) {
    if (descriptor?.type !== 'ObjectExpression') continue;
    for (const property of descriptor.properties) {
      if (property.type !== 'Property') continue;
      const name = staticPropertyKey(property);
      if (name === 'value') found.push([key, property.value]);
      if (name !== 'get' || !isFunctionNode(property.value)) continue;
      const { body } = property.value;
      if (body.type !== 'BlockStatement') {
        // An arrow's expression body (its `this` is the constructor's: the instance).
        found.push([key, body]);
        continue;
      }
      const [only] = body.body.filter((statement) => statement.type === 'ReturnStatement');
      if (only?.type === 'ReturnStatement' && only.argument !== null) found.push([key, only.argument]);
    }
  }
  return found;
}

/**
 * `this.x = v` (also `||=`, `??=`: the field's source is `v`) or `this.x += v` (the assignment
 * itself: it grows the field's other values), with the `this` it goes through.
 */
function thisFieldAssignment(
  node: TSESTree.Node,
): { readonly name: string; readonly source: TSESTree.Node; readonly thisNode: TSESTree.ThisExpression } | undefined {
  if (node.type !== 'AssignmentExpression' || node.left.type !== 'MemberExpression') return undefined;
  const thisNode = node.left.object;
  if (thisNode.type !== 'ThisExpression') return undefined;
  const name = staticMemberName(node.left);
  if (name === undefined) return undefined;
  if (node.operator === '=' || node.operator === '||=' || node.operator === '??=') {
    return { name, source: node.right, thisNode };
  }
  return node.operator === '+=' ? { name, source: node, thisNode } : undefined;
}

/** Appends `value` to `map[key]`. */
function append(map: Map<string, TSESTree.Node[]>, key: string, value: TSESTree.Node): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

/** Appends `value` to `index[owner][key]`. */
function addByKey<Owner>(
  index: Map<Owner, Map<string, TSESTree.Node[]>>,
  owner: Owner,
  key: string,
  value: TSESTree.Node,
): void {
  let byKey = index.get(owner);
  if (byKey === undefined) {
    byKey = new Map();
    index.set(owner, byKey);
  }
  append(byKey, key, value);
}

/** The name a function is declared under: `function F`, `var F = function`, `F = function`. */
function declaredName(fn: FunctionNode): string | undefined {
  if (fn.type === 'FunctionDeclaration') return fn.id?.name;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.init === fn && parent.id.type === 'Identifier') {
    return parent.id.name;
  }
  return parent?.type === 'AssignmentExpression' && parent.right === fn && parent.left.type === 'Identifier'
    ? parent.left.name
    : undefined;
}

/** The class body whose `this` a node sees (through arrows and methods; plain functions rebind it). */
export function enclosingClassBody(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  let previous: TSESTree.Node = node;
  for (let current = node.parent; current != null; current = current.parent) {
    if (current.type === 'ClassBody') return current;
    if (
      (current.type === 'FunctionExpression' || current.type === 'FunctionDeclaration') &&
      current.parent?.type !== 'MethodDefinition' &&
      !(current.parent?.type === 'PropertyDefinition' && current.parent.value === current)
    ) {
      return undefined;
    }
    if (current.type === 'PropertyDefinition' && current.value !== previous) return undefined;
    previous = current;
  }
  return undefined;
}

/** Keys of `thisPathAssignments`: the owner's start offset and the member path. */
function thisPathKey(owner: TSESTree.Node, path: readonly string[]): string {
  return `${owner.range[0]}\u0000${path.join('\u0000')}`;
}

/**
 * What `this` at `node` belongs to: the class body (`enclosingClassBody`), or the object literal
 * whose method (`{ save() {} }`, `{ save: function () {} }`) encloses it, through arrow functions.
 */
export function thisOwner(node: TSESTree.Node): TSESTree.ClassBody | TSESTree.ObjectExpression | undefined {
  const body = enclosingClassBody(node);
  if (body !== undefined) return body;
  for (let current = node.parent; current != null; current = current.parent) {
    if (current.type === 'ArrowFunctionExpression') continue;
    if (current.type === 'FunctionExpression' || current.type === 'FunctionDeclaration') {
      const property = current.parent;
      return property?.type === 'Property' && property.value === current && property.parent.type === 'ObjectExpression'
        ? property.parent
        : undefined;
    }
  }
  return undefined;
}

/** True when `this` at `node` is the class itself (a static method or static field). */
export function isStaticContext(node: TSESTree.Node): boolean {
  for (let current = node.parent; current != null; current = current.parent) {
    if (current.type === 'MethodDefinition' || current.type === 'PropertyDefinition') return current.static;
    if (current.type === 'StaticBlock') return true;
    if (current.type === 'ClassBody') return false;
  }
  return false;
}
