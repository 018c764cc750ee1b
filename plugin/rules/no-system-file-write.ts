import { analysisRuntime } from '../analysis-runtime.js';
import { PATH_FINDING_MESSAGES, type PathFindingMessageId } from '../report/messages.js';
import { createRule } from '../create-rule.js';

export type Options = [{ checkAttributeChanges?: boolean; reportUnresolved?: boolean }];
export type MessageIds = PathFindingMessageId;

export default createRule<Options, MessageIds>({
  name: 'no-system-file-write',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow Node file APIs that open or replace Windows system files with write access',
      recommended: true,
    },
    schema: [
      {
        type: 'object',
        properties: {
          checkAttributeChanges: {
            type: 'boolean',
            description:
              'Also report attribute-only changes (utimes, chmod), which are not confirmed to decompress files.',
          },
          reportUnresolved: {
            type: 'boolean',
            description: 'Also report writes whose path cannot be resolved statically.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkAttributeChanges: false, reportUnresolved: false }],
    messages: PATH_FINDING_MESSAGES,
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const { defineCallVisitor, decideNodeAccess, reportPathFinding, reportWrapperFinding, reportedNodeOf } =
      analysisRuntime();
    const access = { checkAttributeChanges: options.checkAttributeChanges === true };
    const reportUnresolved = options.reportUnresolved === true;
    return defineCallVisitor(context, {
      wrapperSinks: 'fs',
      sink(call, analysis) {
        if (call.kind !== 'fs' || call.pathNode === undefined) return;
        const decision = decideNodeAccess(call, access);
        if (decision === undefined) return;
        reportPathFinding(context, analysis, {
          api: call.api.name,
          node: reportedNodeOf(call.pathNode, call.node),
          values: call.evaluator.evaluate(call.pathNode),
          decision,
          reportUnresolved,
        });
      },
      wrapper(reach, analysis) {
        const { sink, frame } = reach;
        const { pathNode } = sink;
        if (sink.kind !== 'fs' || pathNode === undefined) return false;
        const decision = decideNodeAccess(sink, access, frame);
        if (decision === undefined) return false;
        return reportWrapperFinding(context, analysis, reach, {
          api: sink.api.name,
          values: sink.evaluator.evaluate(pathNode, frame),
          judgedInside: (inside) => ({
            values: sink.evaluator.evaluate(pathNode, inside),
            decision: decideNodeAccess(sink, access, inside),
          }),
          decision,
        });
      },
    });
  },
});
