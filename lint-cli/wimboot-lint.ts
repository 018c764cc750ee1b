#!/usr/bin/env node
import { writeOutput } from '../formats/cli-contract.js';
import { runCli } from './run.js';

// exitCode rather than exit(): stdout must drain when piped. A write that
// fails (a full disk, a closed pipe) rejects with OutputError, which runCli
// turns into one line and exit 2, or a quiet exit for EPIPE.
process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => writeOutput(process.stdout, text),
  stderr: (text) => process.stderr.write(text),
});
