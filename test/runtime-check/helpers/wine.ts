/**
 * Runs the real Windows node.exe under Wine with koffi's real win32-x64
 * binary (prepared by test/wine/setup.sh in the gitignored .cache/wine-node/),
 * for the tests of the win32 backend. Skips loudly when Wine or the cache is
 * missing, but fails when CI is set.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const DIST = join(ROOT, 'dist');
export const WINE_CACHE = join(ROOT, '.cache/wine-node');
export const NODE_EXE = join(WINE_CACHE, 'node/node.exe');
export const KOFFI_NODE = join(WINE_CACHE, 'resources/koffi/win32_x64/koffi.node');
export const PREFIX = join(WINE_CACHE, 'prefix');
/** The prefix's C: drive, as Linux sees it. */
export const DRIVE_C = join(PREFIX, 'drive_c');
const PRELOAD = join(ROOT, 'test/fixtures/win32/wine-koffi.mjs');

/** Unix path → the Z: drive path Wine maps to it. */
export const z = (path: string): string => `Z:${path.replaceAll('/', '\\')}`;
const zUrl = (path: string): string => `file:///Z:${path}`;

function findWine(): string | undefined {
  const candidates = [process.env.WIMBOOT_WINE, '/usr/bin/wine', '/usr/lib/wine/wine64', '/usr/bin/wine64'];
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
}

/** Why the Wine tests cannot run here, or undefined when they can. */
export function wineMissing(): string | undefined {
  if (process.platform !== 'linux') return `Wine tests run on Linux only (this is ${process.platform})`;
  if (!findWine()) return 'wine is not installed (apt-get install wine wine64)';
  for (const [what, path] of [
    ['Windows node.exe', NODE_EXE],
    ['koffi win32-x64 binary', KOFFI_NODE],
    ['Wine prefix', join(PREFIX, 'system.reg')],
  ] as const) {
    if (!existsSync(path)) return `${what} missing at ${path} (run test/wine/setup.sh)`;
  }
  return undefined;
}

const warned = new Set<string>();

/**
 * True when `reason` is undefined; otherwise skips the test with a banner
 * (once per suite), or fails it in CI on Linux, where everything must run.
 */
export function runnableOrSkip(t: TestContext, suite: string, reason: string | undefined): boolean {
  if (reason === undefined) return true;
  // On Windows itself (the device workflow) there is nothing to emulate.
  if (process.env.CI && process.platform === 'linux') assert.fail(`${suite} cannot run in CI: ${reason}`);
  if (!warned.has(suite)) process.stderr.write(`\n*** SKIPPING ${suite}: ${reason} ***\n\n`);
  warned.add(suite);
  t.skip(reason);
  return false;
}

export interface WineRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface WineNodeOptions {
  /** Lets koffi find the cached win32 binary (default true). */
  preloadKoffi?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** Runs node.exe under Wine; its output goes to files because it cannot write to a pipe. */
export function wineNode(args: readonly string[], options: WineNodeOptions = {}): WineRun {
  const dir = mkdtempSync(join(tmpdir(), 'wimboot-wine-'));
  const out = openSync(join(dir, 'stdout'), 'w');
  const err = openSync(join(dir, 'stderr'), 'w');
  try {
    const node = options.preloadKoffi === false ? [NODE_EXE] : [NODE_EXE, '--import', zUrl(PRELOAD)];
    const result = spawnSync(findWine()!, [...node, ...args], {
      stdio: ['ignore', out, err],
      env: {
        ...process.env,
        WINEPREFIX: PREFIX,
        WINEDEBUG: '-all',
        WINEDLLOVERRIDES: 'mscoree,mshtml=',
        WIMBOOT_WINE_KOFFI_RESOURCES: z(join(WINE_CACHE, 'resources')),
        ...options.env,
      },
      timeout: 60_000,
    });
    if (result.error) throw result.error;
    return {
      status: result.status,
      stdout: readFileSync(join(dir, 'stdout'), 'utf8'),
      stderr: readFileSync(join(dir, 'stderr'), 'utf8'),
    };
  } finally {
    closeSync(out);
    closeSync(err);
    rmSync(dir, { recursive: true, force: true });
  }
}
