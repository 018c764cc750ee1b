import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import { type CallNode, type FunctionNode, isStaticMember, isTransparent } from './ast.js';
import type { Evaluator } from './evaluator/evaluate.js';
import { isDotCall } from './sink-calls.js';

/**
 * Where an opened handle goes: a Win32 HANDLE, a CRT stream or descriptor, a
 * Node fd or FileHandle. A fix may drop write access only when no use writes
 * through the handle and none lets it escape the analysis (returned, stored,
 * passed to a function it cannot see into).
 *
 * The analysis is generic: the caller supplies a classifier that says what
 * one call does with the handle (WriteFile, fs.writeSync, fh.write...).
 */

export type { CallNode } from './ast.js';

/** How the handle reaches a call. */
export type HandleSink =
  /** As argument `index` of a call: `WriteFile(h, ...)`, `fs.writeSync(fd, ...)`. */
  | {
      readonly kind: 'argument';
      readonly call: CallNode;
      /** Position among the effective arguments (after `.call(thisArg, …)`). */
      readonly index: number;
      /** The argument node itself. */
      readonly node: TSESTree.Node;
    }
  /** As the receiver of a method call: `fh.write(...)` on a FileHandle. */
  | { readonly kind: 'method'; readonly call: TSESTree.CallExpression; readonly name: string }
  /** As a property of an options-object argument: `createReadStream(null, { fd })`. */
  | { readonly kind: 'option'; readonly call: CallNode; readonly index: number; readonly key: string };

export type SinkEffect = 'write' | 'read' | 'close' | 'escape';

/** What a call does with the handle; `api` names it in messages. */
export interface SinkVerdict {
  readonly effect: SinkEffect;
  readonly api?: string;
}

export type HandleSinkClassifier = (sink: HandleSink) => SinkVerdict;

export type HandleUseKind = SinkEffect | 'inspect';

export interface HandleUse {
  /** The identifier (or expression) where the handle is used. */
  readonly node: TSESTree.Node;
  readonly kind: HandleUseKind;
  readonly api?: string;
}

export interface HandleUsage {
  readonly uses: readonly HandleUse[];
  /** The first use that writes through the handle or needs write access on it. */
  readonly firstWrite: HandleUse | undefined;
  /** The first use the analysis cannot follow. */
  readonly firstEscape: HandleUse | undefined;
  /** No use writes and none escapes: write access on this handle is never used. */
  readonly readOnly: boolean;
}

const MAX_HELPER_DEPTH = 3;
const MAX_USES = 200;

const COMPARISONS = new Set(['===', '!==', '==', '!=', '<', '<=', '>', '>=']);

/**
 * Uses of the value `producer` evaluates to (an open call, or `await` of
 * one): follows the variable it is stored in, aliases, and local helpers it
 * is passed to.
 */
export function analyseHandleUsage(
  evaluator: Evaluator,
  producer: TSESTree.Node,
  classify: HandleSinkClassifier,
): HandleUsage {
  const tracker = new Tracker(evaluator, classify);
  tracker.followExpression(producer, 0);
  return tracker.result();
}

/** Uses of a variable holding a handle (e.g. the `fd` parameter of an `fs.open` callback). */
export function analyseVariableUsage(
  evaluator: Evaluator,
  variable: Scope.Variable,
  classify: HandleSinkClassifier,
): HandleUsage {
  const tracker = new Tracker(evaluator, classify);
  tracker.followVariable(variable, 0);
  return tracker.result();
}

class Tracker {
  private readonly uses: HandleUse[] = [];
  private readonly visited = new Set<Scope.Variable>();

  private readonly evaluator: Evaluator;
  private readonly classify: HandleSinkClassifier;

  constructor(evaluator: Evaluator, classify: HandleSinkClassifier) {
    this.evaluator = evaluator;
    this.classify = classify;
  }

  /** The evaluator of the module a node is in (a helper may live in another module). */
  private at(node: TSESTree.Node): Evaluator {
    return this.evaluator.host.evaluatorFor(node) ?? this.evaluator;
  }

  result(): HandleUsage {
    const firstWrite = this.uses.find((use) => use.kind === 'write');
    const firstEscape = this.uses.find((use) => use.kind === 'escape');
    return {
      uses: this.uses,
      firstWrite,
      firstEscape,
      readOnly: firstWrite === undefined && firstEscape === undefined,
    };
  }

  private add(use: HandleUse): void {
    if (this.uses.length >= MAX_USES) {
      if (this.uses.at(-1)?.kind !== 'escape') this.uses.push({ node: use.node, kind: 'escape' });
      return;
    }
    this.uses.push(use);
  }

  /** Where the value of `node` goes, from its parent. */
  followExpression(node: TSESTree.Node, depth: number): void {
    let current = node;
    let parent = current.parent;
    // Wrappers that pass the value through unchanged.
    while (parent != null && (parent.type === 'AwaitExpression' || isTransparent(parent))) {
      current = parent;
      parent = current.parent;
    }
    if (parent == null) {
      this.add({ node: current, kind: 'escape' });
      return;
    }
    switch (parent.type) {
      case 'ExpressionStatement': {
        // Discarded: never used.
        return;
      }
      case 'VariableDeclarator': {
        if (parent.init === current && parent.id.type === 'Identifier') {
          for (const variable of this.at(parent).declaredVariables(parent)) this.followVariable(variable, depth);
          return;
        }
        break;
      }
      case 'AssignmentExpression': {
        if (parent.right === current && parent.operator === '=' && parent.left.type === 'Identifier') {
          const variable = this.at(parent).findVariable(parent.left);
          if (variable !== null) {
            this.followVariable(variable, depth);
            // `h = open(...)` as an expression also passes the value on.
            if (parent.parent.type !== 'ExpressionStatement') this.followExpression(parent, depth);
            return;
          }
        }
        break;
      }
      case 'CallExpression':
      case 'NewExpression': {
        const index = parent.arguments.indexOf(current as TSESTree.CallExpressionArgument);
        if (index !== -1) {
          this.followArgument(parent, index, current, depth);
          return;
        }
        break;
      }
      case 'MemberExpression': {
        const call = parent.parent;
        if (
          parent.object === current &&
          !parent.computed &&
          parent.property.type === 'Identifier' &&
          call.type === 'CallExpression' &&
          call.callee === parent
        ) {
          const verdict = this.classify({ kind: 'method', call, name: parent.property.name });
          this.add({ node: current, kind: verdict.effect, ...(verdict.api === undefined ? {} : { api: verdict.api }) });
          return;
        }
        break;
      }
      case 'Property': {
        const object = parent.parent;
        const call = object.parent;
        const key = !parent.computed && parent.key.type === 'Identifier' ? parent.key.name : undefined;
        if (
          parent.value === current &&
          key !== undefined &&
          object.type === 'ObjectExpression' &&
          (call?.type === 'CallExpression' || call?.type === 'NewExpression')
        ) {
          const index = call.arguments.indexOf(object);
          if (index !== -1) {
            const verdict = this.classify({ kind: 'option', call, index, key });
            this.add({
              node: current,
              kind: verdict.effect,
              ...(verdict.api === undefined ? {} : { api: verdict.api }),
            });
            return;
          }
        }
        break;
      }
      case 'BinaryExpression': {
        if (COMPARISONS.has(parent.operator)) {
          this.add({ node: current, kind: 'inspect' });
          return;
        }
        break;
      }
      case 'UnaryExpression': {
        if (parent.operator === '!' || parent.operator === 'typeof' || parent.operator === 'void') {
          this.add({ node: current, kind: 'inspect' });
          return;
        }
        break;
      }
      case 'IfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement': {
        if (parent.test === current) {
          this.add({ node: current, kind: 'inspect' });
          return;
        }
        break;
      }
      case 'ConditionalExpression': {
        if (parent.test === current) {
          this.add({ node: current, kind: 'inspect' });
          return;
        }
        break;
      }
      default: {
        break;
      }
    }
    this.add({ node: current, kind: 'escape' });
  }

  followVariable(variable: Scope.Variable, depth: number): void {
    if (this.visited.has(variable)) return;
    this.visited.add(variable);
    if (isExported(variable)) {
      this.add({
        node: variable.identifiers[0] ?? variable.defs[0]?.node ?? this.evaluator.module.ast,
        kind: 'escape',
      });
      return;
    }
    for (const reference of variable.references) {
      if (reference.isRead()) this.followExpression(reference.identifier, depth);
    }
  }

  /** The handle passed as argument `index`: into a local helper's parameter, or decided by the classifier. */
  private followArgument(call: CallNode, index: number, node: TSESTree.Node, depth: number): void {
    const helper = this.localCallee(call);
    if (helper !== undefined) {
      const parameter = helper.params[index];
      if (parameter?.type === 'Identifier' && depth < MAX_HELPER_DEPTH) {
        const variable = this.at(helper)
          .declaredVariables(helper)
          .find((candidate) => candidate.name === parameter.name);
        if (variable !== undefined) {
          this.followVariable(variable, depth + 1);
          return;
        }
      }
      this.add({ node, kind: 'escape' });
      return;
    }
    // `f.call(thisArg, …)`: positions count from the argument after thisArg.
    const effective = isDotCall(call) ? index - 1 : index;
    if (effective < 0) {
      this.add({ node, kind: 'escape' });
      return;
    }
    const verdict = this.classify({ kind: 'argument', call, index: effective, node });
    this.add({ node, kind: verdict.effect, ...(verdict.api === undefined ? {} : { api: verdict.api }) });
  }

  private localCallee(call: CallNode): FunctionNode | undefined {
    const { callee } = this.at(call).calleeOf(call);
    const [only] = callee.items;
    // `.call(thisArg, ...)` shifts arguments: calleeOf's args are the effective ones, not call.arguments.
    const viaCall = isStaticMember(call.callee) && call.callee.property.name === 'call';
    return callee.items.length === 1 && only?.kind === 'function' && !viaCall ? only.node : undefined;
  }
}

function isExported(variable: Scope.Variable): boolean {
  return (
    variable.defs.some((def) => {
      // Program's parent is null, not undefined.
      let node: TSESTree.Node | null | undefined = def.node;
      for (let i = 0; i < 3 && node != null; i++) {
        if (node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration') return true;
        node = node.parent;
      }
      return false;
    }) || variable.references.some((reference) => reference.identifier.parent?.type === 'ExportSpecifier')
  );
}
