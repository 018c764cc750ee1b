import type { TSESTree } from '@typescript-eslint/utils';
import { isClassNode, isFunctionNode } from '../ast.js';
import type { Evaluator } from '../evaluator/evaluate.js';
import { type AbstractValue, type Values, UNKNOWN, known, union } from '../evaluator/values.js';

/**
 * What a module exports, by name, evaluated by that module's own evaluator:
 * ESM declarations, specifiers, defaults and re-exports (`export { X } from`,
 * `export * from`), and CommonJS (`exports.X =`, `module.exports = { X }`,
 * `module.exports = value`, tsc's `Object.defineProperty(exports, …)`).
 * `default` of a CommonJS module is its `module.exports`; the special name
 * `module.exports` is what `require()` of the module returns when called.
 */

type Export =
  | { readonly kind: 'local'; readonly node: TSESTree.Node }
  | { readonly kind: 'reexport'; readonly specifier: string; readonly imported: string }
  | { readonly kind: 'namespace'; readonly specifier: string };

interface ExportTable {
  readonly named: ReadonlyMap<string, Export>;
  /** `export * from '…'` specifiers. */
  readonly stars: readonly string[];
  readonly isModule: boolean;
}

const tables = new WeakMap<TSESTree.Program, ExportTable>();

/** Export `name` of the module `evaluator` reads; `resolveReexport` follows `export … from`. */
export function exportOf(
  evaluator: Evaluator,
  name: string,
  reexport: (specifier: string, imported: string) => Values,
): Values {
  const table = exportTable(evaluator);
  const entry = table.named.get(name === 'module.exports' ? 'default' : name);
  if (entry !== undefined) {
    if (entry.kind === 'local') return localValue(evaluator, entry.node);
    if (entry.kind === 'reexport') return reexport(entry.specifier, entry.imported);
    return reexport(entry.specifier, '*');
  }
  if (table.isModule) {
    for (const specifier of table.stars) {
      if (name === 'default') break;
      const value = reexport(specifier, name);
      // A module that does not export the name gives `undefined`: the next star may.
      if (value.items.length > 0 && !isNotExported(value)) return value;
    }
    return table.stars.length > 0 ? UNKNOWN : known({ kind: 'nullish' });
  }
  return commonJsExport(evaluator, name);
}

function isNotExported(value: Values): boolean {
  return value.complete && value.items.every((item) => item.kind === 'nullish');
}

function commonJsExport(evaluator: Evaluator, name: string): Values {
  const index = evaluator.index;
  const whole = index.moduleExports();
  const wholeValues = (): Values => union(...whole.map((node) => evaluator.evaluate(node)));
  if (name === 'module.exports') return whole.length > 0 ? wholeValues() : namespaceOf(evaluator);
  const assigned = index.exportAssignments().get(name);
  if (assigned !== undefined) return union(...assigned.map((node) => evaluator.evaluate(node)));
  if (name === 'default') return whole.length > 0 ? wholeValues() : namespaceOf(evaluator);
  // A CommonJS barrel: the name may come from any object merged into the exports.
  const merged = index.mergedExports().map((node) => evaluator.memberValues(evaluator.evaluate(node), name));
  if (whole.length === 0) return merged.length === 0 ? UNKNOWN : { items: union(...merged).items, complete: false };
  return union(evaluator.memberValues(wholeValues(), name), ...merged);
}

function namespaceOf(evaluator: Evaluator): Values {
  return evaluator.module.file === '' ? UNKNOWN : known({ kind: 'namespace', file: evaluator.module.file });
}

function localValue(evaluator: Evaluator, node: TSESTree.Node): Values {
  if (isFunctionNode(node)) return known({ kind: 'function', node });
  if (isClassNode(node)) return known({ kind: 'class', node });
  if (node.type === 'Identifier') {
    const variable = evaluator.findVariable(node);
    return variable === null ? UNKNOWN : evaluator.evaluateVariable(variable);
  }
  return evaluator.evaluate(node);
}

function exportTable(evaluator: Evaluator): ExportTable {
  const program = evaluator.module.ast;
  let table = tables.get(program);
  if (table !== undefined) return table;
  const named = new Map<string, Export>();
  const stars: string[] = [];
  let isModule = false;
  for (const statement of program.body) {
    switch (statement.type) {
      case 'ExportNamedDeclaration': {
        isModule = true;
        const source =
          statement.source === null || statement.source === undefined ? undefined : String(statement.source.value);
        const declaration = statement.declaration;
        if (declaration !== null && declaration !== undefined) {
          if (declaration.type === 'VariableDeclaration') {
            for (const declarator of declaration.declarations) {
              for (const variable of evaluator.declaredVariables(declarator)) {
                const identifier = variable.identifiers[0];
                if (identifier !== undefined) named.set(variable.name, { kind: 'local', node: identifier });
              }
            }
          } else if (
            'id' in declaration &&
            declaration.id !== null &&
            declaration.id !== undefined &&
            declaration.id.type === 'Identifier'
          ) {
            named.set(declaration.id.name, {
              kind: 'local',
              node: isFunctionNode(declaration) || isClassNode(declaration) ? declaration : declaration.id,
            });
          }
        }
        for (const specifier of statement.specifiers) {
          const exported =
            specifier.exported.type === 'Identifier' ? specifier.exported.name : String(specifier.exported.value);
          const local =
            specifier.local.type === 'Identifier'
              ? specifier.local.name
              : String((specifier.local as unknown as TSESTree.Literal).value);
          named.set(
            exported,
            source === undefined
              ? { kind: 'local', node: specifier.local }
              : { kind: 'reexport', specifier: source, imported: local },
          );
        }
        break;
      }
      case 'ExportDefaultDeclaration': {
        isModule = true;
        named.set('default', { kind: 'local', node: statement.declaration });
        break;
      }
      case 'ExportAllDeclaration': {
        isModule = true;
        const source = String(statement.source.value);
        if (statement.exported === null || statement.exported === undefined) stars.push(source);
        else {
          const exported =
            statement.exported.type === 'Identifier'
              ? statement.exported.name
              : String((statement.exported as unknown as TSESTree.Literal).value);
          named.set(exported, { kind: 'namespace', specifier: source });
        }
        break;
      }
      case 'ImportDeclaration': {
        isModule = true;
        break;
      }
      default:
        break;
    }
  }
  // An ESM file with CommonJS-style assignments (a bundler input) still exports through them.
  if (isModule && named.size === 0 && stars.length === 0 && evaluator.index.moduleExports().length > 0)
    isModule = false;
  table = { named, stars, isModule };
  tables.set(program, table);
  return table;
}

/** The value a re-export names: a member of the target's exports, or the whole namespace (`*`). */
export function namespaceMember(
  namespace: AbstractValue | undefined,
  imported: string,
  exportValue: (file: string, name: string) => Values,
): Values {
  if (namespace?.kind !== 'namespace') return UNKNOWN;
  return imported === '*' ? known(namespace) : exportValue(namespace.file, imported);
}
