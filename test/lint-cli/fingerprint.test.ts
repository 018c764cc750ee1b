import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Linter } from 'eslint';
import { fingerprints, normalizedSpan } from '../../lint-cli/fingerprint.js';

const at = (line: number, column: number, endLine?: number, endColumn?: number): Linter.LintMessage =>
  ({ ruleId: 'r', message: 'm', severity: 2, line, column, endLine, endColumn }) as Linter.LintMessage;

describe('normalizedSpan', () => {
  it("cuts ESLint's 1-based, end-exclusive range and collapses whitespace, over CRLF lines too", () => {
    const source = 'a;\r\n  call(x,\r\n      y);\r\nz;';
    assert.equal(normalizedSpan(source, at(2, 3, 3, 9)), 'call(x, y)');
    assert.equal(normalizedSpan(source, at(2, 8)), 'x,', 'no end: to the end of the line');
    assert.equal(normalizedSpan(source, at(0, 0)), '', 'a file-level message');
    assert.equal(normalizedSpan(source, at(9, 1)), '', 'past the end');
  });
});

describe('fingerprints', () => {
  it('keeps the order given while ranking identical spans in source order', () => {
    const source = 'w();\nw();\n';
    const [second, first] = fingerprints('a.js', source, [at(2, 1, 2, 4), at(1, 1, 1, 4)]);
    const [alone] = fingerprints('a.js', source, [at(1, 1, 1, 4)]);
    assert.equal(first, alone, 'the first in the file is rank 0 whatever the message order');
    assert.notEqual(second, first);
    assert.match(first!, /^[0-9a-f]{64}$/u);
  });
});
