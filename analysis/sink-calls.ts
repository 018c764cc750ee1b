import type { TSESTree } from '@typescript-eslint/utils';
import {
  type CallNode,
  importedName,
  isStaticMember,
  skipTransparent,
  staticMemberName,
  staticPropertyKey,
  walk,
} from './ast.js';
import type { Evaluator } from './evaluator/evaluate.js';
import type { Frame } from './evaluator/frames.js';
import { type AbstractValue, parametersIn } from './evaluator/values.js';
import { spreadElementAt } from './evaluator/calls.js';
import { requiredSpecifier } from './module-facts.js';
import { type FsApi, lookupFsApi } from './node-fs/fs-apis.js';
import { type NativeCall, type NativeCallResolver, createNativeCallResolver } from './win32/ffi-bindings.js';
import { type Win32Api, dllExports, lookupWin32Api } from './win32/apis.js';
import { runsOnlyOffWindows } from './off-windows.js';

/**
 * The one resolution of a call to a file API: a Node/Bun/Deno file function
 * (node-fs/fs-apis.ts) or a Win32/CRT function through FFI (win32/). Every
 * rule, and the function summaries, ask this; the answer is cached per call
 * for the linted file, so three rules resolve each call once.
 */

export type CallArgument = TSESTree.CallExpressionArgument;

interface SinkBase {
  readonly node: CallNode;
  /** The argument naming the written file, if present. */
  readonly pathNode: TSESTree.Node | undefined;
  /** The evaluator of the module the call is in. */
  readonly evaluator: Evaluator;
}

export interface FsSinkCall extends SinkBase {
  readonly kind: 'fs';
  readonly api: FsApi;
  readonly callee: AbstractValue;
  /** Effective arguments (after `.call(thisArg, …)`). */
  readonly args: readonly CallArgument[];
}

export interface NativeSinkCall extends SinkBase {
  readonly kind: 'native';
  readonly api: Win32Api;
  readonly native: NativeCall;
  /** The native arguments in C order. */
  readonly args: readonly (TSESTree.Node | undefined)[];
}

export type SinkCall = FsSinkCall | NativeSinkCall;

const resolved = new WeakMap<Evaluator, Map<CallNode, SinkCall | null>>();
const nativeResolvers = new WeakMap<Evaluator, NativeCallResolver>();

/** The native-call resolver of a module (it caches the module's ffi-rs `open` aliases). */
export function nativeCallsOf(evaluator: Evaluator): NativeCallResolver {
  let resolver = nativeResolvers.get(evaluator);
  if (resolver === undefined) {
    resolver = createNativeCallResolver(evaluator);
    nativeResolvers.set(evaluator, resolver);
  }
  return resolver;
}

/** The file API `node` calls, if any (cached per call). */
export function resolveSinkCall(evaluator: Evaluator, node: CallNode): SinkCall | undefined {
  return memoisedPerCall(resolved, evaluator, node, () => resolveUncached(evaluator, node));
}

/** `compute()` for `node`, once per owner (an evaluator, a frame) and call; `undefined` is remembered too. */
function memoisedPerCall<O extends object, S>(
  cache: WeakMap<O, Map<CallNode, S | null>>,
  owner: O,
  node: CallNode,
  compute: () => S | undefined,
): S | undefined {
  let byCall = cache.get(owner);
  if (byCall === undefined) {
    byCall = new Map();
    cache.set(owner, byCall);
  }
  const cached = byCall.get(node);
  if (cached !== undefined) return cached ?? undefined;
  const result = compute();
  byCall.set(node, result ?? null);
  return result;
}

function resolveUncached(evaluator: Evaluator, node: CallNode): SinkCall | undefined {
  const callee = skipTransparent(node.callee);
  if (callee.type !== 'Identifier' && callee.type !== 'MemberExpression' && callee.type !== 'CallExpression') {
    return undefined;
  }
  if (!mayBindFileApi(evaluator, callee)) return undefined;
  const { callee: callees, args } = evaluator.calleeOf(node);
  const fsSink = fsSinkOf(evaluator, node, callees.items, args);
  if (fsSink !== undefined) return fsSink;
  // A function, class or module of the project is not a native binding (those are opaque call results).
  if (
    callees.items.length > 0 &&
    callees.items.every((item) => item.kind === 'function' || item.kind === 'class' || item.kind === 'namespace')
  ) {
    return undefined;
  }
  const native = nativeCallsOf(evaluator).resolve(node);
  const api = native === undefined ? undefined : lookupWin32Api(native.symbol);
  if (native?.args === undefined || api === undefined || !native.dlls.some((dll) => dllExports(dll, api.family))) {
    return undefined;
  }
  const pathNode = native.args[api.pathArg];
  return {
    kind: 'native',
    node,
    api,
    native,
    args: native.args,
    pathNode: pathNode === undefined || pathNode.type === 'SpreadElement' ? undefined : pathNode,
    evaluator,
  };
}

function fsSinkOf(
  evaluator: Evaluator,
  node: CallNode,
  callees: readonly AbstractValue[],
  args: readonly CallArgument[],
): FsSinkCall | undefined {
  for (const item of callees) {
    const api = lookupFsApi(item);
    if (api === undefined) continue;
    const pathNode = api.pathArg === -1 ? bunFilePath(item) : pathArgument(args, api.pathArg);
    return { kind: 'fs', node, api, callee: item, args, pathNode, evaluator };
  }
  return undefined;
}

const resolvedUnder = new WeakMap<Frame, Map<CallNode, FsSinkCall | null>>();

/**
 * The file API a call of a parameter reaches under the frame that binds it: `fn(p)` in
 * `function run(fn, p)` called as `run(fs.writeFileSync, HOSTS)`, or in the closure a retry
 * wrapper returns (`(...a) => fn(...a)`). Node's file APIs only (cached per frame and call).
 */
export function resolveSinkCallUnder(evaluator: Evaluator, node: CallNode, frame: Frame): FsSinkCall | undefined {
  return memoisedPerCall(resolvedUnder, frame, node, () => {
    const { callee, args } = evaluator.calleeOf(node, frame);
    const sink = fsSinkOf(evaluator, node, callee.items, args);
    // Summaries judge Windows system files: a write that only runs off Windows is none of theirs.
    return sink === undefined || runsOnlyOffWindows(evaluator, node) ? undefined : sink;
  });
}

/**
 * False when the callee (`save(…)`, `io.writeFileSync(…)`) starts from a binding imported from a
 * project module that cannot export a file API by its text: it declares that export as its own
 * top-level function (`export function save`), or it names no file or FFI module and imports none
 * that does (project.ts `mayExportFileApis`). Its module is then not read just to find that out:
 * most calls of a project are calls of its own imported helpers, and whether they write is the
 * summaries' question.
 */
function mayBindFileApi(evaluator: Evaluator, callee: TSESTree.Node): boolean {
  let root = callee;
  while (root.type === 'MemberExpression') root = skipTransparent(root.object);
  if (root.type !== 'Identifier') return true;
  const binding = importedBinding(evaluator, root);
  if (binding === undefined) return true;
  const { host, module } = evaluator;
  if (root === callee && host.exportsOwnFunction(module, binding.specifier, binding.imported)) return false;
  return host.mayExportFileApis(module, binding.specifier);
}

/**
 * What an identifier is bound to: `import { x as y } from 's'` (s, x), a default (`default`) or
 * namespace (`*`) import, `import y = require('s')`, or a never reassigned `require('s')` (`*`) or
 * `const { x: y } = require('s')` (x).
 */
function importedBinding(
  evaluator: Evaluator,
  identifier: TSESTree.Identifier,
): { specifier: string; imported: string } | undefined {
  const variable = evaluator.findVariable(identifier);
  const def = variable?.defs[0];
  if (variable === null || def === undefined || variable.defs.length !== 1) return undefined;
  if (def.type === 'ImportBinding') {
    const { node } = def;
    if (node.type === 'TSImportEqualsDeclaration') {
      return node.moduleReference.type === 'TSExternalModuleReference'
        ? { specifier: String(node.moduleReference.expression.value), imported: '*' }
        : undefined;
    }
    const declaration = node.parent;
    if (declaration.type !== 'ImportDeclaration') return undefined;
    return { specifier: String(declaration.source.value), imported: importedName(node) };
  }
  if (def.type !== 'Variable' || def.node.init === null || evaluator.index.writesOf(variable).length !== 1)
    return undefined;
  const specifier = requiredSpecifier(def.node.init);
  if (specifier === undefined) return undefined;
  // A destructured property names its key; `require('s').x` names x (deeper members: unknown).
  if (def.node.id.type === 'ObjectPattern') {
    const property = def.name.parent;
    const key =
      property?.type === 'Property' && property.value === def.name && property.parent === def.node.id
        ? staticPropertyKey(property)
        : undefined;
    return key === undefined ? undefined : { specifier, imported: key };
  }
  const init = skipTransparent(def.node.init);
  if (init.type !== 'MemberExpression') return { specifier, imported: '*' };
  const member = skipTransparent(init.object).type === 'CallExpression' ? staticMemberName(init) : undefined;
  return member === undefined ? undefined : { specifier, imported: member };
}

/**
 * The argument at the path's position. A spread stands for it when it is the only spread up to
 * there and starts at the path (`(...args) => fs.writeFileSync(...args)`: its first element) or
 * is the last argument and starts before it (`fs.copyFileSync(...args)`: the destination is
 * `args[1]`, calls.ts spreadElementAt). Elsewhere the position depends on a spread's length.
 */
function pathArgument(args: readonly CallArgument[], index: number): CallArgument | undefined {
  const first = args.findIndex((other) => other.type === 'SpreadElement');
  if (first === -1 || first > index) return args[index];
  const spread = args[first] as TSESTree.SpreadElement;
  if (first === index) return spread;
  return first === args.length - 1 ? spreadElementAt(spread, index - first) : undefined;
}

/** `Bun.file(path).write(data)`: the path is the argument of the inner `Bun.file` call. */
function bunFilePath(callee: AbstractValue): CallArgument | undefined {
  return callee.kind === 'member' && callee.object.kind === 'call' ? callee.object.args[0] : undefined;
}

/** The arguments that decide a sink's write: the path, and the flags, options, mask or disposition (not the data). */
export function decisionArguments(sink: SinkCall): TSESTree.Node[] {
  const indexes: number[] = [];
  if (sink.kind === 'fs') {
    const { api } = sink;
    if (api.pathArg >= 0) indexes.push(api.pathArg);
    const { operation } = api;
    if (operation.kind === 'open-flags') indexes.push(operation.flagsArg);
    if (operation.kind === 'options-flag' || operation.kind === 'deno-open' || operation.kind === 'deno-write') {
      indexes.push(operation.optionsArg);
    }
  } else {
    const { api } = sink;
    indexes.push(api.pathArg);
    const { access } = api;
    switch (access.kind) {
      case 'create-file':
        indexes.push(access.accessArg, ...(access.dispositionArg === undefined ? [] : [access.dispositionArg]));
        break;
      case 'open-file-style':
        indexes.push(access.styleArg);
        break;
      case 'destination':
        if (access.guard !== undefined) indexes.push(access.guard.arg);
        break;
      case 'crt-mode':
        indexes.push(access.modeArg);
        break;
      case 'crt-oflag':
        indexes.push(access.oflagArg);
        break;
      case 'crt-create':
        break;
    }
  }
  const nodes: TSESTree.Node[] = sink.pathNode === undefined ? [] : [sink.pathNode];
  for (const index of indexes) {
    const arg = sink.args[index];
    if (arg !== undefined && arg.type !== 'SpreadElement' && !nodes.includes(arg)) nodes.push(arg);
  }
  return nodes;
}

/** A `.call(thisArg, …)` member callee (its arguments are shifted by one). */
export function isDotCall(node: CallNode): boolean {
  const callee = skipTransparent(node.callee);
  return node.type === 'CallExpression' && isStaticMember(callee) && callee.property.name === 'call';
}

/**
 * True when a sink's access does not depend on any parameter: its flags,
 * options, mask and disposition (all but the path) evaluate without markers
 * and name no parameter or `this` (a parameter may choose a branch or a key
 * without showing in the value: `write ? 'r+' : 'r'`, `FLAGS[mode]`), so one
 * decision serves every call of the wrapper.
 */
export function accessIsFixed(sink: SinkCall): boolean {
  let fixed = fixedAccess.get(sink);
  if (fixed === undefined) {
    const { evaluator } = sink;
    fixed = decisionArguments(sink)
      .filter((node) => node !== sink.pathNode)
      .every(
        (node) =>
          parametersIn(evaluator.evaluate(node)).length === 0 &&
          !mentionsParameter(evaluator, node, LOCAL_HOPS, { left: MAX_NODES_LOOKED_AT }),
      );
    fixedAccess.set(sink, fixed);
  }
  return fixed;
}

/** Local variables followed to their assigned values when looking for a parameter (`const f = w ? … : …`). */
const LOCAL_HOPS = 2;
/** Nodes looked at per sink; past it the access counts as depending on a parameter (decided per call: safe). */
const MAX_NODES_LOOKED_AT = 2_000;

/**
 * True when `node` reads a parameter or `this`, directly or through the values of up to `hops`
 * local variables; also when the budget runs out first.
 */
function mentionsParameter(evaluator: Evaluator, node: TSESTree.Node, hops: number, budget: { left: number }): boolean {
  let found = false;
  walk(node, evaluator.module.visitorKeys, (child) => {
    if (--budget.left < 0 || child.type === 'ThisExpression') {
      found = true;
      return false;
    }
    if (child.type !== 'Identifier') return true;
    const parent = child.parent;
    // A property name (`o.key`, `{ key: v }`) reads no variable.
    if (parent?.type === 'MemberExpression' && parent.property === child && !parent.computed) return true;
    if (parent?.type === 'Property' && parent.key === child && !parent.computed && parent.value !== child) return true;
    const variable = evaluator.findVariable(child);
    const def = variable?.defs[0];
    if (variable === null || def === undefined) return true;
    if (def.type === 'Parameter') {
      found = true;
      return false;
    }
    if (def.type !== 'Variable' || hops === 0) return true;
    found = evaluator.index.writesOf(variable).some((reference) => {
      const source = reference.writeExpr;
      return source !== null && source !== undefined && mentionsParameter(evaluator, source, hops - 1, budget);
    });
    return !found;
  });
  return found;
}

// Per sink, not per call: a call of a parameter is a different sink under each frame.
const fixedAccess = new WeakMap<SinkCall, boolean>();
