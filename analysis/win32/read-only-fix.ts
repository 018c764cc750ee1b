import type { TSESTree } from '@typescript-eslint/utils';
import { analyseHandleUsage } from '../handle-usage.js';
import { type FlagRewrite, type ReadOnlyOpen, isOnlyRead } from '../node-fs/read-only-fix.js';
import { type NativeSinkCall, nativeCallsOf } from '../sink-calls.js';
import {
  ACCESS_NAMES,
  NT_DISPOSITIONS,
  NT_TRUNCATING,
  WIN32_DISPOSITIONS,
  WIN32_TRUNCATING,
  accessWrites,
  describeAccess,
  evaluateFlags,
  readOnlyAccessText,
} from './access-mask.js';
import { createWin32SinkClassifier, isKoffiAsync } from './handle-sinks.js';

/**
 * CreateFile* through FFI asking for data-write access whose handle only
 * reaches reading APIs (ReadFile, GetFileSize…), for prefer-read-only-open:
 * the same mask without write access, a fix when the disposition neither
 * creates nor truncates, a suggestion otherwise.
 */
export function readOnlyNativeOpen(sink: NativeSinkCall): ReadOnlyOpen | undefined {
  const { api, args, evaluator, node } = sink;
  if (!api.returnsHandle || api.access.kind !== 'create-file' || isKoffiAsync(node)) return undefined;
  const { accessArg, dispositionArg, dispositions } = api.access;
  const accessNode = args[accessArg];
  if (accessNode === undefined || accessNode.type === 'SpreadElement') return undefined;
  const mask = evaluateFlags(evaluator, accessNode, ACCESS_NAMES);
  const writing = mask.items.filter((item) => accessWrites(item) === 'data');
  const [first] = writing;
  if (first === undefined || !mask.complete || writing.length !== mask.items.length) return undefined;
  const readOnly = readOnlyAccessText(evaluator, accessNode, evaluator.module);
  if (readOnly === undefined) return undefined;
  const usage = analyseHandleUsage(
    evaluator,
    node,
    createWin32SinkClassifier(evaluator, () => nativeCallsOf(evaluator)),
  );
  if (!isOnlyRead(usage)) return undefined;
  // CREATE_ALWAYS / TRUNCATE_EXISTING need write access: read-only would change what the call does.
  const dispositionNode: TSESTree.Node | undefined = dispositionArg === undefined ? undefined : args[dispositionArg];
  const truncating = dispositions === 'nt' ? NT_TRUNCATING : WIN32_TRUNCATING;
  const disposition =
    dispositionNode === undefined || dispositionNode.type === 'SpreadElement'
      ? undefined
      : evaluateFlags(evaluator, dispositionNode, dispositions === 'nt' ? NT_DISPOSITIONS : WIN32_DISPOSITIONS);
  const safe =
    disposition !== undefined &&
    disposition.complete &&
    disposition.items.length > 0 &&
    disposition.items.every((item) => item.exact && !truncating.has(item.bits));
  const rewrite: FlagRewrite = {
    node: accessNode,
    replacement: readOnly,
    display: readOnly,
    safe,
    semantics:
      disposition === undefined || !disposition.complete
        ? 'has a disposition this rule cannot read'
        : 'truncates the file through its disposition',
  };
  return { flags: accessNode, rewrite, handle: 'handle', access: describeAccess(first) };
}
