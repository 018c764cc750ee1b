import { isAbsolute } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type CallNode, type ClassLike, type FunctionNode, skipTransparent, staticMemberName } from './ast.js';
import type { Evaluator } from './evaluator/evaluate.js';
import type { Frame } from './evaluator/frames.js';
import { type FileAnalysis, getFileAnalysis } from './file-analysis.js';
import { callsWriteMembers, importSpecifiers, mayReachKnownApis } from './file-gate.js';
import { callNameOf, mayBeSinkCall, moduleFacts } from './module-facts.js';
import { classifyPathValues } from './paths/path-classifier.js';
import { runsOnlyOffWindows } from './off-windows.js';
import { type WimbootSettings, readWimbootSettings } from './paths/settings.js';
import type { ProjectAnalysis } from './project.js';
import { type SinkCall, resolveSinkCall } from './sink-calls.js';
import {
  type SummaryEntry,
  THIS_PARAMETER,
  callbackEntries,
  calledFunctions,
  instantiate,
  mayPassWriter,
  isPlainlyRelative,
  substituteLeading,
  summaryOf,
} from './summaries.js';
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
  /**
   * The call gives none of the parameters the path depends on (`new Hosts()` of `constructor(opts
   * = {})`): what it writes is a default of the function's, chosen inside it.
   */
  readonly omitted: boolean;
  /** The file API is what this call gives (SummaryEntry.apiGiven): nothing reports the write inside. */
  readonly apiGiven: boolean;
  /**
   * The frames the sink is judged under inside the function called, without this call's arguments
   * (its parameters stay markers): what the function's own module reports at its inner calls.
   * Undefined when the sink is in the function itself, or past the bounds: it is then judged alone.
   */
  inside(): Frame | undefined;
}

export interface CallHandlers {
  /** Which writes the rule judges inside wrappers (others are never instantiated for it). */
  readonly wrapperSinks?: SinkCall['kind'];
  /**
   * Judge a file-API call that runs only off Windows too (`prefer-read-only-open`'s least privilege,
   * `paths: 'all'`); by default such a call touches no Windows system file and is skipped.
   */
  readonly offWindowsToo?: boolean;
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
    const resolved = resolveCall(analysis, node);
    if (resolved.sink !== undefined) {
      if (handlers.offWindowsToo === true || !runsOnlyOffWindows(analysis.evaluator, node)) {
        handlers.sink?.(resolved.sink, analysis);
      }
      return;
    }
    if (handlers.wrapper === undefined || !resolved.mayCallWriter) return;
    // One finding per argument: a helper with fifty writes of its parameter is one path chosen here.
    const reported = new Set<TSESTree.Node>();
    for (const reach of wrapperReaches(analysis.project, node, reported, handlers.wrapperSinks, analysis.settings)) {
      if (handlers.wrapper(reach, analysis)) reported.add(reach.argument);
    }
  };
  return { CallExpression: check, NewExpression: check };
}

/** What a call is, decided once per file for all the rules that visit it. */
interface ResolvedCall {
  /** The file API it calls. */
  readonly sink: SinkCall | undefined;
  /** Not a file API, but named like a function that may reach one: a wrapper, perhaps. */
  readonly mayCallWriter: boolean;
}

const NOT_A_CANDIDATE: ResolvedCall = { sink: undefined, mayCallWriter: false };
// ESLint calls every rule's listener for a node before it moves on: the last call resolved is the one the
// next rule asks about. One slot per file (a map of every call would cost the garbage collector more than
// it saves).
const lastResolved = new WeakMap<FileAnalysis, { readonly node: CallNode; readonly resolved: ResolvedCall }>();

function resolveCall(analysis: FileAnalysis, node: CallNode): ResolvedCall {
  const last = lastResolved.get(analysis);
  if (last?.node === node) return last.resolved;
  const { evaluator } = analysis;
  const facts = moduleFacts(evaluator.module);
  const name = callNameOf(node, facts);
  let resolved = NOT_A_CANDIDATE;
  if (name !== undefined) {
    const named = mayBeSinkCall(node, facts);
    let sink = named ? resolveSinkCall(evaluator, node) : undefined;
    // `withRetry(fs.writeFileSync)(…)`: the call's result is a function the project made around the API.
    let mayCallWriter =
      sink === undefined &&
      (mayCallWriterNamed(analysis, node, name) ||
        (skipTransparent(node.callee).type === 'CallExpression' && facts.sinkNames.has(name)));
    // A name another module gives a file API (`native.openHandle(…)` of `exports.openHandle = lib.func(…)`).
    if (mayCallWriter && !named) {
      sink = resolveSinkCall(evaluator, node);
      if (sink !== undefined) mayCallWriter = false;
    }
    // A project function called only off Windows writes nothing there (file APIs: resolveSinkCall).
    if (mayCallWriter && runsOnlyOffWindows(evaluator, node)) mayCallWriter = false;
    if (sink !== undefined || mayCallWriter) resolved = { sink, mayCallWriter };
  } else if (facts.dispatchesWriters && isDispatchCallee(node) && !runsOnlyOffWindows(evaluator, node)) {
    // `map.get(k)(…)`, `handlers[type](…)`: no name, but the module keeps a writer in a table.
    resolved = { sink: undefined, mayCallWriter: true };
  }
  lastResolved.set(analysis, { node, resolved });
  return resolved;
}

/** A callee with no name that may be read off a table: a call's result, a computed member. */
function isDispatchCallee(node: CallNode): boolean {
  const callee = skipTransparent(node.callee);
  return callee.type === 'CallExpression' || (callee.type === 'MemberExpression' && callee.computed);
}

/**
 * The name pre-filter for one call. A member call (`io.write()`) may reach any function of that name the
 * project defines; a plain `f(…)` only what the file binds `f` to: nothing for a global (`Map`,
 * `setTimeout`) or a package's import (`describe`, `join`), and exactly the file's own function or class.
 * Other bindings (an import from the project, which may re-export it; a variable; a parameter) keep the
 * name-wide answer.
 */
function mayCallWriterNamed(analysis: FileAnalysis, node: CallNode, name: string): boolean {
  const names = writerNames(analysis.project);
  const callee = skipTransparent(node.callee);
  if (callee.type !== 'Identifier')
    return names.has(name) || (isDispatchCallee(node) && moduleFacts(analysis.evaluator.module).dispatchesWriters);
  const variable = analysis.evaluator.findVariable(callee);
  const def = variable?.defs[0];
  if (def === undefined) return false;
  if (def.type === 'FunctionName' || def.type === 'ClassName') return names.hasBound(name);
  // `const h = handlers[type]; h(…)`: what a variable holds may be a writer the module keeps in a table.
  if (def.type === 'Variable' && moduleFacts(analysis.evaluator.module).dispatchesWriters) return true;
  if (def.type === 'ImportBinding' && def.parent?.type === 'ImportDeclaration') {
    const specifier = def.parent.source.value;
    const file = analysis.project.resolveSpecifier(analysis.evaluator.module, specifier);
    if (file === undefined) return names.hasBound(name);
  }
  return names.has(name);
}

/** The project functions a call may call, with their summaries and the call's arguments (once per call). */
interface CallTargets {
  readonly evaluator: Evaluator;
  readonly args: readonly (TSESTree.CallExpressionArgument | undefined)[];
  readonly helper: () => string;
  readonly targets: readonly {
    readonly fn: FunctionNode;
    readonly instance: Frame | undefined;
    readonly receiver: ClassLike | undefined;
    readonly entries: readonly SummaryEntry[];
    /** The frame of this call, shared by every entry (their chains continue from it); null past the bounds. */
    frame?: Frame | null;
  }[];
}

// The last call's, per file: the rules judging wrappers ask one after the other (see lastResolved).
const lastTargets = new WeakMap<
  ProjectAnalysis,
  { readonly call: CallNode; readonly targets: CallTargets | undefined }
>();

function targetsOf(project: ProjectAnalysis, call: CallNode): CallTargets | undefined {
  const last = lastTargets.get(project);
  if (last?.call === call) return last.targets;
  const evaluator = project.evaluatorFor(call);
  let targets: CallTargets | undefined;
  if (evaluator !== undefined) {
    const names = writerNames(project);
    let helper: string | undefined;
    targets = {
      evaluator,
      args: evaluator.calleeOf(call).args,
      // Named only for a report (most calls make none).
      helper: () => (helper ??= helperName(evaluator.module.getText(namedCallee(call)), call)),
      targets: calledFunctions(evaluator, call).map(({ fn, instance, receiver }) => ({
        fn,
        instance,
        receiver,
        entries: summaryOf(project, fn, (name) => names.has(name)),
      })),
    };
  }
  lastTargets.set(project, { call, targets });
  return targets;
}

/** True when the file imports a module of the project that may write, or reach one that does (a wrapper may live there). */
function mayReachProjectModules(context: Context): boolean {
  const text = context.sourceCode.text;
  // Cheapest first: no import at all, or a file the analysis never reads around (a package's).
  if (!text.includes('require') && !text.includes('import')) return false;
  if (!isAbsolute(context.filename) || /[\\/]node_modules[\\/]/u.test(context.filename)) return false;
  const { project, evaluator } = getFileAnalysis(context);
  if (!project.readsModules) return false;
  const specifiers = importSpecifiers(text);
  return (
    specifiers.some((specifier) => {
      const file = project.resolveSpecifier(evaluator.module, specifier);
      return file !== undefined && project.reachesWrites(file);
    }) ||
    // `this.electron.fs.writeFileSync(…)`: the file API comes from an imported module's object.
    (callsWriteMembers(text) && project.importsFileApis(evaluator.module.file, { specifiers }, 0))
  );
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
  /**
   * With the settings, a write whose path this call gives, and that then names no system file, is not
   * instantiated (the rules report only system files at a call).
   */
  settings?: WimbootSettings,
): Generator<WrapperReach> {
  const resolved = targetsOf(project, call);
  if (resolved === undefined) return;
  const { evaluator, args, helper } = resolved;
  // Lazy: a caller that has what it needs stops before the rest are instantiated.
  const seen = new Set<TSESTree.Node>();
  // What a given argument rules out where a written path starts: a plainly relative path (appending keeps
  // it relative), or, with the settings, a path that with the entry's known suffixes names no system file.
  const mayNameSystemFile = (entry: SummaryEntry, index: number): boolean => {
    const leading = args[index];
    if (leading === undefined || leading.type === 'SpreadElement') return true;
    const given = evaluator.evaluate(leading);
    if (isPlainlyRelative(given)) return false;
    if (settings === undefined) return true;
    const path = substituteLeading(entry, given);
    return path === undefined || classifyPathValues(path, settings).system.length > 0;
  };
  const names = writerNames(project);
  for (const target of resolved.targets) {
    // What it calls through the functions this call gives it (`run(fs.writeFileSync, p)`), after its summary.
    const throughParameters = (): readonly SummaryEntry[] => {
      if (!mayPassWriter(project, evaluator, call, target.fn, (name) => names.has(name))) return [];
      target.frame ??=
        instantiate(
          project,
          [{ call, fn: target.fn, instance: target.instance, receiver: target.receiver }],
          undefined,
        ) ?? null;
      return target.frame === null
        ? []
        : callbackEntries(project, target.fn, target.frame, target.instance, 0, (name) => names.has(name));
    };
    for (let list = target.entries, index = 0, more = true; ; index++) {
      if (index === list.length) {
        if (!more) break;
        [list, index, more] = [throughParameters(), 0, false];
        if (list.length === 0) break;
      }
      const entry = list[index]!;
      if (seen.has(entry.sink.node) || (kind !== undefined && entry.sink.kind !== kind)) continue;
      seen.add(entry.sink.node);
      const argument = entry.params.map((index) => args[index]).find((arg) => arg !== undefined) ?? call;
      if (done.has(argument)) continue;
      if (entry.leadingParam !== undefined && !mayNameSystemFile(entry, entry.leadingParam)) continue;
      const { fn, instance, receiver } = target;
      let start: Frame | undefined;
      if (entry.params.length === 1 && entry.params[0] === THIS_PARAMETER) {
        // `this` alone decides: only an inherited method called on a subclass's instance can differ from the
        // write judged alone, and without the constructor's frame: a path from its arguments is reported
        // where they are given (the constructor's summary), a subclass's own field here.
        if (receiver === undefined) continue;
        start = instantiate(project, [{ call, fn, instance: undefined, receiver }], undefined);
      } else {
        target.frame ??= instantiate(project, [{ call, fn, instance, receiver }], undefined) ?? null;
        if (target.frame === null) break;
        start = target.frame;
      }
      if (start === undefined) continue;
      const frame = entry.chain.length === 0 ? start : instantiate(project, entry.chain, start);
      if (frame === undefined) continue;
      const omitted = argument === call && entry.params.length > 0 && entry.params.every((index) => index >= 0);
      const { chain } = entry;
      const inside = (): Frame | undefined => (chain.length === 0 ? undefined : instantiate(project, chain, undefined));
      yield {
        call,
        helper: helper(),
        sink: entry.sink,
        frame,
        argument,
        omitted,
        apiGiven: entry.apiGiven === true,
        inside,
      };
    }
  }
}

/** What a message names as the function called: the callee, or what `Reflect.apply(f, …)` applies. */
function namedCallee(call: CallNode): TSESTree.Node {
  const callee = skipTransparent(call.callee);
  const [applied] = call.arguments;
  return callee.type === 'MemberExpression' &&
    skipTransparent(callee.object).type === 'Identifier' &&
    (skipTransparent(callee.object) as TSESTree.Identifier).name === 'Reflect' &&
    staticMemberName(callee) === 'apply' &&
    applied !== undefined &&
    applied.type !== 'SpreadElement'
    ? applied
    : callee;
}

/** The callee as written, shortened for a message. */
function helperName(text: string, call: CallNode): string {
  // Spaces go, except one between two words (`new Hosts().save`).
  const compact = text
    .replaceAll(/\s+/gu, (space, at: number) =>
      /\w/u.test(text[at - 1] ?? '') && /\w/u.test(text[at + space.length] ?? '') ? ' ' : '',
    )
    .replace(/\.(?:call|apply)$/u, '');
  const name = compact.length > 40 ? `…${compact.slice(-39)}` : compact;
  return call.type === 'NewExpression' ? `new ${name}` : name;
}
