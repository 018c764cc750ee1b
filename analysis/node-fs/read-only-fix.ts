import type { TSESTree } from '@typescript-eslint/utils';
import { isStaticMember } from '../ast.js';
import type { Evaluator } from '../evaluator/evaluate.js';
import { type HandleUsage, analyseHandleUsage, analyseVariableUsage } from '../handle-usage.js';
import type { FsSinkCall } from '../sink-calls.js';
import { orOperands } from '../win32/access-mask.js';
import { classifyFdSink, classifyFileHandleSink } from './handle-sinks.js';
import { readOnlyCounterpart } from './open-flags.js';

/**
 * The read-only spelling of a Node open-flags expression, for
 * prefer-read-only-open: `'r+'` → `'r'`, `fs.constants.O_RDWR` → `O_RDONLY`,
 * `2` → `0`. A rewrite that would change what the call does besides access
 * (creating or truncating the file) is marked unsafe: a suggestion, never a fix.
 */

export interface FlagRewrite {
  readonly node: TSESTree.Node;
  readonly replacement: string;
  /** How the read-only access reads in a message (the whole expression). */
  readonly display: string;
  /** False when the rewrite changes creation or truncation: offered as a suggestion only. */
  readonly safe: boolean;
  /** Why it is not safe, for the message. */
  readonly semantics: string;
}

const STRING_SEMANTICS: ReadonlyMap<string, string> = new Map([
  ['w', 'creates and truncates the file'],
  ['w+', 'creates and truncates the file'],
  ['wx', 'creates the file'],
  ['wx+', 'creates the file'],
  ['xw', 'creates the file'],
  ['xw+', 'creates the file'],
  ['a', 'creates the file if it is missing'],
  ['a+', 'creates the file if it is missing'],
  ['as', 'creates the file if it is missing'],
  ['as+', 'creates the file if it is missing'],
  ['sa', 'creates the file if it is missing'],
  ['sa+', 'creates the file if it is missing'],
  ['ax', 'creates the file'],
  ['ax+', 'creates the file'],
  ['xa', 'creates the file'],
  ['xa+', 'creates the file'],
]);

/** fs.constants bits that change what the open does beyond access. */
const SEMANTIC_CONSTANTS: ReadonlyMap<string, string> = new Map([
  ['O_CREAT', 'creates the file if it is missing'],
  ['O_TRUNC', 'truncates the file'],
  ['O_APPEND', 'appends'],
  ['O_EXCL', 'creates the file'],
  ['O_WRONLY', 'opens write-only'],
]);

/** The read-only spelling of a flags expression, if there is one. */
export function rewriteNodeFlags(evaluator: Evaluator, flags: TSESTree.Node): FlagRewrite | undefined {
  if (flags.type === 'Literal' && typeof flags.value === 'string') {
    const quote = evaluator.module.getText(flags)[0] ?? "'";
    const readOnly = readOnlyCounterpart(flags.value);
    if (readOnly !== undefined) {
      const spelled = `${quote}${readOnly}${quote}`;
      return { node: flags, replacement: spelled, display: spelled, safe: true, semantics: '' };
    }
    const semantics = STRING_SEMANTICS.get(flags.value);
    return semantics === undefined
      ? undefined
      : { node: flags, replacement: `${quote}r${quote}`, display: `${quote}r${quote}`, safe: false, semantics };
  }
  if (flags.type === 'Literal' && typeof flags.value === 'number') {
    const value = flags.value;
    if ((value & 0x3) !== 2 || (value & ~0x3) !== 0) return undefined;
    return { node: flags, replacement: '0', display: '0', safe: true, semantics: '' };
  }
  const leaves = orOperands(flags);
  const names = leaves.map((leaf) => constantName(evaluator, leaf));
  const rdwr = leaves[names.indexOf('O_RDWR')];
  if (rdwr === undefined || rdwr.type !== 'MemberExpression' || names.includes(undefined)) return undefined;
  const risky = names.find((name) => name !== undefined && SEMANTIC_CONSTANTS.has(name));
  if (risky === undefined) {
    const display = evaluator.module.getText(flags).replace(/\bO_RDWR\b/u, 'O_RDONLY');
    return { node: rdwr.property, replacement: 'O_RDONLY', display, safe: true, semantics: '' };
  }
  const readOnly = `${evaluator.module.getText(rdwr.object)}.O_RDONLY`;
  return {
    node: flags,
    replacement: readOnly,
    display: readOnly,
    safe: false,
    semantics: SEMANTIC_CONSTANTS.get(risky) ?? '',
  };
}

/** `fs.constants.O_RDWR` / `constants.O_RDWR` → 'O_RDWR' (only fs constants). */
function constantName(evaluator: Evaluator, node: TSESTree.Node): string | undefined {
  if (!isStaticMember(node) || !node.property.name.startsWith('O_')) return undefined;
  const values = evaluator.evaluate(node);
  return values.items.length === 1 && values.items[0]?.kind === 'number' ? node.property.name : undefined;
}

/** An open whose handle is only read, and how to make it read-only. */
export interface ReadOnlyOpen {
  /** The flags expression reported (and rewritten). */
  readonly flags: TSESTree.Node;
  readonly rewrite: FlagRewrite;
  /** `file descriptor`, `FileHandle` or `handle`, for the message. */
  readonly handle: string;
  /** How the access reads in the message, when not the flags' own text (a Win32 mask spelled out). */
  readonly access?: string;
}

/**
 * `fs.open*` with write flags whose descriptor or FileHandle is only ever
 * read (analysis/handle-usage.ts with the Node sink classifiers).
 */
export function readOnlyNodeOpen(sink: FsSinkCall): ReadOnlyOpen | undefined {
  const { api, args, evaluator, callee, node } = sink;
  const { operation } = api;
  if (operation.kind !== 'open-flags') return undefined;
  const flags = args[operation.flagsArg];
  if (flags === undefined || flags.type === 'SpreadElement') return undefined;
  const isPromise = callee.kind === 'module' && callee.path[0] === 'promises';
  const callback = args[operation.flagsArg + 1] ?? args[operation.flagsArg + 2];
  let usage: HandleUsage | undefined;
  if (isPromise) {
    usage = analyseHandleUsage(evaluator, node, (use) => classifyFileHandleSink(evaluator, use));
  } else if (api.name.endsWith('Sync')) {
    usage = analyseHandleUsage(evaluator, node, (use) => classifyFdSink(evaluator, use));
  } else if (
    callback !== undefined &&
    (callback.type === 'ArrowFunctionExpression' || callback.type === 'FunctionExpression')
  ) {
    const fdParam = callback.params[1];
    const variable =
      fdParam?.type === 'Identifier'
        ? evaluator.declaredVariables(callback).find((candidate) => candidate.name === fdParam.name)
        : undefined;
    usage =
      variable === undefined
        ? undefined
        : analyseVariableUsage(evaluator, variable, (use) => classifyFdSink(evaluator, use));
  }
  if (usage === undefined || !isOnlyRead(usage)) return undefined;
  const rewrite = rewriteNodeFlags(evaluator, flags);
  return rewrite === undefined ? undefined : { flags, rewrite, handle: isPromise ? 'FileHandle' : 'file descriptor' };
}

/** `readFile(p, { flag: 'r+' })`, `createReadStream(p, { flags: 'w' })`: a reader given a write flag. */
export function readerWriteFlag(
  sink: FsSinkCall,
): { readonly flags: TSESTree.Node; readonly rewrite: FlagRewrite } | undefined {
  const { operation } = sink.api;
  if (operation.kind !== 'options-flag' || operation.defaultFlag !== 'r') return undefined;
  const options = sink.args[operation.optionsArg];
  if (options?.type !== 'ObjectExpression') return undefined;
  const property = options.properties.find(
    (candidate): candidate is TSESTree.Property =>
      candidate.type === 'Property' &&
      !candidate.computed &&
      candidate.key.type === 'Identifier' &&
      candidate.key.name === operation.key,
  );
  if (property === undefined) return undefined;
  const rewrite = rewriteNodeFlags(sink.evaluator, property.value);
  return rewrite === undefined ? undefined : { flags: property.value, rewrite };
}

/** Some use reads, and none writes or escapes the analysis. */
export function isOnlyRead(usage: HandleUsage): boolean {
  return usage.readOnly && usage.uses.some((use) => use.kind === 'read');
}
