/** A running count on stderr, only when stderr is a terminal (never in pipes or logs). */
import type { CliIo } from './io.js';
import { countOf } from './wording.js';

export interface Progress {
  update(count: number): void;
  done(): void;
}

const SILENT: Progress = { update() {}, done() {} };

export function createProgress(io: CliIo, label: string): Progress {
  if (!io.stderrIsTty) {
    return SILENT;
  }
  let last = 0;
  let shown = false;
  return {
    update(count: number) {
      const now = Date.now();
      if (now - last >= 100) {
        last = now;
        shown = true;
        io.stderr.write(`\r${label} (${countOf(count, 'backed file')})`);
      }
    },
    done() {
      if (shown) {
        io.stderr.write('\r\x1b[K');
      }
    },
  };
}
