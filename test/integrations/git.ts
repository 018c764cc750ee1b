import { spawnSync } from 'node:child_process';

/** Git isolated from the machine's config (hooksPath, signing, templates), with a fixed identity. */
export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  NO_COLOR: '1',
};

export interface Run {
  status: number | null;
  /** stdout then stderr. */
  output: string;
}

/** Runs `command` in `cwd` (by default with the isolated git environment). */
export function run(cwd: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = GIT_ENV): Run {
  const { status, stdout, stderr } = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  return { status, output: `${stdout}${stderr}` };
}

export function git(repo: string, ...args: string[]): Run {
  return run(repo, 'git', args);
}
