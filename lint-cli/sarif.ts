/**
 * ESLint formatter writing SARIF 2.1.0 (for GitHub code scanning).
 *
 * Written here rather than depending on @microsoft/eslint-formatter-sarif,
 * which pulls in ESLint 8. Works for any rule; wimboot findings additionally
 * carry their path patterns in `properties.wimbootPaths`.
 */
import type { ESLint, Linter, Rule } from 'eslint';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parsePatternTrailer } from '../formats/finding-pattern.js';
import { packageInfo } from '../formats/package-info.js';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SOURCE_ROOT = '%SRCROOT%';

const packageJson = packageInfo();
const PLUGIN_URI = 'https://github.com/eslint-plugin-wimboot/eslint-plugin-wimboot';

type Level = 'error' | 'warning' | 'note';

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string; index: number };
    region?: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number };
  };
}

interface SarifResult {
  ruleId?: string;
  ruleIndex?: number;
  level: Level;
  message: { text: string };
  locations: SarifLocation[];
  suppressions?: { kind: 'inSource'; justification?: string }[];
  properties?: { wimbootPaths: string[] };
}

interface SarifRule {
  id: string;
  shortDescription?: { text: string };
  helpUri?: string;
  help?: { text: string };
  properties?: Record<string, unknown>;
}

interface SarifNotification {
  level: Level;
  message: { text: string };
  locations: SarifLocation[];
}

/** Options for wimboot-lint, which reports as its own tool rather than as ESLint. */
export interface SarifToolInfo {
  name: string;
  version?: string;
  informationUri: string;
}

const ESLINT_TOOL: SarifToolInfo = { name: 'ESLint', informationUri: 'https://eslint.org' };

/** A file URI relative to the source root when the file is under it, absolute otherwise. */
function artifactUri(filePath: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = relative(cwd, filePath);
  if (rel.length > 0 && !rel.startsWith('..') && !isAbsolute(rel)) {
    return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
  }
  return { uri: pathToFileURL(filePath).href };
}

function level(severity: Linter.Severity): Level {
  return severity === 2 ? 'error' : severity === 1 ? 'warning' : 'note';
}

function region(message: Linter.LintMessage): SarifLocation['physicalLocation']['region'] | undefined {
  if (!(message.line >= 1)) {
    return undefined; // file-level message
  }
  return {
    startLine: message.line,
    ...(message.column >= 1 ? { startColumn: message.column } : {}),
    ...(message.endLine !== undefined && message.endLine >= message.line ? { endLine: message.endLine } : {}),
    ...(message.endColumn !== undefined && message.endColumn >= 1 ? { endColumn: message.endColumn } : {}),
  };
}

function describeRule(id: string, meta: Rule.RuleMetaData | undefined): SarifRule {
  const docs = meta?.docs;
  const rule: SarifRule = { id };
  if (docs?.description !== undefined) {
    rule.shortDescription = { text: docs.description };
  }
  if (docs?.url !== undefined) {
    rule.helpUri = docs.url;
    rule.help = { text: `${docs.description ?? id}\nDocumentation: ${docs.url}` };
  }
  if (meta?.type !== undefined) {
    rule.properties = { category: meta.type };
  }
  return rule;
}

/** Builds the SARIF log object (exported for wimboot-lint and tests). */
export function toSarifLog(
  results: readonly ESLint.LintResult[],
  context: Pick<ESLint.LintResultData, 'cwd' | 'rulesMeta'>,
  tool: SarifToolInfo = ESLINT_TOOL,
): Record<string, unknown> {
  const rules: SarifRule[] = [];
  const ruleIndexes = new Map<string, number>();
  const artifacts: { location: { uri: string; uriBaseId?: string } }[] = [];
  const sarifResults: SarifResult[] = [];
  const notifications: SarifNotification[] = [];

  const ruleIndex = (id: string): number => {
    let index = ruleIndexes.get(id);
    if (index === undefined) {
      index = rules.length;
      rules.push(describeRule(id, context.rulesMeta[id]));
      ruleIndexes.set(id, index);
    }
    return index;
  };

  for (const result of results) {
    const all = [
      ...result.messages.map((message) => ({ message, suppressions: undefined })),
      ...(result.suppressedMessages ?? []).map((message) => ({ message, suppressions: message.suppressions })),
    ];
    if (all.length === 0) {
      continue;
    }
    const artifactIndex = artifacts.length;
    const location = artifactUri(result.filePath, context.cwd);
    artifacts.push({ location });
    for (const { message, suppressions } of all) {
      const where = region(message);
      const locations: SarifLocation[] = [
        {
          physicalLocation: {
            artifactLocation: { ...location, index: artifactIndex },
            ...(where === undefined ? {} : { region: where }),
          },
        },
      ];
      if (message.ruleId === null) {
        // Parse errors and the like are about running the tool, not rule results.
        notifications.push({ level: level(message.severity), message: { text: message.message }, locations });
        continue;
      }
      const sarifResult: SarifResult = {
        ruleId: message.ruleId,
        ruleIndex: ruleIndex(message.ruleId),
        level: level(message.severity),
        message: { text: message.message },
        locations,
      };
      const paths = parsePatternTrailer(message.message);
      if (paths !== null) {
        sarifResult.properties = { wimbootPaths: paths };
      }
      if (suppressions !== undefined) {
        sarifResult.suppressions = suppressions.map((suppression) => ({
          kind: 'inSource' as const,
          ...(suppression.justification ? { justification: suppression.justification } : {}),
        }));
      }
      sarifResults.push(sarifResult);
    }
  }

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            ...(tool.version === undefined ? {} : { version: tool.version }),
            informationUri: tool.informationUri,
            rules,
          },
          extensions: [{ name: packageJson.name, version: packageJson.version, informationUri: PLUGIN_URI }],
        },
        originalUriBaseIds: {
          [SOURCE_ROOT]: { uri: pathToFileURL(context.cwd.endsWith(sep) ? context.cwd : `${context.cwd}${sep}`).href },
        },
        artifacts,
        results: sarifResults,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

/** The ESLint formatter: `eslint -f ./node_modules/eslint-plugin-wimboot/dist/lint-cli/sarif.js`. */
export default function sarifFormatter(results: ESLint.LintResult[], context: ESLint.LintResultData): string {
  return `${JSON.stringify(toSarifLog(results, context), null, 2)}\n`;
}
