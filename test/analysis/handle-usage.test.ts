import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TSESTree } from '@typescript-eslint/utils';
import {
  type HandleSinkClassifier,
  type HandleUsage,
  analyseHandleUsage,
  analyseVariableUsage,
} from '../../analysis/handle-usage.js';
import type { Evaluator } from '../../analysis/evaluator/evaluate.js';
import { classifyFdSink, classifyFileHandleSink } from '../../analysis/node-fs/handle-sinks.js';
import { createNativeCallResolver } from '../../analysis/win32/ffi-bindings.js';
import { createWin32SinkClassifier } from '../../analysis/win32/handle-sinks.js';
import { type ParseOptions, inFile } from './evaluator/harness.js';

/**
 * Where an opened handle goes (analysis/handle-usage.ts), with the Node and
 * Win32 sink classifiers (analysis/node-fs/handle-sinks.ts,
 * analysis/win32/handle-sinks.ts). The producer is the call after the
 * `/*open*\/` marker; each use is rendered `effect api`. A handle is read-only
 * when no use writes and none escapes the analysis.
 */

const r = String.raw;
const ts = { typescript: true } as const;

type Classifier = 'fd' | 'filehandle' | 'win32';

const CLASSIFIERS: Record<Classifier, (evaluator: Evaluator) => HandleSinkClassifier> = {
  fd: (evaluator) => (sink) => classifyFdSink(evaluator, sink),
  filehandle: (evaluator) => (sink) => classifyFileHandleSink(evaluator, sink),
  win32: (evaluator) => {
    const resolver = createNativeCallResolver(evaluator);
    return createWin32SinkClassifier(evaluator, () => resolver);
  },
};

interface UsageRow extends ParseOptions {
  readonly code: string;
  readonly classifier: Classifier;
  /** `read fs.readSync`, `close FileHandle.close`, `escape`, `inspect`... in source order. */
  readonly uses: readonly string[];
  readonly readOnly: boolean;
  /** Analyse the `fd` parameter of the marked call's callback instead of the call's value. */
  readonly callbackParameter?: boolean;
  readonly todo?: string;
}

function usageOf(row: UsageRow): HandleUsage {
  return inFile(
    row.code,
    (file) => {
      const { evaluator } = file.analysis;
      const producer = file.marked('open');
      const classify = CLASSIFIERS[row.classifier](evaluator);
      if (row.callbackParameter !== true) return analyseHandleUsage(evaluator, producer, classify);
      const callback = producer.arguments.at(-1) as TSESTree.ArrowFunctionExpression;
      const fd = evaluator.declaredVariables(callback).find((variable) => variable.name === 'fd');
      assert.ok(fd, 'the callback declares fd');
      return analyseVariableUsage(evaluator, fd, classify);
    },
    row,
  );
}

function sorted(uses: HandleUsage['uses']): HandleUsage['uses'] {
  return [...uses].sort((a, b) => a.node.range[0] - b.node.range[0]);
}

const FS = `import fs from 'node:fs';`;
const FSP = `import fsp from 'node:fs/promises';`;

const nodeRows: UsageRow[] = [
  // Numeric descriptors.
  {
    code: r`${FS} const fd = /*open*/ fs.openSync(p, 'r+'); fs.readSync(fd, buf); fs.fstatSync(fd); fs.closeSync(fd);`,
    classifier: 'fd',
    uses: ['read fs.readSync', 'read fs.fstatSync', 'close fs.closeSync'],
    readOnly: true,
  },
  {
    code: r`${FS} const fd = /*open*/ fs.openSync(p, 'r+'); fs.writeSync(fd, 'x'); fs.closeSync(fd);`,
    classifier: 'fd',
    uses: ['write fs.writeSync', 'close fs.closeSync'],
    readOnly: false,
  },
  ...[
    'ftruncateSync',
    'fsyncSync',
    'fdatasyncSync',
    'fchmodSync',
    'futimesSync',
    'writeFileSync',
    'appendFileSync',
  ].map((fn): UsageRow => ({
    code: `${FS} const fd = /*open*/ fs.openSync(p, 'r+'); fs.${fn}(fd, x);`,
    classifier: 'fd',
    uses: [`write fs.${fn}`],
    readOnly: false,
  })),
  {
    code: r`${FS} const fd = /*open*/ fs.openSync(p, 'r+'); fs.readFileSync(fd, 'utf8');`,
    classifier: 'fd',
    uses: ['read fs.readFileSync'],
    readOnly: true,
  },
  // Passed at a position that is not the descriptor's.
  {
    code: r`${FS} const fd = /*open*/ fs.openSync(p, 'r+'); fs.readSync(buf, fd);`,
    classifier: 'fd',
    uses: ['escape'],
    readOnly: false,
  },
  // Options objects.
  {
    code: r`${FS} const fd = /*open*/ fs.openSync(p, 'r+'); fs.createReadStream(null, { fd });`,
    classifier: 'fd',
    uses: ['read fs.createReadStream'],
    readOnly: true,
  },
  {
    code: r`${FS} const fd = /*open*/ fs.openSync(p, 'r+'); fs.createWriteStream(null, { fd: fd });`,
    classifier: 'fd',
    uses: ['write fs.createWriteStream'],
    readOnly: false,
  },
  {
    code: r`${FS} const fd = /*open*/ fs.openSync(p, 'r+'); fs.createReadStream(null, { handle: fd });`,
    classifier: 'fd',
    uses: ['escape'],
    readOnly: false,
  },
  // Inspections do not use the access.
  {
    code: r`${FS} const fd = /*open*/ fs.openSync(p, 'r+'); if (fd < 0) throw err; if (!fd) {} log(typeof fd); while (fd) {} const y = fd ? 1 : 2;`,
    classifier: 'fd',
    uses: ['inspect', 'inspect', 'inspect', 'inspect', 'inspect'],
    readOnly: true,
  },
  // Escapes: returned, stored, exported, passed to a function the analysis cannot see.
  {
    code: r`${FS} function open(p) { const fd = /*open*/ fs.openSync(p, 'r+'); return fd; }`,
    classifier: 'fd',
    uses: ['escape'],
    readOnly: false,
  },
  {
    code: r`${FS} const fd = /*open*/ fs.openSync(p, 'r+'); state.fd = fd;`,
    classifier: 'fd',
    uses: ['escape'],
    readOnly: false,
  },
  {
    code: r`${FS} export const fd = /*open*/ fs.openSync(p, 'r+'); fs.readSync(fd, buf);`,
    classifier: 'fd',
    uses: ['escape'],
    readOnly: false,
  },
  {
    code: r`${FS} const fd = /*open*/ fs.openSync(p, 'r+'); export { fd };`,
    classifier: 'fd',
    uses: ['escape'],
    readOnly: false,
  },
  {
    code: r`${FS} const fd = /*open*/ fs.openSync(p, 'r+'); consume(fd);`,
    classifier: 'fd',
    uses: ['escape'],
    readOnly: false,
  },
  {
    code: r`${FS} const fd = /*open*/ fs.openSync(p, 'r+'); fd.toString();`,
    classifier: 'fd',
    uses: ['escape'],
    readOnly: false,
  },
  // Discarded: never used.
  { code: r`${FS} /*open*/ fs.openSync(p, 'r+');`, classifier: 'fd', uses: [], readOnly: true },
  // Straight into a call.
  {
    code: r`${FS} fs.fstatSync(/*open*/ fs.openSync(p, 'r+'));`,
    classifier: 'fd',
    uses: ['read fs.fstatSync'],
    readOnly: true,
  },
  // Aliases and assignments are followed.
  {
    code: r`${FS} const fd = /*open*/ fs.openSync(p, 'r+'); const other = fd; fs.writeSync(other, 'x');`,
    classifier: 'fd',
    uses: ['write fs.writeSync'],
    readOnly: false,
  },
  {
    code: r`${FS} let fd; fd = /*open*/ fs.openSync(p, 'r+'); fs.fstatSync(fd);`,
    classifier: 'fd',
    uses: ['read fs.fstatSync'],
    readOnly: true,
  },
  {
    code: r`${FS} let fd; fs.fstatSync(fd = /*open*/ fs.openSync(p, 'r+'));`,
    classifier: 'fd',
    uses: ['read fs.fstatSync'],
    readOnly: true,
  },
  {
    code: r`${FS} const fd = /*open*/ fs.openSync(p, 'r+') as number; fs.writeSync(fd!, 'x');`,
    classifier: 'fd',
    uses: ['write fs.writeSync'],
    readOnly: false,
    ...ts,
  },
  // Local helpers: into the parameter, three levels deep at most.
  {
    code: r`${FS} function size(f) { return fs.fstatSync(f).size; } const fd = /*open*/ fs.openSync(p, 'r+'); size(fd);`,
    classifier: 'fd',
    uses: ['read fs.fstatSync'],
    readOnly: true,
  },
  {
    code: r`${FS} const save = (f, text) => fs.writeSync(f, text); const fd = /*open*/ fs.openSync(p, 'r+'); save(fd, 'x');`,
    classifier: 'fd',
    uses: ['write fs.writeSync'],
    readOnly: false,
  },
  {
    code: r`${FS} function a(f) { fs.fstatSync(f); } function b(f) { a(f); } function c(f) { b(f); } function d(f) { c(f); } d(/*open*/ fs.openSync(p, 'r+'));`,
    classifier: 'fd',
    uses: ['escape'],
    readOnly: false,
  },
  {
    code: r`${FS} function size({ fd }) { return fs.fstatSync(fd); } size(/*open*/ fs.openSync(p, 'r+'));`,
    classifier: 'fd',
    uses: ['escape'],
    readOnly: false,
  },
  // `.call(thisArg, fd)`: the classifier must see the effective argument position.
  {
    code: r`${FS} const fd = /*open*/ fs.openSync(p, 'r+'); fs.readSync.call(fs, fd, buf);`,
    classifier: 'fd',
    uses: ['read fs.readSync'],
    readOnly: true,
  },
  // The fd parameter of fs.open's callback.
  {
    code: r`${FS} /*open*/ fs.open(p, 'r+', (err, fd) => { fs.read(fd, buf, 0, 1, 0, done); fs.close(fd, done); });`,
    classifier: 'fd',
    callbackParameter: true,
    uses: ['read fs.read', 'close fs.close'],
    readOnly: true,
  },
  // FileHandles.
  {
    code: r`${FSP} const fh = await /*open*/ fsp.open(p, 'r+'); await fh.read(buf); await fh.stat(); await fh.close();`,
    classifier: 'filehandle',
    uses: ['read FileHandle.read', 'read FileHandle.stat', 'close FileHandle.close'],
    readOnly: true,
  },
  ...['write', 'writeFile', 'appendFile', 'truncate', 'sync', 'datasync', 'chmod', 'utimes', 'createWriteStream'].map(
    (method): UsageRow => ({
      code: `${FSP} const fh = await /*open*/ fsp.open(p, 'r+'); await fh.${method}(x);`,
      classifier: 'filehandle',
      uses: [`write FileHandle.${method}`],
      readOnly: false,
    }),
  ),
  {
    code: r`${FSP} const fh = await /*open*/ fsp.open(p, 'r+'); fh.somethingElse();`,
    classifier: 'filehandle',
    uses: ['escape'],
    readOnly: false,
  },
  {
    code: r`${FSP} const fh = await /*open*/ fsp.open(p, 'r+'); pipeline(fh);`,
    classifier: 'filehandle',
    uses: ['escape'],
    readOnly: false,
  },
];

const KOFFI = r`
import koffi from 'koffi';
const k32 = koffi.load('kernel32.dll');
const CreateFileW = k32.func('CreateFileW', 'void *', ['str16', 'uint32', 'uint32', 'void *', 'uint32', 'uint32', 'void *']);
const ReadFile = k32.func('__stdcall', 'ReadFile', 'int', ['void *', 'void *', 'uint32', 'void *', 'void *']);
const WriteFile = k32.func('WriteFile', 'int', ['void *', 'void *', 'uint32', 'void *', 'void *']);
const SetFileTime = k32.func('SetFileTime', 'int', ['void *', 'void *', 'void *', 'void *']);
const CloseHandle = k32.func('CloseHandle', 'int', ['void *']);
const DeviceIoControl = k32.func('DeviceIoControl', 'int', ['void *', 'uint32', 'void *', 'uint32', 'void *', 'uint32', 'void *', 'void *']);
const CreateFileMappingW = k32.func('CreateFileMappingW', 'void *', ['void *', 'void *', 'uint32', 'uint32', 'uint32', 'str16']);
const h = /*open*/ CreateFileW(p, 0xC0000000, 0, null, 3, 0, null);
`;

const win32Rows: UsageRow[] = [
  {
    code: `${KOFFI} ReadFile(h, buf, 1, null, null); CloseHandle(h);`,
    classifier: 'win32',
    uses: ['read ReadFile', 'close CloseHandle'],
    readOnly: true,
  },
  {
    code: `${KOFFI} WriteFile(h, buf, 1, null, null);`,
    classifier: 'win32',
    uses: ['write WriteFile'],
    readOnly: false,
  },
  // Needs write access on the handle without writing data.
  {
    code: `${KOFFI} SetFileTime(h, null, null, t);`,
    classifier: 'win32',
    uses: ['write SetFileTime'],
    readOnly: false,
  },
  // Control codes: queries read; anything else, or an unresolved code, writes.
  {
    code: `${KOFFI} DeviceIoControl(h, 0x90310, null, 0, out, 64, n, null);`,
    classifier: 'win32',
    uses: ['read DeviceIoControl'],
    readOnly: true,
  },
  {
    code: `${KOFFI} DeviceIoControl(h, 0x9030C, inp, 8, null, 0, n, null);`,
    classifier: 'win32',
    uses: ['write DeviceIoControl'],
    readOnly: false,
  },
  {
    code: `${KOFFI} DeviceIoControl(h, code, null, 0, out, 64, n, null);`,
    classifier: 'win32',
    uses: ['write DeviceIoControl'],
    readOnly: false,
  },
  // Page protections: PAGE_READONLY reads, PAGE_READWRITE writes.
  {
    code: `${KOFFI} CreateFileMappingW(h, null, 0x02, 0, 0, null);`,
    classifier: 'win32',
    uses: ['read CreateFileMappingW'],
    readOnly: true,
  },
  {
    code: `${KOFFI} CreateFileMappingW(h, null, PAGE_READWRITE, 0, 0, null);`,
    classifier: 'win32',
    uses: ['write CreateFileMappingW'],
    readOnly: false,
  },
  // The handle at another position than the one the function reads it from.
  {
    code: `${KOFFI} ReadFile(buf, h, 1, null, null);`,
    classifier: 'win32',
    uses: ['escape ReadFile'],
    readOnly: false,
  },
  // A function the table does not know, or not declared through FFI.
  { code: `${KOFFI} other(h);`, classifier: 'win32', uses: ['escape'], readOnly: false },
  {
    code: `${KOFFI} if (h === INVALID_HANDLE_VALUE) throw err; ReadFile(h, buf, 1, null, null);`,
    classifier: 'win32',
    uses: ['inspect', 'read ReadFile'],
    readOnly: true,
  },
  // Helpers and aliases.
  {
    code: `${KOFFI} function readAll(handle) { ReadFile(handle, buf, 1, null, null); } readAll(h); const copy = h; CloseHandle(copy);`,
    classifier: 'win32',
    uses: ['read ReadFile', 'close CloseHandle'],
    readOnly: true,
  },
];

function testRows(rows: readonly UsageRow[]): void {
  for (const row of rows) {
    const name = `${row.code.replace(KOFFI, 'koffi … h = CreateFileW(…); ').replaceAll(/\s+/gu, ' ').trim()} → ${row.uses.join(', ') || '(no use)'}`;
    it(name, row.todo === undefined ? {} : { todo: row.todo }, () => {
      const usage = usageOf(row);
      const uses = sorted(usage.uses).map((use) => (use.api === undefined ? use.kind : `${use.kind} ${use.api}`));
      assert.deepEqual({ uses, readOnly: usage.readOnly }, { uses: row.uses, readOnly: row.readOnly });
      assert.equal(usage.firstWrite?.kind, usage.uses.some((use) => use.kind === 'write') ? 'write' : undefined);
      assert.equal(usage.firstEscape?.kind, usage.uses.some((use) => use.kind === 'escape') ? 'escape' : undefined);
    });
  }
}

describe('handle usage: Node descriptors and FileHandles', () => testRows(nodeRows));
describe('handle usage: Win32 handles through FFI', () => testRows(win32Rows));

describe('handle usage: bounds', () => {
  it('stops after 200 uses with an escape, so a long file stays linear', () => {
    const code = `${FS} const fd = /*open*/ fs.openSync(p, 'r+');\n${'fs.fstatSync(fd);\n'.repeat(250)}`;
    const usage = usageOf({ code, classifier: 'fd', uses: [], readOnly: false });
    assert.equal(usage.uses.length, 201);
    assert.equal(usage.uses.at(-1)?.kind, 'escape');
    assert.equal(usage.readOnly, false);
  });
});
