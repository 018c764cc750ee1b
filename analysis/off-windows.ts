import type { TSESTree } from '@typescript-eslint/utils';
import { skipTransparent, staticMemberName } from './ast.js';
import { type Evaluator, truthOf } from './evaluator/evaluate.js';
import { type AbstractValue, staticText } from './evaluator/values.js';

/**
 * Whether a call runs only off Windows, where no write can touch a Windows
 * system file: inside a branch whose condition is false on Windows
 * (`if (process.platform === 'darwin') …`, `isMac && …`, the `: …` of
 * `isWin ? … : …`, a `case 'linux':` of `switch (os.platform())`), or after
 * an exit taken there (`if (process.platform === 'win32') return;`). The
 * evaluator gives `process.platform`, `os.platform()` and `os.type()` their
 * Windows values, so only conditions it can decide count; anything it cannot
 * (a parameter, a call) leaves the call reachable.
 *
 * Up through functions too: a function defined in such a branch does not
 * exist on Windows, so neither does a call in it; except that a function
 * declaration is hoisted above an exit in its own block.
 *
 * Linear: each node is looked at once (the answers are memoised along every
 * path walked), each block's exits found once per block.
 */

type Exits = WeakMap<TSESTree.Node, number>;
const blockExits = new WeakMap<Evaluator, Exits>();
// Per node: reached only off Windows. Filled along each path walked, so the writes of one block or
// branch share the walk above it (linear in the nodes walked, not writes × depth).
const answers = new WeakMap<Evaluator, WeakMap<TSESTree.Node, boolean>>();

/** True when `node` is reached only when the program does not run on Windows. */
export function runsOnlyOffWindows(evaluator: Evaluator, node: TSESTree.Node): boolean {
  let known = answers.get(evaluator);
  if (known === undefined) {
    known = new WeakMap();
    answers.set(evaluator, known);
  }
  const walked: TSESTree.Node[] = [];
  let answer = false;
  for (let current: TSESTree.Node | null | undefined = node; current != null; current = current.parent) {
    const cached = known.get(current);
    if (cached !== undefined) {
      answer = cached;
      break;
    }
    walked.push(current);
    const parent = current.parent;
    if (parent != null && decidesAgainst(evaluator, parent, current)) {
      answer = true;
      break;
    }
  }
  for (const walkedNode of walked) known.set(walkedNode, answer);
  return answer;
}

/** `parent` never runs its part `child` on Windows. */
function decidesAgainst(evaluator: Evaluator, parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
      return child !== parent.test && takesOtherBranch(evaluator, parent.test, child === parent.consequent);
    case 'LogicalExpression':
      // `a && b` skips b when a is false; `a || b` when a is true.
      return (
        child === parent.right &&
        parent.operator !== '??' &&
        platformTruth(evaluator, parent.left) === (parent.operator === '||')
      );
    case 'SwitchCase':
      return child !== parent.test && caseNeverEntered(evaluator, parent);
    case 'BlockStatement':
    case 'StaticBlock':
    case 'Program':
      return child.type !== 'FunctionDeclaration' && afterExitTaken(evaluator, parent, child);
    default:
      return false;
  }
}

// A longer condition is left alone: evaluating it may cost far more than any write it guards.
const MAX_CONDITION_LENGTH = 200;
// How many `const` names (or one-expression functions) a condition is followed through.
const MAX_PLATFORM_DEPTH = 3;

/**
 * The truth of a condition on Windows, for a condition about the platform only (see
 * `isPlatformExpression`); undefined otherwise. Other conditions are never evaluated here: in a
 * large file (a compiler bundle) they can take the whole budget, and one that reads an array or
 * object may be decided from contents another function changes (`list.push('win32')` through a
 * parameter), which would lose a real write.
 */
function platformTruth(evaluator: Evaluator, test: TSESTree.Node): boolean | undefined {
  return isPlatformExpression(evaluator, test, 0) ? truthOf(evaluator.evaluate(test)) : undefined;
}

/**
 * A condition made only of what Node reports for the platform (`process.platform`,
 * `os.platform()`, `os.type()`), literals, an array literal of them, `!`, `===`/`!==`/`==`/`!=`,
 * `&&`/`||`/`?:`, `startsWith`/`endsWith`/`includes`, and names bound by `const` to such a
 * condition or to a function of one expression that is one (`const isMac = process.platform ===
 * 'darwin'`, `const isWindows = () => os.platform() === 'win32'`). Nothing in it can change.
 */
function isPlatformExpression(evaluator: Evaluator, node: TSESTree.Node, depth: number): boolean {
  if (depth > MAX_PLATFORM_DEPTH || node.range[1] - node.range[0] > MAX_CONDITION_LENGTH) return false;
  const inner = skipTransparent(node);
  const within = (child: TSESTree.Node | null | undefined): boolean =>
    child != null && isPlatformExpression(evaluator, child, depth);
  switch (inner.type) {
    case 'Literal':
      return !('regex' in inner);
    case 'TemplateLiteral':
      return inner.expressions.length === 0;
    case 'UnaryExpression':
      return inner.operator === '!' && within(inner.argument);
    case 'BinaryExpression':
      return ['===', '!==', '==', '!='].includes(inner.operator) && within(inner.left) && within(inner.right);
    case 'LogicalExpression':
      return inner.operator !== '??' && within(inner.left) && within(inner.right);
    case 'ConditionalExpression':
      return within(inner.test) && within(inner.consequent) && within(inner.alternate);
    case 'ArrayExpression':
      return inner.elements.every((element) => element !== null && element.type !== 'SpreadElement' && within(element));
    case 'MemberExpression':
      // `process.platform` of Node's `process` (a global, `require('process')`, an import).
      return staticMemberName(inner) === 'platform' && isNodeModule(evaluator, inner.object, 'process', []);
    case 'CallExpression':
      return isPlatformCall(evaluator, inner, depth);
    case 'Identifier':
      return isPlatformName(evaluator, inner, depth);
    default:
      return false;
  }
}

function isPlatformCall(evaluator: Evaluator, call: TSESTree.CallExpression, depth: number): boolean {
  const callee = skipTransparent(call.callee);
  if (callee.type === 'MemberExpression') {
    const name = staticMemberName(callee);
    // `s.startsWith('win')`, `['darwin', 'linux'].includes(process.platform)`.
    if (name === 'startsWith' || name === 'endsWith' || name === 'includes') {
      const [argument, ...rest] = call.arguments;
      return (
        rest.length === 0 &&
        argument !== undefined &&
        argument.type !== 'SpreadElement' &&
        isPlatformExpression(evaluator, callee.object, depth) &&
        isPlatformExpression(evaluator, argument, depth)
      );
    }
    // `os.platform()`, `os.type()` of Node's `os`.
    return (
      call.arguments.length === 0 &&
      (name === 'platform' || name === 'type') &&
      isNodeModule(evaluator, callee.object, 'os', [])
    );
  }
  if (callee.type !== 'Identifier' || call.arguments.length > 0) return false;
  // `platform()` of `import { platform } from 'os'`, or a function of the module that is one condition.
  return (
    ((callee.name === 'platform' || callee.name === 'type') && isNodeModule(evaluator, callee, 'os', [callee.name])) ||
    isPlatformName(evaluator, callee, depth)
  );
}

/** `node` is Node's module `module` (at `path`), and nothing else: `process`, `os`, `platform` of 'os'. */
function isNodeModule(evaluator: Evaluator, node: TSESTree.Node, module: string, path: readonly string[]): boolean {
  const inner = skipTransparent(node);
  if (inner.type !== 'Identifier') return false;
  const values = evaluator.evaluate(inner);
  return (
    values.complete &&
    values.items.length > 0 &&
    values.items.every(
      (item) =>
        item.kind === 'module' &&
        item.module.replace(/^node:/u, '') === module &&
        item.path.length === path.length &&
        item.path.every((part, index) => part === path[index]),
    )
  );
}

/** A name bound by `const` to a platform condition, or to a function whose body is one expression that is one. */
function isPlatformName(evaluator: Evaluator, name: TSESTree.Identifier, depth: number): boolean {
  const variable = evaluator.findVariable(name);
  const definition = variable?.defs[0];
  if (variable === null || variable === undefined || variable.defs.length !== 1 || definition === undefined) {
    return false;
  }
  if (definition.type === 'FunctionName') return returnsPlatformExpression(evaluator, definition.node, depth);
  if (definition.type !== 'Variable' || definition.parent?.kind !== 'const') return false;
  const init = definition.node.init;
  if (init === null || init === undefined) return false;
  const value = skipTransparent(init);
  // An array held by a name may be filled elsewhere (`list.push('win32')`); only one written in place counts.
  if (value.type === 'ArrayExpression') return false;
  return value.type === 'ArrowFunctionExpression' || value.type === 'FunctionExpression'
    ? returnsPlatformExpression(evaluator, value, depth)
    : isPlatformExpression(evaluator, init, depth + 1);
}

function returnsPlatformExpression(evaluator: Evaluator, fn: TSESTree.Node, depth: number): boolean {
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression' && fn.type !== 'FunctionDeclaration') {
    return false;
  }
  if (fn.params.length > 0) return false;
  const { body } = fn;
  if (body.type !== 'BlockStatement') return isPlatformExpression(evaluator, body, depth + 1);
  const [only, ...rest] = body.body;
  return (
    rest.length === 0 &&
    only?.type === 'ReturnStatement' &&
    only.argument !== null &&
    isPlatformExpression(evaluator, only.argument, depth + 1)
  );
}

/** A branch's test decides against it: false for the consequent, true for the alternate. */
function takesOtherBranch(evaluator: Evaluator, test: TSESTree.Node, inConsequent: boolean): boolean {
  const truth = platformTruth(evaluator, test);
  return inConsequent ? truth === false : truth === true;
}

/**
 * A case whose test is known to differ from the known discriminant, and that nothing falls into:
 * it is the first case, or the one before it ends in a jump.
 */
function caseNeverEntered(evaluator: Evaluator, switchCase: TSESTree.SwitchCase): boolean {
  const statement = switchCase.parent;
  if (switchCase.test === null || statement.type !== 'SwitchStatement') return false;
  const index = statement.cases.indexOf(switchCase);
  const previous = statement.cases[index - 1];
  if (previous !== undefined && !endsInJump(previous.consequent)) return false;
  if (!isPlatformExpression(evaluator, statement.discriminant, 0)) return false;
  if (!isPlatformExpression(evaluator, switchCase.test, 0)) return false;
  const discriminant = evaluator.evaluate(statement.discriminant);
  const test = evaluator.evaluate(switchCase.test);
  if (!discriminant.complete || !test.complete || discriminant.items.length === 0 || test.items.length === 0) {
    return false;
  }
  return discriminant.items.every((a) => test.items.every((b) => differs(a, b)));
}

/** Two strings whose text is all known, and not the same. */
function differs(a: AbstractValue, b: AbstractValue): boolean {
  const [x, y] = [staticText(a), staticText(b)];
  return x !== undefined && y !== undefined && x !== y;
}

/** The last statement of a case's body is `break`, `return`, `throw` or `continue` (nothing falls through). */
function endsInJump(body: readonly TSESTree.Statement[]): boolean {
  const last = body.at(-1);
  if (last === undefined) return false;
  if (last.type === 'BlockStatement') return endsInJump(last.body);
  return isJump(last);
}

function isJump(statement: TSESTree.Node): boolean {
  return (
    statement.type === 'ReturnStatement' ||
    statement.type === 'ThrowStatement' ||
    statement.type === 'BreakStatement' ||
    statement.type === 'ContinueStatement'
  );
}

/**
 * `child` comes after a statement of the block that leaves it on Windows: `if (t) return;` (or a
 * block ending in a jump) whose test is true there. The first such statement is found once per block.
 */
function afterExitTaken(
  evaluator: Evaluator,
  block: TSESTree.BlockStatement | TSESTree.StaticBlock | TSESTree.Program,
  child: TSESTree.Node,
): boolean {
  let exits = blockExits.get(evaluator);
  if (exits === undefined) {
    exits = new WeakMap();
    blockExits.set(evaluator, exits);
  }
  let exitAt = exits.get(block);
  if (exitAt === undefined) {
    exitAt = firstExitTaken(evaluator, block.body);
    exits.set(block, exitAt);
  }
  return exitAt >= 0 && child.range[0] >= (block.body[exitAt] as TSESTree.Node).range[1];
}

/** The index of the first `if (t) <jump>` whose test is true on Windows, or -1. */
function firstExitTaken(evaluator: Evaluator, body: readonly TSESTree.Node[]): number {
  for (let index = 0; index < body.length; index++) {
    const statement = body[index] as TSESTree.Node;
    if (statement.type !== 'IfStatement' || statement.alternate !== null) continue;
    const exits =
      isJump(statement.consequent) ||
      (statement.consequent.type === 'BlockStatement' && endsInJump(statement.consequent.body));
    if (exits && platformTruth(evaluator, statement.test) === true) return index;
  }
  return -1;
}
