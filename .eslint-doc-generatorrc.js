// eslint-doc-generator: the README rules list and each rule doc's header
// (everything above `<!-- end auto-generated rule header -->`) come from the
// rules' meta and the plugin's configs. `npm run docs:update` rewrites them,
// `npm run docs:check` (and test/meta/doc-generator.test) fails on drift.
// It loads the plugin by require()-ing the package folder, which is why
// package.json has a `main` next to `exports`; both read the build in dist/.

/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  configEmoji: [
    ['recommended', '✅'],
    ['recommended-type-checked', '☑️'],
    ['strict', '🔒'],
  ],
  ruleDocTitleFormat: 'desc-parens-prefix-name',
  ruleListColumns: [
    'name',
    'description',
    'configsError',
    'configsWarn',
    'configsOff',
    'fixable',
    'hasSuggestions',
    'requiresTypeChecking',
    'options',
    'deprecated',
  ],
  ruleDocNotices: ['deprecated', 'configs', 'fixableAndHasSuggestions', 'requiresTypeChecking'],
};
