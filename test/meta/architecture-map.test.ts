import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../setup/temp-tree.js';

/**
 * docs/design.md holds the one map of the source tree (## Architecture map):
 * every source file under the five source folders is in it, and everything
 * it names exists. The map is a tree in a fenced block, two spaces per level,
 * a folder ending in `/`, one file per line followed by what it is for.
 *
 * Also: every citation of the reference notes resolves inside the repository
 * (docs/reference/, with the cited section).
 */

const SOURCE_ROOTS = ['plugin', 'analysis', 'formats', 'lint-cli', 'runtime-check'];
const SOURCE_FILE = /\.(?:ts|mts|cts|js|mjs|cjs)$/u;

interface MapEntry {
  readonly path: string;
  readonly folder: boolean;
  readonly described: boolean;
  readonly line: number;
}

/** The entries of the map block, with their full paths rebuilt from the indentation. */
function parseMap(markdown: string): MapEntry[] {
  const heading = markdown.indexOf('\n## Architecture map\n');
  assert.notEqual(heading, -1, 'docs/design.md has no "## Architecture map" section');
  const fence = /^```text\n([\s\S]*?)^```$/mu.exec(markdown.slice(heading));
  assert.ok(fence?.[1], 'the architecture map section has no ```text block');
  const firstLine = markdown.slice(0, heading + (fence.index ?? 0)).split('\n').length + 1;
  const entries: MapEntry[] = [];
  const folders: string[] = [];
  for (const [index, text] of fence[1].split('\n').entries()) {
    if (text.trim() === '') continue;
    const line = firstLine + index;
    const match = /^( *)(\S+)(.*)$/u.exec(text);
    assert.ok(match, `map line ${line} is not "name  description"`);
    const [, indent = '', name = '', rest = ''] = match;
    assert.equal(indent.length % 2, 0, `map line ${line}: indent by two spaces per level`);
    const depth = indent.length / 2;
    assert.ok(depth <= folders.length, `map line ${line}: indented deeper than its folder`);
    folders.length = depth;
    const path = [...folders, name.replace(/\/$/u, '')].join('/');
    const folder = name.endsWith('/');
    entries.push({ path, folder, described: rest.trim() !== '', line });
    if (folder) folders.push(name.slice(0, -1));
  }
  return entries;
}

function sourceFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(REPO_ROOT, directory), { withFileTypes: true })) {
    const path = `${directory}/${entry.name}`;
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (SOURCE_FILE.test(entry.name)) files.push(path);
  }
  return files;
}

/** Source files the map does not name. */
function missingFiles(entries: readonly MapEntry[]): string[] {
  const mapped = new Set(entries.filter((entry) => !entry.folder).map((entry) => entry.path));
  return SOURCE_ROOTS.flatMap(sourceFiles).filter((file) => !mapped.has(file));
}

/** Map entries that are not in the tree (or are a file where the map says folder, or the reverse). */
function staleEntries(entries: readonly MapEntry[]): string[] {
  return entries
    .filter((entry) => {
      const full = join(REPO_ROOT, entry.path);
      return !existsSync(full) || statSync(full).isDirectory() !== entry.folder;
    })
    .map((entry) => `${entry.path} (line ${entry.line})`);
}

describe('architecture map (docs/design.md)', () => {
  const entries = parseMap(readFileSync(join(REPO_ROOT, 'docs/design.md'), 'utf8'));

  it('names every source file under plugin/, analysis/, formats/, lint-cli/ and runtime-check/', () => {
    const missing = missingFiles(entries);
    assert.deepEqual(missing, [], `add these to the map in docs/design.md: ${missing.join(', ')}`);
  });

  it('names only files and folders that exist, each once', () => {
    assert.deepEqual(staleEntries(entries), [], 'the map names what is not in the tree');
    const paths = entries.map((entry) => entry.path);
    assert.deepEqual(
      paths.filter((path, index) => paths.indexOf(path) !== index),
      [],
      'named twice',
    );
  });

  it('maps only the source folders, and says what each file is for', () => {
    const outside = entries.filter((entry) => !SOURCE_ROOTS.includes(entry.path.split('/')[0] ?? ''));
    assert.deepEqual(
      outside.map((entry) => entry.path),
      [],
    );
    const undescribed = entries.filter((entry) => !entry.folder && !entry.described);
    assert.deepEqual(
      undescribed.map((entry) => entry.path),
      [],
    );
  });

  it('catches a missing file and a stale one', () => {
    const map = ['## Architecture map', '', '```text', 'plugin/  the plugin', '  gone.ts  was here', '```', ''];
    const parsed = parseMap(`# x\n${map.join('\n')}`);
    assert.deepEqual(staleEntries(parsed), ['plugin/gone.ts (line 6)']);
    assert.ok(missingFiles(parsed).includes('plugin/index.ts'));
    assert.ok(missingFiles(parsed).includes('runtime-check/cli/main.ts'));
  });
});

const NOTES = ['fs-surface.md', 'wof-api.md', 'ecosystem.md'];
// Spelled in two pieces so this file does not cite the outside copy itself.
const OUTSIDE_COPY = ['shared', 'reference'].join('/');
const SKIPPED = new Set(['node_modules', 'dist', '.git', '.cache', 'coverage', 'fixtures']);
const TEXT_FILE = /\.(?:ts|mts|cts|js|mjs|cjs|md|json|ya?ml|sh)$/u;

function textFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...textFiles(path));
    else if (TEXT_FILE.test(entry.name)) files.push(path);
  }
  return files;
}

/** The section numbers a note's headings define: `## 4. …` → 4, `### 4.2 …` → 4.2. */
function sectionsOf(note: string): Set<string> {
  const text = readFileSync(join(REPO_ROOT, 'docs/reference', note), 'utf8');
  return new Set([...text.matchAll(/^#{2,4} (\d+(?:\.\d+)*)\.? /gmu)].map((match) => match[1] ?? ''));
}

describe('citations of the reference notes', () => {
  const sections = new Map(NOTES.map((note) => [note, sectionsOf(note)]));
  const citing = textFiles(REPO_ROOT).filter((file) => !relative(REPO_ROOT, file).startsWith('docs/reference'));

  it('point inside the repository', () => {
    const outside = citing.flatMap((file) =>
      readFileSync(file, 'utf8').includes(OUTSIDE_COPY) ? [relative(REPO_ROOT, file)] : [],
    );
    assert.deepEqual(outside, [], 'cite docs/reference/ instead of the shared notes outside the repository');
  });

  it('name a section the copy has', () => {
    const broken: string[] = [];
    let count = 0;
    for (const file of citing) {
      const text = readFileSync(file, 'utf8');
      const cite = /(fs-surface|wof-api|ecosystem)\.md(?:\]\([^)]*\))?`?\s*§\s*(\d+(?:\.\d+)?)/gu;
      for (const match of text.matchAll(cite)) {
        count++;
        const [, note = '', section = ''] = match;
        if (!sections.get(`${note}.md`)?.has(section)) broken.push(`${relative(REPO_ROOT, file)}: ${match[0]}`);
      }
    }
    assert.ok(count >= 10, `expected the known citations, found ${count}`);
    assert.deepEqual(broken, []);
  });
});
