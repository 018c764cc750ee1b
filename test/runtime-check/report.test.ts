import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatPatternTrailer } from '../../formats/finding-pattern.js';
import { ReportFormatError } from '../../runtime-check/report/finding.js';
import { parseReport, readReport } from '../../runtime-check/report/read-report.js';
import { tempDir, writeText } from './helpers/temp.js';

const dir = tempDir();

const ESLINT_REPORT = [
  {
    filePath: '/src/app.ts',
    messages: [
      {
        ruleId: 'wimboot/no-system-file-write',
        severity: 2,
        line: 3,
        column: 5,
        message: `writes a system file.${formatPatternTrailer(['C:\\Windows\\win.ini'])}`,
      },
      { ruleId: 'no-unused-vars', severity: 2, line: 4, column: 1, message: "'x' is defined but never used." },
      {
        ruleId: 'wimboot/no-system-file-write',
        severity: 1,
        line: 9,
        column: 2,
        message: `may write.${formatPatternTrailer(['C:\\a]b\\*', 'D:\\x'])}`,
      },
    ],
  },
  { filePath: '/src/clean.ts', messages: [] },
];

describe('reading findings from an ESLint JSON report', () => {
  it('keeps wimboot findings (those with a pattern trailer) with file, line, rule and patterns', () => {
    const { kind, findings } = parseReport(JSON.stringify(ESLINT_REPORT), 'r.json');
    assert.equal(kind, 'eslint-json');
    assert.deepEqual(
      findings.map((f) => [f.file, f.line, f.column, f.ruleId, f.patterns]),
      [
        ['/src/app.ts', 3, 5, 'wimboot/no-system-file-write', ['C:\\Windows\\win.ini']],
        ['/src/app.ts', 9, 2, 'wimboot/no-system-file-write', ['C:\\a]b\\*', 'D:\\x']],
      ],
    );
  });

  it('also reads json-with-metadata', () => {
    const { findings } = parseReport(JSON.stringify({ results: ESLINT_REPORT, metadata: { rulesMeta: {} } }), 'r.json');
    assert.equal(findings.length, 2);
  });
});

describe('reading findings from SARIF 2.1.0', () => {
  const sarif = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'wimboot-lint' } },
        originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///work/repo/' } },
        results: [
          {
            ruleId: 'wimboot/no-system-file-write',
            message: { text: `writes.${formatPatternTrailer(['C:\\from-trailer'])}` },
            properties: { wimbootPaths: ['C:\\Windows\\win.ini', 'C:\\Windows\\System32\\*'] },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'file:///src/app.ts' },
                  region: { startLine: 7, startColumn: 3 },
                },
              },
            ],
          },
          {
            ruleId: 'wimboot/no-system-file-write',
            message: { text: `writes.${formatPatternTrailer(['C:\\only-trailer.ini'])}` },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'src/rel.ts' }, region: { startLine: 2 } } }],
          },
          {
            ruleId: 'wimboot/no-system-file-write',
            message: { text: 'x' },
            properties: { wimbootPaths: ['C:\\based'] },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'src/my%20app.ts', uriBaseId: '%SRCROOT%' },
                  region: { startLine: 5 },
                },
              },
            ],
          },
          { ruleId: 'other/rule', message: { text: 'no trailer' } },
        ],
      },
    ],
  };

  it('prefers properties.wimbootPaths, falls back to the message trailer, resolves uriBaseId', () => {
    const { kind, findings } = parseReport(JSON.stringify(sarif), 'r.sarif');
    assert.equal(kind, 'sarif');
    assert.deepEqual(
      findings.map((f) => [f.file, f.line, f.column, f.patterns]),
      [
        ['/src/app.ts', 7, 3, ['C:\\Windows\\win.ini', 'C:\\Windows\\System32\\*']],
        ['src/rel.ts', 2, undefined, ['C:\\only-trailer.ini']],
        ['/work/repo/src/my app.ts', 5, undefined, ['C:\\based']],
      ],
    );
  });

  it('skips suppressed results (eslint-disable), as ESLint JSON keeps them in suppressedMessages', () => {
    const result = (suppressions: unknown[]) => ({
      ruleId: 'wimboot/no-system-file-write',
      message: { text: `writes.${formatPatternTrailer(['C:\\Windows\\win.ini'])}` },
      suppressions,
      locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///src/app.ts' }, region: { startLine: 1 } } }],
    });
    const log = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'x' } },
          results: [
            result([{ kind: 'inSource' }]),
            result([{ kind: 'inSource', status: 'accepted' }]),
            result([{ kind: 'external', status: 'rejected' }]),
            result([]),
          ],
        },
      ],
    };
    const { findings } = parseReport(JSON.stringify(log), 's.sarif');
    assert.equal(findings.length, 2);
  });

  it('rejects another SARIF version', () => {
    assert.throws(
      () => parseReport(JSON.stringify({ ...sarif, version: '2.0.0', $schema: 'x' }), 'old.sarif'),
      /old\.sarif: expected SARIF version "2\.1\.0", got "2\.0\.0"/u,
    );
  });
});

describe('malformed reports', () => {
  it('names the file and position of invalid JSON', async () => {
    const file = writeText(dir, 'broken.json', '[\n  {"filePath": "a", }\n]');
    await assert.rejects(readReport(file), (error: unknown) => {
      assert.ok(error instanceof ReportFormatError);
      assert.match(error.message, /broken\.json:2:\d+: expected a JSON lint report/u);
      return true;
    });
  });

  it('says what was expected for JSON of the wrong shape', () => {
    assert.throws(
      () => parseReport('{"hello": 1}', 'x.json'),
      /x\.json: expected an ESLint JSON report .* or a SARIF 2\.1\.0 log/u,
    );
    assert.throws(() => parseReport('[{"messages": []}]', 'y.json'), /y\.json: results\[0\]: expected \{filePath/u);
  });
});

describe('reports of any kind of file, bounded (issue 14 items 11 and 12)', () => {
  it('refuses what is not JSON at its first byte, without reading on (/dev/zero)', async () => {
    await assert.rejects(readReport('/dev/zero'), (error: unknown) => {
      assert.ok(error instanceof ReportFormatError, String(error));
      assert.equal(
        error.message,
        '/dev/zero: expected a JSON lint report (ESLint -f json, or SARIF 2.1.0), but it starts with byte 0x00',
      );
      return true;
    });
  });

  it('refuses a report larger than the limit with one line saying so', async () => {
    const file = writeText(dir, 'big-report.json', `[${' '.repeat(40_000)}]`);
    await assert.rejects(
      readReport(file, { maxBytes: 32 * 1024 }),
      /big-report\.json: the report is larger than 32 KiB, more than any lint report \(is this the report\?\)/u,
    );
    assert.deepEqual((await readReport(file)).findings, [], 'the default limit reads it');
  });

  it('reads a FIFO written by another process', async () => {
    const fifo = join(dir, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', 'printf %s "$1" > "$2"', 'sh', JSON.stringify(ESLINT_REPORT), fifo], {
      stdio: 'ignore',
    });
    const written = new Promise((resolve) => writer.once('close', resolve));
    assert.equal((await readReport(fifo)).findings.length, 2);
    assert.equal(await written, 0);
  });

  it('reads SARIF artifact URIs with a literal %, which are not percent-encoding', () => {
    const log = (uri: string, uriBaseId?: string) => ({
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'x' } },
          originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///repo/' } },
          results: [
            {
              ruleId: 'wimboot/no-system-file-write',
              message: { text: `w.${formatPatternTrailer(['C:\\Windows\\win.ini'])}` },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri, ...(uriBaseId === undefined ? {} : { uriBaseId }) },
                    region: { startLine: 1 },
                  },
                },
              ],
            },
          ],
        },
      ],
    });
    const fileOf = (uri: string, base?: string): string =>
      parseReport(JSON.stringify(log(uri, base)), 'p.sarif').findings[0]!.file;
    assert.equal(fileOf('src/100%done.js'), 'src/100%done.js');
    assert.equal(fileOf('src/100%done.js', '%SRCROOT%'), '/repo/src/100%done.js');
    assert.equal(fileOf('file:///src/100%done%20now.js'), '/src/100%done now.js');
    assert.equal(fileOf('src/my%20app.ts', '%SRCROOT%'), '/repo/src/my app.ts');
  });
});
