import { createRequire } from 'node:module';

/**
 * The rules' runtime (runtime.ts), loaded on first use: importing the plugin
 * then loads a dozen small modules instead of the whole analysis, which an
 * editor's ESLint server pays at every start and a config with many plugins
 * pays even for files this plugin never sees (docs/performance.md). require()
 * of an ES module is synchronous on the supported Node versions (^20.19,
 * ^22.13, >= 24), as a rule's create() must be.
 */

type Runtime = typeof import('./runtime.js');

const require = createRequire(import.meta.url);
let loaded: Runtime | undefined;

export function analysisRuntime(): Runtime {
  loaded ??= require('./runtime.js') as Runtime;
  return loaded;
}
