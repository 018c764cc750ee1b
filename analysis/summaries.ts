import type { TSESTree } from '@typescript-eslint/utils';
import {
  type CallNode,
  type ClassLike,
  type FunctionNode,
  isClassNode,
  isFunctionNode,
  skipTransparent,
  staticMemberName,
  walk,
} from './ast.js';
import type { Evaluator } from './evaluator/evaluate.js';
import type { Frame } from './evaluator/frames.js';
import {
  type AbstractValue,
  MAX_ALTERNATIVES,
  type Part,
  type Values,
  parametersIn,
  staticText,
  stringOf,
} from './evaluator/values.js';
import { inheritedConstructor } from './evaluator/calls.js';
import { isTellingWriteMember } from './file-gate.js';
import { FILE_API_MODULES } from './node-fs/fs-apis.js';
import { callNameOf, mayBeSinkCall, moduleFacts } from './module-facts.js';
import { runsOnlyOffWindows } from './off-windows.js';
import type { ProjectAnalysis } from './project.js';
import { type SinkCall, decisionArguments, resolveSinkCall, resolveSinkCallUnder } from './sink-calls.js';

/**
 * Function summaries: for each function of the project (declarations,
 * arrows, methods, static and object-literal methods, constructors), which
 * file-API calls it reaches whose path or access depends on its parameters
 * — directly, or through the functions it calls, to a bounded depth.
 * Computed once per function per linted file, instantiated at every call:
 * a call site binds the parameters (a frame) and the sink is evaluated under
 * that chain of frames, so `save(HOSTS)` resolves the `fs.writeFileSync`
 * inside `save`, wherever `save` is defined.
 *
 * A constructor's summary also holds the writes in its class's methods that
 * depend on its parameters through fields (`this.file = file`): the path is
 * chosen where the instance is created.
 */

export interface SummaryEntry {
  /** The write reached. */
  readonly sink: SinkCall;
  /** The calls from the summarised function down to the sink's function (empty: the sink is in it). */
  readonly chain: readonly Link[];
  /** Parameters of the summarised function the write depends on, path first; THIS_PARAMETER for `this` alone. */
  readonly params: readonly number[];
  /**
   * The parameter every alternative of the path starts with (`p + '.log'`,
   * `path.join(p, name)`), when there is one: a call passing a plainly
   * relative path there cannot name a system file, and is not instantiated.
   */
  readonly leadingParam?: number;
  /**
   * What follows that parameter in each alternative of the path, when nothing
   * there depends on another parameter (`p + '.log'`: ['.log']): the path a
   * call gives is then its argument followed by one of these, which is
   * classified without instantiating the write (file-calls.ts).
   */
  readonly leadingSuffixes?: readonly (readonly Part[])[];
  /**
   * The file API itself is what the call gives (`put(fs)` of `put(io) { io.writeFileSync(HOSTS) }`,
   * an instance's injected fs): judged without the call the write is no file-API call, so nothing
   * reports it inside, and the call reports it even when the path is fixed there.
   */
  readonly apiGiven?: true;
}

export interface Link {
  /** A call inside the previous function. */
  readonly call: CallNode;
  /** The function it calls. */
  readonly fn: FunctionNode;
  /** The instance frame of the callee, when it is a method read off a known instance. */
  readonly instance: Frame | undefined;
  /** The instance's class, when the method is inherited from one of its parents. */
  readonly receiver?: ClassLike;
}

/**
 * The pseudo-parameter of a method whose write depends on `this` and no parameter
 * (`save() { fs.writeFileSync(this.file) }`): its calls on an instance are instantiated, the
 * instance deciding (a subclass's field, the constructor's arguments); reported at the call.
 */
export const THIS_PARAMETER = -1;

/** The longest chain of calls a summary entry holds: a helper calling a helper… */
const MAX_CHAIN = 3;
/**
 * How deep summaries are computed inside one another. Deeper than MAX_CHAIN so that a summary does
 * not depend on who asked first: `main()` at the top of a file summarises its helpers deep in its own
 * chain, and a later `monitor(config)` must find their summaries whole. Only a call graph this deep
 * (never real code) leaves the summaries at the bottom without what lies below them.
 */
const MAX_NESTING = 12;
/**
 * Calls looked at per function, and entries kept per summary. Every entry is
 * tried at each call until one is reported (one finding per argument), so
 * the cap bounds the work per call site; real wrappers have one to three.
 */
const MAX_CALLS_PER_FUNCTION = 300;
const MAX_ENTRIES = 8;

const summaries = new WeakMap<ProjectAnalysis, Map<FunctionNode, readonly SummaryEntry[]>>();
const inProgress = new WeakMap<ProjectAnalysis, Set<FunctionNode>>();

/**
 * The writes reachable from `fn` that depend on its parameters. `mayCallWriter` says, from a
 * callee's name, whether the call may reach a write at all (the writer names of the modules the
 * linted file reaches, file-calls.ts): the others are not evaluated.
 */
export function summaryOf(
  project: ProjectAnalysis,
  fn: FunctionNode,
  mayCallWriter: (name: string) => boolean = () => true,
): readonly SummaryEntry[] {
  return summarise(project, fn, 0, mayCallWriter);
}

/**
 * `fn`'s summary, computed once per function and linted file whoever asks: its entries hold chains
 * of up to MAX_CHAIN calls below `fn`, whatever the nesting it was asked at. Work stays linear: each
 * function is computed once; a recursion is cut where it closes (the function in progress adds
 * nothing to itself), and a request beyond MAX_NESTING is answered empty and not remembered, so a
 * shallower request later computes it.
 */
function summarise(
  project: ProjectAnalysis,
  fn: FunctionNode,
  nesting: number,
  mayCallWriter: (name: string) => boolean,
): readonly SummaryEntry[] {
  let byFunction = summaries.get(project);
  if (byFunction === undefined) {
    byFunction = new Map();
    summaries.set(project, byFunction);
  }
  const cached = byFunction.get(fn);
  if (cached !== undefined) return cached;
  let running = inProgress.get(project);
  if (running === undefined) {
    running = new Set();
    inProgress.set(project, running);
  }
  if (running.has(fn) || nesting > MAX_NESTING) return [];
  running.add(fn);
  let entries: readonly SummaryEntry[];
  try {
    entries = computeSummary(project, fn, nesting, mayCallWriter);
  } finally {
    running.delete(fn);
  }
  byFunction.set(fn, entries);
  return entries;
}

/** The file API a call reaches, unless it runs only off Windows (summaries judge Windows system files). */
function windowsSink(evaluator: Evaluator, call: CallNode): SinkCall | undefined {
  const sink = resolveSinkCall(evaluator, call);
  return sink === undefined || runsOnlyOffWindows(evaluator, call) ? undefined : sink;
}

function computeSummary(
  project: ProjectAnalysis,
  fn: FunctionNode,
  nesting: number,
  mayCallWriter: (name: string) => boolean,
): readonly SummaryEntry[] {
  const evaluator = project.evaluatorFor(fn);
  if (evaluator === undefined) return [];
  const facts = moduleFacts(evaluator.module);
  const entries: SummaryEntry[] = [];
  const add = (entry: SummaryEntry): void => {
    if (entries.length < MAX_ENTRIES && !entries.some((other) => other.sink.node === entry.sink.node))
      entries.push(entry);
  };
  for (const call of callsReachedBy(evaluator, fn).slice(0, MAX_CALLS_PER_FUNCTION)) {
    const name = callNameOf(call, facts);
    if (name === undefined) continue;
    if (mayBeSinkCall(call, facts)) {
      const sink = windowsSink(evaluator, call);
      if (sink !== undefined) {
        const params = dependentParameters(sink, fn, undefined);
        if (params.length > 0) add(withLeadingParam({ sink, chain: [], params }, fn, undefined));
        else if (decisionArguments(sink).some((node) => readsThis(evaluator, node)))
          add({ sink, chain: [], params: [THIS_PARAMETER] });
        continue;
      }
    }
    // A callee no module names as a writer cannot reach a write: not evaluated (most calls).
    if (!mayCallWriter(name) || runsOnlyOffWindows(evaluator, call)) continue;
    for (const { fn: callee, instance, receiver } of calledFunctions(evaluator, call)) {
      if (callee === fn) continue;
      const below = summarise(project, callee, nesting + 1, mayCallWriter);
      // What it calls through its parameters (`run(fs.writeFileSync, p)`, a retry wrapper's closure):
      // decided by the arguments this call gives, or by the closure's frame.
      const throughParameters = !mayPassWriter(project, evaluator, call, callee, mayCallWriter)
        ? []
        : callbackEntries(
            project,
            callee,
            instantiate(project, [{ call, fn: callee, instance, receiver }], undefined),
            instance,
            nesting + 1,
            mayCallWriter,
          );
      for (const entry of [...below, ...throughParameters]) {
        if (entry.chain.length >= MAX_CHAIN) continue;
        const chain: Link[] = [{ call, fn: callee, instance, receiver }, ...entry.chain];
        const frame = instantiate(project, chain, undefined);
        if (frame === undefined) continue;
        const params = dependentParameters(entry.sink, fn, frame);
        if (params.length > 0) add(withLeadingParam({ sink: entry.sink, chain, params }, fn, frame));
        else if (entry.params.includes(THIS_PARAMETER) && isThisMemberCall(call))
          add({ sink: entry.sink, chain, params: [THIS_PARAMETER] });
      }
    }
  }
  return entries;
}

/** Calls of parameters looked at per function (a retry or logging wrapper has one or two), and as many write members of `this`'s fields. */
const MAX_PARAMETER_CALLS = 8;
interface ParameterCall {
  readonly call: CallNode;
  /** The index of `fn`'s own parameter called; undefined for a parameter of a function around it. */
  readonly index: number | undefined;
}
// By node alone: syntax and scopes decide it (no evaluator), the same in every lint.
const parameterCalls = new WeakMap<FunctionNode, readonly ParameterCall[]>();

/**
 * Whether `call` (of `fn`) may give `fn` a function that writes, for a parameter `fn` calls: an API
 * (`fs.writeFileSync`), a name that may write, a function whose calls name one, a parameter passed
 * on, or anything not written out (a call's result, a spread). A closure's own captured function
 * (a parameter of a function around `fn`) always may. Most calls of a function that takes a
 * callback give one that writes nothing (`walk(node, (child) => …)`): those are not instantiated.
 */
export function mayPassWriter(
  project: ProjectAnalysis,
  evaluator: Evaluator,
  call: CallNode,
  fn: FunctionNode,
  mayCallWriter: (name: string) => boolean,
): boolean {
  const calls = parameterCallsIn(project, fn);
  if (calls.length === 0) return false;
  const facts = moduleFacts(evaluator.module);
  const writes = (name: string | undefined): boolean =>
    name === undefined || facts.sinkNames.has(name) || mayCallWriter(name);
  const args = calls.some(({ index }) => index !== undefined) ? evaluator.calleeOf(call).args : [];
  return calls.some(({ index }) => {
    if (index === undefined) return true;
    const given = args[index];
    if (given === undefined) return false;
    if (given.type === 'SpreadElement') return true;
    const node = skipTransparent(given);
    if (isFunctionNode(node)) return evaluator.index.callsIn(node).some((inner) => writes(callNameOf(inner, facts)));
    if (node.type === 'Identifier') {
      return (
        evaluator.findVariable(node)?.defs[0]?.type === 'Parameter' ||
        writes(node.name) ||
        evaluator.evaluate(node).items.some(isFileApiModule)
      );
    }
    if (node.type === 'MemberExpression') return writes(staticMemberName(node));
    return node.type !== 'Literal' && node.type !== 'ObjectExpression' && node.type !== 'ArrayExpression';
  });
}

/** `fs`, `fs.promises`, `fs-extra`…: a file-API module handed to a function as a value. */
function isFileApiModule(item: AbstractValue): boolean {
  // Module values are normalised where they are made (`node:fs/promises` is fs, path ['promises']).
  return item.kind === 'module' && item.path.length <= 1 && FILE_API_MODULES.includes(item.module);
}

/**
 * The calls in `fn` (nested functions included) whose callee is a parameter of `fn` or of a
 * function around it: `fn(...args)`, `cb.call(null, p)`, and a write member of one
 * (`io.writeFileSync(p)`). Their callee is known only at a call of `fn`, or from the frame of the
 * closure `fn` is.
 */
export function parameterCallsIn(project: ProjectAnalysis, fn: FunctionNode): readonly ParameterCall[] {
  let found = parameterCalls.get(fn);
  if (found !== undefined) return found;
  const list: ParameterCall[] = [];
  // Capped apart, and listed after: they never take the place of a parameter's own calls.
  const ofFields: ParameterCall[] = [];
  const evaluator = project.evaluatorFor(fn);
  for (const call of evaluator === undefined ? [] : evaluator.index.callsIn(fn)) {
    if (list.length >= MAX_PARAMETER_CALLS && ofFields.length >= MAX_PARAMETER_CALLS) break;
    let callee = skipTransparent(call.callee);
    if (
      callee.type === 'MemberExpression' &&
      call.type === 'CallExpression' &&
      (staticMemberName(callee) === 'call' || staticMemberName(callee) === 'apply')
    )
      callee = skipTransparent(callee.object);
    // `io.writeFileSync(p)` of a parameter `io`: a file API handed in (`put(fs, p)`, an injected fs).
    if (
      callee.type === 'MemberExpression' &&
      isTellingWriteMember(staticMemberName(callee) ?? '') &&
      skipTransparent(callee.object).type === 'Identifier'
    )
      callee = skipTransparent(callee.object);
    // `this.io.writeFileSync(p)`: a file API the instance was given (`new Store(fs)`), known from the
    // frame of a call on that instance.
    else if (callee.type === 'MemberExpression' && isThisFieldWrite(callee)) {
      if (ofFields.length < MAX_PARAMETER_CALLS) ofFields.push({ call, index: undefined });
      continue;
    }
    if (callee.type !== 'Identifier') continue;
    if (list.length >= MAX_PARAMETER_CALLS) continue;
    const def = evaluator!.findVariable(callee)?.defs[0];
    if (def?.type !== 'Parameter') continue;
    const index =
      def.node === fn
        ? fn.params.findIndex((param) => {
            const named = param.type === 'AssignmentPattern' ? param.left : param;
            return named.type === 'Identifier' && named.name === callee.name;
          })
        : -1;
    list.push({ call, index: index === -1 ? undefined : index });
  }
  found = [...list, ...ofFields];
  parameterCalls.set(fn, found);
  return found;
}

/** `this.io.writeFileSync`, `this.deps.fs.copySync`: a write member of a field of `this` (two levels at most). */
function isThisFieldWrite(callee: TSESTree.MemberExpression): boolean {
  if (!isTellingWriteMember(staticMemberName(callee) ?? '')) return false;
  let object = skipTransparent(callee.object);
  for (let level = 0; level < 2 && object.type === 'MemberExpression'; level++) {
    const inner = skipTransparent(object.object);
    if (inner.type === 'ThisExpression') return true;
    object = inner;
  }
  return false;
}

const callbackSummaries = new WeakMap<Frame, Map<FunctionNode, readonly SummaryEntry[]>>();

/**
 * The writes `fn` reaches by calling a function it was given, under the frame of a call that
 * gives it (`resolution`: `run(fs.writeFileSync, HOSTS)` binds `fn` in `fn(p)`; the closure a
 * retry wrapper returns finds `fn` in its own frame). `markers` is the frame with `fn`'s own
 * parameters unbound (the closure's, or none), to find which of them the write depends on.
 */
export function callbackEntries(
  project: ProjectAnalysis,
  fn: FunctionNode,
  resolution: Frame | undefined,
  markers: Frame | undefined,
  nesting = 0,
  mayCallWriter: (name: string) => boolean = () => true,
): readonly SummaryEntry[] {
  const evaluator = project.evaluatorFor(fn);
  if (resolution === undefined || evaluator === undefined || nesting > MAX_NESTING) return [];
  let byFunction = callbackSummaries.get(resolution);
  if (byFunction === undefined) {
    byFunction = new Map();
    callbackSummaries.set(resolution, byFunction);
  }
  const cached = byFunction.get(fn);
  if (cached !== undefined) return cached;
  byFunction.set(fn, []);
  const entries: SummaryEntry[] = [];
  for (const { call, index } of parameterCallsIn(project, fn)) {
    if (entries.length >= MAX_ENTRIES) break;
    const sink = resolveSinkCallUnder(evaluator, call, resolution);
    if (sink !== undefined) {
      const params = dependentParameters(sink, fn, markers);
      if (params.length > 0) entries.push(withLeadingParam({ sink, chain: [], params }, fn, markers));
      // The path is fixed inside, the file API is what this call gives (`put(fs)` of
      // `put(io) { io.writeFileSync(HOSTS) }`, `new Store(fs).save()`): the write is chosen here.
      else if (resolveSinkCall(evaluator, call) === undefined)
        entries.push({ sink, chain: [], params: index === undefined ? [] : [index], apiGiven: true });
      continue;
    }
    for (const { fn: callee, instance, receiver } of calledFunctions(evaluator, call, resolution)) {
      if (callee === fn) continue;
      // The function given: its own writes (a callback's parameters are what its caller hands it,
      // so its summary may not list them) and its summary's.
      const reached = [
        ...directSinksIn(project, callee).map((sink) => ({ sink, chain: [] as readonly Link[] })),
        ...summarise(project, callee, nesting + 1, mayCallWriter),
      ];
      for (const entry of reached) {
        if (entry.chain.length >= MAX_CHAIN) continue;
        const chain: Link[] = [{ call, fn: callee, instance, receiver }, ...entry.chain];
        const frame = instantiate(project, chain, markers);
        if (frame === undefined) continue;
        const params = dependentParameters(entry.sink, fn, frame);
        if (params.length > 0 && entries.length < MAX_ENTRIES) entries.push({ sink: entry.sink, chain, params });
      }
    }
  }
  byFunction.set(fn, entries);
  return entries;
}

// Per evaluator (one linted file's): a sink holds the evaluator it was resolved by, and a module read
// from disk keeps its nodes across lints.
const directSinks = new WeakMap<Evaluator, Map<FunctionNode, readonly SinkCall[]>>();

/** The file-API calls in `fn` itself (nested functions included), at most MAX_ENTRIES. */
function directSinksIn(project: ProjectAnalysis, fn: FunctionNode): readonly SinkCall[] {
  const evaluator = project.evaluatorFor(fn);
  if (evaluator === undefined) return [];
  let byFunction = directSinks.get(evaluator);
  if (byFunction === undefined) {
    byFunction = new Map();
    directSinks.set(evaluator, byFunction);
  }
  let found = byFunction.get(fn);
  if (found !== undefined) return found;
  const facts = moduleFacts(evaluator.module);
  const list: SinkCall[] = [];
  for (const call of evaluator.index.callsIn(fn).slice(0, MAX_CALLS_PER_FUNCTION)) {
    if (list.length >= MAX_ENTRIES) break;
    const sink = mayBeSinkCall(call, facts) ? windowsSink(evaluator, call) : undefined;
    if (sink !== undefined) list.push(sink);
  }
  found = list;
  byFunction.set(fn, found);
  return found;
}

/** The calls a function's body reaches; for a constructor, its class's instance methods and fields too. */
function callsReachedBy(evaluator: Evaluator, fn: FunctionNode): readonly CallNode[] {
  const own = evaluator.index.callsIn(fn);
  // A constructor function: its prototype's methods too (`F.prototype.save = function …`).
  const prototypeMethods = evaluator.index.prototypeMethods(fn);
  if (prototypeMethods.length > 0) return [...own, ...prototypeMethods.flatMap((m) => evaluator.index.callsIn(m))];
  const method = fn.parent;
  if (method?.type !== 'MethodDefinition' || method.kind !== 'constructor') return own;
  const classNode = method.parent.parent;
  if (!isClassNode(classNode)) return own;
  const calls = [...own];
  for (const element of classNode.body.body) {
    if ((element.type !== 'MethodDefinition' && element.type !== 'PropertyDefinition') || element.static) continue;
    if (element.type === 'MethodDefinition' && element.kind !== 'constructor')
      calls.push(...evaluator.index.callsIn(element.value as FunctionNode));
    if (element.type === 'PropertyDefinition' && isFunctionNode(element.value))
      calls.push(...evaluator.index.callsIn(element.value));
  }
  return calls;
}

interface CalledFunction {
  readonly fn: FunctionNode;
  readonly instance: Frame | undefined;
  readonly receiver?: ClassLike | undefined;
  readonly value: AbstractValue;
}

/** The project functions a call may call (a class's constructor for `new`), with the instance a method was read from. */
export function calledFunctions(evaluator: Evaluator, call: CallNode, frame?: Frame): CalledFunction[] {
  const found: CalledFunction[] = [];
  const callees = evaluator.calleeOf(call, frame).callee.items.flatMap((item) =>
    // A module called or constructed as a whole (`module.exports = function …` / `= class …`).
    item.kind === 'namespace' ? evaluator.host.exportValue(item.file, 'module.exports').items : [item],
  );
  for (const item of callees) {
    if (item.kind === 'function') {
      found.push({ fn: item.node, instance: item.frame, receiver: item.receiver, value: item });
    } else if (item.kind === 'class' && (call.type === 'NewExpression' || call.callee.type === 'Super')) {
      // `new C(…)`, and `super(…)` in a subclass's constructor: the constructor it runs (perhaps inherited).
      const owner = evaluator.host.evaluatorFor(item.node) ?? evaluator;
      const constructor = inheritedConstructor(owner, item.node);
      if (constructor !== undefined) found.push({ fn: constructor, instance: undefined, value: item });
    }
  }
  return found;
}

/**
 * The frames of a chain of calls: the first call's arguments evaluated in
 * its own module under `caller`, each next one under the frame before it.
 * Returns the innermost frame (the sink's function), undefined past the bounds.
 */
export function instantiate(
  project: ProjectAnalysis,
  chain: readonly Link[],
  caller: Frame | undefined,
): Frame | undefined {
  let frame = caller;
  for (const link of chain) {
    const evaluator = project.evaluatorFor(link.call);
    if (evaluator === undefined) return undefined;
    const outer = frame;
    const { args } = evaluator.calleeOf(link.call, outer);
    const next = project.frames.frame(
      link.fn,
      link.call,
      { nodes: args, evaluate: (node: TSESTree.Node) => evaluator.evaluate(node, outer) },
      outer,
      link.instance,
      link.call,
      // `this.write()` in an inherited method: still the subclass's instance.
      link.receiver ?? (outer !== undefined && isThisMemberCall(link.call) ? outer.receiver : undefined),
    );
    if (next === undefined) return undefined;
    frame = next;
  }
  return frame;
}

/** Indexes of `fn`'s parameters whose markers reach the sink's arguments under `frame` (path argument first). */
function withLeadingParam(entry: SummaryEntry, fn: FunctionNode, frame: Frame | undefined): SummaryEntry {
  const { pathNode, evaluator } = entry.sink;
  if (pathNode === undefined || (entry.sink.kind === 'native' && entry.sink.api.pathIn !== 'argument')) return entry;
  const path = evaluator.evaluate(pathNode, frame);
  let leading: number | undefined;
  const suffixes: (readonly Part[])[] = [];
  // Completeness does not matter: only whether some alternative names a system file is asked of the result.
  let substitutable = true;
  for (const item of path.items) {
    if (item.kind !== 'string') return entry;
    const [first, ...suffix] = item.parts;
    const index =
      first?.kind === 'unknown' && first.param?.fn === fn && first.path === undefined ? first.param.index : undefined;
    if (index === undefined || (leading !== undefined && leading !== index)) return entry;
    leading = index;
    substitutable &&= !suffix.some((part) => part.kind === 'unknown' && part.param !== undefined);
    suffixes.push(suffix);
  }
  if (leading === undefined) return entry;
  return { ...entry, leadingParam: leading, ...(substitutable ? { leadingSuffixes: suffixes } : {}) };
}

/**
 * The path an entry's write takes for a call passing `argument` where its
 * path starts (its leading parameter): each alternative of the argument
 * followed by each suffix. Undefined when that is not exactly what the write
 * would be given (an alternative that is no string, an argument not fully
 * known, or an entry without suffixes): the write is then instantiated.
 */
export function substituteLeading(entry: SummaryEntry, argument: Values): Values | undefined {
  const suffixes = entry.leadingSuffixes;
  if (suffixes === undefined || !argument.complete || argument.items.length === 0) return undefined;
  // The path is the parameter itself: the argument's own values.
  if (suffixes.every((suffix) => suffix.length === 0) && argument.items.every((item) => item.kind === 'string'))
    return argument;
  const items: AbstractValue[] = [];
  for (const item of argument.items) {
    if (item.kind !== 'string') return undefined;
    for (const suffix of suffixes) {
      if (items.length >= MAX_ALTERNATIVES) return undefined;
      items.push(stringOf([...item.parts, ...suffix]));
    }
  }
  return { items, complete: true };
}

/**
 * True when every value is a plainly relative path: fully known text with no
 * drive, scheme, root, UNC or variable (`out/cache.json`). Appending anything
 * to such a path keeps it relative, and relative paths are never system files.
 */
export function isPlainlyRelative(values: Values): boolean {
  return (
    values.complete &&
    values.items.length > 0 &&
    values.items.every((item) => {
      const text = staticText(item);
      return text !== undefined && text !== '' && !/[:%]/u.test(text) && !/^[\\/~]/u.test(text);
    })
  );
}

/** `this.m(…)` (also `this.#m(…)`, `this.m.call(…)` is not: its `this` is the first argument). */
export function isThisMemberCall(call: CallNode): boolean {
  const callee = skipTransparent(call.callee);
  return (
    call.type === 'CallExpression' &&
    callee.type === 'MemberExpression' &&
    skipTransparent(callee.object).type === 'ThisExpression'
  );
}

/** Nodes looked at for `this` per argument (a huge expression is not walked to the end: no `this` then). */
const MAX_NODES_FOR_THIS = 500;

/** True when `node` reads `this` (outside nested non-arrow functions), directly or through one local `const`. */
function readsThis(evaluator: Evaluator, node: TSESTree.Node, hops = 1): boolean {
  let found = false;
  let left = MAX_NODES_FOR_THIS;
  walk(node, evaluator.module.visitorKeys, (child) => {
    if (found || --left < 0) return false;
    if (child.type === 'ThisExpression') {
      found = true;
      return false;
    }
    if (isFunctionNode(child) && child.type !== 'ArrowFunctionExpression') return false;
    if (child.type === 'Identifier' && hops > 0) {
      const variable = evaluator.findVariable(child);
      const def = variable?.defs[0];
      if (variable !== null && variable?.defs.length === 1 && def?.type === 'Variable' && def.node.init != null) {
        found = readsThis(evaluator, def.node.init, hops - 1);
      }
    }
    return !found;
  });
  return found;
}

export function dependentParameters(sink: SinkCall, fn: FunctionNode, frame: Frame | undefined): number[] {
  // The path argument first (decisionArguments lists it first): a report lands on what chooses the path.
  const ordered = decisionArguments(sink);
  const found: number[] = [];
  for (const node of ordered) {
    for (const ref of parametersIn(sink.evaluator.evaluate(node, frame))) {
      if (ref.fn === fn && !found.includes(ref.index)) found.push(ref.index);
    }
  }
  return found;
}
