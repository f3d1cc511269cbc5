# shellcheck shell=bash
# Output of the acceptance suite: phases and their timings, checks, fatal errors, bounded waits.
# Sourced by run.sh.

now_ms() { local t=${EPOCHREALTIME/./}; echo $((10#$t / 1000)); }
START_MS=$(now_ms)
PHASE_NAME=''
PHASE_MS=$START_MS
TIMINGS=()
PASS=0
FAIL=0
FAILED=()
PROVED=()

secs() { local ms=$1; printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }
log() { printf '[%6ss] %s\n' "$(secs $(($(now_ms) - START_MS)))" "$*"; }
end_phase() {
  if [ -n "$PHASE_NAME" ]; then
    local ms=$(($(now_ms) - PHASE_MS))
    TIMINGS+=("$(printf '%-58s %6ss' "$PHASE_NAME" "$(secs "$ms")")")
    log "phase done in $(secs "$ms")s: $PHASE_NAME"
  fi
  PHASE_NAME=''
}
phase() {
  end_phase
  PHASE_NAME=$1
  PHASE_MS=$(now_ms)
  echo
  log "== $1"
}
ok() { PASS=$((PASS + 1)); echo "  ok   - $*"; }
fail() { FAIL=$((FAIL + 1)); FAILED+=("$*"); echo "  FAIL - $*"; }
# check DESCRIPTION COMMAND...: one assertion; a failure is counted and the suite goes on.
check() {
  local desc=$1
  shift
  if "$@"; then ok "$desc"; else fail "$desc"; fi
}
# die MESSAGE: a step the rest depends on failed; the trap cleans up.
die() {
  FAIL=$((FAIL + 1))
  FAILED+=("$*")
  echo "FATAL: $*" >&2
  exit 1
}
proved() { PROVED+=("$1"); }
# Prints the last lines of a log file, without the harmless facter /proc/1/environ noise.
show_log() {
  local file=$1 n=${2:-40}
  [ -f "$file" ] || return 0
  echo "  --- last lines of $file"
  { grep -v '/proc/1/environ' "$file" || true; } | tail -n "$n" | sed 's/^/  | /'
}

# wait_until TIMEOUT DESCRIPTION COMMAND...: polls every 0.2 s; returns 1 with a message on timeout.
wait_until() {
  local timeout=$1 desc=$2
  shift 2
  local deadline=$(($(now_ms) + timeout * 1000))
  until "$@"; do
    if [ "$(now_ms)" -ge "$deadline" ]; then
      echo "  timed out after ${timeout}s waiting for: $desc" >&2
      return 1
    fi
    sleep 0.2
  done
}
