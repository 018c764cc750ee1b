import type { Evaluator } from './evaluator/evaluate.js';
import { moduleFacts } from './module-facts.js';
import { MAX_MODULE_DEPTH, type ProjectAnalysis } from './project.js';

/**
 * Whether a callee name may reach a write, asked per name and answered on
 * demand: the name pre-filter that spares most calls any evaluation
 * (file-calls.ts, summaries.ts). A name is a writer's when a function of
 * that name in the linted file, or in a project module it reaches within the
 * depth bound, holds a possible file-API call or calls another writer; an
 * imported binding is a writer's when its export is.
 *
 * Only the modules a question needs are parsed: the module an imported
 * binding names, and for a member call (`io.write()`, `this.store.save()`,
 * whose receiver is not known before evaluation) the reachable modules
 * whose text defines that name (`definedNames` in file-gate.ts) and may
 * hold a write. Most callee names are defined in no such module, so most
 * modules a file reaches are never parsed to answer this.
 */

interface Reachable {
  readonly file: string;
  readonly depth: number;
}

export class WriterNames {
  private readonly project: ProjectAnalysis;
  private readonly answers = new Map<string, boolean>();
  private readonly byModule = new Map<string, boolean>();
  private readonly filesImported = new Map<Evaluator, readonly string[]>();
  private reachable: readonly Reachable[] | undefined;

  constructor(project: ProjectAnalysis) {
    this.project = project;
  }

  /** True when a call named `name` in the linted file (or in a function it reaches) may reach a write. */
  has(name: string): boolean {
    let answer = this.answers.get(name);
    if (answer === undefined) {
      // Pending: a name reached again while it is being answered adds nothing.
      this.answers.set(name, false);
      answer = this.hasBound(name) || this.definedWriterElsewhere(name);
      this.answers.set(name, answer);
    }
    return answer;
  }

  /**
   * True when a call of the plain identifier `name` in the linted file may reach a write: only what the
   * file binds it to (a function of its own, an import) can be called so, never another module's function
   * that merely shares the name (`describe`, `Map`, `join`).
   */
  hasBound(name: string): boolean {
    return this.writerIn(this.project.linted, name, 0);
  }

  /** A function of `module` named `name` may write: directly, through an import, or by calling a writer. */
  private writerIn(module: Evaluator, name: string, depth: number): boolean {
    const facts = moduleFacts(module.module);
    if (facts.writerNames.has(name)) return true;
    const key = `${module.module.file}\0${name}`;
    const known = this.byModule.get(key);
    if (known !== undefined) return known;
    this.byModule.set(key, false);
    let answer = false;
    const binding = facts.imports.get(name);
    if (binding !== undefined) {
      const target = this.imported(module, binding.specifier, depth);
      if (target !== undefined) {
        answer =
          binding.imported === '*' || binding.imported === 'default'
            ? this.hasAnyWriter(target, depth + 1)
            : this.writerIn(target, binding.imported, depth + 1);
      }
    } else {
      for (const callee of [...(facts.callsByName.get(name) ?? []), ...(facts.aliases.get(name) ?? [])]) {
        if (callee === name) continue;
        // A callee not bound here (`this.save()`, `io.write()`): a writer of that name in a module this one imports.
        if (
          facts.callsByName.has(callee) || facts.imports.has(callee)
            ? this.writerIn(module, callee, depth)
            : this.writerAmongImports(module, callee, depth)
        ) {
          answer = true;
          break;
        }
      }
    }
    this.byModule.set(key, answer);
    return answer;
  }

  /** A module `module` imports (the text of each first) has a writer named `name`. */
  private writerAmongImports(module: Evaluator, name: string, depth: number): boolean {
    for (const file of this.importedFiles(module)) {
      const target = this.definesName(file, name) ? this.mayWrite(file, depth) : undefined;
      if (target !== undefined && this.writerIn(target, name, depth + 1)) return true;
    }
    return false;
  }

  /** The project files `module` imports, resolved once: asked for every callee name its functions call. */
  private importedFiles(module: Evaluator): readonly string[] {
    let files = this.filesImported.get(module);
    if (files === undefined) {
      const found = new Set<string>();
      for (const specifier of moduleFacts(module.module).specifiers) {
        const file = this.project.resolveSpecifier(module.module, specifier);
        if (file !== undefined) found.add(file);
      }
      files = [...found];
      this.filesImported.set(module, files);
    }
    return files;
  }

  /** The text of `file` may define `name` (file-gate.ts `definedNames`). */
  private definesName(file: string, name: string): boolean {
    return this.project.textFacts(file)?.definedNames.has(name) === true;
  }

  /** `import * as io`, `const io = require('./io')`, a default import: the module holds some writer. */
  private hasAnyWriter(module: Evaluator, depth: number): boolean {
    const facts = moduleFacts(module.module);
    if (facts.writerNames.size > 0) return true;
    for (const name of facts.callsByName.keys()) if (this.writerIn(module, name, depth)) return true;
    return false;
  }

  /** The evaluator of the project module `specifier` names from `module`, when it may write (its text says first). */
  private imported(module: Evaluator, specifier: string, depth: number): Evaluator | undefined {
    const file = this.project.resolveSpecifier(module.module, specifier);
    return file === undefined ? undefined : this.mayWrite(file, depth);
  }

  /** The evaluator of `file`, imported by a module at `depth`, when within the bound and its text says it may write. */
  private mayWrite(file: string, depth: number): Evaluator | undefined {
    if (depth >= MAX_MODULE_DEPTH || !this.project.reachesWrites(file, depth + 1)) return undefined;
    return this.project.evaluatorOfFile(file, depth + 1);
  }

  /** Some module the linted file reaches defines `name` in its text and has a writer of that name. */
  private definedWriterElsewhere(name: string): boolean {
    for (const { file, depth } of this.reachableModules()) {
      if (!this.definesName(file, name)) continue;
      const module = this.project.evaluatorOfFile(file, depth);
      if (module !== undefined && this.writerIn(module, name, depth)) return true;
    }
    return false;
  }

  /** The project modules the linted file reaches within the depth bound that may write or import one that does (text only). */
  private reachableModules(): readonly Reachable[] {
    if (this.reachable !== undefined) return this.reachable;
    const found: Reachable[] = [];
    const linted = this.project.linted.module;
    const seen = new Set<string>([linted.file]);
    // The linted file's imports from its syntax (its text may not be saved yet), the rest from their text.
    let level: { file: string; specifiers: readonly string[] }[] = [
      { file: linted.file, specifiers: moduleFacts(linted).specifiers },
    ];
    for (let depth = 1; depth <= MAX_MODULE_DEPTH && level.length > 0; depth++) {
      const next: typeof level = [];
      for (const from of level) {
        for (const specifier of from.specifiers) {
          const file = this.project.resolveFrom(from.file, specifier);
          if (file === undefined || seen.has(file)) continue;
          seen.add(file);
          if (!this.project.reachesWrites(file, depth)) continue;
          found.push({ file, depth });
          next.push({ file, specifiers: this.project.textFacts(file)?.specifiers ?? [] });
        }
      }
      level = next;
    }
    this.reachable = found;
    return found;
  }
}

const perProject = new WeakMap<ProjectAnalysis, WriterNames>();

/** The writer names of one linted file's analysis. */
export function writerNames(project: ProjectAnalysis): WriterNames {
  let names = perProject.get(project);
  if (names === undefined) {
    names = new WriterNames(project);
    perProject.set(project, names);
  }
  return names;
}
