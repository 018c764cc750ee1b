/**
 * Field checks for snapshot entries. Each returns null when the value is fine,
 * or "field: expected X, got Y" for the reader to place in the file.
 */
import { KNOWN_ALGORITHMS } from '../backing.js';
import { isObject } from '../is-object.js';

const PROVIDERS = ['wim', 'file', 'unknown'];
/** A known algorithm, or `unknown-N` for a FILE_PROVIDER_COMPRESSION_* value this version does not know. */
const ALGORITHM = new RegExp(`^(?:${KNOWN_ALGORITHMS.join('|')}|unknown-(?:0|[1-9][0-9]{0,9}))$`, 'u');
const SOURCE_STATES = ['active', 'not-active', 'suspended', 'unknown'];
const VOLUME = /^[A-Za-z]:$/u;
// Win32 names hold none of U+0000-U+001F; a line break in a path would also split every one-line message.
const CONTROL_CHARACTER = /[\u0000-\u001f]/u;

export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing (the field is missing)';
  }
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    // JSON.parse reads 1e400 as Infinity, which JSON.stringify would print as null.
    return 'a number too large to represent';
  }
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function oneOf(field: string, value: unknown, allowed: readonly string[]): string | null {
  if (typeof value === 'string' && allowed.includes(value)) {
    return null;
  }
  return `${field}: expected one of ${allowed.map((v) => `"${v}"`).join(', ')}, got ${describeValue(value)}`;
}

function count(field: string, value: unknown, optional: boolean): string | null {
  if ((optional && value === undefined) || isCount(value)) {
    return null;
  }
  return `${field}: expected a non-negative integer${optional ? ' or no field' : ''}, got ${describeValue(value)}`;
}

function algorithm(field: string, value: unknown): string | null {
  if (value === undefined || (typeof value === 'string' && ALGORITHM.test(value))) {
    return null;
  }
  const names = KNOWN_ALGORITHMS.map((name) => `"${name}"`).join(', ');
  return `${field}: expected one of ${names} or "unknown-N", got ${describeValue(value)}`;
}

function text(field: string, value: unknown): string | null {
  return typeof value === 'string' && value.length > 0
    ? null
    : `${field}: expected a non-empty string, got ${describeValue(value)}`;
}

function windowsPath(field: string, value: unknown): string | null {
  return typeof value === 'string' && CONTROL_CHARACTER.test(value)
    ? `${field}: expected a Windows path, got ${describeValue(value)}: Windows names hold no control characters`
    : null;
}

export function checkFormat(value: unknown): string | null {
  return value === 'wimboot-snapshot' ? null : `format: expected "wimboot-snapshot", got ${describeValue(value)}`;
}

export function checkVersion(value: unknown): string | null {
  if (value === 1) {
    return null;
  }
  if (typeof value === 'number' && Number.isInteger(value) && value > 1) {
    return `version: expected 1 (this wimboot-check reads version 1 only), got ${value}: update wimboot-check`;
  }
  return `version: expected 1, got ${describeValue(value)}`;
}

export function checkTakenAt(value: unknown): string | null {
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return null;
  }
  return `takenAt: expected an ISO 8601 date-time string, got ${describeValue(value)}`;
}

export function checkHost(value: unknown): string | null {
  return typeof value === 'string' ? null : `host: expected a string, got ${describeValue(value)}`;
}

export function checkVolumeName(field: string, value: unknown): string | null {
  return typeof value === 'string' && VOLUME.test(value)
    ? null
    : `${field}: expected a drive such as "C:", got ${describeValue(value)}`;
}

/**
 * The fast check run on every file entry of a million-entry snapshot; only
 * when it fails is the message-building check below run.
 */
export function isWellFormedBackedFile(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const file = value as Record<string, unknown>;
  const { path, provider, providerId, wofVersion, providerVersion, dataSourceId, algorithm, size, sizeOnDisk } = file;
  return (
    typeof path === 'string' &&
    path.length > 0 &&
    !CONTROL_CHARACTER.test(path) &&
    (provider === 'wim' || provider === 'file' || provider === 'unknown') &&
    (providerId === undefined || isCount(providerId)) &&
    (wofVersion === undefined || isCount(wofVersion)) &&
    (providerVersion === undefined || isCount(providerVersion)) &&
    (dataSourceId === undefined || isCount(dataSourceId)) &&
    (algorithm === undefined || (typeof algorithm === 'string' && ALGORITHM.test(algorithm))) &&
    (size === undefined || isCount(size)) &&
    (sizeOnDisk === undefined || isCount(sizeOnDisk))
  );
}

export function checkBackedFileProblem(where: string, value: unknown): string | null {
  if (!isObject(value)) {
    return `${where}: expected a file object {"path", "provider", ...}, got ${describeValue(value)}`;
  }
  return (
    text(`${where}.path`, value.path) ??
    windowsPath(`${where}.path`, value.path) ??
    oneOf(`${where}.provider`, value.provider, PROVIDERS) ??
    count(`${where}.providerId`, value.providerId, true) ??
    count(`${where}.wofVersion`, value.wofVersion, true) ??
    count(`${where}.providerVersion`, value.providerVersion, true) ??
    count(`${where}.dataSourceId`, value.dataSourceId, true) ??
    algorithm(`${where}.algorithm`, value.algorithm) ??
    count(`${where}.size`, value.size, true) ??
    count(`${where}.sizeOnDisk`, value.sizeOnDisk, true)
  );
}

export function checkDataSourceProblem(where: string, value: unknown): string | null {
  if (!isObject(value)) {
    return `${where}: expected a data source object {"dataSourceId", "wimPath", ...}, got ${describeValue(value)}`;
  }
  return (
    count(`${where}.dataSourceId`, value.dataSourceId, false) ??
    oneOf(`${where}.provider`, value.provider, ['wim']) ??
    (typeof value.wimPath === 'string'
      ? null
      : `${where}.wimPath: expected a string, got ${describeValue(value.wimPath)}`) ??
    (typeof value.wimGuid === 'string'
      ? null
      : `${where}.wimGuid: expected a string, got ${describeValue(value.wimGuid)}`) ??
    count(`${where}.wimIndex`, value.wimIndex, false) ??
    count(`${where}.wimType`, value.wimType, false) ??
    oneOf(`${where}.state`, value.state, SOURCE_STATES)
  );
}
