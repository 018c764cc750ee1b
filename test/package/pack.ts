import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { NPM } from '../setup/registry.js';
import { REPO_ROOT } from '../setup/temp-tree.js';

export interface Packed {
  /** The tarball's absolute path. */
  tarball: string;
  /** The paths it holds, sorted. */
  files: string[];
}

/**
 * `npm pack` of the repository into `destination`. --ignore-scripts: the
 * build `npm test` just made, without prepack's rebuild (which would delete
 * dist/ under the other tests' feet).
 */
export function packRepository(destination: string): Packed {
  const pack = spawnSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  assert.equal(pack.status, 0, pack.stderr);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(destination, info!.filename), files: info!.files.map((file) => file.path).sort() };
}
