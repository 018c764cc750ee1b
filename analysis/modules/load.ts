import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import { type VisitorKeys, prepareParsedModule } from '../ast.js';
import { type ModuleSource, scopedModuleSource } from '../evaluator/module-source.js';
import {
  callsWriteMembers,
  definedNames,
  importSpecifiers,
  mayHoldWrites,
  namesKnownApis,
  topLevelFunctions,
} from '../file-gate.js';
import type { FileStat } from './tsconfig.js';

/**
 * Reads and parses another module of the project from inside a rule, the
 * way eslint-plugin-import's ExportMap does: with the parser the linted file
 * uses when it can read the target (espree for JavaScript, typescript-eslint's
 * parser, without a program, for TypeScript), scopes from eslint-scope or the
 * parser's own scope manager.
 *
 * Parsed modules are cached per process (per ESLint worker) by absolute
 * path, modification time and size, so a module edited between two lints is
 * read again, and nothing depends on the order files are linted in. The
 * cache is bounded in entries and bytes (oldest out first). A module that
 * cannot be read or parsed is remembered as unknown for that version.
 */

/** The parsers a lint has at hand (from the linted file's languageOptions). */
export interface ParserChoice {
  /** The linted file's parser: espree, typescript-eslint's, or another. */
  readonly parser: unknown;
  /** Where to look for typescript-eslint's parser when the linted file's cannot read TypeScript. */
  readonly cwd: string;
  /**
   * The linted file's TypeScript program (typed linting), whose SourceFiles
   * already hold every module it imports: converting one is cheaper than a
   * second parse.
   */
  readonly program?: unknown;
}

interface Parser {
  parse?(text: string, options: object): unknown;
  parseForESLint?(text: string, options: object): { ast: unknown; scopeManager?: unknown; visitorKeys?: unknown };
  VisitorKeys?: unknown;
  meta?: { name?: string };
  name?: string;
}

const MAX_MODULE_BYTES = 1024 * 1024;
const MAX_CACHED_MODULES = 1000;
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

interface CacheEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly module: ModuleSource | undefined;
}
const cache = new Map<string, CacheEntry>();
let cachedBytes = 0;

const TYPESCRIPT_FILE = /\.[cm]?tsx?$/u;

/** The module at `file` (already resolved and checked to be in the project), or undefined when unreadable. */
export function loadModule(file: string, info: FileStat, choice: ParserChoice): ModuleSource | undefined {
  const cached = cache.get(file);
  if (cached !== undefined && cached.mtimeMs === info.mtimeMs && cached.size === info.size) {
    // Refresh its place: the least recently used go first.
    cache.delete(file);
    cache.set(file, cached);
    return cached.module;
  }
  if (cached !== undefined) forget(file, cached);
  const module = info.size > MAX_MODULE_BYTES ? undefined : parseFile(file, choice);
  remember(file, { mtimeMs: info.mtimeMs, size: info.size, module });
  return module;
}

function remember(file: string, entry: CacheEntry): void {
  cache.set(file, entry);
  cachedBytes += entry.module?.text.length ?? 0;
  for (const [oldest, old] of cache) {
    if (cache.size <= MAX_CACHED_MODULES && cachedBytes <= MAX_CACHED_BYTES) break;
    forget(oldest, old);
  }
}

function forget(file: string, entry: CacheEntry): void {
  cache.delete(file);
  cachedBytes -= entry.module?.text.length ?? 0;
}

/** The files parsed and cached so far (tests: which modules a lint had to read). */
export function parsedModuleFiles(): string[] {
  return [...cache.keys()];
}

/** Empties the caches (tests). */
export function clearModuleCache(): void {
  cache.clear();
  textFacts.clear();
  cachedBytes = 0;
}

/** What a module's text shows before any parse: whether it may hold a write, and what it imports. */
export interface TextFacts {
  /** Whether it may hold a write itself (file-gate.ts `mayHoldWrites`). */
  readonly mayWrite: boolean;
  /** Whether it calls a write-capable member (file-gate.ts `callsWriteMembers`): on a file API another module may give it. */
  readonly callsWriteMembers: boolean;
  /** Whether it names a file or FFI module at all (file-gate.ts `namesKnownApis`): else it exports no file API of its own. */
  readonly namesApis: boolean;
  readonly specifiers: readonly string[];
  /** Names it may define a function, method, class or alias under (file-gate.ts `definedNames`). */
  readonly definedNames: ReadonlySet<string>;
  /** Names it declares a top-level function or class under (file-gate.ts `topLevelFunctions`). */
  readonly topLevelFunctions: ReadonlySet<string>;
}

const textFacts = new Map<
  string,
  { readonly mtimeMs: number; readonly size: number; readonly facts: TextFacts | undefined }
>();

/** The text facts of a module (cached per version like the parse); undefined when it cannot be read. */
export function moduleTextFacts(file: string, info: FileStat): TextFacts | undefined {
  const cached = textFacts.get(file);
  if (cached !== undefined && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.facts;
  let facts: TextFacts | undefined;
  if (info.size <= MAX_MODULE_BYTES) {
    try {
      const text = readFileSync(file, 'utf8');
      facts = {
        mayWrite: mayHoldWrites(text),
        callsWriteMembers: callsWriteMembers(text),
        namesApis: namesKnownApis(text),
        specifiers: importSpecifiers(text),
        definedNames: definedNames(text),
        topLevelFunctions: topLevelFunctions(text),
      };
    } catch {
      facts = undefined;
    }
  }
  if (textFacts.size >= MAX_CACHED_MODULES) textFacts.delete(textFacts.keys().next().value as string);
  textFacts.set(file, { mtimeMs: info.mtimeMs, size: info.size, facts });
  return facts;
}

function parseFile(file: string, choice: ParserChoice): ModuleSource | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (file.toLowerCase().endsWith('.json')) return parseJson(file, text);
  const typescript = TYPESCRIPT_FILE.test(file);
  const jsx = /x$/u.test(file);
  const parser = asParser(choice.parser);
  const tools = typescript || isTypeScriptParser(parser) ? typeScriptTools(choice.cwd) : undefined;
  try {
    // typescript-eslint's own parts, when the linted file's parser is theirs (or it is JavaScript's and
    // this module is TypeScript): no tokens, no comments, no node maps, and the program's SourceFile
    // when there is one.
    if (tools !== undefined && (tools.parser === parser || !isTypeScriptParser(parser))) {
      const program = tools.parser === parser ? asProgram(choice.program) : undefined;
      return parseTypeScript(file, text, jsx, tools, program);
    }
    const tsParser = isTypeScriptParser(parser) ? parser : undefined;
    if (tsParser?.parseForESLint !== undefined) {
      const result = tsParser.parseForESLint(text, {
        filePath: file,
        range: true,
        loc: true,
        comment: false,
        tokens: false,
        allowInvalidAST: true,
        jsx,
        ecmaVersion: 'latest',
        sourceType: 'module',
      });
      const ast = result.ast as TSESTree.Program;
      const visitorKeys = result.visitorKeys as VisitorKeys;
      prepareParsedModule(ast, visitorKeys);
      return scopedModuleSource({
        file,
        ast,
        text,
        visitorKeys,
        sourceType: 'module',
        scopeManager: result.scopeManager as Scope.ScopeManager,
      });
    }
    if (typescript) return undefined;
    return parseJavaScript(file, text, jsx, parser);
  } catch {
    return undefined;
  }
}

/**
 * A JSON module (`require('./config.json')`, `import config from './config.json' with { type: 'json' }`)
 * as the CommonJS module Node makes of it, `module.exports = <the JSON>`: its values are then read
 * like any other module's exports. Text that is no JSON is unknown.
 */
function parseJson(file: string, text: string): ModuleSource | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  // No newline added: lines stay the file's own.
  return parseJavaScript(file, `module.exports = ${text};`, false, undefined, 'commonjs');
}

/** espree (the linted file's, else ESLint's own) and eslint-scope: as a module first, then as CommonJS. */
function parseJavaScript(
  file: string,
  text: string,
  jsx: boolean,
  parser: Parser | undefined,
  only?: 'commonjs',
): ModuleSource | undefined {
  const tools = eslintTools();
  if (tools === undefined) return undefined;
  const espree = parser?.parse !== undefined && parser.VisitorKeys !== undefined ? parser : tools.espree;
  const visitorKeys = espree.VisitorKeys as VisitorKeys;
  const sourceTypes: ('module' | 'commonjs')[] =
    only === 'commonjs' || file.endsWith('.cjs') ? ['commonjs'] : ['module', 'commonjs'];
  for (const sourceType of sourceTypes) {
    let ast: TSESTree.Program;
    try {
      ast = espree.parse?.(text, {
        ecmaVersion: 'latest',
        sourceType,
        range: true,
        loc: true,
        ecmaFeatures: { jsx },
      }) as TSESTree.Program;
    } catch {
      continue;
    }
    prepareParsedModule(ast, visitorKeys);
    const scopeManager = tools.analyze(ast, {
      ecmaVersion: 2022,
      sourceType,
      childVisitorKeys: visitorKeys,
      nodejsScope: sourceType === 'commonjs',
    }) as Scope.ScopeManager;
    return scopedModuleSource({ file, ast, text, visitorKeys, sourceType, scopeManager });
  }
  return undefined;
}

function asParser(value: unknown): Parser | undefined {
  return typeof value === 'object' && value !== null ? (value as Parser) : undefined;
}

function isTypeScriptParser(parser: Parser | undefined): parser is Parser {
  return parser?.parseForESLint !== undefined && (parser.meta?.name ?? '').includes('typescript');
}

let eslintToolsCache: { espree: Parser; analyze: (ast: unknown, options: object) => unknown } | null | undefined;

/** espree and eslint-scope as ESLint itself has them (dependencies of eslint, not ours). */
function eslintTools(): { espree: Parser; analyze: (ast: unknown, options: object) => unknown } | undefined {
  if (eslintToolsCache === undefined) {
    try {
      const require = createRequire(createRequire(import.meta.url).resolve('eslint/package.json'));
      const scope = require('eslint-scope') as { analyze: (ast: unknown, options: object) => unknown };
      const espree = require('espree') as Parser;
      eslintToolsCache = { espree, analyze: scope.analyze };
    } catch {
      eslintToolsCache = null;
    }
  }
  return eslintToolsCache ?? undefined;
}

/** typescript-eslint's parser and the parts it is made of, all from the parser's own dependencies. */
interface TypeScriptTools {
  readonly parser: Parser;
  readonly parse: (text: string, options: object) => unknown;
  readonly parseAndGenerateServices: (text: string, options: object) => { ast: unknown };
  readonly analyze: (ast: unknown, options: object) => unknown;
  readonly visitorKeys: VisitorKeys;
}

/** The little of a TypeScript program this reads (typed as such without importing typescript). */
interface ProgramLike {
  getSourceFile(file: string): { readonly text: string } | undefined;
}

const typeScriptToolsByCwd = new Map<string, TypeScriptTools | null>();

/** typescript-eslint's parser, from the project or next to this plugin; undefined when not installed. */
function typeScriptTools(cwd: string): TypeScriptTools | undefined {
  let tools = typeScriptToolsByCwd.get(cwd);
  if (tools === undefined) {
    tools = null;
    for (const base of [`${cwd}/package.json`, import.meta.url]) {
      try {
        const parserPath = createRequire(base).resolve('@typescript-eslint/parser');
        // Its own typescript-estree and scope manager: the same TypeScript as the program it made.
        const own = createRequire(parserPath);
        const estree = own('@typescript-eslint/typescript-estree') as Pick<
          TypeScriptTools,
          'parse' | 'parseAndGenerateServices'
        >;
        tools = {
          parser: own(parserPath) as Parser,
          parse: estree.parse,
          parseAndGenerateServices: estree.parseAndGenerateServices,
          analyze: (own('@typescript-eslint/scope-manager') as Pick<TypeScriptTools, 'analyze'>).analyze,
          visitorKeys: (own('@typescript-eslint/visitor-keys') as { visitorKeys: VisitorKeys }).visitorKeys,
        };
        break;
      } catch {
        // Not installed there.
      }
    }
    typeScriptToolsByCwd.set(cwd, tools);
  }
  return tools ?? undefined;
}

function asProgram(value: unknown): ProgramLike | undefined {
  return typeof value === 'object' && value !== null && typeof (value as ProgramLike).getSourceFile === 'function'
    ? (value as ProgramLike)
    : undefined;
}

/**
 * A TypeScript module as typescript-eslint's parser would give it, minus what
 * the analysis never reads (tokens, comments, the maps to TypeScript nodes).
 * With the linted file's program, its SourceFile for the module is converted
 * instead of parsing the text again, when it holds this very text.
 */
function parseTypeScript(
  file: string,
  text: string,
  jsx: boolean,
  tools: TypeScriptTools,
  program: ProgramLike | undefined,
): ModuleSource {
  // allowInvalidAST: no grammar checks per node. A module read here only informs the analysis; its own
  // lint reports its syntax errors.
  const options = { filePath: file, range: true, loc: true, comment: false, tokens: false, allowInvalidAST: true, jsx };
  let ast: TSESTree.Program | undefined;
  if (program?.getSourceFile(file)?.text === text) {
    try {
      ast = tools.parseAndGenerateServices(text, { ...options, programs: [program], preserveNodeMaps: false })
        .ast as TSESTree.Program;
    } catch {
      // A program typescript-estree cannot use (another version's, a host's own): parse the text instead.
    }
  }
  ast ??= tools.parse(text, options) as TSESTree.Program;
  prepareParsedModule(ast, tools.visitorKeys);
  const scopeManager = (): Scope.ScopeManager => tools.analyze(ast, { sourceType: 'module' }) as Scope.ScopeManager;
  return scopedModuleSource({ file, ast, text, visitorKeys: tools.visitorKeys, sourceType: 'module', scopeManager });
}
