import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI under test. */
export const WIMBOOT_LINT = fileURLToPath(new URL('../../lint-cli/wimboot-lint.js', import.meta.url));

/** The repository root (dist/test/setup -> ../../..). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const created: string[] = [];

/** Writes `files` (relative path -> content) into a fresh temp folder and returns it. */
export function makeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'wimboot-lint-test-'));
  created.push(root);
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

export function removeTrees(): void {
  for (const root of created.splice(0)) {
    rmSync(root, { recursive: true, force: true });
  }
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runWimbootLint(args: readonly string[], cwd: string): CliRun {
  const { status, stdout, stderr } = spawnSync(process.execPath, [WIMBOOT_LINT, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { status, stdout, stderr };
}

/** A line of code every configuration of the rule must report. */
export const WRITES_WIN_INI = "require('node:fs').writeFileSync('C:\\\\Windows\\\\win.ini', '[fonts]');\n";
/** Code the rule must stay silent on. */
export const READS_WIN_INI = "require('node:fs').readFileSync('C:\\\\Windows\\\\win.ini', 'utf8');\n";
