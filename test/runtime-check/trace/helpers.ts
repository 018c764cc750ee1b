/** Runs real Node processes under the tracer and finds the lines their scenarios mark. */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tracedEnvironment } from '../../../runtime-check/trace/launch.js';
import { readTrace, type Trace } from '../../../runtime-check/trace/read-trace.js';
import type { TraceOpen } from '../../../runtime-check/trace/event.js';
import { userFrame } from '../../../runtime-check/trace/locate.js';

export interface TracedRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  trace: Trace;
}

/** `node ARGS` with the tracer preloaded (as `wimboot-check trace` sets it up), its trace read back. */
export async function runTraced(
  dir: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<TracedRun> {
  const traceDir = join(dir, `trace-${Math.random().toString(36).slice(2)}`);
  mkdirSync(traceDir);
  const run = spawnSync(process.execPath, args, {
    cwd: options.cwd ?? dir,
    env: tracedEnvironment({ ...process.env, ...options.env }, traceDir),
    encoding: 'utf8',
  });
  return {
    status: run.status,
    signal: run.signal,
    stdout: run.stdout,
    stderr: run.stderr,
    trace: await readTrace(traceDir),
  };
}

/** Writes the files of a scenario into `dir`. */
export function writeScenario(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

/** `file:line:column` of `call` on the one line of `file` that carries the marker comment `// W:id`. */
export function markedCall(file: string, id: string, call: string): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  const found = lines.flatMap((line, index) => (line.includes(`// W:${id}`) ? [index] : []));
  assert.equal(found.length, 1, `one line of ${file} is marked W:${id}`);
  const line = lines[found[0]!]!;
  const column = line.indexOf(call);
  assert.ok(column >= 0, `line ${found[0]! + 1} of ${file} has ${call}`);
  return `${file}:${found[0]! + 1}:${column + 1}`;
}

/** Where the user's code made an open: the first frame outside node_modules. */
export function whereOf(open: TraceOpen): string {
  const frame = userFrame(open.stack);
  return frame === undefined ? '(none)' : `${frame.file}:${frame.line}:${frame.column}`;
}

/** The opens of one file, by the file's name in the scenario folder. */
export function opensOf(trace: Trace, absolute: string): TraceOpen[] {
  return trace.opens.filter((open) => open.absolute === absolute);
}

/** The C stand-in for the koffi tests: the kernel32/ntdll names, doing nothing (no libc: -nostdlib; ReadFile reads zeros). */
export const WIN32_STUB_SOURCE = `typedef unsigned short wchar;
typedef unsigned int uint32;
static unsigned long long handles = 0x100; // pointer-sized on Linux and on Windows (LLP64)
void *CreateFileW(const wchar *path, uint32 access, uint32 share, void *sa, uint32 disposition, uint32 flags, void *tmpl) { return (void *)(handles++); }
int CloseHandle(void *handle) { return 1; }
int ReadFile(void *handle, unsigned char *buffer, uint32 size, uint32 *read, void *overlapped) { for (uint32 i = 0; i < size; i++) buffer[i] = 0; if (read) *read = size; return 1; }
int CopyFileW(const wchar *from, const wchar *to, int failIfExists) { return 1; }
int NtCreateFile(void **handle, uint32 access, void *attributes, void *status, void *size, uint32 fileAttributes, uint32 share, uint32 disposition, uint32 options, void *ea, uint32 eaLength) { if (handle) *handle = (void *)(handles++); return 0; }
`;

/** Builds the stand-in as a shared library; a reason instead when there is no C compiler. */
export function buildWin32Stub(dir: string): { library: string } | { reason: string } {
  const source = join(dir, 'win32-stub.c');
  const library = join(dir, 'kernel32.dll');
  writeFileSync(source, WIN32_STUB_SOURCE);
  const cc = spawnSync('gcc', ['-shared', '-fPIC', '-nostdlib', '-o', library, source], { encoding: 'utf8' });
  if (cc.error !== undefined) return { reason: `gcc: ${cc.error.message}` };
  if (cc.status !== 0) return { reason: `gcc failed: ${cc.stderr.trim()}` };
  return { library };
}

/** The stand-in's path; without a C compiler the test is skipped, except in CI where it must run. */
export function win32StubOrSkip(t: TestContext, dir: string): string | undefined {
  const stub = buildWin32Stub(dir);
  if ('library' in stub) return stub.library;
  if (process.env.CI !== undefined && process.env.CI !== '') assert.fail(`CI must build the stand-in: ${stub.reason}`);
  t.skip(stub.reason);
  return undefined;
}
