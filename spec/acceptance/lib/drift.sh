# shellcheck shell=bash
# What a run changed or would change, against the real agent and server: a noop run that finds drift ends as
# noop_changes, and each run's report (GET /puppet/runs/<id>/report) says what Puppet's own last_run_report.yaml
# says, without a sensitive value. Two agent runs. Sourced by run.sh.

AGENT_REPORT=$STATEDIR/last_run_report.yaml

# agent_report_lines STATUS: "Type[title] property: message" of each event of Puppet's own report with that status
# (noop, failure), sorted. Read with Ruby's YAML, the Report tag taken off: a reader of its own, not the service's.
agent_report_lines() {
  ruby -ryaml -e '
    text = File.read(ARGV[0]).sub(/\A--- !ruby\/object:\S+/, "---")
    report = YAML.safe_load(text, permitted_classes: [Symbol], aliases: true)
    (report["resource_statuses"] || {}).each_value do |s|
      (s["events"] || []).each do |e|
        puts "#{s["resource_type"]}[#{s["title"]}] #{e["property"]}: #{e["message"]}" if e["status"] == ARGV[1]
      end
    end' "$AGENT_REPORT" "$1" | sort
}
# service_report_lines STATUS: the same lines of the service's report, the last HTTP body.
service_report_lines() {
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const res of r.resources) for (const e of res.events) if (e.status === process.argv[2]) console.log(`${res.type}[${res.title}] ${e.property}: ${e.message}`);
  ' "$WORK/http.body" "$1" | sort
}
# same_lines A B: both non-empty and equal.
same_lines() { [ -n "$1" ] && [ "$1" = "$2" ]; }

test_drift() {
  phase "drift: noop_changes, and each run's resource report as Puppet's own"
  local id ours theirs
  # behind Puppet's back: both managed files now differ from the catalog
  printf 'changed behind puppet\n' >"$WORK/flags/drift-plain.txt"
  printf 'changed behind puppet, secretly\n' >"$WORK/flags/drift-secret.txt"
  expect_http "noop run on a node with drift" 200 '~^\{"id":' POST '/puppet/twitch?async=false&noop=true' -H 'Accept: application/json'
  expect_json "the noop run's record (Puppet exited 0)" 'r.outcome + " " + r.exit_code' 'noop_changes 0'
  id=$(json_get 'r.id')
  settle
  expect_http "the noop run's report" 200 '~^\{' GET "/puppet/runs/$id/report"
  ours=$(service_report_lines noop)
  theirs=$(agent_report_lines noop)
  check "the report lists exactly the resources and properties the agent's report says would change ($(wc -l <<<"$ours") events)" \
    same_lines "$ours" "$theirs"
  [ "$ours" = "$theirs" ] || diff <(echo "$theirs") <(echo "$ours") | sed 's/^/  | /'
  expect_json "the drifted file is listed as noop, with its content" \
    'r.resources.filter((x) => x.title.endsWith("/drift-plain.txt")).map((x) => x.state + " " + x.events[0].property).join()' 'noop content'
  expect_json "the file with a Sensitive content shows (sensitive), never its values" \
    'r.resources.filter((x) => x.title.endsWith("/drift-secret.txt")).map((x) => x.events[0].previous_value + " " + x.events[0].desired_value).join()' \
    '(sensitive) (sensitive)'
  check "no sensitive value in the report" eval "! grep -Eq 'acceptance secret|secretly' '$WORK/http.body'"

  set_flag fail-resource
  expect_http "a real run with a failing resource" 500 '~^\{"id":' POST '/puppet/twitch?async=false' -H 'Accept: application/json'
  id=$(json_get 'r.id')
  clear_flag fail-resource
  settle
  expect_http "the failed run's report" 200 '~^\{' GET "/puppet/runs/$id/report"
  expect_json "the failing resource is listed as failed" \
    'r.resources.filter((x) => x.state === "failed").map((x) => x.type + "[" + x.title + "]").join()' 'Exec[acceptance-fail-resource]'
  ours=$(service_report_lines failure)
  theirs=$(agent_report_lines failure)
  check "its failure carries Puppet's message, as in the agent's report: $ours" same_lines "$ours" "$theirs"
  expect_json "the drifted files were put back, and listed as changed" \
    'r.resources.filter((x) => /\/drift-(plain|secret)\.txt$/.test(x.title)).map((x) => x.state).join()' 'changed,changed'
  check "the file on disk is the catalog's again" grep -qx 'as the catalog says' "$WORK/flags/drift-plain.txt"
  proved "a noop run with drift is noop_changes; a run's report is Puppet's, failures with their message, sensitive values withheld"
}
