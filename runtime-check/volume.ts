/** Drive names as the CLI and snapshots spell them: `C:`. */

/** `c`, `c:`, `C:\` → `C:`; null when it is not a drive. */
export function normalizeVolume(volume: string): string | null {
  const match = /^([A-Za-z])(?::[\\/]?)?$/u.exec(volume.trim());
  return match === null ? null : `${match[1]!.toUpperCase()}:`;
}
