/** The SARIF 2.1.0 schema as a validator, for every test that writes SARIF (lint and runtime). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CJS; under nodenext its default import is module.exports, whose `default` is the plugin.
const addFormats = addFormatsModule.default;

const SCHEMA_FILE = fileURLToPath(new URL('../../../test/fixtures/sarif/sarif-2.1.0-rtm.5.json', import.meta.url));

/** The vendored draft-04 schema, adapted in memory for Ajv's draft-07 (see the fixture's README). */
export function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  const { id, $schema, ...rest } = schema;
  assert.equal($schema, 'http://json-schema.org/draft-04/schema#');
  // unicodeRegExp: false because one `pattern` of rtm.5 has a stray `]`, legal only without the u flag.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ $id: id as string, ...rest });
}
