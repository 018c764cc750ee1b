import { readFileSync } from 'node:fs';

const HEADER_END = '<!-- end auto-generated rule header -->';
const cache = new Map<string, string | undefined>();

/** Markdown reduced to plain text: links to their text, no emphasis or code marks. */
function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/\*\*|__|[*`]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * The first paragraph of a plugin rule's documentation (docs/rules/NAME.md,
 * shipped in the package), as plain text; undefined when it is not there.
 */
export function ruleSummary(name: string): string | undefined {
  if (!/^[a-z0-9-]+$/u.test(name)) {
    return undefined;
  }
  if (!cache.has(name)) {
    let summary: string | undefined;
    try {
      // dist/lint-cli/rule-docs.js → the package root.
      const markdown = readFileSync(new URL(`../../docs/rules/${name}.md`, import.meta.url), 'utf8');
      const body = markdown.includes(HEADER_END)
        ? markdown.slice(markdown.indexOf(HEADER_END) + HEADER_END.length)
        : '';
      const paragraph = body.split(/\n\s*\n/u).find((block) => block.trim().length > 0);
      summary = paragraph === undefined ? undefined : plainText(paragraph);
    } catch {
      summary = undefined;
    }
    cache.set(name, summary);
  }
  return cache.get(name);
}
