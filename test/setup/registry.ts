/**
 * Tests that install packages from the npm registry (the peer ESLint, fresh
 * consumers, the pre-commit framework's install) are skipped with
 * WIMBOOT_OFFLINE=1, for machines without it. CI has the registry.
 */
export const NEEDS_REGISTRY: string | false =
  process.env.WIMBOOT_OFFLINE === '1' ? 'WIMBOOT_OFFLINE=1: this test installs from the npm registry' : false;

export const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Child environment without node:test's marker and with npm's cache preferred over the network. */
export function npmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
  delete env.NODE_TEST_CONTEXT;
  return env;
}
