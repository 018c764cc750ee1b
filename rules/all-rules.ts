import noSystemFileWrite from './no-system-file-write.js';
import preferReadOnlyOpen from './prefer-read-only-open.js';

/** Every rule of the plugin, keyed by its name without the `wimboot/` prefix. */
export const allRules = {
  'no-system-file-write': noSystemFileWrite,
  'prefer-read-only-open': preferReadOnlyOpen,
};
