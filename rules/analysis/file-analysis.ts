import type { TSESLint } from '@typescript-eslint/utils';
import { Evaluator } from './evaluate.js';
import { type WimbootSettings, readWimbootSettings } from './settings.js';
import { createTypeFallback } from './type-values.js';

/** Everything the rules share about one linted file. */
export interface FileAnalysis {
  readonly evaluator: Evaluator;
  readonly settings: WimbootSettings;
}

// Keyed by the file's SourceCode: every rule linting the same file shares one
// evaluator (and its memo), and nothing outlives the file.
const perFile = new WeakMap<object, FileAnalysis>();

export function getFileAnalysis(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileAnalysis {
  const { sourceCode } = context;
  let analysis = perFile.get(sourceCode);
  if (analysis === undefined) {
    // With a TypeScript program (typed linting) the evaluator may also ask the checker.
    const typeFallback = createTypeFallback(sourceCode.parserServices);
    analysis = { evaluator: new Evaluator(sourceCode, typeFallback), settings: readWimbootSettings(context.settings) };
    perFile.set(sourceCode, analysis);
  }
  return analysis;
}
