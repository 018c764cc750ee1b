import type { TSESLint } from '@typescript-eslint/utils';
import type { AccessDecision } from '../../analysis/access-decision.js';
import type { FileAnalysis } from '../../analysis/file-analysis.js';
import type { NativeSinkCall } from '../../analysis/sink-calls.js';
import { analysisRuntime } from '../analysis-runtime.js';
import { PATH_FINDING_MESSAGES, type PathFindingMessageId } from '../report/messages.js';
import { createRule } from '../create-rule.js';

export type Options = [{ checkMetadataAccess?: boolean; reportUnresolved?: boolean }];
export type MessageIds = PathFindingMessageId | 'suggestReadOnly';

export default createRule<Options, MessageIds>({
  name: 'no-win32-write-access',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow Win32 and CRT calls through FFI (koffi, ffi-napi, ffi-rs, Deno, Bun, node:ffi) that open or replace Windows system files with write access',
      recommended: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          checkMetadataAccess: {
            type: 'boolean',
            description:
              'Also report metadata-only access (FILE_WRITE_ATTRIBUTES, FILE_WRITE_EA, WRITE_DAC, WRITE_OWNER, DELETE), which is not confirmed to decompress files.',
          },
          reportUnresolved: {
            type: 'boolean',
            description: 'Also report write access to paths that cannot be resolved statically.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkMetadataAccess: false, reportUnresolved: false }],
    // The path findings are reported through report/path-finding.ts.
    messages: {
      ...PATH_FINDING_MESSAGES,
      suggestReadOnly: 'Open it read-only ({{readOnly}}): the handle is never written.',
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const {
      analyseHandleUsage,
      createWin32SinkClassifier,
      decideWin32Access,
      defineCallVisitor,
      isKoffiAsync,
      nativeCallsOf,
      nativePathValues,
      reportPathFinding,
      reportWrapperFinding,
    } = analysisRuntime();
    const access = { checkMetadataAccess: options.checkMetadataAccess === true };
    const reportUnresolved = options.reportUnresolved === true;

    /** Read-only access, offered where the handle is never written (and the call returns it). */
    function suggestion(
      call: NativeSinkCall,
      decision: AccessDecision,
      analysis: FileAnalysis,
    ): TSESLint.ReportSuggestionArray<MessageIds> {
      const { fix } = decision;
      if (fix === undefined || !call.api.returnsHandle || isKoffiAsync(call.node)) return [];
      const { evaluator } = analysis;
      const usage = analyseHandleUsage(
        evaluator,
        call.node,
        createWin32SinkClassifier(evaluator, () => nativeCallsOf(evaluator)),
      );
      if (!usage.readOnly) return [];
      return [
        {
          messageId: 'suggestReadOnly',
          data: { readOnly: fix.text },
          fix: (fixer) => fixer.replaceText(fix.node, fix.text),
        },
      ];
    }

    return defineCallVisitor(context, {
      wrapperSinks: 'native',
      sink(call, analysis) {
        if (call.kind !== 'native' || call.pathNode === undefined) return;
        const decision = decideWin32Access(call, access);
        if (decision === undefined) return;
        reportPathFinding(context, analysis, {
          api: call.native.symbol,
          node: call.pathNode,
          values: nativePathValues(call),
          decision,
          reportUnresolved,
          suggest: () => suggestion(call, decision, analysis),
        });
      },
      wrapper(reach, analysis) {
        const { sink, frame } = reach;
        if (sink.kind !== 'native' || sink.pathNode === undefined) return false;
        const decision = decideWin32Access(sink, access, frame);
        if (decision === undefined) return false;
        return reportWrapperFinding(context, analysis, reach, {
          api: sink.native.symbol,
          values: nativePathValues(sink, frame),
          judgedInside: (inside) => ({
            values: nativePathValues(sink, inside),
            decision: decideWin32Access(sink, access, inside),
          }),
          decision,
        });
      },
    });
  },
});
