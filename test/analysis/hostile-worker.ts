import { ESLint, type Linter, type Rule } from 'eslint';
import plugin from '../../plugin/index.js';
import { hostileShapes } from './hostile-shapes.js';

/**
 * One hostile shape linted in a fresh process (so its peak memory is its
 * own): `node hostile-worker.js <index> <baseline|plugin>`. Prints
 * `{ cpuMs, maxRssKb, messages }`; the lint's CPU time only, after twenty
 * warm-up lints of a small file.
 */

const [index, variant] = process.argv.slice(2);
if (index === undefined) {
  // `node --test dist/test/` runs every file under a test folder: this one is driven by hostile.test.ts.
  console.log('hostile-worker: run by hostile.test.ts, nothing to do alone');
  process.exit(0);
}
const shape = hostileShapes()[Number(index)];
if (shape === undefined || (variant !== 'baseline' && variant !== 'plugin')) {
  process.stderr.write('usage: hostile-worker <index> <baseline|plugin>\n');
  process.exit(2);
}
const WARM_UP = String.raw`import fs from 'node:fs';
import koffi from 'koffi';
const CreateFileW = koffi.load('kernel32.dll').func('CreateFileW', 'void *', []);
CreateFileW('C:\\Windows\\win.ini', 0x80000000 | 0x40000000, 0, null, 3, 0, null);
function save(p) { fs.writeFileSync(p + '.x', ''); }
save('C:\\Windows\\a');
class Store { constructor(root) { this.f = root + '/x'; } write() { fs.writeFileSync(this.f, ''); } }
new Store('C:\\Windows\\r');
const io = { write(file) { return fs.promises.writeFile(file, ''); } };
io.write('C:\\Windows\\b');
const map = { a: 'C:\\Windows\\c' };
let p = 'x'; if (c) p = map[k];
fs.writeFileSync(c ? p : 'C:\\Windows\\d' + ' ', '');`;
const doNothing: Rule.RuleModule = { meta: { type: 'problem', schema: [] }, create: () => ({}) };
const config: Linter.Config[] =
  variant === 'baseline'
    ? [{ plugins: { bench: { rules: { 'do-nothing': doNothing } } }, rules: { 'bench/do-nothing': 'error' } }]
    : [plugin.configs.recommended];
// One ESLint instance: its config (and the rules' option validation) is built once, as in a real run.
const eslint = new ESLint({
  cwd: '/hostile',
  overrideConfigFile: true,
  overrideConfig: [{ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } }, ...config],
  ignore: false,
});
const lint = async (code: string, file: string): Promise<number> =>
  (await eslint.lintText(code, { filePath: `/hostile/${file}` }))[0]?.messages.length ?? 0;
// Warm-up: every code path a shape takes compiled, and the hot ones optimised, before the measured lint,
// for both variants alike. An editor's plugin is warm (it lints on every keystroke), and so is a CLI run after
// its first files; one small lint leaves most of the analysis in V8's interpreter, so the bound would measure
// how cold the code is, not how much work the shape makes (20 lints: V8 optimises what they run hot).
for (let round = 0; round < 20; round++) await lint(WARM_UP, `warm-up-${round}.js`);
const code = shape.build();
const before = process.cpuUsage();
const messages = await lint(code, 'shape.js');
const used = process.cpuUsage(before);
process.stdout.write(
  JSON.stringify({ cpuMs: (used.user + used.system) / 1000, maxRssKb: process.resourceUsage().maxRSS, messages }),
);
