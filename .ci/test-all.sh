#!/usr/bin/env bash
# Sets up the machine and runs every test suite: types; unit + bundle (mocha); the fault suite (as root, a tmpfs
# state_dir made full, read-only or removed); the module (rspec-puppet, lint, validate, REFERENCE.md, a real
# apply); the acceptance suite against a real puppetserver; the fleet suite (the fleet client against a real
# PuppetDB, real instances and simulated nodes); and the service on Windows under Wine (the unit suite under
# node.exe, the bundle over HTTP, the helper service on a named pipe).
set -uo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup.sh || { echo "setup failed"; exit 1; }

passed=0 failed=0 failures=()
suite() {
  local name=$1; shift
  local t0=$SECONDS
  echo; echo "=== $name"
  if "$@"; then passed=$((passed + 1)); echo "=== $name: ok ($((SECONDS - t0)) s)"
  else failed=$((failed + 1)); failures+=("$name"); echo "=== $name: FAILED ($((SECONDS - t0)) s)"; fi
}

suite "typecheck (tsc --strict)" npm run -s typecheck
suite "mocha: unit and bundle over HTTP" npm test
suite "faults: state_dir full, read-only, removed (root, tmpfs)" npm run -s test:faults
suite "module: rspec-puppet, lint, validate, reference, apply" bash spec/module/test.sh
suite "acceptance: puppetserver, agent, module, sudo, HTTP" bash spec/acceptance/run.sh
suite "fleet: PuppetDB, many nodes, the fleet client" bash spec/fleet/run.sh
suite "windows: the bundle under Wine" bash spec/windows/run.sh

echo
[ $failed -eq 0 ] || echo "failed suites: ${failures[*]}"
echo "suites: $passed passed, $failed failed"
[ $failed -eq 0 ]
