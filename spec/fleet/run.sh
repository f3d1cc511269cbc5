#!/usr/bin/env bash
# The fleet suite: `puppet-twitch fleet` against a real PuppetDB holding 1,000 synthetic nodes, 51 real
# puppet-twitch instances (the built bundle with the stand-in puppet) and 949 simulated ones (spec/fleet/).
#
#   bash spec/fleet/run.sh [MOCHA ARGS...]    as root (PuppetDB and PostgreSQL run as their own users)
#
# Builds the bundle and the tests, starts PuppetDB (spec/fleet/puppetdb.sh) in a temp dir, feeds it the nodes,
# runs mocha on .build/spec/fleet/**/*.test.js and stops PuppetDB on the way out, whatever happened. With
# FLEET_DIR set to the directory of a PuppetDB already started by `spec/fleet/puppetdb.sh start DIR`, that one
# is used (fed again, and left running). Prints how long each step took; exits non-zero when any step fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

t_all=$SECONDS
timings=()
step() {
  local name=$1 t0=$SECONDS
  shift
  echo "--- fleet: $name"
  "$@"
  timings+=("$(printf '%-22s %4d s' "$name" $((SECONDS - t0)))")
}
report() {
  local rc=$?
  set +e
  if [ "${own_dir:-}" != "" ]; then
    local t0=$SECONDS
    if bash spec/fleet/puppetdb.sh stop "$own_dir"; then
      rm -rf "$own_dir"
    else
      echo "fleet: stopping PuppetDB failed (its files are in $own_dir)"
      rc=1
    fi
    timings+=("$(printf '%-22s %4d s' 'stop PuppetDB' $((SECONDS - t0)))")
  fi
  echo "--- fleet: timings"
  printf '  %s\n' "${timings[@]}"
  printf '  %-22s %4d s\n' total $((SECONDS - t_all))
  [ $rc -eq 0 ] && echo "--- fleet: ok" || echo "--- fleet: FAILED (exit $rc)"
  exit $rc
}
trap report EXIT

step "build bundle" npm run -s build
step "build tests" node ts/build.mjs tests

if [ -n "${FLEET_DIR:-}" ]; then
  [ -f "$FLEET_DIR/env" ] || { echo "fleet: FLEET_DIR=$FLEET_DIR has no env file: start PuppetDB with spec/fleet/puppetdb.sh start DIR"; exit 1; }
  echo "--- fleet: using the PuppetDB of $FLEET_DIR"
else
  own_dir=$(mktemp -d /tmp/fleet-puppetdb.XXXXXX)
  export FLEET_DIR=$own_dir
  step "start PuppetDB" bash spec/fleet/puppetdb.sh start "$FLEET_DIR"
fi
set -a
# shellcheck source=/dev/null
. "$FLEET_DIR/env"
set +a

step "feed 1,000 nodes" node .build/spec/fleet/feed.js "$PUPPETDB_HTTP" 1000
step "mocha" node node_modules/mocha/bin/mocha.js --timeout 60000 "$@" '.build/spec/fleet/**/*.test.js'
