import type { TSESTree } from '@typescript-eslint/utils';
import { type CallNode, isStaticMember, skipTransparent, staticPropertyKey, walk } from '../ast.js';
import { type Evaluator, isModuleMember } from '../evaluator/evaluate.js';
import { singleText } from '../evaluator/values.js';
import { renderParts } from '../paths/windows-path.js';
import type { AbstractValue, Values } from '../evaluator/values.js';

/**
 * Which native function a JavaScript call reaches through an FFI library
 * (docs/reference/fs-surface.md §4.3): koffi, ffi-napi/node-ffi, ffi-rs, Deno, Bun and
 * Node's `node:ffi`. The evaluator turns library objects into `call` and
 * `member` values; this module reads the symbol name and the DLL off them.
 */

export type FfiLibrary = 'koffi' | 'ffi-napi' | 'ffi-rs' | 'deno' | 'bun' | 'node:ffi';

export type { CallNode } from '../ast.js';

export interface NativeCall {
  /** Exported symbol, e.g. `CreateFileW`. */
  readonly symbol: string;
  /** DLL base names it may come from, lower case, without `.dll` (`kernel32`). */
  readonly dlls: readonly string[];
  readonly library: FfiLibrary;
  /**
   * The native arguments in C order: the call's own arguments, or for ffi-rs
   * the elements of `paramsValue` / of the array passed to a `define`d function.
   * Undefined when they cannot be listed (a spread, an array built elsewhere).
   */
  readonly args: readonly (TSESTree.Node | undefined)[] | undefined;
}

export interface NativeCallResolver {
  /** The native function `call` reaches, when it is one declared through an FFI library. */
  resolve(call: CallNode): NativeCall | undefined;
}

const KOFFI_DECLARERS = new Set(['func', 'stdcall', 'cdecl', 'fastcall', 'thiscall']);
const CALLING_CONVENTIONS = new Set(['__stdcall', '__cdecl', '__fastcall', '__thiscall']);
const FFI_NAPI_MODULES = new Set(['ffi-napi', 'ffi', 'node-ffi', '@napi-ffi/ffi-napi', '@breush/ffi-napi']);

/** Every module the resolver recognises bindings from (`ffi` is also node:ffi); Deno is a global. */
export const FFI_MODULES: readonly string[] = [...FFI_NAPI_MODULES, 'koffi', 'ffi-rs', 'bun:ffi'];
const MAX_RESOLVE_DEPTH = 4;

/** One resolver per linted file and rule (it caches ffi-rs `open` aliases). */
export function createNativeCallResolver(evaluator: Evaluator): NativeCallResolver {
  let ffiRsAliases: Map<string, string[]> | undefined;

  /** ffi-rs `open({ library: alias, path })` calls in the file: alias → DLL names. */
  function ffiRsLibrary(alias: Values): string[] {
    const names: string[] = [];
    for (const item of alias.items) {
      if (item.kind !== 'string') continue;
      const rendered = renderParts(item.parts);
      names.push(dllBaseName(rendered));
      ffiRsAliases ??= collectFfiRsOpens(evaluator);
      names.push(...(ffiRsAliases.get(rendered) ?? []));
    }
    return names;
  }

  function bindingOf(
    value: AbstractValue,
    depth = 0,
  ): (Omit<NativeCall, 'args'> & { argsFrom: 'call' | 'array-arg' }) | undefined {
    if (depth > MAX_RESOLVE_DEPTH) return undefined;
    // koffi: lib.func(...) where lib = koffi.load(dll).
    if (value.kind === 'call' && value.callee.kind === 'member' && KOFFI_DECLARERS.has(value.callee.name)) {
      const loader = value.callee.object;
      if (loader.kind !== 'call' || !isModuleMember(loader.callee, 'koffi', ['load'])) return undefined;
      const symbol = koffiSymbol(evaluator, value.args);
      return symbol === undefined
        ? undefined
        : { symbol, dlls: dllNames(evaluator, loader.args[0]), library: 'koffi', argsFrom: 'call' };
    }
    if (value.kind !== 'member') return undefined;
    // koffi's and ffi-napi's `fn.async(...args, callback)`.
    if (value.name === 'async') {
      const inner = bindingOf(value.object, depth + 1);
      return inner?.library === 'koffi' || inner?.library === 'ffi-napi' ? inner : undefined;
    }
    const owner = value.object;
    // ffi-napi: ffi.Library(dll, { X: [...] }).X
    if (
      owner.kind === 'call' &&
      owner.callee.kind === 'module' &&
      FFI_NAPI_MODULES.has(owner.callee.module) &&
      owner.callee.path.join('.') === 'Library'
    ) {
      return { symbol: value.name, dlls: dllNames(evaluator, owner.args[0]), library: 'ffi-napi', argsFrom: 'call' };
    }
    // ffi-rs: define({ X: { library, ... } }).X([...args])
    if (owner.kind === 'call' && isModuleMember(owner.callee, 'ffi-rs', ['define'])) {
      const declaration = owner.args[0];
      if (declaration === undefined || declaration.type === 'SpreadElement') return undefined;
      const library = evaluator.memberValues(
        evaluator.memberValues(evaluator.evaluate(declaration), value.name),
        'library',
      );
      return { symbol: value.name, dlls: ffiRsLibrary(library), library: 'ffi-rs', argsFrom: 'array-arg' };
    }
    // Deno.dlopen / Bun dlopen: lib.symbols.X; node:ffi dlopen: lib.functions.X
    if (
      owner.kind === 'member' &&
      owner.object.kind === 'call' &&
      (owner.name === 'symbols' || owner.name === 'functions')
    ) {
      const opener = owner.object.callee;
      const library: FfiLibrary | undefined =
        owner.name === 'symbols' && isModuleMember(opener, 'deno', ['dlopen'])
          ? 'deno'
          : owner.name === 'symbols' && isModuleMember(opener, 'bun:ffi', ['dlopen'])
            ? 'bun'
            : owner.name === 'functions' && isModuleMember(opener, 'ffi', ['dlopen'])
              ? 'node:ffi'
              : undefined;
      return library === undefined
        ? undefined
        : { symbol: value.name, dlls: dllNames(evaluator, owner.object.args[0]), library, argsFrom: 'call' };
    }
    return undefined;
  }

  /** koffi.call(lib.symbol('CreateFileW'), CreateFileWProto, ...args): a koffi.proto type called through a symbol pointer. */
  function resolveKoffiCall(call: CallNode): NativeCall | undefined {
    const args = call.arguments;
    const pointer = args[0];
    if (pointer === undefined || pointer.type === 'SpreadElement') return undefined;
    for (const symbolValue of evaluator.evaluate(pointer).items) {
      if (symbolValue.kind !== 'call' || symbolValue.callee.kind !== 'member' || symbolValue.callee.name !== 'symbol')
        continue;
      const loader = symbolValue.callee.object;
      const nameNode = symbolValue.args[0];
      if (
        loader.kind !== 'call' ||
        !isModuleMember(loader.callee, 'koffi', ['load']) ||
        nameNode === undefined ||
        nameNode.type === 'SpreadElement'
      )
        continue;
      const symbol = singleText(evaluator.evaluate(nameNode));
      if (symbol === undefined) continue;
      const rest = args.slice(2);
      return {
        symbol,
        dlls: dllNames(evaluator, loader.args[0]),
        library: 'koffi',
        args: rest.some((arg) => arg.type === 'SpreadElement') ? undefined : rest,
      };
    }
    return undefined;
  }

  function resolve(call: CallNode): NativeCall | undefined {
    // calleeOf reads `x.call(...)` as Function.prototype.call; koffi.call is koffi's own.
    if (
      isStaticMember(call.callee) &&
      call.callee.property.name === 'call' &&
      evaluator.evaluate(call.callee).items.some((item) => isModuleMember(item, 'koffi', ['call']))
    ) {
      return resolveKoffiCall(call);
    }
    const { callee, args } = evaluator.calleeOf(call);
    for (const item of callee.items) {
      // ffi-rs: load({ library, funcName, paramsValue }) is the call itself.
      if (isModuleMember(item, 'ffi-rs', ['load'])) {
        const options = args[0];
        if (options === undefined || options.type === 'SpreadElement') continue;
        const config = evaluator.evaluate(options);
        const symbol = singleText(evaluator.memberValues(config, 'funcName'));
        if (symbol === undefined) continue;
        const paramsValue = propertyNode(evaluator, options, 'paramsValue');
        return {
          symbol,
          dlls: ffiRsLibrary(evaluator.memberValues(config, 'library')),
          library: 'ffi-rs',
          args: paramsValue === undefined ? undefined : arrayElements(evaluator, paramsValue),
        };
      }
      const binding = bindingOf(item);
      if (binding === undefined) continue;
      const { argsFrom, ...rest } = binding;
      if (argsFrom === 'array-arg') {
        const array = args[0];
        return {
          ...rest,
          args: array === undefined || array.type === 'SpreadElement' ? undefined : arrayElements(evaluator, array),
        };
      }
      return { ...rest, args: args.some((arg) => arg.type === 'SpreadElement') ? undefined : args };
    }
    return undefined;
  }

  return { resolve };
}

/** `C:\Windows\System32\KERNEL32.DLL` → `kernel32`; `kernel32.${suffix}` (Bun) → `kernel32`. */
export function dllBaseName(rendered: string): string {
  const base = rendered.split(/[\\/]/u).at(-1) ?? '';
  return base.toLowerCase().replace(/\.(?:dll|\*)$/u, '');
}

function dllNames(evaluator: Evaluator, node: TSESTree.CallExpressionArgument | undefined): string[] {
  if (node === undefined || node.type === 'SpreadElement') return [];
  const names: string[] = [];
  for (const item of evaluator.evaluate(node).items) {
    if (item.kind === 'string') names.push(dllBaseName(renderParts(item.parts)));
  }
  return names;
}

/** The symbol a koffi declaration binds: `func(name, ...)`, `func('__stdcall', name, ...)` or a prototype string. */
function koffiSymbol(evaluator: Evaluator, args: readonly TSESTree.CallExpressionArgument[]): string | undefined {
  const [first, second] = args;
  if (first === undefined || first.type === 'SpreadElement') return undefined;
  const text = singleText(evaluator.evaluate(first));
  if (text === undefined) return undefined;
  if (text.includes('(')) return prototypeName(text);
  if (CALLING_CONVENTIONS.has(text) && second !== undefined && second.type !== 'SpreadElement') {
    return singleText(evaluator.evaluate(second));
  }
  return /^[A-Za-z_]\w*$/u.test(text) ? text : undefined;
}

/** `HANDLE __stdcall CreateFileW(const char16_t *name, ...)` → `CreateFileW`. */
export function prototypeName(prototype: string): string | undefined {
  return /([A-Za-z_]\w*)\s*\(/u.exec(prototype)?.[1];
}

/**
 * The expression node an identifier stands for when it is a `const` (or a
 * never-reassigned `let`) initialised with it: ffi-rs argument arrays are
 * often built in a variable first.
 */
export function resolveNode(evaluator: Evaluator, node: TSESTree.Node, depth = 0): TSESTree.Node {
  const inner = skipTransparent(node);
  if (inner.type !== 'Identifier' || depth > MAX_RESOLVE_DEPTH) return inner;
  const variable = evaluator.findVariable(inner);
  const def = variable?.defs[0];
  if (variable === null || variable === undefined || variable.defs.length !== 1 || def?.type !== 'Variable')
    return inner;
  const declarator = def.node;
  if (declarator.id.type !== 'Identifier' || declarator.init === null) return inner;
  if (variable.references.filter((reference) => reference.isWrite()).length > 1) return inner;
  return resolveNode(evaluator, declarator.init, depth + 1);
}

function arrayElements(evaluator: Evaluator, node: TSESTree.Node): (TSESTree.Node | undefined)[] | undefined {
  const array = resolveNode(evaluator, node);
  if (array.type !== 'ArrayExpression' || array.elements.some((element) => element?.type === 'SpreadElement'))
    return undefined;
  return array.elements.map((element) => element ?? undefined);
}

/** The value node of `key` in an object literal (through a const). */
function propertyNode(evaluator: Evaluator, node: TSESTree.Node, key: string): TSESTree.Node | undefined {
  const object = resolveNode(evaluator, node);
  if (object.type !== 'ObjectExpression') return undefined;
  for (const property of object.properties) {
    if (property.type === 'Property' && property.kind === 'init' && staticPropertyKey(property) === key) {
      return property.value;
    }
  }
  return undefined;
}

/** `open({ library: 'k32', path: 'kernel32.dll' })` calls of ffi-rs anywhere in the file. */
function collectFfiRsOpens(evaluator: Evaluator): Map<string, string[]> {
  const aliases = new Map<string, string[]>();
  walk(evaluator.module.ast, evaluator.module.visitorKeys, (node) => {
    if (node.type !== 'CallExpression') return;
    const callee = node.callee;
    const named =
      callee.type === 'Identifier' ? callee.name : isStaticMember(callee) ? callee.property.name : undefined;
    if (named !== 'open') return;
    if (!evaluator.calleeOf(node).callee.items.some((item) => isModuleMember(item, 'ffi-rs', ['open']))) return;
    const options = node.arguments[0];
    if (options === undefined || options.type === 'SpreadElement') return;
    const config = evaluator.evaluate(options);
    const alias = singleText(evaluator.memberValues(config, 'library'));
    if (alias === undefined) return;
    const paths = evaluator
      .memberValues(config, 'path')
      .items.filter((item) => item.kind === 'string')
      .map((item) => dllBaseName(renderParts(item.parts)));
    aliases.set(alias, [...(aliases.get(alias) ?? []), ...paths]);
  });
  return aliases;
}
