import type { ESLint, Rule } from 'eslint';

/**
 * The baseline every lint figure is divided by: one rule that does nothing
 * but still makes ESLint traverse the tree and call it. With no rule at all
 * ESLint skips the traversal every real rule pays for.
 */
const doNothing: Rule.RuleModule = {
  meta: { type: 'problem', schema: [], docs: { description: 'Visit every call and do nothing (benchmark baseline)' } },
  create() {
    return {
      CallExpression() {
        // Deliberately empty: the cost measured is ESLint's, not the rule's.
      },
    };
  },
};

export const baselinePlugin: ESLint.Plugin = {
  meta: { name: 'wimboot-bench-baseline', namespace: 'bench' },
  rules: { 'do-nothing': doNothing },
};

export const BASELINE_RULE_ID = 'bench/do-nothing';
