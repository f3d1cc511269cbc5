# frozen_string_literal: true

require 'spec_helper'

# The module on Windows, compiled with facterdb's Windows fact sets. What nssm, the service control manager
# and the ACLs then do on a real Windows node is not tested here (README, "The module on Windows").
module WindowsCatalog
  BASE = 'C:\ProgramData\PuppetTwitch'
  CONFIG = "#{BASE}\\config.json"
  BIN = "#{BASE}\\bin"
  BUNDLE = "#{BIN}\\puppet-twitch.js"
  STATE = "#{BASE}\\state"
  RUN = "#{BASE}\\run"
  NODE = 'C:\Program Files\nodejs\node.exe'
  NSSM = 'C:\Program Files\nssm\nssm.exe'
  SYSTEM32 = 'C:\Windows\system32'
  ADMINISTRATORS = 'S-1-5-32-544'
  LOCAL_SERVICE = 'S-1-5-19'
  PUPPET = {
    'bin' => 'C:\Program Files\Puppet Labs\Puppet\bin\puppet.bat',
    'statedir' => 'C:\ProgramData\PuppetLabs\puppet\cache\state',
    'lastrunfile' => 'C:\ProgramData\PuppetLabs\puppet\public\last_run_summary.yaml',
    'lastrunreport' => 'C:\ProgramData\PuppetLabs\puppet\cache\state\last_run_report.yaml',
  }.freeze
  SERVICES = { 'puppet-twitch-helper' => 'helper-service', 'puppet-twitch' => 'serve' }.freeze

  # The parent directory of a Windows path, as Puppet's file type finds it on Windows to autorequire it
  # (rspec-puppet compiles on Linux, where that does not happen).
  def self.parent(path)
    head = path.rpartition('\\').first
    head.empty? || head.match?(%r{\A[A-Za-z]:\z}) ? nil : head
  end

  # Cycles in the catalog's relationship graph once every file also depends on its nearest managed
  # parent directory, as it does on Windows.
  def self.cycles_with_parents(catalogue)
    ral = catalogue.to_ral
    graph = ral.relationship_graph
    ral.resources.select { |r| r.type == :file }.each do |file|
      dir = parent(file[:path])
      dir = parent(dir) until dir.nil? || ral.resource('File', dir)
      graph.add_edge(ral.resource('File', dir), file) if dir
    end
    graph.find_cycles_in_graph
  end
end

W = WindowsCatalog

describe 'twitch' do
  def content(path)
    resource = catalogue.resource('File', path)
    raise "File[#{path}] is not in the catalog" unless resource

    resource[:content]
  end

  def config_json
    JSON.parse(content(W::CONFIG))
  end

  def script(service)
    content("#{W::BIN}\\#{service}.nssm.cmd").lines.map(&:chomp)
  end

  windows = on_supported_os.select { |_, f| f[:os]['family'] == 'windows' }
  raise 'no Windows fact sets' if windows.empty?

  windows.each do |os, os_facts|
    context "on #{os}" do
      let(:facts) { os_facts }

      it { is_expected.to compile.with_all_deps }

      it 'has no sudoers rule, systemd unit, POSIX user or group or Node.js package' do
        expect(catalogue.resources.map(&:to_s).grep(%r{sudoers|systemd|/usr/})).to be_empty
        is_expected.not_to contain_user('twitch')
        is_expected.not_to contain_group('twitch')
        is_expected.not_to contain_exec('puppet-twitch-systemctl-daemon-reload')
        is_expected.not_to contain_package('nodejs')
        expect(catalogue.resources.select { |r| r.type == 'Package' }).to be_empty
      end

      it 'has no dependency cycle once files depend on their parent directories, as on Windows' do
        expect(WindowsCatalog.cycles_with_parents(catalogue)).to be_empty
      end

      it 'applies install, config and service in that order' do
        is_expected.to contain_class('twitch::install').that_comes_before('Class[twitch::config]')
        is_expected.to contain_class('twitch::config').that_comes_before('Class[twitch::service]')
        is_expected.to contain_class('twitch::service::windows')
        is_expected.not_to contain_class('twitch::service::systemd')
      end

      it 'owns the configuration and the bundle by Administrators; the service account may read the configuration' do
        is_expected.to contain_file(W::BASE).with(ensure: 'directory', owner: W::ADMINISTRATORS, group: W::LOCAL_SERVICE, mode: '0750')
        is_expected.to contain_file(W::CONFIG).with(ensure: 'file', owner: W::ADMINISTRATORS, group: W::LOCAL_SERVICE, mode: '0640')
        is_expected.to contain_file(W::BIN).with(ensure: 'directory', owner: W::ADMINISTRATORS, group: W::ADMINISTRATORS, mode: '0755')
        is_expected.to contain_file(W::BUNDLE).with(
          ensure: 'file', owner: W::ADMINISTRATORS, group: W::ADMINISTRATORS, mode: '0644',
          source: 'puppet:///modules/twitch/puppet-twitch.js'
        )
        is_expected.to contain_file("#{W::BIN}\\THIRD-PARTY-LICENSES.txt").with(
          ensure: 'file', owner: W::ADMINISTRATORS, group: W::ADMINISTRATORS, mode: '0644',
          source: 'puppet:///modules/twitch/THIRD-PARTY-LICENSES.txt'
        )
      end

      it 'gives the service account its state and run directories' do
        [W::STATE, W::RUN].each do |dir|
          is_expected.to contain_file(dir).with(ensure: 'directory', owner: W::LOCAL_SERVICE, group: W::ADMINISTRATORS, mode: '0750')
        end
      end

      it "writes config.json with Windows paths, the privilege boundary on and no setsid" do
        expect(config_json).to include('run_dir' => W::RUN, 'state_dir' => W::STATE, 'bind' => '0.0.0.0', 'port' => 2023)
        expect(config_json['puppet']).to include(W::PUPPET.merge('mode' => 'agent', 'sudo' => true))
        expect(config_json['puppet'].keys).to eq(%w[bin mode sudo statedir lastrunfile lastrunreport environments max_splay run_timeout args])
        expect(config_json['allowed_hosts']).to include('foo.example.com', 'foo')
      end

      it 'creates each service with a script that runs the bundle through nssm' do
        W::SERVICES.each do |service, action|
          is_expected.to contain_file("#{W::BIN}\\#{service}.nssm.cmd").with(owner: W::ADMINISTRATORS, group: W::ADMINISTRATORS, mode: '0750')
          expect(script(service)).to include(
            %(set "ERRORLEVEL=" 2>nul),
            %(set NSSM="#{W::NSSM}"),
            %(set SC="#{W::SYSTEM32}\\sc.exe"),
            %(%SC% query #{service} >nul 2>&1),
            %(if %errorlevel% neq 0 %NSSM% install #{service} "#{W::NODE}" >nul),
            %(%NSSM% set #{service} Application "#{W::NODE}" >nul),
            %(%NSSM% set #{service} AppParameters "#{W::BUNDLE} #{action} --config #{W::CONFIG}" >nul),
            %(%NSSM% set #{service} AppKillProcessTree 0 >nul)
          )
          lines = script(service)
          commands = lines.each_index.select { |i| lines[i].match?(%r{\A(if %errorlevel% neq 0 )?%(NSSM|SC)% }) }
          query = commands.find { |i| lines[i].start_with?('%SC% query ') }
          # The query's status decides the install; every other command's status is checked on the next line
          # (with %errorlevel%: Wine's cmd.exe does not honour ||).
          expect(lines[query + 1]).to start_with('if %errorlevel% neq 0 %NSSM% install ')
          expect((commands - [query]).map { |i| lines[i + 1] }).to all(eq('if %errorlevel% neq 0 exit /b 1'))
          expect(commands.size).to eq(17)
          expect(lines.grep_v(%r{\Arem }).grep(%r{\|\|})).to be_empty
          expect(content("#{W::BIN}\\#{service}.nssm.cmd").lines).to all(end_with("\r\n"))
        end
      end

      it 'runs the helper as LocalSystem and the HTTP service as LocalService, each logging where only it writes' do
        expect(script('puppet-twitch-helper')).to include(
          '%SC% config puppet-twitch-helper obj= "LocalSystem" password= "" >nul',
          %(%NSSM% set puppet-twitch-helper AppStdout "#{W::BASE}\\puppet-twitch-helper.log" >nul)
        )
        expect(script('puppet-twitch')).to include(
          '%SC% config puppet-twitch obj= "NT AUTHORITY\LocalService" password= "" >nul',
          %(%NSSM% set puppet-twitch AppStdout "#{W::RUN}\\puppet-twitch.log" >nul)
        )
      end

      it 'runs a script when it changes, and when its service is missing' do
        W::SERVICES.each_key do |service|
          command = %("#{W::SYSTEM32}\\cmd.exe" /c "#{W::BIN}\\#{service}.nssm.cmd")
          is_expected.to contain_exec("#{service}-nssm-configure").with(command: command, refreshonly: true)
            .that_subscribes_to("File[#{W::BIN}\\#{service}.nssm.cmd]")
          is_expected.to contain_exec("#{service}-nssm-create").with(command: command, unless: %("#{W::SYSTEM32}\\sc.exe" query #{service}))
            .that_requires("Exec[#{service}-nssm-configure]")
        end
      end

      it 'runs both services, the helper first, and restarts them when the configuration, bundle or script change' do
        W::SERVICES.each_key do |service|
          is_expected.to contain_service(service).with(ensure: 'running', enable: true)
            .that_requires("Exec[#{service}-nssm-create]")
            .that_subscribes_to(["File[#{W::CONFIG}]", "File[#{W::BUNDLE}]", "Exec[#{service}-nssm-configure]"])
        end
        is_expected.to contain_service('puppet-twitch-helper').that_comes_before('Service[puppet-twitch]')
      end

      it 'installs the launcher beside the bundle, with CRLF line ends' do
        is_expected.to contain_file("#{W::BIN}\\puppet-twitch.cmd").with(owner: W::ADMINISTRATORS, mode: '0755')
        expect(content("#{W::BIN}\\puppet-twitch.cmd")).to end_with(%("#{W::NODE}" "#{W::BUNDLE}" %*\r\n))
        expect(content("#{W::BIN}\\puppet-twitch.cmd").lines).to all(end_with("\r\n"))
      end

      context 'without the AIO fact' do
        let(:facts) { os_facts.reject { |k, _| k.to_s == 'aio_agent_version' } }

        it "still uses Puppet's Windows paths" do
          expect(config_json['puppet']).to include(W::PUPPET)
        end
      end

      context 'in apply mode' do
        let(:params) { { puppet_mode: 'apply' } }

        it 'runs the production manifest below C:\ProgramData\PuppetLabs\code' do
          expect(config_json['puppet']['manifest']).to eq('C:\ProgramData\PuppetLabs\code\environments\production\manifests\site.pp')
        end
      end

      context 'with ensure => absent' do
        let(:params) { { ensure: 'absent' } }

        it { is_expected.to compile.with_all_deps }

        it 'has no dependency cycle once files depend on their parent directories, as on Windows' do
          expect(WindowsCatalog.cycles_with_parents(catalogue)).to be_empty
        end

        it 'stops and deletes the HTTP service, then the helper, before removing files' do
          is_expected.to contain_class('twitch::service').that_comes_before('Class[twitch::config]')
          is_expected.to contain_class('twitch::config').that_comes_before('Class[twitch::install]')
          W::SERVICES.each_key do |service|
            is_expected.to contain_exec("#{service}-remove").with(
              command: %("#{W::SYSTEM32}\\cmd.exe" /c "#{W::SYSTEM32}\\net.exe stop #{service} /y & #{W::SYSTEM32}\\sc.exe delete #{service}"),
              onlyif: %("#{W::SYSTEM32}\\sc.exe" query #{service})
            )
            is_expected.not_to contain_service(service)
            is_expected.not_to contain_file("#{W::BIN}\\#{service}.nssm.cmd")
          end
          is_expected.to contain_exec('puppet-twitch-remove').that_comes_before('Exec[puppet-twitch-helper-remove]')
        end

        it 'removes the configuration, bundle, launcher and directories' do
          [W::CONFIG, W::BUNDLE, W::BIN, W::STATE, W::RUN, W::BASE].each do |path|
            is_expected.to contain_file(path).with(ensure: 'absent', force: true)
          end
          is_expected.to contain_file("#{W::BIN}\\puppet-twitch.cmd").with_ensure('absent')
        end

        it 'has no sudoers rule, unit, user, group or package to remove' do
          expect(catalogue.resources.map(&:to_s).grep(%r{sudoers|systemd|/usr/})).to be_empty
          is_expected.not_to contain_user('twitch')
          is_expected.not_to contain_group('twitch')
          expect(catalogue.resources.select { |r| r.type == 'Package' }).to be_empty
        end
      end
    end
  end

  context 'on Windows 2019 with other parameters' do
    let(:facts) { on_supported_os['windows-2019-x86_64'] }

    context 'with nssm and Node.js from the operator\'s package source' do
      let(:params) do
        {
          nssm_package: 'nssm', windows_package_provider: 'chocolatey', windows_package_source: 'https://choco.example.com/api/v2/',
          nssm_path: 'C:\ProgramData\chocolatey\lib\NSSM\tools\nssm.exe', manage_nodejs: true, nodejs_package: 'nodejs-lts'
        }
      end

      it 'installs both with that provider and source, nssm before the scripts run' do
        %w[nssm nodejs-lts].each do |package|
          is_expected.to contain_package(package).with(
            ensure: 'installed', provider: 'chocolatey', source: 'https://choco.example.com/api/v2/'
          )
        end
        W::SERVICES.each_key do |service|
          is_expected.to contain_package('nssm').that_comes_before(["Exec[#{service}-nssm-configure]", "Exec[#{service}-nssm-create]"])
          expect(script(service)).to include('set NSSM="C:\ProgramData\chocolatey\lib\NSSM\tools\nssm.exe"')
        end
      end
    end

    context 'with the network service account, other directories and service names' do
      let(:params) do
        {
          service_account: 'NT AUTHORITY\NetworkService', config_dir: 'D:\twitch', install_dir: 'D:\twitch\app',
          state_dir: 'E:\twitch-state', run_dir: 'E:\twitch-run', node_binary: 'D:\Node 20\node.exe',
          service_name: 'twitch-web', helper_service_name: 'twitch-root'
        }
      end

      it 'uses them in the files, scripts and services' do
        is_expected.to contain_file('D:\twitch\config.json').with(owner: W::ADMINISTRATORS, group: 'S-1-5-20')
        is_expected.to contain_file('E:\twitch-state').with(owner: 'S-1-5-20')
        is_expected.to contain_file('E:\twitch-run').with(owner: 'S-1-5-20')
        lines = content('D:\twitch\app\twitch-web.nssm.cmd').lines.map(&:chomp)
        expect(lines).to include(
          '%NSSM% set twitch-web Application "D:\Node 20\node.exe" >nul',
          '%NSSM% set twitch-web AppParameters "D:\twitch\app\puppet-twitch.js serve --config D:\twitch\config.json" >nul',
          '%NSSM% set twitch-web AppStdout "E:\twitch-run\twitch-web.log" >nul',
          '%SC% config twitch-web obj= "NT AUTHORITY\NetworkService" password= "" >nul'
        )
        expect(content('D:\twitch\app\twitch-root.nssm.cmd')).to include('helper-service --config D:\twitch\config.json', 'D:\twitch\twitch-root.log')
        is_expected.to contain_service('twitch-root').that_comes_before('Service[twitch-web]')
        expect(JSON.parse(content('D:\twitch\config.json'))).to include('state_dir' => 'E:\twitch-state', 'run_dir' => 'E:\twitch-run')
      end
    end

    context 'with manage_launcher => false' do
      let(:params) { { manage_launcher: false } }

      it { is_expected.not_to contain_file("#{W::BIN}\\puppet-twitch.cmd") }
    end

    context 'with manage_service => false' do
      let(:params) { { manage_service: false } }

      it 'creates the services but leaves their state alone' do
        W::SERVICES.each_key do |service|
          is_expected.to contain_exec("#{service}-nssm-create")
          is_expected.not_to contain_service(service)
        end
      end
    end

    context 'with the services stopped and disabled' do
      let(:params) { { service_ensure: 'stopped', service_enable: false } }

      it { W::SERVICES.each_key { |service| is_expected.to contain_service(service).with(ensure: 'stopped', enable: false) } }
    end

    context 'with a schedule replacing the agent service' do
      let(:params) { { schedule_cron: '*/30 * * * *', manage_agent_service: true } }

      it "stops and disables Puppet's agent service once the HTTP service runs" do
        is_expected.to contain_service('puppet').with(ensure: 'stopped', enable: false).that_requires('Service[puppet-twitch]')
      end
    end

    context "with tls => 'puppet'" do
      let(:params) { { tls: 'puppet' } }
      let(:node) { 'node01.example.com' }

      it "copies the node's certificate and key from Puppet's Windows ssldir, the key readable by the service account" do
        ssl = 'C:\ProgramData\PuppetLabs\puppet\etc\ssl'
        is_expected.to contain_file("#{W::BASE}\\tls\\key.pem").with(
          source: "#{ssl}\\private_keys\\node01.example.com.pem", owner: W::ADMINISTRATORS, group: W::LOCAL_SERVICE, mode: '0640'
        )
        is_expected.to contain_file("#{W::BASE}\\tls\\cert.pem").with_source("#{ssl}\\certs\\node01.example.com.pem")
        expect(config_json['tls']).to include('cert' => "#{W::BASE}\\tls\\cert.pem", 'key' => "#{W::BASE}\\tls\\key.pem")
      end
    end

    {
      state_dir: '/var/lib/puppet-twitch',
      node_binary: '/usr/bin/node',
      puppet_bin: '/opt/puppetlabs/bin/puppet',
      audit_log: '/var/log/twitch-audit.log',
    }.each do |param, value|
      context "with the POSIX path #{param} => #{value}" do
        let(:params) { { param => value } }

        it { is_expected.to compile.and_raise_error(%r{parameter '#{param}' must be a Windows path on this node, got '#{Regexp.escape(value)}'}) }
      end
    end

    {
      install_dir: 'C:\Program Files\PuppetTwitch',
      config_dir: 'C:\Puppet Twitch',
    }.each do |param, value|
      context "with #{param} => #{value.inspect}" do
        let(:params) { { param => value } }

        it { is_expected.to compile.and_raise_error(%r{parameter '#{param}' must not contain spaces on Windows}) }
      end
    end

    {
      config_dir: ['C:\a"b', 'C:\a%PATH%', 'C:\a&b', 'C:\..\x', 'C:\x\\', 'C:relative'],
      node_binary: ['node.exe', 'C:\nodejs\node.exe" --inspect'],
      nssm_path: ['nssm.exe', '/usr/bin/nssm'],
      service_account: ['LocalSystem', 'NT AUTHORITY\SYSTEM', '.\twitch'],
      helper_service_name: ['puppet twitch', 'a\b'],
    }.each do |param, values|
      values.each do |value|
        context "with #{param} => #{value.inspect}" do
          let(:params) { { param => value } }

          it { is_expected.to compile.and_raise_error(%r{parameter '#{param}'}) }
        end
      end
    end

    context 'with the same name for both services' do
      let(:params) { { helper_service_name: 'puppet-twitch' } }

      it { is_expected.to compile.and_raise_error(%r{helper_service_name and service_name must differ}) }
    end
  end

  context 'on Debian 12 with Windows paths' do
    let(:facts) { on_supported_os['debian-12-x86_64'] }

    {
      state_dir: 'C:\ProgramData\PuppetTwitch\state',
      config_dir: 'C:\ProgramData\PuppetTwitch',
      puppet_statedir: 'C:\ProgramData\PuppetLabs\puppet\cache\state',
    }.each do |param, value|
      context "with #{param} => #{value}" do
        let(:params) { { param => value } }

        it { is_expected.to compile.and_raise_error(%r{parameter '#{param}' must be a POSIX path on this node}) }
      end
    end
  end
end
