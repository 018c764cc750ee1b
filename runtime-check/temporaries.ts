/**
 * The temporary files and folders this process has created and not yet
 * removed or renamed into place, so that an interrupt (SIGINT, SIGTERM) can
 * remove them synchronously before the process exits.
 */
import { rmSync } from 'node:fs';

const temporaries = new Set<string>();

/** Call right after creating `path` (synchronously, so no interrupt falls in between). */
export function trackTemporary(path: string): void {
  temporaries.add(path);
}

/** Call once `path` is removed, or renamed to a name that is not temporary. */
export function releaseTemporary(path: string): void {
  temporaries.delete(path);
}

/** Removes everything still tracked (files and folders alike); best effort, never throws. */
export function removeTemporariesSync(): void {
  for (const path of temporaries) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Nothing more can be done on the way out; the next ones may still go.
    }
    temporaries.delete(path);
  }
}
