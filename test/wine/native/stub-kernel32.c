/*
 * A stand-in kernel32 for the Wine tests (test/runtime-check/win32-stub-wine.test.ts).
 *
 * The win32 backend binds nine kernel32 functions by name; under Wine, with
 * this DLL named instead of kernel32.dll, the real Windows node.exe and the
 * real koffi call these. They answer the four read-only WOF control codes,
 * OpenFileById, GetCompressedFileSizeW and (for fixture files) the final
 * path name from a fixture describing a WIMBoot + CompactOS volume, refuse
 * (and log) every other control code, and forward everything else to the
 * real kernel32, so the fixture's files are real files whose handles and
 * sizes come from Wine.
 *
 * Every output structure is a C struct from wof-sdk.h (the SDK definitions),
 * filled field by field: the compiler, not the decoders under test, decides
 * the layout. Every call is appended to the log named by WIMBOOT_STUB_LOG,
 * one tab-separated line each, for the test to check access masks, codes and
 * handle balance. This encodes our reading of the documentation, not wof.sys.
 *
 * Fixture (WIMBOOT_STUB_FIXTURE, UTF-8, tab-separated, reread whenever the
 * volume is opened with no file handle open):
 *   version <wim|file> <hex WofVersion or - for "not attached">
 *   source <id> <flags> <type> <index> <guid: 32 hex digits, memory order> <wim path>
 *   file <id: 32 hex digits or -> <OpenFileById error or 0> <size on disk or -> <backing> <path>
 * backing: none (342) | wim:<wofver>:<ver>:<source id>:<flags>:<40 hex hash>
 *        | file:<wofver>:<ver>:<algorithm>:<flags> | provider:<number>:<payload bytes>
 */
#define __USE_MINGW_ANSI_STDIO 1 /* C99 printf/scanf (%lld, %llu) whatever msvcrt Wine has */
#include "wof-sdk.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_HANDLES 256
#define MAX_FILES 64
#define MAX_SOURCES 16
#define MAX_LINE 65536

typedef enum { BACKING_NONE, BACKING_WIM, BACKING_FILE, BACKING_PROVIDER } BackingKind;

typedef struct {
  int hasId;
  BYTE id[16];
  DWORD openError;
  int hasOnDisk;
  ULONGLONG onDisk;
  BackingKind kind;
  DWORD wofVersion;
  DWORD version;
  LONGLONG dataSourceId;
  DWORD flags;
  DWORD algorithm;
  DWORD provider;
  DWORD payload;
  BYTE hash[WIM_PROVIDER_HASH_SIZE];
  WCHAR *path;
} FixtureFile;

typedef struct {
  LONGLONG id;
  DWORD flags, type, index;
  BYTE guid[16];
  WCHAR *path;
} FixtureSource;

static struct {
  int loaded;
  int wimAttached, fileAttached;
  DWORD wimVersion, fileVersion;
  FixtureSource sources[MAX_SOURCES];
  int sourceCount;
  FixtureFile files[MAX_FILES];
  int fileCount;
} fixture;

typedef struct {
  HANDLE handle;
  int volume;
  int file; /* fixture index, -1 when the path is not in the fixture */
  int cursor;
} Tracked;

static Tracked tracked[MAX_HANDLES];
static int trackedCount;

/* ---- log ---- */

static void logLine(const char *format, ...) {
  static FILE *log;
  if (log == NULL) {
    WCHAR path[MAX_PATH * 4];
    if (GetEnvironmentVariableW(L"WIMBOOT_STUB_LOG", path, MAX_PATH * 4) == 0) return;
    log = _wfopen(path, L"ab");
    if (log == NULL) return;
  }
  va_list args;
  va_start(args, format);
  vfprintf(log, format, args);
  va_end(args);
  fputc('\n', log);
  fflush(log);
}

/* A wide path as UTF-8 for the log. */
static const char *utf8(const WCHAR *text) {
  static char buffer[4][MAX_LINE];
  static int next;
  char *out = buffer[next++ % 4];
  if (text == NULL) return "-";
  if (WideCharToMultiByte(CP_UTF8, 0, text, -1, out, MAX_LINE, NULL, NULL) == 0) strcpy(out, "?");
  return out;
}

static const char *hexId(const BYTE *id) {
  static char out[33];
  for (int i = 0; i < 16; i++) sprintf(out + 2 * i, "%02x", id[i]);
  return out;
}

/* ---- fixture ---- */

static WCHAR *wide(const char *text) {
  int length = MultiByteToWideChar(CP_UTF8, 0, text, -1, NULL, 0);
  WCHAR *out = calloc(length > 0 ? length : 1, sizeof(WCHAR));
  if (length > 0) MultiByteToWideChar(CP_UTF8, 0, text, -1, out, length);
  return out;
}

static void hexBytes(const char *text, BYTE *out, int count) {
  for (int i = 0; i < count; i++) {
    unsigned value = 0;
    sscanf(text + 2 * i, "%2x", &value);
    out[i] = (BYTE)value;
  }
}

static void freeFixture(void) {
  for (int i = 0; i < fixture.sourceCount; i++) free(fixture.sources[i].path);
  for (int i = 0; i < fixture.fileCount; i++) free(fixture.files[i].path);
  memset(&fixture, 0, sizeof fixture);
}

/* Splits `line` on tabs in place; returns the field count. */
static int fields(char *line, char **out, int max) {
  int count = 0;
  char *at = line;
  while (count < max) {
    out[count++] = at;
    char *tab = strchr(at, '\t');
    if (tab == NULL) break;
    *tab = '\0';
    at = tab + 1;
  }
  return count;
}

static void parseBacking(FixtureFile *file, char *text) {
  if (strncmp(text, "wim:", 4) == 0) {
    char hash[64] = "";
    file->kind = BACKING_WIM;
    sscanf(text + 4, "%lu:%lu:%lld:%lu:%63s", &file->wofVersion, &file->version, &file->dataSourceId, &file->flags,
           hash);
    hexBytes(hash, file->hash, WIM_PROVIDER_HASH_SIZE);
  } else if (strncmp(text, "file:", 5) == 0) {
    file->kind = BACKING_FILE;
    sscanf(text + 5, "%lu:%lu:%lu:%lu", &file->wofVersion, &file->version, &file->algorithm, &file->flags);
  } else if (strncmp(text, "provider:", 9) == 0) {
    file->kind = BACKING_PROVIDER;
    file->wofVersion = WOF_CURRENT_VERSION;
    sscanf(text + 9, "%lu:%lu", &file->provider, &file->payload);
  } else {
    file->kind = BACKING_NONE;
  }
}

static void loadFixture(void) {
  WCHAR path[MAX_PATH * 4];
  freeFixture();
  fixture.loaded = 1;
  if (GetEnvironmentVariableW(L"WIMBOOT_STUB_FIXTURE", path, MAX_PATH * 4) == 0) return;
  FILE *in = _wfopen(path, L"rb");
  if (in == NULL) {
    logLine("FIXTURE\tcannot open\t%s", utf8(path));
    return;
  }
  static char line[MAX_LINE];
  while (fgets(line, sizeof line, in) != NULL) {
    line[strcspn(line, "\r\n")] = '\0';
    char *f[8];
    int n = fields(line, f, 8);
    if (n == 3 && strcmp(f[0], "version") == 0) {
      int attached = strcmp(f[2], "-") != 0;
      DWORD version = attached ? strtoul(f[2], NULL, 16) : 0;
      if (strcmp(f[1], "wim") == 0) {
        fixture.wimAttached = attached;
        fixture.wimVersion = version;
      } else {
        fixture.fileAttached = attached;
        fixture.fileVersion = version;
      }
    } else if (n == 7 && strcmp(f[0], "source") == 0 && fixture.sourceCount < MAX_SOURCES) {
      FixtureSource *source = &fixture.sources[fixture.sourceCount++];
      source->id = _strtoi64(f[1], NULL, 10);
      source->flags = strtoul(f[2], NULL, 10);
      source->type = strtoul(f[3], NULL, 10);
      source->index = strtoul(f[4], NULL, 10);
      hexBytes(f[5], source->guid, 16);
      source->path = wide(f[6]);
    } else if (n == 6 && strcmp(f[0], "file") == 0 && fixture.fileCount < MAX_FILES) {
      FixtureFile *file = &fixture.files[fixture.fileCount++];
      file->hasId = strcmp(f[1], "-") != 0;
      if (file->hasId) hexBytes(f[1], file->id, 16);
      file->openError = strtoul(f[2], NULL, 10);
      file->hasOnDisk = strcmp(f[3], "-") != 0;
      if (file->hasOnDisk) file->onDisk = _strtoui64(f[3], NULL, 10);
      parseBacking(file, f[4]);
      file->path = wide(f[5]);
    } else if (n > 1) {
      logLine("FIXTURE\tunreadable line\t%s", f[0]);
    }
  }
  fclose(in);
}

static const WCHAR *withoutPrefix(const WCHAR *path) {
  return wcsncmp(path, L"\\\\?\\", 4) == 0 ? path + 4 : path;
}

static int fixtureFileByPath(const WCHAR *path) {
  const WCHAR *plain = withoutPrefix(path);
  for (int i = 0; i < fixture.fileCount; i++) {
    if (CompareStringOrdinal(plain, -1, fixture.files[i].path, -1, TRUE) == CSTR_EQUAL) return i;
  }
  return -1;
}

/* ---- handles ---- */

static Tracked *trackedOf(HANDLE handle) {
  for (int i = 0; i < trackedCount; i++) {
    if (tracked[i].handle == handle) return &tracked[i];
  }
  return NULL;
}

static void track(HANDLE handle, int volume, int file) {
  if (trackedCount < MAX_HANDLES) tracked[trackedCount++] = (Tracked){handle, volume, file, 0};
}

static void untrack(HANDLE handle) {
  for (int i = 0; i < trackedCount; i++) {
    if (tracked[i].handle == handle) {
      tracked[i] = tracked[--trackedCount];
      return;
    }
  }
}

static int openFileHandles(void) {
  int count = 0;
  for (int i = 0; i < trackedCount; i++) count += !tracked[i].volume;
  return count;
}

/* `\\.\C:` or `\\?\Volume{...}` without a trailing backslash. */
static int isVolumePath(const WCHAR *path) {
  if (wcsncmp(path, L"\\\\.\\", 4) != 0 && wcsncmp(path, L"\\\\?\\", 4) != 0) return 0;
  const WCHAR *rest = path + 4;
  return (wcslen(rest) == 2 && rest[1] == L':') || wcsncmp(rest, L"Volume{", 7) == 0;
}

/* ---- the exported functions ---- */

HANDLE WINAPI Stub_CreateFileW(LPCWSTR path, DWORD access, DWORD share, LPSECURITY_ATTRIBUTES security,
                               DWORD disposition, DWORD flags, HANDLE templateFile) {
  int volume = isVolumePath(path);
  if (volume && openFileHandles() == 0) loadFixture();
  if (!fixture.loaded) loadFixture();
  HANDLE handle = CreateFileW(path, access, share, security, disposition, flags, templateFile);
  DWORD error = handle == INVALID_HANDLE_VALUE ? GetLastError() : 0;
  if (handle != INVALID_HANDLE_VALUE) track(handle, volume, volume ? -1 : fixtureFileByPath(path));
  logLine("CreateFileW\t%p\t0x%08lx\t%lu\t%lu\t0x%08lx\t%lu\t%s", handle, access, share, disposition, flags, error,
          utf8(path));
  SetLastError(error);
  return handle;
}

HANDLE WINAPI Stub_OpenFileById(HANDLE hint, LPFILE_ID_DESCRIPTOR descriptor, DWORD access, DWORD share,
                                LPSECURITY_ATTRIBUTES security, DWORD flags) {
  HANDLE handle = INVALID_HANDLE_VALUE;
  DWORD error = 0;
  Tracked *volume = trackedOf(hint);
  const char *id = descriptor == NULL ? "-" : hexId(descriptor->ExtendedFileId.Identifier);
  if (volume == NULL || !volume->volume) {
    error = ERROR_INVALID_HANDLE;
  } else if (descriptor == NULL || descriptor->dwSize != sizeof(FILE_ID_DESCRIPTOR) ||
             descriptor->Type != ExtendedFileIdType) {
    error = ERROR_INVALID_PARAMETER;
  } else {
    int found = -1;
    for (int i = 0; i < fixture.fileCount && found < 0; i++) {
      if (fixture.files[i].hasId && memcmp(fixture.files[i].id, descriptor->ExtendedFileId.Identifier, 16) == 0)
        found = i;
    }
    if (found < 0) {
      error = ERROR_FILE_NOT_FOUND;
    } else if (fixture.files[found].openError != 0) {
      error = fixture.files[found].openError;
    } else {
      size_t length = wcslen(fixture.files[found].path) + 5;
      WCHAR *full = calloc(length, sizeof(WCHAR));
      wcscpy(full, L"\\\\?\\");
      wcscat(full, fixture.files[found].path);
      handle = CreateFileW(full, access, share, security, OPEN_EXISTING, flags, NULL);
      error = handle == INVALID_HANDLE_VALUE ? GetLastError() : 0;
      free(full);
      if (handle != INVALID_HANDLE_VALUE) track(handle, 0, found);
    }
  }
  logLine("OpenFileById\t%p\t0x%08lx\t%lu\t0x%08lx\t%lu\t%s\t%p", handle, access, share, flags, error, id, hint);
  SetLastError(error);
  return handle;
}

static DWORD answerOverlay(LPVOID in, DWORD inSize, BYTE *out, DWORD outSize, DWORD *bytes) {
  const WOF_EXTERNAL_INFO *info = in;
  if (inSize < sizeof *info || info->Version != WOF_CURRENT_VERSION || info->Provider != WOF_PROVIDER_WIM)
    return ERROR_INVALID_PARAMETER;
  if (!fixture.wimAttached) return ERROR_INVALID_FUNCTION;
  DWORD total = 0;
  for (int i = 0; i < fixture.sourceCount; i++) {
    DWORD name = (DWORD)((wcslen(fixture.sources[i].path) + 1) * sizeof(WCHAR));
    total += (sizeof(WIM_PROVIDER_OVERLAY_ENTRY) + name + 7) & ~7u;
  }
  if (total > outSize) return ERROR_INSUFFICIENT_BUFFER;
  memset(out, 0, total);
  DWORD at = 0;
  for (int i = 0; i < fixture.sourceCount; i++) {
    const FixtureSource *source = &fixture.sources[i];
    DWORD name = (DWORD)((wcslen(source->path) + 1) * sizeof(WCHAR));
    DWORD size = (sizeof(WIM_PROVIDER_OVERLAY_ENTRY) + name + 7) & ~7u;
    WIM_PROVIDER_OVERLAY_ENTRY entry;
    memset(&entry, 0, sizeof entry);
    entry.NextEntryOffset = i == fixture.sourceCount - 1 ? 0 : size;
    entry.DataSourceId.QuadPart = source->id;
    memcpy(&entry.WimGuid, source->guid, sizeof entry.WimGuid);
    entry.WimFileNameOffset = sizeof entry;
    entry.WimType = source->type;
    entry.WimIndex = source->index;
    entry.Flags = source->flags;
    memcpy(out + at, &entry, sizeof entry);
    memcpy(out + at + sizeof entry, source->path, name);
    at += size;
  }
  *bytes = total;
  return 0;
}

/* Copies one whole answer, or ERROR_INSUFFICIENT_BUFFER (nothing copied) when it does not fit. */
static DWORD reply(const void *answer, DWORD size, BYTE *out, DWORD outSize, DWORD *bytes) {
  if (outSize < size) return ERROR_INSUFFICIENT_BUFFER;
  memcpy(out, answer, size);
  *bytes = size;
  return 0;
}

static DWORD answerBacking(const Tracked *file, BYTE *out, DWORD outSize, DWORD *bytes) {
  if (file->volume) return ERROR_INVALID_PARAMETER;
  const FixtureFile *entry = file->file < 0 ? NULL : &fixture.files[file->file];
  if (entry == NULL || entry->kind == BACKING_NONE) return ERROR_OBJECT_NOT_EXTERNALLY_BACKED;
  if (entry->kind == BACKING_WIM) {
    struct {
      WOF_EXTERNAL_INFO wof;
      WIM_PROVIDER_EXTERNAL_INFO wim;
    } answer;
    memset(&answer, 0, sizeof answer);
    answer.wof.Version = entry->wofVersion;
    answer.wof.Provider = WOF_PROVIDER_WIM;
    answer.wim.Version = entry->version;
    answer.wim.Flags = entry->flags;
    answer.wim.DataSourceId.QuadPart = entry->dataSourceId;
    memcpy(answer.wim.ResourceHash, entry->hash, WIM_PROVIDER_HASH_SIZE);
    return reply(&answer, sizeof answer, out, outSize, bytes);
  }
  if (entry->kind == BACKING_FILE) {
    struct {
      WOF_EXTERNAL_INFO wof;
      FILE_PROVIDER_EXTERNAL_INFO_V1 file;
    } answer;
    memset(&answer, 0, sizeof answer);
    answer.wof.Version = entry->wofVersion;
    answer.wof.Provider = WOF_PROVIDER_FILE;
    answer.file.Version = entry->version;
    answer.file.Algorithm = entry->algorithm;
    answer.file.Flags = entry->flags;
    return reply(&answer, sizeof answer, out, outSize, bytes);
  }
  /* A provider we do not describe: its header, then opaque bytes. */
  DWORD size = sizeof(WOF_EXTERNAL_INFO) + entry->payload;
  if (outSize < size) return ERROR_INSUFFICIENT_BUFFER;
  WOF_EXTERNAL_INFO wof = {entry->wofVersion, entry->provider};
  memcpy(out, &wof, sizeof wof);
  memset(out + sizeof wof, 0xcd, entry->payload);
  *bytes = size;
  return 0;
}

BOOL WINAPI Stub_DeviceIoControl(HANDLE handle, DWORD code, LPVOID in, DWORD inSize, LPVOID out, DWORD outSize,
                                 LPDWORD bytesReturned, LPOVERLAPPED overlapped) {
  DWORD error = 0;
  DWORD bytes = 0;
  Tracked *target = trackedOf(handle);
  int allowed = code == FSCTL_GET_EXTERNAL_BACKING || code == FSCTL_ENUM_EXTERNAL_BACKING ||
                code == FSCTL_ENUM_OVERLAY || code == FSCTL_GET_WOF_VERSION;
  if (!allowed) {
    logLine("REFUSED\tDeviceIoControl\t%p\t0x%08lx", handle, code);
    error = ERROR_ACCESS_DENIED;
  } else if (target == NULL) {
    error = ERROR_INVALID_HANDLE;
  } else if (overlapped != NULL || bytesReturned == NULL) {
    error = ERROR_INVALID_PARAMETER;
  } else if (code == FSCTL_GET_WOF_VERSION) {
    const WOF_EXTERNAL_INFO *info = in;
    if (inSize < sizeof *info || info->Version != WOF_CURRENT_VERSION) {
      error = ERROR_INVALID_PARAMETER;
    } else {
      int wim = info->Provider == WOF_PROVIDER_WIM;
      int attached = wim ? fixture.wimAttached : info->Provider == WOF_PROVIDER_FILE && fixture.fileAttached;
      WOF_VERSION_INFO version = {wim ? fixture.wimVersion : fixture.fileVersion};
      if (!attached) {
        error = ERROR_INVALID_FUNCTION;
      } else if (outSize < sizeof version) {
        error = ERROR_INSUFFICIENT_BUFFER;
      } else {
        memcpy(out, &version, sizeof version);
        bytes = sizeof version;
      }
    }
  } else if (code == FSCTL_ENUM_OVERLAY) {
    error = target->volume ? answerOverlay(in, inSize, out, outSize, &bytes) : ERROR_INVALID_PARAMETER;
  } else if (code == FSCTL_ENUM_EXTERNAL_BACKING) {
    int next = -1;
    if (!target->volume) {
      error = ERROR_INVALID_PARAMETER;
    } else if (outSize < sizeof(WOF_EXTERNAL_FILE_ID)) {
      error = ERROR_INSUFFICIENT_BUFFER;
    } else {
      for (int i = target->cursor; i < fixture.fileCount && next < 0; i++) {
        if (fixture.files[i].hasId) next = i;
      }
      if (next < 0) {
        error = ERROR_NO_MORE_FILES;
        target->cursor = fixture.fileCount;
      } else {
        WOF_EXTERNAL_FILE_ID id;
        memcpy(id.FileId.Identifier, fixture.files[next].id, 16);
        memcpy(out, &id, sizeof id);
        bytes = sizeof id;
        target->cursor = next + 1;
      }
    }
  } else {
    error = answerBacking(target, out, outSize, &bytes);
  }
  if (bytesReturned != NULL) *bytesReturned = bytes;
  logLine("DeviceIoControl\t%p\t0x%08lx\t%lu\t%lu\t%lu\t%lu", handle, code, inSize, outSize, error, bytes);
  SetLastError(error);
  return error == 0;
}

/*
 * A fixture file's name comes from the fixture, with the documented contract
 * (too small a buffer: nothing copied, the size needed including the NUL is
 * returned); Wine's own answer fails with ERROR_MORE_DATA beyond MAX_PATH.
 */
DWORD WINAPI Stub_GetFinalPathNameByHandleW(HANDLE handle, LPWSTR path, DWORD chars, DWORD flags) {
  const Tracked *target = trackedOf(handle);
  DWORD length = 0;
  DWORD error = 0;
  if (target == NULL) {
    error = ERROR_INVALID_HANDLE;
  } else if (target->file >= 0) {
    const WCHAR *name = fixture.files[target->file].path;
    DWORD needed = (DWORD)wcslen(name) + 4; /* \\?\ prefix */
    if (flags != (VOLUME_NAME_DOS | FILE_NAME_NORMALIZED)) {
      error = ERROR_INVALID_PARAMETER;
    } else if (path == NULL || chars < needed + 1) {
      length = needed + 1;
    } else {
      wcscpy(path, L"\\\\?\\");
      wcscat(path, name);
      length = needed;
    }
  } else {
    length = GetFinalPathNameByHandleW(handle, path, chars, flags);
    error = length == 0 ? GetLastError() : 0;
  }
  logLine("GetFinalPathNameByHandleW\t%p\t%lu\t0x%08lx\t%lu\t%lu\t%s", handle, chars, flags, length, error,
          target != NULL && target->file >= 0 ? "fixture" : "kernel32");
  SetLastError(error);
  return length;
}

DWORD WINAPI Stub_GetCompressedFileSizeW(LPCWSTR path, LPDWORD high) {
  int found = fixtureFileByPath(path);
  if (found >= 0 && fixture.files[found].hasOnDisk) {
    ULONGLONG size = fixture.files[found].onDisk;
    DWORD low = (DWORD)size;
    if (high != NULL) *high = (DWORD)(size >> 32);
    logLine("GetCompressedFileSizeW\tfixture\t%llu\t%s", size, utf8(path));
    /* The documented success for a low word of INVALID_FILE_SIZE: last error NO_ERROR. */
    if (low == INVALID_FILE_SIZE) SetLastError(NO_ERROR);
    return low;
  }
  DWORD low = GetCompressedFileSizeW(path, high);
  DWORD error = GetLastError();
  logLine("GetCompressedFileSizeW\tkernel32\t%lu\t%s", low, utf8(path));
  SetLastError(error);
  return low;
}

BOOL WINAPI Stub_GetFileSizeEx(HANDLE handle, PLARGE_INTEGER size) {
  BOOL ok = GetFileSizeEx(handle, size);
  DWORD error = ok ? 0 : GetLastError();
  logLine("GetFileSizeEx\t%p\t%d\t%lu", handle, ok, error);
  SetLastError(error);
  return ok;
}

BOOL WINAPI Stub_CloseHandle(HANDLE handle) {
  int known = trackedOf(handle) != NULL;
  untrack(handle);
  BOOL ok = CloseHandle(handle);
  DWORD error = ok ? 0 : GetLastError();
  logLine("CloseHandle\t%p\t%d\t%d", handle, ok, known);
  SetLastError(error);
  return ok;
}

DWORD WINAPI Stub_GetLastError(void) { return GetLastError(); }

void WINAPI Stub_SetLastError(DWORD code) { SetLastError(code); }
