import type { TSESTree } from '@typescript-eslint/utils';
import {
  type CallNode,
  type ClassNode,
  type FunctionNode,
  enclosingFunction,
  importedName,
  isTypeOnlyBinding,
  isClassNode,
  isFunctionNode,
  prototypeOwner,
  skipTransparent,
  staticMemberName,
  staticPropertyKey,
  walk,
} from './ast.js';
import type { ModuleSource } from './evaluator/module-source.js';
import { STRING_FLAGS } from '../formats/write-apis.js';
import { baseApiName, isCandidateMemberName, lookupFsApi, readerFlagOption } from './node-fs/fs-apis.js';
import { isWin32ApiName } from './win32/apis.js';

/**
 * What one module says about writes, read off its syntax in one walk and
 * cached with the parsed module (per path, mtime and size): which calls may
 * reach a file API by name, which of its functions contain such calls (or
 * call functions that do), and what it imports from where. These are cheap
 * pre-filters: whether a call really writes is decided by evaluation.
 */

/** Member names that lead to a native call without being the symbol: ffi-rs `load`, `.call`, koffi `.async`. */
const NATIVE_CALL_MEMBERS = new Set(['load', 'call', 'async']);

/** A name a module binds to another module's export (`import { a as b } from './x'`: b → ./x, a). */
export interface ImportedName {
  readonly specifier: string;
  /** The export's name; `*` for a namespace (`import * as x`, `const x = require('./x')`). */
  readonly imported: string;
}

export interface ModuleFacts {
  /** Names under which a file API may be called here: the API names and local aliases (`put = fs.writeFileSync`). */
  readonly sinkNames: ReadonlySet<string>;
  /** Names of this module's functions, methods and classes that contain a possible sink, directly or through one another. */
  readonly writerNames: ReadonlySet<string>;
  /** Per function name: the names it calls (to extend `writerNames` across modules). */
  readonly callsByName: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Names that hold another function by value (`const run = save`, `{ write: save }`, `h = a || b`):
   * the name → what it may hold. Not definitions: the text pre-filter (definedNames) does not find
   * them, so another module's alias is not searched for a member call of that name.
   */
  readonly aliases: ReadonlyMap<string, ReadonlySet<string>>;
  /** Local names bound to other modules' exports. */
  readonly imports: ReadonlyMap<string, ImportedName>;
  /** Specifiers this module imports or requires (relative or aliased; packages are filtered later). */
  readonly specifiers: readonly string[];
  /**
   * Calls with a computed key that may name a file API (`fs[method](…)` where `const method =
   * 'appendFileSync'`, `fs[sync ? 'writeFileSync' : 'writeFile'](…)`): the first such name.
   */
  readonly computedCallNames: ReadonlyMap<CallNode, string>;
  /**
   * Some writer of this module is kept as a value in a table (`new Map([['vpk', writeAll]])`,
   * `handlers = { zip: writeAll }`, `list.push(writeAll)`): a call whose callee has no name
   * (`map.get(k)(…)`, `handlers[type](…)`, `const h = handlers[t]; h(…)`) may call it.
   */
  readonly dispatchesWriters: boolean;
}

const factsCache = new WeakMap<TSESTree.Program, ModuleFacts>();

export function moduleFacts(module: ModuleSource): ModuleFacts {
  let facts = factsCache.get(module.ast);
  if (facts === undefined) {
    facts = collectFacts(module);
    factsCache.set(module.ast, facts);
  }
  return facts;
}

/**
 * True when a call may reach a file or FFI API, in a module with these facts:
 * a plain identifier callee always may (`put(…)` where `{ writeFileSync: put } =
 * require('fs')`: scope lookup is cheap), a member call only when its name is
 * an API name or a local alias of one.
 */
export function mayBeSinkCall(node: CallNode, facts: ModuleFacts): boolean {
  const callee = skipTransparent(node.callee);
  if (callee.type === 'Identifier') return true;
  // `CreateFileW.call(null, …)`, `write.apply(null, args)`, `Reflect.apply(write, null, args)`: a call of
  // the identifier.
  if (callee.type === 'MemberExpression' && node.type === 'CallExpression') {
    const method = staticMemberName(callee);
    const object = skipTransparent(callee.object);
    if ((method === 'call' || method === 'apply') && object.type === 'Identifier') {
      const [applied] = node.arguments;
      if (object.name !== 'Reflect') return true;
      if (method === 'apply' && applied !== undefined && skipTransparent(applied).type === 'Identifier') return true;
    }
  }
  const name = callNameOf(node, facts);
  return name !== undefined && facts.sinkNames.has(name);
}

/** The name a call goes by for the pre-filters: its callee's (calleeName), or the API a computed key may name. */
export function callNameOf(node: CallNode, facts: ModuleFacts): string | undefined {
  return calleeName(node) ?? facts.computedCallNames.get(node);
}

/** Alternatives a computed key is followed through (`a ? 'x' : b || 'y'`). */
const MAX_KEY_DEPTH = 4;

/**
 * The string literals a computed key may be, syntactically: literals, the branches of `?:`,
 * `||` and `??`, and identifiers (looked up in `constants` afterwards, as `@name`).
 */
function keyTexts(node: TSESTree.Node, depth = 0): string[] {
  const key = skipTransparent(node);
  if (depth > MAX_KEY_DEPTH) return [];
  if (key.type === 'Literal') return typeof key.value === 'string' ? [key.value] : [];
  if (key.type === 'TemplateLiteral') return key.expressions.length === 0 ? [key.quasis[0]?.value.cooked ?? ''] : [];
  if (key.type === 'ConditionalExpression')
    return [...keyTexts(key.consequent, depth + 1), ...keyTexts(key.alternate, depth + 1)];
  if (key.type === 'LogicalExpression') return [...keyTexts(key.left, depth + 1), ...keyTexts(key.right, depth + 1)];
  if (key.type === 'Identifier') return [`@${key.name}`];
  return [];
}

/** The last name of a callee: `f` in `f()`, `m` in `a.b.m()`, `C` in `new C()`; through `.call`/`.apply`/`.bind()()`. */
export function calleeName(node: CallNode): string | undefined {
  let callee = skipTransparent(node.callee);
  // `super(…)`: the class extended (`extends Base`, `extends lib.Base`).
  if (callee.type === 'Super') return superClassName(node);
  for (;;) {
    if (callee.type === 'Identifier') return callee.name;
    if (callee.type === 'MemberExpression') {
      const name = staticMemberName(callee);
      if ((name === 'call' || name === 'apply') && node.type === 'CallExpression') {
        const inner = skipTransparent(callee.object);
        // `Reflect.apply(fs.writeFileSync, fs, [...])`: the function applied.
        const [applied] = node.arguments;
        if (name === 'apply' && inner.type === 'Identifier' && inner.name === 'Reflect') {
          if (applied === undefined || applied.type === 'SpreadElement') return undefined;
          callee = skipTransparent(applied);
          continue;
        }
        if (inner.type === 'Identifier' || inner.type === 'MemberExpression') {
          const innerName = inner.type === 'Identifier' ? inner.name : staticMemberName(inner);
          // `fs.writeFile.call(fs, …)` is writeFile; `koffi.call(…)` is koffi's own.
          if (innerName !== undefined && innerName !== 'koffi') return innerName;
        }
      }
      return name;
    }
    // `fs.writeFile.bind(fs)(…)`, `promisify(fs.writeFile)(…)`.
    if (callee.type === 'CallExpression') {
      const inner = skipTransparent(callee.callee);
      if (inner.type === 'MemberExpression' && staticMemberName(inner) === 'bind') {
        callee = skipTransparent(inner.object);
        continue;
      }
      // `lib.func(SIG)(…)`: a call of what the FFI declares, named by its declarer.
      if (inner.type === 'MemberExpression' && FFI_DECLARERS.has(staticMemberName(inner) ?? ''))
        return staticMemberName(inner);
      const [first] = callee.arguments;
      if (first !== undefined && first.type !== 'SpreadElement') {
        callee = skipTransparent(first);
        continue;
      }
      // `getCreateFile()(…)`: what the getter returns is called.
      if (callee.arguments.length === 0) {
        callee = inner;
        continue;
      }
      return undefined;
    }
    return undefined;
  }
}

/** `f` in `f.bind(…)` and `a.f.bind(…)`, through transparent wrappers; undefined for anything else. */
function boundFunctionName(node: TSESTree.Node): string | undefined {
  const call = skipTransparent(node);
  if (call.type !== 'CallExpression') return undefined;
  const callee = skipTransparent(call.callee);
  if (callee.type !== 'MemberExpression' || staticMemberName(callee) !== 'bind') return undefined;
  const target = skipTransparent(callee.object);
  if (target.type === 'Identifier') return target.name;
  return target.type === 'MemberExpression' ? staticMemberName(target) : undefined;
}

/**
 * The names of the functions a value may be, syntactically: `save`, `io.save`, and the branches of
 * `?:`, `||` and `??` (`cond ? save : log`); a function the value makes itself is named apart
 * (nameFunction).
 */
function heldFunctionNames(node: TSESTree.Node, depth = 0): string[] {
  const value = skipTransparent(node);
  if (value.type === 'Identifier') return value.name === 'undefined' ? [] : [value.name];
  if (value.type === 'MemberExpression') {
    const name = staticMemberName(value);
    return name === undefined ? [] : [name];
  }
  if (depth >= MAX_KEY_DEPTH) return [];
  if (value.type === 'ConditionalExpression')
    return [...heldFunctionNames(value.consequent, depth + 1), ...heldFunctionNames(value.alternate, depth + 1)];
  if (value.type === 'LogicalExpression')
    return [...heldFunctionNames(value.left, depth + 1), ...heldFunctionNames(value.right, depth + 1)];
  return [];
}

/** The name of the class the class around `node` extends. */
function superClassName(node: TSESTree.Node): string | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (isClassNode(current)) return extendedName(current);
  }
  return undefined;
}

/** The name a class extends: `Base` in `extends Base`, `Base` in `extends lib.Base`. */
function extendedName(classNode: ClassNode): string | undefined {
  const superClass =
    classNode.superClass === null || classNode.superClass === undefined
      ? undefined
      : skipTransparent(classNode.superClass);
  if (superClass?.type === 'Identifier') return superClass.name;
  return superClass?.type === 'MemberExpression' ? staticMemberName(superClass) : undefined;
}

/** A module whose value is a file API itself (write-file-atomic), by the file-API tables. */
function isCallableFileApi(specifier: string): boolean {
  const module = specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
  return lookupFsApi({ kind: 'module', module, path: [] }) !== undefined;
}

function isApiName(name: string): boolean {
  return isCandidateMemberName(name) || isWin32ApiName(name) || NATIVE_CALL_MEMBERS.has(name);
}

function collectFacts(module: ModuleSource): ModuleFacts {
  const sinkNames = new Set<string>();
  const aliasNames = new Set<string>();
  const imports = new Map<string, ImportedName>();
  const specifiers: string[] = [];
  /** Function (or class) → the names it is known by. */
  const functionNames = new Map<TSESTree.Node, string[]>();
  /** Function → names it calls, and whether it calls an API name directly. */
  const calls = new Map<TSESTree.Node, Set<string>>();
  const direct = new Set<TSESTree.Node>();
  /** Constructor function name → the functions given to its prototype (ES5 classes). */
  const prototypes = new Map<string, TSESTree.Node[]>();
  const addPrototypeMembers = (target: TSESTree.Node, values: readonly TSESTree.Node[]): void => {
    const constructor = prototypeOwner(target);
    if (constructor?.type !== 'Identifier') return;
    const list = prototypes.get(constructor.name) ?? [];
    for (const value of values) if (isFunctionNode(skipTransparent(value))) list.push(skipTransparent(value));
    prototypes.set(constructor.name, list);
  };
  const literalValues = (node: TSESTree.Node): TSESTree.Node[] =>
    node.type === 'ObjectExpression'
      ? node.properties.flatMap((property) => (property.type === 'Property' ? [property.value] : []))
      : [];

  const nameFunction = (fn: TSESTree.Node | null | undefined, name: string | undefined): void => {
    if (fn === null || fn === undefined || name === undefined) return;
    const inner = skipTransparent(fn);
    if (!isFunctionNode(inner) && !isClassNode(inner)) return;
    const list = functionNames.get(inner) ?? [];
    list.push(name);
    functionNames.set(inner, list);
  };
  /** `const alias = target.bind(…)`: alias → target's name. */
  const boundAliases = new Map<string, string>();
  /** `const run = save`, `handler = cond ? save : log`, `{ write: save }`: the name → the names of what it holds. */
  const valueAliases = new Map<string, Set<string>>();
  /** Names given as values to a table: array elements, `m.set(k, f)` / `push` / `add` arguments, property values. */
  const storedNames = new Set<string>();
  /** Notes what `alias` may hold, and returns those names. */
  const noteValueAlias = (alias: string, value: TSESTree.Node): string[] => {
    const held = heldFunctionNames(value);
    for (const target of held) {
      if (target === alias) continue;
      const list = valueAliases.get(alias) ?? new Set<string>();
      list.add(target);
      valueAliases.set(alias, list);
    }
    return held;
  };
  /** `const method = 'appendFileSync'` (or a `?:` of literals): name → the texts it may hold. */
  const stringConstants = new Map<string, string[]>();
  /** Calls with a computed key that is not static: the key's possible texts, resolved after the walk. */
  const computedCalls: { node: CallNode; texts: string[] }[] = [];
  /** Function → the names it returns (`return createFileFn`, `return fs.writeFileSync`), and those returning an FFI declaration. */
  const returnedNames = new Map<TSESTree.Node, string[]>();
  const returnsDeclaration = new Set<TSESTree.Node>();
  /** Names holding a promisified API or an FFI declaration (definedNames finds them in the text too). */
  const heldApis = new Set<string>();
  /**
   * Functions given to a plain call (`retry(fs.writeFile)`, `run((p) => write(p), HOSTS)`), and
   * the variable holding its result (`const safeWrite = retry(…)`): calls of either name may reach
   * what was given (a higher-order function calls it, or returns a closure that does).
   * Name → the API names given, the function names given, the functions given.
   */
  const givenApis = new Set<string>();
  const givenNames = new Map<string, Set<string>>();
  const givenFunctions = new Map<string, TSESTree.Node[]>();
  const noteGivenFunctions = (node: CallNode, name: string): void => {
    if (skipTransparent(node.callee).type !== 'Identifier' || node.arguments.length === 0) return;
    const holder = node.parent;
    const names = [name];
    if (holder?.type === 'VariableDeclarator' && holder.init === node && holder.id.type === 'Identifier')
      names.push(holder.id.name);
    for (const argument of node.arguments) {
      const given = skipTransparent(argument);
      for (const known of names) {
        if (isFunctionNode(given)) {
          const list = givenFunctions.get(known) ?? [];
          list.push(given);
          givenFunctions.set(known, list);
        } else if (given.type === 'MemberExpression') {
          const member = staticMemberName(given);
          if (member !== undefined && isApiName(member)) givenApis.add(known);
        } else if (given.type === 'Identifier') {
          const list = givenNames.get(known) ?? new Set<string>();
          list.add(given.name);
          givenNames.set(known, list);
        }
      }
    }
  };
  const addImport = (local: string, specifier: string, imported: string): void => {
    imports.set(local, { specifier, imported });
  };

  // One small function per node type, so that the engine compiles each apart: one function holding
  // every case was recompiled whole at each node shape it had not seen (CONTRIBUTING.md).
  const onImport = (node: TSESTree.ImportDeclaration): void => {
    // `import type`, `import { type A }`: TypeScript erases them, no value comes through.
    if (node.importKind === 'type') return;
    const specifier = String(node.source.value);
    const values = node.specifiers.filter((binding) => !isTypeOnlyBinding(binding));
    if (values.length === 0 && node.specifiers.length > 0) return;
    specifiers.push(specifier);
    for (const binding of values) addImport(binding.local.name, specifier, importedName(binding));
  };
  const onExportFrom = (node: TSESTree.ExportNamedDeclaration | TSESTree.ExportAllDeclaration): void => {
    if (node.exportKind === 'type') return;
    if (node.source !== null && node.source !== undefined) specifiers.push(String(node.source.value));
  };
  const onImportExpression = (node: TSESTree.ImportExpression): void => {
    if (node.source.type === 'Literal' && typeof node.source.value === 'string') specifiers.push(node.source.value);
  };
  const onFunctionOrClassDeclaration = (node: TSESTree.FunctionDeclaration | TSESTree.ClassDeclaration): void => {
    nameFunction(node, node.id?.name ?? 'default');
  };
  const onExportDefault = (node: TSESTree.ExportDefaultDeclaration): void => {
    nameFunction(node.declaration, 'default');
  };
  const onVariableDeclarator = (node: TSESTree.VariableDeclarator): void => {
    if (node.id.type === 'Identifier') {
      nameFunction(node.init, node.id.name);
      if (node.init !== null && node.parent.kind === 'const') {
        const texts = keyTexts(node.init).filter((text) => !text.startsWith('@'));
        if (texts.length > 0) stringConstants.set(node.id.name, texts);
      }
      // `const saveHosts = save.bind(null, HOSTS)`: calling it calls `save`.
      const bound = node.init === null ? undefined : boundFunctionName(node.init);
      if (bound !== undefined) boundAliases.set(node.id.name, bound);
      else if (node.init !== null) noteValueAlias(node.id.name, node.init);
    }
    const required = node.init === null ? undefined : requiredSpecifier(node.init);
    if (required !== undefined) {
      if (node.id.type === 'Identifier') addImport(node.id.name, required, '*');
      else if (node.id.type === 'ObjectPattern') {
        for (const property of node.id.properties) {
          if (property.type === 'Property' && property.value.type === 'Identifier') {
            addImport(property.value.name, required, staticPropertyKey(property) ?? '*');
          }
        }
      }
    }
  };
  const onProperty = (node: TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition): void => {
    if (node.type === 'Property' && node.parent?.type !== 'ObjectExpression') return;
    const key = staticPropertyKey(node);
    const value = node.value;
    if (node.type === 'MethodDefinition' && node.kind === 'constructor') {
      const classNode = node.parent.parent;
      for (const name of isClassNode(classNode) ? (functionNames.get(classNode) ?? []) : [])
        nameFunction(node.value, name);
    } else {
      nameFunction(value, key);
      // `{ write: saveFile }`, `{ saveFile }`: `io.write(…)` calls saveFile.
      if (key !== undefined && node.type === 'Property' && value !== null) {
        for (const name of noteValueAlias(key, value)) storedNames.add(name);
      }
    }
  };
  const onAssignment = (node: TSESTree.AssignmentExpression): void => {
    if (node.operator !== '=') return;
    const target =
      node.left.type === 'MemberExpression'
        ? staticMemberName(node.left)
        : node.left.type === 'Identifier'
          ? node.left.name
          : undefined;
    nameFunction(node.right, target);
    if (target !== undefined) noteValueAlias(target, node.right);
    if (node.left.type === 'MemberExpression') {
      // `F.prototype.save = function …`, `F.prototype = { save() {} }`.
      addPrototypeMembers(node.left.object, [node.right]);
      addPrototypeMembers(node.left, literalValues(skipTransparent(node.right)));
    }
  };
  const onArray = (node: TSESTree.ArrayExpression): void => {
    for (const element of node.elements) {
      if (element !== null && element.type !== 'SpreadElement')
        for (const name of heldFunctionNames(element)) storedNames.add(name);
    }
  };
  const onReturn = (node: TSESTree.ReturnStatement): void => {
    // `function getCreateFile() { return createFileFn; }`: a call of its result may be a call of what it returns.
    const returned = node.argument === null ? undefined : skipTransparent(node.argument);
    const owner = enclosingFunction(node);
    if (owner === undefined || returned === undefined) return;
    const list = returnedNames.get(owner) ?? [];
    if (returned.type === 'Identifier') list.push(returned.name);
    else if (returned.type === 'MemberExpression') list.push(staticMemberName(returned) ?? '');
    else if (returned.type === 'AssignmentExpression' && returned.left.type === 'Identifier')
      list.push(returned.left.name);
    else if (returned.type === 'CallExpression') {
      // `return lib.func(SIG)`: the declaration's name stands for an API.
      const declarer = calleeName(returned);
      if (declarer !== undefined && declaresWin32Api(returned, declarer, stringConstants))
        returnsDeclaration.add(owner);
    }
    returnedNames.set(owner, list);
  };
  const onMember = (node: TSESTree.MemberExpression): void => {
    // `put = fs.writeFileSync.bind(fs)`, `{ write: promisify(fs.writeFile) }`: the target is an alias.
    const alias = aliasTarget(node);
    if (alias !== undefined) {
      aliasNames.add(alias);
      // `exports.saveFile = promisify(fs.writeFile)`: a function of its own, called by that name elsewhere.
      const wrapper = node.parent?.type === 'CallExpression' ? calleeName(node.parent) : undefined;
      if (wrapper === 'promisify' || wrapper === 'pify') heldApis.add(alias);
    }
  };
  const onCall = (node: CallNode): void => {
    const required = node.type === 'CallExpression' ? requiredSpecifier(node) : undefined;
    if (required !== undefined) specifiers.push(required);
    const name = calleeName(node);
    // `Object.assign(F.prototype, { save() {} })`.
    const [target, ...sources] = node.arguments;
    if (target !== undefined && name === 'assign') {
      addPrototypeMembers(
        target,
        sources.flatMap((source) => literalValues(source)),
      );
    }
    if (name === undefined) {
      const callee = skipTransparent(node.callee);
      if (callee.type === 'MemberExpression' && callee.computed)
        computedCalls.push({ node, texts: keyTexts(callee.property) });
      return;
    }
    noteGivenFunctions(node, name);
    if ((name === 'set' || name === 'push' || name === 'add') && node.arguments.length > 0) {
      const stored = node.arguments[node.arguments.length - 1];
      if (stored !== undefined && stored.type !== 'SpreadElement')
        for (const held of heldFunctionNames(stored)) storedNames.add(held);
    }
    if (declaresWin32Api(node, name, stringConstants)) {
      // `lib.func(SIG)(…)` goes by `func` (calleeName).
      sinkNames.add(name);
      const holder = holderName(node);
      if (holder !== undefined) {
        aliasNames.add(holder);
        heldApis.add(holder);
      }
    }
    for (let current: TSESTree.Node | undefined = node.parent; current != null; current = current.parent) {
      if (!isFunctionNode(current)) continue;
      let list = calls.get(current);
      if (list === undefined) {
        list = new Set();
        calls.set(current, list);
      }
      list.add(name);
      if (isApiName(name) && !isPlainRead(node, name)) direct.add(current);
    }
  };
  walk(module.ast, module.visitorKeys, (node) => {
    switch (node.type) {
      case 'ImportDeclaration':
        onImport(node);
        break;
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        onExportFrom(node);
        break;
      case 'ImportExpression':
        onImportExpression(node);
        break;
      case 'FunctionDeclaration':
      case 'ClassDeclaration':
        onFunctionOrClassDeclaration(node);
        break;
      case 'ExportDefaultDeclaration':
        onExportDefault(node);
        break;
      case 'VariableDeclarator':
        onVariableDeclarator(node);
        break;
      case 'Property':
      case 'MethodDefinition':
      case 'PropertyDefinition':
        onProperty(node);
        break;
      case 'AssignmentExpression':
        onAssignment(node);
        break;
      case 'ArrayExpression':
        onArray(node);
        break;
      case 'ReturnStatement':
        onReturn(node);
        break;
      case 'MemberExpression':
        onMember(node);
        break;
      case 'CallExpression':
      case 'NewExpression':
        onCall(node);
        break;
      default:
        break;
    }
  });

  for (const name of aliasNames) sinkNames.add(name);
  // A module that is itself a file API (`const writeFileAtomic = require('write-file-atomic')`): a call of
  // the name it is bound to is a call of the API.
  for (const [fn, names] of calls) {
    for (const name of names) {
      const binding = imports.get(name);
      const wholeModule = binding?.imported === 'default' || binding?.imported === '*';
      if (binding === undefined || !wholeModule || !isCallableFileApi(binding.specifier)) continue;
      direct.add(fn);
      sinkNames.add(name);
    }
  }
  // A computed key naming an API: a call of it, like `fs.appendFileSync(…)`, for the enclosing functions.
  const computedCallNames = new Map<CallNode, string>();
  for (const { node, texts } of computedCalls) {
    const names = texts.flatMap((text) => (text.startsWith('@') ? (stringConstants.get(text.slice(1)) ?? []) : [text]));
    const apiNames = names.filter((candidate) => isApiName(candidate));
    const writing = apiNames.filter((candidate) => !isPlainRead(node, candidate, true));
    const name = writing[0] ?? apiNames[0];
    if (name === undefined) continue;
    computedCallNames.set(node, name);
    sinkNames.add(name);
    for (let current: TSESTree.Node | undefined = node.parent; current != null; current = current.parent) {
      if (!isFunctionNode(current)) continue;
      const list = calls.get(current) ?? new Set<string>();
      list.add(name);
      calls.set(current, list);
      if (writing.length > 0) direct.add(current);
    }
  }
  // A function returning a name that holds a file API (or the API itself) holds one too: `getFn()(…)`.
  for (const [fn, returned] of returnedNames) {
    if (!returnsDeclaration.has(fn) && !returned.some((name) => aliasNames.has(name) || isApiName(name))) continue;
    for (const name of functionNames.get(fn) ?? []) {
      aliasNames.add(name);
      sinkNames.add(name);
    }
  }
  // Constructors count under their class's name (named when the class was).
  for (const [fn, names] of functionNames) {
    if (!isClassNode(fn)) continue;
    const constructor = fn.body.body.find(
      (element): element is TSESTree.MethodDefinition =>
        element.type === 'MethodDefinition' && element.kind === 'constructor',
    );
    if (constructor !== undefined) nameFunction(constructor.value, names[0]);
  }

  const callsByName = new Map<string, Set<string>>();
  const writerNames = new Set<string>();
  for (const [fn, names] of functionNames) {
    const own = new Set(calls.get(fn) ?? []);
    let writes = direct.has(fn);
    // A class "calls" what its methods call: `new C(path)` may reach a write in any method; and a
    // subclass what it extends (its inherited methods and constructor).
    if (isClassNode(fn)) {
      const parentName = extendedName(fn);
      if (parentName !== undefined) own.add(parentName);
      for (const [inner, innerCalls] of calls) {
        if (fn.range[0] > inner.range[0] || inner.range[1] > fn.range[1]) continue;
        for (const name of innerCalls) own.add(name);
        writes ||= direct.has(inner);
      }
    }
    writes ||= [...own].some((name) => aliasNames.has(name));
    for (const name of names) {
      const merged = callsByName.get(name) ?? new Set<string>();
      for (const callee of own) merged.add(callee);
      callsByName.set(name, merged);
      if (writes) writerNames.add(name);
    }
  }
  // Names that take functions are no definitions (callsByName lists those): their edges are apart.
  const givenEdges = new Map<string, Set<string>>(givenNames);
  for (const name of givenApis) writerNames.add(name);
  // A name holding a file API of its own (`exports.saveFile = promisify(fs.writeFile)`, `{ open:
  // lib.func('CreateFileW', …) }`): another module calling it by that name may reach a write.
  for (const name of heldApis) writerNames.add(name);
  for (const [name, fns] of givenFunctions) {
    const edges = givenEdges.get(name) ?? new Set<string>();
    for (const fn of fns) {
      if (direct.has(fn)) writerNames.add(name);
      for (const callee of calls.get(fn) ?? []) edges.add(callee);
    }
    if ([...edges].some((callee) => aliasNames.has(callee))) writerNames.add(name);
    givenEdges.set(name, edges);
  }
  for (const [alias, target] of boundAliases) {
    const merged = callsByName.get(alias) ?? new Set<string>();
    merged.add(target);
    callsByName.set(alias, merged);
  }

  // A constructor function "calls" what its prototype's methods call: `new F(path)` may reach their writes.
  const declared = new Set([...functionNames.values()].flat());
  for (const [name, methods] of prototypes) {
    // Only a constructor of this module's own (another's prototype is patched here, not defined).
    if (!declared.has(name)) continue;
    const merged = callsByName.get(name) ?? new Set<string>();
    for (const method of methods) for (const callee of calls.get(method) ?? []) merged.add(callee);
    callsByName.set(name, merged);
    if (methods.some((method) => direct.has(method)) || [...merged].some((callee) => aliasNames.has(callee)))
      writerNames.add(name);
  }
  // Within the module: a function calling a writer by name is a writer (fixpoint, bounded by the names).
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, called] of [...callsByName, ...givenEdges, ...valueAliases]) {
      if (writerNames.has(name)) continue;
      if ([...called].some((callee) => writerNames.has(callee))) {
        writerNames.add(name);
        changed = true;
      }
    }
  }
  const dispatchesWriters = [...storedNames].some((name) => writerNames.has(name));
  return {
    sinkNames: withApiNames(sinkNames),
    writerNames,
    callsByName,
    imports,
    specifiers,
    computedCallNames,
    aliases: valueAliases,
    dispatchesWriters,
  };
}

/**
 * A read whose arguments, as written, give no write access: `readFileSync(p)`, `readFileSync(p,
 * 'utf8')`, `readFile(p, { encoding }, cb)`, `createReadStream(p)`, `openSync(p)`, `open(p, 'r',
 * cb)`. Its function is then no writer by this call: no rule reports a read-only open, so calls of
 * that function need no summary. Anything else (an options variable, a spread, a `flag` key, a
 * computed key, `.call`/`.bind` forms, another API) may write.
 */
function isPlainRead(node: CallNode, name: string, computed = false): boolean {
  if (node.type !== 'CallExpression') return false;
  const callee = skipTransparent(node.callee);
  const named =
    callee.type === 'Identifier'
      ? callee.name
      : callee.type === 'MemberExpression'
        ? staticMemberName(callee)
        : undefined;
  // A computed key (`fs[m](…)`) was resolved to `name` by the caller.
  if ((!computed && named !== name) || node.arguments.some((argument) => argument.type === 'SpreadElement'))
    return false;
  const options = node.arguments.slice(1).map((argument) => skipTransparent(argument));
  const flagOption = readerFlagOption(name);
  if (flagOption !== undefined) return options.every((option) => isReadOnlyOption(option, flagOption));
  if (baseApiName(name) !== 'open') return false;
  // `open(p, flags, mode, cb)`: read-only flags (or none), then a numeric mode (permissions) and a callback.
  const [flags, ...rest] = options;
  return (
    (flags === undefined || isFunctionNode(flags) || isReadOnlyFlag(flags)) &&
    rest.every(
      (argument) => isFunctionNode(argument) || (argument.type === 'Literal' && typeof argument.value === 'number'),
    )
  );
}

/** 'r', 'rs', 'sr' (formats/write-apis.ts STRING_FLAGS) or 0, O_RDONLY. */
function isReadOnlyFlag(node: TSESTree.Node): boolean {
  return (
    node.type === 'Literal' &&
    (node.value === 0 || (typeof node.value === 'string' && STRING_FLAGS.get(node.value) === 'read'))
  );
}

/** An option argument of a reader that cannot ask for write access: an encoding, a callback, or an object literal without the flag key. */
function isReadOnlyOption(option: TSESTree.Node, flagOption: string): boolean {
  if (isFunctionNode(option)) return true;
  if (option.type === 'Literal') return typeof option.value === 'string' || option.value === null;
  if (option.type !== 'ObjectExpression') return false;
  return option.properties.every(
    (property) => property.type === 'Property' && !property.computed && staticPropertyKey(property) !== flagOption,
  );
}

/** A set that also answers true for every API name (without listing them). */
function withApiNames(names: Set<string>): ReadonlySet<string> {
  return new (class extends Set<string> {
    override has(name: string): boolean {
      return isApiName(name) || super.has(name);
    }
  })(names);
}

/** `require('x')` (also `require('x').y`), the specifier; undefined otherwise. */
export function requiredSpecifier(node: TSESTree.Node): string | undefined {
  let inner = skipTransparent(node);
  while (inner.type === 'MemberExpression') inner = skipTransparent(inner.object);
  if (inner.type === 'AwaitExpression') inner = skipTransparent(inner.argument);
  if (inner.type === 'CallExpression' && inner.callee.type === 'Identifier' && inner.callee.name === 'require') {
    const [first] = inner.arguments;
    if (first?.type === 'Literal' && typeof first.value === 'string') return first.value;
  }
  if (inner.type === 'ImportExpression' && inner.source.type === 'Literal' && typeof inner.source.value === 'string') {
    return inner.source.value;
  }
  return undefined;
}

/**
 * The name a reference to a file-API member is stored under: `put` in
 * `const put = fs.writeFileSync.bind(fs)`, `_write` in `this._write = …`,
 * `write` in `{ write: promisify(fs.writeFile) }`. Not a call's result
 * (`fs.readFileSync(x)` is data), nor through a function boundary.
 */
function aliasTarget(member: TSESTree.MemberExpression): string | undefined {
  const name = staticMemberName(member);
  if (name === undefined || name === 'call' || !(isCandidateMemberName(name) || isWin32ApiName(name))) return undefined;
  if (member.parent?.type === 'CallExpression' && member.parent.callee === member) return undefined;
  return holderName(member);
}

/** Koffi's declaring methods (`lib.func(…)`, `lib.stdcall(…)`). */
const FFI_DECLARERS = new Set(['func', 'stdcall', 'cdecl', 'fastcall', 'thiscall']);

/** `lib.func('__stdcall', 'CreateFileW', …)`, `lib.func(SIG)` with SIG a `const` prototype naming a Win32 API. */
function declaresWin32Api(node: CallNode, name: string, constants: ReadonlyMap<string, readonly string[]>): boolean {
  if (!FFI_DECLARERS.has(name) || node.type !== 'CallExpression') return false;
  return node.arguments.some((argument) => {
    // A literal, or a `const` string declared before (`const sig = 'HANDLE CreateFileW(…)'`).
    const texts =
      argument.type === 'Literal' && typeof argument.value === 'string'
        ? [argument.value]
        : argument.type === 'Identifier'
          ? (constants.get(argument.name) ?? [])
          : [];
    return texts.some((text) => isWin32ApiName(/^(?:[^(]*?[\s*])?(\w+)\s*\(/u.exec(text)?.[1] ?? text));
  });
}

/** The name a value is stored under: the variable, property, field or member it is assigned to (through calls around it). */
function holderName(node: TSESTree.Node): string | undefined {
  let child: TSESTree.Node = node;
  for (
    let current: TSESTree.Node | undefined = node.parent;
    current != null;
    child = current, current = current.parent
  ) {
    if (isFunctionNode(current)) return undefined;
    switch (current.type) {
      case 'VariableDeclarator':
        return current.init === child && current.id.type === 'Identifier' ? current.id.name : undefined;
      case 'AssignmentExpression':
        if (current.right !== child) return undefined;
        return current.left.type === 'Identifier'
          ? current.left.name
          : current.left.type === 'MemberExpression'
            ? staticMemberName(current.left)
            : undefined;
      case 'Property':
      case 'PropertyDefinition':
        return current.value === child ? staticPropertyKey(current) : undefined;
      default:
        break;
    }
  }
  return undefined;
}

/** Names of `fn` for messages: what a call site names it by is better; this is the fallback. */
export function declaredName(fn: FunctionNode): string | undefined {
  if (fn.type !== 'ArrowFunctionExpression' && fn.id !== null && fn.id !== undefined) return fn.id.name;
  return undefined;
}
