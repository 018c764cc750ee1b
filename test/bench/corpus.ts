import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Linter } from 'eslint';

/**
 * Bodies of real code nobody here wrote, taken from node_modules: shared by
 * the benchmarks (test/bench) and the torture run (test/robustness).
 */

/** The repository root (this file runs from dist/test/bench/). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const NODE_MODULES = join(REPO_ROOT, 'node_modules');

export const JS_EXTENSIONS = ['.js', '.cjs', '.mjs'] as const;
export const TS_EXTENSIONS = ['.ts', '.cts', '.mts'] as const;

/** `x.d.ts`, `x.d.mts`, `x.d.cts` (and `x.d.json.ts`-style declaration files). */
export function isDeclarationFile(file: string): boolean {
  return /\.d\.(?:[^./\\]+\.)?[cm]?ts$/u.test(file);
}

/**
 * Every file under `root` whose name ends with one of `extensions`, sorted,
 * nested node_modules included; symbolic links (`.bin`) are not followed.
 */
export function listFiles(root: string, extensions: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else if (entry.isFile() && extensions.some((extension) => entry.name.endsWith(extension))) {
        files.push(path);
      }
    }
  };
  walk(root);
  return files.sort();
}

/**
 * The packages whose JavaScript makes the untyped lint corpus: linters,
 * parsers, schema validators and CLIs, hand-written and transpiled alike.
 */
export const LINT_CORPUS_PACKAGES = [
  'eslint',
  '@eslint/config-array',
  '@eslint/config-helpers',
  '@eslint/object-schema',
  '@eslint/plugin-kit',
  'espree',
  'eslint-scope',
  'esquery',
  '@typescript-eslint/eslint-plugin',
  '@typescript-eslint/parser',
  '@typescript-eslint/project-service',
  '@typescript-eslint/scope-manager',
  '@typescript-eslint/tsconfig-utils',
  '@typescript-eslint/type-utils',
  '@typescript-eslint/types',
  '@typescript-eslint/typescript-estree',
  '@typescript-eslint/utils',
  '@typescript-eslint/visitor-keys',
  'typescript-eslint',
  'ajv',
  'ajv-formats',
  '@arethetypeswrong/cli',
  '@arethetypeswrong/core',
  '@sinclair/typebox',
  'highlight.js',
  'eslint-plugin-eslint-plugin',
  'eslint-plugin-security',
  'eslint-doc-generator',
  'semver',
  'regexp-tree',
  'yargs',
  'js-yaml',
  'lru-cache',
  'glob',
  'minimatch',
  'acorn',
] as const;

/** Files above this are generated bundles (the TypeScript compiler is 9 MB); they would dominate any figure. */
const MAX_CORPUS_FILE_BYTES = 1024 * 1024;

/** Inside a `typescript` package: the compiler's own bundles, excluded from the lint corpus for the same reason. */
function insideTypeScriptPackage(file: string): boolean {
  return file.split(sep).includes('typescript') && file.includes(`${sep}node_modules${sep}typescript${sep}`);
}

export interface Corpus {
  readonly files: string[];
  readonly lines: number;
  readonly bytes: number;
  readonly packages: readonly string[];
}

export function measureCorpus(files: readonly string[], packages: readonly string[]): Corpus {
  let lines = 0;
  let bytes = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    bytes += Buffer.byteLength(text);
    let newlines = 0;
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) newlines++;
    lines += newlines + (text.length > 0 && !text.endsWith('\n') ? 1 : 0);
  }
  return { files: [...files], lines, bytes, packages };
}

/** The untyped lint corpus: the JavaScript of LINT_CORPUS_PACKAGES (missing packages are skipped and not listed). */
export function untypedLintCorpus(): Corpus {
  const packages = LINT_CORPUS_PACKAGES.filter((name) => existsSync(join(NODE_MODULES, name, 'package.json')));
  const files = packages
    .flatMap((name) => listFiles(join(NODE_MODULES, name), JS_EXTENSIONS))
    .filter(
      (file) =>
        !file.endsWith('.min.js') && !insideTypeScriptPackage(file) && statSync(file).size <= MAX_CORPUS_FILE_BYTES,
    );
  return measureCorpus([...new Set(files)].sort(), packages);
}

type SourceType = 'module' | 'commonjs';

interface Boundary {
  /** The directory holding the nearest package.json ('' when there is none). */
  readonly dir: string;
  readonly type: SourceType;
}

/** The nearest package.json above each directory, and the `type` it declares. */
function boundaryFinder(): (dir: string) => Boundary {
  const cache = new Map<string, Boundary>();
  const lookup = (dir: string): Boundary => {
    let boundary = cache.get(dir);
    if (boundary === undefined) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest)) {
        let declared: unknown;
        try {
          declared = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type;
        } catch {
          declared = undefined;
        }
        boundary = { dir, type: declared === 'module' ? 'module' : 'commonjs' };
      } else {
        boundary = dirname(dir) === dir ? { dir: '', type: 'commonjs' } : lookup(dirname(dir));
      }
      cache.set(dir, boundary);
    }
    return boundary;
  };
  return lookup;
}

/** `sourceType` of a file as Node decides it: extension first, then the nearest package.json's `type`. */
export function sourceTypeFinder(): (file: string) => SourceType {
  const boundaryOf = boundaryFinder();
  return (file) => {
    if (file.endsWith('.mjs') || file.endsWith('.mts')) return 'module';
    if (file.endsWith('.cjs') || file.endsWith('.cts')) return 'commonjs';
    return boundaryOf(dirname(file)).type;
  };
}

/**
 * Flat config objects that give every `.js` file of `files` the sourceType
 * Node would: one object per package.json whose `type` differs from the
 * enclosing one's, outermost first so that inner packages win, instead of
 * one pattern per file. Patterns are relative to `cwd`.
 */
export function sourceTypeConfigs(files: readonly string[], cwd: string): Linter.Config[] {
  const boundaryOf = boundaryFinder();
  const boundaries = new Map<string, SourceType>();
  for (const file of files) {
    const boundary = boundaryOf(dirname(file));
    if (boundary.dir !== '') boundaries.set(boundary.dir, boundary.type);
  }
  const effective = new Map<string, SourceType>();
  const inherited = (dir: string): SourceType => {
    for (let current = dirname(dir); current !== dirname(current); current = dirname(current)) {
      const type = effective.get(current);
      if (type !== undefined) return type;
    }
    return 'commonjs';
  };
  const configs: Linter.Config[] = [
    { name: 'corpus/default', files: ['**/*.js', '**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  ];
  const dirs = [...boundaries.keys()].sort((a, b) => a.split(sep).length - b.split(sep).length || a.localeCompare(b));
  for (const dir of dirs) {
    const type = boundaries.get(dir)!;
    const parent = inherited(dir);
    effective.set(dir, type);
    if (type === parent) continue;
    configs.push({
      name: `corpus/${type}:${relative(cwd, dir)}`,
      files: [`${relative(cwd, dir).split(sep).join('/')}/**/*.js`],
      languageOptions: { sourceType: type },
    });
  }
  // Extensions override package.json, so they come last.
  configs.push(
    { name: 'corpus/mjs', files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
    { name: 'corpus/cjs', files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  );
  return configs;
}
