import { relative, sep } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { AccessDecision } from '../../analysis/access-decision.js';
import { reportedNodeOf } from '../../analysis/ast.js';
import type { WrapperReach } from '../../analysis/file-calls.js';
import type { FileAnalysis } from '../../analysis/file-analysis.js';
import { classifyPathValues, deviceNote } from '../../analysis/paths/path-classifier.js';
import { type Values, parametersIn } from '../../analysis/evaluator/values.js';
import type { Frame } from '../../analysis/evaluator/frames.js';
import {
  type CompiledPattern,
  compilePattern,
  foldPath,
  formatPatternTrailer,
  matchesFolded,
} from '../../formats/finding-pattern.js';
import { WORDING, adviceFor } from './wording.js';

/**
 * The one way the write rules report a path: at the write when some value of
 * its path is a system file ("may" when only some are, or only some access
 * values write); at the call of a wrapper that passes one (the write itself
 * then names a parameter); else, with `reportUnresolved`, as unresolved.
 * Every message ends with the device note (when a snapshot is configured)
 * and the pattern trailer (docs/finding-format.md).
 */

import type { PathFindingMessageId } from './messages.js';

type Context<MessageId extends string> = Readonly<
  TSESLint.RuleContext<MessageId | PathFindingMessageId, readonly unknown[]>
>;

export interface PathFinding<MessageId extends string> {
  /** How messages name the API: `fs.openSync`, `CreateFileW`. */
  readonly api: string;
  /** Where a finding at the write is reported (the path argument, or the call). */
  readonly node: TSESTree.Node;
  readonly values: Values;
  readonly decision: AccessDecision;
  readonly reportUnresolved: boolean;
  /** Suggestions for a finding at the write; computed only when there is one (handle analysis is not free). */
  readonly suggest?: () => TSESLint.ReportSuggestionArray<MessageId>;
}

/** A write in the linted file. */
export function reportPathFinding<MessageId extends string>(
  context: Context<MessageId>,
  analysis: FileAnalysis,
  finding: PathFinding<MessageId>,
): void {
  const { api, node, values, decision } = finding;
  const wording = WORDING[decision.effect];
  const classification = classifyPathValues(values, analysis.settings);
  if (classification.system.length > 0) {
    const patterns = classification.system.map((verdict) => verdict.pattern);
    const certain = classification.certain && decision.certain;
    const suggest = finding.suggest?.() ?? [];
    context.report({
      node,
      messageId: certain ? 'write' : 'mayWrite',
      data: {
        api,
        path: displayPaths(patterns),
        action: wording.action,
        actionBase: wording.actionBase,
        access: decision.access,
        consequence: wording.consequence,
        advice: adviceFor(decision.advice, decision.effect, patterns),
        why: classification.certain ? 'depending on its flags' : 'one of the paths it may take',
        device: deviceNote(classification.system),
        trailer: formatPatternTrailer(patterns),
      },
      ...(suggest.length === 0 ? {} : { suggest }),
    });
    return;
  }
  // A path its callers choose is decided (and reported) at each call: not "unresolved" here.
  if (finding.reportUnresolved && classification.unresolved && parametersIn(values).length === 0) {
    context.report({
      node,
      messageId: 'unresolved',
      data: {
        api,
        action: wording.action,
        access: decision.access,
        consequence: wording.consequence,
        device: '',
        trailer: formatPatternTrailer(['*']),
      },
    });
  }
}

/** A wrapper call that passes a system path to a write inside it (here, or in another module). */
export function reportWrapperFinding<MessageId extends string>(
  context: Context<MessageId>,
  analysis: FileAnalysis,
  reach: WrapperReach,
  finding: {
    readonly api: string;
    readonly values: Values;
    readonly decision: AccessDecision;
    /**
     * The write judged inside the function called, without this call's arguments (under
     * `reach.inside()`, or alone): the system paths it names there are reported there. A function:
     * asked only when the path given here is a system path (most calls pass none).
     */
    readonly judgedInside: (inside: Frame | undefined) => {
      readonly values: Values;
      readonly decision: AccessDecision | undefined;
    };
  },
): boolean {
  const { settings } = analysis;
  // A path the call gives nothing of is chosen inside the function (a default), and reported there.
  if (reach.omitted) return false;
  const atSite = classifyPathValues(finding.values, settings);
  if (atSite.system.length === 0) return false;
  // Reported here only for what this call adds: a system path the function names without its
  // arguments (a default, a fixed folder the argument is appended to) is reported inside it.
  // …unless the write is one only with what this call gives (an fs handed in): then nothing reports it there.
  const inside = reach.apiGiven ? [] : reportedInside(finding.judgedInside(reach.inside()), settings);
  if (atSite.system.every((verdict) => inside.some((known) => matchesFolded(foldPath(verdict.pattern), known))))
    return false;
  const { decision } = finding;
  const wording = WORDING[decision.effect];
  const patterns = atSite.system.map((verdict) => verdict.pattern);
  context.report({
    node: reportedNodeOf(reach.argument, reach.call),
    // The path fixed inside and the file API given here (`put(fs)`): the message says which was given.
    messageId: reach.apiGiven ? 'writeViaGivenApi' : 'writeViaHelper',
    data: {
      helper: reach.helper,
      api: finding.api,
      where: sinkLocation(reach, analysis, context.cwd),
      path: displayPaths(patterns),
      action: wording.action,
      access: decision.access,
      consequence: wording.consequence,
      advice: adviceFor(decision.advice, decision.effect, patterns),
      device: deviceNote(atSite.system),
      trailer: formatPatternTrailer(patterns),
    },
  });
  return true;
}

// Per value set of a write judged inside (one per write and chain, asked at each of its calls; the file's settings).
const judgedInside = new WeakMap<Values, readonly CompiledPattern[]>();

/**
 * The system paths a write names without the call's arguments, compiled to match the patterns a
 * call may give (formats/finding-pattern.ts, as `wimboot-check confirm` matches paths):
 * `C:\Windows\*` (a fixed folder and a parameter) covers `C:\Windows\win.ini`.
 */
function reportedInside(
  judged: { readonly values: Values; readonly decision: AccessDecision | undefined },
  settings: FileAnalysis['settings'],
): readonly CompiledPattern[] {
  if (judged.decision === undefined) return [];
  let matchers = judgedInside.get(judged.values);
  if (matchers === undefined) {
    matchers = classifyPathValues(judged.values, settings).system.map((verdict) => compilePattern(verdict.pattern));
    judgedInside.set(judged.values, matchers);
  }
  return matchers;
}

/** `line 12` in the linted file, `src/utils/FileUtil.js:57` in another module. */
function sinkLocation(reach: WrapperReach, analysis: FileAnalysis, cwd: string): string {
  const { module } = reach.sink.evaluator;
  const line = module.lineOf(reach.sink.node);
  const file = module.file;
  if (reach.sink.evaluator === analysis.evaluator || file === '') return `line ${line}`;
  return `${relative(cwd, file).split(sep).join('/')}:${line}`;
}

/** The first two alternatives, quoted by the message template: `A" or "B`; the trailer lists all. */
export function displayPaths(patterns: readonly string[]): string {
  return patterns.slice(0, 2).join('" or "');
}
