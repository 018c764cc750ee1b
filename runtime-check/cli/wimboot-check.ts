#!/usr/bin/env node
/** The `wimboot-check` executable. */
import { processIo } from './io.js';
import { runCli } from './main.js';

// Output errors (a closed pipe, a full disk) arrive through the writes that
// fail, as OutputError (formats/cli-contract.ts), and end as one line or a
// quiet exit; nothing here may throw them again as an uncaught exception.
process.exitCode = await runCli(process.argv.slice(2), processIo());
