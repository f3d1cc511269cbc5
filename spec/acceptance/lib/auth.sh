# shellcheck shell=bash
# HTTPS with the node's own Puppet certificate (the module's tls => 'puppet') and client certificates made by
# the suite's real puppetserver CA: allowed, not allowed, and revoked. Sourced by run.sh.

SERVER_CONF() { echo "$WORK/server/etc/puppet.conf"; }

# ca_generate CERTNAME: a key and certificate signed by the suite's CA, in its ssldir.
ca_generate() {
  if puppetserver ca generate --certname "$1" --config "$(SERVER_CONF)" >"$WORK/ca-$1.log" 2>&1 &&
    [ -s "$WORK/ssl/certs/$1.pem" ] && [ -s "$WORK/ssl/private_keys/$1.pem" ]; then
    ok "puppetserver ca generate --certname $1"
  else
    show_log "$WORK/ca-$1.log"
    fail "puppetserver ca generate --certname $1 made no certificate"
  fi
}

# as_client CERTNAME: curl arguments presenting that client certificate.
as_client() { echo "--cert $WORK/ssl/certs/$1.pem --key $WORK/ssl/private_keys/$1.pem"; }

# refused_with CERTNAME: a connection with that certificate is refused by the service (closed after the
# handshake, or a 4xx). Asked with GET /healthz, which starts nothing while the certificate is still accepted;
# a certificate curl cannot load proves nothing.
refused_with() {
  [ -s "$WORK/ssl/certs/$1.pem" ] || return 1
  # shellcheck disable=SC2046
  http GET /healthz $(as_client "$1")
  case $HTTP_CODE in
    '000 (curl: (58)'*) return 1 ;;
    000* | 4*) return 0 ;;
  esac
  return 1
}

test_tls_puppet_ca() {
  phase "TLS with the Puppet CA: the node's certificate, client certificates, revocation"
  ca_generate ops01.ops.example.test
  ca_generate ops02.ops.example.test
  ca_generate web01.example.test
  set_flag tls
  # start_service waits for /healthz over HTTPS, verified with the Puppet CA's certificate.
  CURL_TLS=(--cacert "$WORK/ssl/certs/ca.pem" --resolve "$CERTNAME:$PORT:127.0.0.1")
  reapply "tls => 'puppet'"
  local dir
  dir=$(dirname "$SVC_CONFIG")/tls
  check "the module copied the node's key into $dir (0640 root:$SVC_GROUP)" \
    eval "[ \"\$(stat -c '%a %U %G' $dir/key.pem)\" = '640 root $SVC_GROUP' ] && cmp -s $dir/key.pem $WORK/ssl/private_keys/$CERTNAME.pem"
  expect_http "HTTPS, verified with the Puppet CA (curl --cacert)" 200 ok GET /healthz
  check "the service's certificate is the node's own ($CERTNAME)" \
    eval "openssl s_client -connect 127.0.0.1:$PORT -servername $CERTNAME </dev/null 2>/dev/null | openssl x509 -noout -subject | grep -q 'CN *= *$CERTNAME'"
  check "plain HTTP gets no answer from the HTTPS port" \
    eval "! curl -s --max-time 3 http://127.0.0.1:$PORT/healthz | grep -q ok"
  local count
  count=$(marker_count)
  expect_http "a trigger without a client certificate" 401 '~^Unauthorized' POST /puppet/twitch
  # shellcheck disable=SC2046
  expect_http "a trigger with web01.example.test (not in allowed_certnames)" 403 \
    "Forbidden: certificate web01.example.test is not in this node's tls.allowed_certnames." POST /puppet/twitch $(as_client web01.example.test)
  check "the refused triggers started no run" [ "$(marker_count)" = "$count" ]
  # shellcheck disable=SC2046
  expect_http "a trigger with ops01.ops.example.test (allowed)" 200 "Puppet run complete" POST '/puppet/twitch?async=false' $(as_client ops01.ops.example.test)
  local location
  location=$(sed -n 's/^location: *//Ip' <<<"$HTTP_HDRS")
  # shellcheck disable=SC2046
  http GET "$location" $(as_client ops01.ops.example.test)
  expect_json "the run's record names the certificate" 'r.identity' cert:ops01.ops.example.test
  settle
  # shellcheck disable=SC2046
  expect_http "a trigger with ops02.ops.example.test before it is revoked" 200 "Puppet run complete" POST '/puppet/twitch?async=false' $(as_client ops02.ops.example.test)
  settle

  if puppetserver ca revoke --certname ops02.ops.example.test --config "$(SERVER_CONF)" >"$WORK/ca-revoke.log" 2>&1; then
    ok "puppetserver ca revoke --certname ops02.ops.example.test"
  else
    show_log "$WORK/ca-revoke.log"
    fail "puppetserver ca revoke failed"
  fi
  # The agent's CRL is refreshed from the CA (as Puppet does when it downloads a new one); the next agent
  # run copies it for the service, which reloads it without a restart.
  count=$(marker_count)
  cp "$WORK/ca/ca_crl.pem" "$WORK/ssl/crl.pem"
  local pid=$SERVICE_PID rc=0
  settle
  timeout "$T_FIRST_RUN" "$PUPPET" agent --onetime --no-daemonize "${AGENT_ARGS[@]}" --detailed-exitcodes \
    --no-usecacheonfailure >"$WORK/agent-crl.log" 2>&1 || rc=$?
  check "an agent run copied the new CRL (exit $rc)" eval "cmp -s $WORK/ca/ca_crl.pem $dir/crl.pem"
  if wait_until 30 "the service to refuse the revoked certificate" refused_with ops02.ops.example.test; then
    ok "ops02.ops.example.test is refused once the CRL is refreshed ($HTTP_CODE)"
  else
    fail "the revoked certificate is still accepted: $HTTP_CODE '$HTTP_BODY'"
  fi
  check "the service reloaded the CRL without a restart (same pid $pid)" [ "$SERVICE_PID" = "$pid" ]
  # shellcheck disable=SC2046
  expect_http "ops01.ops.example.test is still accepted" 200 "Puppet run complete" POST '/puppet/twitch?async=false' $(as_client ops01.ops.example.test)
  settle

  clear_flag tls
  CURL_TLS=()
  reapply "tls => 'none'"
  expect_http "plain HTTP again" 200 ok GET /healthz
  proved "HTTPS with the node's Puppet certificate; CA client certificates allowed, refused, and revoked"
}
