/**
 * The SDK values the win32 tests assert on, written out here (not imported
 * from the backend) so a wrong constant in the backend fails them.
 */
export const FSCTL_GET_EXTERNAL_BACKING = 0x90310;
export const FSCTL_ENUM_EXTERNAL_BACKING = 0x90318;
export const FSCTL_ENUM_OVERLAY = 0x9031f;
export const FSCTL_GET_WOF_VERSION = 0x90368;
export const READ_ONLY_CODES = [
  FSCTL_GET_EXTERNAL_BACKING,
  FSCTL_ENUM_EXTERNAL_BACKING,
  FSCTL_ENUM_OVERLAY,
  FSCTL_GET_WOF_VERSION,
];
export const FILE_MASK = 0x80 | 0x100000; // FILE_READ_ATTRIBUTES | SYNCHRONIZE
export const VOLUME_MASK = 0x80000000 + 0x100000; // GENERIC_READ | SYNCHRONIZE
