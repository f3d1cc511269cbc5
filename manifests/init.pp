# @summary Installs and runs puppet-twitch, an HTTP endpoint that triggers Puppet runs
#
# puppet-twitch is a small Node.js service. It runs as an unprivileged user and
# starts Puppet through sudo, using one root helper command that this class
# allows in `/etc/sudoers.d/<user>` and nothing else.
#
# Defaults that depend on the operating system or on how Puppet was packaged
# (AIO packages in `/opt/puppetlabs` or the distribution's own `puppet`
# package) come from the module's Hiera data.
#
# @example Trigger `puppet agent` runs on port 2023 (the defaults)
#   include twitch
#
# @example Masterless node, listening on localhost only
#   class { 'twitch':
#     bind           => '127.0.0.1',
#     port           => 8090,
#     puppet_mode    => 'apply',
#     apply_manifest => '/etc/puppet/code/environments/production/manifests/site.pp',
#   }
#
# @example Bring your own Node.js (for example on Debian 11 or Ubuntu 22.04)
#   class { 'twitch':
#     manage_nodejs => false,
#     node_binary   => '/opt/node-20/bin/node',
#   }
#
# @example Remove the service, its files, its sudoers rule and its user
#   class { 'twitch':
#     ensure => absent,
#   }
#
# @param ensure
#   `present` installs and configures everything; `absent` stops the service
#   and removes the unit, configuration, sudoers rule, bundle, run and state
#   directories and (when `manage_user`) the user, its home and its group. The
#   Node.js package is left installed.
# @param user
#   The unprivileged user the service runs as.
# @param group
#   The service user's primary group. It may read the configuration file.
# @param home
#   The service user's home directory, created when `manage_user` is true.
# @param manage_user
#   Whether to create `user` and `group` (a system user with no login shell
#   and no password). Set it to false when they are managed elsewhere.
# @param uid
#   The service user's UID. The system picks one when unset.
# @param gid
#   The service group's GID. The system picks one when unset.
# @param bind
#   The IP address the service listens on.
# @param port
#   The TCP port the service listens on. The service is not root, so it must
#   be 1024 or higher.
# @param run_dir
#   Where the service writes the log of the current or last Puppet run
#   (`last-run.log`). Owned by `user`. Under `/run`, systemd recreates it when
#   the service starts.
# @param config_dir
#   Directory of the service's `config.json`.
# @param install_dir
#   Directory of the service's bundle (`puppet-twitch.js`). Owned by root and
#   not writable by `user`.
# @param node_binary
#   The Node.js binary (>= 18.19) that runs the service and the root helper.
# @param manage_nodejs
#   Whether to install the operating system's Node.js package. Compilation fails
#   on releases whose package is older than Node.js 18.19 (Debian 11, Ubuntu
#   20.04 and 22.04): set this to false there and point `node_binary` at a
#   Node.js you install yourself. On RedHat family 8 and 9, the `nodejs`
#   module stream `nodejs_module_stream` is enabled first.
# @param nodejs_package
#   The name of the operating system's Node.js package.
# @param nodejs_module_stream
#   The dnf module stream of `nodejs_package` to enable before installing it
#   (RedHat family 8 and 9), or undef where there are no module streams.
# @param nodejs_distro_version
#   The Node.js version (major.minor) that `nodejs_package` provides on this
#   release, from the module's data; used to refuse releases whose Node.js is
#   too old. Undef when unknown (then the package is trusted).
# @param puppet_bin
#   The `puppet` command the root helper runs. Default (module data):
#   `/opt/puppetlabs/bin/puppet` with Puppet's AIO packages (when Facter reports
#   `aio_agent_version`) and on OS families without Puppet packages of their
#   own; `/usr/bin/puppet` with Debian's or Ubuntu's own `puppet` package.
# @param puppet_mode
#   `agent` runs `puppet agent`, `apply` runs `puppet apply` with `apply_manifest`.
# @param apply_manifest
#   The manifest (file or directory) that `puppet apply` runs in `apply` mode.
#   Written into the configuration in `apply` mode only. Default (module data): `site.pp` of the `production` environment below
#   `/etc/puppetlabs/code` (AIO) or `/etc/puppet/code` (Debian, Ubuntu).
# @param puppet_statedir
#   Puppet's `statedir`. The service derives the agent's lock files from it
#   (`agent_catalog_run.lock`: "already running" while a run holds it;
#   `agent_disabled.lock`: no run while `puppet agent --disable` is in
#   effect). Default (module data): `/opt/puppetlabs/puppet/cache/state`
#   (AIO) or `/var/cache/puppet/state` (Debian, Ubuntu).
# @param puppet_lastrunfile
#   Puppet's `lastrunfile`, the `last_run_summary.yaml` of the last run.
#   Default (module data): `/opt/puppetlabs/puppet/public/last_run_summary.yaml`
#   (AIO) or `/var/cache/puppet/public/last_run_summary.yaml` (Debian, Ubuntu).
# @param puppet_args
#   Extra options for every Puppet run, each one word of the form `--option`
#   or `--option=value`, for example `['--noop', '--tags=web']`.
# @param environments
#   The Puppet environments a caller may ask a run for (`environment=`); any
#   other is refused. Empty (the default): no caller may choose one, and runs
#   use the node's own environment.
# @param max_splay
#   The longest random delay, in seconds, a caller may ask for before a run
#   starts (`splay=`, so that many nodes triggered at once do not reach the
#   Puppet server together). 0 (the default): callers may not ask for one.
# @param run_timeout
#   Seconds after which a Puppet run the service started is stopped (SIGTERM,
#   then SIGKILL 30 seconds later). 0 means no limit.
# @param state_dir
#   Where the service keeps the records of its runs. Owned by `user`, mode
#   0750. It may be the same directory as `home` (the default).
# @param history
#   How many run records the service keeps in `state_dir` (1 to 10000).
# @param setsid_binary
#   util-linux's `setsid`. The sudoers rule allows the root helper only as
#   `setsid --fork <node_binary> ...`: `setsid` is sudo's child and exits at
#   once, so sudo relays no signal (such as SIGUSR1, which opens Node's
#   debugger) from the service user to the root Node.js process.
# @param service_name
#   Name of the systemd service (`/etc/systemd/system/<service_name>.service`).
# @param manage_service
#   Whether to manage the state of the service. The unit file is written either way.
# @param service_ensure
#   Whether the service should be running or stopped.
# @param service_enable
#   Whether the service starts at boot.
class twitch (
  Stdlib::Unixpath $puppet_bin,
  Stdlib::Unixpath $apply_manifest,
  Stdlib::Unixpath $puppet_statedir,
  Stdlib::Unixpath $puppet_lastrunfile,
  Optional[String[1]] $nodejs_module_stream,
  Optional[Pattern[/\A\d+(\.\d+)*\z/]] $nodejs_distro_version,
  Enum['present', 'absent'] $ensure = 'present',
  Twitch::Account $user = 'twitch',
  Twitch::Account $group = 'twitch',
  Stdlib::Unixpath $home = '/var/lib/puppet-twitch',
  Boolean $manage_user = true,
  Optional[Integer[1]] $uid = undef,
  Optional[Integer[1]] $gid = undef,
  Stdlib::IP::Address::Nosubnet $bind = '0.0.0.0',
  Stdlib::Port::Unprivileged $port = 2023,
  Twitch::Path $run_dir = '/run/puppet-twitch',
  Twitch::Path $config_dir = '/etc/puppet-twitch',
  Twitch::Path $install_dir = '/opt/puppet-twitch',
  Twitch::Path $node_binary = '/usr/bin/node',
  Twitch::Path $setsid_binary = '/usr/bin/setsid',
  Boolean $manage_nodejs = true,
  String[1] $nodejs_package = 'nodejs',
  Twitch::Mode $puppet_mode = 'agent',
  Array[Pattern[/\A--[a-z][a-z0-9_-]*(=[^\x00-\x1f]*)?\z/]] $puppet_args = [],
  Array[Twitch::Environment] $environments = [],
  Integer[0, 86400] $max_splay = 0,
  Integer[0, 604800] $run_timeout = 3600,
  Twitch::Path $state_dir = '/var/lib/puppet-twitch',
  Integer[1, 10000] $history = 100,
  Pattern[/\A[A-Za-z0-9_.:-]+\z/] $service_name = 'puppet-twitch',
  Boolean $manage_service = true,
  Stdlib::Ensure::Service $service_ensure = 'running',
  Boolean $service_enable = true,
) {
  # The oldest Node.js the service supports.
  $nodejs_minimum = '18.19'

  if $ensure == 'present' and $manage_nodejs {
    $nodejs_version = $nodejs_module_stream.lest || { $nodejs_distro_version }
    if $nodejs_version and versioncmp($nodejs_version, $nodejs_minimum) < 0 {
      $os = "${facts['os']['name']} ${facts['os']['release']['major']}"
      fail(@("MESSAGE"/L))
        twitch: ${os} provides Node.js ${nodejs_version} (package ${nodejs_package}), \
        but puppet-twitch needs Node.js >= ${nodejs_minimum}. Set manage_nodejs => false \
        and point node_binary at a Node.js >= ${nodejs_minimum} that you install.
        | MESSAGE
    }
  }

  $bundle_path = "${install_dir}/puppet-twitch.js"
  $config_path = "${config_dir}/config.json"

  contain twitch::install
  contain twitch::config
  contain twitch::service

  if $ensure == 'present' {
    Class['twitch::install'] -> Class['twitch::config'] -> Class['twitch::service']
  } else {
    Class['twitch::service'] -> Class['twitch::config'] -> Class['twitch::install']
  }
}
