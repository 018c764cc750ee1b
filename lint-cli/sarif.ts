/**
 * ESLint formatter writing SARIF 2.1.0 (for GitHub code scanning).
 *
 * Written here rather than depending on @microsoft/eslint-formatter-sarif,
 * which pulls in ESLint 8. Works for any rule; wimboot findings additionally
 * carry their path patterns in `properties.wimbootPaths`.
 */
import type { ESLint, Linter, Rule } from 'eslint';
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parsePatternTrailer } from '../formats/finding-pattern.js';
import { packageInfo } from '../formats/package-info.js';
import { FINGERPRINT_KEY, fingerprints } from './fingerprint.js';
import { ruleSummary } from './rule-docs.js';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SOURCE_ROOT = '%SRCROOT%';

const packageJson = packageInfo();
const PLUGIN_URI = 'https://github.com/eslint-plugin-wimboot/eslint-plugin-wimboot';
const NAMESPACE = 'wimboot/';

type Level = 'error' | 'warning' | 'note';
type Precision = 'very-high' | 'high' | 'medium' | 'low';

/**
 * GitHub code scanning's rule properties for this plugin's rules, which ESLint's
 * rule meta has no field for. prefer-read-only-open reports only a handle it
 * has proven is never written; the others report resolved system paths.
 */
const WIMBOOT_PRECISION: Readonly<Record<string, Precision>> = { 'prefer-read-only-open': 'very-high' };
const WIMBOOT_TAGS = ['wimboot', 'windows', 'disk-space'];

/** `problem.severity` (GitHub's alert severity) for each SARIF level. */
const PROBLEM_SEVERITY: Readonly<Record<Level, string>> = {
  error: 'error',
  warning: 'warning',
  note: 'recommendation',
};

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
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'inSource'; justification?: string }[];
  properties?: { wimbootPaths: string[] };
}

interface SarifRule {
  id: string;
  shortDescription?: { text: string };
  fullDescription?: { text: string };
  helpUri?: string;
  help?: { text: string };
  defaultConfiguration?: { level: Level };
  properties: { tags: string[]; category?: string; precision?: Precision; 'problem.severity'?: string };
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
  const ours = id.startsWith(NAMESPACE);
  const name = id.slice(NAMESPACE.length);
  const rule: SarifRule = {
    id,
    properties: { tags: [...(meta?.type === undefined ? [] : [meta.type]), ...(ours ? WIMBOOT_TAGS : [])] },
  };
  if (docs?.description !== undefined) {
    rule.shortDescription = { text: docs.description };
    rule.fullDescription = { text: (ours ? ruleSummary(name) : undefined) ?? docs.description };
  }
  if (docs?.url !== undefined) {
    rule.helpUri = docs.url;
    rule.help = { text: `${docs.description ?? id}\nDocumentation: ${docs.url}` };
  }
  if (meta?.type !== undefined) {
    rule.properties.category = meta.type;
  }
  if (ours) {
    rule.properties.precision = WIMBOOT_PRECISION[name] ?? 'high';
  }
  return rule;
}

/**
 * A rule's level: the severity it ran with in this run (the highest, if the
 * config gives it different ones for different files).
 */
function setConfiguredLevel(rule: SarifRule, severity: Linter.Severity): void {
  const current = rule.defaultConfiguration?.level;
  const next = level(severity);
  const rank = (value: Level | undefined): number =>
    value === undefined ? -1 : ['note', 'warning', 'error'].indexOf(value);
  if (rank(next) > rank(current)) {
    rule.defaultConfiguration = { level: next };
    rule.properties['problem.severity'] = PROBLEM_SEVERITY[next];
  }
}

/** The text ESLint's positions refer to: the fixed output after --fix, else the linted source. */
function sourceOf(result: ESLint.LintResult): string {
  const text = result.output ?? result.source;
  if (text !== undefined) {
    return text;
  }
  try {
    return readFileSync(result.filePath, 'utf8');
  } catch {
    return '';
  }
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
    const prints = fingerprints(
      location.uri,
      sourceOf(result),
      all.map(({ message }) => message),
    );
    for (const [index, { message, suppressions }] of all.entries()) {
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
      const ruleNumber = ruleIndex(message.ruleId);
      setConfiguredLevel(rules[ruleNumber]!, message.severity);
      const sarifResult: SarifResult = {
        ruleId: message.ruleId,
        ruleIndex: ruleNumber,
        level: level(message.severity),
        message: { text: message.message },
        locations,
        partialFingerprints: { [FINGERPRINT_KEY]: prints[index]! },
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
