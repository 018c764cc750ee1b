/**
 * SARIF 2.1.0 (GitHub code scanning). The plugin puts the patterns in
 * `result.properties.wimbootPaths`; the message trailer is the fallback for
 * converters that drop property bags.
 */
import { fileURLToPath } from 'node:url';
import { parsePatternTrailer } from '../../formats/finding-pattern.js';
import { isObject } from '../../formats/is-object.js';
import { ReportFormatError, type Finding } from './finding.js';

export function looksLikeSarif(data: unknown): boolean {
  return isObject(data) && Array.isArray(data.runs) && (data.version === '2.1.0' || typeof data.$schema === 'string');
}

/** `run.originalUriBaseIds` as id → absolute base URI (e.g. %SRCROOT% → file:///repo/). */
function uriBases(run: Record<string, unknown>): Map<string, string> {
  const bases = new Map<string, string>();
  if (isObject(run.originalUriBaseIds)) {
    for (const [id, base] of Object.entries(run.originalUriBaseIds)) {
      if (isObject(base) && typeof base.uri === 'string') {
        bases.set(id, base.uri);
      }
    }
  }
  return bases;
}

/**
 * Decodes the valid %XX sequences of a URI and keeps every other `%` as
 * written: producers put literal `%` in artifact URIs (`src/100%done.js`),
 * which decodeURIComponent refuses outright.
 */
function decodePercents(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/giu, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** A file path for an artifact URI: relative URIs are resolved against their uriBaseId. */
function artifactPath(uri: string, base: string | undefined): string {
  let absolute = uri;
  if (base !== undefined && !/^[a-z][a-z0-9+.-]*:/iu.test(uri)) {
    try {
      absolute = new URL(uri, base).href;
    } catch {
      return decodePercents(uri);
    }
  }
  if (absolute.startsWith('file:')) {
    try {
      return fileURLToPath(absolute);
    } catch {
      // A literal % (fileURLToPath decodes strictly), or a file: URL for another OS.
      try {
        const url = new URL(absolute);
        return url.host === '' && !/^\/[a-z]:/iu.test(url.pathname) ? decodePercents(url.pathname) : absolute;
      } catch {
        return absolute;
      }
    }
  }
  return absolute === uri ? decodePercents(uri) : absolute;
}

function locationOf(
  result: Record<string, unknown>,
  bases: Map<string, string>,
): { file: string; line: number; column?: number } {
  const first = Array.isArray(result.locations) ? (result.locations[0] as unknown) : undefined;
  const physical = isObject(first) && isObject(first.physicalLocation) ? first.physicalLocation : undefined;
  const artifact =
    physical !== undefined && isObject(physical.artifactLocation) ? physical.artifactLocation : undefined;
  const region = physical !== undefined && isObject(physical.region) ? physical.region : undefined;
  const uri = artifact !== undefined && typeof artifact.uri === 'string' ? artifact.uri : '';
  const baseId = artifact !== undefined && typeof artifact.uriBaseId === 'string' ? artifact.uriBaseId : undefined;
  return {
    file: artifactPath(uri, baseId === undefined ? undefined : bases.get(baseId)),
    line: region !== undefined && typeof region.startLine === 'number' ? region.startLine : 0,
    ...(region !== undefined && typeof region.startColumn === 'number' ? { column: region.startColumn } : {}),
  };
}

function patternsOf(result: Record<string, unknown>, text: string): string[] | null {
  const properties = isObject(result.properties) ? result.properties : undefined;
  const listed = properties?.wimbootPaths;
  if (Array.isArray(listed)) {
    const patterns = listed.filter((entry): entry is string => typeof entry === 'string' && entry.length > 0);
    if (patterns.length > 0) {
      return patterns;
    }
  }
  return parsePatternTrailer(text);
}

/**
 * SARIF 2.1.0 §3.27.23: a result is suppressed (an `eslint-disable` comment,
 * for ESLint) when it has a suppression whose status is absent or "accepted";
 * ESLint JSON keeps those apart in `suppressedMessages`, so both readers agree.
 */
function isSuppressed(result: Record<string, unknown>): boolean {
  return (
    Array.isArray(result.suppressions) &&
    result.suppressions.some(
      (suppression: unknown) =>
        isObject(suppression) && (suppression.status === undefined || suppression.status === 'accepted'),
    )
  );
}

export function findingsFromSarif(data: unknown, reportFile: string): Finding[] {
  if (!isObject(data) || !Array.isArray(data.runs)) {
    throw new ReportFormatError(reportFile, 'expected a SARIF 2.1.0 log ({"version": "2.1.0", "runs": [...]})');
  }
  if (data.version !== '2.1.0') {
    throw new ReportFormatError(reportFile, `expected SARIF version "2.1.0", got ${JSON.stringify(data.version)}`);
  }
  const findings: Finding[] = [];
  data.runs.forEach((run: unknown, runIndex) => {
    if (!isObject(run)) {
      throw new ReportFormatError(reportFile, `runs[${runIndex}]: expected an object`);
    }
    const bases = uriBases(run);
    const results = run.results ?? [];
    if (!Array.isArray(results)) {
      throw new ReportFormatError(reportFile, `runs[${runIndex}].results: expected an array`);
    }
    for (const result of results as unknown[]) {
      if (!isObject(result) || isSuppressed(result)) {
        continue;
      }
      const message = isObject(result.message) && typeof result.message.text === 'string' ? result.message.text : '';
      const patterns = patternsOf(result, message);
      if (patterns === null) {
        continue;
      }
      findings.push({
        ...locationOf(result, bases),
        ruleId: typeof result.ruleId === 'string' ? result.ruleId : null,
        message,
        patterns,
      });
    }
  });
  return findings;
}
