#!/bin/bash
# apt: puppet-agent puppet-module-puppetlabs-stdlib ruby-rspec-puppet ruby-puppetlabs-spec-helper ruby-rspec-puppet-facts facterdb puppet-lint puppet-strings ruby-puppet-syntax metadata-json-lint rake sudo curl systemd util-linux
# Tests of the twitch Puppet module: unit tests, lint, syntax and metadata,
# REFERENCE.md freshness, then a real apply on this machine (root only).
set -euo pipefail
cd "$(dirname "$0")/../.."

rake spec
rake lint
rake validate
rake syntax
rake reference
spec/module/apply.sh
