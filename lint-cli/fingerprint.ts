import { createHash } from 'node:crypto';
import type { Linter } from 'eslint';

/** ESLint's line breaks: lines and columns of its messages count them. */
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/u;

/** The `partialFingerprints` key: SARIF asks for a versioned name (§3.27.17). */
export const FINGERPRINT_KEY = 'wimbootSourceSpanHash/v1';

/**
 * The source text a message points at (ESLint's 1-based lines and columns in
 * UTF-16 units, end exclusive; to the end of the line without an end), with
 * every run of whitespace as one space: unchanged when code moves, is
 * re-indented or re-wrapped, changed when the reported code itself changes.
 */
export function normalizedSpan(source: string, message: Linter.LintMessage): string {
  const lines = source.split(LINE_BREAK);
  if (!(message.line >= 1) || message.line > lines.length) {
    return '';
  }
  const endLine = Math.min(message.endLine ?? message.line, lines.length);
  const parts: string[] = [];
  for (let line = message.line; line <= endLine; line += 1) {
    const text = lines[line - 1]!;
    const from = line === message.line ? Math.max(message.column - 1, 0) : 0;
    const to = line === endLine && message.endColumn !== undefined ? message.endColumn - 1 : text.length;
    parts.push(text.slice(from, Math.max(from, to)));
  }
  return parts.join('\n').replace(/\s+/gu, ' ').trim();
}

/**
 * Fingerprints for the findings of one file, in the order given: from the rule,
 * the file's URI and the normalised span, never the line number, so that an
 * alert keeps its identity when lines above it move. Identical findings in one
 * file are told apart by their rank among themselves, in source order.
 */
export function fingerprints(uri: string, source: string, messages: readonly Linter.LintMessage[]): string[] {
  const inSourceOrder = messages
    .map((message, index) => ({ message, index }))
    .sort((a, b) => a.message.line - b.message.line || a.message.column - b.message.column || a.index - b.index);
  const seen = new Map<string, number>();
  const result: string[] = new Array<string>(messages.length);
  for (const { message, index } of inSourceOrder) {
    const identity = [message.ruleId ?? '', uri, normalizedSpan(source, message)].join('\0');
    const rank = seen.get(identity) ?? 0;
    seen.set(identity, rank + 1);
    result[index] = createHash('sha256').update(`${identity}\0${rank}`).digest('hex');
  }
  return result;
}
