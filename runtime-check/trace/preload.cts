/** `node --require <this file>`: the tracer for CommonJS hosts, and in every worker thread (docs/trace.md). */
// require(esm): the tracer is an ES module; Node ≥ 20.19 / 22.12 loads it synchronously, without a warning.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS entry point, on purpose
const tracer = require('./tracer.js') as typeof import('./tracer.js');

tracer.installFromEnvironment();
