#!/usr/bin/env node
import { runCli } from './run.js';

// exitCode rather than exit(): stdout must drain when piped.
process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
