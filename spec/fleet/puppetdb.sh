#!/usr/bin/env bash
# A throwaway PuppetDB (with its own PostgreSQL and TLS CA) for the fleet tests, started by hand (no systemd).
#
#   bash spec/fleet/puppetdb.sh start DIR   as root; DIR is made if missing (state from an earlier run in it is
#                                           replaced); waits until PuppetDB is running, then writes DIR/env
#   bash spec/fleet/puppetdb.sh stop DIR    stops what start started, even after a failed start; safe to repeat
#
# Needs the Debian packages puppetdb, dbconfig-no-thanks, postgresql, openssl and curl (see .ci/setup.sh).
# PostgreSQL 15 runs as user postgres on 127.0.0.1:15433 (socket in DIR/sock), PuppetDB as user puppetdb
# with HTTP on 127.0.0.1:18080 and TLS on 127.0.0.1:18081; TLS clients need a certificate from DIR/ssl/ca.pem
# whose CN is on the allowlist (DIR/ssl/client.pem, CN fleet-client). Logs: DIR/log/{postgresql,puppetdb}.log.
#
# DIR/env holds shell KEY=value lines: PUPPETDB_HTTP, PUPPETDB_HTTPS, PUPPETDB_CACERT, PUPPETDB_CERT,
# PUPPETDB_KEY, PUPPETDB_LOG, PUPPETDB_START_SECONDS, PUPPETDB_RSS_MIB, POSTGRES_START_SECONDS, POSTGRES_RSS_MIB
# (measured when PuppetDB is ready; PostgreSQL's is the proportional share (PSS) of all its processes, as its
# backends share their memory and their RSS sum would count it once per connection).
#
# PuppetDB takes 35-100 s to start (the longer when the machine is busy): PUPPETDB_START_TIMEOUT (seconds, default 240)
# bounds the wait.
#
# Synthetic nodes (spec/fleet/nodes.ts) go in with the feeder, built by `node ts/build.mjs tests` (or alone with
# `node_modules/esbuild/bin/esbuild spec/fleet/feed.ts --bundle --platform=node --outfile=.build/spec/fleet/feed.js`):
#   node .build/spec/fleet/feed.js http://127.0.0.1:18080 [COUNT]
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=15433
HTTP_PORT=18080
TLS_PORT=18081
CLIENT_CN=fleet-client
START_TIMEOUT=${PUPPETDB_START_TIMEOUT:-240}

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}

die() {
  echo "puppetdb.sh: $*" >&2
  exit 1
}

as_postgres() { runuser -u postgres -- "$@"; }

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# Only signal a PID whose command line still names DIR: the PID files may be stale and the PID reused.
ours() {
  alive "$1" && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$DIR/"
}

# Waits up to $2 seconds for PID $1 to exit; fails if it is still there.
wait_gone() {
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    alive "$1" || return 0
    sleep 0.1
  done
  ! alive "$1"
}

rss_kib() {
  awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0
}

pss_kib() {
  awk '/^Pss:/ { print $2 }' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0
}

mib() { echo $((($1 + 512) / 1024)); }

now() { date +%s.%N; }

seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

postmaster_pid() {
  head -n 1 "$DIR/pg/postmaster.pid" 2>/dev/null || true
}

port_taken() { (: >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop_puppetdb() {
  local pid
  pid=$(cat "$DIR/puppetdb.pid" 2>/dev/null || true)
  if ours "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" 30; then
      echo "puppetdb.sh: PuppetDB (pid $pid) ignored SIGTERM for 30 s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 10 || die "PuppetDB (pid $pid) does not exit"
    fi
  fi
  rm -f "$DIR/puppetdb.pid"
}

stop_postgres() {
  local pid children
  pid=$(postmaster_pid)
  if ours "$pid"; then
    children=$(ps -o pid= --ppid "$pid" 2>/dev/null || true)
    if ! as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg" -m fast -w -t 30 stop >/dev/null 2>&1; then
      echo "puppetdb.sh: pg_ctl stop failed; killing PostgreSQL (pid $pid)" >&2
      # shellcheck disable=SC2086 # word splitting of the PID list is wanted
      kill -KILL "$pid" $children 2>/dev/null || true
    fi
    wait_gone "$pid" 10 || die "PostgreSQL (pid $pid) does not exit"
    for child in $children; do wait_gone "$child" 10 || true; done
  fi
}

stop() {
  stop_puppetdb
  stop_postgres
}

make_ssl() {
  local ssl=$DIR/ssl
  mkdir -p "$ssl"
  (
    cd "$ssl"
    key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }
    # issue NAME CN SERIAL EXTENSIONS
    issue() {
      key "$1.key"
      openssl req -new -key "$1.key" -subj "/CN=$2" -out "$1.csr"
      openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -set_serial "$3" -days 30 -sha256 \
        -extfile <(printf 'basicConstraints = critical, CA:false\nkeyUsage = critical, digitalSignature, keyEncipherment\n%s\n' "$4") \
        -out "$1.pem" 2>/dev/null
      rm -f "$1.csr"
    }
    key ca.key
    openssl req -x509 -new -key ca.key -subj "/CN=fleet-test-ca" -days 30 -sha256 \
      -addext 'basicConstraints = critical, CA:true' -addext 'keyUsage = critical, keyCertSign, cRLSign' -out ca.pem
    issue server 127.0.0.1 2 $'extendedKeyUsage = serverAuth\nsubjectAltName = IP:127.0.0.1, DNS:localhost'
    issue client "$CLIENT_CN" 3 'extendedKeyUsage = clientAuth'
  )
  chmod 0600 "$ssl/ca.key"
  chown puppetdb: "$ssl/server.key"
  chmod 0600 "$ssl/server.key"
  # a key of this throwaway CA only: readable by any user the tests may run the client as
  chmod 0644 "$ssl/client.key"
}

start_postgres() {
  mkdir -p "$DIR/pg" "$DIR/sock"
  chown postgres: "$DIR/pg" "$DIR/sock"
  chmod 0700 "$DIR/pg"
  : >"$DIR/log/postgresql.log"
  chown postgres: "$DIR/log/postgresql.log"
  as_postgres "$PG_BIN/initdb" -D "$DIR/pg" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >"$DIR/log/initdb.log" 2>&1 ||
    { cat "$DIR/log/initdb.log" >&2; die "initdb failed"; }
  local t0
  t0=$(now)
  # durability is worthless for a database that is thrown away after the tests, and costs feed time
  if ! as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg" -l "$DIR/log/postgresql.log" -w -t 60 start \
    -o "-p $PG_PORT -k $DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null; then
    tail -n 40 "$DIR/log/postgresql.log" >&2
    die "PostgreSQL did not start"
  fi
  POSTGRES_START_SECONDS=$(seconds_since "$t0")
  as_postgres "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR/sock" -p "$PG_PORT" -U postgres -d postgres \
    -c "CREATE ROLE puppetdb LOGIN PASSWORD 'puppetdb'" -c "CREATE DATABASE puppetdb OWNER puppetdb"
  as_postgres "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR/sock" -p "$PG_PORT" -U postgres -d puppetdb \
    -c "CREATE EXTENSION pg_trgm"
}

write_puppetdb_conf() {
  local conf=$DIR/puppetdb/conf.d
  mkdir -p "$conf" "$DIR/puppetdb/var"
  chown puppetdb: "$DIR/puppetdb/var"
  cp /etc/puppetdb/conf.d/auth.conf "$conf/auth.conf"
  echo "$CLIENT_CN" >"$DIR/puppetdb/allowlist"
  # Logs go to stdout only (the package's logback.xml writes to /var/log/puppetdb); stdout goes to the log file.
  cat >"$DIR/puppetdb/logback.xml" <<'EOF'
<configuration>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5p [%c{2}] %m%n</pattern></encoder>
  </appender>
  <logger name="org.springframework.jms.connection" level="warn"/>
  <root level="info"><appender-ref ref="STDOUT"/></root>
</configuration>
EOF
  cat >"$conf/config.ini" <<EOF
[global]
vardir = $DIR/puppetdb/var
logging-config = $DIR/puppetdb/logback.xml

[puppetdb]
disable-update-checking = true
certificate-allowlist = $DIR/puppetdb/allowlist

# the default, CPUs / 2, is 1 on a small CI machine; commands spend most of their time waiting on PostgreSQL
[command-processing]
threads = 4
EOF
  cat >"$conf/database.ini" <<EOF
[database]
subname = //127.0.0.1:$PG_PORT/puppetdb
username = puppetdb
password = puppetdb
EOF
  cat >"$conf/jetty.ini" <<EOF
[jetty]
host = 127.0.0.1
port = $HTTP_PORT
ssl-host = 127.0.0.1
ssl-port = $TLS_PORT
ssl-key = $DIR/ssl/server.key
ssl-cert = $DIR/ssl/server.pem
ssl-ca-cert = $DIR/ssl/ca.pem
client-auth = need
EOF
}

start_puppetdb() {
  local log=$DIR/log/puppetdb.log t0 pid i status
  t0=$(now)
  # setpriv execs java directly, so $! is PuppetDB's own PID (runuser would stay in between as its parent).
  # Debian's puppetdb.jar holds Clojure sources that are compiled at every start; with the quick JIT only
  # (TieredStopAtLevel=1) PuppetDB was ready in 58 s instead of 82-103 s on a busy 2-CPU machine, and feeds
  # and queries were no slower.
  setpriv --reuid puppetdb --regid puppetdb --init-groups -- \
    java -Xmx512m -XX:TieredStopAtLevel=1 -Djava.security.egd=/dev/urandom \
    -cp /usr/share/puppetdb/puppetdb.jar clojure.main -m puppetlabs.puppetdb.core services \
    --config "$DIR/puppetdb/conf.d" --bootstrap-config /etc/puppetdb/bootstrap.cfg \
    </dev/null >"$log" 2>&1 &
  pid=$!
  echo "$pid" >"$DIR/puppetdb.pid"
  for ((i = 0; ; i++)); do
    status=$(curl -s --noproxy '*' --max-time 2 "http://127.0.0.1:$HTTP_PORT/status/v1/services/puppetdb-status" 2>/dev/null || true)
    [[ $status == *'"state":"running"'* ]] && break
    if ! alive "$pid" || ((i >= START_TIMEOUT * 2)); then
      tail -n 40 "$log" >&2
      if alive "$pid"; then die "PuppetDB is not running after ${START_TIMEOUT} s (last status: ${status:-none})"; fi
      die "PuppetDB exited during start"
    fi
    sleep 0.5
  done
  PUPPETDB_START_SECONDS=$(seconds_since "$t0")
  PUPPETDB_RSS_MIB=$(mib "$(rss_kib "$pid")")
}

start() {
  [ "$(id -u)" = 0 ] || die "start needs root (it runs PostgreSQL and PuppetDB as their own users)"
  local missing=()
  [ -x "$PG_BIN/postgres" ] || missing+=(postgresql)
  [ -f /usr/share/puppetdb/puppetdb.jar ] || missing+=(puppetdb)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v curl >/dev/null || missing+=(curl)
  command -v java >/dev/null || missing+=(default-jre-headless)
  id postgres >/dev/null 2>&1 || missing+=(postgresql)
  id puppetdb >/dev/null 2>&1 || missing+=(puppetdb)
  [ ${#missing[@]} -eq 0 ] || die "missing packages: ${missing[*]} (see .ci/setup.sh)"
  [[ $DIR != *[[:space:]]* ]] || die "DIR must not contain white space: $DIR"
  if ours "$(cat "$DIR/puppetdb.pid" 2>/dev/null || true)" || ours "$(postmaster_pid)"; then
    die "already running in $DIR (run: $0 stop $DIR)"
  fi
  local port
  for port in "$PG_PORT" "$HTTP_PORT" "$TLS_PORT"; do
    ! port_taken "$port" || die "127.0.0.1:$port is already in use"
  done

  # DIR may come from mktemp -d (0700, root): both service users must traverse it
  chmod 0755 "$DIR"
  runuser -u postgres -- test -x "$DIR" || die "user postgres cannot reach $DIR (check its parents' modes)"
  rm -rf "$DIR/pg" "$DIR/sock" "$DIR/puppetdb" "$DIR/ssl" "$DIR/log" "$DIR/env" "$DIR/puppetdb.pid"
  mkdir -p "$DIR/log"

  # from here on, a failure or a signal stops whatever was started
  trap 'status=$?; if [ "$status" != 0 ]; then stop || true; fi; exit "$status"' EXIT
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 143' TERM
  make_ssl
  start_postgres
  local pg_kib=0 p
  write_puppetdb_conf
  start_puppetdb
  # the postmaster and its backends (PuppetDB's connection pools are open by now)
  for p in $(ps -o pid= --pid "$(postmaster_pid)" --ppid "$(postmaster_pid)"); do
    pg_kib=$((pg_kib + $(pss_kib "$p")))
  done
  POSTGRES_RSS_MIB=$(mib "$pg_kib")

  {
    printf 'PUPPETDB_HTTP=%q\n' "http://127.0.0.1:$HTTP_PORT"
    printf 'PUPPETDB_HTTPS=%q\n' "https://127.0.0.1:$TLS_PORT"
    printf 'PUPPETDB_CACERT=%q\n' "$DIR/ssl/ca.pem"
    printf 'PUPPETDB_CERT=%q\n' "$DIR/ssl/client.pem"
    printf 'PUPPETDB_KEY=%q\n' "$DIR/ssl/client.key"
    printf 'PUPPETDB_LOG=%q\n' "$DIR/log/puppetdb.log"
    printf 'PUPPETDB_START_SECONDS=%s\n' "$PUPPETDB_START_SECONDS"
    printf 'PUPPETDB_RSS_MIB=%s\n' "$PUPPETDB_RSS_MIB"
    printf 'POSTGRES_START_SECONDS=%s\n' "$POSTGRES_START_SECONDS"
    printf 'POSTGRES_RSS_MIB=%s\n' "$POSTGRES_RSS_MIB"
  } >"$DIR/env.tmp"
  mv "$DIR/env.tmp" "$DIR/env"
  trap - EXIT
  echo "PuppetDB is running at http://127.0.0.1:$HTTP_PORT and https://127.0.0.1:$TLS_PORT" \
    "(started in ${PUPPETDB_START_SECONDS} s, ${PUPPETDB_RSS_MIB} MiB; PostgreSQL ${POSTGRES_RSS_MIB} MiB); see $DIR/env"
}

if [ $# -ne 2 ] || [ -z "$2" ]; then usage; fi
case $1 in
  start) mkdir -p "$2" ;;
  stop) [ -d "$2" ] || exit 0 ;;
  *) usage ;;
esac
DIR=$(cd "$2" && pwd -P)
# the service users cannot enter root's working directory; their commands run from here
cd /
if [ "$1" = start ]; then start; else stop; fi
