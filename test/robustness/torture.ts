// Torture run (`npm run torture`): every rule of the plugin, untyped over every
// .js/.ts file in node_modules and typed (projectService) over the .ts sources
// that packages ship, must never throw. Prints the count of files and findings
// and every exception with its file, rule and stack; exits 1 on any exception.
// Findings and parse errors are counted, not judged. The smaller
// test/robustness/large-packages.test.ts runs in `npm test`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Linter } from 'eslint';
import type { Rule } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import plugin from '../../plugin/index.js';
import { NODE_MODULES, isDeclarationFile, listFiles, sourceTypeFinder } from '../bench/corpus.js';
import { thousands } from '../bench/stats.js';

const NAMESPACE = plugin.meta.namespace;
const JS = ['.js', '.cjs', '.mjs', '.jsx'];
const TS = ['.ts', '.cts', '.mts', '.tsx'];
// ESLint only lints a file that a `files` pattern names by extension (`**/*` is not enough).
const JS_PATTERNS = JS.map((extension) => `**/*${extension}`);
const TS_PATTERNS = TS.map((extension) => `**/*${extension}`);

export interface RuleException {
  readonly file: string;
  readonly rule: string;
  readonly mode: 'untyped' | 'typed';
  readonly line: string;
  readonly stack: string;
}

interface PhaseResult {
  readonly name: string;
  files: number;
  parsed: number;
  parseErrors: number;
  findings: number;
  readonly notParseable: string[];
  readonly findingSamples: string[];
  readonly findingsByRule: Map<string, number>;
  readonly exceptions: RuleException[];
  seconds: number;
}

/** Every rule at 'error' with every boolean option of its first options object on: the most code paths. */
function allRulesAllOptions(only?: string): Linter.RulesRecord {
  const rules: Linter.RulesRecord = {};
  for (const [name, rule] of Object.entries(plugin.rules as Record<string, Rule.RuleModule>)) {
    const id = `${NAMESPACE}/${name}`;
    if (only !== undefined && id !== only) continue;
    const schema = rule.meta?.schema;
    const first = Array.isArray(schema)
      ? (schema[0] as { properties?: Record<string, { type?: unknown }> } | undefined)
      : undefined;
    const options = Object.fromEntries(
      Object.entries(first?.properties ?? {})
        .filter(([, property]) => property.type === 'boolean')
        .map(([key]) => [key, true]),
    );
    rules[id] = Object.keys(options).length > 0 ? ['error', options] : 'error';
  }
  return rules;
}

const RULE_IDS = Object.keys(allRulesAllOptions());

/** ESLint wraps a rule's exception: "…\nOccurred while linting <file>:<line>\nRule: "<id>"". */
function describeException(
  error: unknown,
  file: string,
  mode: RuleException['mode'],
  fallbackRule: string,
): RuleException {
  const err = error instanceof Error ? error : new Error(String(error));
  const rule = /Rule: "([^"]+)"/u.exec(err.message)?.[1] ?? fallbackRule;
  const line = /Occurred while linting .*:(\d+)/u.exec(err.message)?.[1] ?? '?';
  return { file: relative(NODE_MODULES, file), rule, mode, line, stack: err.stack ?? err.message };
}

type Configure = (file: string, rules: Linter.RulesRecord, sourceType: 'module' | 'commonjs') => Linter.Config[];

async function runPhase(
  name: string,
  mode: RuleException['mode'],
  files: readonly string[],
  configure: Configure,
  sourceTypeOf: (file: string) => 'module' | 'commonjs',
): Promise<PhaseResult> {
  const linter = new Linter({ cwd: NODE_MODULES });
  const allRules = allRulesAllOptions();
  const result: PhaseResult = {
    name,
    files: files.length,
    parsed: 0,
    parseErrors: 0,
    findings: 0,
    notParseable: [],
    findingSamples: [],
    findingsByRule: new Map(),
    exceptions: [],
    seconds: 0,
  };
  const start = performance.now();
  let lastProgress = start;
  for (const [index, file] of files.entries()) {
    if (performance.now() - lastProgress > 15_000) {
      lastProgress = performance.now();
      process.stderr.write(
        `  ${name}: ${index}/${files.length} files, ${((lastProgress - start) / 1000).toFixed(0)} s\n`,
      );
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const verify = (rules: Linter.RulesRecord, sourceType: 'module' | 'commonjs'): Linter.LintMessage[] => {
      const messages = linter.verify(text, configure(file, rules, sourceType), { filename: file });
      const unmatched = messages.find(
        (message) => message.ruleId === null && message.message.startsWith('No matching configuration'),
      );
      if (unmatched !== undefined) throw new Error(`torture harness: ${unmatched.message}`);
      return messages;
    };
    const first = sourceTypeOf(file);
    try {
      let messages = verify(allRules, first);
      // A file that only parses as the other kind (ESM under a CommonJS package.json, or the reverse): lint it as that.
      if (messages.some((message) => message.fatal === true)) {
        const other = first === 'module' ? 'commonjs' : 'module';
        const retry = verify(allRules, other);
        if (!retry.some((message) => message.fatal === true)) messages = retry;
      }
      if (messages.some((message) => message.fatal === true)) {
        result.parseErrors++;
        const fatal = messages.find((message) => message.fatal === true)!;
        result.notParseable.push(`${relative(NODE_MODULES, file)}:${fatal.line}: ${fatal.message}`);
        continue;
      }
      result.parsed++;
      for (const message of messages) {
        if (message.ruleId?.startsWith(`${NAMESPACE}/`) !== true) continue;
        result.findings++;
        result.findingSamples.push(
          `${relative(NODE_MODULES, file)}:${message.line}:${message.column} ${message.ruleId} ${message.message.slice(0, 140)}`,
        );
        result.findingsByRule.set(message.ruleId, (result.findingsByRule.get(message.ruleId) ?? 0) + 1);
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('torture harness:')) throw error;
      // The first exception stops the file; run each rule alone to find every rule that throws on it.
      const thrown = new Map<string, RuleException>();
      const firstException = describeException(error, file, mode, 'unknown');
      thrown.set(firstException.rule, firstException);
      for (const id of RULE_IDS) {
        if (thrown.has(id)) continue;
        try {
          verify(allRulesAllOptions(id), first);
        } catch (again) {
          thrown.set(id, describeException(again, file, mode, id));
        }
      }
      result.exceptions.push(...thrown.values());
    }
  }
  result.seconds = (performance.now() - start) / 1000;
  return result;
}

// Inline config off: `eslint-disable` comments must not spare any file, and ESLint 10 rejects `/* eslint-env */`.
const LINTER_OPTIONS: Linter.Config['linterOptions'] = {
  noInlineConfig: true,
  reportUnusedDisableDirectives: 'off',
  reportUnusedInlineConfigs: 'off',
};
/** Nested node_modules (a package's own copy of typescript) are ignored by default. */
const UNIGNORE: Linter.Config = { ignores: ['!**/node_modules/'] };

function untypedJs(file: string, rules: Linter.RulesRecord, sourceType: 'module' | 'commonjs'): Linter.Config[] {
  return [
    UNIGNORE,
    {
      files: JS_PATTERNS,
      plugins: { [NAMESPACE]: plugin },
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType,
        parserOptions: { ecmaFeatures: { jsx: file.endsWith('.jsx') } },
      },
      linterOptions: LINTER_OPTIONS,
      settings: plugin.configs.strict.settings ?? {},
      rules,
    },
  ];
}

function untypedTs(file: string, rules: Linter.RulesRecord, sourceType: 'module' | 'commonjs'): Linter.Config[] {
  return [
    UNIGNORE,
    {
      files: TS_PATTERNS,
      plugins: { [NAMESPACE]: plugin },
      languageOptions: {
        parser: tsParser,
        ecmaVersion: 'latest',
        sourceType,
        parserOptions: { ecmaFeatures: { jsx: file.endsWith('.tsx') } },
      },
      linterOptions: LINTER_OPTIONS,
      settings: plugin.configs.strict.settings ?? {},
      rules,
    },
  ];
}

/** True when a tsconfig.json sits between `file` and node_modules: the project service opens the file in that project. */
function hasOwnTsconfig(file: string): boolean {
  for (let dir = dirname(file); dir.startsWith(NODE_MODULES) && dir !== NODE_MODULES; dir = dirname(dir)) {
    if (existsSync(join(dir, 'tsconfig.json'))) return true;
  }
  return false;
}

/**
 * `allowDefaultProject` globs (no `**`): one per directory holding a typed
 * file, relative to node_modules; files under a tsconfig of their own are left
 * to it (a file may not be in both).
 */
function defaultProjectGlobs(files: readonly string[]): string[] {
  const dirs = new Set(
    files
      .filter((file) => !hasOwnTsconfig(file))
      .map((file) => relative(NODE_MODULES, file).split(/[\\/]/u).slice(0, -1).join('/')),
  );
  return [...dirs].sort().flatMap((dir) => TS.map((extension) => `${dir}/*${extension}`));
}

function typedTs(globs: readonly string[], fileCount: number): Configure {
  return (file, rules, sourceType) => [
    UNIGNORE,
    {
      files: TS_PATTERNS,
      plugins: { [NAMESPACE]: plugin },
      languageOptions: {
        parser: tsParser,
        ecmaVersion: 'latest',
        sourceType,
        parserOptions: {
          ecmaFeatures: { jsx: file.endsWith('.tsx') },
          // Files shipped in node_modules belong to no tsconfig here: each opens in the default project.
          projectService: {
            allowDefaultProject: [...globs],
            maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: fileCount + 1,
          },
          tsconfigRootDir: NODE_MODULES,
        },
      },
      linterOptions: LINTER_OPTIONS,
      settings: plugin.configs.strict.settings ?? {},
      rules,
    },
  ];
}

function printPhase(result: PhaseResult): void {
  const byRule = [...result.findingsByRule].map(([rule, count]) => `${rule} ${thousands(count)}`).join(', ');
  console.log(
    `${result.name}: ${thousands(result.files)} files (${thousands(result.parsed)} linted, ${thousands(result.parseErrors)} not parseable), ` +
      `${thousands(result.findings)} findings${byRule === '' ? '' : ` (${byRule})`}, ${result.exceptions.length} rule exceptions, ${result.seconds.toFixed(1)} s`,
  );
  const SAMPLE = 40;
  for (const line of result.notParseable.slice(0, SAMPLE)) console.log(`  not parseable: ${line}`);
  for (const line of result.findingSamples.slice(0, SAMPLE)) console.log(`  finding: ${line}`);
  if (result.findingSamples.length > SAMPLE) console.log(`  … ${result.findingSamples.length - SAMPLE} more findings`);
}

export async function torture(): Promise<{ phases: PhaseResult[]; exceptions: RuleException[]; seconds: number }> {
  const start = performance.now();
  const sourceTypeOf = sourceTypeFinder();
  const jsFiles = listFiles(NODE_MODULES, JS);
  const tsFiles = listFiles(NODE_MODULES, TS);
  const typedFiles = tsFiles.filter((file) => !isDeclarationFile(file));
  console.log(`rules: ${RULE_IDS.join(', ')} (every boolean option on, strict settings)`);
  console.log(
    `node_modules: ${thousands(jsFiles.length)} JavaScript files, ${thousands(tsFiles.length)} TypeScript files (${thousands(typedFiles.length)} not declaration files)`,
  );
  const phases: PhaseResult[] = [];
  for (const [name, mode, files, configure] of [
    ['untyped JavaScript', 'untyped', jsFiles, untypedJs],
    ['untyped TypeScript', 'untyped', tsFiles, untypedTs],
    ['typed TypeScript', 'typed', typedFiles, typedTs(defaultProjectGlobs(typedFiles), typedFiles.length)],
  ] as const) {
    const result = await runPhase(name, mode, files, configure, sourceTypeOf);
    printPhase(result);
    phases.push(result);
  }
  return {
    phases,
    exceptions: phases.flatMap((phase) => phase.exceptions),
    seconds: (performance.now() - start) / 1000,
  };
}

async function main(): Promise<void> {
  const { phases, exceptions, seconds } = await torture();
  const files = phases.reduce((sum, phase) => sum + phase.files, 0);
  const findings = phases.reduce((sum, phase) => sum + phase.findings, 0);
  console.log(
    `\ntotal: ${thousands(files)} file lints, ${thousands(findings)} findings, ${exceptions.length} rule exceptions, ${seconds.toFixed(1)} s`,
  );
  for (const exception of exceptions) {
    console.log(
      `\n${exception.mode} ${exception.rule} threw on ${exception.file}:${exception.line}\n${exception.stack}`,
    );
  }
  process.exitCode = exceptions.length > 0 ? 1 : 0;
}

// `node --test dist/test/` runs every .js file under a test/ directory: this script is not a test.
if (process.env.NODE_TEST_CONTEXT !== undefined) {
  console.log('torture: skipped under node --test (run it with `npm run torture`)');
} else if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
