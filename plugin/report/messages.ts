/**
 * The write rules' message templates, apart from the code that fills them
 * (path-finding.ts): a rule's `meta` needs them when the plugin is imported,
 * the analysis only when a file is linted (plugin/analysis-runtime.ts).
 */

export const PATH_FINDING_MESSAGES = {
  write:
    '{{api}} {{action}} "{{path}}"{{access}}: on WIMBoot/CompactOS devices {{consequence}}. {{advice}}{{device}}{{trailer}}',
  mayWrite:
    '{{api}} may {{actionBase}} "{{path}}"{{access}} ({{why}}): on WIMBoot/CompactOS devices {{consequence}}. {{advice}}{{device}}{{trailer}}',
  writeViaHelper:
    '{{helper}}() passes "{{path}}" to {{api}} ({{where}}), which {{action}} it{{access}}: on WIMBoot/CompactOS devices {{consequence}}. {{advice}}{{device}}{{trailer}}',
  writeViaGivenApi:
    '{{helper}}() calls {{api}}, given here, on "{{path}}" ({{where}}), which {{action}} it{{access}}: on WIMBoot/CompactOS devices {{consequence}}. {{advice}}{{device}}{{trailer}}',
  unresolved:
    '{{api}} {{action}} a path this rule cannot resolve{{access}}: if it is a system file, on WIMBoot/CompactOS devices {{consequence}}.{{device}}{{trailer}}',
} as const;

export type PathFindingMessageId = keyof typeof PATH_FINDING_MESSAGES;
