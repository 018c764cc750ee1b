/**
 * Hostile shapes: valid files built to make an analysis do unbounded work
 * (issue 14's adversarial run, at 2–4× the sizes found there, and others in
 * the same spirit). Generated, deterministic; test/analysis/hostile.test.ts
 * lints each with and without the plugin and compares.
 */

export interface Shape {
  readonly name: string;
  /** Built on demand: a worker builds only the one it lints. */
  readonly build: () => string;
}

const r = String.raw;
const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index);

const KOFFI = r`import koffi from 'koffi';
const CreateFileW = koffi.load('kernel32.dll').func('__stdcall', 'CreateFileW', 'void *', ['str16', 'uint32', 'uint32', 'void *', 'uint32', 'uint32', 'void *']);
const GENERIC_READ = 0x80000000;`;

export function hostileShapes(): Shape[] {
  return [
    {
      // Each value doubles the last: 2^48 characters if materialised.
      name: 'doubling concatenation chain (48 steps, a write after each)',
      build: () =>
        [
          `import fs from 'node:fs';`,
          r`const a0 = 'C:\\Windows\\x';`,
          ...range(48).map((i) => `const a${i + 1} = a${i} + a${i};\nfs.writeFileSync(a${i + 1}, '');`),
        ].join('\n'),
    },
    {
      // Each array spreads (or concatenates) the last twice: 2^48 elements if copied.
      name: 'doubling array chains (48 spreads and 48 concats, a write after each)',
      build: () =>
        [
          `import fs from 'node:fs';`,
          r`const a0 = ['C:\\Windows\\x'];`,
          r`const c0 = ['C:\\Windows\\y'];`,
          ...range(48).map(
            (i) =>
              `const a${i + 1} = [...a${i}, ...a${i}];\nfs.writeFileSync(a${i + 1}[0], '');\n` +
              `const c${i + 1} = c${i}.concat(c${i});\nfs.writeFileSync(c${i + 1}[0], '');`,
          ),
        ].join('\n'),
    },
    {
      name: 'call-site amplification (100 writes in a helper × 600 call sites)',
      build: () =>
        [
          `import fs from 'node:fs';`,
          `function save(p) {`,
          ...range(100).map((i) => `  fs.writeFileSync(p + '.${i}', '');`),
          `}`,
          // Safe paths at most call sites, half of them absolute (every write is then instantiated).
          ...range(600).map((i) =>
            i % 60 === 0
              ? r`save('C:\\Windows\\f${i}');`
              : i % 2 === 0
                ? `save('out/f${i}');`
                : `save(process.env.APPDATA + '/f${i}');`,
          ),
        ].join('\n'),
    },
    {
      name: 'object literal of 260,000 keys indexed by an unknown key',
      build: () =>
        [
          `import fs from 'node:fs';`,
          `const map = {`,
          ...range(260_000).map((i) => r`  k${i}: 'C:\\Windows\\f${i}',`),
          `};`,
          `fs.writeFileSync(map[key], '');`,
        ].join('\n'),
    },
    {
      // 1.5× the 2,200 terms found: espree runs out of stack past ~4,300 at Node's default stack size.
      name: 'access mask written as a 3,300-term | chain',
      build: () =>
        `${KOFFI}\nCreateFileW('C:\\\\Windows\\\\win.ini', ${range(3300)
          .map(() => 'GENERIC_READ')
          .join(' | ')}, 0, null, 3, 0, null);`,
    },
    {
      name: 'a path segment of 160,000 spaces',
      build: () => `import fs from 'node:fs';\nfs.writeFileSync('C:\\\\Windows\\\\a${' '.repeat(160_000)}.', '');`,
    },
    {
      // ESLint's own scope analysis recurses: past ~3,000 operands it overflows itself.
      name: 'a string built from 2,000 concatenated literals',
      build: () =>
        `import fs from 'node:fs';\nfs.writeFileSync('C:\\\\Windows\\\\' + ${range(2000)
          .map((i) => `'s${i}'`)
          .join(' + ')}, '');`,
    },
    {
      name: 'a variable assigned 20,000 times, read by a write',
      build: () =>
        [
          `import fs from 'node:fs';`,
          `let p = 'out.txt';`,
          ...range(20_000).map((i) => r`if (c${i % 7}) p = 'C:\\Windows\\f${i}';`),
          `fs.writeFileSync(p, '');`,
        ].join('\n'),
    },
    {
      // Each `+=` may follow any before it: the alternatives double until the bound.
      name: 'a variable grown by 20,000 `+=`, read by 2,000 writes',
      build: () =>
        [
          `import fs from 'node:fs';`,
          r`let p = 'C:\\Windows\\';`,
          ...range(20_000).map((i) => `p += c${i % 7} ? 'a${i}' : name;`),
          ...range(2_000).map(() => `fs.writeFileSync(p, '');`),
        ].join('\n'),
    },
    {
      // espree's own limit is about 490 levels.
      name: '400 nested conditionals as a path',
      build: () =>
        `import fs from 'node:fs';\nfs.writeFileSync(${range(400)
          .map((i) => `c${i} ? 'C:\\\\Windows\\\\f${i}' : (`)
          .join('')}'x'${')'.repeat(400)}, '');`,
    },
    {
      name: '3,000 helpers, each calling the next, the last writing',
      build: () =>
        [
          `import fs from 'node:fs';`,
          `function h0(p) { fs.writeFileSync(p, ''); }`,
          ...range(2999).map((i) => `function h${i + 1}(p) { return h${i}(p + '/x'); }`),
          r`h2999('C:\\Windows\\f');`,
          ...range(300).map((i) => r`h${i * 10}('C:\\Windows\\g${i}');`),
        ].join('\n'),
    },
    {
      name: 'a class with 5,000 fields set in its constructor, written by 500 methods',
      build: () =>
        [
          `import fs from 'node:fs';`,
          `class Store {`,
          `  constructor(root) {`,
          ...range(5000).map((i) => `    this.f${i} = root + '/${i}';`),
          `  }`,
          ...range(500).map((i) => `  save${i}() { fs.writeFileSync(this.f${i * 10}, ''); }`),
          `}`,
          ...range(200).map((i) => r`new Store('C:\\Windows\\r${i}');`),
        ].join('\n'),
    },
    {
      // Each write looks up at the exits before it: found once per block, not once per write.
      name: 'a block of 10,000 platform exits, then 2,000 writes, under 300 nested platform tests',
      build: () =>
        [
          `import fs from 'node:fs';`,
          ...range(300).map((i) => `if (process.platform !== 'p${i}' || c${i % 7}) {`),
          `function f(d) {`,
          ...range(10_000).map((i) => `if (process.platform === 'x${i}' || k${i % 5}) return;`),
          ...range(2_000).map((i) => r`fs.writeFileSync('C:\\Windows\\f${i}', d);`),
          `}`,
          ...range(300).map(() => `}`),
        ].join('\n'),
    },
    {
      // What a setter stores is taken from the module's calls of it: at most MAX_ALTERNATIVES of them, once per write.
      name: 'a setter called 20,000 times, its variable and its store read by 2,000 writes',
      build: () =>
        [
          `import fs from 'node:fs';`,
          `import Store from 'electron-store';`,
          `const store = new Store();`,
          `let dir = '';`,
          `function setDir(v) { dir = v; store.set('dir', v + dir); }`,
          ...range(20_000).map((i) => r`setDir('C:\\Windows\\d${i}');`),
          ...range(1_000).map(
            (i) => `fs.writeFileSync(dir + '${i}', d); fs.writeFileSync(store.get('dir') + '${i}', d);`,
          ),
        ].join('\n'),
    },
    {
      // A writer kept in a table makes every call with no name, and of a variable, a candidate.
      name: 'a writer in a table, 10,000 calls read off it and 10,000 calls of variables, under 3,000 aliases',
      build: () =>
        [
          `import fs from 'node:fs';`,
          `function save(p) { fs.writeFileSync(p, ''); }`,
          `const table = new Map([['a', save]]);`,
          `const alias0 = save;`,
          ...range(3_000).map((i) => `const alias${i + 1} = c ? alias${i} : save;`),
          ...range(10_000).map((i) => r`table.get(k${i % 7})('C:\\Windows\\t${i}');`),
          ...range(10_000).map((i) => r`const v${i} = other(${i}); v${i}('C:\\Windows\\v${i}');`),
          r`alias3000('C:\Windows\last');`,
        ].join('\n'),
    },
    {
      name: 'a wrapper called 20,000 times',
      build: () =>
        [
          `import fs from 'node:fs';`,
          `const io = { write(file, data) { return fs.promises.writeFile(file, data); } };`,
          ...range(20_000).map((i) => r`io.write('C:\\Windows\\f${i}', d);`),
        ].join('\n'),
    },
    {
      // Whether the flags depend on a parameter is looked for through local variables: a budget bounds it.
      name: 'open flags from a variable assigned 3,000 times from variables assigned 3,000 times, in 500 wrappers',
      build: () =>
        [
          `import fs from 'node:fs';`,
          `let f = 'r';`,
          ...range(3_000).map((i) => `let g${i} = 'r'; if (c) g${i} = 'r+'; if (d) f = g${i};`),
          ...range(500).map((i) => `function open${i}(p) { return fs.openSync(p, f); }`),
          ...range(500).map((i) => r`open${i}('C:\Windows\f${i}');`),
        ].join('\n'),
    },
    {
      name: 'mutually recursive helpers that write',
      build: () =>
        [
          `import fs from 'node:fs';`,
          ...range(400).map((i) => `function m${i}(p) { if (p) m${(i + 1) % 400}(p + 'a'); fs.writeFileSync(p, ''); }`),
          ...range(400).map((i) => r`m${i}('C:\\Windows\\f');`),
        ].join('\n'),
    },
    {
      name: 'an array of 50,000 paths, shifted and unshifted, read by 5,000 writes',
      build: () =>
        [
          `import fs from 'node:fs';`,
          `const a = [${range(50_000)
            .map((i) => r`'C:\\Windows\\f${i}'`)
            .join(', ')}];`,
          `a.shift(); a.unshift('x'); a[3] = 'y';`,
          ...range(5_000).map((i) => `fs.writeFileSync(a[${i % 7}], '');`),
          `if (c) a.reverse();`,
          ...range(5_000).map(() => `fs.copyFileSync(...a);`),
        ].join('\n'),
    },
    {
      name: 'an object literal of 6,000 keys, each followed by a spread of unknown keys',
      build: () =>
        [
          `import fs from 'node:fs';`,
          `export function f(opts, more) {`,
          `  const o = { ${range(6_000)
            .map((i) => `k${i}: ${i}, ...${i % 2 === 0 ? 'more' : 'opts'}`)
            .join(', ')}, file: './a', ...opts };`,
          `  fs.writeFileSync(o.file, '');`,
          `}`,
          r`f({ file: 'C:\\Windows\\win.ini' }, {});`,
        ].join('\n'),
    },
    {
      // Each field a method sets is read through the calls of that method: one index of calls by name.
      name: 'a class with 3,000 setter methods, each called 5 times and its field written by a method',
      build: () =>
        [
          `import fs from 'node:fs';`,
          `class Config {`,
          ...range(3_000).map((i) => `  set${i}(v) { this.f${i} = v; }`),
          ...range(3_000).map((i) => `  save${i}() { fs.writeFileSync(this.f${i}, ''); }`),
          `}`,
          `const config = new Config();`,
          ...range(3_000).flatMap((i) => range(5).map((j) => r`config.set${i}('C:\\Windows\\f${i}_${j}');`)),
        ].join('\n'),
    },
  ];
}
