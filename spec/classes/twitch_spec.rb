# frozen_string_literal: true

require 'spec_helper'

# Releases whose own nodejs package is older than Node.js 18.19.
OLD_NODEJS = {
  'debian-11-x86_64' => ['Debian 11', '12.22'],
  'ubuntu-20.04-x86_64' => ['Ubuntu 20.04', '10.19'],
  'ubuntu-22.04-x86_64' => ['Ubuntu 22.04', '12.22'],
}.freeze

UNIT = '/etc/systemd/system/puppet-twitch.service'
CONFIG = '/etc/puppet-twitch/config.json'
BUNDLE = '/opt/puppet-twitch/puppet-twitch.js'
SUDOERS = '/etc/sudoers.d/twitch'

describe 'twitch' do
  def file_content(path)
    resource = catalogue.resource('File', path)
    raise "File[#{path}] is not in the catalog" unless resource

    resource[:content]
  end

  def config_json
    JSON.parse(file_content(CONFIG))
  end

  def unit_lines
    file_content(UNIT).lines.map(&:chomp)
  end

  on_supported_os.each do |os, os_facts|
    context "on #{os}" do
      let(:facts) { os_facts }
      let(:params) { OLD_NODEJS.key?(os) ? { manage_nodejs: false } : {} }

      it { is_expected.to compile.with_all_deps }

      it 'applies install, config and service in that order' do
        is_expected.to contain_class('twitch::install').that_comes_before('Class[twitch::config]')
        is_expected.to contain_class('twitch::config').that_comes_before('Class[twitch::service]')
      end

      it 'creates a system group and a user without login shell or password' do
        is_expected.to contain_group('twitch').with(ensure: 'present', system: true)
        is_expected.to contain_user('twitch').with(
          ensure: 'present', gid: 'twitch', home: '/var/lib/puppet-twitch',
          shell: '/usr/sbin/nologin', password: '!', system: true
        )
        is_expected.to contain_file('/var/lib/puppet-twitch').with(
          ensure: 'directory', owner: 'twitch', group: 'twitch', mode: '0750'
        )
      end

      it 'installs the bundle owned by root and not writable by the service user' do
        is_expected.to contain_file('/opt/puppet-twitch').with(ensure: 'directory', owner: 'root', group: 'root', mode: '0755')
        is_expected.to contain_file(BUNDLE).with(
          ensure: 'file', owner: 'root', group: 'root', mode: '0644',
          source: 'puppet:///modules/twitch/puppet-twitch.js'
        )
      end

      it 'writes config.json readable by the group only, with the contract keys' do
        is_expected.to contain_file('/etc/puppet-twitch').with(ensure: 'directory', owner: 'root', group: 'twitch', mode: '0750')
        is_expected.to contain_file(CONFIG).with(ensure: 'file', owner: 'root', group: 'twitch', mode: '0640')
        expect(config_json.keys).to contain_exactly('bind', 'port', 'run_dir', 'puppet')
        expect(config_json['puppet'].keys).to contain_exactly(
          'bin', 'mode', 'manifest', 'sudo', 'lockfile', 'disabled_lockfile', 'args'
        )
        expect(config_json).to include('bind' => '0.0.0.0', 'port' => 2023, 'run_dir' => '/run/puppet-twitch')
        expect(config_json['puppet']).to include('mode' => 'agent', 'sudo' => true, 'args' => [])
      end

      it 'allows exactly the helper command in sudoers' do
        is_expected.to contain_file(SUDOERS).with(
          ensure: 'file', owner: 'root', group: 'root', mode: '0440', validate_cmd: '/usr/sbin/visudo -cf %'
        )
        rules = file_content(SUDOERS).lines.map(&:strip).reject { |l| l.empty? || l.start_with?('#') }
        expect(rules).to eq([
                              'Defaults:twitch !requiretty',
                              "twitch ALL=(root) NOPASSWD: /usr/bin/node #{BUNDLE} helper --config #{CONFIG}",
                            ])
      end

      it 'gives the service user its run directory' do
        is_expected.to contain_file('/run/puppet-twitch').with(ensure: 'directory', owner: 'twitch', group: 'twitch', mode: '0750')
      end

      it 'writes a systemd unit that runs the bundle as the service user' do
        is_expected.to contain_file(UNIT).with(ensure: 'file', owner: 'root', group: 'root', mode: '0644')
        expect(unit_lines).to include(
          'User=twitch', 'Group=twitch',
          "ExecStart=/usr/bin/node #{BUNDLE} serve --config #{CONFIG}",
          'Restart=on-failure', 'LimitNOFILE=65536', 'KillMode=process',
          'RuntimeDirectory=puppet-twitch', 'WantedBy=multi-user.target'
        )
      end

      it 'does not sandbox the unit in ways that break sudo or the Puppet runs' do
        expect(unit_lines.grep(%r{\A(NoNewPrivileges|PrivateTmp|ProtectSystem|ProtectHome|ProtectKernel\w*|CapabilityBoundingSet|SystemCallFilter)=})).to be_empty
      end

      it 'reloads systemd when the unit changes, before the service' do
        is_expected.to contain_file(UNIT).that_notifies('Exec[puppet-twitch-systemctl-daemon-reload]')
        is_expected.to contain_exec('puppet-twitch-systemctl-daemon-reload').with(
          command: 'systemctl daemon-reload', refreshonly: true
        )
      end

      it 'runs the service and restarts it when its config, bundle or unit change' do
        is_expected.to contain_service('puppet-twitch').with(ensure: 'running', enable: true)
          .that_requires('Exec[puppet-twitch-systemctl-daemon-reload]')
          .that_subscribes_to(["File[#{CONFIG}]", "File[#{BUNDLE}]", "File[#{UNIT}]"])
        is_expected.to contain_service('puppet-twitch').that_requires(['User[twitch]', "File[#{SUDOERS}]"])
      end

      if OLD_NODEJS.key?(os)
        context 'with manage_nodejs => true' do
          let(:params) { { manage_nodejs: true } }

          name, version = OLD_NODEJS[os]
          it 'refuses to compile and says how to bring a newer Node.js' do
            is_expected.to compile.and_raise_error(
              %r{#{name} provides Node\.js #{Regexp.escape(version)} \(package nodejs\), but puppet-twitch needs Node\.js >= 18\.19\. Set manage_nodejs => false and point node_binary at a Node\.js >= 18\.19}
            )
          end
        end

        it { is_expected.not_to contain_package('nodejs') }
      elsif os_facts[:os]['family'] == 'RedHat'
        it 'enables the nodejs:20 module stream, then installs nodejs' do
          is_expected.to contain_package('nodejs:20').with(
            name: 'nodejs', ensure: '20', provider: 'dnfmodule', enable_only: true
          ).that_comes_before('Package[nodejs]')
          is_expected.to contain_package('nodejs').with(ensure: 'installed')
        end
      else
        it 'installs the OS nodejs package' do
          is_expected.to contain_package('nodejs').with(ensure: 'installed')
          is_expected.not_to contain_package('nodejs:20')
        end
      end

      context 'with Puppet AIO packages' do
        let(:facts) { os_facts.merge(aio_agent_version: '8.10.0') }

        it 'uses the AIO puppet and its state directory' do
          expect(config_json['puppet']).to include(
            'bin' => '/opt/puppetlabs/bin/puppet',
            'manifest' => '/etc/puppetlabs/code/environments/production/manifests/site.pp',
            'lockfile' => '/opt/puppetlabs/puppet/cache/state/agent_catalog_run.lock',
            'disabled_lockfile' => '/opt/puppetlabs/puppet/cache/state/agent_disabled.lock'
          )
        end
      end

      context 'with the distribution puppet packages' do
        let(:facts) { os_facts.reject { |k, _| k.to_s == 'aio_agent_version' } }

        if os_facts[:os]['family'] == 'Debian'
          it 'uses /usr/bin/puppet and the Debian state directory' do
            expect(config_json['puppet']).to include(
              'bin' => '/usr/bin/puppet',
              'manifest' => '/etc/puppet/code/environments/production/manifests/site.pp',
              'lockfile' => '/var/cache/puppet/state/agent_catalog_run.lock',
              'disabled_lockfile' => '/var/cache/puppet/state/agent_disabled.lock'
            )
          end
        else
          it 'falls back to the AIO paths' do
            expect(config_json['puppet']).to include('bin' => '/opt/puppetlabs/bin/puppet')
          end
        end
      end

      context 'with ensure => absent' do
        let(:params) { { ensure: 'absent' } }

        it { is_expected.to compile.with_all_deps }

        it 'stops the service before removing its files, then the user and group' do
          is_expected.to contain_class('twitch::service').that_comes_before('Class[twitch::config]')
          is_expected.to contain_class('twitch::config').that_comes_before('Class[twitch::install]')
          is_expected.to contain_service('puppet-twitch').with(ensure: 'stopped', enable: false)
            .that_comes_before("File[#{UNIT}]")
          is_expected.to contain_file(UNIT).with_ensure('absent')
            .that_notifies('Exec[puppet-twitch-systemctl-daemon-reload]')
          is_expected.to contain_file('/var/lib/puppet-twitch').with(ensure: 'absent', force: true)
            .that_comes_before('User[twitch]')
          is_expected.to contain_user('twitch').with_ensure('absent').that_comes_before('Group[twitch]')
          is_expected.to contain_group('twitch').with_ensure('absent')
        end

        it 'removes configuration, sudoers rule, bundle and run directory' do
          [CONFIG, '/etc/puppet-twitch', SUDOERS, BUNDLE, '/opt/puppet-twitch', '/run/puppet-twitch'].each do |path|
            is_expected.to contain_file(path).with_ensure('absent')
          end
        end

        it 'leaves Node.js installed' do
          is_expected.not_to contain_package('nodejs')
        end
      end
    end
  end

  context 'on Debian 12 with other parameters' do
    let(:facts) { on_supported_os['debian-12-x86_64'] }

    context 'with a masterless setup' do
      let(:params) do
        {
          bind: '127.0.0.1', port: 8090, puppet_mode: 'apply', apply_manifest: '/srv/site.pp',
          puppet_args: ['--tags=web', '--noop'], puppet_bin: '/usr/local/bin/puppet',
          puppet_lockfile: '/srv/state/run.lock', puppet_disabled_lockfile: '/srv/state/off.lock',
          run_dir: '/var/lib/twitch-run'
        }
      end

      it 'writes every setting into config.json' do
        expect(config_json).to eq(
          'bind' => '127.0.0.1', 'port' => 8090, 'run_dir' => '/var/lib/twitch-run',
          'puppet' => {
            'bin' => '/usr/local/bin/puppet', 'mode' => 'apply', 'manifest' => '/srv/site.pp',
            'sudo' => true, 'lockfile' => '/srv/state/run.lock',
            'disabled_lockfile' => '/srv/state/off.lock', 'args' => ['--tags=web', '--noop']
          }
        )
      end

      it 'manages a run_dir outside /run without RuntimeDirectory=' do
        is_expected.to contain_file('/var/lib/twitch-run').with(ensure: 'directory', owner: 'twitch')
        expect(unit_lines.grep(%r{\ARuntimeDirectory})).to be_empty
      end
    end

    context 'with another user, node, directories and service name' do
      let(:params) do
        {
          user: 'trigger', group: 'ops', uid: 4000, gid: 4001, home: '/home/trigger',
          node_binary: '/opt/node-20/bin/node', install_dir: '/usr/local/lib/twitch',
          config_dir: '/etc/twitch', service_name: 'twitch-web', manage_nodejs: false
        }
      end

      it 'uses them in the user, sudoers rule and unit' do
        is_expected.to contain_group('ops').with_gid(4001)
        is_expected.to contain_user('trigger').with(uid: 4000, gid: 'ops', home: '/home/trigger')
        is_expected.to contain_file('/etc/sudoers.d/trigger').with_content(
          %r{^trigger ALL=\(root\) NOPASSWD: /opt/node-20/bin/node /usr/local/lib/twitch/puppet-twitch\.js helper --config /etc/twitch/config\.json$}
        )
        is_expected.to contain_file('/etc/twitch/config.json').with(group: 'ops', mode: '0640')
        is_expected.to contain_file('/etc/systemd/system/twitch-web.service')
          .with_content(%r{^ExecStart=/opt/node-20/bin/node /usr/local/lib/twitch/puppet-twitch\.js serve --config /etc/twitch/config\.json$})
          .with_content(%r{^User=trigger$})
          .with_content(%r{^Group=ops$})
        is_expected.to contain_service('twitch-web')
        is_expected.not_to contain_package('nodejs')
      end
    end

    context 'with manage_user => false' do
      let(:params) { { manage_user: false } }

      it 'leaves user, group and home alone' do
        is_expected.not_to contain_user('twitch')
        is_expected.not_to contain_group('twitch')
        is_expected.not_to contain_file('/var/lib/puppet-twitch')
        is_expected.to contain_file(SUDOERS)
      end
    end

    context 'with manage_service => false' do
      let(:params) { { manage_service: false } }

      it 'writes the unit but leaves the service alone' do
        is_expected.to contain_file(UNIT)
        is_expected.not_to contain_service('puppet-twitch')
      end
    end

    context 'with the service stopped and disabled' do
      let(:params) { { service_ensure: 'stopped', service_enable: false } }

      it { is_expected.to contain_service('puppet-twitch').with(ensure: 'stopped', enable: false) }
    end

    context 'with ensure => absent and manage_user => false' do
      let(:params) { { ensure: 'absent', manage_user: false } }

      it 'keeps the user and group' do
        is_expected.not_to contain_user('twitch')
        is_expected.not_to contain_group('twitch')
        is_expected.to contain_file(SUDOERS).with_ensure('absent')
      end
    end

    {
      port: [70_000, 80, 0, '2023'],
      bind: ['not-an-address', '10.0.0.0/8', ''],
      puppet_mode: ['bogus', 'Agent'],
      ensure: ['latest', 'installed'],
      config_dir: ['etc/puppet-twitch', '/etc/puppet twitch', '/etc/../tmp', '/etc/twitch/'],
      install_dir: ['opt/puppet-twitch', '/opt/a,b'],
      node_binary: ['node', '/usr/bin/node --inspect'],
      run_dir: ['run/puppet-twitch'],
      home: ['var/lib/twitch'],
      apply_manifest: ['site.pp'],
      puppet_bin: ['puppet'],
      user: ['Twitch', 'tw.itch', 'root ALL', ''],
      group: ['tw itch'],
      uid: [-1, 'twitch'],
      puppet_args: ['--noop', [''], ['--tags', 'web'], ['-t'], ["--tags=a\nb"]],
      service_name: ['puppet twitch', 'a/b'],
      service_ensure: ['restarted'],
      manage_user: ['yes'],
    }.each do |param, values|
      values.each do |value|
        context "with #{param} => #{value.inspect}" do
          let(:params) { { param => value } }

          it { is_expected.to compile.and_raise_error(%r{parameter '#{param}'}) }
        end
      end
    end
  end
end
