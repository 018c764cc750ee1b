import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';

/** Extra `meta.docs` fields every wimboot rule declares. */
export interface WimbootRuleDocs {
  /** Which shipped configs enable the rule. */
  recommended: boolean;
  /** True when the rule only works with type information. */
  requiresTypeChecking?: boolean;
}

export const DOCS_BASE_URL = 'https://github.com/eslint-plugin-wimboot/eslint-plugin-wimboot/blob/main/docs/rules/';

// The subpath import keeps @typescript-eslint/utils' root (and its ~100 ms of
// parser code) out of editors' plugin load.
export const createRule = RuleCreator<WimbootRuleDocs>((name) => `${DOCS_BASE_URL}${name}.md`);
