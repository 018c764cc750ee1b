import noSystemFileWrite from './no-system-file-write.js';

/** Every rule of the plugin, keyed by its name without the `wimboot/` prefix. */
export const allRules = {
  'no-system-file-write': noSystemFileWrite,
};
