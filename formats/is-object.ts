/** A JSON object (or any non-array object): what report, snapshot and option readers look inside. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
