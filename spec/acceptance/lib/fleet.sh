# shellcheck shell=bash
# The fleet client as an operator runs it on a node: the module's launcher, a real agent run against the
# suite's puppetserver, waited for through the run record. (Many nodes and PuppetDB: spec/fleet.) Sourced by run.sh.

test_fleet() {
  phase "fleet: the launcher's fleet command runs this node's agent and waits for its record"
  local launcher=/usr/local/bin/puppet-twitch count rc=0
  count=$(marker_count)
  "$launcher" fleet --nodes 127.0.0.1 --port "$PORT" --json >"$WORK/fleet.json" 2>"$WORK/fleet.err" || rc=$?
  cp "$WORK/fleet.json" "$WORK/http.body"
  check "'puppet-twitch fleet --nodes 127.0.0.1 --port $PORT --json' exits 0 ($(head -c 300 "$WORK/fleet.err"))" [ "$rc" = 0 ]
  expect_json "one node, done" 'r.summary.total' 1
  expect_json "its outcome is the real run's (the site's execs change something each run)" 'r.nodes[0].outcome' changes
  expect_json "with Puppet's exit code" 'r.nodes[0].exit_code' 2
  check "the agent really ran (marker +1)" [ "$(marker_count)" = $((count + 1)) ]
  check "its resource counts are last_run_summary.yaml's (total $(summary_value resources total))" \
    eval "[ \"\$(json_get 'r.nodes[0].resources.total')\" = \"\$(summary_value resources total)\" ]"
  local id
  id=$(json_get 'r.nodes[0].run_id')
  http GET "/puppet/runs/$id"
  expect_json "the node's record of that run ($id) is finished" 'r.state' finished
  settle
  local tagged
  tagged=$(tagged_count)
  rc=0
  "$launcher" fleet --nodes 127.0.0.1 --port "$PORT" --noop --tags twitch_acceptance_tagged >"$WORK/fleet.txt" 2>&1 || rc=$?
  # the tagged exec would run: the noop run finds drift, which the fleet reports as such, a success
  check "a noop run of one tag through fleet: exit $rc, table '$(tail -n 1 "$WORK/fleet.txt")'" \
    eval "[ $rc = 0 ] && grep -Eq '^127\\.0\\.0\\.1 +drift ' '$WORK/fleet.txt' && grep -Eq '^1 node in [0-9.]+ s: 1 drift\$' '$WORK/fleet.txt'"
  check "the noop run applied nothing, not even the tagged resource (marker and tag file unchanged)" \
    eval "[ \"\$(marker_count)\" = $((count + 1)) ] && [ \"\$(tagged_count)\" = $tagged ]"
  settle
  proved "puppet-twitch fleet triggers a real agent run and reports it from the run record"
}
