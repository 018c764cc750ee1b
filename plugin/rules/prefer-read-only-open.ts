import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  ACCESS_NAMES,
  NT_DISPOSITIONS,
  NT_TRUNCATING,
  WIN32_DISPOSITIONS,
  WIN32_TRUNCATING,
  accessWrites,
  describeAccess,
  evaluateFlags,
  readOnlyAccessText,
} from '../../analysis/win32/access-mask.js';
import { isStaticMember } from '../../analysis/evaluator/evaluate.js';
import { type NativeCallResolver, createNativeCallResolver } from '../../analysis/win32/ffi-bindings.js';
import { getFileAnalysis } from '../../analysis/file-analysis.js';
import { mayReachKnownApis } from '../../analysis/file-gate.js';
import { isCandidateMemberName, lookupFsApi } from '../../analysis/node-fs/fs-apis.js';
import { type HandleUsage, analyseHandleUsage, analyseVariableUsage } from '../../analysis/handle-usage.js';
import { classifyFdSink, classifyFileHandleSink } from '../../analysis/node-fs/handle-sinks.js';
import { readOnlyCounterpart } from '../../analysis/node-fs/open-flags.js';
import { classifyPathValues } from '../../analysis/paths/path-classifier.js';
import { dllExports, isWin32ApiName, lookupWin32Api } from '../../analysis/win32/apis.js';
import { createWin32SinkClassifier, isKoffiAsync } from '../../analysis/win32/handle-sinks.js';
import { staticText } from '../../analysis/evaluator/values.js';
import { formatPatternTrailer } from '../../formats/finding-pattern.js';
import { createRule } from '../create-rule.js';

export type Options = [{ paths?: 'system' | 'all' }];
export type MessageIds = 'readOnlyHandle' | 'readOnlyHandleSuggest' | 'onlyReads' | 'suggestReadOnly';

/** How an open's flags can become read-only. */
interface FlagRewrite {
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

export default createRule<Options, MessageIds>({
  name: 'prefer-read-only-open',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require read-only access when an opened file handle is only ever read',
      recommended: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          paths: {
            type: 'string',
            enum: ['system', 'all'],
            description:
              'Report only opens of system paths ("system"), or every open whose write access is unused ("all", least privilege).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ paths: 'all' }],
    messages: {
      readOnlyHandle:
        '{{api}} opens {{target}} with write access ({{access}}), but the {{handle}} is only read: open it read-only ({{readOnly}}).{{consequence}}{{trailer}}',
      readOnlyHandleSuggest:
        '{{api}} opens {{target}} with write access ({{access}}), but the {{handle}} is only read: open it read-only ({{readOnly}}); {{access}} also {{semantics}}, so the change is offered as a suggestion.{{consequence}}{{trailer}}',
      onlyReads:
        '{{api}} only reads {{target}} but asks for write access ({{access}}): use {{readOnly}}.{{consequence}}{{trailer}}',
      suggestReadOnly: 'Open read-only with {{readOnly}}.',
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    if (!mayReachKnownApis(context.sourceCode)) {
      return {};
    }
    const onlySystem = options.paths === 'system';
    const { sourceCode } = context;

    /** Path target text, pattern and system consequence, or undefined when the option filters it out. */
    function describeTarget(
      pathNode: TSESTree.Node | undefined,
    ): { target: string; consequence: string; trailer: string } | undefined {
      const { evaluator, settings } = getFileAnalysis(context);
      const classification =
        pathNode === undefined || pathNode.type === 'SpreadElement'
          ? undefined
          : classifyPathValues(evaluator.evaluate(pathNode), settings);
      const system = classification?.system ?? [];
      if (onlySystem && system.length === 0) {
        return undefined;
      }
      if (system.length > 0) {
        const patterns = system.map((verdict) => verdict.pattern);
        return {
          target: `"${patterns[0] ?? ''}"`,
          consequence: ' On WIMBoot and CompactOS devices write access to this system file decompresses it onto C:.',
          trailer: formatPatternTrailer(patterns),
        };
      }
      const pattern = pathNode === undefined ? undefined : knownPattern(pathNode);
      return {
        target: pattern === undefined ? 'its file' : `"${pattern}"`,
        consequence: '',
        trailer: formatPatternTrailer([pattern ?? '*']),
      };
    }

    function knownPattern(pathNode: TSESTree.Node): string | undefined {
      const values = getFileAnalysis(context).evaluator.evaluate(pathNode);
      const [only] = values.items;
      return values.items.length === 1 && only !== undefined ? staticText(only) : undefined;
    }

    function reportOpen(
      api: string,
      pathNode: TSESTree.Node | undefined,
      flagsNode: TSESTree.Node,
      handle: string,
      rewrite: FlagRewrite | undefined,
      access = sourceCode.getText(flagsNode),
    ): void {
      const target = rewrite === undefined ? undefined : describeTarget(pathNode);
      if (rewrite === undefined || target === undefined) {
        return;
      }
      const data = { api, ...target, access, handle, readOnly: rewrite.display, semantics: rewrite.semantics };
      reportRewrite(flagsNode, rewrite.safe ? 'readOnlyHandle' : 'readOnlyHandleSuggest', data, rewrite);
    }

    /**
     * A safe rewrite is an autofix; one that would change creation or
     * truncation is offered as a suggestion only.
     */
    function reportRewrite(
      node: TSESTree.Node,
      messageId: MessageIds,
      data: Record<string, string>,
      rewrite: FlagRewrite,
    ): void {
      const fix = (fixer: TSESLint.RuleFixer): TSESLint.RuleFix => fixer.replaceText(rewrite.node, rewrite.replacement);
      if (rewrite.safe) {
        context.report({ node, messageId, data, fix });
      } else {
        context.report({
          node,
          messageId,
          data,
          suggest: [{ messageId: 'suggestReadOnly', data: { readOnly: rewrite.display }, fix }],
        });
      }
    }

    /** The read-only spelling of a flags expression, if the rule knows one. */
    function rewriteFlags(flags: TSESTree.Node): FlagRewrite | undefined {
      if (flags.type === 'Literal' && typeof flags.value === 'string') {
        const quote = sourceCode.getText(flags)[0] ?? "'";
        const readOnly = readOnlyCounterpart(flags.value);
        if (readOnly !== undefined) {
          return {
            node: flags,
            replacement: `${quote}${readOnly}${quote}`,
            display: `${quote}${readOnly}${quote}`,
            safe: true,
            semantics: '',
          };
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
      const leaves = orLeaves(flags);
      const rdwr = leaves.find((leaf) => constantName(leaf) === 'O_RDWR');
      if (rdwr === undefined || rdwr.type !== 'MemberExpression') {
        return undefined;
      }
      const risky = leaves
        .map((leaf) => constantName(leaf))
        .find((name) => name !== undefined && SEMANTIC_CONSTANTS.has(name));
      if (leaves.some((leaf) => constantName(leaf) === undefined)) {
        return undefined;
      }
      if (risky === undefined) {
        const display = sourceCode.getText(flags).replace(/\bO_RDWR\b/u, 'O_RDONLY');
        return { node: rdwr.property, replacement: 'O_RDONLY', display, safe: true, semantics: '' };
      }
      const readOnly = `${sourceCode.getText(rdwr.object)}.O_RDONLY`;
      return {
        node: flags,
        replacement: readOnly,
        display: readOnly,
        safe: false,
        semantics: SEMANTIC_CONSTANTS.get(risky) ?? '',
      };
    }

    function orLeaves(node: TSESTree.Node): TSESTree.Node[] {
      if (node.type === 'BinaryExpression' && node.operator === '|') {
        return [...orLeaves(node.left), ...orLeaves(node.right)];
      }
      return [node];
    }

    /** `fs.constants.O_RDWR` / `constants.O_RDWR` → 'O_RDWR' (only fs constants). */
    function constantName(node: TSESTree.Node): string | undefined {
      if (!isStaticMember(node) || !node.property.name.startsWith('O_')) return undefined;
      const { evaluator } = getFileAnalysis(context);
      const values = evaluator.evaluate(node);
      return values.items.length === 1 && values.items[0]?.kind === 'number' ? node.property.name : undefined;
    }

    function usageIsReadOnly(usage: HandleUsage): boolean {
      return usage.readOnly && usage.uses.some((use) => use.kind === 'read');
    }

    function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      // The cheap syntactic filter first: most calls are `x.method()` with a name no file API has.
      if (isStaticMember(node.callee) && !isCandidateMemberName(node.callee.property.name)) {
        checkWin32(node);
        return;
      }
      const { evaluator } = getFileAnalysis(context);
      const { callee, args } = evaluator.calleeOf(node);
      for (const item of callee.items) {
        const api = lookupFsApi(item);
        if (api === undefined) continue;
        const pathNode = args[api.pathArg];
        const { operation } = api;
        if (operation.kind === 'open-flags') {
          const flagsNode = args[operation.flagsArg];
          if (flagsNode === undefined || flagsNode.type === 'SpreadElement') return;
          const isPromise = item.kind === 'module' && item.path[0] === 'promises';
          const callback = args[operation.flagsArg + 1] ?? args[operation.flagsArg + 2];
          let usage: HandleUsage | undefined;
          if (isPromise) {
            usage = analyseHandleUsage(evaluator, node, (sink) => classifyFileHandleSink(evaluator, sink));
          } else if (api.name.endsWith('Sync')) {
            usage = analyseHandleUsage(evaluator, node, (sink) => classifyFdSink(evaluator, sink));
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
                : analyseVariableUsage(evaluator, variable, (sink) => classifyFdSink(evaluator, sink));
          }
          if (usage !== undefined && usageIsReadOnly(usage)) {
            reportOpen(
              api.name,
              pathNode,
              flagsNode,
              isPromise ? 'FileHandle' : 'file descriptor',
              rewriteFlags(flagsNode),
            );
          }
          return;
        }
        // readFile / createReadStream given a write flag only ever read.
        if (operation.kind === 'options-flag' && operation.defaultFlag === 'r') {
          reportReaderFlag(api.name, pathNode, args[operation.optionsArg], operation.key);
        }
        return;
      }
      checkWin32(node);
    }

    let resolver: NativeCallResolver | undefined;
    const nativeCalls = (): NativeCallResolver =>
      (resolver ??= createNativeCallResolver(getFileAnalysis(context).evaluator));

    /** CreateFile* through FFI with write bits whose handle only reaches reading APIs. */
    function checkWin32(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const callee = node.callee;
      if (
        isStaticMember(callee) &&
        !isWin32ApiName(callee.property.name) &&
        callee.property.name !== 'load' &&
        callee.property.name !== 'call'
      )
        return;
      if (callee.type !== 'Identifier' && callee.type !== 'MemberExpression' && callee.type !== 'ChainExpression')
        return;
      if (isKoffiAsync(node)) return;
      const native = nativeCalls().resolve(node);
      const api = native === undefined ? undefined : lookupWin32Api(native.symbol);
      if (
        native?.args === undefined ||
        api === undefined ||
        !api.returnsHandle ||
        api.access.kind !== 'create-file' ||
        !native.dlls.some((dll) => dllExports(dll, api.family))
      )
        return;
      const { evaluator } = getFileAnalysis(context);
      const { accessArg, dispositionArg, dispositions } = api.access;
      const accessNode = native.args[accessArg];
      if (accessNode === undefined || accessNode.type === 'SpreadElement') return;
      const mask = evaluateFlags(evaluator, accessNode, ACCESS_NAMES);
      const writing = mask.items.filter((item) => accessWrites(item) === 'data');
      const [first] = writing;
      if (first === undefined || !mask.complete || writing.length !== mask.items.length) return;
      const readOnly = readOnlyAccessText(evaluator, accessNode, sourceCode);
      if (readOnly === undefined) return;
      const usage = analyseHandleUsage(evaluator, node, createWin32SinkClassifier(evaluator, nativeCalls));
      if (!usageIsReadOnly(usage)) return;
      // CREATE_ALWAYS / TRUNCATE_EXISTING need write access: read-only would change what the call does.
      const dispositionNode = dispositionArg === undefined ? undefined : native.args[dispositionArg];
      const truncating = dispositions === 'nt' ? NT_TRUNCATING : WIN32_TRUNCATING;
      const disposition =
        dispositionNode === undefined || dispositionNode.type === 'SpreadElement'
          ? undefined
          : evaluateFlags(evaluator, dispositionNode, dispositions === 'nt' ? NT_DISPOSITIONS : WIN32_DISPOSITIONS);
      const safe =
        disposition !== undefined &&
        disposition.complete &&
        disposition.items.length > 0 &&
        disposition.items.every((item) => item.exact && !truncating.has(item.bits));
      const rewrite: FlagRewrite = {
        node: accessNode,
        replacement: readOnly,
        display: readOnly,
        safe,
        semantics:
          disposition === undefined || !disposition.complete
            ? 'has a disposition this rule cannot read'
            : 'truncates the file through its disposition',
      };
      reportOpen(native.symbol, native.args[api.pathArg], accessNode, 'handle', rewrite, describeAccess(first));
    }

    function reportReaderFlag(
      api: string,
      pathNode: TSESTree.Node | undefined,
      optionsNode: TSESTree.Node | undefined,
      key: string,
    ): void {
      if (optionsNode?.type !== 'ObjectExpression') return;
      const property = optionsNode.properties.find(
        (candidate): candidate is TSESTree.Property =>
          candidate.type === 'Property' &&
          !candidate.computed &&
          candidate.key.type === 'Identifier' &&
          candidate.key.name === key,
      );
      if (property === undefined) return;
      const rewrite = rewriteFlags(property.value);
      if (rewrite === undefined) return;
      const target = describeTarget(pathNode);
      if (target === undefined) return;
      // The call only reads, whatever the flag; 'w+' and friends still stay suggestions (see reportRewrite).
      reportRewrite(
        property.value,
        'onlyReads',
        { api, ...target, access: sourceCode.getText(property.value), readOnly: rewrite.display },
        rewrite,
      );
    }

    return {
      CallExpression: check,
      NewExpression: check,
    };
  },
});
