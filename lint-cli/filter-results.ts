import type { ESLint, Linter } from 'eslint';

function isParseError(message: Linter.LintMessage): boolean {
  return message.ruleId === null && message.fatal === true && message.message.startsWith('Parsing error');
}

/**
 * Keeps the findings wimboot-lint is about: the namespace's rules and parse
 * errors. The project's comments still produce ESLint problems of their own
 * (`/* eslint-env *\/` is fatal in ESLint 10, disable comments for rules of
 * plugins not loaded here are "not found"); those are the project's ESLint
 * setup, not ours, so they are dropped and the counts recomputed.
 */
export function keepOwnFindings(results: readonly ESLint.LintResult[], namespace: string): ESLint.LintResult[] {
  const ours = (message: Linter.LintMessage): boolean =>
    message.ruleId?.startsWith(`${namespace}/`) === true || isParseError(message);
  return results.map((result) => {
    const messages = result.messages.filter(ours);
    const count = (severity: number, fixable: boolean): number =>
      messages.filter((message) => message.severity === severity && (!fixable || message.fix !== undefined)).length;
    return {
      ...result,
      messages,
      suppressedMessages: result.suppressedMessages.filter(ours),
      errorCount: count(2, false),
      warningCount: count(1, false),
      fatalErrorCount: messages.filter((message) => message.fatal === true).length,
      fixableErrorCount: count(2, true),
      fixableWarningCount: count(1, true),
    };
  });
}
