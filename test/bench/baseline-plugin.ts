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

/**
 * `count` do-nothing rules listening where the plugin's rules listen
 * (CallExpression and NewExpression): what ESLint itself charges for that
 * many rules, before any of their work.
 */
export function doNothingRules(count: number): { plugin: ESLint.Plugin; ruleIds: string[] } {
  const rules: Record<string, Rule.RuleModule> = {};
  for (let index = 0; index < count; index++) {
    rules[`do-nothing-${index + 1}`] = {
      meta: {
        type: 'problem',
        schema: [],
        docs: { description: 'Visit every call and `new` and do nothing (benchmark)' },
      },
      create() {
        const visit = (): void => {
          // Deliberately empty.
        };
        return { CallExpression: visit, NewExpression: visit };
      },
    };
  }
  return {
    plugin: { meta: { name: 'wimboot-bench-rule-count', namespace: 'bench-n' }, rules },
    ruleIds: Object.keys(rules).map((name) => `bench-n/${name}`),
  };
}
