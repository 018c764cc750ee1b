/**
 * Environment variables that name Windows system locations, with the value they
 * have on a typical 64-bit Windows install (64-bit process). Findings render
 * them with these values so the runtime check can match them against a device.
 * Names are case-insensitive on Windows, so lookups fold case.
 */
const TYPICAL_VALUES: ReadonlyMap<string, string> = new Map([
  ['systemroot', 'C:\\Windows'],
  ['windir', 'C:\\Windows'],
  ['systemdrive', 'C:'],
  ['programfiles', 'C:\\Program Files'],
  ['programw6432', 'C:\\Program Files'],
  ['programfiles(x86)', 'C:\\Program Files (x86)'],
  ['programfiles(arm)', 'C:\\Program Files (Arm)'],
  ['commonprogramfiles', 'C:\\Program Files\\Common Files'],
  ['commonprogramw6432', 'C:\\Program Files\\Common Files'],
  ['commonprogramfiles(x86)', 'C:\\Program Files (x86)\\Common Files'],
  ['programdata', 'C:\\ProgramData'],
  ['allusersprofile', 'C:\\ProgramData'],
  ['comspec', 'C:\\Windows\\System32\\cmd.exe'],
  ['driverdata', 'C:\\Windows\\System32\\Drivers\\DriverData'],
]);

/** Typical value of a system-location variable, or undefined for any other variable. */
export function typicalEnvValue(name: string): string | undefined {
  return TYPICAL_VALUES.get(name.toLowerCase());
}

/** True when the variable's typical value is an absolute path (not just `C:`). */
export function isAbsoluteEnvRoot(name: string): boolean {
  const value = typicalEnvValue(name);
  return value !== undefined && value.length > 2;
}
