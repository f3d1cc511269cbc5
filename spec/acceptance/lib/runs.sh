# shellcheck shell=bash
# Run options, run records and /puppet/status against the real agent and server. Sourced by run.sh.

# json_get EXPR: reads the last HTTP body as JSON and prints the JavaScript expression EXPR of it (`r` is the document).
json_get() {
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const v = (0, eval)(`(r) => ${process.argv[2]}`)(r); console.log(typeof v === "string" ? v : JSON.stringify(v));' \
    "$WORK/http.body" "$1" 2>/dev/null || echo "(not JSON: $(head -c 200 "$WORK/http.body" 2>/dev/null))"
}
# expect_json DESCRIPTION EXPR EXPECTED: EXPR of the last HTTP body prints EXPECTED.
expect_json() {
  local got
  got=$(json_get "$2")
  if [ "$got" = "$3" ]; then ok "$1: $2 = $got"; else fail "$1: $2 = $got, expected $3"; fi
}
# The service has no run of its own in progress (its status says current_run null).
service_idle() {
  http GET /puppet/status
  [ "$HTTP_CODE" = 200 ] && [ "$(json_get 'r.current_run')" = null ]
}
tagged_count() { if [ -f "$WORK/tagged" ]; then wc -l <"$WORK/tagged"; else echo 0; fi; }
staging_count() { if [ -f "$WORK/staging-marker" ]; then wc -l <"$WORK/staging-marker"; else echo 0; fi; }

test_run_options() {
  phase "run options: noop, tags, environments"
  local count last tagged staging
  count=$(marker_count)
  last=$(last_run)
  expect_http "noop run" 200 "Puppet run complete" POST '/puppet/twitch?async=false&noop=true'
  check "the noop run left the node unchanged (marker unchanged)" [ "$(marker_count)" = "$count" ]
  check "the noop run wrote its summary" last_run_after "$last"
  local location
  location=$(sed -n 's/^location: *//Ip' <<<"$HTTP_HDRS")
  check "the noop run's answer has a Location ($location)" [ -n "$location" ]
  http GET "$location"
  expect_json "the noop run's record" 'r.options.noop' true
  # the marker exec would run: drift, so the noop run's outcome says so although puppet exited 0
  expect_json "the noop run's record" 'r.outcome' noop_changes
  expect_json "the noop run's record counts the would-be change as a noop event" 'r.summary.events.noop > 0' true
  expect_json "the noop run's record counts no changed resource" 'r.summary.resources.changed' 0
  settle

  count=$(marker_count)
  tagged=$(tagged_count)
  expect_http "tagged run" 200 "Puppet run complete" POST /puppet/twitch -H 'Content-Type: application/json' \
    --data '{"tags":["twitch_acceptance_tagged"],"async":false}'
  check "the tagged resource was applied ($tagged -> $(tagged_count))" [ "$(tagged_count)" = $((tagged + 1)) ]
  check "the untagged marker was not applied" [ "$(marker_count)" = "$count" ]
  settle

  count=$(marker_count)
  last=$(last_run)
  expect_http "an environment not in the module's environments" 403 \
    "Environment 'development' is not allowed. The node's config lists the environments a caller may choose (puppet.environments)." \
    POST '/puppet/twitch?environment=development'
  check "the refused environment started no run" eval "[ \"\$(marker_count)\" = $count ] && [ \"\$(last_run)\" = $last ]"

  staging=$(staging_count)
  expect_http "an allowed environment (the finished record as JSON)" 200 '~^\{"id":' POST '/puppet/twitch?async=false&environment=staging' \
    -H 'Accept: application/json'
  expect_json "the staging run's record" 'r.summary.environment' staging
  check "the staging environment's catalog was applied ($staging -> $(staging_count))" [ "$(staging_count)" = $((staging + 1)) ]
  check "production's marker was not applied by the staging run" [ "$(marker_count)" = "$count" ]
  settle
  proved "noop, tags and allowed environments reach the real agent; a forbidden environment is refused"
}

test_run_records() {
  phase "run records: Location, wait="
  set_flag slow 3
  expect_http "asynchronous trigger" 202 "Triggered puppet run" POST /puppet/twitch
  local location
  location=$(sed -n 's/^location: *//Ip' <<<"$HTTP_HDRS")
  http GET "$location"
  expect_json "the record while the run goes on" 'r.state' running
  clear_flag slow
  http GET "$location?wait=90"
  expect_json "wait= answers the finished record" 'r.state' finished
  expect_json "the finished record" 'r.outcome' changes
  expect_json "the finished record has puppet's exit code" 'r.exit_code' 2
  http GET '/puppet/runs?limit=1'
  expect_json "GET /puppet/runs lists it first" "r[0].id === '${location##*/}'" true
  settle
  proved "wait= returns the finished record"
}

test_status() {
  phase "/puppet/status"
  set_flag slow "$SLOW"
  "$PUPPET" agent --onetime --no-daemonize "${AGENT_ARGS[@]}" --detailed-exitcodes --no-usecacheonfailure \
    >"$WORK/agent-status.log" 2>&1 &
  BG_AGENT_PID=$!
  if wait_until 60 "the outside agent run to take the lock" run_in_progress; then
    sleep 2.1 # past the status cache
    http GET /puppet/status
    expect_json "status during a run started outside the service" 'r.applying' true
    expect_json "status during a run started outside the service" 'r.idling' false
    expect_json "status during a run started outside the service" 'r.current_run' null
  else
    fail "the outside agent run never took the lock"
  fi
  clear_flag slow
  wait_until "$T_RUN" "the outside agent run to finish" pid_gone "$BG_AGENT_PID" || fail "the outside run did not finish"
  wait "$BG_AGENT_PID" 2>/dev/null || true
  BG_AGENT_PID=''
  DISABLED_BY_US=1
  "$PUPPET" agent --disable "status check" >/dev/null 2>&1 || die "puppet agent --disable failed"
  sleep 2.1
  http GET /puppet/status
  expect_json "status of a disabled agent" 'r.enabled' false
  expect_json "status of a disabled agent" 'r.disabled_message' 'status check'
  expect_json "status of a disabled agent" 'r.applying' false
  "$PUPPET" agent --enable >/dev/null 2>&1 || die "puppet agent --enable failed"
  DISABLED_BY_US=0
  sleep 2.1
  http GET /puppet/status
  expect_json "status after --enable" 'r.enabled' true
  expect_json "status knows the last run" 'typeof r.lastrun === "number" && r.since_lastrun >= 0' true
  proved "/puppet/status sees outside runs and a disabled agent through the helper"
}
