import type { TSESTree } from '@typescript-eslint/utils';
import { evaluateFlags } from './access-mask.js';
import type { Evaluator } from '../evaluator/evaluate.js';
import type { NativeCallResolver } from './ffi-bindings.js';
import type { HandleSinkClassifier, SinkVerdict } from '../handle-usage.js';
import { HANDLE_APIS, READ_ONLY_CONTROL_CODES, READ_ONLY_PAGE_PROTECTIONS, dllExports } from './apis.js';

/**
 * What a Win32 call through FFI does with a HANDLE passed to it, for the
 * handle-usage analysis: ReadFile and friends read, WriteFile and unknown
 * DeviceIoControl codes write, anything unrecognised lets the handle escape.
 * Shared by no-win32-write-access (its suggestion) and prefer-read-only-open.
 */

const PAGE_PROTECTIONS: ReadonlyMap<string, number> = new Map([
  ['PAGE_READONLY', 0x02],
  ['PAGE_READWRITE', 0x04],
  ['PAGE_WRITECOPY', 0x08],
  ['PAGE_EXECUTE_READ', 0x20],
  ['PAGE_EXECUTE_READWRITE', 0x40],
  ['PAGE_EXECUTE_WRITECOPY', 0x80],
]);
const NO_NAMES: ReadonlyMap<string, number> = new Map();

export function createWin32SinkClassifier(
  evaluator: Evaluator,
  nativeCalls: () => NativeCallResolver,
): HandleSinkClassifier {
  const flags = (node: TSESTree.Node | undefined, names: ReadonlyMap<string, number>) =>
    node === undefined || node.type === 'SpreadElement'
      ? { items: [], complete: false }
      : evaluateFlags(evaluator, node, names);
  return (sink): SinkVerdict => {
    if (sink.kind !== 'argument') return { effect: 'escape' };
    const native = nativeCalls().resolve(sink.call);
    const handleApi = native === undefined ? undefined : HANDLE_APIS.get(native.symbol);
    if (
      native === undefined ||
      handleApi === undefined ||
      !native.dlls.some((dll) => dllExports(dll, handleApi.family))
    )
      return { effect: 'escape' };
    const argument = sink.node;
    if (native.args === undefined || native.args.indexOf(argument) !== handleApi.handleArg)
      return { effect: 'escape', api: native.symbol };
    const { effect } = handleApi;
    if (typeof effect === 'string') return { effect, api: native.symbol };
    const [arg, allowed, names] =
      'controlCodeArg' in effect
        ? [native.args[effect.controlCodeArg], READ_ONLY_CONTROL_CODES, NO_NAMES]
        : [native.args[effect.protectionArg], READ_ONLY_PAGE_PROTECTIONS, PAGE_PROTECTIONS];
    const values = flags(arg, names);
    const readOnly =
      values.complete && values.items.length > 0 && values.items.every((item) => item.exact && allowed.has(item.bits));
    return { effect: readOnly ? 'read' : 'write', api: native.symbol };
  };
}

/** `.async(...)` calls through koffi return through a callback: the handle is not the call's value. */
export function isKoffiAsync(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = call.callee;
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.property.type === 'Identifier' &&
    callee.property.name === 'async'
  );
}
