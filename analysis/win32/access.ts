import type { TSESTree } from '@typescript-eslint/utils';
import { type AccessDecision, type WriteEffect, memoisedDecider } from '../access-decision.js';
import type { Evaluator } from '../evaluator/evaluate.js';
import type { Frame } from '../evaluator/frames.js';
import { type AbstractValue, type Values, UNKNOWN, staticText } from '../evaluator/values.js';
import { type NativeSinkCall, accessIsFixed } from '../sink-calls.js';
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
} from './access-mask.js';
import type { Win32Api } from './apis.js';

/**
 * The access a Win32 or CRT call through FFI asks for (fs-surface.md §4):
 * CreateFile* and Nt* access masks and dispositions, OpenFile styles, the
 * destination of copies and moves (with their fail-if-exists flags), fopen
 * modes and _open oflags. Undefined when the call only reads.
 */

export interface Win32AccessOptions {
  /** Report metadata-only access (FILE_WRITE_ATTRIBUTES, WRITE_DAC…). */
  readonly checkMetadataAccess: boolean;
}

type Argument = TSESTree.Node | undefined;

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

/** The access a call asks for (memoised per options and call). */
export const decideWin32Access = memoisedDecider<NativeSinkCall, Win32AccessOptions>(decide, accessIsFixed);

function decide(
  sink: NativeSinkCall,
  options: Win32AccessOptions,
  frame: Frame | undefined,
): AccessDecision | undefined {
  const { api, args, evaluator } = sink;
  const flags = (node: Argument, names: ReadonlyMap<string, number>): FlagValues =>
    node === undefined || node.type === 'SpreadElement'
      ? { items: [], complete: false }
      : evaluateFlags(evaluator, node, names, frame);
  const { access } = api;
  switch (access.kind) {
    case 'create-file':
      return decideCreateFile({ ...api, access }, args, flags, options, evaluator, frame);
    case 'open-file-style':
      return decideOpenFile(flags(args[access.styleArg], OPENFILE_STYLES));
    case 'destination':
      return decideDestination({ ...api, access }, args, flags);
    case 'crt-mode':
      return decideCrtMode(args[access.modeArg], evaluator, frame);
    case 'crt-oflag':
      return decideCrtOflag(flags(args[access.oflagArg], CRT_OFLAGS));
    case 'crt-create':
      return { effect: 'overwrite', access: '', certain: true, advice: { kind: 'app-data' } };
  }
}

function decideCreateFile(
  api: Win32Api & { access: { kind: 'create-file' } },
  args: readonly Argument[],
  flags: (node: Argument, names: ReadonlyMap<string, number>) => FlagValues,
  options: Win32AccessOptions,
  evaluator: Evaluator,
  frame: Frame | undefined,
): AccessDecision | undefined {
  const { accessArg, dispositionArg, dispositions } = api.access;
  const accessNode = args[accessArg];
  const mask = flags(accessNode, ACCESS_NAMES);
  const dispositionTable = dispositions === 'nt' ? NT_DISPOSITIONS : WIN32_DISPOSITIONS;
  const truncating = dispositions === 'nt' ? NT_TRUNCATING : WIN32_TRUNCATING;
  const disposition = dispositionArg === undefined ? undefined : flags(args[dispositionArg], dispositionTable);
  const truncates = disposition?.items.filter((item) => item.exact && truncating.has(item.bits)) ?? [];
  const dataMasks = mask.items.filter((item) => accessWrites(item) === 'data');
  const [firstTruncate] = truncates;
  if (firstTruncate !== undefined && disposition !== undefined) {
    const shown = dataMasks[0] ?? (mask.items.length === 1 ? mask.items[0] : undefined);
    const shownMask = shown === undefined ? '' : describeAccess(shown);
    const name = describeEnum(firstTruncate.bits, dispositionTable);
    return {
      effect: 'overwrite',
      access: ` with ${shownMask === '' ? name : `${shownMask} and ${name}`}`,
      certain: disposition.complete && truncates.length === disposition.items.length,
      advice: { kind: 'app-data' },
    };
  }
  const [firstData] = dataMasks;
  if (firstData !== undefined) {
    // A rewrite only where the mask is written, not for one call site of a helper.
    const readOnly =
      accessNode === undefined || frame !== undefined
        ? undefined
        : readOnlyAccessText(evaluator, accessNode, evaluator.module);
    return {
      effect: 'read-write',
      access: ` with ${describeAccess(firstData)}`,
      certain: mask.complete && dataMasks.length === mask.items.length,
      advice: { kind: 'read-only', api: 'access-mask', spelling: 'GENERIC_READ' },
      ...(readOnly === undefined || accessNode === undefined ? {} : { fix: { node: accessNode, text: readOnly } }),
    };
  }
  const metadataMasks = mask.items.filter((item) => accessWrites(item) === 'metadata');
  const [firstMetadata] = metadataMasks;
  if (options.checkMetadataAccess && firstMetadata !== undefined) {
    return {
      effect: 'metadata',
      access: ` with ${describeAccess(firstMetadata)}`,
      certain: mask.complete && metadataMasks.length === mask.items.length,
    };
  }
  return undefined;
}

function decideOpenFile(style: FlagValues): AccessDecision | undefined {
  const creating = style.items.filter((item) => (item.bits & OF_CREATE) !== 0);
  const writing = style.items.filter((item) => (item.bits & (OF_WRITE | OF_READWRITE | OF_CREATE)) !== 0);
  const [first] = creating.length > 0 ? creating : writing;
  if (first === undefined) return undefined;
  return {
    effect: creating.length > 0 ? 'overwrite' : 'read-write',
    access: ` with ${describeOpenFileStyle(first)}`,
    certain: style.complete && writing.length === style.items.length,
    advice: creating.length > 0 ? { kind: 'app-data' } : { kind: 'read-only', api: 'open-file', spelling: 'OF_READ' },
  };
}

function decideDestination(
  api: Win32Api & { access: { kind: 'destination' } },
  args: readonly Argument[],
  flags: (node: Argument, names: ReadonlyMap<string, number>) => FlagValues,
): AccessDecision | undefined {
  const { guard } = api.access;
  let certain = true;
  if (guard !== undefined) {
    // An omitted flag is 0 (false): CopyFileW replaces, MoveFileExW does not.
    const values =
      args[guard.arg] === undefined
        ? { items: [{ bits: 0, exact: true }], complete: true }
        : flags(args[guard.arg], DESTINATION_FLAG_NAMES);
    const replaces = (item: FlagValue): boolean | undefined => {
      const set = (item.bits & guard.bit) !== 0;
      if (!item.exact && !set) return undefined;
      return guard.replacesWhen === 'set' ? set : !set;
    };
    const verdicts = values.items.map(replaces);
    if (values.complete && verdicts.length > 0 && verdicts.every((verdict) => verdict === false)) return undefined;
    certain = values.complete && verdicts.length > 0 && verdicts.every((verdict) => verdict === true);
  }
  return { effect: 'replace', access: ' (destination)', certain };
}

function decideCrtMode(modeNode: Argument, evaluator: Evaluator, frame: Frame | undefined): AccessDecision | undefined {
  if (modeNode === undefined || modeNode.type === 'SpreadElement') return undefined;
  const values = evaluator.evaluate(modeNode, frame);
  const modes = values.items.map((item) => staticText(item)).filter((mode) => mode !== undefined);
  const writing = modes
    .map((mode) => ({ mode, effect: crtModeEffect(mode) }))
    .filter((entry) => entry.effect !== undefined);
  const [first] = writing;
  if (first?.effect === undefined) return undefined;
  const readOnly = first.effect === 'read-write' ? crtReadOnlyMode(first.mode) : undefined;
  const fixable =
    readOnly !== undefined &&
    frame === undefined &&
    writing.length === 1 &&
    modeNode.type === 'Literal' &&
    typeof modeNode.value === 'string';
  return {
    effect: first.effect,
    access: first.effect === 'read-write' ? ` with write access ('${first.mode}')` : ` ('${first.mode}')`,
    certain: values.complete && writing.length === values.items.length,
    advice:
      first.effect === 'read-write'
        ? { kind: 'read-only', api: 'crt-mode', spelling: `'${readOnly ?? 'r'}'` }
        : { kind: 'app-data' },
    ...(fixable ? { fix: { node: modeNode, text: `'${readOnly}'` } } : {}),
  };
}

function decideCrtOflag(oflag: FlagValues): AccessDecision | undefined {
  const effectOf = (item: FlagValue): WriteEffect | undefined => {
    if ((item.bits & O_TRUNC) !== 0) return 'overwrite';
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
    advice:
      effect === 'read-write' ? { kind: 'read-only', api: 'crt-oflag', spelling: '_O_RDONLY' } : { kind: 'app-data' },
  };
}

/** fopen modes: 'r' reads; 'r+' writes in place; 'w' truncates; 'a' appends ('ccs=...' and b/t/x/N/S/R/T/D modifiers aside). */
function crtModeEffect(mode: string): WriteEffect | undefined {
  const flagsPart = mode.split(',')[0] ?? '';
  const first = flagsPart.trimStart()[0];
  if (first === 'w') return 'overwrite';
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

/** The values of the path a native call names (inside OBJECT_ATTRIBUTES for Nt* calls). */
export function nativePathValues(sink: NativeSinkCall, frame?: Frame): Values {
  const { pathNode, evaluator, api } = sink;
  if (pathNode === undefined) return UNKNOWN;
  const values = evaluator.evaluate(pathNode, frame);
  return api.pathIn === 'object-attributes' ? objectName(evaluator, values, frame) : values;
}

/**
 * The path inside an OBJECT_ATTRIBUTES value (best effort): `{ ObjectName: path }`
 * or `{ ObjectName: { Length, MaximumLength, Buffer: path } }` (a UNICODE_STRING).
 */
function objectName(evaluator: Evaluator, attributes: Values, frame: Frame | undefined): Values {
  const name = evaluator.memberValues(
    { items: attributes.items.filter((item) => item.kind === 'object'), complete: attributes.complete },
    'ObjectName',
    frame,
  );
  const strings: AbstractValue[] = [];
  const objects: AbstractValue[] = [];
  for (const item of name.items) {
    if (item.kind === 'string') strings.push(item);
    else if (item.kind === 'object') objects.push(item);
  }
  if (strings.length === 0 && objects.length === 0) return UNKNOWN;
  const buffers =
    objects.length === 0
      ? { items: [], complete: true }
      : evaluator.memberValues({ items: objects, complete: true }, 'Buffer', frame);
  return { items: [...strings, ...buffers.items], complete: name.complete && buffers.complete };
}
