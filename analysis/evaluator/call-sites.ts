import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type { Evaluator } from './evaluate.js';
import type { FunctionNode, ParamRef, Values } from './values.js';

/**
 * Parameters of local helpers, resolved from their call sites in the same file.
 *
 * `function save(file, data) { fs.writeFileSync(file, data) }` cannot be judged
 * at the sink; each call `save('C:\\Windows\\win.ini', x)` can. Findings are
 * reported at the call site (where the system path is chosen), naming the sink.
 */

export type CallNode = TSESTree.CallExpression | TSESTree.NewExpression;

/** One resolution of a sink's value through a chain of helper calls. */
export interface CallSiteResolution {
  readonly values: Values;
  /** Outermost call site: where the path was chosen. */
  readonly call: CallNode;
  /** The argument carrying the path at that call site, or the call itself when defaulted. */
  readonly reportNode: TSESTree.Node;
  /** Name of the helper called there. */
  readonly helper: string;
}

const MAX_CHAIN = 3;
const MAX_EVALUATIONS = 200;

/** Distinct parameters (of local functions) a value depends on. */
export function parametersIn(values: Values): ParamRef[] {
  const found: ParamRef[] = [];
  for (const item of values.items) {
    if (item.kind !== 'string') continue;
    for (const part of item.parts) {
      if (
        part.kind === 'unknown' &&
        part.param !== undefined &&
        !found.some((ref) => ref.variable === part.param?.variable)
      ) {
        found.push(part.param);
      }
    }
  }
  return found;
}

/** Re-evaluates `sink` once per chain of call sites that feed its parameters. */
export function resolveThroughCallSites(
  evaluator: Evaluator,
  sink: TSESTree.Node,
  values: Values,
): CallSiteResolution[] {
  const results: CallSiteResolution[] = [];
  let budget = MAX_EVALUATIONS;
  // chain: innermost call first.
  const visit = (params: ParamRef[], chain: { fn: FunctionNode; call: CallNode; index: number }[]): void => {
    for (const param of params) {
      if (chain.some((link) => link.fn === param.fn)) continue; // recursion
      for (const call of callSitesOf(evaluator, param.fn)) {
        if (budget-- <= 0) return;
        const nextChain = [...chain, { fn: param.fn, call, index: param.index }];
        // Bind from the outermost call inwards.
        let bindings = new Map<Scope.Variable, Values>();
        for (let i = nextChain.length - 1; i >= 0; i--) {
          const link = nextChain[i];
          if (link !== undefined) bindings = evaluator.bindArguments(link.fn, link.call.arguments, bindings);
        }
        const resolved = evaluator.evaluate(sink, bindings);
        const outer = parametersIn(resolved).filter((ref) => !nextChain.some((link) => link.fn === ref.fn));
        if (outer.length > 0 && nextChain.length < MAX_CHAIN) {
          visit(outer, nextChain);
          continue;
        }
        const argument = call.arguments[param.index];
        results.push({
          values: resolved,
          call,
          reportNode: argument ?? call,
          helper: functionName(param.fn),
        });
      }
    }
  };
  visit(parametersIn(values), []);
  return results;
}

/** Calls (and `new`) of a local function through the variable that names it. */
export function callSitesOf(evaluator: Evaluator, fn: FunctionNode): CallNode[] {
  const calls: CallNode[] = [];
  for (const variable of namingVariables(evaluator, fn)) {
    for (const reference of variable.references) {
      const parent = reference.identifier.parent;
      if (
        (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') &&
        parent.callee === reference.identifier
      ) {
        calls.push(parent);
      }
    }
  }
  return calls;
}

function namingVariables(evaluator: Evaluator, fn: FunctionNode): Scope.Variable[] {
  if (fn.type === 'FunctionDeclaration' && fn.id !== null) {
    const name = fn.id.name;
    return evaluator.declaredVariables(fn).filter((variable) => variable.name === name);
  }
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.init === fn && parent.id.type === 'Identifier') {
    return [...evaluator.declaredVariables(parent)];
  }
  // A constructor: the class is what gets called (`new Store(path)`).
  if (parent?.type === 'MethodDefinition' && parent.kind === 'constructor') {
    const classNode = parent.parent.parent;
    if (classNode.type === 'ClassDeclaration') {
      return [...evaluator.declaredVariables(classNode)].filter((variable) => variable.name === classNode.id?.name);
    }
    if (classNode.type === 'ClassExpression' && classNode.parent.type === 'VariableDeclarator') {
      return [...evaluator.declaredVariables(classNode.parent)];
    }
  }
  return [];
}

export function functionName(fn: FunctionNode): string {
  if (fn.type === 'FunctionDeclaration' && fn.id !== null) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'MethodDefinition' && parent.kind === 'constructor') {
    const classNode = parent.parent.parent;
    if ((classNode.type === 'ClassDeclaration' || classNode.type === 'ClassExpression') && classNode.id !== null)
      return `new ${classNode.id.name}`;
    if (classNode.parent?.type === 'VariableDeclarator' && classNode.parent.id.type === 'Identifier')
      return `new ${classNode.parent.id.name}`;
  }
  return 'the helper';
}
