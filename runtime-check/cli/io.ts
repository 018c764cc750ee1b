/** Where a command writes: stdout for results, stderr for progress and errors. */
import type { Writable } from 'node:stream';
import { writeOutput } from '../../formats/cli-contract.js';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** Whether stderr is a terminal (progress is shown only then). */
  stderrIsTty: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stderrIsTty: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}

const FLUSH_AT = 64 * 1024;

/** Buffers output and respects back-pressure, so a million lines do not pile up in memory. */
export class Output {
  private pending = '';
  private readonly stream: Writable;

  constructor(stream: Writable) {
    this.stream = stream;
  }

  async write(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length >= FLUSH_AT) {
      await this.flush();
    }
  }

  async line(text = ''): Promise<void> {
    await this.write(`${text}\n`);
  }

  /** Hands the buffered text to the stream and waits for it: back-pressure, and errors as OutputError. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) {
      return;
    }
    const text = this.pending;
    this.pending = '';
    await writeOutput(this.stream, text);
  }

  /**
   * Writes a JSON document, streaming the elements of top-level arrays so a
   * huge file list never becomes one giant string.
   */
  async json(value: Record<string, unknown>): Promise<void> {
    await this.write('{');
    let first = true;
    for (const [key, member] of Object.entries(value)) {
      if (member === undefined) {
        continue;
      }
      await this.write(`${first ? '' : ','}\n  ${JSON.stringify(key)}: `);
      first = false;
      if (Array.isArray(member) && member.length > 0) {
        await this.write('[');
        for (let i = 0; i < member.length; i += 1) {
          await this.write(`${i === 0 ? '' : ','}\n    ${JSON.stringify(member[i])}`);
        }
        await this.write('\n  ]');
      } else {
        await this.write(JSON.stringify(member));
      }
    }
    await this.write('\n}\n');
    await this.flush();
  }
}
