import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runsOnlyOffWindows } from '../../analysis/off-windows.js';
import { inFile } from './evaluator/harness.js';

/**
 * Which calls run only off Windows (analysis/off-windows.ts): one row per
 * construct, the call marked `/*w*\/`. `true`: a platform branch, case or
 * exit decides against it on Windows; `false`: it may run there.
 */

const rows: readonly (readonly [code: string, offWindows: boolean])[] = [
  // Branches of a platform test.
  ["if (process.platform === 'darwin') /*w*/write();", true],
  ["if (process.platform === 'win32') /*w*/write();", false],
  ["if (process.platform === 'win32') {} else { /*w*/write(); }", true],
  ["const isMac = process.platform === 'darwin'; if (isMac) { /*w*/write(); }", true],
  ["const isMac = process.platform === 'darwin'; if (!isMac) { /*w*/write(); }", false],
  ["import os from 'os'; const isWin = os.platform() === 'win32'; isWin || /*w*/write();", true],
  ["import os from 'os'; os.type() === 'Linux' && /*w*/write();", true],
  ["const isWin = process.platform.startsWith('win'); const f = isWin ? null : /*w*/write();", true],
  ["if (['darwin', 'linux'].includes(process.platform)) /*w*/write();", true],
  // Through functions defined in such a branch, and callbacks.
  ["if (process.platform === 'darwin') { paths.forEach((p) => /*w*/write(p)); }", true],
  ["if (process.platform === 'darwin') { function f() { /*w*/write(); } }", true],
  // A switch on the platform: a case that cannot match and that nothing falls into.
  ["switch (process.platform) { case 'darwin': /*w*/write(); break; case 'win32': break; }", true],
  ["switch (process.platform) { case 'win32': /*w*/write(); break; }", false],
  ["switch (process.platform) { case 'win32': go(); case 'linux': /*w*/write(); }", false],
  ["switch (process.platform) { case 'darwin': break; default: /*w*/write(); }", false],
  // Exits taken on Windows before the call, in its block.
  ["function f() { if (process.platform === 'win32') return; /*w*/write(); }", true],
  ["function f() { if (process.platform !== 'win32') return; /*w*/write(); }", false],
  ["for (const p of ps) { if (process.platform === 'win32') { log(); continue; } /*w*/write(p); }", true],
  ["function f() { /*w*/write(); if (process.platform === 'win32') return; }", false],
  // A function declaration is hoisted above the exit.
  ["if (process.platform === 'win32') throw new Error(); function g() { /*w*/write(); }", false],
  // Names bound to a platform test, and functions of one expression that is one.
  ["const isWindows = () => process.platform === 'win32'; if (!isWindows()) /*w*/write();", true],
  ["function isMac() { return process.platform === 'darwin'; } if (isMac()) /*w*/write();", true],
  // What may change is never trusted: an array or object another function can fill (`list.push('win32')`).
  [
    "const SUPPORTED = ['darwin', 'linux']; function enable(list) { list.push('win32'); } enable(SUPPORTED); function f() { if (!SUPPORTED.includes(process.platform)) return; /*w*/write(); }",
    false,
  ],
  ["const info = { platform: 'darwin' }; detect(info); if (info.platform === 'darwin') /*w*/write();", false],
  [
    "const opts = { platform: 'linux' }; function configure(o) { o.platform = process.platform; } configure(opts); function r() { if (opts.platform !== 'win32') return; /*w*/write(); }",
    false,
  ],
  // `process` that is not Node's.
  ["function f(process) { if (process.platform === 'darwin') /*w*/write(); }", false],
  ["let isMac = process.platform === 'darwin'; isMac = check(); if (isMac) /*w*/write();", false],
  // What the evaluator cannot decide leaves the call reachable.
  ['if (options.mac) /*w*/write();', false],
  ['if (process.env.OS === "Windows_NT") {} else { /*w*/write(); }', false],
  ["if (platform === 'darwin') /*w*/write();", false],
];

describe('off-windows: calls that run only off Windows', () => {
  for (const [code, expected] of rows) {
    it(`${code} → ${expected ? 'only off Windows' : 'may run on Windows'}`, () => {
      const answer = inFile(code, (file) => runsOnlyOffWindows(file.analysis.evaluator, file.marked('w')));
      assert.equal(answer, expected);
    });
  }

  it('never evaluates a condition that is not about the platform alone (a compiler bundle’s conditions can take the whole budget)', () => {
    const helper = `function heavy(x) { let s = x; ${Array.from({ length: 200 }, (_, i) => `s = s + '${i}';`).join(' ')} return s === 'x'; }`;
    const run = (condition: string): { steps: number; offWindows: boolean } =>
      inFile(`${helper}\nif (${condition}) /*w*/write();`, (file) => ({
        offWindows: runsOnlyOffWindows(file.analysis.evaluator, file.marked('w')),
        steps: file.analysis.project.stepsUsed,
      }));
    const baseline = run('unknownFlag');
    assert.deepEqual(run("heavy('a')"), baseline, 'the condition was evaluated');
    assert.deepEqual(run('heavy(process.platform)'), baseline, 'a call with arguments was evaluated');
    // The control: a condition about the platform alone is evaluated (it costs steps) and decides.
    const control = run("process.platform === 'darwin'");
    assert.ok(control.steps > baseline.steps && control.offWindows);
  });
});
