// Entry point: wires the helpers together.
import { addHostEntry } from './hosts.js';
import { createLogger } from './logger.mjs';

const log = createLogger();
if (addHostEntry('acme.local')) {
  log('mapped acme.local to 127.0.0.1');
}
