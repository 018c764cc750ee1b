/**
 * The machine-readable path pattern every wimboot finding carries.
 *
 * ESLint's JSON formatter keeps only the message text of a finding (not its
 * `data`), so the pattern travels at the end of the message:
 *
 *     ... decompresses the system file onto C:. [wimboot-path: C:\Windows\win.ini]
 *
 * Pattern language (see docs/finding-format.md):
 * - a Windows path with `\` separators, matched case-insensitively;
 * - `*` stands for a part the linter could not resolve and matches any run of
 *   characters, separators included (an unknown value may hold sub-folders);
 * - several alternatives are joined with ` | ` (`|` cannot occur in a Windows path).
 */

export const PATTERN_TRAILER_PREFIX = '[wimboot-path: ';
const ALTERNATIVE_SEPARATOR = ' | ';

/** The trailer appended to a message: ` [wimboot-path: A | B]`. */
export function formatPatternTrailer(patterns: readonly string[]): string {
  return ` ${PATTERN_TRAILER_PREFIX}${patterns.join(ALTERNATIVE_SEPARATOR)}]`;
}

/**
 * Reads the patterns back from a finding's message; `null` when the message has
 * no trailer (a finding from another plugin, or a parse error).
 */
export function parsePatternTrailer(message: string): string[] | null {
  const start = message.lastIndexOf(PATTERN_TRAILER_PREFIX);
  if (start === -1 || !message.endsWith(']')) {
    return null;
  }
  // Paths may contain `]`, so the trailer runs to the message's last character.
  const body = message.slice(start + PATTERN_TRAILER_PREFIX.length, -1);
  const patterns = body.split(ALTERNATIVE_SEPARATOR).filter((pattern) => pattern.length > 0);
  return patterns.length > 0 ? patterns : null;
}

/** True when the pattern has no resolved part at all (`*`). */
export function isUnresolvedPattern(pattern: string): boolean {
  return /^[*\\/]*$/u.test(pattern);
}

const regexpCache = new Map<string, RegExp>();

/** Compiles a pattern to an anchored, case-insensitive regular expression. */
export function patternToRegExp(pattern: string): RegExp {
  let compiled = regexpCache.get(pattern);
  if (compiled === undefined) {
    let source = '';
    for (const char of pattern) {
      if (char === '*') {
        source += '.*';
      } else if (char === '\\' || char === '/') {
        source += '[\\\\/]';
      } else {
        source += char.replace(/[$()+.?[\]^{|}]/u, '\\$&');
      }
    }
    compiled = new RegExp(`^${source.replace(/(?:\.\*)+/gu, '.*')}$`, 'iu');
    if (regexpCache.size > 1000) {
      regexpCache.clear();
    }
    regexpCache.set(pattern, compiled);
  }
  return compiled;
}

/** True when a concrete Windows path matches the pattern. */
export function matchesPattern(path: string, pattern: string): boolean {
  return patternToRegExp(pattern).test(path);
}
