// The header check: every control code, constant, structure size and field
// offset the backends decode, as the compiled TypeScript has it, against the
// Windows SDK as mingw-w64 declares it (test/wine/native/header-check.c,
// compiled here with x86_64-w64-mingw32-gcc). Values mingw-w64 lacks come
// from Microsoft Learn (test/wine/native/wof-sdk.h); the test lists them.
// Skips loudly without the compiler, fails in CI.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { KNOWN_ALGORITHMS } from '../../formats/backing.js';
import * as reparse from '../../runtime-check/backends/offline-ntfs/reparse.js';
import { XATTR_MAX_SIZE } from '../../runtime-check/backends/offline-ntfs/xattr.js';
import * as errors from '../../runtime-check/backends/win32/errors.js';
import * as kernel32 from '../../runtime-check/backends/win32/kernel32.js';
import * as structs from '../../runtime-check/backends/win32/structs.js';
import * as wof from '../../runtime-check/backends/wof-sdk.js';
import { mingw, mingwMissing, NATIVE_DIR } from './helpers/mingw.js';
import { runnableOrSkip } from './helpers/wine.js';

/** Every value the decoders use that the SDK declares, by the name header-check.c gives it. */
function decoderValues(): Map<string, number> {
  const values = new Map<string, number>();
  const pick = (module: Record<string, unknown>, names: readonly string[]) => {
    for (const name of names) {
      const value = module[name];
      assert.equal(typeof value, 'number', `${name} is exported as a number`);
      values.set(name, value as number);
    }
  };
  pick(kernel32, [
    'FSCTL_GET_EXTERNAL_BACKING',
    'FSCTL_ENUM_EXTERNAL_BACKING',
    'FSCTL_ENUM_OVERLAY',
    'FSCTL_GET_WOF_VERSION',
    'FILE_READ_ATTRIBUTES',
    'SYNCHRONIZE',
    'GENERIC_READ',
    'FILE_SHARE_ALL',
    'OPEN_EXISTING',
    'FILE_FLAG_BACKUP_SEMANTICS',
    'FILE_FLAG_OPEN_REPARSE_POINT',
    'VOLUME_NAME_DOS',
    'INVALID_HANDLE_VALUE',
    'INVALID_FILE_SIZE',
  ]);
  pick(wof, ['WOF_CURRENT_VERSION', 'WOF_PROVIDER_WIM', 'WOF_PROVIDER_FILE', 'FILE_PROVIDER_CURRENT_VERSION']);
  pick(structs, [
    'WIM_PROVIDER_CURRENT_VERSION',
    'WIM_PROVIDER_HASH_SIZE',
    'WIM_PROVIDER_EXTERNAL_FLAG_NOT_ACTIVE',
    'WIM_PROVIDER_EXTERNAL_FLAG_SUSPENDED',
    'EXTENDED_FILE_ID_TYPE',
  ]);
  pick(reparse, ['IO_REPARSE_TAG_WOF', 'REPARSE_HEADER_SIZE', 'REPARSE_DATA_LENGTH_OFFSET']);
  pick(
    errors,
    Object.keys(errors).filter((name) => name.startsWith('ERROR_')),
  );
  values.set('XATTR_MAX_SIZE', XATTR_MAX_SIZE);
  for (const [index, name] of KNOWN_ALGORITHMS.entries()) values.set(`ALGORITHM_${name}`, index);
  values.set('KNOWN_ALGORITHM_COUNT', KNOWN_ALGORITHMS.length);
  // The refused codes: the allow-list's tests use these values (win32-backend.test.ts).
  for (const [name, code] of [
    ['FSCTL_SET_EXTERNAL_BACKING', 0x9030c],
    ['FSCTL_DELETE_EXTERNAL_BACKING', 0x90314],
    ['FSCTL_ADD_OVERLAY', 0x98330],
    ['FSCTL_REMOVE_OVERLAY', 0x98334],
    ['FSCTL_UPDATE_OVERLAY', 0x98338],
    ['FSCTL_SUSPEND_OVERLAY', 0x90384],
  ] as const) {
    assert.equal(kernel32.ALLOWED_CONTROL_CODES.has(code), false, `${name} is not allowed`);
    values.set(name, code);
  }
  for (const [struct, fields] of Object.entries(structs.LAYOUT)) {
    for (const [field, value] of Object.entries(fields)) values.set(`LAYOUT_${struct}_${field}`, value);
  }
  values.set('PROVIDER_DATA_OFFSET', structs.LAYOUT.WOF_EXTERNAL_INFO.size);
  return values;
}

function valuesHeader(values: Map<string, number>): string {
  const literal = (value: number) => (value < 0 ? `(${value})` : `${value}ULL`);
  return `${[...values].map(([name, value]) => `#define TS_${name} ${literal(value)}`).join('\n')}\n`;
}

/** The TS_ names header-check.c asserts on. */
function checkedNames(source: string): Set<string> {
  const names = new Set<string>();
  for (const match of source.matchAll(/^SAME\((\w+),/gmu)) names.add(match[1]!);
  for (const match of source.matchAll(/^SIZE\((\w+)\)/gmu)) names.add(`LAYOUT_${match[1]!}_size`);
  for (const match of source.matchAll(/^FIELD\((\w+), (\w+)\)/gmu)) names.add(`LAYOUT_${match[1]!}_${match[2]!}`);
  return names;
}

describe('header check: the decoders against the Windows SDK headers (mingw-w64)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wimboot-headers-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const ready = (t: Parameters<typeof runnableOrSkip>[0]) =>
    runnableOrSkip(t, 'the header check of the win32 decoders', mingwMissing());

  it('checks every value the decoders use, and only those', () => {
    const values = decoderValues();
    const checked = checkedNames(readFileSync(join(NATIVE_DIR, 'header-check.c'), 'utf8'));
    assert.deepEqual([...values.keys()].filter((name) => !checked.has(name)).sort(), [], 'values not checked');
    assert.deepEqual([...checked].filter((name) => !values.has(name)).sort(), [], 'checks of no value');
  });

  it('compiles: every value equals the SDK declaration', (t) => {
    if (!ready(t)) return;
    writeFileSync(join(dir, 'ts-values.h'), valuesHeader(decoderValues()));
    const compiled = mingw(['-fsyntax-only', '-I', dir, 'header-check.c']);
    assert.ok(compiled.ok, compiled.output);
    // Which of them this mingw-w64 lacks, so wof-sdk.h gave Microsoft Learn's declaration instead.
    const macros = mingw(['-E', '-dM', 'wof-sdk.h']);
    assert.ok(macros.ok, macros.output);
    const learnOnly = [...macros.output.matchAll(/^#define WOF_SDK_FROM_LEARN_(\w+) 1$/gmu)].map((m) => m[1]!).sort();
    t.diagnostic(`checked against Microsoft Learn only (not in this mingw-w64): ${learnOnly.join(', ') || 'none'}`);
  });

  it('fails to compile when a decoder value drifts', (t) => {
    if (!ready(t)) return;
    const drifted = new Map(decoderValues()).set('LAYOUT_WIM_PROVIDER_OVERLAY_ENTRY_WimIndex', 44);
    writeFileSync(join(dir, 'ts-values.h'), valuesHeader(drifted));
    const compiled = mingw(['-fsyntax-only', '-I', dir, 'header-check.c']);
    assert.equal(compiled.ok, false);
    assert.match(compiled.output, /offset of WIM_PROVIDER_OVERLAY_ENTRY\.WimIndex differs/u);
  });
});
