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
STATE_DIR = '/var/lib/puppet-twitch'
HELPER = "/usr/bin/setsid --fork /usr/bin/node #{BUNDLE} helper --config #{CONFIG}"
AIO_PATHS = {
  'bin' => '/opt/puppetlabs/bin/puppet',
  'statedir' => '/opt/puppetlabs/puppet/cache/state',
  'lastrunfile' => '/opt/puppetlabs/puppet/public/last_run_summary.yaml',
  'lastrunreport' => '/opt/puppetlabs/puppet/cache/state/last_run_report.yaml',
}.freeze
AIO_MANIFEST = '/etc/puppetlabs/code/environments/production/manifests/site.pp'

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

  # Windows has a catalog of its own: spec/classes/windows_spec.rb.
  on_supported_os.reject { |_, f| f[:os]['family'] == 'windows' }.each do |os, os_facts|
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
      end

      it 'gives the service user its home, which is also the state directory' do
        is_expected.to contain_file(STATE_DIR).with(ensure: 'directory', owner: 'twitch', group: 'twitch', mode: '0750')
          .that_requires('User[twitch]')
      end

      it 'installs the bundle owned by root and not writable by the service user' do
        is_expected.to contain_file('/opt/puppet-twitch').with(ensure: 'directory', owner: 'root', group: 'root', mode: '0755')
        is_expected.to contain_file(BUNDLE).with(
          ensure: 'file', owner: 'root', group: 'root', mode: '0644',
          source: 'puppet:///modules/twitch/puppet-twitch.js'
        )
        is_expected.to contain_file('/opt/puppet-twitch/THIRD-PARTY-LICENSES.txt').with(
          ensure: 'file', owner: 'root', group: 'root', mode: '0644',
          source: 'puppet:///modules/twitch/THIRD-PARTY-LICENSES.txt'
        )
      end

      it 'writes config.json readable by the group only, with the contract keys' do
        is_expected.to contain_file('/etc/puppet-twitch').with(ensure: 'directory', owner: 'root', group: 'twitch', mode: '0750')
        is_expected.to contain_file(CONFIG).with(ensure: 'file', owner: 'root', group: 'twitch', mode: '0640')
        expect(config_json.keys).to eq(%w[bind port run_dir state_dir history output_max_bytes output_window_bytes puppet auth limits allowed_hosts metrics access_log control])
        expect(config_json['puppet'].keys).to eq(
          %w[bin mode sudo setsid statedir lastrunfile lastrunreport environments max_splay run_timeout args]
        )
        expect(config_json).to include(
          'bind' => '0.0.0.0', 'port' => 2023, 'run_dir' => '/run/puppet-twitch',
          'state_dir' => STATE_DIR, 'history' => 100, 'output_max_bytes' => 1_048_576,
          'output_window_bytes' => 4_194_304
        )
        expect(config_json['puppet']).to include(
          'mode' => 'agent', 'sudo' => true, 'setsid' => '/usr/bin/setsid', 'environments' => [],
          'max_splay' => 0, 'run_timeout' => 3600, 'args' => []
        )
      end

      it 'writes puppet.manifest in apply mode only' do
        expect(config_json['puppet']).not_to have_key('manifest')
      end

      it 'allows exactly the helper command in sudoers' do
        is_expected.to contain_file(SUDOERS).with(
          ensure: 'file', owner: 'root', group: 'root', mode: '0440', validate_cmd: '/usr/sbin/visudo -cf %'
        )
        rules = file_content(SUDOERS).lines.map(&:strip).reject { |l| l.empty? || l.start_with?('#') }
        expect(rules).to eq([
                              'Defaults:twitch !requiretty, env_reset',
                              'Defaults:twitch secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"',
                              "twitch ALL=(root) NOPASSWD: #{HELPER}",
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
        is_expected.to contain_service('puppet-twitch').that_requires(['User[twitch]', "File[#{SUDOERS}]", "File[#{STATE_DIR}]"])
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

        it 'uses the AIO puppet, its state directory and its last run summary' do
          expect(config_json['puppet']).to include(AIO_PATHS)
        end

        context 'in apply mode' do
          let(:params) { super().merge(puppet_mode: 'apply') }

          it 'runs the AIO production manifest' do
            expect(config_json['puppet']).to include(AIO_PATHS.merge('mode' => 'apply', 'manifest' => AIO_MANIFEST))
          end
        end
      end

      context 'with the distribution puppet packages' do
        let(:facts) { os_facts.reject { |k, _| k.to_s == 'aio_agent_version' } }
        let(:params) { super().merge(puppet_mode: 'apply') }

        if os_facts[:os]['family'] == 'Debian'
          it 'uses /usr/bin/puppet, the Debian state directory, last run summary and last run report' do
            expect(config_json['puppet']).to include(
              'bin' => '/usr/bin/puppet',
              'manifest' => '/etc/puppet/code/environments/production/manifests/site.pp',
              'statedir' => '/var/cache/puppet/state',
              'lastrunfile' => '/var/cache/puppet/public/last_run_summary.yaml',
              'lastrunreport' => '/var/cache/puppet/state/last_run_report.yaml'
            )
          end
        else
          it 'uses the AIO paths (the OS has no Puppet packages of its own)' do
            expect(config_json['puppet']).to include(AIO_PATHS.merge('manifest' => AIO_MANIFEST))
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
          is_expected.to contain_file(STATE_DIR).with(ensure: 'absent', force: true)
            .that_comes_before('User[twitch]')
          is_expected.to contain_user('twitch').with_ensure('absent').that_comes_before('Group[twitch]')
          is_expected.to contain_group('twitch').with_ensure('absent')
        end

        it 'removes configuration, sudoers rule, bundle, run and state directories' do
          [CONFIG, '/etc/puppet-twitch', SUDOERS, BUNDLE, '/opt/puppet-twitch/THIRD-PARTY-LICENSES.txt', '/opt/puppet-twitch', '/run/puppet-twitch', STATE_DIR].each do |path|
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
          puppet_statedir: '/srv/state', puppet_lastrunfile: '/srv/public/summary.yaml',
          puppet_lastrunreport: '/srv/state/report.yaml',
          setsid_binary: '/bin/setsid', environments: ['production', 'feature_1'], max_splay: 86_400,
          run_timeout: 604_800, state_dir: '/srv/twitch', history: 10_000, run_dir: '/var/lib/twitch-run',
          output_max_bytes: 0, output_window_bytes: 65_536
        }
      end

      it 'writes every setting into config.json' do
        expect(config_json.except('allowed_hosts')).to eq(
          'bind' => '127.0.0.1', 'port' => 8090, 'run_dir' => '/var/lib/twitch-run',
          'state_dir' => '/srv/twitch', 'history' => 10_000, 'output_max_bytes' => 0, 'output_window_bytes' => 65_536,
          'puppet' => {
            'bin' => '/usr/local/bin/puppet', 'mode' => 'apply', 'manifest' => '/srv/site.pp',
            'sudo' => true, 'setsid' => '/bin/setsid', 'statedir' => '/srv/state',
            'lastrunfile' => '/srv/public/summary.yaml', 'lastrunreport' => '/srv/state/report.yaml',
            'environments' => ['production', 'feature_1'],
            'max_splay' => 86_400, 'run_timeout' => 604_800, 'args' => ['--tags=web', '--noop']
          },
          'auth' => { 'tokens' => [], 'webhooks' => [], 'allow_from' => [], 'public_read' => false },
          'limits' => { 'triggers_per_minute' => 60, 'min_run_interval' => 0 },
          'metrics' => { 'enabled' => true, 'public' => false },
          'access_log' => 'default',
          'control' => { 'max_disable_ttl' => 604_800 }
        )
      end

      it 'allows the helper through that setsid' do
        is_expected.to contain_file(SUDOERS).with_content(
          %r{^twitch ALL=\(root\) NOPASSWD: /bin/setsid --fork /usr/bin/node #{Regexp.escape(BUNDLE)} helper --config #{Regexp.escape(CONFIG)}$}
        )
      end

      it 'manages the home and the state directory apart' do
        is_expected.to contain_file(STATE_DIR).with(ensure: 'directory', owner: 'twitch', mode: '0750')
        is_expected.to contain_file('/srv/twitch').with(ensure: 'directory', owner: 'twitch', group: 'twitch', mode: '0750')
      end

      it 'manages a run_dir outside /run without RuntimeDirectory=' do
        is_expected.to contain_file('/var/lib/twitch-run').with(ensure: 'directory', owner: 'twitch')
        expect(unit_lines.grep(%r{\ARuntimeDirectory})).to be_empty
      end
    end

    context 'with a schedule replacing the agent daemon' do
      let(:params) do
        {
          schedule_cron: '*/30 * * * *', schedule_splay: 300, schedule_timezone: 'Europe/Berlin',
          schedule_options: { 'noop' => false, 'tags' => ['base'] }, manage_agent_service: true
        }
      end

      it 'writes the schedule into config.json' do
        expect(config_json['schedule']).to eq(
          'cron' => '*/30 * * * *', 'splay' => 300, 'timezone' => 'Europe/Berlin',
          'options' => { 'noop' => false, 'tags' => ['base'] }
        )
      end

      it "stops and disables Puppet's agent service once this one runs" do
        is_expected.to contain_service('puppet').with(ensure: 'stopped', enable: false)
          .that_requires('Service[puppet-twitch]')
      end

      context 'without manage_agent_service' do
        let(:params) { super().merge(manage_agent_service: false) }

        it { is_expected.not_to contain_service('puppet') }
      end
    end

    context 'with manage_agent_service but no schedule' do
      let(:params) { { manage_agent_service: true } }

      it 'leaves the agent service alone and writes no schedule' do
        is_expected.not_to contain_service('puppet')
        expect(config_json).not_to have_key('schedule')
      end
    end

    context 'with an invalid cron expression' do
      let(:params) { { schedule_cron: '*/30 * *' } }

      it { is_expected.to compile.and_raise_error(%r{schedule_cron}) }
    end

    it 'installs the launcher into the PATH' do
      is_expected.to contain_file('/usr/local/bin/puppet-twitch').with(owner: 'root', mode: '0755')
        .with_content(%r{^exec /usr/bin/node #{Regexp.escape(BUNDLE)} "\$@"$})
    end

    context 'with manage_launcher => false' do
      let(:params) { { manage_launcher: false } }

      it { is_expected.not_to contain_file('/usr/local/bin/puppet-twitch') }
    end

    context 'with tokens, webhooks, an allowlist and limits' do
      let(:token) { { 'id' => 'deploy', 'sha256' => 'a' * 64, 'scopes' => ['trigger', 'read'] } }
      let(:params) do
        {
          tokens: [token], allow_from: ['10.0.0.0/8', '2001:db8::/32'], public_read: true,
          webhooks: [{ 'id' => 'control-repo', 'type' => 'github', 'secret' => sensitive('s3cret-s3cret-s3cret') }],
          triggers_per_minute: 10, min_run_interval: 120, audit_log: '/var/log/twitch-audit.log'
        }
      end

      def secret_config
        JSON.parse(file_content(CONFIG))
      end

      it 'writes them into config.json, the webhook secret unwrapped' do
        expect(secret_config['auth']).to eq(
          'tokens' => [token], 'allow_from' => ['10.0.0.0/8', '2001:db8::/32'], 'public_read' => true,
          'webhooks' => [{ 'id' => 'control-repo', 'type' => 'github', 'secret' => 's3cret-s3cret-s3cret' }]
        )
        expect(secret_config['limits']).to eq('triggers_per_minute' => 10, 'min_run_interval' => 120)
        expect(secret_config['audit_log']).to eq('/var/log/twitch-audit.log')
      end

      it 'keeps the file secret: Sensitive content, no diff, readable by the group only' do
        is_expected.to contain_file(CONFIG).with(show_diff: false, owner: 'root', group: 'twitch', mode: '0640')
        expect(catalogue.resource('File', CONFIG).sensitive_parameters).to include(:content)
      end
    end

    context 'with webhook options, the held-answer and refusal limits, and more host names' do
      let(:node) { 'node01.example.com' }
      let(:params) do
        {
          webhooks: [{ 'id' => 'gh', 'type' => 'github', 'secret' => sensitive('s3cret-s3cret-s3cret'), 'options' => { 'noop' => true, 'tags' => ['ntp'] } }],
          refused_triggers_per_minute: 100, max_held: 64, allowed_hosts: ['twitch.example.com', 'node01.example.com']
        }
      end

      it "writes them, and the node's own names from facts as allowed_hosts" do
        config = JSON.parse(file_content(CONFIG))
        expect(config['auth']['webhooks']).to eq([{ 'id' => 'gh', 'type' => 'github', 'secret' => 's3cret-s3cret-s3cret', 'options' => { 'noop' => true, 'tags' => ['ntp'] } }])
        expect(config['limits']).to eq('triggers_per_minute' => 60, 'min_run_interval' => 0, 'refused_triggers_per_minute' => 100, 'max_held' => 64)
        names = ['node01.example.com', 'node01', 'twitch.example.com']
        expect(config['allowed_hosts']).to match_array(names)
      end
    end

    context 'with a host name that is not one' do
      let(:params) { { allowed_hosts: ['http://evil.example.net'] } }

      it { is_expected.to compile.and_raise_error(%r{allowed_hosts}) }
    end

    context "with access_log => 'none'" do
      let(:params) { { access_log: 'none' } }

      it 'writes it into config.json' do
        expect(config_json['access_log']).to eq('none')
      end
    end

    context 'with control_max_disable_ttl and a token of scope control' do
      let(:params) do
        { control_max_disable_ttl: 86_400, tokens: [{ 'id' => 'ops', 'sha256' => 'b' * 64, 'scopes' => ['control', 'read'] }] }
      end

      it 'writes both into config.json' do
        expect(config_json['control']).to eq('max_disable_ttl' => 86_400)
        expect(config_json['auth']['tokens']).to eq([{ 'id' => 'ops', 'sha256' => 'b' * 64, 'scopes' => ['control', 'read'] }])
      end
    end

    context 'with control_max_disable_ttl under a minute' do
      let(:params) { { control_max_disable_ttl: 59 } }

      it { is_expected.to compile.and_raise_error(%r{control_max_disable_ttl}) }
    end

    context 'with metrics => false and metrics_public => true' do
      let(:params) { { metrics: false, metrics_public: true } }

      it 'writes both into config.json' do
        expect(config_json['metrics']).to eq('enabled' => false, 'public' => true)
      end
    end

    context 'with a plaintext token' do
      let(:params) { { tokens: [{ 'id' => 'deploy', 'sha256' => 'not-a-hash', 'scopes' => ['trigger'] }] } }

      it { is_expected.to compile.and_raise_error(%r{tokens}) }
    end

    context "with tls => 'puppet'" do
      let(:params) { { tls: 'puppet', client_certs: 'required', allowed_certnames: ['*.ops.example.com'] } }
      let(:node) { 'node01.example.com' }

      it "copies the node's certificate, key, CA and CRL from Puppet's ssldir" do
        {
          'cert.pem' => ['/var/lib/puppet/ssl/certs/node01.example.com.pem', '0644'],
          'key.pem' => ['/var/lib/puppet/ssl/private_keys/node01.example.com.pem', '0640'],
          'ca.pem' => ['/var/lib/puppet/ssl/certs/ca.pem', '0644'],
          'crl.pem' => ['/var/lib/puppet/ssl/crl.pem', '0644'],
        }.each do |name, (source, mode)|
          is_expected.to contain_file("/etc/puppet-twitch/tls/#{name}").with(
            source: source, owner: 'root', group: 'twitch', mode: mode, show_diff: false
          )
        end
      end

      it 'points the service at the copies' do
        expect(config_json['tls']).to eq(
          'cert' => '/etc/puppet-twitch/tls/cert.pem', 'key' => '/etc/puppet-twitch/tls/key.pem',
          'ca' => '/etc/puppet-twitch/tls/ca.pem', 'crl' => '/etc/puppet-twitch/tls/crl.pem',
          'client_certs' => 'required', 'allowed_certnames' => ['*.ops.example.com']
        )
      end

      context 'with the AIO packages' do
        let(:facts) { super().merge(aio_agent_version: '8.10.0') }

        it { is_expected.to contain_file('/etc/puppet-twitch/tls/key.pem').with_source('/etc/puppetlabs/puppet/ssl/private_keys/node01.example.com.pem') }
      end
    end

    context "with tls => 'files'" do
      let(:params) { { tls: 'files', tls_cert: '/etc/ssl/twitch.pem', tls_key: '/etc/ssl/twitch.key', tls_ca: '/etc/ssl/ca.pem' } }

      it 'uses the files as given, without copies' do
        expect(config_json['tls']).to eq(
          'cert' => '/etc/ssl/twitch.pem', 'key' => '/etc/ssl/twitch.key', 'ca' => '/etc/ssl/ca.pem',
          'client_certs' => 'none', 'allowed_certnames' => []
        )
        is_expected.to contain_file('/etc/puppet-twitch/tls').with_ensure('absent')
      end

      context 'without a key' do
        let(:params) { super().merge(tls_key: :undef) }

        it { is_expected.to compile.and_raise_error(%r{tls => files needs tls_cert, tls_key and tls_ca}) }
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
        is_expected.to contain_file('/home/trigger').with(ensure: 'directory', owner: 'trigger', group: 'ops', mode: '0750')
        is_expected.to contain_file(STATE_DIR).with(ensure: 'directory', owner: 'trigger', group: 'ops', mode: '0750')
        is_expected.to contain_file('/etc/sudoers.d/trigger').with_content(
          %r{^trigger ALL=\(root\) NOPASSWD: /usr/bin/setsid --fork /opt/node-20/bin/node /usr/local/lib/twitch/puppet-twitch\.js helper --config /etc/twitch/config\.json$}
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

      it 'leaves user and group alone' do
        is_expected.not_to contain_user('twitch')
        is_expected.not_to contain_group('twitch')
        is_expected.to contain_file(SUDOERS)
      end

      it 'still manages the state directory' do
        is_expected.to contain_file(STATE_DIR).with(ensure: 'directory', owner: 'twitch', group: 'twitch', mode: '0750')
      end

      context 'and another home' do
        let(:params) { super().merge(home: '/home/twitch') }

        it 'does not manage the home' do
          is_expected.not_to contain_file('/home/twitch')
          is_expected.to contain_file(STATE_DIR)
        end
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

      it 'keeps the user and group, removes the state directory' do
        is_expected.not_to contain_user('twitch')
        is_expected.not_to contain_group('twitch')
        is_expected.to contain_file(SUDOERS).with_ensure('absent')
        is_expected.to contain_file(STATE_DIR).with(ensure: 'absent', force: true)
      end
    end

    context 'with ensure => absent and a state directory apart from the home' do
      let(:params) { { ensure: 'absent', state_dir: '/srv/twitch' } }

      it 'removes both before the user' do
        [STATE_DIR, '/srv/twitch'].each do |path|
          is_expected.to contain_file(path).with(ensure: 'absent', force: true).that_comes_before('User[twitch]')
        end
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
      setsid_binary: ['setsid', '/usr/bin/setsid --fork', '/usr/bin/setsid/'],
      run_dir: ['run/puppet-twitch'],
      home: ['var/lib/twitch'],
      state_dir: ['var/lib/twitch', '/var/lib/twitch/', '/var/lib/puppet twitch'],
      history: [0, 10_001, '100', 1.5],
      output_max_bytes: [-1, 1_073_741_825, '1048576', 1.5],
      output_window_bytes: [65_535, 1_073_741_825, '4194304', 1.5],
      environments: ['production', ['Production'], ['feature-1'], [''], ['../x'], ['a b'], [1]],
      max_splay: [-1, 86_401, '30', 1.5],
      run_timeout: [-1, 604_801, '3600'],
      puppet_statedir: ['state', ''],
      puppet_lastrunfile: ['last_run_summary.yaml'],
      puppet_lastrunreport: ['last_run_report.yaml', 'C:\\ProgramData\\last_run_report.yaml'],
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
