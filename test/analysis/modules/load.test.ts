import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import tsParser from '@typescript-eslint/parser';
import ts from 'typescript';
import { type ParserChoice, loadModule } from '../../../analysis/modules/load.js';
import type { ModuleSource } from '../../../analysis/evaluator/module-source.js';
import { makeTree, removeTrees } from '../../setup/temp-tree.js';

/**
 * How another TypeScript module is read (analysis/modules/load.ts): with the
 * linted file's program its SourceFile is converted instead of parsed again,
 * unless it holds other text than the file on disk (the program is older):
 * then the disk's text wins. Either way the same tree comes out.
 */

after(removeTrees);

/** `name` holding `text`, alone in a fresh folder. */
function moduleFile(name: string, text: string): string {
  return join(makeTree({ [name]: text }), name);
}

function load(file: string, program?: unknown, parser: unknown = tsParser): ModuleSource | undefined {
  const found = statSync(file);
  const info = { isFile: true, isDirectory: false, mtimeMs: found.mtimeMs, size: found.size };
  const choice: ParserChoice = { parser, cwd: process.cwd(), program };
  return loadModule(file, info, choice);
}

/** A program over `file` that counts the SourceFiles asked of it. */
function countingProgram(file: string): { program: ts.Program; asked: string[] } {
  const real = ts.createProgram([file], { noEmit: true, types: [] });
  const asked: string[] = [];
  const program = new Proxy(real, {
    get(target, key) {
      if (key === 'getSourceFile') {
        return (name: string) => {
          asked.push(name);
          return target.getSourceFile(name);
        };
      }
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { program, asked };
}

/** Node types and ranges, depth first: two trees with the same shape and places. */
function shape(module: ModuleSource | undefined): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    const record = node as { type?: unknown; range?: [number, number] } & Record<string, unknown>;
    if (typeof record.type === 'string' && record.range !== undefined)
      out.push(`${record.type}@${record.range.join('-')}`);
    for (const [key, child] of Object.entries(record)) if (key !== 'parent' && key !== 'loc') walk(child);
  };
  walk(module?.ast);
  return out;
}

const SOURCE = [
  `import { writeFileSync } from 'node:fs';`,
  `export const HOSTS: string = 'C:\\\\Windows\\\\System32\\\\drivers\\\\etc\\\\hosts';`,
  `export function save(file: string, data: string): void {`,
  `  writeFileSync(file, data);`,
  `}`,
  '',
].join('\n');

describe('reading another TypeScript module', () => {
  it("converts the program's SourceFile and gives the same tree as a parse of the text", () => {
    const withProgramFile = moduleFile('io.ts', SOURCE);
    const { program, asked } = countingProgram(withProgramFile);
    const fromProgram = load(withProgramFile, program);
    // Once to compare its text with the disk's, once by typescript-estree to convert it.
    assert.equal(asked.filter((name) => name === withProgramFile).length, 2, `asked: ${asked.join(', ')}`);
    const parsedFile = moduleFile('io.ts', SOURCE);
    const parsed = load(parsedFile);
    assert.ok(fromProgram !== undefined && parsed !== undefined);
    assert.deepEqual(shape(fromProgram), shape(parsed));
    assert.ok(shape(parsed).includes('ExportNamedDeclaration@41-115'), shape(parsed).slice(0, 8).join(' '));
    // Scopes come on first use, the same either way.
    const declaration = fromProgram.ast.body[1];
    assert.ok(declaration !== undefined);
    assert.deepEqual(
      fromProgram.getDeclaredVariables(declaration).map((variable) => variable.name),
      parsed.getDeclaredVariables(parsed.ast.body[1]!).map((variable) => variable.name),
    );
    assert.equal(fromProgram.getScope(declaration).type, 'module');
  });

  it('reads the disk when the program holds an older text of the module', () => {
    const file = moduleFile('paths.ts', `export const TARGET = 'out/log.txt';\n`);
    const { program } = countingProgram(file);
    writeFileSync(file, `export const TARGET = 'C:\\\\Program Files\\\\Acme\\\\log.txt';\n`);
    const module = load(file, program);
    assert.ok(module !== undefined);
    assert.match(module.getText(module.ast.body[0]!), /Program Files/u);
  });

  it('parses the text when typescript-estree cannot use the program it was given', () => {
    const file = moduleFile('io.ts', SOURCE);
    // It holds the module's text, but it is no program typescript-estree can read.
    const broken = { getSourceFile: () => ({ text: SOURCE }) };
    const module = load(file, broken);
    assert.ok(module !== undefined, 'the module is read, not unknown');
    assert.deepEqual(shape(module), shape(load(moduleFile('io.ts', SOURCE))));
  });

  it('ignores a program when the linted file was parsed by another parser (it may be another TypeScript)', () => {
    const file = moduleFile('io.ts', SOURCE);
    const { program, asked } = countingProgram(file);
    const espreeLike = { parse: () => ({}), meta: { name: 'espree' } };
    const module = load(file, program, espreeLike);
    assert.deepEqual(asked, []);
    assert.deepEqual(shape(module), shape(load(moduleFile('io.ts', SOURCE))));
  });
});
