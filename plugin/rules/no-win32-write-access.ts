import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  ACCESS_NAMES,
  CRT_OFLAGS,
  type FlagValue,
  type FlagValues,
  NT_DISPOSITIONS,
  NT_TRUNCATING,
  OF_CREATE,
  OF_READWRITE,
  OF_WRITE,
  OPENFILE_STYLES,
  O_ACCMODE,
  O_APPEND,
  O_TRUNC,
  WIN32_DISPOSITIONS,
  WIN32_TRUNCATING,
  accessWrites,
  describeAccess,
  describeCrtOflag,
  describeEnum,
  describeOpenFileStyle,
  evaluateFlags,
  readOnlyAccessText,
} from '../../analysis/win32/access-mask.js';
import { callSitesOf, functionName } from '../../analysis/evaluator/call-sites.js';
import { type Bindings, type Evaluator, isStaticMember } from '../../analysis/evaluator/evaluate.js';
import {
  type NativeCall,
  type NativeCallResolver,
  createNativeCallResolver,
} from '../../analysis/win32/ffi-bindings.js';
import { getFileAnalysis } from '../../analysis/file-analysis.js';
import { mayReachKnownApis } from '../../analysis/file-gate.js';
import { type HandleSinkClassifier, analyseHandleUsage } from '../../analysis/handle-usage.js';
import { createWin32SinkClassifier, isKoffiAsync } from '../../analysis/win32/handle-sinks.js';
import { classifyPathValues, deviceNote } from '../../analysis/paths/path-classifier.js';
import {
  type AbstractValue,
  type FunctionNode,
  type Values,
  UNKNOWN,
  staticText,
} from '../../analysis/evaluator/values.js';
import { type Win32Api, dllExports, isWin32ApiName, lookupWin32Api } from '../../analysis/win32/apis.js';
import { formatPatternTrailer } from '../../formats/finding-pattern.js';
import {
  PATH_FINDING_MESSAGES,
  type PathFindingMessageId,
  displayPaths,
  reportPathFinding,
} from '../report/path-finding.js';
import { createRule } from '../create-rule.js';

export type Options = [{ checkMetadataAccess?: boolean; reportUnresolved?: boolean }];
export type MessageIds = PathFindingMessageId | 'suggestReadOnly';

type Effect = 'read-write' | 'truncate' | 'append' | 'replace' | 'metadata';

/** The access a call asks for, when it writes. */
interface AccessDecision {
  readonly effect: Effect;
  /** ` with GENERIC_READ | GENERIC_WRITE (0xC0000000)`, ` ('w')`... */
  readonly access: string;
  /** False when only some values of the flags write. */
  readonly certain: boolean;
  readonly advice: string;
  /** The argument a read-only suggestion rewrites, and its new text. */
  readonly fix?: { readonly node: TSESTree.Node; readonly text: string };
}

const DECOMPRESSES = 'this decompresses the system file onto C:';
const REPLACES = 'this replaces the compressed system file with a full, uncompressed copy on C:';

const CONSEQUENCE: Readonly<Record<Effect, { action: string; actionBase: string; consequence: string }>> = {
  'read-write': { action: 'opens', actionBase: 'open', consequence: DECOMPRESSES },
  truncate: { action: 'overwrites', actionBase: 'overwrite', consequence: REPLACES },
  append: { action: 'appends to', actionBase: 'append to', consequence: DECOMPRESSES },
  replace: {
    action: 'replaces',
    actionBase: 'replace',
    consequence: 'the compressed system file is replaced by a full, uncompressed copy on C:',
  },
  metadata: {
    action: 'opens',
    actionBase: 'open',
    consequence: 'this may decompress the system file (metadata-only writes are not confirmed to)',
  },
};

const ADVICE_APP_DATA = 'Write to a per-user or app-data location instead.';

/** Names of the flags deciding whether a copy or move replaces an existing destination. */
const DESTINATION_FLAG_NAMES: ReadonlyMap<string, number> = new Map([
  ['TRUE', 1],
  ['FALSE', 0],
  ['COPY_FILE_FAIL_IF_EXISTS', 0x1],
  ['MOVEFILE_REPLACE_EXISTING', 0x1],
  ['MOVEFILE_COPY_ALLOWED', 0x2],
  ['MOVEFILE_DELAY_UNTIL_REBOOT', 0x4],
  ['MOVEFILE_WRITE_THROUGH', 0x8],
]);
type Argument = TSESTree.Node | undefined;
type CallNode = TSESTree.CallExpression | TSESTree.NewExpression;

export default createRule<Options, MessageIds>({
  name: 'no-win32-write-access',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow Win32 and CRT calls through FFI (koffi, ffi-napi, ffi-rs, Deno, Bun, node:ffi) that open or replace Windows system files with write access',
      recommended: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          checkMetadataAccess: {
            type: 'boolean',
            description:
              'Also report metadata-only access (FILE_WRITE_ATTRIBUTES, FILE_WRITE_EA, WRITE_DAC, WRITE_OWNER, DELETE), which is not confirmed to decompress files.',
          },
          reportUnresolved: {
            type: 'boolean',
            description: 'Also report write access to paths that cannot be resolved statically.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkMetadataAccess: false, reportUnresolved: false }],
    // write, mayWrite and unresolved are reported through reportPathFinding (report/path-finding.ts).
    messages: {
      write: PATH_FINDING_MESSAGES.write, // eslint-disable-line eslint-plugin/no-unused-message-ids
      mayWrite: PATH_FINDING_MESSAGES.mayWrite, // eslint-disable-line eslint-plugin/no-unused-message-ids
      writeViaHelper: PATH_FINDING_MESSAGES.writeViaHelper,
      unresolved: PATH_FINDING_MESSAGES.unresolved, // eslint-disable-line eslint-plugin/no-unused-message-ids
      suggestReadOnly: 'Open it read-only ({{readOnly}}): the handle is never written.',
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    if (!mayReachKnownApis(context.sourceCode)) {
      return {};
    }
    const checkMetadataAccess = options.checkMetadataAccess === true;
    const reportUnresolved = options.reportUnresolved === true;
    let resolver: NativeCallResolver | undefined;
    const nativeCalls = (): NativeCallResolver =>
      (resolver ??= createNativeCallResolver(getFileAnalysis(context).evaluator));

    function flags(node: Argument, names: ReadonlyMap<string, number>, bindings?: Bindings): FlagValues {
      if (node === undefined || node.type === 'SpreadElement') return { items: [], complete: false };
      return evaluateFlags(getFileAnalysis(context).evaluator, node, names, bindings);
    }

    function decideCreateFile(
      api: Win32Api & { access: { kind: 'create-file' } },
      args: readonly Argument[],
      bindings: Bindings | undefined,
    ): AccessDecision | undefined {
      const { accessArg, dispositionArg, dispositions } = api.access;
      const accessNode = args[accessArg];
      const mask = flags(accessNode, ACCESS_NAMES, bindings);
      const dispositionTable = dispositions === 'nt' ? NT_DISPOSITIONS : WIN32_DISPOSITIONS;
      const truncating = dispositions === 'nt' ? NT_TRUNCATING : WIN32_TRUNCATING;
      const disposition =
        dispositionArg === undefined ? undefined : flags(args[dispositionArg], dispositionTable, bindings);
      const truncates = disposition?.items.filter((item) => item.exact && truncating.has(item.bits)) ?? [];
      const dataMasks = mask.items.filter((item) => accessWrites(item) === 'data');
      const maskDisplay = (item: FlagValue | undefined): string => (item === undefined ? '' : describeAccess(item));
      const [firstTruncate] = truncates;
      if (firstTruncate !== undefined && disposition !== undefined) {
        const shownMask = maskDisplay(dataMasks[0] ?? (mask.items.length === 1 ? mask.items[0] : undefined));
        const name = describeEnum(firstTruncate.bits, dispositionTable);
        return {
          effect: 'truncate',
          access: ` with ${shownMask === '' ? name : `${shownMask} and ${name}`}`,
          certain: disposition.complete && truncates.length === disposition.items.length,
          advice: ADVICE_APP_DATA,
        };
      }
      const [firstData] = dataMasks;
      if (firstData !== undefined) {
        // A suggestion only where the mask is written, not for one call site of a helper.
        const readOnly =
          accessNode === undefined || bindings !== undefined
            ? undefined
            : readOnlyAccessText(getFileAnalysis(context).evaluator, accessNode, context.sourceCode);
        return {
          effect: 'read-write',
          access: ` with ${describeAccess(firstData)}`,
          certain: mask.complete && dataMasks.length === mask.items.length,
          advice: 'Request GENERIC_READ only if you only read it.',
          ...(readOnly === undefined || accessNode === undefined ? {} : { fix: { node: accessNode, text: readOnly } }),
        };
      }
      const metadataMasks = mask.items.filter((item) => accessWrites(item) === 'metadata');
      const [firstMetadata] = metadataMasks;
      if (checkMetadataAccess && firstMetadata !== undefined) {
        return {
          effect: 'metadata',
          access: ` with ${describeAccess(firstMetadata)}`,
          certain: mask.complete && metadataMasks.length === mask.items.length,
          advice: 'Leave system file metadata alone.',
        };
      }
      return undefined;
    }

    function decideOpenFile(styleNode: Argument, bindings: Bindings | undefined): AccessDecision | undefined {
      const style = flags(styleNode, OPENFILE_STYLES, bindings);
      const creating = style.items.filter((item) => (item.bits & OF_CREATE) !== 0);
      const writing = style.items.filter((item) => (item.bits & (OF_WRITE | OF_READWRITE | OF_CREATE)) !== 0);
      const [first] = creating.length > 0 ? creating : writing;
      if (first === undefined) return undefined;
      return {
        effect: creating.length > 0 ? 'truncate' : 'read-write',
        access: ` with ${describeOpenFileStyle(first)}`,
        certain: style.complete && writing.length === style.items.length,
        advice: creating.length > 0 ? ADVICE_APP_DATA : 'Use OF_READ if you only read it.',
      };
    }

    function decideDestination(
      api: Win32Api & { access: { kind: 'destination' } },
      args: readonly Argument[],
      bindings: Bindings | undefined,
    ): AccessDecision | undefined {
      const { guard } = api.access;
      let certain = true;
      if (guard !== undefined) {
        // An omitted flag is 0 (false): CopyFileW replaces, MoveFileExW does not.
        const values =
          args[guard.arg] === undefined
            ? { items: [{ bits: 0, exact: true }], complete: true }
            : flags(args[guard.arg], DESTINATION_FLAG_NAMES, bindings);
        const replaces = (item: FlagValue): boolean | undefined => {
          const set = (item.bits & guard.bit) !== 0;
          if (!item.exact && !set) return undefined;
          return guard.replacesWhen === 'set' ? set : !set;
        };
        const verdicts = values.items.map(replaces);
        if (values.complete && verdicts.length > 0 && verdicts.every((verdict) => verdict === false)) return undefined;
        certain = values.complete && verdicts.length > 0 && verdicts.every((verdict) => verdict === true);
      }
      return {
        effect: 'replace',
        access: ' (destination)',
        certain,
        advice: 'Copy or move into a per-user or app-data location instead.',
      };
    }

    function decideCrtMode(modeNode: Argument, bindings: Bindings | undefined): AccessDecision | undefined {
      if (modeNode === undefined || modeNode.type === 'SpreadElement') return undefined;
      const values = getFileAnalysis(context).evaluator.evaluate(modeNode, bindings);
      const modes = values.items.map((item) => staticText(item)).filter((mode) => mode !== undefined);
      const decided = modes.map((mode) => ({ mode, effect: crtModeEffect(mode) }));
      const writing = decided.filter((entry) => entry.effect !== undefined);
      const [first] = writing;
      if (first?.effect === undefined) return undefined;
      const readOnly = first.effect === 'read-write' ? crtReadOnlyMode(first.mode) : undefined;
      const fixable =
        readOnly !== undefined &&
        bindings === undefined &&
        writing.length === 1 &&
        modeNode.type === 'Literal' &&
        typeof modeNode.value === 'string';
      return {
        effect: first.effect,
        access: first.effect === 'read-write' ? ` with write access ('${first.mode}')` : ` ('${first.mode}')`,
        certain: values.complete && writing.length === values.items.length,
        advice:
          first.effect === 'read-write'
            ? `Open it read-only ('${readOnly ?? 'r'}') if you only read it.`
            : ADVICE_APP_DATA,
        ...(fixable ? { fix: { node: modeNode, text: `'${readOnly}'` } } : {}),
      };
    }

    function decideCrtOflag(oflagNode: Argument, bindings: Bindings | undefined): AccessDecision | undefined {
      const oflag = flags(oflagNode, CRT_OFLAGS, bindings);
      const effectOf = (item: FlagValue): Effect | undefined => {
        if ((item.bits & O_TRUNC) !== 0) return 'truncate';
        if ((item.bits & O_ACCMODE) === 0) return undefined;
        return (item.bits & O_APPEND) !== 0 ? 'append' : 'read-write';
      };
      const writing = oflag.items.filter((item) => effectOf(item) !== undefined);
      const [first] = writing;
      const effect = first === undefined ? undefined : effectOf(first);
      if (first === undefined || effect === undefined) return undefined;
      return {
        effect,
        access: ` with ${describeCrtOflag(first)}`,
        certain: oflag.complete && writing.length === oflag.items.length,
        advice: effect === 'read-write' ? 'Open it with _O_RDONLY if you only read it.' : ADVICE_APP_DATA,
      };
    }

    function decideAccess(api: Win32Api, args: readonly Argument[], bindings?: Bindings): AccessDecision | undefined {
      const { access } = api;
      switch (access.kind) {
        case 'create-file':
          return decideCreateFile({ ...api, access }, args, bindings);
        case 'open-file-style':
          return decideOpenFile(args[access.styleArg], bindings);
        case 'destination':
          return decideDestination({ ...api, access }, args, bindings);
        case 'crt-mode':
          return decideCrtMode(args[access.modeArg], bindings);
        case 'crt-oflag':
          return decideCrtOflag(args[access.oflagArg], bindings);
        case 'crt-create':
          return { effect: 'truncate', access: '', certain: true, advice: ADVICE_APP_DATA };
      }
    }

    // Built on first use: settings are read (and may fail) while linting, not while the rule loads.
    let sinkClassifier: HandleSinkClassifier | undefined;
    const classifySink: HandleSinkClassifier = (sink) =>
      (sinkClassifier ??= createWin32SinkClassifier(getFileAnalysis(context).evaluator, nativeCalls))(sink);

    function suggestion(
      call: TSESTree.CallExpression | TSESTree.NewExpression,
      api: Win32Api,
      decision: AccessDecision,
    ): TSESLint.ReportSuggestionArray<MessageIds> {
      const { fix } = decision;
      if (fix === undefined || !api.returnsHandle || isKoffiAsync(call)) return [];
      const usage = analyseHandleUsage(getFileAnalysis(context).evaluator, call, classifySink);
      if (!usage.readOnly) return [];
      return [
        {
          messageId: 'suggestReadOnly',
          data: { readOnly: fix.text },
          fix: (fixer) => fixer.replaceText(fix.node, fix.text),
        },
      ];
    }

    function pathValues(api: Win32Api, pathNode: TSESTree.Node, bindings?: Bindings): Values {
      const { evaluator } = getFileAnalysis(context);
      const values = evaluator.evaluate(pathNode, bindings);
      return api.pathIn === 'object-attributes' ? objectName(evaluator.memberValues.bind(evaluator), values) : values;
    }

    /**
     * A helper whose flags are its parameters (`openFile(path, access)`): the
     * access is decided at each call site, and reported there.
     */
    function checkFlagsAtCallSites(
      node: CallNode,
      api: Win32Api,
      native: NativeCall,
      pathNode: TSESTree.Node,
      args: readonly Argument[],
    ): void {
      const { evaluator, settings } = getFileAnalysis(context);
      const fn = enclosingFunction(node);
      if (fn === undefined || fn.params.length === 0) return;
      for (const site of callSitesOf(evaluator, fn).slice(0, MAX_CALL_SITES)) {
        const bindings = evaluator.bindArguments(fn, site.arguments);
        const access = decideAccess(api, args, bindings);
        if (access === undefined) continue;
        const classification = classifyPathValues(pathValues(api, pathNode, bindings), settings);
        if (classification.system.length === 0) continue;
        const patterns = classification.system.map((verdict) => verdict.pattern);
        const { action, consequence } = CONSEQUENCE[access.effect];
        // Where the path is chosen when it is a parameter, else where the flags are.
        const chosen = parameterIndex(evaluator, fn, pathNode) ?? firstParameterIndex(evaluator, fn, args);
        context.report({
          node: (chosen === undefined ? undefined : site.arguments[chosen]) ?? site,
          messageId: 'writeViaHelper',
          data: {
            helper: functionName(fn),
            api: native.symbol,
            line: String(node.loc.start.line),
            path: displayPaths(patterns),
            action,
            access: access.access,
            consequence,
            advice: access.advice,
            device: deviceNote(classification.system),
            trailer: formatPatternTrailer(patterns),
          },
        });
      }
    }

    function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const callee = node.callee;
      if (
        isStaticMember(callee) &&
        !isWin32ApiName(callee.property.name) &&
        !CANDIDATE_MEMBERS.has(callee.property.name)
      ) {
        return;
      }
      if (callee.type !== 'Identifier' && callee.type !== 'MemberExpression' && callee.type !== 'ChainExpression') {
        return;
      }
      const native = nativeCalls().resolve(node);
      const api = native === undefined ? undefined : lookupWin32Api(native.symbol);
      if (native?.args === undefined || api === undefined || !native.dlls.some((dll) => dllExports(dll, api.family))) {
        return;
      }
      const pathNode = native.args[api.pathArg];
      if (pathNode === undefined || pathNode.type === 'SpreadElement') {
        return;
      }
      const access = decideAccess(api, native.args);
      if (access === undefined) {
        checkFlagsAtCallSites(node, api, native, pathNode, native.args);
        return;
      }
      report(node, api, native, pathNode, access);
    }

    function report(
      node: TSESTree.CallExpression | TSESTree.NewExpression,
      api: Win32Api,
      native: NativeCall,
      pathNode: TSESTree.Node,
      access: AccessDecision,
    ): void {
      reportPathFinding(context, getFileAnalysis(context), {
        call: node,
        api: native.symbol,
        pathNode,
        values: pathValues(api, pathNode),
        wording: { ...CONSEQUENCE[access.effect], access: access.access, advice: access.advice },
        accessCertain: access.certain,
        viaHelpers: api.pathIn === 'argument',
        reportUnresolved,
        suggest: () => suggestion(node, api, access),
      });
    }

    return {
      CallExpression: check,
      NewExpression: check,
    };
  },
});

const MAX_CALL_SITES = 50;

/** The innermost function around a node. */
function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  // Program's parent is null, not undefined.
  for (let current: TSESTree.Node | null | undefined = node.parent; current != null; current = current.parent) {
    if (
      current.type === 'FunctionDeclaration' ||
      current.type === 'FunctionExpression' ||
      current.type === 'ArrowFunctionExpression'
    )
      return current;
  }
  return undefined;
}

/** The index of the parameter `node` names, when it is a plain parameter of `fn`. */
function parameterIndex(evaluator: Evaluator, fn: FunctionNode, node: TSESTree.Node): number | undefined {
  if (node.type !== 'Identifier') return undefined;
  const variable = evaluator.findVariable(node);
  const def = variable?.defs[0];
  if (def?.type !== 'Parameter' || def.node !== fn) return undefined;
  const index = fn.params.findIndex((param) => param.type === 'Identifier' && param.name === node.name);
  return index === -1 ? undefined : index;
}

/** The first argument (flags) that is a parameter of `fn`. */
function firstParameterIndex(evaluator: Evaluator, fn: FunctionNode, args: readonly Argument[]): number | undefined {
  for (const arg of args) {
    const index = arg === undefined ? undefined : parameterIndex(evaluator, fn, arg);
    if (index !== undefined) return index;
  }
  return undefined;
}

/** Member names that lead to a native call without being the symbol: ffi-rs `load`, `.call`, koffi `.async`. */
const CANDIDATE_MEMBERS = new Set(['load', 'call', 'async']);

/** fopen modes: 'r' reads; 'r+' writes in place; 'w' truncates; 'a' appends ('ccs=...' and b/t/x/N/S/R/T/D modifiers aside). */
function crtModeEffect(mode: string): Effect | undefined {
  const flagsPart = mode.split(',')[0] ?? '';
  const first = flagsPart.trimStart()[0];
  if (first === 'w') return 'truncate';
  if (first === 'a') return 'append';
  if (first === 'r') return flagsPart.includes('+') ? 'read-write' : undefined;
  return undefined;
}

/** 'r+b' → 'rb', 'rb+' → 'rb', 'r+, ccs=UTF-8' → 'r, ccs=UTF-8'. */
function crtReadOnlyMode(mode: string): string | undefined {
  const comma = mode.indexOf(',');
  const head = comma === -1 ? mode : mode.slice(0, comma);
  const tail = comma === -1 ? '' : mode.slice(comma);
  return head.startsWith('r') ? `${head.replaceAll('+', '')}${tail}` : undefined;
}

/**
 * The path inside an OBJECT_ATTRIBUTES value (best effort): `{ ObjectName: path }`
 * or `{ ObjectName: { Length, MaximumLength, Buffer: path } }` (a UNICODE_STRING).
 */
function objectName(memberValues: (object: Values, key: string) => Values, attributes: Values): Values {
  const name = memberValues(
    { items: attributes.items.filter((item) => item.kind === 'object'), complete: attributes.complete },
    'ObjectName',
  );
  const strings: AbstractValue[] = [];
  const objects: AbstractValue[] = [];
  for (const item of name.items) {
    if (item.kind === 'string') strings.push(item);
    else if (item.kind === 'object') objects.push(item);
  }
  if (strings.length === 0 && objects.length === 0) return UNKNOWN;
  const buffers =
    objects.length === 0 ? { items: [], complete: true } : memberValues({ items: objects, complete: true }, 'Buffer');
  return { items: [...strings, ...buffers.items], complete: name.complete && buffers.complete };
}
