import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import ts from 'typescript';
import { makeTree, removeTrees } from '../../setup/temp-tree.js';
import { type ParseOptions, inFile, render } from './harness.js';

/**
 * Which nodes make the typed fallback (analysis/evaluator/type-values.ts)
 * ask TypeScript's checker, against a real program: every query may make
 * the checker resolve overloads or type-check declarations, so the shapes
 * that can never give a literal are told apart before asking, and the ones
 * that can still are asked and resolved. Each row names the node's text
 * and whether `getTypeAtLocation` was asked for it.
 */

after(removeTrees);

const WIN_INI = String.raw`C:\Windows\win.ini`;
const SYSTEM_INI = String.raw`C:\Windows\system.ini`;

/** A program over `code` (saved as file.ts in a fresh folder) whose checker records the text of each node typed. */
function countingProgram(code: string): { options: ParseOptions; typed: string[] } {
  const file = join(makeTree({ 'file.ts': code }), 'file.ts');
  const real = ts.createProgram([file], { noEmit: true, strict: true, types: [], lib: ['lib.es2022.d.ts'] });
  const typed: string[] = [];
  const checker = real.getTypeChecker();
  const counting = new Proxy(checker, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      if (key === 'getTypeAtLocation') {
        return (node: ts.Node) => {
          typed.push(node.getText());
          return target.getTypeAtLocation(node);
        };
      }
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
  const program = new Proxy(real, {
    get(target, key) {
      if (key === 'getTypeChecker') return () => counting;
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { options: { program: { program, file } }, typed };
}

interface QueryRow {
  readonly name: string;
  /** Holds one `probe(expression)`. */
  readonly code: string;
  /** The probed expression's text, and whether the checker is asked for its type. */
  readonly node: string;
  readonly asked: boolean;
  /** What it evaluates to (only where the checker is what finds it). */
  readonly values?: readonly string[];
}

const rows: readonly QueryRow[] = [
  {
    name: 'an annotated parameter: its annotation may be a literal union',
    code: `type Ini = 'C:\\\\Windows\\\\win.ini'; function save(p: Ini) { probe(p); } save('C:\\\\Windows\\\\win.ini');`,
    node: 'p',
    asked: true,
    values: [WIN_INI],
  },
  {
    name: "an unannotated callback parameter: its type is the callback slot's, found by overload resolution",
    code: `declare const list: readonly string[]; list.forEach((p) => probe(p));`,
    node: 'p',
    asked: false,
  },
  {
    name: "an unannotated parameter with a default: the default's type, widened",
    code: `function save(p = 'C:\\\\Windows\\\\win.ini') { probe(p); }`,
    node: 'p',
    asked: false,
  },
  {
    name: "a variable with an initializer: the initializer is asked, the variable (its initializer's type) is not",
    code: `declare function pick(): 'C:\\\\Windows\\\\win.ini'; const target = pick(); probe(target);`,
    node: 'target',
    asked: false,
    values: [WIN_INI],
  },
  {
    name: 'a destructured binding: a part of its initializer, asked',
    code: `declare const paths: { readonly ini: 'C:\\\\Windows\\\\win.ini' }; const { ini } = paths; probe(ini);`,
    node: 'ini',
    asked: true,
    values: [WIN_INI],
  },
  {
    name: 'a for-of binding: an element of what it iterates, asked',
    code: `declare const inis: readonly ('C:\\\\Windows\\\\win.ini' | 'C:\\\\Windows\\\\system.ini')[]; for (const ini of inis) probe(ini);`,
    node: 'ini',
    asked: true,
    values: [SYSTEM_INI, WIN_INI],
  },
  {
    name: 'an optional call of a method whose signatures return no literal',
    code: `declare const m: Map<string, string> | undefined; probe(m?.get('k'));`,
    node: "m?.get('k')",
    asked: false,
  },
  {
    name: 'an optional call of a method returning a literal',
    code: `declare const o: { ini(): 'C:\\\\Windows\\\\win.ini' } | undefined; probe(o?.ini());`,
    node: 'o?.ini()',
    asked: true,
    values: [WIN_INI, 'nullish'],
  },
  {
    name: 'a generic call returning an array of its type parameter',
    code: `declare const xs: string[]; probe(xs.filter((x) => x !== ''));`,
    node: "xs.filter((x) => x !== '')",
    asked: false,
  },
  {
    name: 'a generic call returning its type parameter',
    code: `declare function same<T>(value: T): T; declare const ini: 'C:\\\\Windows\\\\win.ini'; probe(same(ini));`,
    node: 'same(ini)',
    asked: true,
    values: [WIN_INI],
  },
  {
    name: 'a generic call returning an indexed access of its type parameters',
    code: `declare function pick<T, K extends keyof T>(o: T, k: K): T[K]; declare const paths: { ini: 'C:\\\\Windows\\\\win.ini' }; probe(pick(paths, 'ini'));`,
    node: "pick(paths, 'ini')",
    asked: true,
    values: [WIN_INI],
  },
];

describe('typed fallback: checker queries against a real program', () => {
  for (const row of rows) {
    it(row.name, () => {
      const { options, typed } = countingProgram(row.code);
      const values = inFile(row.code, (file) => render(file.analysis.evaluator.evaluate(file.probe())), options);
      assert.equal(typed.includes(row.node), row.asked, `asked for ${row.node}: ${JSON.stringify(typed)}`);
      if (row.values !== undefined) assert.deepEqual(values.values, [...row.values].sort());
    });
  }

  it('asks nothing while resolving a callee, and asks for the same initialiser as a value', () => {
    const code = `declare function writer(): (p: string) => void; const w = writer(); /*call*/w('x'); probe(w);`;
    const { options, typed } = countingProgram(code);
    inFile(
      code,
      (file) => {
        file.analysis.evaluator.calleeOf(file.marked('call'));
        assert.deepEqual(typed, [], 'callee');
        file.analysis.evaluator.evaluate(file.probe());
        assert.ok(typed.length > 0, 'value');
      },
      options,
    );
  });

  it('still asks for a computed key inside a callee: `fs[method]` with a literal-typed method', () => {
    const code = `import fs from 'node:fs'; declare const method: 'writeFileSync'; /*call*/fs[method]('C:\\\\Windows\\\\win.ini', ''); probe(0);`;
    const { options, typed } = countingProgram(code);
    const callee = inFile(
      code,
      (file) => render(file.analysis.evaluator.calleeOf(file.marked('call')).callee),
      options,
    );
    assert.deepEqual(callee.values, ['<fs.writeFileSync>']);
    assert.ok(typed.includes('method'), JSON.stringify(typed));
  });
});
