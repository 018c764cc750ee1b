import noSystemFileWrite from './rules/no-system-file-write.js';
import noWin32WriteAccess from './rules/no-win32-write-access.js';
import preferReadOnlyOpen from './rules/prefer-read-only-open.js';

/** Every rule of the plugin, keyed by its name without the `wimboot/` prefix. */
export const allRules = {
  'no-system-file-write': noSystemFileWrite,
  'no-win32-write-access': noWin32WriteAccess,
  'prefer-read-only-open': preferReadOnlyOpen,
};
