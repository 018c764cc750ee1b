import { UsageError } from '../formats/cli-contract.js';

/** A peer package this run needs is not installed: one line saying what to install, exit code 2. */
export class MissingPeerError extends UsageError {
  override name = 'MissingPeerError';
}

const NOT_FOUND: ReadonlySet<string> = new Set(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND']);

/**
 * Runs `load` (a dynamic import of a peer dependency). When the package, or
 * one it needs in turn (the TypeScript parser needs `typescript`), is not
 * installed, throws a MissingPeerError: `need`, the missing name, `install`.
 */
export async function importPeer<T>(load: () => Promise<T>, need: string, install: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined || !NOT_FOUND.has(code)) {
      throw error;
    }
    const missing = /Cannot find (?:package|module) '([^']+)'/u.exec((error as Error).message)?.[1];
    throw new MissingPeerError(`${need}${missing === undefined ? '' : ` (cannot find '${missing}')`}: ${install}`);
  }
}

export const loadEslint = () =>
  importPeer(() => import('eslint'), 'wimboot-lint runs on ESLint 9.22 or later', 'npm install --save-dev eslint');

export const loadTypeScriptParser = () =>
  importPeer(
    () => import('@typescript-eslint/parser'),
    'linting TypeScript files needs @typescript-eslint/parser and typescript',
    'npm install --save-dev @typescript-eslint/parser typescript@6.0',
  );
