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

const ASCII = /^[\x00-\x7f]*$/u;
const foldedCodePoints = new Map<string, string>();

/**
 * The case- and separator-folded form in which paths and patterns are
 * compared: `/` becomes `\`, and each character is lower-cased on its own
 * (never by context, as String#toLowerCase does for a final sigma), so a
 * pattern folded piece by piece agrees with a path folded whole.
 */
export function foldPath(path: string): string {
  const slashed = path.includes('/') ? path.replaceAll('/', '\\') : path;
  if (ASCII.test(slashed)) {
    return slashed.toLowerCase();
  }
  let folded = '';
  for (const char of slashed) {
    let lower = foldedCodePoints.get(char);
    if (lower === undefined) {
      lower = char.toLowerCase();
      // Keep characters whose lower case is longer (İ): one character stays one.
      lower = [...lower].length === 1 ? lower : char;
      foldedCodePoints.set(char, lower);
    }
    folded += lower;
  }
  return folded;
}

/**
 * A pattern split at its stars, folded: the text before the first `*`, the
 * pieces between stars, and the text after the last one.
 */
export interface CompiledPattern {
  readonly source: string;
  /** The whole folded pattern when it has no `*`, else the text before the first one. */
  readonly prefix: string;
  /** Non-empty pieces between stars, in order. */
  readonly middle: readonly string[];
  /** Text after the last `*`; undefined when there is no `*` (an exact path). */
  readonly suffix: string | undefined;
  /** The length of the shortest path that can match. */
  readonly minLength: number;
}

const compiledCache = new Map<string, CompiledPattern>();

export function compilePattern(pattern: string): CompiledPattern {
  let compiled = compiledCache.get(pattern);
  if (compiled === undefined) {
    const pieces = foldPath(pattern).split('*');
    const prefix = pieces[0]!;
    const suffix = pieces.length === 1 ? undefined : pieces.at(-1)!;
    const middle = pieces.slice(1, -1).filter((piece) => piece.length > 0);
    const minLength = prefix.length + (suffix?.length ?? 0) + middle.reduce((sum, piece) => sum + piece.length, 0);
    compiled = { source: pattern, prefix, middle, suffix, minLength };
    if (compiledCache.size >= 1000) {
      compiledCache.clear();
    }
    compiledCache.set(pattern, compiled);
  }
  return compiled;
}

/**
 * Matches a folded path (foldPath) against a compiled pattern without
 * backtracking: the prefix and suffix are fixed, and each middle piece is
 * taken at its first occurrence after the previous one (with `*` matching any
 * run, the leftmost choice never loses a match). Linear in the path's length
 * times the number of pieces.
 */
export function matchesFolded(folded: string, pattern: CompiledPattern): boolean {
  if (pattern.suffix === undefined) {
    return folded === pattern.prefix;
  }
  if (folded.length < pattern.minLength || !folded.startsWith(pattern.prefix) || !folded.endsWith(pattern.suffix)) {
    return false;
  }
  const end = folded.length - pattern.suffix.length;
  let at = pattern.prefix.length;
  for (const piece of pattern.middle) {
    const found = folded.indexOf(piece, at);
    if (found === -1 || found + piece.length > end) {
      return false;
    }
    at = found + piece.length;
  }
  return true;
}

/** True when a concrete Windows path matches the pattern. */
export function matchesPattern(path: string, pattern: string): boolean {
  return matchesFolded(foldPath(path), compilePattern(pattern));
}

function literalSource(text: string): string {
  let source = '';
  for (const char of text) {
    source += char === '\\' ? '[\\\\/]' : char.replace(/[$()*+.?[\]^{|}/]/u, '\\$&');
  }
  return source;
}

/**
 * The pattern as an anchored, case-insensitive RegExp, for callers that need
 * one (matchesPattern is faster). Built so it cannot backtrack: each middle
 * piece is found by a lazy scan inside a lookahead, which JavaScript never
 * re-enters, and consumed through a back-reference.
 */
export function patternToRegExp(pattern: string): RegExp {
  const { prefix, middle, suffix } = compilePattern(pattern);
  if (suffix === undefined) {
    return new RegExp(`^${literalSource(prefix)}$`, 'iu');
  }
  const pieces = middle.map((piece, index) => `(?=([^]*?${literalSource(piece)}))\\${index + 1}`).join('');
  return new RegExp(`^${literalSource(prefix)}${pieces}[^]*${literalSource(suffix)}$`, 'iu');
}
