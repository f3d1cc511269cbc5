# frozen_string_literal: true

require 'spec_helper'
require 'json'
require 'open3'
require 'tmpdir'

# The module's defaults and the service's built-in defaults are stated in two places (module data and class
# parameters; ts/config/defaults.ts). They must agree: the config the module renders with its defaults must be
# what the service computes from its own defaults, given only what the module sets on purpose.
BUNDLE_FILE = File.expand_path('../../files/puppet-twitch.js', __dir__)

# What the module sets on purpose (the service has no default for them, or another one for a manual start).
DELIBERATE = {
  'run_dir' => ->(c) { c['run_dir'] },
  'puppet' => ->(c) { c['puppet'].slice('bin', 'mode', 'sudo') },
  # the node's own names, from facts: the service knows only its host name
  'allowed_hosts' => ->(c) { c['allowed_hosts'] },
}.freeze

def effective_config(config)
  Dir.mktmpdir do |dir|
    file = File.join(dir, 'config.json')
    File.write(file, JSON.generate(config))
    out, err, status = Open3.capture3('node', BUNDLE_FILE, 'config', '--config', file)
    raise "node #{BUNDLE_FILE} config failed (#{status.exitstatus}): #{err}" unless status.success?

    JSON.parse(out)
  end
end

describe 'twitch' do
  debian12 = on_supported_os.find { |os, _| os.start_with?('debian-12') }
  raise 'no Debian 12 facts' if debian12.nil?

  {
    "Debian 12 with Debian's puppet packages" => debian12[1].reject { |k, _| k.to_s == 'aio_agent_version' },
    'Debian 12 with the AIO packages' => debian12[1].merge(aio_agent_version: '8.10.0'),
  }.each do |what, node_facts|
    context "on #{what}" do
      let(:facts) { node_facts }

      it "renders the service's own defaults for every key it does not set on purpose" do
        raise "#{BUNDLE_FILE} is missing: run npm run build" unless File.exist?(BUNDLE_FILE)

        rendered = JSON.parse(catalogue.resource('File', '/etc/puppet-twitch/config.json')[:content])
        minimal = DELIBERATE.to_h { |key, pick| [key, pick.call(rendered)] }
        expect(effective_config(rendered)).to eq(effective_config(minimal))
      end
    end
  end
end
