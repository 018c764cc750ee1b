// Maps the dev hostname to localhost, like hostile / dev-server helpers do.
import fs from 'node:fs';
import path from 'node:path';

const HOSTS_FILE =
  process.platform === 'win32'
    ? path.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'drivers', 'etc', 'hosts')
    : '/etc/hosts';

export function readHostEntries() {
  // Reading is fine: the placeholder stays compressed.
  return fs
    .readFileSync(HOSTS_FILE, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

export function addHostEntry(hostname, ip = '127.0.0.1') {
  if (readHostEntries().some((line) => line.split(/\s+/).includes(hostname))) {
    return false;
  }
  fs.appendFileSync(HOSTS_FILE, `\n${ip}\t${hostname}\n`);
  return true;
}

export function removeHostEntryOnWindows(hostname) {
  // Rewrites the file in place: opening it 'r+' asks for write access.
  const fd = fs.openSync(path.join(process.env.SystemRoot, 'System32', 'drivers', 'etc', 'hosts'), 'r+');
  try {
    const kept = fs
      .readFileSync(fd, 'utf8')
      .split(/\r?\n/)
      .filter((line) => !line.split(/\s+/).includes(hostname))
      .join('\n');
    fs.ftruncateSync(fd, 0);
    fs.writeSync(fd, kept, 0);
  } finally {
    fs.closeSync(fd);
  }
}
