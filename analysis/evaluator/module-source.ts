import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope, SourceCode } from '@typescript-eslint/utils/ts-eslint';
import type { VisitorKeys } from '../ast.js';

/**
 * One module's syntax and scopes, whichever way it was parsed: the linted
 * file (ESLint's SourceCode) or another module of the project read from disk
 * (analysis/modules/load.ts). The evaluator only ever talks to this.
 */
export interface ModuleSource {
  /** Absolute path ('' when unknown, e.g. code linted from stdin). */
  readonly file: string;
  readonly ast: TSESTree.Program;
  readonly text: string;
  readonly visitorKeys: VisitorKeys;
  /** 'module' for ESM, 'commonjs' or 'script' otherwise (as parsed). */
  readonly sourceType: 'module' | 'commonjs' | 'script';
  getScope(node: TSESTree.Node): Scope.Scope;
  getDeclaredVariables(node: TSESTree.Node): readonly Scope.Variable[];
  getText(node: TSESTree.Node): string;
}

/** The linted file, through ESLint's SourceCode. */
export function lintedModuleSource(sourceCode: Readonly<SourceCode>, file: string): ModuleSource {
  const sourceType = (sourceCode.ast as { sourceType?: string }).sourceType === 'module' ? 'module' : 'commonjs';
  return {
    file,
    ast: sourceCode.ast,
    text: sourceCode.text,
    visitorKeys: sourceCode.visitorKeys as VisitorKeys,
    sourceType,
    getScope: (node) => sourceCode.getScope(node),
    getDeclaredVariables: (node) => sourceCode.getDeclaredVariables(node),
    getText: (node) => sourceCode.getText(node),
  };
}

/** The scope API over a bare scope manager (a module parsed outside ESLint), as SourceCode does it. */
export function scopedModuleSource(options: {
  file: string;
  ast: TSESTree.Program;
  text: string;
  visitorKeys: VisitorKeys;
  sourceType: ModuleSource['sourceType'];
  scopeManager: Scope.ScopeManager;
}): ModuleSource {
  const { ast, text, scopeManager } = options;
  const scopes = new WeakMap<TSESTree.Node, Scope.Scope>();
  return {
    ...options,
    getScope(node) {
      const cached = scopes.get(node);
      if (cached !== undefined) return cached;
      // ESLint's SourceCode#getScope: the innermost scope whose block is an ancestor.
      const inner = node.type !== 'Program';
      for (let current: TSESTree.Node | null | undefined = node; current != null; current = current.parent) {
        const scope = scopeManager.acquire(current, inner);
        if (scope !== null) {
          const result = scope.type === 'function-expression-name' ? (scope.childScopes[0] ?? scope) : scope;
          scopes.set(node, result);
          return result;
        }
      }
      const global = scopeManager.scopes[0] as Scope.Scope;
      scopes.set(node, global);
      return global;
    },
    getDeclaredVariables: (node) => scopeManager.getDeclaredVariables(node),
    getText: (node) => text.slice(node.range[0], node.range[1]),
    ast,
  };
}
