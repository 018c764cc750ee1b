/**
 * WOF constants from the Windows SDK (winioctl.h) that both backends decode:
 * the win32 backend in FSCTL_GET_EXTERNAL_BACKING output, the offline one in
 * the reparse data. Pinned to the SDK headers by test/wine/native/header-check.c.
 */
export const WOF_CURRENT_VERSION = 1;
export const WOF_PROVIDER_WIM = 1;
export const WOF_PROVIDER_FILE = 2;
/** FILE_PROVIDER_CURRENT_VERSION: the FILE provider structure version we can decode. */
export const FILE_PROVIDER_CURRENT_VERSION = 1;
