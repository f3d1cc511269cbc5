#!/bin/bash
# Applies the twitch module from this checkout for real, drives the service it
# installs through HTTP, sudo and the root helper, checks that a second apply
# changes nothing, that the unit passes systemd-analyze verify and that the
# built release installs and applies, then removes everything with
# ensure => absent. Run as root on a machine without a twitch user.
set -euo pipefail

checkout=$(cd "$(dirname "$0")/../.." && pwd)
port=2099
node_binary=${NODE_BINARY:-/usr/bin/node}
user=twitch
unit=/etc/systemd/system/puppet-twitch.service
leftovers=(/etc/sudoers.d/twitch /etc/puppet-twitch /opt/puppet-twitch "$unit" /var/lib/puppet-twitch /run/puppet-twitch)
tarball="$checkout/pkg/puppettwitch-twitch-$(sed -n 's/^ *"version": *"\(.*\)",$/\1/p' "$checkout/metadata.json").tar.gz"

passed=0
failed=0
tmp=''
pid=''
applied=no
built=no
pkg_existed=no

pass() {
  passed=$((passed + 1))
  echo "ok - $*"
}

fail() {
  failed=$((failed + 1))
  echo "not ok - $*" >&2
  exit 1
}

# puppet apply with this module; prints the log without Facter's harmless
# complaint about /proc/1/environ and returns puppet's detailed exit code.
papply() {
  local modulepath=$1 manifest=$2 rc=0
  puppet apply --detailed-exitcodes --color=false --vardir "$tmp/var" \
    --modulepath "$modulepath:/usr/share/puppet/modules" "$manifest" >"$tmp/apply.raw" 2>&1 || rc=$?
  grep -v 'Error: Facter: Permission denied.*/proc/1/environ' "$tmp/apply.raw" >"$tmp/apply.log" || true
  if grep -q '^Error:' "$tmp/apply.log"; then
    cat "$tmp/apply.log" >&2
    return 1
  fi
  return "$rc"
}

# expect_apply <what> <expected detailed exit code> <modulepath> <manifest>
expect_apply() {
  local rc=0
  papply "$3" "$4" || rc=$?
  if [[ $rc != "$2" ]]; then
    cat "$tmp/apply.log" >&2
    fail "$1: puppet apply exited $rc, expected $2"
  fi
  pass "$1 (exit $rc)"
}

stop_service() {
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    wait "$pid" 2>/dev/null || true
  fi
  pid=''
}

cleanup() {
  local rc=$?
  stop_service
  if [[ $applied == yes ]]; then
    papply "$tmp/modules" "$tmp/absent.pp" >/dev/null 2>&1 || true
  fi
  if [[ $built == yes ]]; then
    rm -f "$tarball"
    [[ $pkg_existed == yes ]] || rmdir "$checkout/pkg" 2>/dev/null || true
  fi
  [[ -n $tmp ]] && rm -rf "$tmp"
  if ((rc != 0 && failed == 0)); then
    failed=1
  fi
  echo "apply.sh: $passed passed, $failed failed"
  exit "$rc"
}

[[ $(id -u) == 0 ]] || fail 'must run as root'
[[ -f $checkout/files/puppet-twitch.js ]] || fail 'files/puppet-twitch.js is missing: run npm run build first'
for path in "${leftovers[@]}"; do
  [[ ! -e $path ]] || fail "$path already exists: refusing to touch this machine"
done
! id "$user" >/dev/null 2>&1 || fail "user $user already exists: refusing to touch this machine"
! getent group "$user" >/dev/null || fail "group $user already exists: refusing to touch this machine"
! curl -s -o /dev/null "http://127.0.0.1:$port/" || fail "port $port is already in use"

# Below /var/lib, not /tmp: the root helper trusts a manifest only when every directory above it is root's alone.
tmp=$(mktemp -d /var/lib/twitch-apply.XXXXXX)
chmod 0755 "$tmp"
trap cleanup EXIT
mkdir -p "$tmp/modules" "$tmp/installed"
ln -s "$checkout" "$tmp/modules/twitch"

# What the service's Puppet runs apply: one marker file.
cat >"$tmp/site.pp" <<EOF
file { '$tmp/marker': ensure => file, content => "triggered\n" }
EOF
cat >"$tmp/present.pp" <<EOF
class { 'twitch':
  manage_service => false,
  manage_nodejs  => false,
  node_binary    => '$node_binary',
  bind           => '127.0.0.1',
  port           => $port,
  puppet_mode    => 'apply',
  apply_manifest => '$tmp/site.pp',
}
EOF
cat >"$tmp/absent.pp" <<EOF
class { 'twitch':
  ensure         => absent,
  manage_service => false,
}
EOF

applied=yes
expect_apply 'first apply installs the service' 2 "$tmp/modules" "$tmp/present.pp"

id -u "$user" >/dev/null && [[ $(getent passwd "$user" | cut -d: -f7) == /usr/sbin/nologin ]] ||
  fail "user $user missing or has a login shell"
[[ $(stat -c '%U:%G %a' /etc/puppet-twitch/config.json) == "root:$user 640" ]] || fail 'config.json ownership or mode'
[[ $(stat -c '%U:%G %a' /etc/sudoers.d/twitch) == 'root:root 440' ]] || fail 'sudoers file ownership or mode'
[[ $(stat -c '%U %a' /opt/puppet-twitch/puppet-twitch.js) == 'root 644' ]] || fail 'bundle ownership or mode'
cmp -s "$checkout/files/puppet-twitch.js" /opt/puppet-twitch/puppet-twitch.js || fail 'installed bundle differs'
cmp -s "$checkout/files/THIRD-PARTY-LICENSES.txt" /opt/puppet-twitch/THIRD-PARTY-LICENSES.txt || fail 'the libraries'"'"' licences are not installed beside the bundle'
visudo -cf /etc/sudoers.d/twitch >/dev/null || fail 'sudoers file does not parse'
[[ $(stat -c '%U:%G %a' /var/lib/puppet-twitch) == "$user:$user 750" ]] || fail 'state directory ownership or mode'
pass 'files, user, state directory and sudoers rule are in place'

# The one root command: setsid --fork first, so that the root Node.js is not sudo's child.
helper="/usr/bin/setsid --fork $node_binary /opt/puppet-twitch/puppet-twitch.js helper --config /etc/puppet-twitch/config.json"
# COLUMNS: sudo wraps long entries at 80 columns when not on a terminal.
entries=$(runuser -u "$user" -- env COLUMNS=1000 sudo -n -l </dev/null 2>&1 |
  sed -n '/may run the following commands/,$p' | sed '1d;/^[[:space:]]*$/d;s/^[[:space:]]*//')
[[ $entries == "(root) NOPASSWD: $helper" ]] || fail "sudo -l as $user lists: $entries"
pass "sudo -l as $user lists exactly: $helper"
# shellcheck disable=SC2086 # the helper command is split into its words
if runuser -u "$user" -- sudo -n ${helper#/usr/bin/setsid --fork } </dev/null >/dev/null 2>&1; then
  fail 'sudo runs the helper without setsid --fork'
fi
pass 'sudo refuses the helper without setsid --fork'

# Start the daemon exactly as the unit says.
svc_user=$(sed -n 's/^User=//p' "$unit")
execstart=$(sed -n 's/^ExecStart=//p' "$unit")
[[ $svc_user == "$user" && -n $execstart ]] || fail "unit has User=$svc_user ExecStart=$execstart"
# shellcheck disable=SC2086 # ExecStart is split into words as systemd does.
runuser -u "$svc_user" -- $execstart >"$tmp/service.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  grep -qs "listening on http://127.0.0.1:$port" "$tmp/service.log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/service.log" >&2; fail 'service exited at start'; }
  sleep 0.2
done
grep -q "listening on http://127.0.0.1:$port" "$tmp/service.log" || fail 'service does not listen'
pass "service runs as $svc_user on 127.0.0.1:$port from config.json"

code=$(curl -sS -o "$tmp/body" -w '%{http_code}' --max-time 600 -X POST \
  "http://127.0.0.1:$port/puppet/twitch?async=false")
if [[ $code != 200 || $(cat "$tmp/body") != 'Puppet run complete' || ! -f $tmp/marker ]]; then
  cat "$tmp/body" "$tmp/service.log" >&2
  fail "triggered run: HTTP $code $(cat "$tmp/body")"
fi
pass 'HTTP trigger ran puppet through sudo and the helper (200 Puppet run complete, marker written)'
[[ -s /run/puppet-twitch/last-run.log && $(stat -c %U /run/puppet-twitch/last-run.log) == "$user" ]] ||
  fail 'no last-run.log of the service user in run_dir'
pass 'the service wrote last-run.log into run_dir'
record=$(find /var/lib/puppet-twitch -maxdepth 1 -name '*.json' ! -name '*.report.json' -user "$user" | head -n 1)
[[ -n $record ]] && grep -q '"outcome":"changes"' "$record" && [[ $(stat -c %a /var/lib/puppet-twitch) == 750 ]] ||
  fail "no finished run record of the service user in the state directory /var/lib/puppet-twitch ($record)"
pass "the run's record is in state_dir, the service user's ($(basename "$record"))"

stop_service
expect_apply 'second apply changes nothing' 0 "$tmp/modules" "$tmp/present.pp"

verify=$(systemd-analyze verify "$unit" 2>&1) || true
[[ -z $verify ]] || fail "systemd-analyze verify: $verify"
pass 'systemd-analyze verify prints nothing'

[[ -d $checkout/pkg ]] && pkg_existed=yes
(cd "$checkout" && rake build >"$tmp/build.log" 2>&1) || { cat "$tmp/build.log" >&2; fail 'rake build'; }
built=yes
top=$(tar -tzf "$tarball" | cut -d/ -f1 | sort -u)
[[ $top == "$(basename "$tarball" .tar.gz)" ]] || fail "tarball top directory: $top"
! tar -tzf "$tarball" | grep -qE '/(spec|ts|node_modules|bench)/' || fail 'tarball contains non-module files'
puppet module install --ignore-dependencies "$tarball" --target-dir "$tmp/installed" >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log" >&2; fail 'puppet module install'; }
[[ -f $tmp/installed/twitch/files/puppet-twitch.js ]] || fail 'installed release has no bundle'
pass 'built release installs with puppet module install'
expect_apply 'the installed release applies with no changes' 0 "$tmp/installed" "$tmp/present.pp"

expect_apply 'ensure => absent removes the service' 2 "$tmp/modules" "$tmp/absent.pp"
! id "$user" >/dev/null 2>&1 || fail "user $user still exists"
! getent group "$user" >/dev/null || fail "group $user still exists"
for path in "${leftovers[@]}"; do
  [[ ! -e $path ]] || fail "$path still exists"
done
pass 'user, group, sudoers rule, config, bundle, unit and directories are gone'
expect_apply 'ensure => absent again changes nothing' 0 "$tmp/modules" "$tmp/absent.pp"
applied=no
