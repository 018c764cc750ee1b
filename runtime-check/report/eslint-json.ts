/**
 * ESLint's `json` / `json-with-metadata` formatter output. That format keeps
 * only message text, so the pattern comes from the message trailer.
 */
import { parsePatternTrailer } from '../../formats/finding-pattern.js';
import { isObject } from '../../formats/is-object.js';
import { ReportFormatError, type Finding } from './finding.js';

/** True for `json` (an array of results) and `json-with-metadata` ({results, metadata}). */
export function looksLikeEslintJson(data: unknown): boolean {
  return Array.isArray(data) || (isObject(data) && Array.isArray(data.results) && isObject(data.metadata));
}

export function findingsFromEslintJson(data: unknown, reportFile: string): Finding[] {
  const results = Array.isArray(data) ? data : isObject(data) ? data.results : undefined;
  if (!Array.isArray(results)) {
    throw new ReportFormatError(reportFile, 'expected an ESLint JSON report (an array of {filePath, messages})');
  }
  const findings: Finding[] = [];
  results.forEach((result: unknown, index) => {
    if (!isObject(result) || typeof result.filePath !== 'string' || !Array.isArray(result.messages)) {
      throw new ReportFormatError(reportFile, `results[${index}]: expected {filePath: string, messages: [...]}`);
    }
    for (const message of result.messages as unknown[]) {
      if (!isObject(message) || typeof message.message !== 'string') {
        continue;
      }
      const patterns = parsePatternTrailer(message.message);
      if (patterns === null) {
        continue;
      }
      findings.push({
        file: result.filePath,
        line: typeof message.line === 'number' ? message.line : 0,
        ...(typeof message.column === 'number' ? { column: message.column } : {}),
        ruleId: typeof message.ruleId === 'string' ? message.ruleId : null,
        message: message.message,
        patterns,
      });
    }
  });
  return findings;
}
