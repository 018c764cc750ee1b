import type { TSESTree } from '@typescript-eslint/utils';
import { walk } from './ast.js';
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

// What a condition about the platform names: `process.platform`, `os.platform()`, `os.type()`,
// the values they take, and the names code gives the answer (`isWin`, `IS_WINDOWS`, `onMac`).
const PLATFORM_WORDS = /platform|win32|windows|darwin|linux|Windows_NT|\bos\.type|mac|isWin/iu;
// A longer condition is left alone: evaluating it may cost far more than any write it guards.
const MAX_CONDITION_LENGTH = 200;

/**
 * The truth of a condition on Windows, for a condition that may be about the platform (its text,
 * or the `const` initialiser of a name it reads, names it); undefined otherwise. Other conditions
 * are never evaluated here: in a large file (a compiler bundle) they can take the whole budget,
 * and they cannot decide that code runs only off Windows anyway.
 */
function platformTruth(evaluator: Evaluator, test: TSESTree.Node): boolean | undefined {
  return mayTestPlatform(evaluator, test) ? truthOf(evaluator.evaluate(test)) : undefined;
}

function mayTestPlatform(evaluator: Evaluator, test: TSESTree.Node): boolean {
  const { text } = evaluator.module;
  if (test.range[1] - test.range[0] > MAX_CONDITION_LENGTH) return false;
  if (PLATFORM_WORDS.test(text.slice(test.range[0], test.range[1]))) return true;
  // `if (flag)`, `!flag`, `a && flag`: a name bound to a platform test (`const flag = process.platform === 'darwin'`).
  let names = 0;
  let found = false;
  walk(test, evaluator.module.visitorKeys, (node) => {
    if (found || node.type !== 'Identifier' || ++names > 4) return;
    const definition = evaluator.findVariable(node)?.defs[0];
    const init = definition?.type === 'Variable' ? definition.node.init : null;
    found =
      init != null &&
      init.range[1] - init.range[0] <= MAX_CONDITION_LENGTH &&
      PLATFORM_WORDS.test(text.slice(init.range[0], init.range[1]));
  });
  return found;
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
  if (!mayTestPlatform(evaluator, statement.discriminant)) return false;
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
