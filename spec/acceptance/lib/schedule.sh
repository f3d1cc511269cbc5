# shellcheck shell=bash
# The launcher with the original's command lines, and the module's schedule on the real node. Sourced by run.sh.

# reapply DESCRIPTION: the service stopped, one agent run applies the module with the flags as they are now,
# then the service starts again from the unit (the config may have changed; the unit has not).
reapply() {
  stop_service
  settle
  local rc=0
  timeout "$T_FIRST_RUN" "$PUPPET" agent --onetime --no-daemonize "${AGENT_ARGS[@]}" --detailed-exitcodes \
    --no-usecacheonfailure >"$WORK/agent-reapply.log" 2>&1 || rc=$?
  if [ "$rc" = 0 ] || [ "$rc" = 2 ]; then
    ok "$1: an agent run applied the module (exit $rc)"
  else
    fail "$1: the agent run exited $rc"
    show_log "$WORK/agent-reapply.log" 40
  fi
  start_service
}

test_launcher() {
  phase "the launcher: the original's command lines, as written"
  local launcher=/usr/local/bin/puppet-twitch out rc
  check "the module installed $launcher (root-owned, 0755)" eval "[ \"\$(stat -c '%U %a' $launcher)\" = 'root 755' ]"
  if ! port_free 8090; then
    fail "port 8090 is in use: the original's command line cannot be tried"
    return
  fi
  # The invoking user's state (the remembered run directory) goes to the suite's directory, not root's home.
  local env=(env "XDG_STATE_HOME=$WORK/xdg")
  rc=0
  out=$("${env[@]}" "$launcher" start dir=/var/run/puppet-twitch -- port=8090 2>&1) || rc=$?
  check "'puppet-twitch start dir=/var/run/puppet-twitch -- port=8090' exits 0 ($out)" \
    eval "[ $rc = 0 ] && [[ \"\$out\" =~ ^puppet-twitch\\ started\\ \\(pid\\ [0-9]+\\)\\ on\\ http://127.0.0.1:8090 ]]"
  check "it answers on port 8090" eval "[ \"\$(curl -s --max-time 5 http://127.0.0.1:8090/healthz)\" = ok ]"
  check "its PID file is /var/run/puppet-twitch/puppet-twitch.pid" [ -s /var/run/puppet-twitch/puppet-twitch.pid ]
  rc=0
  out=$("${env[@]}" "$launcher" status 2>&1) || rc=$?
  check "'puppet-twitch status' without dir= finds it through the remembered directory (exit $rc: $out)" \
    eval "[ $rc = 0 ] && [[ \"\$out\" == *running* ]]"
  rc=0
  out=$("${env[@]}" "$launcher" stop dir=/var/run/puppet-twitch 2>&1) || rc=$?
  check "'puppet-twitch stop dir=/var/run/puppet-twitch' exits 0 ($out)" [ "$rc" = 0 ]
  check "port 8090 is free again and the PID file is gone" \
    eval "port_free 8090 && [ ! -e /var/run/puppet-twitch/puppet-twitch.pid ]"
  rc=0
  "${env[@]}" "$launcher" status >/dev/null 2>&1 || rc=$?
  check "'puppet-twitch status' after stop exits 3 (not running; got $rc)" [ "$rc" = 3 ]
  proved "the original's start/stop command lines work through the launcher"
}

# The newest run record with source "schedule" that has finished, as JSON in $WORK/http.body.
scheduled_run_finished() {
  http GET '/puppet/runs'
  [ "$HTTP_CODE" = 200 ] && [ "$(json_get 'r.some((x) => x.source === "schedule" && x.state === "finished")')" = true ]
}

rss_kib() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# What replacing Puppet's agent daemon saves: its resident memory once idle after its first run, beside this
# service's (which then also runs the schedule). Figures for docs/operations.md ("Scheduled runs"), not pass/fail checks.
measure_agent_daemon() {
  local count pid
  count=$(marker_count)
  "$PUPPET" agent --no-daemonize --runinterval 1h "${AGENT_ARGS[@]}" >"$WORK/agent-daemon.log" 2>&1 &
  pid=$!
  if wait_until "$T_RUN" "the agent daemon's first run" marker_at_least $((count + 1)) &&
    wait_until "$T_RUN" "the agent daemon to go idle" no_run_in_progress; then
    sleep 5
    AGENT_RSS_KIB=$(rss_kib "$pid")
    log "idle RSS after one run: puppet agent daemon $((AGENT_RSS_KIB / 1024)) MiB; puppet-twitch service $(($(rss_kib "$SERVICE_PID") / 1024)) MiB"
  else
    fail "the agent daemon did not finish its first run"
  fi
  stop_pid "$pid" "puppet agent daemon"
  wait "$pid" 2>/dev/null || true
}

test_schedule() {
  phase "scheduled runs: the module's schedule_cron on the real node"
  measure_agent_daemon
  set_flag schedule
  reapply "schedule_cron => '*/10 * * * * *'"
  local count last
  count=$(marker_count)
  last=$(last_run)
  http GET /puppet/status
  expect_json "status names the schedule" 'r.schedule' '*/10 * * * * *'
  expect_json "status gives the next scheduled run" 'Date.parse(r.next_scheduled_run) > Date.now() - 1000' true
  if wait_until 60 "a scheduled run to finish" scheduled_run_finished; then
    ok "a run with source \"schedule\" finished"
    expect_json "the scheduled run's record" 'r.find((x) => x.source === "schedule" && x.state === "finished").exit_code' 2
    expect_json "the scheduled run's record" 'r.find((x) => x.source === "schedule" && x.state === "finished").outcome' changes
    expect_json "the scheduled run's record has no identity" 'r.find((x) => x.source === "schedule").identity' null
    check "the scheduled run applied the catalog from the real server (marker $count -> $(marker_count))" [ "$(marker_count)" -gt "$count" ]
    check "the scheduled run wrote last_run_summary.yaml" last_run_after "$last"
    log "idle RSS of the service with the schedule, after a scheduled run: $(($(rss_kib "$SERVICE_PID") / 1024)) MiB (the agent daemon: $((${AGENT_RSS_KIB:-0} / 1024)) MiB)"
  else
    fail "no scheduled run finished within 60 s"
    show_log "$SERVICE_LOG" 30
  fi
  clear_flag schedule
  reapply "no schedule"
  http GET /puppet/status
  expect_json "status without a schedule" 'r.schedule' null
  proved "a scheduled run reaches the real puppetserver and leaves its record"
}
