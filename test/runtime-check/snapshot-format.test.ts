import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SnapshotFormatError } from '../../formats/snapshot/format-error.js';
import { readSnapshot, streamSnapshot } from '../../formats/snapshot/reader.js';
import { SnapshotWriter, writeSnapshot } from '../../runtime-check/snapshot/writer.js';
import { SOURCE_1, compressedFile, snapshotOf, tempDir, wimFile, writeText } from './helpers/temp.js';

const dir = tempDir();

const GOOD = `{"format":"wimboot-snapshot","version":1,"takenAt":"2026-11-21T05:00:00Z","host":"PC",
"volumes":[{"volume":"C:","sources":[],"files":[
{"path":"C:\\\\Windows\\\\notepad.exe","provider":"wim","dataSourceId":0,"size":10}
]}]}`;

/** Expects a rejection naming line:column and the expectation. */
function rejects(name: string, text: string, line: number, column: number, expected: RegExp): void {
  const file = writeText(dir, `${name}.json`, text);
  assert.throws(
    () => readSnapshot(file),
    (error: unknown) => {
      assert.ok(error instanceof SnapshotFormatError, `expected SnapshotFormatError, got ${String(error)}`);
      assert.ok(error.message.startsWith(`${file}:${line}:${column}: `), error.message);
      assert.match(error.message, expected);
      return true;
    },
  );
}

describe('snapshot format: reading', () => {
  it('reads a valid snapshot, keeping unknown fields', () => {
    const file = writeText(
      dir,
      'good-extra.json',
      GOOD.replace('"host":"PC"', '"host":"PC","futureField":{"a":[1,2]}').replace(
        '"size":10',
        '"size":10,"newHint":"x"',
      ),
    );
    const snapshot = readSnapshot(file);
    assert.equal(snapshot.host, 'PC');
    assert.deepEqual(snapshot.futureField, { a: [1, 2] });
    assert.deepEqual(snapshot.volumes[0]?.files, [
      { path: 'C:\\Windows\\notepad.exe', provider: 'wim', dataSourceId: 0, size: 10, newHint: 'x' },
    ]);
  });

  it('reads what a newer device reports: unknown providers, WOF versions, provider versions and algorithms', () => {
    const files = [
      { path: 'C:\\Users\\cloud.docx', provider: 'unknown', providerId: 3, size: 7, sizeOnDisk: 0 },
      { path: 'C:\\Windows\\a.dll', provider: 'file', algorithm: 'unknown-4', size: 9, sizeOnDisk: 4 },
      { path: 'C:\\Windows\\b.dll', provider: 'unknown', providerId: 1, wofVersion: 2 },
      { path: 'C:\\Windows\\c.dll', provider: 'wim', providerVersion: 3 },
    ];
    const file = writeText(dir, 'unknowns.json', JSON.stringify(snapshotOf(files as never)));
    assert.deepEqual(readSnapshot(file).volumes[0]?.files, files);
  });

  it('accepts any key order, e.g. files before volume and header after volumes', () => {
    const file = writeText(
      dir,
      'reordered.json',
      '{"volumes":[{"files":[{"provider":"file","path":"C:\\\\a","algorithm":"LZX"}],"volume":"D:","sources":[]}],' +
        '"host":"h","takenAt":"2026-01-01T00:00:00Z","version":1,"format":"wimboot-snapshot"}',
    );
    const snapshot = readSnapshot(file);
    assert.equal(snapshot.volumes[0]?.volume, 'D:');
    assert.equal(snapshot.volumes[0]?.files[0]?.algorithm, 'LZX');
  });

  it('streams files across chunk boundaries', () => {
    const files = Array.from({ length: 5000 }, (_, i) => wimFile(`C:\\Windows\\WinSxS\\f${i}-é.dll`, i));
    const file = join(dir, 'big.json');
    return writeSnapshot(file, snapshotOf(files)).then(() => {
      const seen: string[] = [];
      const streamed = streamSnapshot(file, (entry) => seen.push(entry.path));
      assert.equal(streamed.fileCount, 5000);
      assert.equal(seen[4999], 'C:\\Windows\\WinSxS\\f4999-é.dll');
      assert.deepEqual(streamed.volumes[0]?.sources, [SOURCE_1]);
    });
  });

  it('rejects an empty file', () =>
    rejects('empty', '', 1, 1, /expected '\{' \(start of the snapshot.*got end of file/u));
  it('rejects something that is not JSON', () =>
    rejects('text', 'hello', 1, 1, /expected '\{' \(start of the snapshot.*got 'h'/u));
  it('rejects a truncated file', () =>
    rejects(
      'truncated',
      GOOD.slice(0, GOOD.length - 5),
      3,
      80,
      /expected ',' or '\]' after volumes\[0\]\.files\[0\], got end of file/u,
    ));
  it('rejects a wrong format name', () =>
    rejects(
      'format',
      GOOD.replace('"wimboot-snapshot"', '"other"'),
      1,
      11,
      /format: expected "wimboot-snapshot", got "other"/u,
    ));
  it('rejects a newer version with a hint', () =>
    rejects(
      'version',
      GOOD.replace('"version":1', '"version":2'),
      1,
      40,
      /version: expected 1 .*got 2: update wimboot-check/u,
    ));
  it('rejects a missing host', () =>
    rejects('host', GOOD.replace('"host":"PC",', ''), 1, 1, /host: expected a string, got nothing/u));
  it('rejects a bad takenAt', () =>
    rejects('taken', GOOD.replace('2026-11-21T05:00:00Z', 'yesterday'), 1, 52, /takenAt: expected an ISO 8601/u));
  it('rejects volumes that are not an array', () =>
    rejects(
      'volumes',
      GOOD.replace(/"volumes":\[.*\]\}$/su, '"volumes":{}}'),
      2,
      11,
      /volumes: expected an array of volumes, got an object/u,
    ));
  it('rejects a bad drive', () =>
    rejects('drive', GOOD.replace('"volume":"C:"', '"volume":"C"'), 2, 22, /volumes\[0\]\.volume: expected a drive/u));
  it('rejects a file without a path', () =>
    rejects(
      'nopath',
      GOOD.replace('"path":"C:\\\\Windows\\\\notepad.exe",', ''),
      3,
      1,
      /volumes\[0\]\.files\[0\]\.path: expected a non-empty string, got nothing/u,
    ));
  it('rejects an unknown provider', () =>
    rejects(
      'provider',
      GOOD.replace('"provider":"wim"', '"provider":"cloud"'),
      3,
      1,
      /files\[0\]\.provider: expected one of "wim", "file", "unknown", got "cloud"/u,
    ));
  it('rejects an unknown provider without a valid number', () =>
    rejects(
      'provider-id',
      GOOD.replace('"provider":"wim"', '"provider":"unknown","providerId":-3'),
      3,
      1,
      /files\[0\]\.providerId: expected a non-negative integer or no field, got -3/u,
    ));
  it('rejects a malformed unknown algorithm', () => {
    for (const [name, value] of [
      ['alg-unknown-empty', 'unknown-'],
      ['alg-unknown-sign', 'unknown--4'],
      ['alg-unknown-zero', 'unknown-04'],
      ['alg-unknown-case', 'UNKNOWN-4'],
    ] as const) {
      rejects(
        name,
        GOOD.replace('"dataSourceId":0', `"algorithm":"${value}"`),
        3,
        1,
        /files\[0\]\.algorithm: expected one of "XPRESS4K", "LZX", "XPRESS8K", "XPRESS16K" or "unknown-N"/u,
      );
    }
  });
  it('rejects a negative size', () =>
    rejects(
      'size',
      GOOD.replace('"size":10', '"size":-1'),
      3,
      1,
      /files\[0\]\.size: expected a non-negative integer/u,
    ));
  it('rejects an unknown algorithm', () =>
    rejects(
      'alg',
      GOOD.replace('"dataSourceId":0', '"algorithm":"ZIP"'),
      3,
      1,
      /files\[0\]\.algorithm: expected one of "XPRESS4K"/u,
    ));
  it('rejects a malformed source', () =>
    rejects(
      'source',
      GOOD.replace('"sources":[]', '"sources":[{"dataSourceId":1}]'),
      2,
      38,
      /sources\[0\]\.provider: expected one of "wim", got nothing/u,
    ));
  it('rejects a missing comma with the exact position', () =>
    rejects(
      'comma',
      GOOD.replace('"version":1,', '"version":1 '),
      1,
      42,
      /expected ',' or '\}' after property "version", got '"'/u,
    ));
  it('rejects an invalid literal inside a file entry', () =>
    rejects('literal', GOOD.replace('"size":10', '"size":tru'), 3, 1, /expected a valid JSON value/u));
  it('rejects a string broken by a line break', () =>
    rejects(
      'newline',
      GOOD.replace('"host":"PC"', '"host":"P\nC"'),
      1,
      84,
      /closing '"' of a string, got a line break/u,
    ));
  it('rejects trailing garbage', () => rejects('trailing', `${GOOD}\nxyz`, 5, 1, /expected end of file/u));
  it('rejects a missing files array', () =>
    rejects(
      'nofiles',
      GOOD.replace(/,"files":\[.*\]\}\]\}$/su, '}]}'),
      2,
      12,
      /volumes\[0\]\.files: expected an array, got nothing/u,
    ));
});

describe('snapshot format: writing', () => {
  it('round-trips through the atomic writer and leaves no temp file', async () => {
    const target = join(dir, 'roundtrip', 'snap.json');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'roundtrip')));
    const snapshot = snapshotOf([wimFile('C:\\a.exe', 5), compressedFile('C:\\b.dll', 100)]);
    await writeSnapshot(target, snapshot);
    assert.deepEqual(readSnapshot(target), snapshot);
    assert.deepEqual(readdirSync(join(dir, 'roundtrip')), ['snap.json']);
    // One file entry per line, so snapshots stay greppable.
    assert.equal(
      readFileSync(target, 'utf8')
        .split('\n')
        .filter((line) => line.includes('"path"')).length,
      2,
    );
  });

  it('names the target, not the temporary file, when it cannot be created', async () => {
    const target = join(dir, 'no-such-folder', 'snap.json');
    await assert.rejects(
      writeSnapshot(target, snapshotOf([])),
      (error: NodeJS.ErrnoException) => error.code === 'ENOENT' && error.path === target,
    );
  });

  it('leaves an existing target untouched when aborted', async () => {
    const target = writeText(dir, 'keep.json', 'old content');
    const writer = await SnapshotWriter.create(target, { takenAt: '2026-01-01T00:00:00Z', host: 'h' });
    await writer.beginVolume('C:', []);
    await writer.addFile(wimFile('C:\\x', 1));
    await writer.abort();
    assert.equal(readFileSync(target, 'utf8'), 'old content');
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.includes('keep.json')),
      ['keep.json'],
    );
  });
});

describe('snapshot format: the JSON Schema and the reader agree', () => {
  interface SchemaObject {
    required?: string[];
    properties: Record<string, { enum?: string[]; pattern?: string }>;
  }
  const schema = JSON.parse(
    readFileSync(new URL('../../../docs/snapshot.schema.json', import.meta.url), 'utf8'),
  ) as SchemaObject & {
    $defs: Record<string, SchemaObject>;
  };
  const full = (): Record<string, unknown> => ({
    format: 'wimboot-snapshot',
    version: 1,
    takenAt: '2026-11-21T05:00:00Z',
    host: 'PC',
    backend: 'win32',
    volumes: [
      {
        volume: 'C:',
        info: {
          volume: 'C:',
          fileProviderAttached: true,
          wimProviderAttached: true,
          fileProviderVersion: '1.0.1',
          wimProviderVersion: '1.0.1',
        },
        sources: [{ ...SOURCE_1, wimPartition: 'gpt:{X}' }],
        files: [{ path: 'C:\\a', provider: 'wim', dataSourceId: 1, algorithm: 'LZX', size: 1, sizeOnDisk: 0 }],
      },
    ],
  });
  type Level = 'top' | 'volume' | 'dataSource' | 'backedFile';
  const objectAt = (snapshot: Record<string, unknown>, level: Level): Record<string, unknown> => {
    const volume = (snapshot.volumes as Array<Record<string, unknown>>)[0]!;
    return level === 'top'
      ? snapshot
      : level === 'volume'
        ? volume
        : level === 'dataSource'
          ? (volume.sources as Array<Record<string, unknown>>)[0]!
          : (volume.files as Array<Record<string, unknown>>)[0]!;
  };
  const accepted = (snapshot: Record<string, unknown>, name: string): boolean => {
    const file = writeText(dir, `schema-${name}.json`, JSON.stringify(snapshot));
    try {
      readSnapshot(file);
      return true;
    } catch (error) {
      assert.ok(error instanceof SnapshotFormatError, String(error));
      return false;
    }
  };

  for (const level of ['top', 'volume', 'dataSource', 'backedFile'] as const) {
    const definition = level === 'top' ? schema : schema.$defs[level]!;
    it(`${level}: a field is rejected when missing exactly if the schema requires it`, () => {
      assert.ok(accepted(full(), `${level}-full`));
      for (const field of Object.keys(definition.properties)) {
        const snapshot = full();
        delete objectAt(snapshot, level)[field];
        assert.equal(
          accepted(snapshot, `${level}-${field}`),
          !(definition.required ?? []).includes(field),
          `${level}.${field}`,
        );
      }
    });
    for (const [field, property] of Object.entries(definition.properties).filter(([, p]) => p.pattern !== undefined)) {
      it(`${level}.${field}: the reader accepts exactly what the schema's pattern accepts`, () => {
        const pattern = new RegExp(property.pattern!, 'u');
        const samples = ['XPRESS4K', 'LZX', 'unknown-4', 'unknown-0', 'unknown-4294967295', 'unknown-', 'unknown-04'];
        for (const value of [...samples, 'unknown--1', 'ZIP', 'xpress4k', 'unknown-12345678901', 'LZX ']) {
          const snapshot = full();
          objectAt(snapshot, level)[field] = value;
          assert.equal(accepted(snapshot, `${level}-${field}-pattern`), pattern.test(value), value);
        }
      });
    }
    for (const [field, property] of Object.entries(definition.properties).filter(([, p]) => p.enum !== undefined)) {
      it(`${level}.${field}: accepts every value of the schema's enum and nothing else`, () => {
        for (const value of property.enum!) {
          const snapshot = full();
          objectAt(snapshot, level)[field] = value;
          assert.ok(accepted(snapshot, `${level}-${field}-${value}`), value);
        }
        const snapshot = full();
        objectAt(snapshot, level)[field] = 'something-else';
        assert.equal(accepted(snapshot, `${level}-${field}-bad`), false);
      });
    }
  }
});
