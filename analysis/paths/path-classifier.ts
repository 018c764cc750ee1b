import { describeDeviceMatch } from './device-snapshot.js';
import type { WimbootSettings } from './settings.js';
import { normaliseWindowsPath, renderParts } from './windows-path.js';
import type { AbstractValue, Values } from '../evaluator/values.js';

/** What the classifier decided about one alternative of a path value. */
export interface PathVerdict {
  /** Normalised Windows pattern (`*` for unknown parts). */
  readonly pattern: string;
  readonly system: boolean;
  /** The configured root it falls under, when system by the roots. */
  readonly root?: string;
  /** When a device snapshot decided it: the sentence saying how the file is backed there. */
  readonly device?: string;
}

/** Classification of every alternative of a path expression. */
export interface PathClassification {
  /** Alternatives that are system paths (what to report). */
  readonly system: readonly PathVerdict[];
  /** True when every alternative is a system path: "writes", not "may write". */
  readonly certain: boolean;
  /** True when no alternative has any known part (nothing to decide on). */
  readonly unresolved: boolean;
}

const PROBE = '\u0000probe';

/** Decides which alternatives of a value are system files under the settings' roots. */
export function classifyPathValues(values: Values, settings: WimbootSettings): PathClassification {
  const verdicts: PathVerdict[] = [];
  let stringCount = 0;
  let unresolved = true;
  for (const item of values.items) {
    const verdict = classifyValue(item, settings);
    if (verdict === undefined) {
      continue;
    }
    stringCount++;
    if (!/^[*\\]*$/u.test(verdict.pattern)) {
      unresolved = false;
    }
    verdicts.push(verdict);
  }
  const system = dedupe(verdicts.filter((verdict) => verdict.system));
  return {
    system,
    certain:
      values.complete &&
      system.length > 0 &&
      stringCount === values.items.length &&
      verdicts.every((verdict) => verdict.system),
    unresolved,
  };
}

function classifyValue(item: AbstractValue, settings: WimbootSettings): PathVerdict | undefined {
  if (item.kind !== 'string') {
    return undefined;
  }
  const rendered = renderParts(item.parts);
  const normalised = normaliseWindowsPath(rendered);
  if (normalised.kind !== 'drive') {
    return { pattern: normalised.path, system: false };
  }
  const pattern = normalised.path;
  const probe = probePath(pattern);
  if (probe === undefined) {
    return { pattern, system: false };
  }
  if (settings.ignores.some((glob) => glob.matcher.match(probe))) {
    return { pattern, system: false };
  }
  // A snapshot decides for the volumes it covers: system exactly when backed
  // there (a pattern too broad to decide is judged by the roots, as without one).
  const device = settings.device;
  const match = device?.covers(pattern) === true ? device.match(pattern) : undefined;
  if (match !== undefined) {
    return match === null
      ? { pattern, system: false }
      : { pattern, system: true, device: describeDeviceMatch(match, device!.host) };
  }
  const root = settings.roots.find((glob) => glob.matcher.match(probe));
  if (root === undefined) {
    return { pattern, system: false };
  }
  return { pattern, system: true, root: root.source };
}

/**
 * The concrete path to test: the pattern itself when fully known, else its
 * known folder prefix plus a probe name (a `*` may be anything below it).
 */
function probePath(pattern: string): string | undefined {
  const segments = pattern.split('\\');
  const firstUnknown = segments.findIndex((segment) => segment.includes('*'));
  if (firstUnknown === -1) {
    return segments.join('/');
  }
  if (firstUnknown <= 1) {
    return undefined;
  }
  return [...segments.slice(0, firstUnknown), PROBE].join('/');
}

function dedupe(verdicts: PathVerdict[]): PathVerdict[] {
  const seen = new Set<string>();
  return verdicts.filter((verdict) => {
    const key = verdict.pattern.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The device sentence of a finding: from the first verdict a snapshot decided, else ''. */
export function deviceNote(verdicts: readonly PathVerdict[]): string {
  return verdicts.find((verdict) => verdict.device !== undefined)?.device ?? '';
}
