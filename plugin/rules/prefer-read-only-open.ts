import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Evaluator } from '../../analysis/evaluator/evaluate.js';
import type { FileAnalysis } from '../../analysis/file-analysis.js';
import type { FlagRewrite } from '../../analysis/node-fs/read-only-fix.js';
import { analysisRuntime } from '../analysis-runtime.js';
import { createRule } from '../create-rule.js';

export type Options = [{ paths?: 'system' | 'all' }];
export type MessageIds = 'readOnlyHandle' | 'readOnlyHandleSuggest' | 'onlyReads' | 'suggestReadOnly';

const SYSTEM_CONSEQUENCE = ' On WIMBoot/CompactOS devices write access decompresses it onto C:.';

export default createRule<Options, MessageIds>({
  name: 'prefer-read-only-open',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require read-only access when an opened file handle is only ever read',
      recommended: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          paths: {
            type: 'string',
            enum: ['system', 'all'],
            description:
              'Report only opens of system paths ("system"), or every open whose write access is unused ("all", least privilege).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ paths: 'all' }],
    messages: {
      readOnlyHandle:
        '{{api}} opens {{target}} with write access ({{access}}), but the {{handle}} is only read: open it read-only ({{readOnly}}).{{consequence}}{{trailer}}',
      readOnlyHandleSuggest:
        '{{api}} opens {{target}} with write access ({{access}}), but the {{handle}} is only read: open it read-only ({{readOnly}}); {{access}} also {{semantics}}, so the change is offered as a suggestion.{{consequence}}{{trailer}}',
      onlyReads:
        '{{api}} only reads {{target}} but asks for write access ({{access}}): use {{readOnly}}.{{consequence}}{{trailer}}',
      suggestReadOnly: 'Open read-only with {{readOnly}}.',
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const {
      classifyPathValues,
      containsNode,
      defineCallVisitor,
      formatPatternTrailer,
      readOnlyNativeOpen,
      readOnlyNodeOpen,
      readerWriteFlag,
      singleText,
    } = analysisRuntime();
    const onlySystem = options.paths === 'system';

    /** How the message names the file, or undefined when `paths: 'system'` filters it out. */
    function describeTarget(
      evaluator: Evaluator,
      pathNode: TSESTree.Node | undefined,
      analysis: FileAnalysis,
    ): { target: string; consequence: string; trailer: string } | undefined {
      const values = pathNode === undefined ? undefined : evaluator.evaluate(pathNode);
      const system = values === undefined ? [] : classifyPathValues(values, analysis.settings).system;
      if (system.length > 0) {
        const patterns = system.map((verdict) => verdict.pattern);
        return {
          target: `"${patterns[0] ?? ''}"`,
          consequence: SYSTEM_CONSEQUENCE,
          trailer: formatPatternTrailer(patterns),
        };
      }
      if (onlySystem) return undefined;
      const known = values === undefined ? undefined : singleText(values);
      return {
        target: known === undefined ? 'its file' : `"${known}"`,
        consequence: '',
        trailer: formatPatternTrailer([known ?? '*']),
      };
    }

    /** A safe rewrite is an autofix; one that would change creation or truncation is a suggestion only. */
    function report(
      node: TSESTree.Node,
      messageId: MessageIds,
      data: Record<string, string>,
      rewrite: FlagRewrite,
    ): void {
      const fix = (fixer: TSESLint.RuleFixer): TSESLint.RuleFix => fixer.replaceText(rewrite.node, rewrite.replacement);
      if (rewrite.safe) {
        context.report({ node, messageId, data, fix });
      } else {
        context.report({
          node,
          messageId,
          data,
          suggest: [{ messageId: 'suggestReadOnly', data: { readOnly: rewrite.display }, fix }],
        });
      }
    }

    return defineCallVisitor(context, {
      // Least privilege holds on every platform; only the system-file question is Windows'.
      offWindowsToo: !onlySystem,
      sink(call, analysis) {
        const { evaluator } = call;
        const open = call.kind === 'fs' ? readOnlyNodeOpen(call) : readOnlyNativeOpen(call);
        // Flags bound outside the call (`fs.openSync.bind(fs, file, 'r+')`) serve other calls too: no rewrite here.
        if (open !== undefined && containsNode(call.node, open.flags)) {
          const target = describeTarget(evaluator, call.pathNode, analysis);
          if (target === undefined) return;
          const access = open.access ?? evaluator.module.getText(open.flags);
          const { rewrite } = open;
          const data = {
            api: call.kind === 'fs' ? call.api.name : call.native.symbol,
            ...target,
            access,
            handle: open.handle,
            readOnly: rewrite.display,
            semantics: rewrite.semantics,
          };
          report(open.flags, rewrite.safe ? 'readOnlyHandle' : 'readOnlyHandleSuggest', data, rewrite);
          return;
        }
        // readFile / createReadStream given a write flag only ever read ('w+' and friends stay suggestions).
        const reader = call.kind === 'fs' ? readerWriteFlag(call) : undefined;
        if (reader === undefined || call.kind !== 'fs' || !containsNode(call.node, reader.flags)) return;
        const target = describeTarget(evaluator, call.pathNode, analysis);
        if (target === undefined) return;
        const access = evaluator.module.getText(reader.flags);
        report(
          reader.flags,
          'onlyReads',
          { api: call.api.name, ...target, access, readOnly: reader.rewrite.display },
          reader.rewrite,
        );
      },
    });
  },
});
