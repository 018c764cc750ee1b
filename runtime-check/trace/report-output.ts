/**
 * Runtime findings as the reports CI already reads: ESLint JSON (`-f json`'s
 * shape) and SARIF 2.1.0, each finding at the first frame in the user's
 * code, with its path in the `[wimboot-path: …]` trailer (and, in SARIF,
 * `properties.wimbootPaths`), so `confirm` and `diff --report` read them back
 * like lint reports.
 */
import { lstat, writeFile } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageInfo } from '../../formats/package-info.js';
import { ReportFormatError, type Finding } from '../report/finding.js';
import { RUNTIME_RULE_ID } from './writes.js';

const RULE_DESCRIPTION =
  'A write-access open of a file, recorded while the program ran (wimboot-check trace), at the line that made it.';
const DOCS_URL = 'https://github.com/eslint-plugin-wimboot/eslint-plugin-wimboot/blob/main/docs/trace.md';

function byLocation(a: Finding, b: Finding): number {
  return a.line - b.line || (a.column ?? 0) - (b.column ?? 0);
}

function byFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const files = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = files.get(finding.file) ?? [];
    list.push(finding);
    files.set(finding.file, list);
  }
  for (const list of files.values()) list.sort(byLocation);
  return files;
}

export function toEslintJson(findings: readonly Finding[]): unknown[] {
  return [...byFile(findings)].map(([filePath, list]) => ({
    filePath,
    messages: list.map((finding) => ({
      ruleId: finding.ruleId,
      severity: 2,
      message: finding.message,
      line: finding.line,
      column: finding.column ?? 1,
      nodeType: null,
    })),
    suppressedMessages: [],
    errorCount: list.length,
    fatalErrorCount: 0,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  }));
}

/** Below the source root: relative to %SRCROOT% (as code scanning wants); elsewhere a file URL. */
function artifactLocation(file: string, root: string): { uri: string; uriBaseId?: string } {
  const inside = isAbsolute(file) ? relative(root, file) : '';
  const below = inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
  if (!below) return { uri: isAbsolute(file) ? pathToFileURL(file).href : file };
  return { uri: inside.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

export function toSarif(findings: readonly Finding[], root: string): Record<string, unknown> {
  const files = byFile(findings);
  const artifacts = [...files.keys()].map((file) => ({ location: artifactLocation(file, root) }));
  const results = [...files.values()].flatMap((list, index) =>
    list.map((finding) => ({
      ruleId: RUNTIME_RULE_ID,
      ruleIndex: 0,
      level: 'error',
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { ...artifacts[index]!.location, index },
            region: {
              startLine: finding.line,
              ...(finding.column === undefined ? {} : { startColumn: finding.column }),
            },
          },
        },
      ],
      properties: { wimbootPaths: finding.patterns },
    })),
  );
  const { name, version } = packageInfo();
  return {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'wimboot-check',
            version,
            informationUri: DOCS_URL,
            rules: [
              {
                id: RUNTIME_RULE_ID,
                shortDescription: { text: RULE_DESCRIPTION },
                helpUri: DOCS_URL,
                defaultConfiguration: { level: 'error' },
              },
            ],
          },
          extensions: [{ name, version }],
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root.endsWith(sep) ? root : `${root}${sep}`).href } },
        artifacts,
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

/** Writes a report file; never replaces anything but a regular file. */
export async function writeReportFile(file: string, value: unknown): Promise<void> {
  try {
    const info = await lstat(file);
    if (!info.isFile()) {
      throw new ReportFormatError(file, 'refusing to write a report over it: not a regular file');
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}
