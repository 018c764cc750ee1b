/**
 * A real process in the middle of writing a snapshot, for the interrupt
 * tests: the production handler and writer, stopped where a long volume
 * enumeration would be. Prints "ready" once the temporary file exists.
 * Usage: node interrupted-writer.js TARGET
 */
import { handleInterrupts } from '../../../runtime-check/cli/interrupts.js';
import { SnapshotWriter } from '../../../runtime-check/snapshot/writer.js';

// `node --test dist/test/` runs every file, this one too: without a target it does nothing.
const target = process.argv[2];
if (target !== undefined) {
  handleInterrupts((text) => process.stderr.write(text));
  const writer = await SnapshotWriter.create(target, { takenAt: new Date().toISOString(), host: 'TEST' });
  await writer.beginVolume('C:', []);
  process.stdout.write('ready\n');
  // As an enumeration that takes minutes: only an interrupt ends this process.
  setInterval(() => undefined, 60_000);
}
