import type { TSESTree } from '@typescript-eslint/utils';
import { isStaticMember } from '../../analysis/evaluator/evaluate.js';
import { getFileAnalysis } from '../../analysis/file-analysis.js';
import { mayReachKnownApis } from '../../analysis/file-gate.js';
import {
  type FixedEffect,
  type FsApi,
  type Operation,
  isCandidateMemberName,
  lookupFsApi,
} from '../../analysis/node-fs/fs-apis.js';
import {
  type FlagVerdict,
  type WriteMode,
  decideFlags,
  readOnlyCounterpart,
} from '../../analysis/node-fs/open-flags.js';
import type { AbstractValue, Values } from '../../analysis/evaluator/values.js';
import {
  PATH_FINDING_MESSAGES,
  type PathFindingMessageId,
  type PathFindingWording,
  reportPathFinding,
} from '../report/path-finding.js';
import { createRule } from '../create-rule.js';

export type Options = [{ checkAttributeChanges?: boolean; reportUnresolved?: boolean }];
export type MessageIds = PathFindingMessageId;

type Effect = WriteMode | FixedEffect;

/** The access a call asks for, when it writes. */
interface AccessDecision {
  readonly effect: Effect;
  /** `'r+'`, `fs.constants.O_RDWR`..., empty for fixed operations. */
  readonly display: string;
  /** False when only some flag values write. */
  readonly certain: boolean;
}

const DECOMPRESSES = 'this decompresses the system file onto C:';
const REPLACES = 'this replaces the compressed system file with a full, uncompressed copy on C:';

function wordingFor(decision: AccessDecision): PathFindingWording {
  const { effect, display } = decision;
  switch (effect) {
    case 'read-write': {
      const readOnly = readOnlyCounterpart(display.replaceAll("'", '')) ?? 'r';
      return {
        action: 'opens',
        actionBase: 'open',
        access: ` with write access (${display})`,
        consequence: DECOMPRESSES,
        advice: `Open it read-only ('${readOnly}') if you only read it (wimboot/prefer-read-only-open fixes this when the handle is never written).`,
      };
    }
    case 'truncate': {
      return display === ''
        ? {
            action: 'truncates',
            actionBase: 'truncate',
            access: '',
            consequence: DECOMPRESSES,
            advice: 'Leave system files as they are; write a copy to an app-data location instead.',
          }
        : {
            action: 'overwrites',
            actionBase: 'overwrite',
            access: ` (${display})`,
            consequence: REPLACES,
            advice: 'Write to a per-user or app-data location instead.',
          };
    }
    case 'append': {
      return {
        action: 'appends to',
        actionBase: 'append to',
        access: ` (${display})`,
        consequence: DECOMPRESSES,
        advice: 'Keep logs and data in a per-user or app-data location instead.',
      };
    }
    case 'overwrite': {
      return {
        action: 'overwrites',
        actionBase: 'overwrite',
        access: '',
        consequence: REPLACES,
        advice: 'Write to a per-user or app-data location instead.',
      };
    }
    case 'replace': {
      return {
        action: 'replaces',
        actionBase: 'replace',
        access: ' (destination)',
        consequence: 'the compressed system file is replaced by a full, uncompressed copy on C:',
        advice: 'Copy or move into a per-user or app-data location instead.',
      };
    }
    case 'create-if-missing': {
      return {
        action: 'creates',
        actionBase: 'create',
        access: ' (if missing)',
        consequence: "a file created there is stored in full on C: among the image's compressed files",
        advice: 'Keep app files in an app-data location instead.',
      };
    }
    case 'attributes': {
      return {
        action: 'changes the attributes of',
        actionBase: 'change the attributes of',
        access: '',
        consequence: 'this may decompress the system file (attribute-only writes are not confirmed to)',
        advice: 'Leave system file attributes alone.',
      };
    }
  }
}

export default createRule<Options, MessageIds>({
  name: 'no-system-file-write',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow Node file APIs that open or replace Windows system files with write access',
      recommended: true,
    },
    schema: [
      {
        type: 'object',
        properties: {
          checkAttributeChanges: {
            type: 'boolean',
            description:
              'Also report attribute-only changes (utimes, chmod), which are not confirmed to decompress files.',
          },
          reportUnresolved: {
            type: 'boolean',
            description: 'Also report writes whose path cannot be resolved statically.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkAttributeChanges: false, reportUnresolved: false }],
    messages: PATH_FINDING_MESSAGES,
  },
  defaultOptions: [{}],
  create(context, [options]) {
    if (!mayReachKnownApis(context.sourceCode)) {
      return {};
    }
    const checkAttributeChanges = options.checkAttributeChanges === true;
    const reportUnresolved = options.reportUnresolved === true;

    function decideAccess(
      operation: Operation,
      args: readonly TSESTree.CallExpressionArgument[],
    ): AccessDecision | undefined {
      const { evaluator } = getFileAnalysis(context);
      switch (operation.kind) {
        case 'fixed': {
          if (operation.effect === 'attributes' && !checkAttributeChanges) return undefined;
          return { effect: operation.effect, display: '', certain: true };
        }
        case 'open-flags': {
          const flags = args[operation.flagsArg];
          if (flags === undefined || flags.type === 'SpreadElement' || isFunctionNode(flags)) {
            return undefined;
          }
          return fromFlagVerdicts(decideFlags(evaluator.evaluate(flags), context.sourceCode.getText(flags)));
        }
        case 'options-flag': {
          const flagValues = optionFlagValues(
            args[operation.optionsArg],
            operation.key,
            operation.defaultFlag,
            operation.falsyFlag,
          );
          return fromFlagVerdicts(decideFlags(flagValues, operation.defaultFlag));
        }
        case 'deno-open': {
          return denoOpenAccess(args[operation.optionsArg]);
        }
        case 'deno-write': {
          const append = booleanOption(args[operation.optionsArg], 'append');
          return append === true
            ? { effect: 'append', display: '{ append: true }', certain: true }
            : { effect: 'overwrite', display: '', certain: true };
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
      return { effect: first.mode, display: first.display, certain: complete && writing.length === verdicts.length };
    }

    /** Values of `options[key]`, with the API's default where it is absent. */
    function optionFlagValues(
      node: TSESTree.CallExpressionArgument | undefined,
      key: string,
      defaultFlag: string,
      falsyFlag: string | undefined,
    ): Values {
      const fallback: AbstractValue = { kind: 'string', parts: [{ kind: 'text', text: defaultFlag }] };
      if (node === undefined || node.type === 'SpreadElement') {
        return { items: [fallback], complete: true };
      }
      const { evaluator } = getFileAnalysis(context);
      const options = evaluator.evaluate(node);
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
          items.push(falsy ? { kind: 'string', parts: [{ kind: 'text', text: falsyFlag ?? defaultFlag }] } : value);
        }
      }
      if (options.items.length === 0) {
        // Options we cannot see (a callback, an encoding variable): assume the API's default.
        return { items: [fallback], complete: true };
      }
      return { items, complete: complete && options.complete };
    }

    function booleanOption(node: TSESTree.CallExpressionArgument | undefined, key: string): boolean | undefined {
      if (node === undefined || node.type === 'SpreadElement') return undefined;
      const { evaluator } = getFileAnalysis(context);
      for (const item of evaluator.evaluate(node).items) {
        if (item.kind !== 'object') continue;
        const values = item.properties.get(key)?.();
        if (values?.items.some((value) => value.kind === 'boolean' && value.value)) return true;
      }
      return undefined;
    }

    function denoOpenAccess(node: TSESTree.CallExpressionArgument | undefined): AccessDecision | undefined {
      if (booleanOption(node, 'truncate') === true)
        return { effect: 'truncate', display: '{ truncate: true }', certain: true };
      if (booleanOption(node, 'append') === true)
        return { effect: 'append', display: '{ append: true }', certain: true };
      if (booleanOption(node, 'write') === true)
        return { effect: 'read-write', display: '{ write: true }', certain: true };
      return undefined;
    }

    function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const callee = node.callee;
      if (isStaticMember(callee) && !isCandidateMemberName(callee.property.name)) {
        return;
      }
      if (
        callee.type !== 'Identifier' &&
        callee.type !== 'MemberExpression' &&
        callee.type !== 'CallExpression' &&
        callee.type !== 'ChainExpression'
      ) {
        return;
      }
      const { evaluator } = getFileAnalysis(context);
      const { callee: callees, args } = evaluator.calleeOf(node);
      let api: FsApi | undefined;
      let calleeItem: AbstractValue | undefined;
      for (const item of callees.items) {
        api = lookupFsApi(item);
        if (api !== undefined) {
          calleeItem = item;
          break;
        }
      }
      if (api === undefined || calleeItem === undefined) {
        return;
      }
      const pathNode = api.pathArg === -1 ? bunFilePath(calleeItem) : args[api.pathArg];
      if (pathNode === undefined || pathNode.type === 'SpreadElement') {
        return;
      }
      const access = decideAccess(api.operation, args);
      if (access === undefined) {
        return;
      }
      reportPathFinding(context, getFileAnalysis(context), {
        call: node,
        api: api.name,
        pathNode,
        values: evaluator.evaluate(pathNode),
        wording: wordingFor(access),
        accessCertain: access.certain,
        viaHelpers: true,
        reportUnresolved,
      });
    }

    return {
      CallExpression: check,
      NewExpression: check,
    };
  },
});

function bunFilePath(callee: AbstractValue): TSESTree.CallExpressionArgument | undefined {
  return callee.kind === 'member' && callee.object.kind === 'call' ? callee.object.args[0] : undefined;
}

function isFunctionNode(node: TSESTree.Node): boolean {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression';
}
