import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FFI_MODULES } from '../../analysis/win32/ffi-bindings.js';
import { mayReachKnownApis } from '../../analysis/file-gate.js';
import { FILE_API_MODULES } from '../../analysis/node-fs/fs-apis.js';

describe('mayReachKnownApis (per-file gate)', () => {
  const reach = [
    "import fs from 'fs';",
    'const { writeFile } = require("node:fs/promises");',
    'process.getBuiltinModule(`fs`)',
    "import fse from 'fs-extra';",
    "require('graceful-fs')",
    "import writeFileAtomic from 'write-file-atomic';",
    "import { write } from 'bun';",
    "import koffi from 'koffi';",
    "const ffi = require('ffi-napi');",
    "import { load } from 'ffi-rs';",
    "import { dlopen } from 'bun:ffi';",
    "import { dlopen } from 'node:ffi';",
    'await Bun.write(p, x);',
    'Deno.writeTextFileSync(p, x);',
  ];
  for (const text of reach) {
    it(`keeps: ${text}`, () => assert.equal(mayReachKnownApis({ text }), true));
  }
  const skip = [
    'const offsets = refs.map((ref) => ref.offset);',
    "import path from 'node:path'; path.join('C:\\\\Windows', 'x');",
    "import { readFile } from './fs.js';",
    "import x from 'fsevents';",
    'Bunny.write(p);',
    '// fs is mentioned in a comment without quotes',
  ];
  for (const text of skip) {
    it(`skips: ${text}`, () => assert.equal(mayReachKnownApis({ text }), false));
  }

  it('keeps a file naming any module the API tables know, with or without node: and a subpath', () => {
    for (const module of [...FILE_API_MODULES, ...FFI_MODULES]) {
      assert.equal(mayReachKnownApis({ text: `import x from '${module}';` }), true, module);
      assert.equal(mayReachKnownApis({ text: `require("node:${module}/sub")` }), true, module);
    }
  });

  it('decides once per file (cached by SourceCode)', () => {
    const source = { text: "import fs from 'fs';" };
    assert.equal(mayReachKnownApis(source), true);
    (source as { text: string }).text = 'nothing';
    assert.equal(mayReachKnownApis(source), true);
  });
});
