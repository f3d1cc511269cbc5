# shellcheck shell=bash
# Setting up the node and tearing it down: packages, puppetserver, the first agent run, the service started
# as its systemd unit says, and the cleanup that undoes all of it. Sourced by run.sh.

stop_pid() { # stop_pid PID NAME: SIGTERM, then SIGKILL after 15 s
  local pid=$1 name=$2
  kill -0 "$pid" 2>/dev/null || return 0
  echo "  stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_until 15 "$name (pid $pid) to exit after SIGTERM" pid_gone "$pid"; then
    echo "  sending SIGKILL to $name (pid $pid)" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  end_phase
  echo
  log "== cleanup"
  [ -n "$SERVICE_PID" ] && stop_pid "$SERVICE_PID" "the service"
  [ -n "$RUNUSER_PID" ] && wait "$RUNUSER_PID" 2>/dev/null
  [ -n "$BG_AGENT_PID" ] && stop_pid "$BG_AGENT_PID" "the background agent run"
  # A run the service started may still be going (ours all use this suite's SSL dir); it needs our server.
  if [ -n "$WORK" ] && run_in_progress && ps -o args= -p "$(lock_pid)" | grep -q -- "$WORK/ssl"; then
    clear_flag slow
    if ! wait_until 60 "the puppet run in progress to finish" no_run_in_progress; then
      stop_pid "$(lock_pid)" "the puppet run in progress"
    fi
  fi
  if [ "$STATEDIR_ACL" = 1 ]; then restore_statedir_acl && echo "  restored the ACL of $STATEDIR"; fi
  [ -n "$SERVER_PID" ] && stop_pid "$SERVER_PID" "puppetserver"
  if [ "$DISABLED_BY_US" = 1 ]; then "$PUPPET" agent --enable >/dev/null 2>&1 && echo "  re-enabled the puppet agent"; fi
  if [ "$KEEP" = 1 ]; then
    echo "  kept $WORK and what the module installed (TWITCH_ACCEPTANCE_KEEP=1)"
  else
    local i
    for i in "${!NODE_PATHS[@]}"; do
      if [ "${NODE_PRESENT_BEFORE[$i]:-1}" = 0 ] && [ -e "${NODE_PATHS[$i]}" ]; then rm -rf "${NODE_PATHS[$i]}"; fi
    done
    if [ "$USER_PRESENT_BEFORE" = 0 ] && id twitch >/dev/null 2>&1; then
      userdel twitch >/dev/null 2>&1 && echo "  removed the twitch user the module created"
      getent group twitch >/dev/null && groupdel twitch >/dev/null 2>&1
    fi
    [ -n "$WORK" ] && rm -rf "$WORK"
  fi
  end_phase
  echo
  echo "Timings:"
  printf '  %s\n' "${TIMINGS[@]}"
  printf '  %-58s %6ss\n' "total" "$(secs $(($(now_ms) - START_MS)))"
  echo
  if [ "$rc" != 0 ] || [ "$FAIL" != 0 ]; then
    echo "Failed:"
    printf '  - %s\n' "${FAILED[@]}"
    [ "$rc" = 0 ] && rc=1
    echo "acceptance: FAILED ($FAIL failed, $PASS passed)"
  else
    local line
    line=$(printf '%s; ' "${PROVED[@]}")
    echo "acceptance: PASSED - ${line%; }"
  fi
  echo "$PASS passed, $FAIL failed"
  exit "$rc"
}

preflight() {
  phase "preflight and packages"
  [ "$(id -u)" = 0 ] || die "run as root (it starts puppetserver, runs the agent and switches users)"
  [ -f "$ROOT/manifests/init.pp" ] || die "no module in $ROOT (manifests/init.pp missing)"
  [ -f "$ROOT/files/puppet-twitch.js" ] || die "no bundle in $ROOT/files/puppet-twitch.js (run: npm run build)"

  local need=()
  [ -x "$PUPPET" ] || need+=(puppet-agent)
  [ -f "$SERVER_JAR" ] || need+=(puppetserver)
  command -v java >/dev/null || need+=(default-jre-headless)
  command -v sudo >/dev/null || need+=(sudo)
  command -v curl >/dev/null || need+=(curl)
  command -v pgrep >/dev/null || need+=(procps)
  command -v setfacl >/dev/null || need+=(acl)
  [ -d /usr/share/puppet/modules/stdlib ] || need+=(puppet-module-puppetlabs-stdlib)
  if [ "${#need[@]}" -gt 0 ]; then
    log "installing: ${need[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >"$WORK/apt.log" 2>&1 || { show_log "$WORK/apt.log"; die "apt-get update failed"; }
    # The puppetserver package tries to start its service; without systemd that fails harmlessly.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >>"$WORK/apt.log" 2>&1 ||
      { show_log "$WORK/apt.log"; die "apt-get install ${need[*]} failed"; }
    [ -f "$SERVER_JAR" ] || die "puppetserver is not installed after apt-get ($SERVER_JAR missing)"
    [ -x "$PUPPET" ] || die "puppet is not installed after apt-get ($PUPPET missing)"
  fi
  id puppet >/dev/null 2>&1 || die "user 'puppet' missing (comes with the puppet packages)"

  FQDN=$(hostname -f)
  [ -n "$FQDN" ] || die "hostname -f is empty"
  getent hosts "$FQDN" >/dev/null || die "$FQDN does not resolve (the agent connects to the server by this name)"
  port_free 8140 || die "port 8140 is in use: another puppetserver running?"
  port_free "$PORT" || die "port $PORT is in use: set TWITCH_ACCEPTANCE_PORT"
  if run_in_progress; then die "a puppet agent run is in progress (pid $(lock_pid)); run the suite on an idle node"; fi
  if [ -f "$DISABLED_LOCKFILE" ]; then
    die "the puppet agent is disabled on this machine ($(cat "$DISABLED_LOCKFILE")); run 'puppet agent --enable' first"
  fi

  local i
  for i in "${!NODE_PATHS[@]}"; do
    if [ -e "${NODE_PATHS[$i]}" ]; then NODE_PRESENT_BEFORE[i]=1; else NODE_PRESENT_BEFORE[i]=0; fi
  done
  if id twitch >/dev/null 2>&1; then USER_PRESENT_BEFORE=1; else USER_PRESENT_BEFORE=0; fi
  ok "root, packages, $FQDN resolves, ports 8140 and $PORT free, agent idle and enabled"
}

# Everything lives in $WORK: the server's confdir, code, SSL, CA and logs. /etc/puppet is not changed; the agent
# gets --server and --ssldir on its command line, and the service's runs get them from the module's puppet_args.
configure() {
  phase "configuration (server confdir, environment)"
  install -d -m 0755 "$WORK/flags" "$WORK/code/environments/production/manifests" "$WORK/code/environments/production/modules"
  install -d -o puppet -g puppet -m 0771 "$WORK/ssl"
  install -d -o puppet -g puppet -m 0750 "$WORK/ca" "$WORK/server/etc" "$WORK/server/var" "$WORK/server/log" "$WORK/server/run"
  sed -e "s|@WORK@|$WORK|g" -e "s|@FQDN@|$FQDN|g" "$FIXTURES/server-puppet.conf.tmpl" >"$WORK/server/etc/puppet.conf"
  # --logdest console: without it (or --verbose) the agent logs to syslog only, and a failed run's log is empty.
  AGENT_ARGS=(--server "$FQDN" --ssldir "$WORK/ssl" --logdest console)

  CERTNAME=$("$PUPPET" config print certname --section agent 2>/dev/null)
  [ -n "$CERTNAME" ] || die "cannot read the agent certname"
  printf '%s\n' "$CERTNAME" >"$WORK/autosign.conf"
  chmod 0644 "$WORK/autosign.conf"

  local env=$WORK/code/environments/production
  printf 'modulepath = modules:/usr/share/puppet/modules\n' >"$env/environment.conf"
  # A copy of the module's own files, so the server (user puppet) can read it wherever this checkout lives.
  install -d -m 0755 "$env/modules/twitch"
  (cd "$ROOT" && cp -R manifests templates files data types hiera.yaml metadata.json "$env/modules/twitch/")
  chmod -R a+rX "$env/modules/twitch"
  sed -e "s|@FLAGS@|$WORK/flags|g" -e "s|@MARKER@|$WORK/marker|g" -e "s|@PORT@|$PORT|g" -e "s|@TAGGED@|$WORK/tagged|g" \
    -e "s|@STAGING@|$WORK/code/environments/staging|g" \
    -e "s|@FQDN@|$FQDN|g" -e "s|@SSLDIR@|$WORK/ssl|g" "$FIXTURES/site.pp.tmpl" >"$env/manifests/site.pp"
  # A second environment a caller may choose: its catalog only writes its own marker.
  install -d -m 0755 "$WORK/code/environments/staging/manifests"
  printf "node default {\n  exec { 'staging-marker': command => \"date +%%s.%%N >> '%s'\", provider => shell }\n}\n" \
    "$WORK/staging-marker" >"$WORK/code/environments/staging/manifests/site.pp"
  ok "server confdir and environment 'production' (module twitch = a copy of this checkout's module) in $WORK"
}

server_ready() {
  kill -0 "$SERVER_PID" 2>/dev/null || { show_log "$WORK/server/stdout.log"; die "puppetserver exited during start-up"; }
  [ "$(curl -sk --max-time 5 https://127.0.0.1:8140/status/v1/simple 2>/dev/null)" = running ]
}

start_puppetserver() {
  phase "puppetserver start"
  local conf=$WORK/server/conf.d
  cp -a "$SERVER_CONF_SRC" "$conf"
  cp "$FIXTURES/product.conf" "$conf/product.conf"
  sed -e "s|/var/log/puppetserver|$WORK/server/log|g" /etc/puppet/puppetserver/logback.xml >"$WORK/server/logback.xml"
  sed -e "s|/var/log/puppetserver|$WORK/server/log|g" /etc/puppet/puppetserver/request-logging.xml >"$WORK/server/request-logging.xml"
  sed -i -e "s|^\([[:space:]]*ssl-host:\).*|\1 127.0.0.1|" \
    -e "s|^\([[:space:]]*access-log-config:\).*|\1 $WORK/server/request-logging.xml|" "$conf/webserver.conf"
  sed -i -e "s|^\([[:space:]]*logging-config:\).*|\1 $WORK/server/logback.xml|" "$conf/global.conf"
  sed -i -e "s|^\([[:space:]]*server-conf-dir:\).*|\1 $WORK/server/etc|" \
    -e "s|^\([[:space:]]*server-code-dir:\).*|\1 $WORK/code|" \
    -e "s|^\([[:space:]]*server-run-dir:\).*|\1 $WORK/server/run|" \
    -e "s|^\([[:space:]]*server-var-dir:\).*|\1 $WORK/server/var|" \
    -e "s|^\([[:space:]]*server-log-dir:\).*|\1 $WORK/server/log|" "$conf/puppetserver.conf"
  grep -q "ssl-host: 127.0.0.1" "$conf/webserver.conf" || die "could not set ssl-host in $conf/webserver.conf"
  local key
  for key in server-conf-dir server-code-dir server-var-dir server-run-dir server-log-dir; do
    grep -q "$key: $WORK/" "$conf/puppetserver.conf" || die "could not set $key in $conf/puppetserver.conf"
  done
  chown -R puppet:puppet "$WORK/server"

  local java_args
  # shellcheck disable=SC1091,SC2153 # the package's defaults file sets JAVA_ARGS
  java_args=$(set +u; . /etc/default/puppetserver; printf '%s' "$JAVA_ARGS")
  # shellcheck disable=SC2086 # JAVA_ARGS is a list of words
  setpriv --reuid=puppet --regid=puppet --init-groups \
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$WORK/server/var" LANG=C.UTF-8 \
    java $java_args -Dlogappender=STDOUT -Djruby.lib=/usr/share/jruby/lib -jar "$SERVER_JAR" \
    --config "$conf" --bootstrap-config "$SERVER_BOOTSTRAP" >"$WORK/server/stdout.log" 2>&1 &
  SERVER_PID=$!
  log "puppetserver java pid $SERVER_PID; waiting for https://127.0.0.1:8140/status/v1/simple"
  wait_until "$T_SERVER" "puppetserver to answer /status/v1/simple" server_ready ||
    { show_log "$WORK/server/stdout.log"; die "puppetserver did not come up"; }
  ok "puppetserver answers 'running' on 127.0.0.1:8140"
}

first_agent_run() {
  phase "first agent run (builds the node)"
  local rc=0
  timeout "$T_FIRST_RUN" "$PUPPET" agent --onetime --no-daemonize "${AGENT_ARGS[@]}" --detailed-exitcodes \
    --no-usecacheonfailure >"$WORK/agent-first.log" 2>&1 || rc=$?
  if [ "$rc" != 0 ] && [ "$rc" != 2 ]; then
    show_log "$WORK/agent-first.log" 60
    show_log "$WORK/server/stdout.log" 20
    die "first agent run exited $rc (expected 0 or 2)"
  fi
  grep -q '^Error:' <(grep -v '/proc/1/environ' "$WORK/agent-first.log") &&
    { show_log "$WORK/agent-first.log" 60; die "first agent run logged errors"; }
  ok "first agent run applied the catalog (exit $rc)"
  check "the marker resource ran once" [ "$(marker_count)" = 1 ]
  check "the unit $UNIT was written" [ -f "$UNIT" ]
  [ -f "$UNIT" ] || die "no unit to start the service from"
  proved "the module builds the node through a real puppetserver"
}

# Reads User=, Group=, ExecStart=, Environment= and RuntimeDirectory*= from the rendered unit.
parse_unit() {
  local key value
  while IFS='=' read -r key value; do
    case $key in
      User) SVC_USER=$value ;;
      Group) SVC_GROUP=$value ;;
      ExecStart)
        # Only plain words: no quoting, specifiers or variables, which systemd would expand differently.
        case $value in *[\"\'\$%\\]*) die "ExecStart has quoting, specifiers or variables this suite cannot replay: $value" ;; esac
        value=${value#[-@+!:]}
        read -r -a SVC_CMD <<<"$value"
        ;;
      Environment)
        case $value in *[\"\'\$%\\]*) die "Environment= has quoting or specifiers this suite cannot replay: $value" ;; esac
        local words
        read -r -a words <<<"$value"
        SVC_ENV+=("${words[@]}")
        ;;
      RuntimeDirectory) read -r -a SVC_RUNTIME_DIRS <<<"$value" ;;
      RuntimeDirectoryMode) SVC_RUNTIME_MODE=$value ;;
      RuntimeDirectoryPreserve) SVC_RUNTIME_PRESERVE=$value ;;
      ExecStartPre | ExecStartPost | EnvironmentFile | WorkingDirectory | RootDirectory)
        die "the unit uses $key=, which this suite does not replay: $value" ;;
    esac
  done < <(sed -n 's/^[[:space:]]*\([A-Za-z]*\)=\(.*\)$/\1=\2/p' "$UNIT")
  [ -n "$SVC_USER" ] || die "$UNIT has no User= (the service must not run as root)"
  [ "${#SVC_CMD[@]}" -ge 2 ] || die "$UNIT has no usable ExecStart="
  [ -n "$SVC_GROUP" ] || SVC_GROUP=$(id -gn "$SVC_USER")
  NODE_BIN=${SVC_CMD[0]}
  BUNDLE=${SVC_CMD[1]}
  SVC_CONFIG=''
  local i
  for ((i = 2; i < ${#SVC_CMD[@]}; i++)); do
    case ${SVC_CMD[$i]} in
      --config) SVC_CONFIG=${SVC_CMD[$((i + 1))]:-} ;;
      --config=* | config=*) SVC_CONFIG=${SVC_CMD[$i]#*=} ;;
    esac
  done
  [ -n "$SVC_CONFIG" ] || die "ExecStart does not name a --config file: ${SVC_CMD[*]}"
  log "unit: User=$SVC_USER ExecStart=${SVC_CMD[*]}"
}

# The service's main PID is runuser's child (runuser forks to close its PAM session afterwards).
service_child_started() {
  kill -0 "$RUNUSER_PID" 2>/dev/null || { show_log "$SERVICE_LOG"; die "the service exited at start"; }
  SERVICE_PID=$(pgrep -P "$RUNUSER_PID" | head -n 1)
  [ -n "$SERVICE_PID" ]
}

service_up() {
  kill -0 "$SERVICE_PID" 2>/dev/null || { show_log "$SERVICE_LOG"; die "the service exited at start"; }
  healthz_ok
}

# Starts the service as systemd would from the unit: RuntimeDirectory created, then runuser -u User -- ExecStart.
start_service() {
  SERVICE_STARTS=$((SERVICE_STARTS + 1))
  local d
  for d in "${SVC_RUNTIME_DIRS[@]}"; do
    install -d -o "$SVC_USER" -g "$SVC_GROUP" -m "$SVC_RUNTIME_MODE" "/run/$d"
  done
  SERVICE_LOG=$WORK/service-$SERVICE_STARTS.log
  runuser -u "$SVC_USER" -g "$SVC_GROUP" -- env "${SVC_ENV[@]}" "${SVC_CMD[@]}" >"$SERVICE_LOG" 2>&1 &
  RUNUSER_PID=$!
  SERVICE_PID=''
  wait_until "$T_SERVICE" "the service process to start" service_child_started || die "the service process did not start"
  wait_until "$T_SERVICE" "the service to answer GET /healthz" service_up || { show_log "$SERVICE_LOG"; die "the service does not answer /healthz"; }
  log "service pid $SERVICE_PID (user $(ps -o user= -p "$SERVICE_PID")) answers /healthz on 127.0.0.1:$PORT"
}

# Stops the service as systemd would with KillMode=process: SIGTERM to the main PID only. Sets STOP_RC.
stop_service() {
  kill -TERM "$SERVICE_PID" 2>/dev/null || true
  STOP_RC=0
  if ! wait_until "$T_SERVICE" "the service to exit after SIGTERM" pid_gone "$RUNUSER_PID"; then
    STOP_RC=timeout
    kill -KILL "$SERVICE_PID" 2>/dev/null || true
  fi
  wait "$RUNUSER_PID" || STOP_RC=$?
  SERVICE_PID=''
  RUNUSER_PID=''
  case $SVC_RUNTIME_PRESERVE in
    yes | restart) ;;
    *) for d in "${SVC_RUNTIME_DIRS[@]}"; do rm -rf "/run/$d"; done ;;
  esac
}

service_start_phase() {
  phase "service start from the rendered unit"
  parse_unit
  start_service
  check "the service runs as $SVC_USER, not root" [ "$(ps -o user= -p "$SERVICE_PID")" = "$SVC_USER" ]
  check "the service user is not root" [ "$(id -u "$SVC_USER")" != 0 ]
  check "the unit runs this checkout's bundle (files/puppet-twitch.js installed as $BUNDLE)" cmp -s "$ROOT/files/puppet-twitch.js" "$BUNDLE"
  expect_http "health" 200 ok GET /healthz
}
