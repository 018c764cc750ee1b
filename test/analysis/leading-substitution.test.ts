import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from 'eslint';
import plugin from '../../plugin/index.js';
import { type SummaryEntry, substituteLeading } from '../../analysis/summaries.js';
import { type Part, type Values, known, text } from '../../analysis/evaluator/values.js';

/**
 * A wrapper call's path is first judged by substitution (file-calls.ts): the
 * call's argument followed by the suffixes the summary knows. Rows: a helper
 * body and a call; whether the call is reported must be what instantiating
 * the write under the call's frame decides (the substitution only spares the
 * calls that name no system file).
 */

interface Row {
  readonly name: string;
  /** The helper's write, of its parameter `p`. */
  readonly write: string;
  readonly call: string;
  readonly reported: boolean;
}

const r = String.raw;
const ROWS: readonly Row[] = [
  {
    name: 'the parameter itself, a system path',
    write: `fs.writeFileSync(p, '')`,
    call: r`save('C:\\Windows\\win.ini')`,
    reported: true,
  },
  {
    name: 'the parameter itself, a user folder',
    write: `fs.writeFileSync(p, '')`,
    call: r`save('C:\\Users\\me\\a.txt')`,
    reported: false,
  },
  {
    name: 'a suffix, a system folder',
    write: `fs.writeFileSync(p + '.bak', '')`,
    call: r`save('C:\\Windows\\win')`,
    reported: true,
  },
  {
    name: 'a suffix, APPDATA',
    write: `fs.writeFileSync(p + '.bak', '')`,
    call: `save(process.env.APPDATA + '/x')`,
    reported: false,
  },
  {
    name: 'a suffix that climbs into Windows',
    write: r`fs.writeFileSync(p + '\\..\\..\\Windows\\win.ini', '')`,
    call: r`save('C:\\Users\\me')`,
    reported: true,
  },
  {
    name: 'a suffix that climbs out of Windows',
    write: r`fs.writeFileSync(p + '\\..\\..\\Users\\me\\x', '')`,
    call: r`save('C:\\Windows\\System32')`,
    reported: false,
  },
  {
    name: 'path.join of a folder and a name',
    write: `fs.writeFileSync(path.join(p, 'hosts'), '')`,
    call: r`save('C:\\Windows\\System32\\drivers\\etc')`,
    reported: true,
  },
  {
    name: 'path.join under a user folder',
    write: `fs.writeFileSync(path.join(p, 'hosts'), '')`,
    call: r`save('D:\\backup')`,
    reported: false,
  },
  {
    name: 'a suffix from an environment variable',
    write: `fs.writeFileSync(p + process.env.SUFFIX, '')`,
    call: r`save('C:\\Windows\\x')`,
    reported: true,
  },
  {
    name: 'either of two suffixes',
    write: `fs.writeFileSync(p + (c ? '.a' : '.b'), '')`,
    call: r`save('C:\\Windows\\x')`,
    reported: true,
  },
  {
    name: 'a conditional argument, one system',
    write: `fs.writeFileSync(p + '.log', '')`,
    call: r`save(c ? 'C:\\Windows\\x' : 'out')`,
    reported: true,
  },
  {
    name: 'an argument the evaluator cannot see',
    write: `fs.writeFileSync(p + '.log', '')`,
    call: `save(unknown())`,
    reported: false,
  },
  { name: 'a relative argument', write: `fs.writeFileSync(p + '.log', '')`, call: `save('out/x')`, reported: false },
  {
    name: 'an object argument (its member is the path)',
    write: `fs.writeFileSync(p.file, '')`,
    call: r`save({ file: 'C:\\Windows\\x' })`,
    reported: true,
  },
];

function reportsAtCall(row: Row): number {
  const linter = new Linter();
  const code = [
    `import fs from 'node:fs';`,
    `import path from 'node:path';`,
    `function save(p) { ${row.write}; }`,
    `${row.call};`,
  ].join('\n');
  const messages = linter.verify(code, [
    { languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
    plugin.configs.recommended,
  ]);
  assert.deepEqual(
    messages.filter((message) => message.fatal === true),
    [],
  );
  return messages.filter((message) => message.line === 4 && message.ruleId === 'wimboot/no-system-file-write').length;
}

describe('wrapper calls judged by substituting the argument into the summary', () => {
  for (const row of ROWS) {
    it(`${row.name}: ${row.reported ? 'reported' : 'not reported'} at \`${row.call}\``, () => {
      assert.equal(reportsAtCall(row), row.reported ? 1 : 0);
    });
  }
});

describe('substituteLeading', () => {
  const entry = (suffixes: readonly (readonly Part[])[] | undefined): SummaryEntry =>
    ({ leadingParam: 0, leadingSuffixes: suffixes }) as unknown as SummaryEntry;
  const texts = (values: Values | undefined): string[] | undefined =>
    values?.items.map((item) =>
      item.kind === 'string'
        ? item.parts.map((part) => (part.kind === 'text' ? part.text : `<${part.kind}>`)).join('')
        : item.kind,
    );

  it('appends every suffix to every alternative of the argument', () => {
    const argument = known(text('a'), text('b'));
    const suffixes: Part[][] = [[{ kind: 'text', text: '.1' }], [{ kind: 'env', name: 'X' }]];
    assert.deepEqual(texts(substituteLeading(entry(suffixes), argument)), ['a.1', 'a<env>', 'b.1', 'b<env>']);
  });

  it('gives the argument itself when the path is the parameter', () => {
    const argument = known(text('C:\\x'));
    assert.equal(substituteLeading(entry([[]]), argument), argument);
  });

  it('declines: no suffixes known, an argument not fully known, empty, or not a string', () => {
    assert.equal(substituteLeading(entry(undefined), known(text('a'))), undefined);
    assert.equal(substituteLeading(entry([[]]), { items: [text('a')], complete: false }), undefined);
    assert.equal(substituteLeading(entry([[]]), known()), undefined);
    assert.equal(substituteLeading(entry([[]]), known({ kind: 'number', value: 1 })), undefined);
  });
});
