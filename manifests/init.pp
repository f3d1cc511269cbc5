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
# On Windows there is no sudo and no systemd: the HTTP service runs as the
# built-in account `service_account`, and a second Windows service,
# `helper_service_name`, runs the same bundle as `LocalSystem`
# (`helper-service`) and starts Puppet for it over a named pipe. nssm wraps
# `node.exe` as both services; the module takes nssm from `nssm_path` (and
# installs `nssm_package` when given) and downloads nothing. Files get their
# Windows ACLs from `owner`, `group` and `mode` (Puppet's own mapping): owned
# by `BUILTIN\Administrators`, readable by the service account where it must
# read them. Defaults on Windows: `data/os/windows.yaml`.
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
# @example Windows, with nssm and Node.js from the operator's Chocolatey source
#   class { 'twitch':
#     nssm_package             => 'nssm',
#     nssm_path                => 'C:\Tools\nssm\nssm.exe', # where that package puts nssm.exe
#     manage_nodejs            => true,
#     nodejs_package           => 'nodejs-lts',
#     windows_package_provider => 'chocolatey',
#     windows_package_source   => 'https://choco.example.com/api/v2/',
#   }
#
# @param ensure
#   `present` installs and configures everything; `absent` stops the service
#   and removes the unit, configuration, sudoers rule, bundle, run and state
#   directories and (when `manage_user`) the user, its home and its group. The
#   Node.js package is left installed. On Windows: both services are stopped
#   and deleted, then the configuration, bundle, scripts and directories
#   removed; Node.js and nssm are left installed.
# @param user
#   The unprivileged user the service runs as (POSIX; on Windows see
#   `service_account`).
# @param group
#   The service user's primary group. It may read the configuration file
#   (POSIX).
# @param home
#   The service user's home directory, created when `manage_user` is true
#   (POSIX).
# @param manage_user
#   Whether to create `user` and `group` (a system user with no login shell
#   and no password). Set it to false when they are managed elsewhere
#   (POSIX; Windows uses a built-in account, `service_account`).
# @param uid
#   The service user's UID. The system picks one when unset (POSIX).
# @param gid
#   The service group's GID. The system picks one when unset (POSIX).
# @param service_account
#   Windows: the built-in account the HTTP service logs on as, which needs no
#   password. It owns `state_dir` and `run_dir` and may read the
#   configuration; it may not write the bundle or the configuration.
# @param helper_service_name
#   Windows: the name of the service that runs the helper as `LocalSystem`
#   (`helper-service`) and starts Puppet for the HTTP service over the named
#   pipe `\\.\pipe\puppet-twitch-helper`.
# @param nssm_path
#   Windows: nssm.exe, the service wrapper that runs `node_binary` as both
#   services (nssm registers the program it runs from as the service). The
#   module does not download it: install it yourself, or name `nssm_package`
#   and point this at the nssm.exe that package installs.
# @param nssm_package
#   Windows: a package that provides `nssm_path`, installed with
#   `windows_package_provider` from `windows_package_source` (for example
#   `nssm` from your Chocolatey source). Undef (the default): nssm is
#   installed by other means.
# @param windows_package_provider
#   Windows: the `package` provider of `nssm_package` and, with
#   `manage_nodejs`, of `nodejs_package` (for example `chocolatey`). Undef:
#   Puppet's default provider.
# @param windows_package_source
#   Windows: the `source` of those packages (your package feed or an MSI
#   path). Undef: the provider's default.
# @param bind
#   The IP address the service listens on.
# @param port
#   The TCP port the service listens on. The service is not root, so it must
#   be 1024 or higher.
# @param run_dir
#   Where the service writes the log of the current or last Puppet run
#   (`last-run.log`). Owned by `user`. Under `/run`, systemd recreates it when
#   the service starts. On Windows the HTTP service's own log is there too
#   (`<service_name>.log`, written by nssm).
# @param config_dir
#   Directory of the service's `config.json`. On Windows also of the helper
#   service's log (`<helper_service_name>.log`, written by nssm as
#   `LocalSystem`); no spaces on Windows (it is on the services' command line).
# @param install_dir
#   Directory of the service's bundle (`puppet-twitch.js`). Owned by root and
#   not writable by `user`. On Windows also of the scripts that create the
#   services; no spaces on Windows.
# @param node_binary
#   The Node.js binary (>= 18.19) that runs the service and the root helper
#   (`node.exe` on Windows).
# @param manage_nodejs
#   Whether to install the operating system's Node.js package (on Windows,
#   where it is false by default: `nodejs_package` with
#   `windows_package_provider` and `windows_package_source`). Compilation fails
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
# @param puppet_lastrunreport
#   Puppet's `lastrunreport`, the `last_run_report.yaml` of the last run: the
#   service reads each run's resource report from it for
#   `GET /puppet/runs/<id>/report`. Default (module data), Puppet's own:
#   `last_run_report.yaml` in `puppet_statedir`, i.e.
#   `/opt/puppetlabs/puppet/cache/state/last_run_report.yaml` (AIO) or
#   `/var/cache/puppet/state/last_run_report.yaml` (Debian, Ubuntu).
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
# @param output_max_bytes
#   Each run's output is kept beside its record (`<id>.log` in `state_dir`,
#   served by `GET /puppet/runs/<id>/output`), cut at this many bytes with a
#   last line saying so. 0: no output is kept (clients watching a run live
#   still get every line).
# @param output_window_bytes
#   How much of a running run's latest output the service keeps in memory
#   for clients following it, past what `output_max_bytes` stores (64 KiB
#   to 1 GiB). A client that falls further behind than this and the stored
#   output is cut off, with a line saying what it missed.
# @param setsid_binary
#   util-linux's `setsid`. The sudoers rule allows the root helper only as
#   `setsid --fork <node_binary> ...`: `setsid` is sudo's child and exits at
#   once, so sudo relays no signal (such as SIGUSR1, which opens Node's
#   debugger) from the service user to the root Node.js process.
# @param schedule_cron
#   A cron expression (5 fields, or 6 with seconds first) at which the service
#   runs Puppet itself, for example `*/30 * * * *`. Scheduled runs take the same
#   single-flight path as triggered ones: a tick that finds a run in progress is
#   skipped. Undef (the default): no scheduled runs.
# @param schedule_splay
#   Each scheduled run waits a random 0 to this many seconds first, so that
#   nodes on the same schedule do not reach the Puppet server together.
# @param schedule_options
#   Run options of scheduled runs (`noop`, `tags`, `skip_tags`, `environment`),
#   checked like a caller's.
# @param schedule_timezone
#   The time zone of `schedule_cron` (for example `Europe/Berlin`). Undef: the
#   system's.
# @param manage_agent_service
#   When true and `schedule_cron` is set, stop and disable Puppet's own agent daemon
#   (`agent_service_name`): the schedule replaces it.
# @param agent_service_name
#   The name of Puppet's agent service on this platform (module data).
# @param manage_launcher
#   Whether to install `launcher`.
# @param launcher
#   A command installed into the PATH that runs the bundle with `node_binary`,
#   so that the original's command lines (`puppet-twitch start
#   dir=/var/run/puppet-twitch -- port=8090`) work as written. On Windows
#   always `install_dir\puppet-twitch.cmd` (not in the PATH), for example
#   for `puppet-twitch.cmd token new --id NAME`.
# @param tokens
#   Bearer tokens the service accepts: their ids, SHA-256 hashes and scopes
#   (`trigger`, `trigger_noop`, `read`, `control`). Only hashes are in the catalog;
#   `puppet-twitch token new --id NAME` makes a token and prints its entry.
# @param webhooks
#   Webhook senders the service accepts (`github`, `gitlab` or `hmac`), with
#   their secrets as `Sensitive` values. The configuration file then holds
#   secrets: Puppet shows no diff of it.
# @param allow_from
#   Addresses or CIDRs (IPv4 and IPv6) that may connect at all; others get 403.
#   Empty (the default): any.
# @param public_read
#   Whether status and run records may be read without credentials once
#   credentials are configured.
# @param access_log
#   Which requests get a line in the service log: `all`, `default` (triggers,
#   run and status requests, and every error; not health probes or scrapes)
#   or `none`.
# @param metrics
#   Whether the service answers `GET /metrics` (Prometheus text format); when
#   false, /metrics is 404.
# @param metrics_public
#   Whether /metrics may be scraped without credentials once credentials are
#   configured (otherwise it needs the `read` scope, like status).
# @param tls
#   `none`: plain HTTP. `puppet`: HTTPS with this node's own Puppet certificate,
#   private key, CA certificate and CRL, copied into `config_dir/tls` (the key
#   readable by `group`) and copied again when Puppet renews them; the service
#   reloads them without a restart. `files`: HTTPS with `tls_cert`, `tls_key`,
#   `tls_ca` and `tls_crl` as given (readable by `user`).
# @param tls_cert
#   The server certificate (PEM) with `tls => 'files'`.
# @param tls_key
#   The server certificate's private key (PEM) with `tls => 'files'`.
# @param tls_ca
#   The CA certificate (PEM) client certificates must chain to, with
#   `tls => 'files'`.
# @param tls_crl
#   The CRL (PEM) with `tls => 'files'`; undef for none.
# @param client_certs
#   Whether HTTPS clients must (`required`), may (`optional`) or do not
#   (`none`) present a certificate from the CA. A client certificate whose
#   certname matches `allowed_certnames` may trigger and read.
# @param allowed_certnames
#   Shell-style patterns of the certnames whose client certificates are
#   accepted, for example `['*.ops.example.com']`.
# @param triggers_per_minute
#   Triggers each identity (or address, when anonymous) may send a minute;
#   more get 429.
# @param refused_triggers_per_minute
#   Refused triggers (the agent disabled, another run holding Puppet's lock)
#   each identity may send a minute; more get 429. Undef: ten times
#   `triggers_per_minute`.
# @param max_held
#   Answers held open at once (`async=false`, `stream=true`, `wait=`, output
#   followers); more get 429 at once. Undef: a quarter of the connection cap.
# @param control_max_disable_ttl
#   Seconds a disable of the agent over the API (`POST /puppet/disable`, scope
#   `control`) lasts at most before the service enables the agent again; also
#   the length of one that names no `ttl`. From 60 to 7776000 (90 days).
# @param allowed_hosts
#   Names a request's `Host` header may give besides IP addresses,
#   `localhost` and the names the module adds from facts (the node's FQDN,
#   host name and certname); `'*'` accepts any. Another name gets 421, so a
#   web page cannot reach the service through DNS rebinding.
# @param min_run_interval
#   Seconds that must pass between the starts of two triggered runs; earlier
#   triggers get 429. 0: no limit.
# @param audit_log
#   The audit log (one JSON line per trigger, status or runs request). Undef:
#   `audit.log` in `state_dir`.
# @param puppet_ssldir
#   Puppet's `ssldir`, where `tls => 'puppet'` finds this node's certificate,
#   key, CA certificate and CRL (module data: AIO or distribution paths).
# @param service_name
#   Name of the systemd service (`/etc/systemd/system/<service_name>.service`),
#   or of the Windows service that runs the HTTP service.
# @param manage_service
#   Whether to manage the state of the service (on Windows, of both
#   services). The unit file is written (on Windows, the services are created)
#   either way.
# @param service_ensure
#   Whether the service should be running or stopped.
# @param service_enable
#   Whether the service starts at boot.
class twitch (
  Stdlib::Absolutepath $puppet_bin,
  Stdlib::Absolutepath $apply_manifest,
  Stdlib::Absolutepath $puppet_statedir,
  Stdlib::Absolutepath $puppet_lastrunfile,
  Stdlib::Absolutepath $puppet_lastrunreport,
  Optional[String[1]] $nodejs_module_stream,
  Optional[Pattern[/\A\d+(\.\d+)*\z/]] $nodejs_distro_version,
  String[1] $agent_service_name,
  Stdlib::Absolutepath $puppet_ssldir,
  Enum['present', 'absent'] $ensure = 'present',
  Twitch::Account $user = 'twitch',
  Twitch::Account $group = 'twitch',
  Stdlib::Unixpath $home = '/var/lib/puppet-twitch',
  Boolean $manage_user = true,
  Optional[Integer[1]] $uid = undef,
  Optional[Integer[1]] $gid = undef,
  Twitch::WindowsAccount $service_account = 'NT AUTHORITY\LocalService',
  Pattern[/\A[A-Za-z0-9_.:-]+\z/] $helper_service_name = 'puppet-twitch-helper',
  Twitch::WindowsPath $nssm_path = 'C:\Program Files\nssm\nssm.exe',
  Optional[String[1]] $nssm_package = undef,
  Optional[String[1]] $windows_package_provider = undef,
  Optional[String[1]] $windows_package_source = undef,
  Stdlib::IP::Address::Nosubnet $bind = '0.0.0.0',
  Stdlib::Port::Unprivileged $port = 2023,
  Twitch::AnyPath $run_dir = '/run/puppet-twitch',
  Twitch::AnyPath $config_dir = '/etc/puppet-twitch',
  Twitch::AnyPath $install_dir = '/opt/puppet-twitch',
  Twitch::AnyPath $node_binary = '/usr/bin/node',
  Twitch::Path $setsid_binary = '/usr/bin/setsid',
  Boolean $manage_nodejs = true,
  String[1] $nodejs_package = 'nodejs',
  Twitch::Mode $puppet_mode = 'agent',
  Array[Pattern[/\A--[a-z][a-z0-9_-]*(=[^\x00-\x1f]*)?\z/]] $puppet_args = [],
  Array[Twitch::Environment] $environments = [],
  Integer[0, 86400] $max_splay = 0,
  Integer[0, 604800] $run_timeout = 3600,
  Twitch::AnyPath $state_dir = '/var/lib/puppet-twitch',
  Integer[1, 10000] $history = 100,
  Integer[0, 1073741824] $output_max_bytes = 1048576,
  Integer[65536, 1073741824] $output_window_bytes = 4194304,
  Optional[Twitch::Cron] $schedule_cron = undef,
  Integer[0, 86400] $schedule_splay = 0,
  Twitch::RunOptions $schedule_options = {},
  Optional[Pattern[/\A[A-Za-z0-9_+\/-]+\z/]] $schedule_timezone = undef,
  Boolean $manage_agent_service = false,
  Boolean $manage_launcher = true,
  Stdlib::Unixpath $launcher = '/usr/local/bin/puppet-twitch',
  Array[Twitch::Token] $tokens = [],
  Array[Twitch::Webhook] $webhooks = [],
  Array[Stdlib::IP::Address] $allow_from = [],
  Boolean $public_read = false,
  Enum['all', 'default', 'none'] $access_log = 'default',
  Boolean $metrics = true,
  Boolean $metrics_public = false,
  Enum['none', 'puppet', 'files'] $tls = 'none',
  Optional[Stdlib::Absolutepath] $tls_cert = undef,
  Optional[Stdlib::Absolutepath] $tls_key = undef,
  Optional[Stdlib::Absolutepath] $tls_ca = undef,
  Optional[Stdlib::Absolutepath] $tls_crl = undef,
  Enum['none', 'optional', 'required'] $client_certs = 'none',
  Array[Pattern[/\A[a-z0-9*?._-]+\z/]] $allowed_certnames = [],
  Integer[1, 100000] $triggers_per_minute = 60,
  Integer[0, 86400] $min_run_interval = 0,
  Optional[Integer[1, 1000000]] $refused_triggers_per_minute = undef,
  Optional[Integer[1, 1000000]] $max_held = undef,
  Integer[60, 7776000] $control_max_disable_ttl = 604800,
  Array[Variant[Stdlib::Fqdn, Enum['*']]] $allowed_hosts = [],
  Optional[Stdlib::Absolutepath] $audit_log = undef,
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

  if $tls == 'files' and !($tls_cert and $tls_key and $tls_ca) {
    fail('twitch: tls => files needs tls_cert, tls_key and tls_ca (and optionally tls_crl).')
  }

  # The OS's conventions: path kind, separator, who owns what.
  include twitch::platform
  $bundle_path = $twitch::platform::bundle_path
  $config_path = $twitch::platform::config_path

  contain twitch::install
  contain twitch::config
  contain twitch::service

  if $ensure == 'present' {
    Class['twitch::install'] -> Class['twitch::config'] -> Class['twitch::service']
  } else {
    Class['twitch::service'] -> Class['twitch::config'] -> Class['twitch::install']
  }
}
