/** Location of the `occurrence`-th appearance of `snippet` in `code`, as RuleTester expects it. */
export function at(
  code: string,
  snippet: string,
  occurrence = 1,
): { line: number; column: number; endLine: number; endColumn: number } {
  let index = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    index = code.indexOf(snippet, index + 1);
    if (index === -1) {
      throw new Error(`snippet ${JSON.stringify(snippet)} (occurrence ${occurrence}) not found in test code`);
    }
  }
  const position = (offset: number): { line: number; column: number } => {
    const before = code.slice(0, offset).split('\n');
    return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
  };
  const start = position(index);
  const end = position(index + snippet.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function escape(value: string): string {
  return value.replace(/[$()*+.?[\\\]^{|}]/gu, '\\$&');
}

/**
 * A message matcher: starts with `api action "path"`, ends with the pattern
 * trailer listing exactly `patterns` (default: the path).
 */
export function message(api: string, action: string, path: string, patterns: readonly string[] = [path]): RegExp {
  return new RegExp(
    `^${escape(api)} ${escape(action)} "${escape(path)}".*: on WIMBoot/CompactOS devices .* \\[wimboot-path: ${patterns.map(escape).join(' \\| ')}\\]$`,
    'su',
  );
}

/** A RuleTester error object: the message and the full location of `snippet`. */
export function errorAt(
  code: string,
  snippet: string,
  expected: RegExp | string,
  occurrence = 1,
): { message: RegExp | string; line: number; column: number; endLine: number; endColumn: number } {
  return { message: expected, ...at(code, snippet, occurrence) };
}
