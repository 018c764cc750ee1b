import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { it } from 'node:test';
import { Linter, type Rule } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type FileAnalysis, getFileAnalysis } from '../../../analysis/file-analysis.js';
import { normaliseWindowsPath, renderParts } from '../../../analysis/paths/windows-path.js';
import { walk } from '../../../analysis/ast.js';
import { wrapperReaches } from '../../../analysis/file-calls.js';
import { classifyPathValues } from '../../../analysis/paths/path-classifier.js';
import { type AbstractValue, type Values, parametersIn } from '../../../analysis/evaluator/values.js';

/**
 * The one place the analysis table tests meet the analysis: a row's code is
 * linted with ESLint's Linter and a probe rule, and whatever the row needs is
 * read off `getFileAnalysis(context)` there. When the evaluator's internals
 * change, this module adapts and the rows stay as they are.
 *
 * `probe(x)` marks the expression a row is about; `/*name*\/` before a call
 * marks a node for tests that need more than one (see `FileUnderTest.marked`).
 */

export interface ParseOptions {
  /** Parse with @typescript-eslint/parser (no program) instead of espree. */
  readonly typescript?: boolean;
  readonly sourceType?: 'module' | 'script' | 'commonjs';
  /** ESLint `settings` (e.g. `{ wimboot: { preset: 'strict' } }`). */
  readonly settings?: Record<string, unknown>;
  /** Typed linting: a TypeScript program holding `file`, whose text is the row's code. */
  readonly program?: { readonly program: unknown; readonly file: string };
}

export interface FileUnderTest {
  readonly analysis: FileAnalysis;
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  /** The argument of the file's one `probe(...)` call. */
  probe(): TSESTree.Node;
  /** The outermost call or `new` that starts right after the comment `/*name*\/`. */
  marked(name: string): TSESTree.CallExpression | TSESTree.NewExpression;
}

/** Lints `code` with a rule that calls `visit` once the whole file is known, and returns what it returned. */
export function inFile<T>(code: string, visit: (file: FileUnderTest) => T, options: ParseOptions = {}): T {
  let result: { value: T } | undefined;
  const probeCalls: TSESTree.CallExpression[] = [];
  const rule: Rule.RuleModule = {
    meta: { type: 'problem', schema: [] },
    create(context) {
      const typed = context as unknown as Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
      return {
        CallExpression(node) {
          const call = node as unknown as TSESTree.CallExpression;
          if (call.callee.type === 'Identifier' && call.callee.name === 'probe') probeCalls.push(call);
        },
        'Program:exit'() {
          const sourceCode = typed.sourceCode;
          result = {
            value: visit({
              analysis: getFileAnalysis(typed),
              sourceCode,
              probe: () => probeArgument(probeCalls),
              marked: (name) => markedCall(sourceCode, name),
            }),
          };
        },
      };
    },
  };
  // Flat config matches files under the Linter's cwd: a typed row's file is in its own folder.
  const linter = new Linter({
    configType: 'flat',
    ...(options.program === undefined ? {} : { cwd: dirname(options.program.file) }),
  });
  const messages = linter.verify(
    code,
    {
      // A `**/*` pattern does not match .ts files in flat config: name both.
      files: ['**/*.js', '**/*.ts'],
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: options.sourceType ?? 'module',
        ...(options.typescript === true || options.program !== undefined ? { parser: tsParser as Linter.Parser } : {}),
        ...(options.program === undefined ? {} : { parserOptions: { programs: [options.program.program] } }),
      },
      plugins: { harness: { rules: { probe: rule } } },
      rules: { 'harness/probe': 'error' },
      ...(options.settings === undefined ? {} : { settings: options.settings }),
    },
    options.program?.file ?? (options.typescript === true ? 'file.ts' : 'file.js'),
  );
  const [problem] = messages;
  if (problem !== undefined) throw new Error(`${problem.message}\n${code}`);
  if (result === undefined) throw new Error('the probe rule did not run');
  return result.value;
}

function probeArgument(calls: readonly TSESTree.CallExpression[]): TSESTree.Node {
  const [only] = calls;
  if (calls.length !== 1 || only === undefined || only.arguments.length !== 1) {
    throw new Error(`a row needs exactly one probe(expression), found ${calls.length}`);
  }
  return only.arguments[0] as TSESTree.Node;
}

function markedCall(
  sourceCode: Readonly<TSESLint.SourceCode>,
  name: string,
): TSESTree.CallExpression | TSESTree.NewExpression {
  const comment = sourceCode.getAllComments().find((candidate) => candidate.value === name);
  if (comment === undefined) throw new Error(`no /*${name}*/ marker in the row`);
  const next = sourceCode.getTokenAfter(comment, { includeComments: false });
  if (next === null) throw new Error(`nothing follows /*${name}*/`);
  let found: TSESTree.CallExpression | TSESTree.NewExpression | undefined;
  for (let node: TSESTree.Node | null = sourceCode.getNodeByRangeIndex(next.range[0]); node !== null;) {
    if (node.range[0] !== next.range[0]) break;
    if (node.type === 'CallExpression' || node.type === 'NewExpression') found = node;
    node = node.parent ?? null;
  }
  if (found === undefined) throw new Error(`/*${name}*/ is not followed by a call`);
  return found;
}

/** What an expression may evaluate to, rendered; `complete` is false when it may also take other values. */
export interface Rendered {
  readonly values: readonly string[];
  readonly complete: boolean;
}

/**
 * Every alternative rendered, sorted, without duplicates: strings as the
 * classifier sees them (`renderParts`, then the Windows normalisation:
 * `C:\Windows\Fonts\*`), other values as `<fs.writeFileSync>`, `<function>`,
 * `1`, `nullish`...
 */
export function render(values: Values): Rendered {
  return { values: [...new Set(values.items.map(renderValue))].sort(), complete: values.complete };
}

export function renderValue(item: AbstractValue): string {
  switch (item.kind) {
    case 'string': {
      return normaliseWindowsPath(renderParts(item.parts)).path;
    }
    case 'number':
    case 'boolean': {
      return String(item.value);
    }
    case 'bigint': {
      return `${item.value}n`;
    }
    case 'nullish': {
      return 'nullish';
    }
    case 'module': {
      return `<${[item.module, ...item.path].join('.')}>`;
    }
    case 'env-object': {
      return '<process.env>';
    }
    case 'member': {
      return `<${renderValue(item.object).slice(1, -1)}.${item.name}>`;
    }
    case 'call': {
      return `<${renderValue(item.callee).slice(1, -1)}()>`;
    }
    default: {
      return `<${item.kind}>`;
    }
  }
}

/** The rendered values of the file's `probe(...)` argument, and the system paths among them. */
export function evaluateProbe(code: string, options?: ParseOptions): Rendered & { readonly system: readonly string[] } {
  return inFile(
    code,
    (file) => {
      const values = file.analysis.evaluator.evaluate(file.probe());
      const system = classifyPathValues(values, file.analysis.settings).system.map((verdict) => verdict.pattern);
      return { ...render(values), system };
    },
    options,
  );
}

/** One row of an evaluator table: `probe(...)`'s argument may take exactly `expected`. */
export interface EvaluatorRow extends ParseOptions {
  readonly code: string;
  readonly expected: readonly string[];
  /** False when the expression may also take values not listed. */
  readonly complete: boolean;
  /** A bug in today's code: the row states the right answer, this says what goes wrong. */
  readonly todo?: string;
}

/**
 * One `it` per row, named by the row's code. With `lookAlikes`, every row
 * must also hold no system path under the default settings.
 */
export function testEvaluatorRows(rows: readonly EvaluatorRow[], { lookAlikes = false } = {}): void {
  for (const row of rows) {
    const expected = { values: [...new Set(row.expected)].sort(), complete: row.complete };
    const shown = expected.values.join(' | ') || '(nothing)';
    const name = `${row.code.replaceAll(/\s+/gu, ' ')} → ${shown}${row.complete ? '' : ' …'}${lookAlikes ? ', not a system path' : ''}`;
    it(name, row.todo === undefined ? {} : { todo: row.todo }, () => {
      const { system, ...actual } = evaluateProbe(row.code, row);
      assert.deepEqual(actual, expected);
      if (lookAlikes) assert.deepEqual(system, []);
    });
  }
}

/** One call site that feeds the probed expression's parameters, rendered. */
export interface RenderedCallSite extends Rendered {
  /** The helper called there (`save`, `new Store`). */
  readonly helper: string;
  /** Source text of the node a finding is reported on: the argument, or the call when it is omitted. */
  readonly at: string;
}

/**
 * The probed expression as a write's path, instantiated at each call of a
 * function whose summary reaches it (analysis/summaries.ts, file-calls.ts):
 * `probe(x)` is read as `fs.writeFileSync(x)`, so the rows exercise the same
 * summaries and frames the rules do.
 */
export function probeCallSites(code: string, options?: ParseOptions): RenderedCallSite[] {
  // Same length as `probe`, so every offset and the `at` texts stay as written.
  const asWrite = `import * as __fs from 'fs';\n${code.replaceAll(/\bprobe\(/gu, '__fs.writeFileSync(')}`;
  return inFile(
    asWrite,
    (file) => {
      const { project } = file.analysis;
      const found: RenderedCallSite[] = [];
      walk(file.sourceCode.ast as TSESTree.Program, file.sourceCode.visitorKeys, (node) => {
        if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return;
        for (const reach of wrapperReaches(project, node)) {
          const { sink, frame } = reach;
          if (sink.pathNode === undefined) continue;
          const values = sink.evaluator.evaluate(sink.pathNode, frame);
          // A call inside another helper, still naming that helper's parameter: its own callers resolve it.
          if (parametersIn(values).length > 0) continue;
          found.push({
            helper: reach.helper,
            at: file.sourceCode.getText(reach.argument),
            ...render(values),
          });
        }
      });
      return found;
    },
    options,
  );
}
