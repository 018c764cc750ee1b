/**
 * ESLint's lintFiles throws for the whole batch when one rule crashes on one
 * file, so every other file's findings would be lost. On such a throw the
 * files are linted one by one: the ones that lint keep their results, the
 * ones that crash are named with the rule and line ESLint reports.
 */
import type { ESLint } from 'eslint';

export interface CrashedFile {
  file: string;
  /** From ESLint's `Rule: "…"` line, when it names one. */
  ruleId?: string;
  /** From ESLint's `Occurred while linting FILE:LINE`. */
  line?: number;
  /** The first line of the error's own message. */
  message: string;
}

export interface ResilientLint {
  results: ESLint.LintResult[];
  crashes: CrashedFile[];
}

function describeCrash(file: string, error: unknown): CrashedFile {
  const text = error instanceof Error ? error.message : String(error);
  const ruleId = /^Rule: "([^"]+)"$/mu.exec(text)?.[1];
  const line = /^Occurred while linting .*:(\d+)$/mu.exec(text)?.[1];
  return {
    file,
    ...(ruleId === undefined ? {} : { ruleId }),
    ...(line === undefined ? {} : { line: Number(line) }),
    message: text.split('\n')[0] ?? '',
  };
}

export async function lintEachOnCrash(eslint: ESLint, files: readonly string[]): Promise<ResilientLint> {
  try {
    return { results: await eslint.lintFiles([...files]), crashes: [] };
  } catch (batchError) {
    const results: ESLint.LintResult[] = [];
    const crashes: CrashedFile[] = [];
    for (const file of files) {
      try {
        results.push(...(await eslint.lintFiles([file])));
      } catch (error) {
        crashes.push(describeCrash(file, error));
      }
    }
    if (results.length === 0 && new Set(crashes.map((crash) => crash.message)).size <= 1) {
      // Not one file's problem (a configuration error, say): report it as ESLint said it.
      throw batchError;
    }
    return { results, crashes };
  }
}
