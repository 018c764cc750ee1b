import { readFileSync } from 'node:fs';

/** The package's own name, version and repository URL: read once, shared by the plugin and both CLIs. */
export interface PackageInfo {
  readonly name: string;
  readonly version: string;
}

let cached: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
  // dist/formats/package-info.js → the package root.
  cached ??= JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageInfo;
  return cached;
}
