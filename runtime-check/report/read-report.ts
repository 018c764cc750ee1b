/** Reads wimboot findings from a lint report, ESLint JSON or SARIF 2.1.0. */
import { open } from 'node:fs/promises';
import { formatLimit } from '../../formats/snapshot/json-scanner.js';
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

export interface ReportLimits {
  /** Bytes in the whole report (a JSON text must fit in one JavaScript string). */
  readonly maxBytes: number;
}

// A lint report of 100,000 findings is about 50 MB; V8 strings stop near 512 MiB.
const REPORT_LIMITS: ReportLimits = { maxBytes: 256 * 1024 ** 2 };
const CHUNK = 1024 * 1024;

function describeFirstByte(byte: number): string {
  return byte >= 0x21 && byte < 0x7f
    ? `'${String.fromCharCode(byte)}'`
    : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

/** The first byte after a BOM and whitespace, or undefined when there is none yet. */
function firstSignificantByte(bytes: Buffer): number | undefined {
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (at < bytes.length && (bytes[at] === 0x20 || bytes[at] === 0x09 || bytes[at] === 0x0a || bytes[at] === 0x0d)) {
    at += 1;
  }
  return at < bytes.length ? bytes[at] : undefined;
}

/**
 * Reads a report once, front to back, in chunks: a FIFO or `<(...)` works as
 * a file does; something that is not JSON is refused at its first byte, and
 * anything larger than any lint report at the limit, before it fills memory.
 */
async function readReportText(reportFile: string, limits: ReportLimits): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  let checked = false;
  const handle = await open(reportFile, 'r');
  try {
    for (;;) {
      const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(CHUNK), 0, CHUNK, null);
      if (bytesRead === 0) {
        break;
      }
      total += bytesRead;
      if (total > limits.maxBytes) {
        throw new ReportFormatError(
          reportFile,
          `the report is larger than ${formatLimit(limits.maxBytes)}, more than any lint report (is this the report?)`,
        );
      }
      const chunk = buffer.subarray(0, bytesRead);
      chunks.push(chunk);
      const first = checked ? undefined : firstSignificantByte(Buffer.concat(chunks));
      if (first !== undefined) {
        checked = true;
        if (first !== 0x5b && first !== 0x7b) {
          throw new ReportFormatError(
            reportFile,
            `expected a JSON lint report (ESLint -f json, or SARIF 2.1.0), but it starts with ${describeFirstByte(first)}`,
          );
        }
      }
    }
  } finally {
    await handle.close();
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

export async function readReport(reportFile: string, limits: Partial<ReportLimits> = {}): Promise<ReadReport> {
  let text: string;
  try {
    text = await readReportText(reportFile, { ...REPORT_LIMITS, ...limits });
  } catch (error) {
    // Read errors such as EISDIR come without a path.
    if (!(error instanceof ReportFormatError)) {
      (error as NodeJS.ErrnoException).path ??= reportFile;
    }
    throw error;
  }
  return parseReport(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, reportFile);
}
