/** Reads wimboot findings from a lint report, ESLint JSON or SARIF 2.1.0. */
import { readFile } from 'node:fs/promises';
import { findingsFromEslintJson, looksLikeEslintJson } from './eslint-json.js';
import { ReportFormatError, type Finding } from './finding.js';
import { findingsFromSarif, looksLikeSarif } from './sarif.js';

export type ReportKind = 'eslint-json' | 'sarif';

export interface ReadReport {
  kind: ReportKind;
  findings: Finding[];
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${line}:${column}`;
}

export function parseReport(text: string, reportFile: string): ReadReport {
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/u.exec(message);
    const where = position === null ? '' : `${lineAndColumn(text, Number(position[1]))}: `;
    throw new ReportFormatError(
      `${reportFile}${where === '' ? '' : `:${where.slice(0, -2)}`}`,
      `expected a JSON lint report (ESLint -f json, or SARIF 2.1.0), but it is not valid JSON (${message})`,
    );
  }
  if (looksLikeSarif(data)) {
    return { kind: 'sarif', findings: findingsFromSarif(data, reportFile) };
  }
  if (looksLikeEslintJson(data)) {
    return { kind: 'eslint-json', findings: findingsFromEslintJson(data, reportFile) };
  }
  throw new ReportFormatError(
    reportFile,
    'expected an ESLint JSON report (an array of {filePath, messages}) or a SARIF 2.1.0 log ({"version": "2.1.0", "runs": [...]})',
  );
}

export async function readReport(reportFile: string): Promise<ReadReport> {
  let text: string;
  try {
    text = await readFile(reportFile, 'utf8');
  } catch (error) {
    // Read errors such as EISDIR come without a path.
    (error as NodeJS.ErrnoException).path ??= reportFile;
    throw error;
  }
  return parseReport(text, reportFile);
}
