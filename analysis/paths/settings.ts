import { Minimatch } from 'minimatch';
import type { DeviceManifest } from './device-snapshot.js';

/**
 * `settings.wimboot` from the user's ESLint config, validated once per settings
 * object. A bad value is one clear configuration error naming the setting.
 */
export interface WimbootSettings {
  /** Which built-in root set to start from. */
  readonly preset: 'default' | 'strict';
  /** Directory globs whose contents count as system files. */
  readonly roots: readonly CompiledGlob[];
  /** Path globs never reported. */
  readonly ignores: readonly CompiledGlob[];
  /** Path of a device snapshot (see docs/snapshot-format.md), relative to the working directory. */
  readonly snapshot: string | undefined;
  /**
   * `required` (set by the recommended-type-checked config): a file parsed
   * without a TypeScript program is a configuration error instead of being
   * linted with syntax alone. `auto`: use type information when it exists.
   */
  readonly typeInformation: 'auto' | 'required';
  /** The loaded `snapshot`, added per linted file by file-analysis.ts (it depends on cwd and mtime). */
  readonly device?: DeviceManifest;
}

export interface CompiledGlob {
  /** As the user wrote it, for messages. */
  readonly source: string;
  readonly matcher: Minimatch;
}

export const DEFAULT_ROOTS = ['C:\\Windows', 'C:\\Program Files', 'C:\\Program Files (x86)', 'C:\\Program Files (Arm)'];
export const STRICT_EXTRA_ROOTS = ['C:\\ProgramData', 'C:\\Users\\Default'];
/** Written by design by Windows and installers; files there are not part of the image. */
export const DEFAULT_IGNORES = ['C:\\Windows\\Temp\\**'];

/** The longest Windows path (UNICODE_STRING's limit, in characters). */
const MAX_GLOB_LENGTH = 32_767;

const KNOWN_KEYS = new Set([
  'preset',
  'systemRoots',
  'additionalSystemRoots',
  'ignorePaths',
  'snapshot',
  'typeInformation',
]);

export class SettingsError extends Error {
  constructor(message: string) {
    super(`eslint-plugin-wimboot: ${message}`);
    this.name = 'SettingsError';
  }
}

const cache = new WeakMap<object, WimbootSettings>();
let defaultSettings: WimbootSettings | undefined;

/** Parses `settings.wimboot` (cached per settings object: configs are immutable). */
export function readWimbootSettings(settings: Readonly<Record<string, unknown>> | undefined): WimbootSettings {
  const raw = settings?.wimboot;
  if (raw === undefined) {
    defaultSettings ??= parseSettings({});
    return defaultSettings;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SettingsError('settings.wimboot must be an object.');
  }
  let parsed = cache.get(raw);
  if (parsed === undefined) {
    parsed = parseSettings(raw as Record<string, unknown>);
    cache.set(raw, parsed);
  }
  return parsed;
}

function parseSettings(raw: Record<string, unknown>): WimbootSettings {
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new SettingsError(`unknown setting settings.wimboot.${key} (known: ${[...KNOWN_KEYS].join(', ')}).`);
    }
  }
  const preset = raw.preset ?? 'default';
  if (preset !== 'default' && preset !== 'strict') {
    throw new SettingsError(`settings.wimboot.preset must be "default" or "strict", got ${JSON.stringify(preset)}.`);
  }
  const baseRoots = preset === 'strict' ? [...DEFAULT_ROOTS, ...STRICT_EXTRA_ROOTS] : DEFAULT_ROOTS;
  const roots = raw.systemRoots === undefined ? baseRoots : globList(raw.systemRoots, 'systemRoots');
  const extraRoots =
    raw.additionalSystemRoots === undefined ? [] : globList(raw.additionalSystemRoots, 'additionalSystemRoots');
  const ignores = raw.ignorePaths === undefined ? [] : globList(raw.ignorePaths, 'ignorePaths');
  if (raw.snapshot !== undefined && (typeof raw.snapshot !== 'string' || raw.snapshot.trim() === '')) {
    throw new SettingsError(
      `settings.wimboot.snapshot must be a non-empty file path, got ${JSON.stringify(raw.snapshot)}.`,
    );
  }
  const typeInformation = raw.typeInformation ?? 'auto';
  if (typeInformation !== 'auto' && typeInformation !== 'required') {
    throw new SettingsError(
      `settings.wimboot.typeInformation must be "auto" or "required", got ${JSON.stringify(typeInformation)}.`,
    );
  }
  return {
    preset,
    roots: [
      ...roots.map((source, index) => compileGlob(source, 'root', `systemRoots[${index}]`)),
      ...extraRoots.map((source, index) => compileGlob(source, 'root', `additionalSystemRoots[${index}]`)),
    ],
    ignores: [
      ...DEFAULT_IGNORES.map((source) => compileGlob(source, 'path', 'ignorePaths')),
      ...ignores.map((source, index) => compileGlob(source, 'path', `ignorePaths[${index}]`)),
    ],
    snapshot: raw.snapshot as string | undefined,
    typeInformation,
  };
}

function globList(value: unknown, name: string): string[] {
  if (!Array.isArray(value)) {
    throw new SettingsError(`settings.wimboot.${name} must be an array of absolute Windows path globs.`);
  }
  return value.map((entry: unknown, index) => {
    if (typeof entry === 'string' && entry.length > MAX_GLOB_LENGTH) {
      // Checked first: minimatch would throw its own TypeError over 64 KiB, naming no setting.
      throw new SettingsError(
        `settings.wimboot.${name}[${index}] is ${entry.length} characters long: a glob longer than a Windows path can be (${MAX_GLOB_LENGTH}) cannot match anything.`,
      );
    }
    if (typeof entry !== 'string' || !isAbsoluteWindowsGlob(entry)) {
      throw new SettingsError(
        `settings.wimboot.${name}[${index}] ${JSON.stringify(entry)} is not an absolute Windows path glob (e.g. "C:\\\\MyApp\\\\**" or "D:/Games/**").`,
      );
    }
    return entry;
  });
}

function isAbsoluteWindowsGlob(glob: string): boolean {
  return /^(?:[a-z*?]:[\\/]|[\\/]{2}[^\\/]|\*\*[\\/])/iu.test(glob.trim());
}

/** Globs match forward-slash paths; a root also matches everything below it. `name` is the setting, index included. */
function compileGlob(source: string, kind: 'root' | 'path', name: string): CompiledGlob {
  let pattern = source.trim().replaceAll('\\', '/');
  let end = pattern.length;
  while (end > 0 && pattern[end - 1] === '/') {
    end -= 1;
  }
  pattern = pattern.slice(0, end);
  if (kind === 'root' && !pattern.endsWith('/**')) {
    pattern = `${pattern}{,/**}`;
  }
  let matcher: Minimatch | undefined;
  try {
    matcher = new Minimatch(pattern, {
      nocase: true,
      dot: true,
      windowsPathsNoEscape: true,
      nocomment: true,
      nonegate: true,
    });
  } catch {
    matcher = undefined;
  }
  if (matcher === undefined || matcher.makeRe() === false) {
    throw new SettingsError(`settings.wimboot.${name}: ${JSON.stringify(source)} is not a valid glob.`);
  }
  return { source, matcher };
}
