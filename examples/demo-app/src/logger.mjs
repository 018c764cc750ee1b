// Appends to a log next to the installed program, as many Windows services do.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const INSTALL_DIR = path.join(process.env.ProgramFiles ?? 'C:\\Program Files', 'Acme');

export function createLogger() {
  const stream = fs.createWriteStream(path.join(process.env.ProgramFiles, 'Acme', 'logs', 'app.log'), { flags: 'a' });
  return (line) => stream.write(`${new Date().toISOString()} ${line}\n`);
}

export function createUserLogger() {
  // The temp folder is the right place for a log: silent.
  const stream = fs.createWriteStream(path.join(os.tmpdir(), 'acme', 'app.log'), { flags: 'a' });
  return (line) => stream.write(`${line}\n`);
}

export function readInstalledVersion() {
  // Read-only access to Program Files: silent.
  return fs.readFileSync(path.join(INSTALL_DIR, 'version.txt'), 'utf8').trim();
}
