# shellcheck shell=bash
# What the suite observes: the marker, last_run_summary.yaml, the agent lock, HTTP answers. Sourced by run.sh.

marker_count() { if [ -f "$WORK/marker" ]; then wc -l <"$WORK/marker"; else echo 0; fi; }
last_run() { awk '$1 == "last_run:" { print $2; found = 1 } END { if (!found) print 0 }' "$SUMMARY" 2>/dev/null || echo 0; }
lock_pid() { cat "$LOCKFILE" 2>/dev/null || true; }
run_in_progress() {
  local pid
  pid=$(lock_pid)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}
no_run_in_progress() { ! run_in_progress; }
last_run_after() { [ "$(last_run)" -gt "$1" ]; }
marker_at_least() { [ "$(marker_count)" -ge "$1" ]; }
pid_gone() { ! kill -0 "$1" 2>/dev/null; }
set_flag() { printf '%s\n' "${2:-1}" >"$WORK/flags/$1"; }
clear_flag() { rm -f "$WORK/flags/$1"; }
# Puts back the state dir's ACL as it was (usually none) before the suite denied it to the service user.
restore_statedir_acl() {
  setfacl --restore="$WORK/statedir.acl"
}
# The service's root helpers still alive: a run started just before the service stopped goes on without it,
# and takes the agent lock only once Ruby has loaded, so a free lock alone does not mean no run is coming.
no_helper_running() { ! pgrep -u root -f -- "$NODE_BIN $BUNDLE helper" >/dev/null; }
# settle: after a run, no helper may be left and the agent lock must be free before the next step.
settle() {
  wait_until 60 "the service's root helpers to exit" no_helper_running || fail "a root helper was still running 60 s after the run"
  wait_until 30 "the agent lock to be released" no_run_in_progress || fail "the agent lock was still held 30 s after the run"
}

# http METHOD PATH [CURL ARGS...]: sets HTTP_CODE, HTTP_BODY (without a trailing newline) and HTTP_HDRS.
http() {
  local method=$1 path=$2
  shift 2
  rm -f "$WORK/http.body" "$WORK/http.hdrs"
  HTTP_CODE=$(curl -sS -X "$method" -o "$WORK/http.body" -D "$WORK/http.hdrs" -w '%{http_code}' \
    --max-time "$T_RUN" "${CURL_TLS[@]}" "$@" "$(service_url)$path" 2>"$WORK/http.err") || HTTP_CODE="000 ($(cat "$WORK/http.err"))"
  HTTP_BODY=$(cat "$WORK/http.body" 2>/dev/null || true)
  HTTP_HDRS=$(tr -d '\r' <"$WORK/http.hdrs" 2>/dev/null || true)
}
# expect_http DESCRIPTION CODE BODY METHOD PATH [CURL ARGS...]: BODY is exact, or a regex when it starts with ~.
# Sets HTTP_OK to 1 when the answer was the expected one.
expect_http() {
  local desc=$1 code=$2 body=$3
  shift 3
  HTTP_OK=0
  http "$@"
  local body_ok=1
  if [ "${body:0:1}" = '~' ]; then
    [[ $HTTP_BODY =~ ${body:1} ]] || body_ok=0
  else
    [ "$HTTP_BODY" = "$body" ] || body_ok=0
  fi
  if [ "$HTTP_CODE" = "$code" ] && [ "$body_ok" = 1 ]; then
    ok "$desc: $1 $2 -> $HTTP_CODE '$HTTP_BODY'"
    HTTP_OK=1
    return
  fi
  fail "$desc: $1 $2 -> expected $code '$body', got $HTTP_CODE '$HTTP_BODY'"
}
healthz_ok() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "${CURL_TLS[@]}" "$(service_url)/healthz")" = 200 ]; }
# The service's base URL: http://127.0.0.1:PORT, or with TLS https://CERTNAME:PORT (CURL_TLS resolves it to
# 127.0.0.1 and verifies the certificate with the Puppet CA).
service_url() { if [ "${#CURL_TLS[@]}" -gt 0 ]; then echo "https://$CERTNAME:$PORT"; else echo "http://127.0.0.1:$PORT"; fi; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
