import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { resolveThroughCallSites } from '../../analysis/evaluator/call-sites.js';
import type { FileAnalysis } from '../../analysis/file-analysis.js';
import { classifyPathValues, deviceNote } from '../../analysis/paths/path-classifier.js';
import type { Values } from '../../analysis/evaluator/values.js';
import { formatPatternTrailer } from '../../formats/finding-pattern.js';

/**
 * The one way the write rules report a path: at the sink when some value of
 * the path is a system file ("may" when only some are, or only some access
 * values write), else at each helper call site that passes one, else (with
 * `reportUnresolved`) as unresolved. Every message ends with the device note
 * (when a snapshot is configured) and the pattern trailer.
 */

export const PATH_FINDING_MESSAGES = {
  write:
    '{{api}} {{action}} "{{path}}"{{access}}: on WIMBoot and CompactOS devices {{consequence}}. {{advice}}{{device}}{{trailer}}',
  mayWrite:
    '{{api}} may {{actionBase}} "{{path}}"{{access}} ({{why}}): on WIMBoot and CompactOS devices {{consequence}}. {{advice}}{{device}}{{trailer}}',
  writeViaHelper:
    '{{helper}}() passes "{{path}}" to {{api}} (line {{line}}), which {{action}} it{{access}}: on WIMBoot and CompactOS devices {{consequence}}. {{advice}}{{device}}{{trailer}}',
  unresolved:
    '{{api}} {{action}} a path this rule cannot resolve{{access}}: if it is a system file, on WIMBoot and CompactOS devices {{consequence}}.{{device}}{{trailer}}',
} as const;

export type PathFindingMessageId = keyof typeof PATH_FINDING_MESSAGES;

/** How a finding words the operation. */
export interface PathFindingWording {
  /** `opens`, `overwrites`... */
  readonly action: string;
  /** `open`, `overwrite`... (after "may"). */
  readonly actionBase: string;
  /** ` with write access ('r+')`, ` (destination)`, or ''. */
  readonly access: string;
  readonly consequence: string;
  readonly advice: string;
}

export interface PathFinding<MessageId extends string> {
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression;
  /** How messages name the API: `fs.openSync`, `CreateFileW`. */
  readonly api: string;
  /** The argument carrying the path (where sink findings are reported). */
  readonly pathNode: TSESTree.Node;
  readonly values: Values;
  readonly wording: PathFindingWording;
  /** False when only some values of the flags or mask write. */
  readonly accessCertain: boolean;
  /** Follow helper parameters to their call sites (false when the path is not a plain argument). */
  readonly viaHelpers: boolean;
  readonly reportUnresolved: boolean;
  /** Suggestions for a finding at the sink; computed only when there is one (handle analysis is not free). */
  readonly suggest?: () => TSESLint.ReportSuggestionArray<MessageId>;
}

export function reportPathFinding<MessageId extends string>(
  context: Readonly<TSESLint.RuleContext<MessageId | PathFindingMessageId, readonly unknown[]>>,
  analysis: FileAnalysis,
  finding: PathFinding<MessageId>,
): void {
  const { evaluator, settings } = analysis;
  const { call, api, pathNode, values, wording } = finding;
  const classification = classifyPathValues(values, settings);
  if (classification.system.length > 0) {
    const patterns = classification.system.map((verdict) => verdict.pattern);
    const certain = classification.certain && finding.accessCertain;
    const suggest = finding.suggest?.() ?? [];
    context.report({
      node: pathNode,
      messageId: certain ? 'write' : 'mayWrite',
      data: {
        api,
        path: displayPaths(patterns),
        action: wording.action,
        actionBase: wording.actionBase,
        access: wording.access,
        consequence: wording.consequence,
        advice: wording.advice,
        why: classification.certain ? 'depending on its flags' : 'one of the paths it may take',
        device: deviceNote(classification.system),
        trailer: formatPatternTrailer(patterns),
      },
      ...(suggest.length === 0 ? {} : { suggest }),
    });
    return;
  }
  let reportedViaHelper = false;
  if (finding.viaHelpers) {
    for (const resolution of resolveThroughCallSites(evaluator, pathNode, values)) {
      const atSite = classifyPathValues(resolution.values, settings);
      if (atSite.system.length === 0) continue;
      reportedViaHelper = true;
      const patterns = atSite.system.map((verdict) => verdict.pattern);
      context.report({
        node: resolution.reportNode,
        messageId: 'writeViaHelper',
        data: {
          helper: resolution.helper,
          api,
          line: String(call.loc.start.line),
          path: displayPaths(patterns),
          action: wording.action,
          access: wording.access,
          consequence: wording.consequence,
          advice: wording.advice,
          device: deviceNote(atSite.system),
          trailer: formatPatternTrailer(patterns),
        },
      });
    }
  }
  if (!reportedViaHelper && finding.reportUnresolved && classification.unresolved) {
    context.report({
      node: pathNode,
      messageId: 'unresolved',
      data: {
        api,
        action: wording.action,
        access: wording.access,
        consequence: wording.consequence,
        device: '',
        trailer: formatPatternTrailer(['*']),
      },
    });
  }
}

/** The first two alternatives, quoted by the message template: `A" or "B`; the trailer lists all. */
export function displayPaths(patterns: readonly string[]): string {
  return patterns.slice(0, 2).join('" or "');
}
