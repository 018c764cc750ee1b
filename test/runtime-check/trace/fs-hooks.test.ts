import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { absolutePath } from '../../../runtime-check/trace/fs-hooks.js';

// The fast path must agree with path.resolve on every form, normal or not.
const ROWS = [
  '/a/b',
  '/a/./b',
  '/a/../b',
  '/a//b',
  '/a/b/',
  '/',
  '//',
  '/.',
  '/a/.b',
  '/a/..b',
  '/a/...',
  '/a/b/.',
  '/a/b/..',
  '/a/b\\c',
  'relative/x',
  './x',
  '../x',
  '',
  'C:\\Windows\\win.ini',
];

describe('tracer: the absolute path of a write-open', () => {
  for (const path of ROWS) {
    it(`${JSON.stringify(path)} as path.resolve gives it`, () => {
      assert.equal(absolutePath(path), resolve(path));
    });
  }
});
