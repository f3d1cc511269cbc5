#!/usr/bin/env bash
# Installs everything the project's commands need on Debian 12 with Node.js 20, as root:
# Debian packages with apt-get, npm packages with `npm ci` from the committed lockfile.
# Usage: bash .ci/setup.sh [quickstart]   (quickstart: only what the demo needs)
set -euo pipefail
cd "$(dirname "$0")/.."

quickstart_packages=(puppet-agent sudo curl)
test_packages=(
  puppet-agent puppetserver sudo curl wrk systemd procps acl util-linux openssl prometheus
  jq libxml2-utils rake ruby-rspec-puppet ruby-puppetlabs-spec-helper ruby-rspec-puppet-facts facterdb ruby-puppet-syntax
  puppet-lint puppet-strings metadata-json-lint puppet-module-puppetlabs-stdlib puppetdb dbconfig-no-thanks postgresql
)
if [ "${1:-}" = quickstart ]; then packages=("${quickstart_packages[@]}"); else packages=("${test_packages[@]}"); fi

if [ "$(id -u)" != 0 ]; then
  echo "setup: run as root (it installs Debian packages and creates users for the tests)" >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 18 ]; then
  echo "setup: Node.js >= 18.19 is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi

if [ "${1:-}" != quickstart ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
