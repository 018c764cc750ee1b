import type { TSESTree } from '@typescript-eslint/utils';
import { programOf } from './ast.js';
import { Evaluator, type EvaluationHost } from './evaluator/evaluate.js';
import { FrameTable } from './evaluator/frames.js';
import type { ModuleSource } from './evaluator/module-source.js';
import type { TypeFallback } from './evaluator/type-values.js';
import { type AbstractValue, type Values, UNKNOWN } from './evaluator/values.js';
import { exportOf, namespaceMember } from './modules/exports.js';
import { type ParserChoice, type TextFacts, loadModule, moduleTextFacts } from './modules/load.js';
import { type ModuleResolver, createResolver } from './modules/resolve.js';

/**
 * Everything the analysis of one linted file spans: the linted module's
 * evaluator, the evaluators of the project modules it reaches (read on
 * demand: only when a value depends on one of their exports), the frames,
 * and one work budget for all of it. One per linted file; nothing here
 * outlives it except the parse cache of analysis/modules/load.ts.
 */

/** Modules read for one linted file, at most. */
export const MAX_MODULES_PER_FILE = 64;
/** How many imports away from the linted file a module may be (the linted file is 0). */
export const MAX_MODULE_DEPTH = 4;
/** The work budget: a floor, plus steps per character of the linted file (linear in its size). */
const MIN_STEPS = 150_000;
const STEPS_PER_CHARACTER = 6;

export interface ProjectOptions {
  /** The project root (ESLint's cwd): nothing outside it, nor in node_modules, is read. */
  readonly root: string;
  readonly parser: ParserChoice;
  /** Read other modules at all (false: a linted file outside the root, or in node_modules). */
  readonly crossModule: boolean;
  /**
   * The linted file names a file or FFI module (the per-file gate's answer, file-gate.ts): it may
   * hand that module to another's function (`put(fs)`, `new Store(fs)`).
   */
  readonly lintedNamesApis: boolean;
}

export class ProjectAnalysis implements EvaluationHost {
  readonly frames = new FrameTable();
  depth = 0;
  topSteps = 0;
  readonly linted: Evaluator;
  private steps = 0;
  private readonly stepLimit: number;
  private readonly byProgram = new Map<TSESTree.Program, Evaluator>();
  private readonly byFile = new Map<string, Evaluator | null>();
  private readonly depthOf = new Map<Evaluator, number>();
  private readonly resolver: ModuleResolver | undefined;
  private readonly options: ProjectOptions;
  private readonly exportsInProgress = new Set<string>();
  private readonly exportCache = new Map<string, Values>();
  /** Per question (`kind`), per depth, then per file: no key is built per question. */
  private readonly textReach = new Map<string, Map<string, boolean>[]>();

  constructor(linted: ModuleSource, options: ProjectOptions, typeFallback?: TypeFallback) {
    this.options = options;
    this.stepLimit = Math.max(MIN_STEPS, STEPS_PER_CHARACTER * linted.text.length);
    this.linted = new Evaluator(linted, this, typeFallback);
    this.byProgram.set(linted.ast, this.linted);
    this.depthOf.set(this.linted, 0);
    if (linted.file !== '') this.byFile.set(linted.file, this.linted);
    // A package's file (node_modules) or one from stdin: nothing around it is read.
    const crossModule = options.crossModule && linted.file !== '' && !/[\\/]node_modules[\\/]/u.test(linted.file);
    this.resolver = crossModule ? createResolver(options.root) : undefined;
    if (this.resolver !== undefined && !this.resolver.isInProject(linted.file)) this.resolver = undefined;
  }

  /** True while the budget lasts. */
  spend(): boolean {
    return ++this.steps <= this.stepLimit;
  }

  /** Steps used so far (tests, bench). */
  get stepsUsed(): number {
    return this.steps;
  }

  evaluatorFor(node: TSESTree.Node): Evaluator | undefined {
    return this.byProgram.get(programOf(node));
  }

  /** True when other modules of the project may be read. */
  get readsModules(): boolean {
    return this.resolver !== undefined;
  }

  /** The project file a specifier names from a module, if the analysis may read it. */
  resolveSpecifier(from: ModuleSource, specifier: string): string | undefined {
    return this.resolver?.resolve(from.file, specifier);
  }

  /** The project file a specifier names from the module at `fromFile`. */
  resolveFrom(fromFile: string, specifier: string): string | undefined {
    return this.resolver?.resolve(fromFile, specifier);
  }

  /** A file's type, size and modification time (cached for this lint). */
  statFile(file: string): ReturnType<ModuleResolver['stat']> {
    return this.resolver?.stat(file);
  }

  /**
   * Whether a project module may hold a write, or import (within the depth bound) one that may:
   * from the modules' text alone, so a module that only reads files, and everything that only
   * reaches such modules, is never parsed to look for writers.
   */
  reachesWrites(file: string, depth = 1): boolean {
    return this.reachesByText(
      'w',
      file,
      depth,
      (text, at, atDepth) =>
        text.mayWrite ||
        (text.callsWriteMembers && (this.options.lintedNamesApis || this.importsFileApis(at, text, atDepth))),
    );
  }

  /**
   * Whether the module at `file`, of text `text` (or the linted file's imports), imports, within the depth
   * bound, a project module that names a file or FFI module: what may hand it the object whose write
   * members it calls (`this.electron.fs.copy(…)` of a service's `this.fs = require('fs-extra')`).
   */
  importsFileApis(file: string, text: { readonly specifiers: readonly string[] }, depth: number): boolean {
    if (depth >= MAX_MODULE_DEPTH) return false;
    return text.specifiers.some((specifier) => {
      const next = this.resolveFrom(file, specifier);
      return next !== undefined && this.reachesByText('a', next, depth + 1, (facts) => facts.namesApis);
    });
  }

  /**
   * Whether what `specifier` names may export a file or FFI API (`export const put = fs.writeFileSync`,
   * a re-export of 'fs-extra'): true for a package (modelled by name, never read); for a project
   * module, only when its text, or a module it imports within the depth bound, names a file or FFI
   * module. A call of any other imported binding is then no file-API call without reading its module.
   */
  mayExportFileApis(from: ModuleSource, specifier: string): boolean {
    const file = this.resolveSpecifier(from, specifier);
    return file === undefined || this.reachesByText('a', file, this.depthBelow(from), (text) => text.namesApis);
  }

  /** True when `specifier` names a project module whose text declares its export `name` as a top-level function or class. */
  exportsOwnFunction(from: ModuleSource, specifier: string, name: string): boolean {
    const file = this.resolveSpecifier(from, specifier);
    return file !== undefined && this.textFacts(file)?.topLevelFunctions.has(name) === true;
  }

  /** What a project file's text shows before any parse (cached per version); undefined when it cannot be read. */
  textFacts(file: string): TextFacts | undefined {
    const info = this.statFile(file);
    return info === undefined ? undefined : moduleTextFacts(file, info);
  }

  /** The import depth of the modules `from` imports (the linted file is 0). */
  private depthBelow(from: ModuleSource): number {
    const importer = this.byProgram.get(from.ast);
    return (importer === undefined ? 0 : (this.depthOf.get(importer) ?? 0)) + 1;
  }

  /** Whether `file`, or a module it imports up to MAX_MODULE_DEPTH, has text facts passing `test` (a cycle counts as no on the way back). */
  private reachesByText(
    kind: string,
    file: string,
    depth: number,
    /** Asked of each module on the way, with its own file and depth. */
    test: (text: TextFacts, file: string, depth: number) => boolean,
  ): boolean {
    let byDepth = this.textReach.get(kind);
    if (byDepth === undefined) {
      byDepth = [];
      this.textReach.set(kind, byDepth);
    }
    let answers = byDepth[depth];
    if (answers === undefined) {
      answers = new Map();
      byDepth[depth] = answers;
    }
    const seen = answers.get(file);
    if (seen !== undefined) return seen;
    answers.set(file, false);
    const text = this.textFacts(file);
    const result =
      text !== undefined &&
      (test(text, file, depth) ||
        (depth < MAX_MODULE_DEPTH &&
          text.specifiers.some((specifier) => {
            const next = this.resolveFrom(file, specifier);
            return next !== undefined && this.reachesByText(kind, next, depth + 1, test);
          })));
    answers.set(file, result);
    return result;
  }

  importModule(from: ModuleSource, specifier: string): AbstractValue | undefined {
    const file = this.resolveSpecifier(from, specifier);
    if (file === undefined) return undefined;
    if (this.evaluatorOfFile(file, this.depthBelow(from)) === undefined) return undefined;
    return { kind: 'namespace', file };
  }

  /** The evaluator of a project file, reading and parsing it on first use (bounded in count and depth). */
  evaluatorOfFile(file: string, depth = 1): Evaluator | undefined {
    const known = this.byFile.get(file);
    if (known !== undefined) return known ?? undefined;
    const info = this.resolver?.stat(file);
    if (
      this.resolver === undefined ||
      info === undefined ||
      !info.isFile ||
      depth > MAX_MODULE_DEPTH ||
      this.byFile.size > MAX_MODULES_PER_FILE
    ) {
      return undefined;
    }
    const module = loadModule(file, info, this.options.parser);
    const evaluator = module === undefined ? undefined : new Evaluator(module, this);
    this.byFile.set(file, evaluator ?? null);
    if (evaluator !== undefined) {
      this.byProgram.set(evaluator.module.ast, evaluator);
      this.depthOf.set(evaluator, depth);
    }
    return evaluator;
  }

  exportValue(file: string, name: string): Values {
    const key = `${file}\u0000${name}`;
    const cached = this.exportCache.get(key);
    if (cached !== undefined) return cached;
    const evaluator = this.byFile.get(file);
    // A cycle of re-exports, or a module we do not read: unknown.
    if (evaluator === undefined || evaluator === null || this.exportsInProgress.has(key)) return UNKNOWN;
    this.exportsInProgress.add(key);
    let value: Values;
    try {
      value = exportOf(evaluator, name, (specifier, imported) =>
        namespaceMember(this.importModule(evaluator.module, specifier), imported, (target, member) =>
          this.exportValue(target, member),
        ),
      );
    } finally {
      this.exportsInProgress.delete(key);
    }
    this.exportCache.set(key, value);
    return value;
  }
}
