# shellcheck shell=bash
# Observability against the real agent and server: a run's output streamed live, the stored output, and
# /metrics checked by promtool after real runs. Sourced by run.sh.

# metric NAME_AND_LABELS: the value of the first sample whose name and labels start with the argument.
metric() { awk -v m="$1" 'index($0, m) == 1 { print $NF; exit }' "$WORK/metrics.txt"; }
summary_value() { awk -v s="$1:" -v k="  $2:" '$0 == s { on = 1; next } /^[^ ]/ { on = 0 } on && index($0, k) == 1 { print $2; exit }' "$SUMMARY"; }

test_observability() {
  phase "live output of a real agent run, its stored output, /metrics after it"
  local count id
  count=$(marker_count)
  set_flag slow 4
  # each line with the time it arrived, so the test sees the output come while the run goes on
  curl -sS -N -X POST -D "$WORK/stream.hdrs" --max-time "$T_RUN" "${CURL_TLS[@]}" "$(service_url)/puppet/twitch?stream=true" 2>"$WORK/stream.err" |
    while IFS= read -r line; do printf '%s\t%s\n' "$(now_ms)" "$line"; done >"$WORK/stream.txt"
  clear_flag slow
  local hdrs
  hdrs=$(tr -d '\r' <"$WORK/stream.hdrs")
  check "the streamed trigger answered 200 at once ($(head -n 1 <<<"$hdrs"))" grep -q '^HTTP/1.1 200' <<<"$hdrs"
  check "with chunked encoding and no Content-Length" eval "grep -qi '^transfer-encoding: chunked' <<<\"\$hdrs\" && ! grep -qi '^content-length' <<<\"\$hdrs\""
  id=$(sed -n 's|^location: */puppet/runs/||Ip' <<<"$hdrs")
  check "and a Location naming the run ($id)" [ -n "$id" ]
  local last first_ms last_ms
  last=$(tail -n 1 "$WORK/stream.txt" | cut -f 2-)
  check "the last line says how the run ended: '$last'" eval "[[ \"\$last\" =~ ^puppet-twitch:\ run\ $id\ finished:\ exit\ code\ (0|2)\  ]]"
  check "Puppet's own lines came through ($(grep -c . "$WORK/stream.txt") lines, 'Applied catalog' among them)" grep -q 'Notice: Applied catalog in' "$WORK/stream.txt"
  first_ms=$(head -n 1 "$WORK/stream.txt" | cut -f 1)
  last_ms=$(tail -n 1 "$WORK/stream.txt" | cut -f 1)
  check "the first line arrived while the run went on, $((last_ms - first_ms)) ms before the last (the run sleeps 4 s)" [ $((last_ms - first_ms)) -ge 3000 ]
  check "the run happened (marker +1)" [ "$(marker_count)" = $((count + 1)) ]
  settle

  http GET "/puppet/runs/$id/output"
  cut -f 2- "$WORK/stream.txt" >"$WORK/stream.lines"
  check "GET /puppet/runs/$id/output afterwards: 200 with the same lines as the stream" \
    eval "[ '$HTTP_CODE' = 200 ] && diff -q '$WORK/stream.lines' '$WORK/http.body' >/dev/null"

  http GET /metrics
  cp "$WORK/http.body" "$WORK/metrics.txt"
  check "GET /metrics answers 200 in Prometheus text format ($(grep -m1 -i '^content-type' <<<"$HTTP_HDRS"))" \
    eval "[ '$HTTP_CODE' = 200 ] && grep -qi '^content-type: text/plain; version=0.0.4' <<<\"\$HTTP_HDRS\""
  check "promtool check metrics passes on it" eval "promtool check metrics <'$WORK/metrics.txt' >'$WORK/promtool.out' 2>&1"
  check "puppet_last_run_at_seconds is last_run_summary.yaml's time.last_run ($(last_run))" \
    eval "[ \"\$(metric 'puppet_last_run_at_seconds ' | cut -d. -f1)\" = \"\$(last_run)\" ]"
  check "puppet_last_catalog_resources{state=\"total\"} is its resources.total ($(summary_value resources total))" \
    eval "[ \"\$(metric 'puppet_last_catalog_resources{state=\"total\"}')\" = \"\$(summary_value resources total)\" ]"
  check "puppet_last_run_success is 1 after a good run" [ "$(metric 'puppet_last_run_success ')" = 1 ]
  check "puppet_config names the environment the run used" grep -q '^puppet_config{environment="production"' "$WORK/metrics.txt"
  check "puppet_twitch_runs_total counts this suite's HTTP runs ($(metric 'puppet_twitch_runs_total{source="http",outcome="changes"}'))" \
    eval "[ \"\$(metric 'puppet_twitch_runs_total{source=\"http\",outcome=\"changes\"}')\" -ge 1 ]"
  check "puppet_twitch_run_duration_seconds counted the streamed run" eval "[ \"\$(metric 'puppet_twitch_run_duration_seconds_count')\" -ge 1 ]"
  proved "a real agent run's output streams live and is kept"
  proved "/metrics passes promtool and agrees with last_run_summary.yaml"
}
