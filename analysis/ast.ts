import type { TSESTree } from '@typescript-eslint/utils';

/**
 * AST predicates and walks shared by every part of the analysis: one list of
 * the wrappers that pass a value through unchanged, one visitor-keys walk.
 */

export type CallNode = TSESTree.CallExpression | TSESTree.NewExpression;

export type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** What `new` makes an instance of: a class, or a constructor function written the ES5 way (`F.prototype.save = …`). */
export type ClassLike = ClassNode | FunctionNode;

export type StaticMember = TSESTree.MemberExpression & {
  computed: false;
  property: TSESTree.Identifier;
};

/** Child keys per node type: `sourceCode.visitorKeys` (typescript-eslint's or espree's). */
export type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/** Nodes that evaluate to their `expression` unchanged (TypeScript syntax, optional chains, parentheses-free). */
const TRANSPARENT = new Set([
  'ChainExpression',
  'TSAsExpression',
  'TSNonNullExpression',
  'TSSatisfiesExpression',
  'TSTypeAssertion',
  'TSInstantiationExpression',
]);

export function isTransparent(
  node: TSESTree.Node,
): node is
  | TSESTree.ChainExpression
  | TSESTree.TSAsExpression
  | TSESTree.TSNonNullExpression
  | TSESTree.TSSatisfiesExpression
  | TSESTree.TSTypeAssertion
  | TSESTree.TSInstantiationExpression {
  return TRANSPARENT.has(node.type);
}

/**
 * The expression under any transparent wrappers: `(x as T)!` → `x`; also the indirect call
 * compilers emit for an imported function, `(0, fs_1.writeFileSync)(…)` (tsc, Babel, esbuild):
 * a sequence's value is its last expression, and a literal before it does nothing.
 */
export function skipTransparent(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    if (isTransparent(current)) current = current.expression;
    else if (isIndirectReference(current)) current = current.expressions[1];
    else return current;
  }
}

function isIndirectReference(
  node: TSESTree.Node,
): node is TSESTree.SequenceExpression & { expressions: [TSESTree.Literal, TSESTree.Expression] } {
  return node.type === 'SequenceExpression' && node.expressions.length === 2 && node.expressions[0]?.type === 'Literal';
}

/** The outermost transparent wrapper around `node` (what its parent sees). */
export function outermostTransparent(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent != null && isTransparent(current.parent)) current = current.parent;
  return current;
}

export function isStaticMember(node: TSESTree.Node): node is StaticMember {
  return node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier';
}

export function isFunctionNode(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === 'FunctionDeclaration' ||
    node?.type === 'FunctionExpression' ||
    node?.type === 'ArrowFunctionExpression'
  );
}

export function isClassNode(node: TSESTree.Node | null | undefined): node is ClassNode {
  return node?.type === 'ClassDeclaration' || node?.type === 'ClassExpression';
}

/** The static name of a member expression's property (`a.b`, `a['b']`, `a[0]`), without evaluation. */
export function staticMemberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) return nonComputedName(node.property);
  const property = node.property;
  if (property.type === 'Literal' && (typeof property.value === 'string' || typeof property.value === 'number')) {
    return String(property.value);
  }
  if (property.type === 'TemplateLiteral' && property.expressions.length === 0) {
    return property.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** `a` in `o.a` or `{ a: … }`; `#a` for a private name (distinct from a public `a`). */
function nonComputedName(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'PrivateIdentifier') return `#${node.name}`;
  return undefined;
}

/** The static key of an object property, class member or pattern property. */
export function staticPropertyKey(
  property:
    TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.TSAbstractMethodDefinition,
): string | undefined {
  const key = property.key;
  if (!property.computed) {
    if (key.type === 'Literal') return String(key.value);
    return nonComputedName(key);
  }
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) {
    return key.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** True when `pattern` binds `name` anywhere inside it. */
export function patternDeclares(pattern: TSESTree.Node, name: string): boolean {
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

export function containsNode(root: TSESTree.Node, target: TSESTree.Node): boolean {
  return root.range[0] <= target.range[0] && target.range[1] <= root.range[1];
}

/**
 * Where a finding about `call` is reported: `node` (its path argument) when it is part of the call,
 * else the call itself: an argument bound elsewhere (`const put = fs.writeFileSync.bind(fs, HOSTS)`)
 * serves every call of the bound function, each reported, and silenced, on its own line.
 */
export function reportedNodeOf(node: TSESTree.Node, call: TSESTree.Node): TSESTree.Node {
  return programOf(node) === programOf(call) && containsNode(call, node) ? node : call;
}

/** The innermost function around a node (not the node itself). */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  // ESLint gives Program a null parent, not undefined.
  for (let current = node.parent; current != null; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

/** The function whose `this` a node sees: the innermost one that is not an arrow (undefined at the top level). */
export function thisFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (isFunctionNode(current) && current.type !== 'ArrowFunctionExpression') return current;
    // Class field initialisers and static blocks see the class, not an outer function.
    if (current.type === 'PropertyDefinition' || current.type === 'StaticBlock') return undefined;
  }
  return undefined;
}

/** `F` in `F.prototype` (through transparent wrappers); undefined for anything else. */
export function prototypeOwner(node: TSESTree.Node): TSESTree.Node | undefined {
  const inner = skipTransparent(node);
  return inner.type === 'MemberExpression' && staticMemberName(inner) === 'prototype'
    ? skipTransparent(inner.object)
    : undefined;
}

/** The Program a node belongs to: up the parents (a few dozen pointer reads, cheaper than a memo per node). */
export function programOf(node: TSESTree.Node): TSESTree.Program {
  let current: TSESTree.Node = node;
  while (current.parent != null) current = current.parent;
  return current as TSESTree.Program;
}

// Keys that never lead to a runtime expression (types) or lead back up (parent).
const SKIPPED_KEYS = new Set([
  'parent',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'decorators',
]);

/**
 * Visits every node under `root` (root included), iteratively (no recursion,
 * whatever the depth), in source order; optionally without entering nested
 * functions. Children come from the parser's visitor keys, so tokens and
 * comments are never visited.
 */
export function walk(
  root: TSESTree.Node,
  visitorKeys: VisitorKeys,
  /** Returning `false` ends the walk. */
  visit: (node: TSESTree.Node) => boolean | void,
  options: { skipFunctions?: boolean } = {},
): void {
  const keysOf = walkedKeys(visitorKeys);
  const skipFunctions = options.skipFunctions === true;
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    if (visit(node) === false) return;
    const keys = keysOf(node.type);
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[keys[k] as string];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const child: unknown = value[i];
          if (isNode(child) && !(skipFunctions && isFunctionNode(child))) stack.push(child);
        }
      } else if (isNode(value) && !(skipFunctions && isFunctionNode(value))) {
        stack.push(value);
      }
    }
  }
}

const NO_KEYS: readonly string[] = [];
const walkedKeysCache = new WeakMap<VisitorKeys, (type: string) => readonly string[]>();

/** Per node type, the visitor keys `walk` follows (SKIPPED_KEYS left out), filtered once per parser's keys. */
function walkedKeys(visitorKeys: VisitorKeys): (type: string) => readonly string[] {
  let keysOf = walkedKeysCache.get(visitorKeys);
  if (keysOf === undefined) {
    const byType = new Map<string, readonly string[]>();
    keysOf = (type) => {
      let keys = byType.get(type);
      if (keys === undefined) {
        keys = (visitorKeys[type] ?? NO_KEYS).filter((key) => !SKIPPED_KEYS.has(key));
        byType.set(type, keys);
      }
      return keys;
    };
    walkedKeysCache.set(visitorKeys, keysOf);
  }
  return keysOf;
}

/**
 * Readies a module parsed outside ESLint for the analysis, in one walk: sets
 * `parent` on every node (ESLint does that for the linted file only) and
 * drops `loc`, which the analysis never reads off another module (a line is
 * computed from `range` when a message needs one, ModuleSource#lineOf):
 * three objects per node, nearly half of a cached module's memory.
 */
export function prepareParsedModule(root: TSESTree.Node, visitorKeys: VisitorKeys): void {
  // Indexed loops and no array per key: this runs over every node of every module read.
  const stack: TSESTree.Node[] = [root];
  (root as { loc?: unknown }).loc = undefined;
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    const keys = visitorKeys[node.type] ?? [];
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      if (key === 'parent') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const child: unknown = value[i];
          if (isNode(child)) adopt(child, node, stack);
        }
      } else if (isNode(value)) {
        adopt(value, node, stack);
      }
    }
  }
}

function adopt(child: TSESTree.Node, parent: TSESTree.Node, stack: TSESTree.Node[]): void {
  (child as { parent: TSESTree.Node }).parent = parent;
  // Assigned, not deleted: the node keeps its shape (a deleted property turns it into a slow dictionary).
  (child as { loc?: unknown }).loc = undefined;
  stack.push(child);
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The export an import binding names: `a` in `{ a as b }`, `default`, or `*` for a namespace. */
export function importedName(
  binding: TSESTree.ImportSpecifier | TSESTree.ImportDefaultSpecifier | TSESTree.ImportNamespaceSpecifier,
): string {
  if (binding.type === 'ImportSpecifier')
    return binding.imported.type === 'Identifier' ? binding.imported.name : String(binding.imported.value);
  return binding.type === 'ImportDefaultSpecifier' ? 'default' : '*';
}

/** `type A` in `import { type A } from …`: TypeScript erases it, no value comes through. */
export function isTypeOnlyBinding(
  binding: TSESTree.ImportSpecifier | TSESTree.ImportDefaultSpecifier | TSESTree.ImportNamespaceSpecifier,
): boolean {
  return binding.type === 'ImportSpecifier' && binding.importKind === 'type';
}

/** `node` is inside `block`, in the same function (a function made there may run later, or earlier when hoisted). */
export function isInsideWithoutFunction(node: TSESTree.Node, block: TSESTree.Node): boolean {
  for (let current = node.parent; current != null; current = current.parent) {
    if (current === block) return true;
    if (isFunctionNode(current)) return false;
  }
  return false;
}
