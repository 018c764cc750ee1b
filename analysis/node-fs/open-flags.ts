import type { AbstractValue, Values } from '../evaluator/values.js';
import { STRING_FLAGS, type WriteMode } from '../../formats/write-apis.js';

/**
 * Node `fs` open flags: which ones ask Windows for data-write access, and how
 * (see docs/reference/fs-surface.md §1.1, libuv fs__open).
 */

export type { WriteMode } from '../../formats/write-apis.js';

// Windows values (libuv maps UV_FS_O_* to the CRT's _O_*); only the low two
// bits of a numeric literal are portable across platforms.
const O_ACCESS_MASK = 0x3;
const O_APPEND = 0x8;
const O_CREAT = 0x100;
const O_TRUNC = 0x200;

/** One possible flag value, decided. */
export interface FlagVerdict {
  /** Undefined: the flag opens read-only (or is invalid and throws). */
  readonly mode: WriteMode | undefined;
  /** How to show the flag in a message: `'r+'` or the source text of a numeric expression. */
  readonly display: string;
}

/** Decides one flag value; undefined when it cannot be decided (unknown string, object...). */
export function decideFlag(item: AbstractValue, numericDisplay: string): FlagVerdict | undefined {
  if (item.kind === 'string') {
    if (!item.parts.every((part) => part.kind === 'text')) {
      return undefined;
    }
    const flag = item.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('');
    const mode = STRING_FLAGS.get(flag);
    // An invalid string flag throws ERR_INVALID_ARG_VALUE before any open.
    return { mode: mode === 'read' ? undefined : mode, display: `'${flag}'` };
  }
  if (item.kind === 'number') {
    // Node's permission model predicate (src/node_file.cc CheckOpenPermissions).
    const flags = item.value;
    const writes = (flags & O_ACCESS_MASK) !== 0 || (flags & (O_APPEND | O_CREAT | O_TRUNC)) !== 0;
    if (!writes) {
      return { mode: undefined, display: numericDisplay };
    }
    const mode: WriteMode = (flags & O_TRUNC) !== 0 ? 'truncate' : (flags & O_APPEND) !== 0 ? 'append' : 'read-write';
    return { mode, display: numericDisplay };
  }
  return undefined;
}

/** The verdicts of every flag value; `complete` false when some could not be decided. */
export function decideFlags(values: Values, numericDisplay: string): { verdicts: FlagVerdict[]; complete: boolean } {
  const verdicts: FlagVerdict[] = [];
  let complete = values.complete;
  for (const item of values.items) {
    const verdict = decideFlag(item, numericDisplay);
    if (verdict === undefined) {
      complete = false;
    } else {
      verdicts.push(verdict);
    }
  }
  return { verdicts, complete };
}

/** The read-only flag with the same sync behaviour, for advice and fixes ('rs+' → 'rs'). */
export function readOnlyCounterpart(flag: string): string | undefined {
  switch (flag) {
    case 'r+':
      return 'r';
    case 'rs+':
      return 'rs';
    case 'sr+':
      return 'sr';
    default:
      return undefined;
  }
}
