import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope, SourceCode } from '@typescript-eslint/utils/ts-eslint';
import { callBuiltin, memberOfModule, moduleFromSpecifier } from './builtins.js';
import type { TypeFallback } from './type-values.js';
import {
  type AbstractValue,
  type FunctionNode,
  type Values,
  MAX_ALTERNATIVES,
  NULLISH_VALUE,
  UNKNOWN,
  UNKNOWN_STRING,
  concat,
  known,
  text,
  union,
} from './values.js';

/** Parameter substitutions used when re-evaluating a helper for one call site. */
export type Bindings = ReadonlyMap<Scope.Variable, Values>;

/** Per top-level evaluation: bounds work so no input can make it exponential. */
const STEP_BUDGET = 4000;
const MAX_DEPTH = 60;
const MAX_CALL_DEPTH = 4;

/** Global names that stand for a module when no local binding shadows them. */
const GLOBAL_MODULES: ReadonlyMap<string, AbstractValue> = new Map<string, AbstractValue>([
  ['process', { kind: 'module', module: 'process', path: [] }],
  ['Bun', { kind: 'module', module: 'bun', path: [] }],
  ['Deno', { kind: 'module', module: 'deno', path: [] }],
  ['Buffer', { kind: 'module', module: 'buffer', path: ['Buffer'] }],
  ['URL', { kind: 'module', module: 'url', path: ['URL'] }],
  ['String', { kind: 'module', module: 'global', path: ['String'] }],
  ['require', { kind: 'module', module: '<require>', path: [] }],
]);

type StaticMember = TSESTree.MemberExpression & {
  computed: false;
  property: TSESTree.Identifier | TSESTree.PrivateIdentifier;
};

/**
 * Turns expressions into the set of values they may take. One instance per
 * linted file (see file-analysis.ts); results without parameter bindings are
 * memoised per node, and every top-level call has a step budget.
 */
export class Evaluator {
  readonly sourceCode: Readonly<SourceCode>;
  private readonly memo = new Map<TSESTree.Node, Values>();
  private readonly inProgress = new Set<TSESTree.Node>();
  private steps = 0;
  private depth = 0;
  private callDepth = 0;
  private exportsIndex: Map<string, TSESTree.Expression[]> | undefined;
  private readonly classFieldIndex = new Map<TSESTree.ClassBody, Map<string, TSESTree.Expression[]>>();
  private readonly writesIndex = new Map<Scope.Variable, Scope.Reference[]>();
  private readonly returnsIndex = new Map<TSESTree.BlockStatement, (TSESTree.Expression | null)[]>();

  /** Type-aware linting only: asked where syntax gives up (see type-values.ts). */
  private readonly typeFallback: TypeFallback | undefined;

  constructor(sourceCode: Readonly<SourceCode>, typeFallback?: TypeFallback) {
    this.sourceCode = sourceCode;
    this.typeFallback = typeFallback;
  }

  /** All values `node` may take. */
  evaluate(node: TSESTree.Node, bindings?: Bindings): Values {
    if (this.depth === 0) {
      this.steps = 0;
    }
    if (this.steps++ > STEP_BUDGET || this.depth > MAX_DEPTH) {
      return UNKNOWN;
    }
    const memoisable = bindings === undefined || bindings.size === 0;
    if (memoisable) {
      const cached = this.memo.get(node);
      if (cached !== undefined) {
        return cached;
      }
    }
    if (this.inProgress.has(node)) {
      return UNKNOWN;
    }
    this.inProgress.add(node);
    this.depth++;
    let result: Values;
    try {
      result = this.evaluateUncached(node, bindings);
      if (
        this.typeFallback !== undefined &&
        (node.type === 'Identifier' || node.type === 'MemberExpression' || node.type === 'CallExpression')
      ) {
        result = this.typeFallback(node, result) ?? result;
      }
    } finally {
      this.depth--;
      this.inProgress.delete(node);
    }
    if (memoisable) {
      this.memo.set(node, result);
    }
    return result;
  }

  /** The scope variable an identifier refers to, or null for globals and unknowns. */
  findVariable(identifier: TSESTree.Identifier): Scope.Variable | null {
    let scope: Scope.Scope | null = this.sourceCode.getScope(identifier);
    while (scope !== null) {
      const variable = scope.set.get(identifier.name);
      if (variable !== undefined) {
        return variable;
      }
      scope = scope.upper;
    }
    return null;
  }

  /** Variables a declaration introduces (function names, declarators, classes). */
  declaredVariables(node: TSESTree.Node): readonly Scope.Variable[] {
    return this.sourceCode.getDeclaredVariables(node);
  }

  private evaluateUncached(node: TSESTree.Node, bindings: Bindings | undefined): Values {
    switch (node.type) {
      case 'Literal': {
        return evaluateLiteral(node);
      }
      case 'TemplateLiteral': {
        return this.evaluateTemplate(
          node.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw),
          node.expressions,
          bindings,
        );
      }
      case 'TaggedTemplateExpression': {
        // String.raw`C:\Windows\...` is a common way to write Windows paths.
        const tag = this.evaluate(node.tag, bindings);
        if (tag.items.length === 1 && isModuleMember(tag.items[0], 'global', ['String', 'raw'])) {
          return this.evaluateTemplate(
            node.quasi.quasis.map((quasi) => quasi.value.raw),
            node.quasi.expressions,
            bindings,
          );
        }
        return UNKNOWN;
      }
      case 'BinaryExpression': {
        return this.evaluateBinary(node, bindings);
      }
      case 'UnaryExpression': {
        return this.evaluateUnary(node, bindings);
      }
      case 'LogicalExpression': {
        const left = this.evaluate(node.left, bindings);
        const right = this.evaluate(node.right, bindings);
        if (node.operator === '&&') {
          return { items: right.items, complete: false };
        }
        // `a ?? b` / `a || b`: both may be taken (an env var may be unset).
        const kept = left.items.filter((item) => item.kind !== 'nullish');
        return union({ items: kept, complete: left.complete }, right);
      }
      case 'ConditionalExpression': {
        return union(this.evaluate(node.consequent, bindings), this.evaluate(node.alternate, bindings));
      }
      case 'SequenceExpression': {
        return this.evaluate(node.expressions.at(-1) as TSESTree.Expression, bindings);
      }
      case 'AssignmentExpression': {
        return node.operator === '=' ? this.evaluate(node.right, bindings) : UNKNOWN;
      }
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
      case 'ChainExpression': {
        return this.evaluate(node.expression, bindings);
      }
      case 'AwaitExpression': {
        return this.evaluate(node.argument, bindings);
      }
      case 'ImportExpression': {
        return this.moduleOf(node.source, bindings);
      }
      case 'Identifier': {
        return this.evaluateIdentifier(node, bindings);
      }
      case 'MemberExpression': {
        return this.evaluateMember(node, bindings);
      }
      case 'CallExpression':
      case 'NewExpression': {
        return this.evaluateCall(node, bindings);
      }
      case 'ObjectExpression': {
        return known(this.evaluateObject(node, bindings));
      }
      case 'ArrowFunctionExpression':
      case 'FunctionExpression': {
        return known({ kind: 'function', node });
      }
      default: {
        return UNKNOWN;
      }
    }
  }

  private evaluateTemplate(
    quasis: string[],
    expressions: readonly TSESTree.Node[],
    bindings: Bindings | undefined,
  ): Values {
    let result = known(text(quasis[0] ?? ''));
    for (const [index, expression] of expressions.entries()) {
      result = concat(result, this.evaluate(expression, bindings));
      result = concat(result, known(text(quasis[index + 1] ?? '')));
    }
    return result;
  }

  private evaluateBinary(node: TSESTree.BinaryExpression, bindings: Bindings | undefined): Values {
    if (node.left.type === 'PrivateIdentifier') {
      return UNKNOWN;
    }
    const left = this.evaluate(node.left, bindings);
    const right = this.evaluate(node.right, bindings);
    if (node.operator === '+') {
      const bothNumeric =
        left.items.length > 0 &&
        right.items.length > 0 &&
        [...left.items, ...right.items].every((item) => item.kind === 'number' || item.kind === 'bigint');
      return bothNumeric ? foldNumeric(left, right, node.operator) : concat(left, right);
    }
    return foldNumeric(left, right, node.operator);
  }

  private evaluateUnary(node: TSESTree.UnaryExpression, bindings: Bindings | undefined): Values {
    if (node.operator === 'void') {
      return known(NULLISH_VALUE);
    }
    if (node.operator === 'typeof') {
      return known(UNKNOWN_STRING);
    }
    const argument = this.evaluate(node.argument, bindings);
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

  private evaluateIdentifier(node: TSESTree.Identifier, bindings: Bindings | undefined): Values {
    const variable = this.findVariable(node);
    if (variable === null || variable.defs.length === 0) {
      if (node.name === 'undefined') {
        return known(NULLISH_VALUE);
      }
      const global = GLOBAL_MODULES.get(node.name);
      return global === undefined ? UNKNOWN : known(global);
    }
    const bound = bindings?.get(variable);
    if (bound !== undefined) {
      return bound;
    }
    return this.evaluateVariable(variable, bindings);
  }

  /** The values a variable may hold, from its declaration and assignments. */
  evaluateVariable(variable: Scope.Variable, bindings?: Bindings): Values {
    const def = variable.defs[0];
    if (def === undefined || variable.defs.length > 1) {
      return UNKNOWN;
    }
    switch (def.type) {
      case 'ImportBinding': {
        return this.evaluateImportBinding(def.node);
      }
      case 'FunctionName': {
        return def.node.type === 'FunctionDeclaration' ? known({ kind: 'function', node: def.node }) : UNKNOWN;
      }
      case 'Parameter': {
        return this.evaluateParameter(variable, def.node as FunctionNode, bindings);
      }
      case 'Variable': {
        return this.evaluateDeclaredVariable(variable, def.node, def.name, bindings);
      }
      default: {
        return UNKNOWN;
      }
    }
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
    if (declaration.type !== 'ImportDeclaration') {
      return UNKNOWN;
    }
    const base = moduleFromSpecifier(String(declaration.source.value));
    if (specifier.type !== 'ImportSpecifier') {
      return known(base);
    }
    const imported =
      specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
    return imported === 'default' ? known(base) : known(memberOfModule(base, imported));
  }

  private evaluateParameter(variable: Scope.Variable, fn: FunctionNode, bindings: Bindings | undefined): Values {
    const index = fn.params.findIndex((param) => patternDeclares(param, variable.name));
    const param = fn.params[index];
    if (param === undefined) {
      return UNKNOWN;
    }
    const marker: Values = {
      items: [{ kind: 'string', parts: [{ kind: 'unknown', param: { variable, fn, index } }] }],
      complete: false,
    };
    if (param.type === 'Identifier') {
      return marker;
    }
    if (param.type === 'AssignmentPattern' && param.left.type === 'Identifier') {
      // Callers that omit the argument get the default: keep both.
      return union(this.evaluate(param.right, bindings), marker);
    }
    if (param.type === 'TSParameterProperty' && param.parameter.type === 'AssignmentPattern') {
      return union(this.evaluate(param.parameter.right, bindings), marker);
    }
    return UNKNOWN;
  }

  /** A function body's return statements, found once per function rather than once per call evaluated. */
  private returnedOf(body: TSESTree.BlockStatement): (TSESTree.Expression | null)[] {
    let returned = this.returnsIndex.get(body);
    if (returned === undefined) {
      returned = returnedExpressions(body);
      this.returnsIndex.set(body, returned);
    }
    return returned;
  }

  private writesOf(variable: Scope.Variable): Scope.Reference[] {
    let writes = this.writesIndex.get(variable);
    if (writes === undefined) {
      writes = variable.references.filter((reference) => reference.isWrite());
      this.writesIndex.set(variable, writes);
    }
    return writes;
  }

  private evaluateDeclaredVariable(
    variable: Scope.Variable,
    declarator: TSESTree.VariableDeclarator,
    name: TSESTree.BindingName,
    bindings: Bindings | undefined,
  ): Values {
    const declaration = declarator.parent;
    const isConst =
      declaration.type === 'VariableDeclaration' &&
      (declaration.kind === 'const' || declaration.kind === 'using' || declaration.kind === 'await using');
    // Scanned once per variable, and not at all for an initialised const: every use of a variable evaluates it again.
    const writes = isConst && declarator.init !== null ? [] : this.writesOf(variable);
    if (declarator.init !== null && (isConst || writes.length <= 1)) {
      return this.destructure(this.evaluate(declarator.init, bindings), declarator.id, name, bindings);
    }
    // `let x; x = '...'` (single assignment) and a few plain reassignments: all of them.
    if (declarator.init === null && writes.length >= 1 && writes.length <= 4 && declarator.id.type === 'Identifier') {
      const sources: Values[] = [];
      for (const write of writes) {
        const parent = write.identifier.parent;
        if (parent?.type !== 'AssignmentExpression' || parent.operator !== '=' || parent.left !== write.identifier) {
          return UNKNOWN;
        }
        sources.push(this.evaluate(parent.right, bindings));
      }
      return union(...sources);
    }
    return UNKNOWN;
  }

  /** Follows a destructuring pattern from the declared value down to `target`. */
  private destructure(
    value: Values,
    pattern: TSESTree.Node,
    target: TSESTree.BindingName,
    bindings: Bindings | undefined,
  ): Values {
    if (pattern === target) {
      return value;
    }
    switch (pattern.type) {
      case 'ObjectPattern': {
        for (const property of pattern.properties) {
          if (property.type === 'RestElement') {
            if (containsNode(property, target)) return UNKNOWN;
            continue;
          }
          if (!containsNode(property.value, target)) {
            continue;
          }
          const key = staticPropertyKey(property);
          if (key === undefined) {
            return UNKNOWN;
          }
          return this.destructure(this.memberValues(value, key), property.value, target, bindings);
        }
        return UNKNOWN;
      }
      case 'AssignmentPattern': {
        const withDefault = union(
          { items: value.items.filter((item) => item.kind !== 'nullish'), complete: value.complete },
          this.evaluate(pattern.right, bindings),
        );
        return this.destructure(withDefault, pattern.left, target, bindings);
      }
      default: {
        return UNKNOWN;
      }
    }
  }

  private evaluateMember(node: TSESTree.MemberExpression, bindings: Bindings | undefined): Values {
    if (node.object.type === 'ThisExpression') {
      return this.evaluateThisMember(node, bindings);
    }
    const exported = this.evaluateExportsMember(node, bindings);
    if (exported !== undefined) {
      return exported;
    }
    const object = this.evaluate(node.object, bindings);
    const key = this.memberKey(node, bindings);
    if (key === undefined) {
      return this.anyMember(object);
    }
    return this.memberValues(object, key);
  }

  /** Static property name of a member expression, resolving computed keys when they are constant. */
  memberKey(node: TSESTree.MemberExpression, bindings?: Bindings): string | undefined {
    if (!node.computed) {
      return node.property.type === 'Identifier' ? node.property.name : undefined;
    }
    const keys = this.evaluate(node.property, bindings);
    if (keys.complete && keys.items.length === 1) {
      const [item] = keys.items;
      if (item?.kind === 'string' && item.parts.every((part) => part.kind === 'text')) {
        return item.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('');
      }
      if (item?.kind === 'number') {
        return String(item.value);
      }
    }
    return undefined;
  }

  /** Member `key` of each value in the set. */
  memberValues(object: Values, key: string): Values {
    const results: Values[] = [];
    for (const item of object.items) {
      results.push(this.memberOf(item, key));
    }
    const merged = union(...results);
    return { items: merged.items, complete: merged.complete && object.complete };
  }

  private memberOf(item: AbstractValue, key: string): Values {
    switch (item.kind) {
      case 'module': {
        return known(memberOfModule(item, key));
      }
      case 'env-object': {
        return known({ kind: 'string', parts: [{ kind: 'env', name: key }] });
      }
      case 'object': {
        const property = item.properties.get(key);
        if (property !== undefined) {
          return property();
        }
        return item.open ? UNKNOWN : known(NULLISH_VALUE);
      }
      case 'call':
      case 'member': {
        return known({ kind: 'member', object: item, name: key });
      }
      default: {
        return UNKNOWN;
      }
    }
  }

  /** `map[key]` with a key we cannot resolve: every value the object holds. */
  private anyMember(object: Values): Values {
    const results: Values[] = [];
    for (const item of object.items) {
      if (item.kind === 'object') {
        results.push(...[...item.properties.values()].map((property) => property()));
        if (item.open) results.push(UNKNOWN);
      } else if (item.kind === 'env-object') {
        results.push(known(UNKNOWN_STRING));
      } else {
        results.push(UNKNOWN);
      }
    }
    // A closed object literal indexed by an unknown key holds one of its values.
    const closed = object.items.every((item) => item.kind === 'object' && !item.open);
    const merged = union(...results);
    return { items: merged.items, complete: merged.complete && object.complete && closed };
  }

  private evaluateObject(node: TSESTree.ObjectExpression, bindings: Bindings | undefined): AbstractValue {
    const properties = new Map<string, () => Values>();
    let open = false;
    for (const property of node.properties) {
      if (property.type === 'SpreadElement') {
        const spread = this.evaluate(property.argument, bindings);
        const [only] = spread.items;
        if (spread.items.length === 1 && only?.kind === 'object') {
          for (const [key, value] of only.properties) properties.set(key, value);
          open ||= only.open || !spread.complete;
        } else {
          open = true;
        }
        continue;
      }
      const key = staticPropertyKey(property);
      if (key === undefined) {
        open = true;
        continue;
      }
      const valueNode = property.value;
      let cached: Values | undefined;
      properties.set(key, () => {
        cached ??=
          property.kind === 'init' && valueNode.type !== 'AssignmentPattern'
            ? this.evaluate(valueNode, bindings)
            : UNKNOWN;
        return cached;
      });
    }
    return { kind: 'object', properties, open };
  }

  /** `this.file` inside a class: every value assigned to that field in the class. */
  private evaluateThisMember(node: TSESTree.MemberExpression, bindings: Bindings | undefined): Values {
    const key = this.memberKey(node, bindings);
    const classBody = enclosingClassBody(node);
    if (key === undefined || classBody === undefined) {
      return UNKNOWN;
    }
    const sources = this.classFields(classBody).get(key);
    if (sources === undefined) {
      return UNKNOWN;
    }
    return union(...sources.map((source) => this.evaluate(source, bindings)));
  }

  private classFields(classBody: TSESTree.ClassBody): Map<string, TSESTree.Expression[]> {
    let fields = this.classFieldIndex.get(classBody);
    if (fields !== undefined) {
      return fields;
    }
    const found = new Map<string, TSESTree.Expression[]>();
    const add = (key: string, value: TSESTree.Expression): void => {
      const list = found.get(key) ?? [];
      list.push(value);
      found.set(key, list);
    };
    for (const element of classBody.body) {
      if (
        element.type === 'PropertyDefinition' &&
        !element.static &&
        element.value !== null &&
        !element.computed &&
        element.key.type === 'Identifier'
      ) {
        add(element.key.name, element.value);
      }
      if (element.type === 'MethodDefinition' && !element.static && element.value.body !== null) {
        walk(element.value.body, (child) => {
          if (
            child.type === 'AssignmentExpression' &&
            child.operator === '=' &&
            child.left.type === 'MemberExpression' &&
            child.left.object.type === 'ThisExpression' &&
            !child.left.computed &&
            child.left.property.type === 'Identifier' &&
            enclosingClassBody(child) === classBody
          ) {
            add(child.left.property.name, child.right);
          }
        });
      }
      // `constructor(private file = 'C:\\...')` parameter properties.
      if (element.type === 'MethodDefinition' && element.kind === 'constructor') {
        for (const param of element.value.params) {
          if (param.type === 'TSParameterProperty') {
            const inner = param.parameter;
            const id = inner.type === 'AssignmentPattern' ? inner.left : inner;
            if (id.type === 'Identifier') add(id.name, id);
          }
        }
      }
    }
    fields = found;
    this.classFieldIndex.set(classBody, fields);
    return fields;
  }

  /** `exports.X` / `module.exports.X` in a CommonJS file: the values assigned to it. */
  private evaluateExportsMember(node: TSESTree.MemberExpression, bindings: Bindings | undefined): Values | undefined {
    const key = this.memberKey(node, bindings);
    if (key === undefined || !this.isExportsObject(node.object)) {
      return undefined;
    }
    const sources = this.exportAssignments().get(key);
    return sources === undefined ? UNKNOWN : union(...sources.map((source) => this.evaluate(source, bindings)));
  }

  private isExportsObject(node: TSESTree.Node): boolean {
    if (node.type === 'Identifier' && node.name === 'exports') {
      return (this.findVariable(node)?.defs.length ?? 0) === 0;
    }
    return (
      node.type === 'MemberExpression' &&
      !node.computed &&
      node.property.type === 'Identifier' &&
      node.property.name === 'exports' &&
      node.object.type === 'Identifier' &&
      node.object.name === 'module' &&
      (this.findVariable(node.object)?.defs.length ?? 0) === 0
    );
  }

  private exportAssignments(): Map<string, TSESTree.Expression[]> {
    if (this.exportsIndex !== undefined) {
      return this.exportsIndex;
    }
    const index = new Map<string, TSESTree.Expression[]>();
    const add = (key: string, value: TSESTree.Expression): void => {
      const list = index.get(key) ?? [];
      list.push(value);
      index.set(key, list);
    };
    for (const statement of this.sourceCode.ast.body) {
      if (
        statement.type !== 'ExpressionStatement' ||
        statement.expression.type !== 'AssignmentExpression' ||
        statement.expression.operator !== '='
      ) {
        continue;
      }
      const { left, right } = statement.expression;
      if (left.type !== 'MemberExpression') {
        continue;
      }
      if (this.isExportsObject(left.object) && !left.computed && left.property.type === 'Identifier') {
        add(left.property.name, right);
      } else if (this.isExportsObject(left) && right.type === 'ObjectExpression') {
        for (const property of right.properties) {
          const key = property.type === 'Property' ? staticPropertyKey(property) : undefined;
          if (
            property.type === 'Property' &&
            key !== undefined &&
            property.value.type !== 'AssignmentPattern' &&
            property.kind === 'init'
          ) {
            add(key, property.value as TSESTree.Expression);
          }
        }
      }
    }
    this.exportsIndex = index;
    return index;
  }

  private moduleOf(source: TSESTree.Node, bindings: Bindings | undefined): Values {
    const names = this.evaluate(source, bindings);
    const items: AbstractValue[] = [];
    for (const item of names.items) {
      const [part] = item.kind === 'string' && item.parts.length === 1 ? item.parts : [];
      if (part?.kind === 'text') {
        items.push(moduleFromSpecifier(part.text));
      }
    }
    return { items, complete: names.complete && items.length === names.items.length };
  }

  /** The callee values and effective arguments of a call, seeing through `.call(thisArg, ...)`. */
  calleeOf(
    node: TSESTree.CallExpression | TSESTree.NewExpression,
    bindings?: Bindings,
  ): { callee: Values; args: readonly TSESTree.CallExpressionArgument[] } {
    const callee = unwrapChain(node.callee);
    if (node.type === 'CallExpression' && isStaticMember(callee) && callee.property.name === 'call') {
      return { callee: this.evaluate(callee.object, bindings), args: node.arguments.slice(1) };
    }
    return { callee: this.evaluate(node.callee, bindings), args: node.arguments };
  }

  private evaluateCall(node: TSESTree.CallExpression | TSESTree.NewExpression, bindings: Bindings | undefined): Values {
    const callee = unwrapChain(node.callee);
    // `fn.bind(thisArg)` is the same function; bound arguments would shift positions.
    if (node.type === 'CallExpression' && isStaticMember(callee) && callee.property.name === 'bind') {
      return node.arguments.length <= 1 ? this.evaluate(callee.object, bindings) : UNKNOWN;
    }
    // `x.toString()` of a string is the string.
    if (
      node.type === 'CallExpression' &&
      isStaticMember(callee) &&
      callee.property.name === 'toString' &&
      node.arguments.length === 0
    ) {
      const object = this.evaluate(callee.object, bindings);
      return object.items.every((item) => item.kind === 'string') ? object : UNKNOWN;
    }
    const { callee: callees, args } = this.calleeOf(node, bindings);
    const results: Values[] = [];
    for (const item of callees.items) {
      results.push(this.callValue(item, node, args, bindings));
    }
    const merged = union(...results);
    return { items: merged.items, complete: merged.complete && callees.complete };
  }

  private callValue(
    callee: AbstractValue,
    node: TSESTree.CallExpression | TSESTree.NewExpression,
    args: readonly TSESTree.CallExpressionArgument[],
    bindings: Bindings | undefined,
  ): Values {
    if (callee.kind === 'module') {
      const modelled = callBuiltin(callee, args, node.type === 'NewExpression', (arg) => this.evaluate(arg, bindings));
      return modelled ?? known({ kind: 'call', callee, args, node });
    }
    if (callee.kind === 'function') {
      return this.callLocalFunction(callee.node, args, bindings);
    }
    if (callee.kind === 'call' || callee.kind === 'member') {
      return known({ kind: 'call', callee, args, node });
    }
    return UNKNOWN;
  }

  /** Binds a local function's parameters to one call's arguments (defaults where omitted). */
  bindArguments(
    fn: FunctionNode,
    args: readonly TSESTree.CallExpressionArgument[],
    bindings?: Bindings,
  ): Map<Scope.Variable, Values> {
    const inner = new Map(bindings ?? []);
    const declared = this.declaredVariables(fn);
    for (const [index, param] of fn.params.entries()) {
      const inside = param.type === 'TSParameterProperty' ? param.parameter : param;
      const id = inside.type === 'AssignmentPattern' ? inside.left : inside;
      if (id.type !== 'Identifier') {
        continue;
      }
      const variable = declared.find((candidate) => candidate.name === id.name);
      if (variable === undefined) {
        continue;
      }
      const arg = args[index];
      if (arg === undefined) {
        inner.set(
          variable,
          inside.type === 'AssignmentPattern' ? this.evaluate(inside.right, bindings) : known(NULLISH_VALUE),
        );
      } else if (arg.type === 'SpreadElement') {
        inner.set(variable, UNKNOWN);
      } else {
        inner.set(variable, this.evaluate(arg, bindings));
      }
    }
    return inner;
  }

  /** Return value of a local function, with its parameters bound to the call's arguments. */
  private callLocalFunction(
    fn: FunctionNode,
    args: readonly TSESTree.CallExpressionArgument[],
    bindings: Bindings | undefined,
  ): Values {
    if (this.callDepth >= MAX_CALL_DEPTH || fn.async || fn.generator) {
      return UNKNOWN;
    }
    const returned = fn.body.type === 'BlockStatement' ? this.returnedOf(fn.body) : [fn.body];
    if (returned.length === 0) {
      return UNKNOWN;
    }
    const inner = this.bindArguments(fn, args, bindings);
    this.callDepth++;
    try {
      return union(...returned.map((expression) => (expression === null ? UNKNOWN : this.evaluate(expression, inner))));
    } finally {
      this.callDepth--;
    }
  }
}

function evaluateLiteral(node: TSESTree.Literal): Values {
  if (typeof node.value === 'string') return known(text(node.value));
  if (typeof node.value === 'number') return known({ kind: 'number', value: node.value });
  if (typeof node.value === 'boolean') return known({ kind: 'boolean', value: node.value });
  if ('bigint' in node && typeof node.bigint === 'string') return known({ kind: 'bigint', value: BigInt(node.bigint) });
  if (node.value === null && !('regex' in node)) return known(NULLISH_VALUE);
  return UNKNOWN;
}

/** Numeric operators over two value sets (JavaScript semantics, int32 for bitwise). */
function foldNumeric(left: Values, right: Values, operator: string): Values {
  const items: AbstractValue[] = [];
  let complete = left.complete && right.complete;
  for (const l of left.items) {
    for (const r of right.items) {
      if (items.length >= MAX_ALTERNATIVES) {
        return { items, complete: false };
      }
      const folded = foldPair(l, r, operator);
      if (folded === undefined) {
        complete = false;
      } else {
        items.push(folded);
      }
    }
  }
  return { items, complete };
}

function foldPair(l: AbstractValue, r: AbstractValue, operator: string): AbstractValue | undefined {
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

function isModuleMember(item: AbstractValue | undefined, module: string, path: readonly string[]): boolean {
  return (
    item?.kind === 'module' &&
    item.module === module &&
    item.path.length === path.length &&
    item.path.every((segment, index) => segment === path[index])
  );
}

export function unwrapChain(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === 'ChainExpression' ||
    current.type === 'TSNonNullExpression' ||
    current.type === 'TSAsExpression'
  ) {
    current = current.expression;
  }
  return current;
}

export function isStaticMember(node: TSESTree.Node): node is StaticMember {
  return node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier';
}

export function staticPropertyKey(property: TSESTree.Property): string | undefined {
  if (!property.computed) {
    if (property.key.type === 'Identifier') return property.key.name;
    if (property.key.type === 'Literal') return String(property.key.value);
    return undefined;
  }
  if (
    property.key.type === 'Literal' &&
    (typeof property.key.value === 'string' || typeof property.key.value === 'number')
  ) {
    return String(property.key.value);
  }
  return undefined;
}

function patternDeclares(pattern: TSESTree.Node, name: string): boolean {
  switch (pattern.type) {
    case 'Identifier':
      return pattern.name === name;
    case 'AssignmentPattern':
      return patternDeclares(pattern.left, name);
    case 'TSParameterProperty':
      return patternDeclares(pattern.parameter, name);
    case 'RestElement':
      return patternDeclares(pattern.argument, name);
    case 'ObjectPattern':
      return pattern.properties.some((property) =>
        patternDeclares(property.type === 'Property' ? property.value : property, name),
      );
    case 'ArrayPattern':
      return pattern.elements.some((element) => element !== null && patternDeclares(element, name));
    default:
      return false;
  }
}

function containsNode(root: TSESTree.Node, target: TSESTree.Node): boolean {
  return root.range[0] <= target.range[0] && target.range[1] <= root.range[1];
}

function enclosingClassBody(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  // ESLint gives Program a null parent, not undefined.
  let current: TSESTree.Node | null | undefined = node.parent;
  let previous: TSESTree.Node = node;
  while (current != null) {
    if (current.type === 'ClassBody') {
      return current;
    }
    // A plain function (not a method) rebinds `this`.
    if (
      (current.type === 'FunctionExpression' || current.type === 'FunctionDeclaration') &&
      current.parent?.type !== 'MethodDefinition'
    ) {
      return undefined;
    }
    if (current.type === 'PropertyDefinition' && current.value !== previous) {
      return undefined;
    }
    previous = current;
    current = current.parent;
  }
  return undefined;
}

/** `return` arguments of a function body, not of nested functions. */
function returnedExpressions(body: TSESTree.BlockStatement): (TSESTree.Expression | null)[] {
  const found: (TSESTree.Expression | null)[] = [];
  walk(
    body,
    (child) => {
      if (child.type === 'ReturnStatement') {
        found.push(child.argument);
      }
    },
    true,
  );
  return found;
}

const SKIPPED_KEYS = new Set([
  'parent',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'decorators',
]);

/** Visits every node under `root`; optionally without entering nested functions. */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => void, skipFunctions = false): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    visit(node);
    for (const key of Object.keys(node)) {
      if (SKIPPED_KEYS.has(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value) {
          if (isNode(child) && !(skipFunctions && isFunction(child))) stack.push(child);
        }
      } else if (isNode(value) && !(skipFunctions && isFunction(value))) {
        stack.push(value);
      }
    }
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function isFunction(node: TSESTree.Node): boolean {
  return (
    node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression'
  );
}
