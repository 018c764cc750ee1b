import { isAbsolute } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type CallNode, skipTransparent } from './ast.js';
import type { Frame } from './evaluator/frames.js';
import { type FileAnalysis, getFileAnalysis } from './file-analysis.js';
import { importSpecifiers, mayReachKnownApis } from './file-gate.js';
import { calleeName, mayBeSinkCall, moduleFacts } from './module-facts.js';
import { readWimbootSettings } from './paths/settings.js';
import type { ProjectAnalysis } from './project.js';
import { type SinkCall, resolveSinkCall } from './sink-calls.js';
import { calledFunctions, instantiate, isPlainlyRelative, summaryOf } from './summaries.js';
import { writerNames } from './writer-names.js';

/**
 * The one call-resolution layer, on the model of eslint-plugin-regexp's
 * `defineRegexpVisitor`: the rules say what to do with a resolved call, and
 * this module owns the rest. Settings are validated for every linted file;
 * a per-file gate returns no listeners for a file that can reach no file API
 * (docs/performance.md); a name pre-filter spares most calls any evaluation;
 * each call is resolved once per file for all rules, to a file API
 * (`sink`) or to a function of the project whose summary reaches one with a
 * path or access chosen here (`wrapper`: `save(HOSTS)`).
 */

/** A call of a project function that passes what decides a write: reported here, where the path is chosen. */
export interface WrapperReach {
  /** The call in the linted file. */
  readonly call: CallNode;
  /** How the call names the function, for messages: `save`, `FileUtil.WriteAll`, `new Hosts`. */
  readonly helper: string;
  /** The write inside it (possibly in another module, possibly several calls down). */
  readonly sink: SinkCall;
  /** The frame the sink's arguments are evaluated under for this call. */
  readonly frame: Frame;
  /** The argument of `call` that carries the path (the call itself when none does). */
  readonly argument: TSESTree.Node;
}

export interface CallHandlers {
  /** Which writes the rule judges inside wrappers (others are never instantiated for it). */
  readonly wrapperSinks?: SinkCall['kind'];
  /** A call of a file API in the linted file. */
  sink?(call: SinkCall, analysis: FileAnalysis): void;
  /**
   * A call of a project function that reaches a file API with a path or
   * access given here; true when it reported (the next writes reached
   * through the same argument are then not reported again).
   */
  wrapper?(reach: WrapperReach, analysis: FileAnalysis): boolean;
}

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** The listeners a rule returns: CallExpression and NewExpression, resolved and dispatched. */
export function defineCallVisitor(context: Context, handlers: CallHandlers): TSESLint.RuleListener {
  // Validated for every file, even one the gate skips: a bad setting is always reported (cached per settings object).
  readWimbootSettings(context.settings);
  if (!mayReachKnownApis(context.sourceCode) && !mayReachProjectModules(context)) return {};
  const check = (node: CallNode): void => {
    const analysis = getFileAnalysis(context);
    const { evaluator, project } = analysis;
    const facts = moduleFacts(evaluator.module);
    const name = calleeName(node);
    if (name === undefined) return;
    if (mayBeSinkCall(node, facts)) {
      const sink = resolveSinkCall(evaluator, node);
      if (sink !== undefined) {
        handlers.sink?.(sink, analysis);
        return;
      }
    }
    if (handlers.wrapper === undefined || !writerNames(project).has(name)) return;
    // One finding per argument: a helper with fifty writes of its parameter is one path chosen here.
    const reported = new Set<TSESTree.Node>();
    for (const reach of wrapperReaches(project, node, reported, handlers.wrapperSinks)) {
      if (handlers.wrapper(reach, analysis)) reported.add(reach.argument);
    }
  };
  return { CallExpression: check, NewExpression: check };
}

/** True when the file imports a module of the project that may write, or reach one that does (a wrapper may live there). */
function mayReachProjectModules(context: Context): boolean {
  const text = context.sourceCode.text;
  // Cheapest first: no import at all, or a file the analysis never reads around (a package's).
  if (!text.includes('require') && !text.includes('import')) return false;
  if (!isAbsolute(context.filename) || /[\\/]node_modules[\\/]/u.test(context.filename)) return false;
  const { project, evaluator } = getFileAnalysis(context);
  if (!project.readsModules) return false;
  return importSpecifiers(text).some((specifier) => {
    const file = project.resolveSpecifier(evaluator.module, specifier);
    return file !== undefined && project.reachesWrites(file);
  });
}

/**
 * What a call of a project function reaches: each write in its summary,
 * instantiated for this call (frames binding its arguments), with the
 * argument that carries the path.
 */
export function* wrapperReaches(
  project: ProjectAnalysis,
  call: CallNode,
  /** Arguments already reported: their other writes are not instantiated. */
  done: ReadonlySet<TSESTree.Node> = new Set(),
  /** Only writes of this kind. */
  kind?: SinkCall['kind'],
): Generator<WrapperReach> {
  const evaluator = project.evaluatorFor(call);
  if (evaluator === undefined) return;
  // Lazy: a caller that has what it needs stops before the rest are instantiated.
  const seen = new Set<TSESTree.Node>();
  const { args } = evaluator.calleeOf(call);
  const helper = helperName(evaluator.module.getText(skipTransparent(call.callee)), call);
  const names = writerNames(project);
  for (const { fn, instance } of calledFunctions(evaluator, call)) {
    for (const entry of summaryOf(project, fn, (name) => names.has(name))) {
      if (seen.has(entry.sink.node) || (kind !== undefined && entry.sink.kind !== kind)) continue;
      seen.add(entry.sink.node);
      const argument = entry.params.map((index) => args[index]).find((arg) => arg !== undefined) ?? call;
      if (done.has(argument)) continue;
      // A plainly relative path given where the written path starts: nothing to instantiate.
      const leading = entry.leadingParam === undefined ? undefined : args[entry.leadingParam];
      if (leading !== undefined && leading.type !== 'SpreadElement' && isPlainlyRelative(evaluator.evaluate(leading)))
        continue;
      const frame = instantiate(project, [{ call, fn, instance }, ...entry.chain], undefined);
      if (frame === undefined) continue;
      yield { call, helper, sink: entry.sink, frame, argument };
    }
  }
}

/** The callee as written, shortened for a message. */
function helperName(text: string, call: CallNode): string {
  const compact = text.replaceAll(/\s+/gu, '').replace(/\.(?:call|apply)$/u, '');
  const name = compact.length > 40 ? `…${compact.slice(-39)}` : compact;
  return call.type === 'NewExpression' ? `new ${name}` : name;
}
