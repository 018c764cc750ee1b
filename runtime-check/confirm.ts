/**
 * Confirms lint findings against what is really backed: each finding's path
 * pattern is matched against a snapshot's file list (any OS) or expanded and
 * queried on a live backend, then classified.
 */
import { escape } from 'glob';
import { isUnresolvedPattern, matchesPattern } from '../formats/finding-pattern.js';
import { BackendError, type BackedFile, type Backend } from './backends/backend.js';
import { PathIndex, PrefixFilter, literalPrefix, pathKey } from './path-index.js';
import type { Finding } from './report/finding.js';
import { streamSnapshot } from '../formats/snapshot/reader.js';

/**
 * - confirmed: matches at least one backed file (opening it for write rehydrates it);
 * - not-backed: the path exists (or, with a snapshot, is simply not listed) but is not backed;
 * - missing: no file matches on the device;
 * - unresolved: the pattern is too vague to check (`*`), or its volume cannot be checked.
 */
export type FindingStatus = 'confirmed' | 'not-backed' | 'missing' | 'unresolved';

export interface ConfirmedFinding {
  file: string;
  line: number;
  column?: number;
  ruleId: string | null;
  /** Alternatives joined with ` | `, as in the message trailer. */
  pattern: string;
  patterns: string[];
  status: FindingStatus;
  matches: BackedFile[];
  /** Logical bytes of the matched backed files. */
  bytesAtRisk: number;
  note?: string;
}

export interface ConfirmResult {
  against: { kind: 'snapshot'; file: string; takenAt: string; host: string } | { kind: 'device'; backend: string };
  findings: ConfirmedFinding[];
  counts: Record<FindingStatus, number>;
  /** Logical bytes of all distinct matched files. */
  bytesAtRisk: number;
}

/** Per-alternative outcome, before the alternatives of one finding are combined. */
interface PatternOutcome {
  status: FindingStatus;
  matches: BackedFile[];
  note?: string;
}

// Certainty order: a confirmed match wins; an unresolved alternative forbids a negative answer.
const RANK: Record<FindingStatus, number> = { confirmed: 3, unresolved: 2, 'not-backed': 1, missing: 0 };

function combine(finding: Finding, outcomes: PatternOutcome[]): ConfirmedFinding {
  let status: FindingStatus = 'missing';
  const notes: string[] = [];
  const matches = new Map<string, BackedFile>();
  for (const outcome of outcomes) {
    if (RANK[outcome.status] > RANK[status]) {
      status = outcome.status;
    }
    for (const match of outcome.matches) {
      matches.set(pathKey(match.path), match);
    }
    if (outcome.note !== undefined && !notes.includes(outcome.note)) {
      notes.push(outcome.note);
    }
  }
  const sorted = [...matches.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((pair) => pair[1]);
  return {
    file: finding.file,
    line: finding.line,
    ...(finding.column === undefined ? {} : { column: finding.column }),
    ruleId: finding.ruleId,
    pattern: finding.patterns.join(' | '),
    patterns: finding.patterns,
    status,
    matches: sorted,
    bytesAtRisk: sorted.reduce((sum, file) => sum + (file.size ?? 0), 0),
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
  };
}

function finish(against: ConfirmResult['against'], findings: ConfirmedFinding[]): ConfirmResult {
  const counts: Record<FindingStatus, number> = { confirmed: 0, 'not-backed': 0, missing: 0, unresolved: 0 };
  const atRisk = new Map<string, number>();
  for (const finding of findings) {
    counts[finding.status] += 1;
    for (const match of finding.matches) {
      atRisk.set(pathKey(match.path), match.size ?? 0);
    }
  }
  let bytesAtRisk = 0;
  for (const size of atRisk.values()) {
    bytesAtRisk += size;
  }
  return { against, findings, counts, bytesAtRisk };
}

const DRIVE = /^([A-Za-z]:)[\\/]/u;

/**
 * Checks findings against a snapshot. Only files that could match some
 * pattern are kept in memory. A snapshot lists backed files only, so a path it
 * does not list is `not-backed` (it may also be missing).
 */
export function confirmWithSnapshot(findings: readonly Finding[], snapshotFile: string): ConfirmResult {
  const checkable = [...new Set(findings.flatMap((finding) => finding.patterns))].filter(
    (pattern) => !isUnresolvedPattern(pattern),
  );
  // Patterns with a fixed start go through a prefix filter and a sorted
  // index; the rare ones starting with `*` are tested while streaming, so
  // neither kind keeps the whole file list in memory.
  const prefixed = checkable.filter((pattern) => literalPrefix(pattern) !== '');
  const floating = checkable.filter((pattern) => literalPrefix(pattern) === '');
  const floatingMatches = new Map<string, BackedFile[]>(floating.map((pattern) => [pattern, []]));
  const filter = new PrefixFilter(prefixed);
  const candidates: BackedFile[] = [];
  const streamed = streamSnapshot(snapshotFile, (file) => {
    if (filter.mayMatch(file.path)) {
      candidates.push(file);
    }
    for (const pattern of floating) {
      if (matchesPattern(file.path, pattern)) {
        floatingMatches.get(pattern)!.push(file);
      }
    }
  });
  const index = new PathIndex(candidates, (file) => file.path);
  const matchesOf = (pattern: string): BackedFile[] => floatingMatches.get(pattern) ?? index.match(pattern);
  const volumes = new Set(streamed.volumes.map((volume) => volume.volume.toUpperCase()));

  const results = findings.map((finding) =>
    combine(
      finding,
      finding.patterns.map((pattern): PatternOutcome => {
        if (isUnresolvedPattern(pattern)) {
          return { status: 'unresolved', matches: [], note: 'the linter could not resolve the path' };
        }
        const matches = matchesOf(pattern);
        if (matches.length > 0) {
          return { status: 'confirmed', matches };
        }
        const drive = DRIVE.exec(pattern)?.[1]?.toUpperCase();
        if (drive !== undefined && !volumes.has(drive)) {
          return { status: 'unresolved', matches: [], note: `the snapshot does not cover ${drive}` };
        }
        return { status: 'not-backed', matches: [] };
      }),
    ),
  );
  return finish(
    { kind: 'snapshot', file: snapshotFile, takenAt: streamed.header.takenAt, host: streamed.header.host },
    results,
  );
}

/**
 * A glob that finds every existing path the pattern can match: the pattern's
 * fixed folder plus `**`, filtered afterwards with the pattern itself (a `*`
 * in a finding may span folders, which a glob `*` cannot).
 */
export function globForPattern(pattern: string): string | null {
  const star = pattern.indexOf('*');
  if (star === -1) {
    return pattern;
  }
  const fixed = pattern.slice(0, star);
  const lastSeparator = Math.max(fixed.lastIndexOf('\\'), fixed.lastIndexOf('/'));
  const folder = fixed.slice(0, lastSeparator + 1).replaceAll('\\', '/');
  if (!DRIVE.test(folder)) {
    return null;
  }
  return `${escape(folder, { windowsPathsNoEscape: true })}**`;
}

async function checkPatternOnDevice(backend: Backend, pattern: string): Promise<PatternOutcome> {
  if (isUnresolvedPattern(pattern)) {
    return { status: 'unresolved', matches: [], note: 'the linter could not resolve the path' };
  }
  const glob = globForPattern(pattern);
  if (glob === null) {
    return {
      status: 'unresolved',
      matches: [],
      note: 'the pattern has no fixed folder to search from; use --snapshot',
    };
  }
  try {
    const candidates =
      glob === pattern ? [pattern] : (await backend.expand(glob)).filter((path) => matchesPattern(path, pattern));
    const matches: BackedFile[] = [];
    let exists = false;
    for (const candidate of candidates) {
      const result = await backend.query(candidate);
      if (result.status === 'backed') {
        matches.push(result.file);
      }
      exists ||= result.status !== 'missing';
    }
    if (matches.length > 0) {
      return { status: 'confirmed', matches };
    }
    return { status: exists ? 'not-backed' : 'missing', matches: [] };
  } catch (error) {
    // A finding on a volume this backend cannot see is unanswerable, not fatal.
    if (error instanceof BackendError && error.kind === 'bad-volume') {
      return { status: 'unresolved', matches: [], note: error.message };
    }
    throw error;
  }
}

/** Checks findings on the live device (or an offline volume) through a backend. */
export async function confirmWithBackend(findings: readonly Finding[], backend: Backend): Promise<ConfirmResult> {
  const results: ConfirmedFinding[] = [];
  const cache = new Map<string, PatternOutcome>();
  for (const finding of findings) {
    const outcomes: PatternOutcome[] = [];
    for (const pattern of finding.patterns) {
      let outcome = cache.get(pattern);
      if (outcome === undefined) {
        outcome = await checkPatternOnDevice(backend, pattern);
        cache.set(pattern, outcome);
      }
      outcomes.push(outcome);
    }
    results.push(combine(finding, outcomes));
  }
  return finish({ kind: 'device', backend: backend.name }, results);
}
