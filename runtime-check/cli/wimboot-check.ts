#!/usr/bin/env node
/** The `wimboot-check` executable. */
import { processIo } from './io.js';
import { runCli } from './main.js';

// A closed pipe (`| head`) ends output quietly instead of as an uncaught error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') {
    throw error;
  }
});

process.exitCode = await runCli(process.argv.slice(2), processIo());
