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
  /** The 1-based line a node starts on (another module's nodes carry no `loc`: analysis/ast.ts prepareParsedModule). */
  lineOf(node: TSESTree.Node): number;
}

/** The linted file, through ESLint's SourceCode. */
export function lintedModuleSource(sourceCode: Readonly<SourceCode>, file: string): ModuleSource {
  const sourceType = (sourceCode.ast as { sourceType?: string }).sourceType === 'module' ? 'module' : 'commonjs';
  const scopeManager = sourceCode.scopeManager;
  const getScope =
    scopeManager === null ? (node: TSESTree.Node) => sourceCode.getScope(node) : memoisedGetScope(scopeManager);
  return {
    file,
    ast: sourceCode.ast,
    text: sourceCode.text,
    visitorKeys: sourceCode.visitorKeys as VisitorKeys,
    sourceType,
    getScope,
    getDeclaredVariables: (node) => sourceCode.getDeclaredVariables(node),
    getText: (node) => sourceCode.getText(node),
    lineOf: (node) => node.loc.start.line,
  };
}

/** The scope API over a bare scope manager (a module parsed outside ESLint), as SourceCode does it. */
export function scopedModuleSource(options: {
  file: string;
  ast: TSESTree.Program;
  text: string;
  visitorKeys: VisitorKeys;
  sourceType: ModuleSource['sourceType'];
  /** The scopes, or how to get them: analysed on first use, since many modules read are never evaluated. */
  scopeManager: Scope.ScopeManager | (() => Scope.ScopeManager);
}): ModuleSource {
  const { file, ast, text, visitorKeys, sourceType } = options;
  let scopeManager = typeof options.scopeManager === 'function' ? undefined : options.scopeManager;
  const scopes = (): Scope.ScopeManager => (scopeManager ??= (options.scopeManager as () => Scope.ScopeManager)());
  let getScope: ((node: TSESTree.Node) => Scope.Scope) | undefined;
  return {
    file,
    ast,
    text,
    visitorKeys,
    sourceType,
    getScope: (node) => (getScope ??= memoisedGetScope(scopes()))(node),
    getDeclaredVariables: (node) => scopes().getDeclaredVariables(node),
    getText: (node) => text.slice(node.range[0], node.range[1]),
    lineOf: (node) => lineAt(text, node.range[0]),
  };
}

/** The 1-based line of a character offset, with ESLint's line breaks (only for messages: a scan of the text before it). */
function lineAt(text: string, offset: number): number {
  return 1 + (text.slice(0, offset).match(/\r\n|[\n\r\u2028\u2029]/gu)?.length ?? 0);
}

/**
 * ESLint's SourceCode#getScope (the innermost scope whose block is the node
 * or an ancestor), remembered for every node on the way up: ESLint's own
 * walks the whole ancestor chain for each identifier, which is quadratic on
 * a 3,000-term operator chain.
 */
function memoisedGetScope(scopeManager: Scope.ScopeManager): (node: TSESTree.Node) => Scope.Scope {
  const scopes = new WeakMap<TSESTree.Node, Scope.Scope>();
  return (start) => {
    // Program asks for its outermost scope (global), every other node for the innermost: not the same cache.
    if (start.type === 'Program') return scopeManager.acquire(start, false) ?? (scopeManager.scopes[0] as Scope.Scope);
    const path: TSESTree.Node[] = [];
    let found: Scope.Scope | undefined;
    for (let current: TSESTree.Node | null | undefined = start; current != null; current = current.parent) {
      const cached = scopes.get(current);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      const scope = scopeManager.acquire(current, true);
      if (scope !== null) {
        found = scope.type === 'function-expression-name' ? (scope.childScopes[0] ?? scope) : scope;
        // The block's own scope belongs to it, not to what lies above: cache it for the nodes below only.
        scopes.set(current, found);
        break;
      }
      path.push(current);
    }
    found ??= scopeManager.scopes[0] as Scope.Scope;
    for (const node of path) scopes.set(node, found);
    return found;
  };
}
