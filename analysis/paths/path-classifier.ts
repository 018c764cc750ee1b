import { describeDeviceMatch } from './device-snapshot.js';
import type { CompiledGlob, WimbootSettings } from './settings.js';
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

// The last value set classified: a wrapper's path is classified where the call gives it (file-calls.ts), then
// by the rule, and when the path is the parameter itself both hold the argument's values.
const lastClassified = new WeakMap<WimbootSettings, { values: Values; classification: PathClassification }>();

/** Decides which alternatives of a value are system files under the settings' roots. */
export function classifyPathValues(values: Values, settings: WimbootSettings): PathClassification {
  const last = lastClassified.get(settings);
  if (last?.values === values) return last.classification;
  const classification = classifyUncached(values, settings);
  lastClassified.set(settings, { values, classification });
  return classification;
}

function classifyUncached(values: Values, settings: WimbootSettings): PathClassification {
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

// Per settings object (one per lint configuration): the same rendered path is decided once.
const verdictCache = new WeakMap<WimbootSettings, Map<string, PathVerdict>>();
const MAX_CACHED_VERDICTS = 10_000;

function classifyValue(item: AbstractValue, settings: WimbootSettings): PathVerdict | undefined {
  if (item.kind !== 'string') {
    return undefined;
  }
  const rendered = renderParts(item.parts);
  let cache = verdictCache.get(settings);
  if (cache === undefined) {
    cache = new Map();
    verdictCache.set(settings, cache);
  }
  let verdict = cache.get(rendered);
  if (verdict === undefined) {
    verdict = classifyRendered(rendered, settings);
    if (cache.size >= MAX_CACHED_VERDICTS) cache.clear();
    cache.set(rendered, verdict);
  }
  return verdict;
}

function classifyRendered(rendered: string, settings: WimbootSettings): PathVerdict {
  const normalised = normaliseWindowsPath(rendered);
  if (normalised.kind !== 'drive') {
    return { pattern: normalised.path, system: false };
  }
  const pattern = normalised.path;
  const probe = probePath(pattern);
  if (probe === undefined) {
    return { pattern, system: false };
  }
  const lowerProbe = probe.toLowerCase();
  if (settings.ignores.some((glob) => matches(glob, probe, lowerProbe))) {
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
  const root = settings.roots.find((glob) => matches(glob, probe, lowerProbe));
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

/** The literal start of a glob (lower case, `/` separators), and whether the glob is nothing else. */
interface LiteralPrefix {
  readonly prefix: string;
  readonly literal: boolean;
}
const literalPrefixes = new WeakMap<CompiledGlob, LiteralPrefix>();

/**
 * `glob.matcher.match(probe)`, without minimatch where its literal prefix
 * decides: a probe not starting with it cannot match, and a root written
 * without any wildcard (`C:\Windows`) matches itself and what lies below it.
 */
function matches(glob: CompiledGlob, probe: string, lowerProbe: string): boolean {
  let known = literalPrefixes.get(glob);
  if (known === undefined) {
    const normalised = glob.source.trim().replaceAll('\\', '/').toLowerCase();
    const special = normalised.search(/[*?[\]{}]|[!+@]\(/u);
    known =
      special === -1
        ? { prefix: normalised.replace(/\/+$/u, ''), literal: true }
        : { prefix: normalised.slice(0, special), literal: false };
    literalPrefixes.set(glob, known);
  }
  if (!lowerProbe.startsWith(known.prefix)) return false;
  if (known.literal) {
    // A root (compiled as `x{,/**}`) matches itself and below; a path glob only itself.
    const exact = lowerProbe.length === known.prefix.length;
    return glob.matcher.pattern.endsWith('{,/**}') ? exact || lowerProbe[known.prefix.length] === '/' : exact;
  }
  return glob.matcher.match(probe);
}
