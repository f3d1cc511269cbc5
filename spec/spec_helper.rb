# frozen_string_literal: true

require 'json'

# Fact sets missing from the installed facterdb (Debian 12, Ubuntu 22.04 and
# 24.04, RedHat family 9) live in spec/facts. FacterDB reads this variable
# when it first loads its database.
ENV['FACTERDB_SEARCH_PATHS'] = File.expand_path('facts', __dir__)

RSpec.configure do |c|
  c.mock_with :rspec
end

require 'puppetlabs_spec_helper/module_spec_helper'
require 'rspec-puppet-facts'
include RspecPuppetFacts

RSpec.configure do |c|
  # The newest fact sets available for each OS, up to the installed Facter.
  c.default_facter_version = Facter.version
end

# on_supported_os silently skips an OS it has no facts for. Fail instead, so
# every OS of metadata.json is tested.
unless ENV['SPEC_FACTS_OS']
  metadata = JSON.parse(File.read(File.expand_path('../metadata.json', __dir__)))
  expected = metadata['operatingsystem_support'].flat_map do |os|
    os['operatingsystemrelease'].map { |rel| "#{os['operatingsystem'].downcase}-#{rel}-x86_64" }
  end
  missing = expected - on_supported_os.keys
  raise "No fact set for #{missing.join(', ')}: add them to spec/facts" unless missing.empty?
end
