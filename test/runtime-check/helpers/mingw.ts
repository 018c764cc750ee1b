/**
 * The mingw-w64 cross compiler (apt gcc-mingw-w64-x86-64, installed by
 * .ci/run), which builds the Wine tests' stand-in kernel32 and compiles the
 * header check, both from C sources in test/wine/native/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './wine.js';

export const NATIVE_DIR = join(ROOT, 'test/wine/native');
const COMPILER = 'x86_64-w64-mingw32-gcc';

function compilerPath(): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${COMPILER}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' && existsSync(path) ? path : undefined;
}

/** Why nothing can be compiled for Windows here, or undefined when it can. */
export function mingwMissing(): string | undefined {
  return compilerPath() === undefined
    ? `${COMPILER} is not installed (apt-get install gcc-mingw-w64-x86-64)`
    : undefined;
}

export interface Compiled {
  ok: boolean;
  output: string;
}

/** Runs the compiler in NATIVE_DIR with the project's warning flags. */
export function mingw(args: readonly string[]): Compiled {
  const run = spawnSync(compilerPath()!, ['-std=c11', '-Wall', '-Wextra', '-Werror', ...args], {
    cwd: NATIVE_DIR,
    encoding: 'utf8',
    timeout: 120_000,
    // -E -dM prints every macro of windows.h.
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

/** Builds the stand-in kernel32 DLL into `target`. */
export function buildStubKernel32(target: string): Compiled {
  return mingw(['-O1', '-shared', '-static-libgcc', '-o', target, 'stub-kernel32.c', 'stub-kernel32.def']);
}
