import type { TSESTree } from '@typescript-eslint/utils';
import { type AccessDecision, memoisedDecider } from '../access-decision.js';
import { isFunctionNode } from '../ast.js';
import type { Frame } from '../evaluator/frames.js';
import { type AbstractValue, type Values, text } from '../evaluator/values.js';
import { type FsSinkCall, accessIsFixed } from '../sink-calls.js';
import { type FlagVerdict, decideFlags, readOnlyCounterpart } from './open-flags.js';

/**
 * The access a Node, Bun or Deno file call asks for (fs-surface.md §1–3):
 * from its open flags, its options' `flag`, or the operation itself
 * (copyFile writes its destination, truncate empties the file…).
 * Undefined when the call only reads.
 */

export interface NodeAccessOptions {
  /** Report attribute-only changes (utimes, chmod). */
  readonly checkAttributeChanges: boolean;
}

/** The access a call asks for (memoised per options and call). */
export const decideNodeAccess = memoisedDecider<FsSinkCall, NodeAccessOptions>(decide, accessIsFixed);

function decide(sink: FsSinkCall, options: NodeAccessOptions, frame: Frame | undefined): AccessDecision | undefined {
  const { operation } = sink.api;
  const { args, evaluator } = sink;
  const evaluate = (node: TSESTree.Node): Values => evaluator.evaluate(node, frame);
  switch (operation.kind) {
    case 'fixed': {
      if (operation.effect === 'attributes' && !options.checkAttributeChanges) return undefined;
      switch (operation.effect) {
        case 'replace':
          return { effect: 'replace', access: ' (destination)', certain: true };
        case 'create-if-missing':
          return { effect: 'create-if-missing', access: ' (if missing)', certain: true };
        default:
          return { effect: operation.effect, access: '', certain: true };
      }
    }
    case 'open-flags': {
      const flags = args[operation.flagsArg];
      if (flags === undefined || flags.type === 'SpreadElement' || isFunctionNode(flags)) return undefined;
      return fromFlagVerdicts(decideFlags(evaluate(flags), evaluator.module.getText(flags)));
    }
    case 'options-flag': {
      const values = optionFlagValues(
        args[operation.optionsArg],
        operation.key,
        operation.defaultFlag,
        operation.falsyFlag,
        evaluate,
      );
      return fromFlagVerdicts(decideFlags(values, operation.defaultFlag));
    }
    case 'deno-open': {
      const node = args[operation.optionsArg];
      if (booleanOption(node, 'truncate', evaluate))
        return { effect: 'overwrite', access: ' ({ truncate: true })', certain: true };
      if (booleanOption(node, 'append', evaluate))
        return { effect: 'append', access: ' ({ append: true })', certain: true };
      if (booleanOption(node, 'write', evaluate)) {
        return {
          effect: 'read-write',
          access: ' with write access ({ write: true })',
          certain: true,
          advice: { kind: 'read-only', api: 'node', spelling: "'r'" },
        };
      }
      return undefined;
    }
    case 'deno-write': {
      return booleanOption(args[operation.optionsArg], 'append', evaluate)
        ? { effect: 'append', access: ' ({ append: true })', certain: true }
        : { effect: 'overwrite', access: '', certain: true };
    }
  }
}

function fromFlagVerdicts({
  verdicts,
  complete,
}: {
  verdicts: FlagVerdict[];
  complete: boolean;
}): AccessDecision | undefined {
  const writing = verdicts.filter((verdict) => verdict.mode !== undefined);
  const [first] = writing;
  if (first?.mode === undefined) return undefined;
  const certain = complete && writing.length === verdicts.length;
  const { display } = first;
  switch (first.mode) {
    case 'read-write': {
      const readOnly = readOnlyCounterpart(display.replaceAll("'", '')) ?? 'r';
      return {
        effect: 'read-write',
        access: ` with write access (${display})`,
        certain,
        advice: { kind: 'read-only', api: 'node', spelling: `'${readOnly}'` },
      };
    }
    case 'truncate':
      return { effect: 'overwrite', access: ` (${display})`, certain };
    case 'append':
      return { effect: 'append', access: ` (${display})`, certain };
  }
}

/** Values of `options[key]`, with the API's default where it is absent. */
function optionFlagValues(
  node: TSESTree.CallExpressionArgument | undefined,
  key: string,
  defaultFlag: string,
  falsyFlag: string | undefined,
  evaluate: (node: TSESTree.Node) => Values,
): Values {
  const fallback = text(defaultFlag);
  if (node === undefined || node.type === 'SpreadElement') return { items: [fallback], complete: true };
  const options = evaluate(node);
  // Options we cannot see (a callback, an encoding variable): assume the API's default.
  if (options.items.length === 0) return { items: [fallback], complete: true };
  const items: AbstractValue[] = [];
  let complete = true;
  for (const item of options.items) {
    if (item.kind !== 'object') {
      items.push(fallback); // encoding string, callback, null: the default flag
      continue;
    }
    const property = item.properties.get(key);
    if (property === undefined) {
      items.push(fallback);
      complete &&= !item.open;
      continue;
    }
    const values = property();
    complete &&= values.complete;
    for (const value of values.items) {
      const falsy = value.kind === 'nullish' || (value.kind === 'string' && value.parts.length === 0);
      items.push(falsy ? text(falsyFlag ?? defaultFlag) : value);
    }
  }
  return { items, complete: complete && options.complete };
}

function booleanOption(
  node: TSESTree.CallExpressionArgument | undefined,
  key: string,
  evaluate: (node: TSESTree.Node) => Values,
): boolean {
  if (node === undefined || node.type === 'SpreadElement') return false;
  for (const item of evaluate(node).items) {
    if (item.kind !== 'object') continue;
    const values = item.properties.get(key)?.();
    if (values?.items.some((value) => value.kind === 'boolean' && value.value)) return true;
  }
  return false;
}
