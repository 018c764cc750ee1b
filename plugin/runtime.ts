/**
 * What the rules run when a file is linted: the analysis and the reporters.
 * Loaded on the first lint through analysis-runtime.ts, never when the plugin
 * is imported, so an editor or a config load pays for the plugin's meta only.
 */
export { containsNode, reportedNodeOf } from '../analysis/ast.js';
export { singleText } from '../analysis/evaluator/values.js';
export { defineCallVisitor } from '../analysis/file-calls.js';
export { analyseHandleUsage } from '../analysis/handle-usage.js';
export { decideNodeAccess } from '../analysis/node-fs/access.js';
export { readOnlyNodeOpen, readerWriteFlag } from '../analysis/node-fs/read-only-fix.js';
export { classifyPathValues } from '../analysis/paths/path-classifier.js';
export { nativeCallsOf } from '../analysis/sink-calls.js';
export { decideWin32Access, nativePathValues } from '../analysis/win32/access.js';
export { createWin32SinkClassifier, isKoffiAsync } from '../analysis/win32/handle-sinks.js';
export { readOnlyNativeOpen } from '../analysis/win32/read-only-fix.js';
export { formatPatternTrailer } from '../formats/finding-pattern.js';
export { reportPathFinding, reportWrapperFinding } from './report/path-finding.js';
