/**
 * Win32 opens called through koffi. When koffi's native module is loaded
 * (process.dlopen, whichever way koffi itself was imported), its `load` is
 * wrapped so every library it returns gets a `func` whose results are
 * wrapped for the by-path functions of the shared table (CreateFile*,
 * NtCreateFile/NtOpenFile, the copy/move/replace destinations, fopen and
 * kin), recording the access mask and disposition as passed.
 */
import { basename, extname, resolve, win32 } from 'node:path';
import {
  NT_DISPOSITIONS,
  NT_TRUNCATING,
  WIN32_APIS,
  WIN32_DISPOSITIONS,
  WIN32_TRUNCATING,
  accessWrites,
  describeAccess,
  describeEnum,
  type Win32Api,
} from '../../formats/write-apis.js';
import type { TraceEffect } from './event.js';
import type { OpenFacts, Recorder } from './recorder.js';
import { isWrapped, traceWrapper } from './wrapper.js';

const BY_NAME: ReadonlyMap<string, Win32Api> = new Map(WIN32_APIS.map((api) => [api.name, api]));
const CALLING_CONVENTION = /^__\w+$/u;

function uint32(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value >>> 0;
  if (typeof value === 'bigint') return Number(BigInt.asUintN(32, value));
  return undefined;
}

/** The function a `lib.func(...)` call declares: a C prototype `'HANDLE CreateFileW(...)'`, `('CreateFileW', ret, params)`, or a calling convention then the name. */
export function declaredName(args: ArrayLike<unknown>): string | undefined {
  const [first, second] = [args[0], args[1]];
  if (typeof first !== 'string') return undefined;
  let name: string | undefined = first;
  if (args.length === 1) {
    name = /([A-Za-z_]\w*)\s*\(/u.exec(first)?.[1];
  } else if (CALLING_CONVENTION.test(first) && typeof second === 'string') {
    name = second;
  }
  if (name === undefined) return undefined;
  // 32-bit stdcall decoration: _CreateFileW@28.
  return BY_NAME.has(name) ? name : name.replace(/^_/u, '').replace(/@\d+$/u, '');
}

/** OBJECT_ATTRIBUTES.ObjectName.Buffer when the program passed the struct as an object. */
function objectAttributesPath(value: unknown): string | undefined {
  const name = (value as { ObjectName?: unknown } | null | undefined)?.ObjectName;
  const buffer = (name as { Buffer?: unknown } | null | undefined)?.Buffer;
  return typeof buffer === 'string' ? buffer : undefined;
}

/** A Windows path kept as Windows spells it, whatever OS runs the stand-in. */
function absoluteWindowsPath(path: string): string {
  const nt = path.replace(/^\\(?:\?\?|\\\?)\\(?=[A-Za-z]:)/u, '');
  if (/^[A-Za-z]:[\\/]/u.test(nt) || /^[\\/]{2}/u.test(nt)) return win32.normalize(nt);
  return process.platform === 'win32' ? win32.resolve(nt) : resolve(nt);
}

function decideAccess(
  api: Win32Api,
  args: ArrayLike<unknown>,
): Omit<OpenFacts, 'api' | 'path' | 'absolute'> | undefined {
  const { access } = api;
  switch (access.kind) {
    case 'create-file': {
      const mask = uint32(args[access.accessArg]);
      if (mask === undefined) return undefined;
      const disposition = access.dispositionArg === undefined ? undefined : uint32(args[access.dispositionArg]);
      const table = access.dispositions === 'win32' ? WIN32_DISPOSITIONS : NT_DISPOSITIONS;
      const truncating =
        disposition !== undefined &&
        (access.dispositions === 'win32' ? WIN32_TRUNCATING : NT_TRUNCATING).has(disposition);
      const writes = accessWrites({ bits: mask, exact: true });
      if (writes === undefined && !truncating) return undefined;
      const effect: TraceEffect = truncating ? 'truncate' : writes === 'metadata' ? 'attributes' : 'read-write';
      const described = describeAccess({ bits: mask, exact: true });
      return {
        effect,
        access: disposition === undefined ? described : `${described}, ${describeEnum(disposition, table)}`,
        mask,
        ...(disposition === undefined ? {} : { disposition }),
      };
    }
    case 'destination': {
      const { guard } = access;
      if (guard !== undefined) {
        const set = ((uint32(args[guard.arg]) ?? 0) & guard.bit) !== 0;
        if (set !== (guard.replacesWhen === 'set')) return undefined; // fails rather than replace
      }
      return { effect: 'replace', access: 'replace' };
    }
    case 'crt-mode': {
      const mode = args[access.modeArg];
      if (typeof mode !== 'string' || !/[wa+]/u.test(mode)) return undefined;
      return {
        effect: mode.includes('w') ? 'truncate' : mode.includes('a') ? 'append' : 'read-write',
        access: `'${mode}'`,
      };
    }
    case 'crt-create': {
      return { effect: 'truncate', access: '_creat' };
    }
    default: {
      return undefined; // OpenFile styles and CRT oflags: not traced (docs/trace.md).
    }
  }
}

function decideWin32(api: Win32Api, apiName: string, args: ArrayLike<unknown>): OpenFacts | undefined {
  const decided = decideAccess(api, args);
  if (decided === undefined) return undefined;
  const given = api.pathIn === 'argument' ? args[api.pathArg] : objectAttributesPath(args[api.pathArg]);
  const path = typeof given === 'string' ? given : '';
  return { api: apiName, path, absolute: path === '' ? '' : absoluteWindowsPath(path), ...decided };
}

function wrapForeign(fn: unknown, api: Win32Api, apiName: string, recorder: Recorder): unknown {
  if (typeof fn !== 'function' || isWrapped(fn)) return fn;
  const decide = (args: ArrayLike<unknown>): OpenFacts | undefined => decideWin32(api, apiName, args);
  const wrapper = traceWrapper(fn, apiName, recorder, { decide });
  const asyncCall = (fn as { async?: unknown }).async;
  if (typeof asyncCall === 'function') {
    // fn.async(...args, callback) expects `this` to be the function itself.
    const asyncWrapper = traceWrapper(asyncCall, `${apiName}.async`, recorder, {
      decide,
      thisFor: (self) => (self === wrapper ? fn : self),
    });
    Object.defineProperty(wrapper, 'async', {
      value: asyncWrapper,
      writable: true,
      configurable: true,
      enumerable: true,
    });
  }
  return wrapper;
}

function libraryName(args: ArrayLike<unknown>): string {
  const path = args[0];
  if (typeof path !== 'string') return 'process';
  const base = basename(path.replaceAll('\\', '/'));
  return (extname(base) === '' ? base : base.slice(0, -extname(base).length)).toLowerCase();
}

const NOT_AN_OPEN = (): undefined => undefined;

function instrumentLibrary(lib: unknown, name: string, recorder: Recorder): void {
  if (lib === null || typeof lib !== 'object') return;
  const func = (lib as { func?: unknown }).func;
  if (typeof func !== 'function' || isWrapped(func)) return;
  const declare = traceWrapper(func, `${name}.func`, recorder, {
    decide: NOT_AN_OPEN,
    transform(fn, args) {
      const symbol = declaredName(args);
      const api = symbol === undefined ? undefined : BY_NAME.get(symbol);
      return api === undefined ? fn : wrapForeign(fn, api, `${name}.${api.name}`, recorder);
    },
  });
  Object.defineProperty(lib, 'func', { value: declare, writable: true, configurable: true, enumerable: false });
}

/** koffi's native exports: `load` opens a library. */
function hookKoffiNative(native: unknown, recorder: Recorder): void {
  const exports = native as { load?: unknown; struct?: unknown } | null;
  if (exports === null || typeof exports !== 'object') return;
  const { load } = exports;
  if (typeof load !== 'function' || typeof exports.struct !== 'function' || isWrapped(load)) return;
  exports.load = traceWrapper(load, 'koffi.load', recorder, {
    decide: NOT_AN_OPEN,
    transform(lib, args) {
      instrumentLibrary(lib, libraryName(args), recorder);
      return lib;
    },
  });
}

/** Watches native addons as they load, for koffi's. */
export function hookKoffi(recorder: Recorder): void {
  if (isWrapped(process.dlopen)) return;
  const dlopen = traceWrapper(process.dlopen, 'process.dlopen', recorder, {
    decide: NOT_AN_OPEN,
    transform(result, args) {
      if (/koffi/iu.test(String(args[1]))) {
        hookKoffiNative((args[0] as { exports?: unknown } | undefined)?.exports, recorder);
      }
      return result;
    },
  });
  process.dlopen = dlopen as unknown as typeof process.dlopen;
}
