/**
 * SIGINT and SIGTERM for the commands that leave something behind when killed
 * (`snapshot`, `run`): the signal is forwarded to the scenario's process
 * group, which is waited for; then the temporary files and folders are
 * removed and the process exits 128 + the signal's number, as a shell would
 * report it. Commands that only read install nothing and die as usual.
 */
import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { removeTemporariesSync } from '../temporaries.js';

export type Interrupt = 'SIGINT' | 'SIGTERM';

const INTERRUPTS: readonly Interrupt[] = ['SIGINT', 'SIGTERM'];

let installed = false;
let interruptedBy: Interrupt | undefined;
let scenario: { child: ChildProcess; exited: Promise<void> } | undefined;
let stderr: ((text: string) => void) | undefined;

export function exitCodeFor(signal: Interrupt): number {
  return 128 + constants.signals[signal];
}

/**
 * Sends the signal to the scenario: on POSIX to its whole process group (it
 * was spawned as a group leader, so `sh -c 'a | b'` stops entirely), on
 * Windows to the process itself.
 */
function forward(child: ChildProcess, signal: Interrupt): void {
  try {
    if (process.platform === 'win32' || child.pid === undefined) {
      child.kill(signal);
    } else {
      process.kill(-child.pid, signal);
    }
  } catch {
    // Already gone (ESRCH): nothing left to stop.
  }
}

function onInterrupt(signal: Interrupt): void {
  if (scenario !== undefined) {
    forward(scenario.child, signal);
  }
  if (interruptedBy !== undefined) {
    return;
  }
  interruptedBy = signal;
  const waitFor = scenario?.exited ?? Promise.resolve();
  void waitFor.then(() => {
    removeTemporariesSync();
    stderr?.(`wimboot-check: interrupted by ${signal}; temporary files removed\n`);
    process.exit(exitCodeFor(signal));
  });
}

/** Installs the handlers (once per process); `write` is where the one line about it goes. */
export function handleInterrupts(write: (text: string) => void): void {
  stderr = write;
  if (installed) {
    return;
  }
  installed = true;
  for (const signal of INTERRUPTS) {
    process.on(signal, () => onInterrupt(signal));
  }
}

/** The signal that interrupted this process, if one did: work after it must not start. */
export function interruption(): Interrupt | undefined {
  return interruptedBy;
}

/** Registers the scenario right after it is spawned, so a signal reaches it and is waited for. */
export function watchScenario(child: ChildProcess): void {
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  scenario = { child, exited };
  void exited.then(() => {
    if (scenario?.child === child) {
      scenario = undefined;
    }
  });
}
