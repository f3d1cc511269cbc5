#!/usr/bin/env bash
# End-to-end acceptance suite for puppet-twitch.
#
# Builds a node with the module from this checkout through a real puppetserver and a real `puppet agent`,
# starts the service exactly as the rendered systemd unit says, and drives it over HTTP with curl: real
# agent runs, real sudo, real lock files. Run as root on a disposable Debian machine:
#
#   sudo spec/acceptance/run.sh
#
# Environment: TWITCH_ACCEPTANCE_PORT (service port, default 18123), TWITCH_ACCEPTANCE_SLOW (seconds a
# "slow" run sleeps, default 8), TWITCH_ACCEPTANCE_KEEP=1 (keep the temporary directory and what the module
# installed, for debugging).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
FIXTURES=$HERE/fixtures

PORT=${TWITCH_ACCEPTANCE_PORT:-18123}
SLOW=${TWITCH_ACCEPTANCE_SLOW:-8}
KEEP=${TWITCH_ACCEPTANCE_KEEP:-0}

PUPPET=/usr/bin/puppet
SETSID_BIN=/usr/bin/setsid
SERVER_CONF_SRC=/etc/puppet/puppetserver/conf.d
SERVER_BOOTSTRAP=/etc/puppet/puppetserver/services.d
SERVER_JAR=/usr/share/puppetserver/puppetserver.jar
STATEDIR=/var/cache/puppet/state
LOCKFILE=$STATEDIR/agent_catalog_run.lock
DISABLED_LOCKFILE=$STATEDIR/agent_disabled.lock
SUMMARY=/var/cache/puppet/public/last_run_summary.yaml
UNIT=/etc/systemd/system/puppet-twitch.service

# Timeouts (seconds) of every wait.
T_SERVER=300      # puppetserver answering /status/v1/simple (~45 s here)
T_FIRST_RUN=600   # first agent run: pluginsync, certificate, warm-up compile (~42 s here)
T_RUN=90          # any later run to finish (a run takes 3-15 s here)
T_SERVICE=30      # the service to answer /healthz, or to exit after SIGTERM

# ---------------------------------------------------------------------------------------------- state

WORK=''
SERVER_PID=''
AGENT_ARGS=()
RUNUSER_PID=''
SERVICE_PID=''
BG_AGENT_PID=''
SVC_USER=''
SVC_GROUP=''
SVC_CMD=()
SVC_ENV=()
SVC_RUNTIME_DIRS=()
SVC_RUNTIME_MODE=0755
SVC_RUNTIME_PRESERVE=no
SERVICE_STARTS=0
STATEDIR_ACL=0
NODE_PATHS=(/etc/sudoers.d/twitch /opt/puppet-twitch /etc/puppet-twitch "$UNIT" /run/puppet-twitch /var/lib/puppet-twitch)
NODE_PRESENT_BEFORE=()
USER_PRESENT_BEFORE=1   # until preflight has looked: never remove a user we did not see created
DISABLED_BY_US=0
CURL_TLS=()   # set while the service speaks HTTPS (lib/auth.sh)

# shellcheck source=spec/acceptance/lib/report.sh
. "$HERE/lib/report.sh"
# shellcheck source=spec/acceptance/lib/probes.sh
. "$HERE/lib/probes.sh"
# shellcheck source=spec/acceptance/lib/node.sh
. "$HERE/lib/node.sh"
# shellcheck source=spec/acceptance/lib/runs.sh
. "$HERE/lib/runs.sh"
# shellcheck source=spec/acceptance/lib/auth.sh
. "$HERE/lib/auth.sh"
# shellcheck source=spec/acceptance/lib/schedule.sh
. "$HERE/lib/schedule.sh"
# shellcheck source=spec/acceptance/lib/observe.sh
. "$HERE/lib/observe.sh"
# shellcheck source=spec/acceptance/lib/fleet.sh
. "$HERE/lib/fleet.sh"
# shellcheck source=spec/acceptance/lib/control.sh
. "$HERE/lib/control.sh"
# shellcheck source=spec/acceptance/lib/drift.sh
. "$HERE/lib/drift.sh"

trap cleanup EXIT
trap 'die "interrupted"' INT TERM

# ---------------------------------------------------------------------------------------------- tests

# Waits for the run that started after the given marker count / last_run to finish; checks both advanced.
expect_run_completes() {
  local desc=$1 count_before=$2 last_before=$3
  if wait_until "$T_RUN" "$desc: the marker to be written" marker_at_least $((count_before + 1)) &&
    wait_until "$T_RUN" "$desc: last_run_summary.yaml time.last_run to advance" last_run_after "$last_before" &&
    wait_until "$T_RUN" "$desc: the run lock to be released" no_run_in_progress; then
    ok "$desc: a run happened (marker $count_before -> $(marker_count), last_run $last_before -> $(last_run))"
  else
    fail "$desc: no completed run observed (marker $(marker_count), last_run $(last_run))"
  fi
}

# Triggers a run made slow by the site's flag; on failure says which checks cannot be made and returns 1.
start_slow_run() {
  set_flag slow "$SLOW"
  expect_http "trigger" 202 "Triggered puppet run" POST /puppet/twitch
  if [ "$HTTP_OK" != 1 ]; then
    clear_flag slow
    fail "no run was triggered: $1 cannot be made"
    return 1
  fi
}

test_trigger_async() {
  phase "202 trigger, 409 while our run is in progress"
  local count last
  count=$(marker_count)
  last=$(last_run)
  start_slow_run "the 409 and run checks of this phase" || return
  expect_http "second trigger during the run" 409 "Puppet already running" POST /puppet/twitch
  check "409 carries a Retry-After header" grep -qi '^retry-after: *[0-9]' <<<"$HTTP_HDRS"
  if wait_until 30 "the triggered run to take the agent lock" run_in_progress; then
    check "the agent lock is held by a real puppet agent run (pid $(lock_pid): $(ps -o args= -p "$(lock_pid)" | cut -c1-60))" \
      eval "ps -o args= -p \"\$(lock_pid)\" | grep -q 'puppet agent'"
    # setsid --fork is sudo's child and exits at once: the root helper has no sudo to relay signals to it.
    local helper parent
    helper=$(pgrep -u root -f -- "$NODE_BIN $BUNDLE helper --config $SVC_CONFIG" | head -n 1)
    parent=$(ps -o ppid= -p "${helper:-0}" | tr -d ' ')
    check "the root helper (pid ${helper:-none}) leads its own session and is not sudo's child (parent ${parent:-none}: $(ps -o comm= -p "${parent:-0}"))" \
      eval "[ -n '$helper' ] && [ \"\$(ps -o sid= -p '$helper' | tr -d ' ')\" = '$helper' ] && [ \"\$(ps -o comm= -p '${parent:-0}')\" != sudo ]"
  else
    fail "the triggered run never took the agent lock $LOCKFILE"
  fi
  expect_http "trigger while the run holds the lock" 409 "Puppet already running" GET /puppet/twitch
  clear_flag slow
  expect_run_completes "202 trigger" "$count" "$last"
  check "the 409 triggers started no run (exactly one marker line added)" [ "$(marker_count)" = $((count + 1)) ]
  proved "202 starts a real agent run"
  proved "409 while it runs"
}

test_external_run() {
  phase "409 for a run started outside the service"
  local count last
  count=$(marker_count)
  last=$(last_run)
  set_flag slow "$SLOW"
  "$PUPPET" agent --onetime --no-daemonize "${AGENT_ARGS[@]}" --detailed-exitcodes --no-usecacheonfailure \
    >"$WORK/agent-external.log" 2>&1 &
  BG_AGENT_PID=$!
  if ! wait_until 60 "the outside agent run to take $LOCKFILE" run_in_progress; then
    fail "the outside agent run never took the lock"
    show_log "$WORK/agent-external.log"
  else
    check "root sees the lock file of the outside run" [ -s "$LOCKFILE" ]
    if runuser -u "$SVC_USER" -- test -r "$LOCKFILE"; then
      log "with Debian's modes (state dir $(stat -c %a "$STATEDIR")) the service user can read the lock file"
    else
      log "with Debian's modes (state dir $(stat -c %a "$STATEDIR")) the service user cannot read the lock file"
    fi
    expect_http "trigger during an outside run" 409 "Puppet already running" POST /puppet/twitch
    check "409 carries a Retry-After header" grep -qi '^retry-after: *[0-9]' <<<"$HTTP_HDRS"
    # Puppet itself sets the state dir to 01755 on every run, so on Debian the service user could read the
    # lock file. Deny it the state dir, as on nodes where it is root-only: the check must now go through root.
    getfacl -p "$STATEDIR" >"$WORK/statedir.acl" 2>/dev/null || die "getfacl $STATEDIR failed"
    STATEDIR_ACL=1
    setfacl -m "u:$SVC_USER:---" "$STATEDIR" || die "setfacl on $STATEDIR failed"
    check "with the state dir denied, root sees the lock file and the service user does not" \
      eval "[ -s '$LOCKFILE' ] && runuser -u '$SVC_USER' -- sh -c \"! test -e '$LOCKFILE'\""
    expect_http "trigger during an outside run, state dir denied to the service user" 409 "Puppet already running" POST /puppet/twitch
    restore_statedir_acl || die "could not restore the ACL of $STATEDIR"
    STATEDIR_ACL=0
  fi
  clear_flag slow
  local rc=0
  if wait_until "$T_RUN" "the outside agent run to finish" pid_gone "$BG_AGENT_PID"; then
    wait "$BG_AGENT_PID" || rc=$?
    BG_AGENT_PID=''
  else
    rc=timeout
    show_log "$WORK/agent-external.log"
  fi
  check "the outside run finished normally (exit $rc, expected 2)" [ "$rc" = 2 ]
  check "only the outside run applied a catalog (marker +1)" [ "$(marker_count)" = $((count + 1)) ]
  check "the outside run wrote its summary" last_run_after "$last"
  proved "409 for an outside run seen through sudo"
}

test_sync() {
  phase "async=false: 200 after the run, 500 with the exit code"
  local count last
  count=$(marker_count)
  last=$(last_run)
  expect_http "synchronous trigger" 200 "Puppet run complete" GET '/puppet/twitch?async=false'
  check "the run had finished when 200 arrived (marker +1, last_run advanced)" \
    eval "[ \"\$(marker_count)\" = $((count + 1)) ] && last_run_after $last"
  settle

  count=$(marker_count)
  last=$(last_run)
  expect_http "synchronous trigger, async=false in a form body" 200 "Puppet run complete" POST /puppet/twitch \
    -H 'Content-Type: application/x-www-form-urlencoded' --data 'async=false'
  check "that run had finished too (marker +1, last_run advanced)" \
    eval "[ \"\$(marker_count)\" = $((count + 1)) ] && last_run_after $last"
  settle

  set_flag fail-resource
  last=$(last_run)
  expect_http "synchronous trigger, a resource fails" 500 '~^Puppet run failed: exit code (4|6)( |$)' POST '/puppet/twitch?async=false'
  check "the failed run wrote its summary with a failed resource" \
    eval "last_run_after $last && grep -Eq '^  failed: [1-9]' '$SUMMARY'"
  clear_flag fail-resource
  settle

  set_flag fail-catalog
  count=$(marker_count)
  expect_http "synchronous trigger, the catalog does not compile" 500 '~^Puppet run failed: exit code 1( |$)' POST '/puppet/twitch?async=false'
  check "no catalog was applied (marker unchanged)" [ "$(marker_count)" = "$count" ]
  clear_flag fail-catalog
  settle
  proved "async=false 200 after the run"
  proved "500 with the exit code for failed runs"
}

test_disabled() {
  phase "423 while the agent is disabled"
  DISABLED_BY_US=1
  "$PUPPET" agent --disable "maintenance" >/dev/null 2>&1 || die "puppet agent --disable failed"
  local count last
  count=$(marker_count)
  last=$(last_run)
  expect_http "trigger while disabled" 423 "Puppet agent is disabled: maintenance" POST /puppet/twitch
  expect_http "synchronous trigger while disabled" 423 "Puppet agent is disabled: maintenance" GET '/puppet/twitch?async=false'
  check "no run while disabled (marker and last_run unchanged)" \
    eval "[ \"\$(marker_count)\" = $count ] && [ \"\$(last_run)\" = $last ]"
  "$PUPPET" agent --enable >/dev/null 2>&1 || die "puppet agent --enable failed"
  DISABLED_BY_US=0
  # A run started by the 423 triggers would hold the service busy (409) or add marker lines.
  expect_http "synchronous trigger after --enable" 200 "Puppet run complete" POST '/puppet/twitch?async=false'
  check "only the run after --enable applied a catalog (marker +1)" [ "$(marker_count)" = $((count + 1)) ]
  check "last_run advanced once the agent was enabled again" last_run_after "$last"
  settle
  proved "423 while disabled, no run"
}

test_restart() {
  phase "restart of the service during a run"
  local count last puppet_pid
  count=$(marker_count)
  last=$(last_run)
  start_slow_run "the restart checks" || return
  if ! wait_until 30 "the triggered run to take the agent lock" run_in_progress; then
    fail "the triggered run never took the agent lock"
    clear_flag slow
    return
  fi
  puppet_pid=$(lock_pid)
  log "puppet run pid $puppet_pid in progress; SIGTERM to service pid $SERVICE_PID"
  stop_service
  check "the service exited 0 on SIGTERM (got $STOP_RC)" [ "$STOP_RC" = 0 ]
  check "the puppet run (pid $puppet_pid) survived the service stop" kill -0 "$puppet_pid"
  start_service
  if kill -0 "$puppet_pid" 2>/dev/null; then
    expect_http "trigger on the restarted service while the old run goes on" 409 "Puppet already running" POST /puppet/twitch
  else
    fail "the run finished before the restarted service could be asked (raise TWITCH_ACCEPTANCE_SLOW)"
  fi
  clear_flag slow
  if wait_until "$T_RUN" "the surviving run (pid $puppet_pid) to finish" pid_gone "$puppet_pid"; then
    check "the surviving run wrote its marker" [ "$(marker_count)" = $((count + 1)) ]
    check "the surviving run wrote last_run_summary.yaml ($last -> $(last_run))" last_run_after "$last"
    check "the surviving run reported no failed resource" grep -Eq '^  failed: 0$' "$SUMMARY"
  else
    fail "the surviving run did not finish"
  fi
  settle
  # The restarted service sees the adopted run end at its next look (every 250 ms, then Puppet's summary
  # through the root helper): until then it rightly answers 409.
  wait_until "$T_SERVICE" "the restarted service to see the surviving run end" service_idle ||
    fail "the restarted service still shows the surviving run as current"
  expect_http "the restarted service triggers runs" 200 "Puppet run complete" GET '/puppet/twitch?async=false'
  proved "a restart does not kill a run"
}

# sudo_refused DESCRIPTION ARGS...: as the service user, `sudo -n ARGS...` must be refused by sudo itself.
sudo_refused() {
  local desc=$1
  shift
  local rc=0
  runuser -u "$SVC_USER" -- sudo -n "$@" >"$WORK/sudo.out" 2>"$WORK/sudo.err" </dev/null || rc=$?
  if [ "$rc" != 0 ] && grep -q '^sudo: ' "$WORK/sudo.err"; then
    ok "sudo refuses $desc ($(head -n 1 "$WORK/sudo.err"))"
  else
    fail "sudo did not refuse $desc: exit $rc, stderr: $(head -c 300 "$WORK/sudo.err")"
  fi
}

test_sudo_boundary() {
  phase "sudo boundary"
  local expected="$SETSID_BIN --fork $NODE_BIN $BUNDLE helper --config $SVC_CONFIG"
  # What the one allowed command runs must be out of the service user's reach.
  local f
  for f in "$SETSID_BIN" "$NODE_BIN" "$BUNDLE" "$(dirname "$BUNDLE")" "$SVC_CONFIG" "$(dirname "$SVC_CONFIG")" /etc/sudoers.d; do
    check "the service user cannot write $f" runuser -u "$SVC_USER" -- sh -c "! test -w '$f'"
  done
  # COLUMNS: sudo wraps long entries at 80 columns when not on a terminal.
  runuser -u "$SVC_USER" -- env COLUMNS=1000 sudo -n -l >"$WORK/sudo-l.out" 2>&1 </dev/null || true
  local entries
  entries=$(sed -n '/may run the following commands/,$p' "$WORK/sudo-l.out" | sed '1d;/^[[:space:]]*$/d;s/^[[:space:]]*//')
  if [ "$entries" = "(root) NOPASSWD: $expected" ]; then
    ok "sudo -l as $SVC_USER lists exactly one entry: $entries"
  else
    fail "sudo -l as $SVC_USER should list only '(root) NOPASSWD: $expected'; it lists:"
    sed 's/^/  | /' "$WORK/sudo-l.out"
  fi

  # A config that, if sudo let it through, would run a script of ours as root.
  local evil=$WORK/evil.json
  printf '#!/bin/sh\ntouch %s/pwned\n' "$WORK" >"$WORK/evil.sh"
  chmod 0755 "$WORK/evil.sh"
  printf '{"puppet":{"bin":"%s","mode":"agent"}}\n' "$WORK/evil.sh" >"$evil"
  chmod 0644 "$evil"

  local count last
  count=$(marker_count)
  last=$(last_run)
  local fork=("$SETSID_BIN" --fork)
  local base=("${fork[@]}" "$NODE_BIN" "$BUNDLE" helper --config "$SVC_CONFIG")
  sudo_refused "puppet itself" "$PUPPET" agent --server x
  sudo_refused "a shell" /bin/sh -c id
  sudo_refused "a shell through setsid" "${fork[@]}" /bin/sh -c id
  sudo_refused "the helper without setsid (node as sudo's child)" "$NODE_BIN" "$BUNDLE" helper --config "$SVC_CONFIG"
  sudo_refused "the helper with another config" "${fork[@]}" "$NODE_BIN" "$BUNDLE" helper --config "$evil"
  sudo_refused "the helper with a second --config" "${base[@]}" --config "$evil"
  sudo_refused "the helper with a trailing --" "${base[@]}" --
  sudo_refused "the helper with --server x" "${base[@]}" --server x
  sudo_refused "the helper with --modulepath /tmp" "${base[@]}" --modulepath /tmp
  sudo_refused "the helper with an argument containing a newline" "${base[@]}" $'x\n--server'
  sudo_refused "a config argument with a newline appended" "${fork[@]}" "$NODE_BIN" "$BUNDLE" helper --config "$SVC_CONFIG"$'\n--server x'
  sudo_refused "a config argument with ';id' appended" "${fork[@]}" "$NODE_BIN" "$BUNDLE" helper --config "$SVC_CONFIG;id"
  sudo_refused "the helper without its --config" "${fork[@]}" "$NODE_BIN" "$BUNDLE" helper
  sudo_refused "the serve command as root" "${fork[@]}" "$NODE_BIN" "$BUNDLE" serve --config "$SVC_CONFIG"
  check "the evil config never ran (no $WORK/pwned)" [ ! -e "$WORK/pwned" ]
  check "none of the refused commands ran puppet (marker and last_run unchanged)" \
    eval "[ \"\$(marker_count)\" = $count ] && [ \"\$(last_run)\" = $last ]"
  proved "sudo allows only the one helper command"
}

test_http_injection() {
  phase "parameter injection over HTTP"
  local count last
  count=$(marker_count)
  last=$(last_run)
  local unknown='~^Unknown parameter' invalid="~^Invalid value for parameter 'async'"
  expect_http "unknown parameter" 400 "$unknown" POST '/puppet/twitch?server=x'
  expect_http "unknown parameter next to a valid one" 400 "$unknown" POST '/puppet/twitch?async=false&server=x'
  expect_http "unknown parameter in the form body" 400 "$unknown" POST /puppet/twitch \
    -H 'Content-Type: application/x-www-form-urlencoded' --data 'server=x'
  expect_http "config parameter" 400 "$unknown" GET "/puppet/twitch?config=$WORK/evil.json"
  expect_http "shell metacharacters in async" 400 "$invalid" POST '/puppet/twitch?async=false;id'
  expect_http "encoded ';' in async" 400 "$invalid" POST '/puppet/twitch?async=false%3Bid'
  expect_http "encoded newline + flag in async" 400 "$invalid" POST '/puppet/twitch?async=false%0a--server'
  expect_http "flag as async value" 400 "$invalid" GET '/puppet/twitch?async=--server%20x'
  expect_http "newline in the form body" 400 "$invalid" POST /puppet/twitch \
    -H 'Content-Type: application/x-www-form-urlencoded' --data 'async=false%0a--modulepath%20/tmp'
  check "the 400s changed nothing yet (marker and last_run unchanged)" \
    eval "[ \"\$(marker_count)\" = $count ] && [ \"\$(last_run)\" = $last ]"
  # Had any 400 started a run, this would answer 409 or add more than one marker line.
  expect_http "a valid synchronous trigger after the 400s" 200 "Puppet run complete" POST '/puppet/twitch?async=false'
  check "only that valid trigger applied a catalog (marker +1)" [ "$(marker_count)" = $((count + 1)) ]
  check "the evil config never ran (no $WORK/pwned)" [ ! -e "$WORK/pwned" ]
  proved "injected parameters get 400 and start no run"
}

main() {
  WORK=$(mktemp -d /tmp/twitch-acceptance.XXXXXX)
  chmod 0755 "$WORK"
  log "puppet-twitch acceptance suite; checkout $ROOT; temporary directory $WORK"
  preflight
  configure
  start_puppetserver
  first_agent_run
  service_start_phase
  test_trigger_async
  test_external_run
  test_sync
  test_disabled
  test_restart
  test_sudo_boundary
  test_http_injection
  test_run_options
  test_run_records
  test_drift
  test_status
  test_control
  test_observability
  test_launcher
  test_fleet
  test_tls_puppet_ca
  test_schedule
}

main "$@"
