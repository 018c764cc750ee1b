import { isAbsolute } from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import type { Evaluator } from './evaluator/evaluate.js';
import { lintedModuleSource } from './evaluator/module-source.js';
import { mayReachKnownApis } from './file-gate.js';
import { loadDeviceManifest } from './paths/device-snapshot.js';
import { ProjectAnalysis } from './project.js';
import { SettingsError, type WimbootSettings, readWimbootSettings } from './paths/settings.js';
import { createTypeFallback } from './evaluator/type-values.js';

/** Everything the rules share about one linted file. */
export interface FileAnalysis {
  /** The linted file's evaluator. */
  readonly evaluator: Evaluator;
  /** The linted file and the project modules it reaches. */
  readonly project: ProjectAnalysis;
  readonly settings: WimbootSettings;
}

// Keyed by the file's SourceCode: every rule linting the same file shares one
// evaluator (and its memo), and nothing outlives the file.
const perFile = new WeakMap<object, FileAnalysis>();

export function getFileAnalysis(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileAnalysis {
  const { sourceCode } = context;
  let analysis = perFile.get(sourceCode);
  if (analysis === undefined) {
    const parsed = readWimbootSettings(context.settings);
    // Checked once per file (a stat); re-read only when the snapshot changed.
    const settings =
      parsed.snapshot === undefined ? parsed : { ...parsed, device: loadDeviceManifest(parsed.snapshot, context.cwd) };
    // With a TypeScript program (typed linting) the evaluator may also ask the checker.
    const typeFallback = createTypeFallback(sourceCode.parserServices);
    if (typeFallback === undefined && settings.typeInformation === 'required') {
      throw new SettingsError(
        `the recommended-type-checked config needs type information, but ${context.filename} was parsed without a TypeScript program: ` +
          'set languageOptions.parser to @typescript-eslint/parser with parserOptions { projectService: true, tsconfigRootDir } ' +
          '(docs/typed-linting.md), limit the config to files in your TypeScript project, or use the recommended config.',
      );
    }
    const file = isAbsolute(context.filename) ? context.filename : '';
    const project = new ProjectAnalysis(
      lintedModuleSource(sourceCode, file),
      {
        root: context.cwd,
        parser: {
          parser: context.languageOptions.parser,
          cwd: context.cwd,
          program: sourceCode.parserServices?.program,
        },
        crossModule: true,
        // Cached by the gate, which has already asked it of this file.
        lintedNamesApis: mayReachKnownApis(sourceCode),
      },
      typeFallback,
    );
    analysis = { evaluator: project.linted, project, settings };
    perFile.set(sourceCode, analysis);
  }
  return analysis;
}
