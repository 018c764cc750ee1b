import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACCESS_NAMES,
  CRT_OFLAGS,
  type FlagValue,
  type FlagValues,
  NT_DISPOSITIONS,
  NT_TRUNCATING,
  type NameTable,
  OPENFILE_STYLES,
  WIN32_DISPOSITIONS,
  WIN32_TRUNCATING,
  accessWrites,
  describeAccess,
  describeCrtOflag,
  describeEnum,
  describeOpenFileStyle,
  evaluateFlags,
  hex,
  readOnlyAccessText,
} from '../../../analysis/win32/access-mask.js';
import { type ParseOptions, inFile } from '../evaluator/harness.js';

/**
 * The access-mask lattice (analysis/win32/access-mask.ts): Win32 flag
 * arguments folded to unsigned 32-bit values (`0xC0000000`), or to a lower
 * bound when some bits are unknown (`≥0x40000000`: at least these bits); the
 * Win32 names and their values (docs/reference/fs-surface.md §4.1–4.2); and
 * which masks let a handle write data or only metadata.
 */

const r = String.raw;
const ts = { typescript: true } as const;

const TABLES = {
  access: ACCESS_NAMES,
  win32: WIN32_DISPOSITIONS,
  nt: NT_DISPOSITIONS,
  openfile: OPENFILE_STYLES,
  crt: CRT_OFLAGS,
} satisfies Record<string, NameTable>;

/** `0xC0000000` when exact, `≥0x40000000` when only those bits are known to be set. */
function show(value: FlagValue): string {
  return `${value.exact ? '' : '≥'}${hex(value.bits)}`;
}

function fold(code: string, table: keyof typeof TABLES, options?: ParseOptions): FlagValues {
  return inFile(code, (file) => evaluateFlags(file.analysis.evaluator, file.probe(), TABLES[table]), options);
}

interface FoldRow extends ParseOptions {
  readonly code: string;
  readonly table?: keyof typeof TABLES;
  readonly expected: readonly string[];
  readonly complete: boolean;
}

const GENERICS = r`const GENERIC_READ = 0x80000000, GENERIC_WRITE = 0x40000000;`;

const foldRows: FoldRow[] = [
  // Literals, any radix or type, always unsigned.
  { code: r`probe(0xC0000000)`, expected: ['0xC0000000'], complete: true },
  { code: r`probe(3221225472)`, expected: ['0xC0000000'], complete: true },
  { code: r`probe(0xC0000000n)`, expected: ['0xC0000000'], complete: true },
  { code: r`probe(-1073741824)`, expected: ['0xC0000000'], complete: true },
  { code: r`probe(0)`, expected: ['0x00000000'], complete: true },
  { code: r`probe(true)`, expected: ['0x00000001'], complete: true },
  // `|` is int32 in JavaScript: the result is folded back to unsigned.
  { code: `${GENERICS} probe(GENERIC_READ | GENERIC_WRITE)`, expected: ['0xC0000000'], complete: true },
  { code: `${GENERICS} probe((GENERIC_READ | GENERIC_WRITE) >>> 0)`, expected: ['0xC0000000'], complete: true },
  { code: r`probe(0x80000000 + 0x40000000)`, expected: ['0xC0000000'], complete: true },
  { code: r`probe(~0x40000000 & 0xC0000000)`, expected: ['0x80000000'], complete: true },
  { code: r`probe(1 << 30)`, expected: ['0x40000000'], complete: true },
  // Names count by name when their definition is out of reach.
  { code: r`probe(GENERIC_WRITE)`, expected: ['0x40000000'], complete: true },
  {
    code: r`import { GENERIC_WRITE } from 'win32-consts'; probe(GENERIC_WRITE)`,
    expected: ['0x40000000'],
    complete: true,
  },
  {
    code: r`import * as c from 'win32-consts'; probe(c.GENERIC_READ | c.GENERIC_WRITE)`,
    expected: ['0xC0000000'],
    complete: true,
  },
  { code: r`import { GENERIC } from 'win32-consts'; probe(GENERIC.WRITE)`, expected: ['0x40000000'], complete: true },
  { code: r`probe(FileAccess.GenericWrite)`, expected: ['0x40000000'], complete: true },
  { code: r`probe(constants['FILE_WRITE_DATA'])`, expected: ['0x00000002'], complete: true },
  { code: r`probe(FILE_GENERIC_WRITE)`, expected: ['0x00120116'], complete: true },
  { code: r`probe(FILE_ADD_FILE)`, expected: ['0x00000002'], complete: true },
  { code: r`probe(NOT_A_WIN32_NAME)`, expected: [], complete: false },
  // A local definition wins over the name.
  { code: r`const GENERIC_WRITE = 0x80000000; probe(GENERIC_WRITE)`, expected: ['0x80000000'], complete: true },
  // Unknown bits: a lower bound that covers every value.
  { code: `${GENERICS} probe(GENERIC_WRITE | flags)`, expected: ['≥0x40000000'], complete: true },
  { code: r`probe(flags | 0x2)`, expected: ['≥0x00000002'], complete: true },
  { code: r`probe(flags & 0x2)`, expected: ['≥0x00000000'], complete: true },
  { code: r`probe((GENERIC_WRITE | flags) >>> 0)`, expected: ['≥0x40000000'], complete: true },
  { code: r`probe(flags)`, expected: [], complete: false },
  // Both branches.
  {
    code: `${GENERICS} probe(readOnly ? GENERIC_READ : GENERIC_READ | GENERIC_WRITE)`,
    expected: ['0x80000000', '0xC0000000'],
    complete: true,
  },
  { code: r`probe(readOnly ? 0x80000000 : flags)`, expected: ['0x80000000'], complete: false },
  // A test whose truth the call decides takes one branch.
  {
    code: r`function access(write) { return write ? 0xC0000000 : 0x80000000; } probe(access(true))`,
    expected: ['0xC0000000'],
    complete: true,
  },
  {
    code: r`function access(write = false) { return write ? 0xC0000000 : 0x80000000; } probe(access())`,
    expected: ['0x80000000'],
    complete: true,
  },
  {
    code: r`function access(readOnly) { return !readOnly ? 0xC0000000 : 0x80000000; } probe(access(1))`,
    expected: ['0x80000000'],
    complete: true,
  },
  // TypeScript: enums declared in the file, and wrappers.
  {
    code: r`enum Access { Read = 0x80000000, Write = 0x40000000 } probe(Access.Write)`,
    expected: ['0x40000000'],
    complete: true,
    ...ts,
  },
  {
    code: r`enum Access { Read = 0x80000000, Write = 0x40000000 } probe(Access.Read | Access.Write)`,
    expected: ['0xC0000000'],
    complete: true,
    ...ts,
  },
  { code: r`probe((0xC0000000 as number)!)`, expected: ['0xC0000000'], complete: true, ...ts },
  // Other tables.
  { code: r`probe(CREATE_ALWAYS)`, table: 'win32', expected: ['0x00000002'], complete: true },
  { code: r`probe(TRUNCATE_EXISTING)`, table: 'win32', expected: ['0x00000005'], complete: true },
  {
    code: r`probe(exists ? OPEN_EXISTING : CREATE_NEW)`,
    table: 'win32',
    expected: ['0x00000001', '0x00000003'],
    complete: true,
  },
  { code: r`probe(FILE_OVERWRITE_IF)`, table: 'nt', expected: ['0x00000005'], complete: true },
  { code: r`probe(FILE_SUPERSEDE)`, table: 'nt', expected: ['0x00000000'], complete: true },
  { code: r`probe(OF_READWRITE | OF_SHARE_EXCLUSIVE)`, table: 'openfile', expected: ['0x00000012'], complete: true },
  { code: r`probe(_O_RDWR | _O_BINARY)`, table: 'crt', expected: ['0x00008002'], complete: true },
  { code: r`probe(O_WRONLY | O_CREAT | O_TRUNC)`, table: 'crt', expected: ['0x00000301'], complete: true },
  // A name of another table means nothing here.
  { code: r`probe(CREATE_ALWAYS)`, expected: [], complete: false },
];

describe('access masks: folding', () => {
  for (const row of foldRows) {
    const table = row.table === undefined ? '' : ` [${row.table}]`;
    it(`${row.code}${table} → ${row.expected.join(' | ') || '(nothing)'}${row.complete ? '' : ' …'}`, () => {
      const folded = fold(row.code, row.table ?? 'access', row);
      assert.deepEqual(
        { values: folded.items.map(show).sort(), complete: folded.complete },
        {
          values: [...row.expected].sort(),
          complete: row.complete,
        },
      );
    });
  }
});

/** Every name docs/reference/fs-surface.md §4.2 lists, its value and what a handle with it may write. */
const accessRows: [name: string, value: number, writes: 'data' | 'metadata' | undefined][] = [
  ['FILE_READ_DATA', 0x1, undefined],
  ['FILE_LIST_DIRECTORY', 0x1, undefined],
  ['FILE_WRITE_DATA', 0x2, 'data'],
  ['FILE_ADD_FILE', 0x2, 'data'],
  ['FILE_APPEND_DATA', 0x4, 'data'],
  ['FILE_ADD_SUBDIRECTORY', 0x4, 'data'],
  ['FILE_READ_EA', 0x8, undefined],
  ['FILE_WRITE_EA', 0x10, 'metadata'],
  ['FILE_EXECUTE', 0x20, undefined],
  ['FILE_TRAVERSE', 0x20, undefined],
  ['FILE_DELETE_CHILD', 0x40, undefined],
  ['FILE_READ_ATTRIBUTES', 0x80, undefined],
  ['FILE_WRITE_ATTRIBUTES', 0x100, 'metadata'],
  ['DELETE', 0x1_0000, 'metadata'],
  ['READ_CONTROL', 0x2_0000, undefined],
  ['STANDARD_RIGHTS_READ', 0x2_0000, undefined],
  ['STANDARD_RIGHTS_WRITE', 0x2_0000, undefined],
  ['WRITE_DAC', 0x4_0000, 'metadata'],
  ['WRITE_OWNER', 0x8_0000, 'metadata'],
  ['SYNCHRONIZE', 0x10_0000, undefined],
  ['STANDARD_RIGHTS_REQUIRED', 0xf_0000, 'metadata'],
  ['STANDARD_RIGHTS_ALL', 0x1f_0000, 'metadata'],
  ['ACCESS_SYSTEM_SECURITY', 0x100_0000, undefined],
  ['MAXIMUM_ALLOWED', 0x200_0000, 'data'],
  ['GENERIC_ALL', 0x1000_0000, 'data'],
  ['GENERIC_EXECUTE', 0x2000_0000, undefined],
  ['GENERIC_WRITE', 0x4000_0000, 'data'],
  ['GENERIC_READ', 0x8000_0000, undefined],
  ['FILE_GENERIC_READ', 0x12_0089, undefined],
  ['FILE_GENERIC_WRITE', 0x12_0116, 'data'],
  ['FILE_GENERIC_EXECUTE', 0x12_00a0, undefined],
  ['FILE_ALL_ACCESS', 0x1f_01ff, 'data'],
];

describe('access masks: names and what they write', () => {
  for (const [name, value, writes] of accessRows) {
    it(`${name} = ${hex(value)} writes ${writes ?? 'nothing'}`, () => {
      assert.equal(ACCESS_NAMES.get(name), value);
      assert.equal(accessWrites({ bits: value, exact: true }), writes);
    });
  }
  it('a mask with data and metadata bits writes data', () => {
    assert.equal(accessWrites({ bits: 0x12_019f, exact: true }), 'data');
  });
  it('a lower bound writes what its known bits write', () => {
    assert.equal(accessWrites({ bits: 0x4000_0000, exact: false }), 'data');
    assert.equal(accessWrites({ bits: 0, exact: false }), undefined);
  });
});

describe('access masks: dispositions, OpenFile styles and CRT flags', () => {
  const dispositions: [NameTable, string, number, boolean][] = [
    [WIN32_DISPOSITIONS, 'CREATE_NEW', 1, false],
    [WIN32_DISPOSITIONS, 'CREATE_ALWAYS', 2, true],
    [WIN32_DISPOSITIONS, 'OPEN_EXISTING', 3, false],
    [WIN32_DISPOSITIONS, 'OPEN_ALWAYS', 4, false],
    [WIN32_DISPOSITIONS, 'TRUNCATE_EXISTING', 5, true],
    [NT_DISPOSITIONS, 'FILE_SUPERSEDE', 0, true],
    [NT_DISPOSITIONS, 'FILE_OPEN', 1, false],
    [NT_DISPOSITIONS, 'FILE_CREATE', 2, false],
    [NT_DISPOSITIONS, 'FILE_OPEN_IF', 3, false],
    [NT_DISPOSITIONS, 'FILE_OVERWRITE', 4, true],
    [NT_DISPOSITIONS, 'FILE_OVERWRITE_IF', 5, true],
  ];
  for (const [table, name, value, truncates] of dispositions) {
    it(`${name} = ${value}${truncates ? ' empties an existing file' : ''}`, () => {
      assert.equal(table.get(name), value);
      assert.equal(describeEnum(value, table), name);
      assert.equal((table === NT_DISPOSITIONS ? NT_TRUNCATING : WIN32_TRUNCATING).has(value), truncates);
    });
  }
  it('an unnamed disposition is shown as its number', () => {
    assert.equal(describeEnum(9, WIN32_DISPOSITIONS), '9');
  });

  const styles: [string, number][] = [
    ['OF_READ', 0],
    ['OF_WRITE', 0x1],
    ['OF_READWRITE', 0x2],
    ['OF_DELETE', 0x200],
    ['OF_CREATE', 0x1000],
  ];
  for (const [name, value] of styles) {
    it(`OpenFile ${name} = ${hex(value)}`, () => assert.equal(OPENFILE_STYLES.get(name), value));
  }
  it('CRT flags have the same value with and without the underscore', () => {
    for (const name of ['_O_WRONLY', '_O_RDWR', '_O_APPEND', '_O_CREAT', '_O_TRUNC', '_O_EXCL', '_O_TEMPORARY']) {
      assert.equal(CRT_OFLAGS.get(name.slice(1)), CRT_OFLAGS.get(name), name);
    }
    assert.deepEqual(
      ['_O_WRONLY', '_O_RDWR', '_O_APPEND', '_O_CREAT', '_O_TRUNC', '_O_EXCL'].map((name) => CRT_OFLAGS.get(name)),
      [0x1, 0x2, 0x8, 0x100, 0x200, 0x400],
    );
  });
});

describe('access masks: how messages spell them', () => {
  const rows: [FlagValue, string][] = [
    [{ bits: 0xc000_0000, exact: true }, 'GENERIC_READ | GENERIC_WRITE (0xC0000000)'],
    [{ bits: 0x4000_0000, exact: false }, 'GENERIC_WRITE | … (at least 0x40000000)'],
    [{ bits: 0, exact: false }, '… (at least 0x00000000)'],
    [{ bits: 0, exact: true }, '0 (0x00000000)'],
    [{ bits: 0x12_0116, exact: true }, 'FILE_GENERIC_WRITE (0x00120116)'],
    [{ bits: 0x1f_01ff, exact: true }, 'FILE_ALL_ACCESS (0x001F01FF)'],
    [{ bits: 0x8000_0200, exact: true }, 'GENERIC_READ | 0x00000200 (0x80000200)'],
  ];
  for (const [value, text] of rows) {
    it(`${show(value)} → ${text}`, () => assert.equal(describeAccess(value), text));
  }
  it('OpenFile styles and CRT flags', () => {
    assert.equal(describeOpenFileStyle({ bits: 0x12, exact: true }), 'OF_READWRITE | OF_SHARE_EXCLUSIVE (0x00000012)');
    assert.equal(describeCrtOflag({ bits: 0x8002, exact: true }), '_O_RDWR | _O_BINARY (0x00008002)');
  });
});

describe('access masks: the read-only rewrite', () => {
  const rows: [code: string, expected: string | undefined][] = [
    [`${GENERICS} probe(GENERIC_READ | GENERIC_WRITE)`, 'GENERIC_READ'],
    [`${GENERICS} probe((GENERIC_READ | GENERIC_WRITE) >>> 0)`, 'GENERIC_READ >>> 0'],
    [`${GENERICS} probe(GENERIC_WRITE)`, 'GENERIC_READ'],
    [r`const GENERIC_WRITE = 0x40000000; probe(GENERIC_WRITE)`, '0x80000000'],
    [r`probe(0xC0000000)`, '0x80000000'],
    [r`probe(0xc0000003)`, '0x80000001'],
    [r`probe(3221225472)`, '2147483648'],
    [r`probe(0x40000000)`, '0x80000000'],
    [
      r`const C = { GENERIC_READ: 0x80000000, GENERIC_WRITE: 0x40000000 }; probe(C.GENERIC_READ | C.GENERIC_WRITE)`,
      'C.GENERIC_READ',
    ],
    [r`const C = { GENERIC_READ: 0x80000000, GENERIC_WRITE: 0x40000000 }; probe(C.GENERIC_WRITE)`, 'C.GENERIC_READ'],
    [r`probe(0x80000000 | FILE_WRITE_ATTRIBUTES)`, '0x80000000 | FILE_WRITE_ATTRIBUTES'],
    // No read-only spelling: GENERIC_ALL, MAXIMUM_ALLOWED, unknown bits.
    [r`probe(0x10000000)`, undefined],
    [r`probe(0x02000000)`, undefined],
    [r`probe(0x40000000 | flags)`, undefined],
  ];
  for (const [code, expected] of rows) {
    it(`${code} → ${expected ?? '(no rewrite)'}`, () => {
      const rewritten = inFile(code, (file) =>
        readOnlyAccessText(file.analysis.evaluator, file.probe(), file.sourceCode),
      );
      assert.equal(rewritten, expected);
    });
  }
});
