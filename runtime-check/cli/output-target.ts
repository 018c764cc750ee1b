/**
 * Where a command may write (`snapshot -o`, `run --keep`): never over what
 * is not a regular file, never over one of its own inputs, never into the
 * `--offline` volume it audits. Checked before the device is opened, so a
 * refusal costs nothing; the writer checks the target again when it renames.
 */
import { realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { RefusedTargetError, refuseUnlessReplaceable } from '../snapshot/writer.js';

export interface OutputContext {
  /** Files the command reads, by the option that names them (`--report`). */
  readonly inputs: ReadonlyArray<{ readonly option: string; readonly path: string }>;
  /** `--offline MOUNTPOINT`, when given. */
  readonly offline?: string;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The real path of `path`, through its deepest existing ancestor (the rest need not exist yet). */
function realPathOf(path: string): { real: string; existing: string } {
  let existing = resolve(path);
  const rest: string[] = [];
  for (;;) {
    try {
      return { real: join(realpathSync(existing), ...rest), existing };
    } catch {
      const parent = dirname(existing);
      if (parent === existing) {
        return { real: join(existing, ...rest), existing };
      }
      rest.unshift(basename(existing));
      existing = parent;
    }
  }
}

/**
 * True when `path` is on the volume mounted at `mountPoint`: below it by real
 * path, or, when it is a mount root, on the same device (a bind mount or
 * another path to the same file system).
 */
function isInsideVolume(path: string, mountPoint: string): boolean {
  const root = statOrUndefined(mountPoint);
  if (root === undefined) {
    return false;
  }
  const realRoot = realpathSync(mountPoint);
  const { real, existing } = realPathOf(path);
  if (real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : `${realRoot}${sep}`)) {
    return true;
  }
  const parent = statOrUndefined(dirname(realRoot));
  const isMountRoot = parent !== undefined && parent.dev !== root.dev;
  return isMountRoot && statOrUndefined(existing)?.dev === root.dev;
}

function refuseInsideVolume(label: string, path: string, context: OutputContext): void {
  if (context.offline !== undefined && isInsideVolume(path, context.offline)) {
    throw new RefusedTargetError(
      `${label}: is inside the --offline volume ${context.offline}; wimboot-check never writes to the volume it reads`,
    );
  }
}

/** Throws RefusedTargetError unless `target` may be written (created, or a regular file replaced). */
export function checkOutputFile(label: string, target: string, context: OutputContext): void {
  refuseUnlessReplaceable(target);
  const existing = statOrUndefined(target);
  if (existing !== undefined) {
    for (const input of context.inputs) {
      const stats = statOrUndefined(input.path);
      if (stats !== undefined && stats.dev === existing.dev && stats.ino === existing.ino) {
        throw new RefusedTargetError(
          `${label}: is the same file as ${input.option} ${input.path}; no command overwrites its inputs`,
        );
      }
    }
  }
  refuseInsideVolume(label, target, context);
}

/** Throws RefusedTargetError unless `dir` is a directory (or absent) outside the offline volume. */
export function checkOutputDirectory(label: string, dir: string, context: OutputContext): void {
  const stats = statOrUndefined(dir);
  if (stats !== undefined && !stats.isDirectory()) {
    throw new RefusedTargetError(`${label}: exists and is not a directory`);
  }
  refuseInsideVolume(label, dir, context);
}
