#!/usr/bin/env bash
# The main job, start to finish on a fresh Debian 12 machine with Node.js 20 (as root): installs Debian's
# puppet-agent if missing, starts puppet-twitch on 127.0.0.1 in apply mode with an example manifest, and
# triggers it with curl: a 202, then a 409 while that run is going, then a synchronous run's result.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup.sh quickstart

port=${PORT:-2023}
work=$(mktemp -d /tmp/puppet-twitch-quickstart.XXXXXX)
service_pid=
cleanup() {
  [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# An example manifest: a few seconds of work, then a file that says when it last ran.
cat >"$work/site.pp" <<PP
exec { 'pretend to work': command => '/bin/sleep 4', path => ['/bin', '/usr/bin'] }
-> file { '$work/last-applied': content => "applied at \${Timestamp()}\n" }
PP
cat >"$work/config.json" <<JSON
{
  "bind": "127.0.0.1",
  "port": $port,
  "run_dir": "$work",
  "state_dir": "$work/records",
  "puppet": { "mode": "apply", "manifest": "$work/site.pp", "lastrunfile": "$work/last_run_summary.yaml",
              "args": ["--lastrunfile=$work/last_run_summary.yaml"] }
}
JSON

node files/puppet-twitch.js serve --config "$work/config.json" >"$work/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
head -n 1 "$work/service.log"

show() { printf '\n$ %s\n' "$*"; "$@" -s -w '\n-> HTTP %{http_code}\n'; }
printf '\n$ curl -i -X POST http://127.0.0.1:%s/puppet/twitch\n' "$port"
first=$(curl -s -i -X POST "http://127.0.0.1:$port/puppet/twitch" | tee /dev/stderr | tr -d '\r' | sed -n 's|^Location: /puppet/runs/||p')
show curl -X POST "http://127.0.0.1:$port/puppet/twitch"
echo; echo "(waiting for run $first to finish: GET /puppet/runs/$first?wait=120)"
show curl "http://127.0.0.1:$port/puppet/runs/$first?wait=120" -o /dev/null
show curl -X POST "http://127.0.0.1:$port/puppet/twitch?async=false&noop=true"
printf '\n%s: %s\n' "$work/last-applied" "$(cat "$work/last-applied")"
printf '\nThe newest run record (GET /puppet/runs?limit=1), its main fields:\n'
curl -s "http://127.0.0.1:$port/puppet/runs?limit=1" | node -e '
  const [r] = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const { output_tail, summary, ...fields } = r;
  console.log(JSON.stringify({ ...fields, summary: summary && { resources: summary.resources, events: summary.events } }, null, 2));'
printf '\nPuppet status (GET /puppet/status):\n'
curl -s "http://127.0.0.1:$port/puppet/status"; echo
printf '\nService log:\n'
grep -v 'Facter: Permission denied' "$work/service.log"
