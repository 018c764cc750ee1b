// Installs the bundled font for all users, as installer scripts do.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const BUNDLED_FONT = fileURLToPath(new URL('../fonts/Acme.ttf', import.meta.url));

function systemFontsDir(): string {
  return path.join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts');
}

export function isFontInstalled(name: string): boolean {
  // Listing and stat-ing the folder only reads it.
  return fs.readdirSync(systemFontsDir()).some((file) => file.toLowerCase() === name.toLowerCase());
}

export function readFontSignature(name: string): string {
  // Opened 'r+' out of habit, then only read: wimboot/prefer-read-only-open fixes it to 'r'.
  const fd = fs.openSync(path.join(systemFontsDir(), name), 'r+');
  try {
    const header = Buffer.alloc(4);
    fs.readSync(fd, header, 0, 4, 0);
    return header.toString('hex');
  } finally {
    fs.closeSync(fd);
  }
}

export function installFont(src: string = BUNDLED_FONT): void {
  fs.copyFileSync(src, path.join(process.env.WINDIR, 'Fonts', 'Acme.ttf'));
}

export function installFontForCurrentUser(src: string = BUNDLED_FONT): string {
  // The per-user font folder is not a system file: nothing to report.
  const dir = path.join(process.env.LOCALAPPDATA ?? '', 'Microsoft', 'Windows', 'Fonts');
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, 'Acme.ttf');
  fs.copyFileSync(src, target);
  return target;
}
