# shellcheck shell=bash
# The agent under control against the real agent: a timed disable over the API that the real `puppet agent`
# obeys and that ends by itself, a disable made by hand that the service leaves alone, and wait= that holds
# until a running run ends. Sourced by run.sh.

disabled_message() { node -e 'try { console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).disabled_message) } catch { console.log("") }' "$DISABLED_LOCKFILE"; }
agent_enabled() { [ ! -e "$DISABLED_LOCKFILE" ]; }

test_control() {
  phase "disable over the API: a TTL that ends by itself, someone else's disable left alone, wait="
  local count last message
  count=$(marker_count)
  last=$(last_run)
  DISABLED_BY_US=1
  expect_http "timed disable" 200 '~"enabled":false' POST /puppet/disable --data-urlencode 'message=acceptance window' --data 'ttl=5'
  message=$(disabled_message)
  check "the agent's disabled lock has the message, who and until when ($message)" \
    eval "[[ \"\$(disabled_message)\" =~ ^acceptance\\ window\\ \\(puppet-twitch:\\ anonymous,\\ until\\ [0-9T:.-]+Z\\)$ ]]"
  "$PUPPET" agent --test "${AGENT_ARGS[@]}" >"$WORK/agent-disabled.log" 2>&1 || true
  check "the real puppet agent --test refuses while disabled" grep -q 'administratively disabled' "$WORK/agent-disabled.log"
  expect_http "trigger while disabled over the API" 423 "Puppet agent is disabled: $message" POST /puppet/twitch
  http GET /puppet/status
  expect_json "status during the disable" 'typeof r.disabled_until === "string" && r.enabled === false' true
  if wait_until 20 "the service to enable the agent when the TTL passes" agent_enabled; then
    ok "the service enabled the agent after 5 s"
    DISABLED_BY_US=0
  else
    fail "the agent was still disabled 20 s after a disable with ttl=5: $(disabled_message)"
  fi
  check "no run while disabled (marker lines $count -> $(marker_count), last_run $last -> $(last_run): unchanged)" \
    eval "[ \"\$(marker_count)\" = $count ] && [ \"\$(last_run)\" = $last ]"
  http GET '/puppet/runs?limit=5'
  expect_json "the disable and its end are records" 'r.filter((x) => x.kind).map((x) => x.kind + ":" + x.source + ":" + x.control.result).join(",")' 'enable:ttl:done,disable:http:done'

  DISABLED_BY_US=1
  "$PUPPET" agent --disable "by hand" >/dev/null 2>&1 || die "puppet agent --disable failed"
  expect_http "disable over someone else's" 409 '~already disabled by someone else, with the message "by hand"' POST /puppet/disable --data 'message=mine&ttl=1'
  expect_http "enable of someone else's disable" 409 '~puppet agent --enable' POST /puppet/enable
  sleep 2
  check "the disable by hand is left as it is" [ "$(disabled_message)" = 'by hand' ]
  "$PUPPET" agent --enable >/dev/null 2>&1 || die "puppet agent --enable failed"
  DISABLED_BY_US=0

  start_slow_run "the wait= check" || return
  wait_until 30 "the triggered run to take the agent lock" run_in_progress || fail "the slow run never took the lock"
  clear_flag slow
  DISABLED_BY_US=1
  expect_http "disable with wait during a run" 200 '~"idle":true' POST /puppet/disable --data 'message=after the run&ttl=600&wait=120'
  check "the run had ended when the answer came" no_run_in_progress
  expect_http "enable of its own disable" 200 '~"enabled":true' POST /puppet/enable
  check "the agent is enabled" agent_enabled
  DISABLED_BY_US=0
  settle
  proved "a timed disable over the API stops the real agent and ends by itself; a disable by hand is left alone; wait= holds until the run ends"
}
