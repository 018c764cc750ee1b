/** `node --import <this file's URL>`: the tracer for ESM hosts (docs/trace.md). */
import { installFromEnvironment } from './tracer.js';

installFromEnvironment();
