# @summary Writes the service configuration and, on POSIX, the sudoers rule
#
# @api private
class twitch::config {
  assert_private()

  $windows = $twitch::platform::windows
  $sep = $twitch::platform::separator
  $sudoers_path = "/etc/sudoers.d/${twitch::user}"

  if $twitch::ensure == 'present' {
    # The whole configuration file, built in this one place. Its keys are the
    # ones the service reads; it refuses unknown keys, and puppet.manifest
    # outside apply mode. `sudo` means the privilege boundary on every OS: on
    # Windows the helper service's named pipe, where there is no setsid.
    $puppet = {
      'bin'           => $twitch::puppet_bin,
      'mode'          => $twitch::puppet_mode,
      'manifest'      => $twitch::apply_manifest,
      'sudo'          => true,
      'setsid'        => $twitch::setsid_binary,
      'statedir'      => $twitch::puppet_statedir,
      'lastrunfile'   => $twitch::puppet_lastrunfile,
      'lastrunreport' => $twitch::puppet_lastrunreport,
      'environments'  => $twitch::environments,
      'max_splay'     => $twitch::max_splay,
      'run_timeout'   => $twitch::run_timeout,
      'args'          => $twitch::puppet_args,
    }.filter |$key, $value| {
      ($key != 'manifest' or $twitch::puppet_mode == 'apply') and ($key != 'setsid' or !$windows)
    }

    $auth = {
      'tokens'      => $twitch::tokens,
      'webhooks'    => $twitch::webhooks.map |$hook| { $hook + { 'secret' => $hook['secret'].unwrap } },
      'allow_from'  => $twitch::allow_from,
      'public_read' => $twitch::public_read,
    }

    $schedule = $twitch::schedule_cron ? {
      undef   => {},
      default => {
        'schedule' => {
          'cron'     => $twitch::schedule_cron,
          'splay'    => $twitch::schedule_splay,
          'options'  => $twitch::schedule_options,
          'timezone' => $twitch::schedule_timezone,
        }.filter |$key, $value| { $value != undef },
      },
    }

    $tls_dir = "${twitch::config_dir}${sep}tls"
    $tls_files = $twitch::tls ? {
      'puppet' => {
        'cert' => "${tls_dir}${sep}cert.pem",
        'key'  => "${tls_dir}${sep}key.pem",
        'ca'   => "${tls_dir}${sep}ca.pem",
        'crl'  => "${tls_dir}${sep}crl.pem",
      },
      'files'  => {
        'cert' => $twitch::tls_cert,
        'key'  => $twitch::tls_key,
        'ca'   => $twitch::tls_ca,
        'crl'  => $twitch::tls_crl,
      },
      default  => {},
    }
    $tls = $twitch::tls ? {
      'none'  => {},
      default => {
        'tls' => ($tls_files + {
            'client_certs'      => $twitch::client_certs,
            'allowed_certnames' => $twitch::allowed_certnames,
        }).filter |$key, $value| { $value != undef },
      },
    }

    $settings = {
      'bind'                => $twitch::bind,
      'port'                => $twitch::port,
      'run_dir'             => $twitch::run_dir,
      'state_dir'           => $twitch::state_dir,
      'history'             => $twitch::history,
      'output_max_bytes'    => $twitch::output_max_bytes,
      'output_window_bytes' => $twitch::output_window_bytes,
      'puppet'              => $puppet,
      'auth'                => $auth,
      'limits'              => {
        'triggers_per_minute'         => $twitch::triggers_per_minute,
        'min_run_interval'            => $twitch::min_run_interval,
        'refused_triggers_per_minute' => $twitch::refused_triggers_per_minute,
        'max_held'                    => $twitch::max_held,
      }.filter |$key, $value| { $value != undef },
      # the node's own names, so that clients using them are served (and no other name is)
      'allowed_hosts'       => unique(
        [$facts['networking']['fqdn'], $facts['networking']['hostname'], $trusted['certname']].filter |$name| { $name =~ String[1] }
        + $twitch::allowed_hosts
      ),
      'metrics'             => {
        'enabled' => $twitch::metrics,
        'public'  => $twitch::metrics_public,
      },
      'access_log'          => $twitch::access_log,
      'control'             => { 'max_disable_ttl' => $twitch::control_max_disable_ttl },
    } + $schedule + $tls + ($twitch::audit_log ? {
        undef   => {},
        default => { 'audit_log' => $twitch::audit_log },
    })
    $json = to_json_pretty($settings)

    # config_dir itself is made by twitch::install, first. On Windows, owner,
    # group and mode become the files' ACLs (Puppet's own mapping; SYSTEM keeps
    # full control): Administrators own them, the service account is the group
    # that may read.
    # The helper runs as root and refuses a configuration that is not owned by
    # root or that its group or others may write.
    # Webhook secrets make the file secret: no diff of it in logs or reports.
    $secret = !$twitch::webhooks.empty
    file { $twitch::config_path:
      ensure    => file,
      owner     => $twitch::platform::admin_owner,
      group     => $twitch::platform::reader_group,
      mode      => '0640',
      content   => if $secret { Sensitive($json) } else { $json },
      show_diff => !$secret,
    }

    # The node's own Puppet certificate, key, CA certificate and CRL, copied
    # where the service user may read them; copied again when Puppet renews
    # them, and the service reloads them when they change.
    if $twitch::tls == 'puppet' {
      $certname = $trusted['certname']
      $ssldir = $twitch::puppet_ssldir
      file { $tls_dir:
        ensure => directory,
        owner  => $twitch::platform::admin_owner,
        group  => $twitch::platform::reader_group,
        mode   => '0750',
      }
      $sources = {
        'cert' => ["${ssldir}${sep}certs${sep}${certname}.pem", '0644'],
        'key'  => ["${ssldir}${sep}private_keys${sep}${certname}.pem", '0640'],
        'ca'   => ["${ssldir}${sep}certs${sep}ca.pem", '0644'],
        'crl'  => ["${ssldir}${sep}crl.pem", '0644'],
      }
      $sources.each |$name, $from| {
        file { $tls_files[$name]:
          ensure    => file,
          source    => $from[0],
          owner     => $twitch::platform::admin_owner,
          group     => $twitch::platform::reader_group,
          mode      => $from[1],
          show_diff => false,
        }
      }
    } else {
      file { $tls_dir:
        ensure => absent,
        force  => true,
      }
    }

    # Windows has no sudo: the helper service is the boundary there.
    if !$windows {
      file { $sudoers_path:
        ensure       => file,
        owner        => 'root',
        group        => 'root',
        mode         => '0440',
        content      => epp('twitch/sudoers.epp', {
            'user'          => $twitch::user,
            'setsid_binary' => $twitch::setsid_binary,
            'node_binary'   => $twitch::node_binary,
            'bundle'        => $twitch::bundle_path,
            'config'        => $twitch::config_path,
        }),
        validate_cmd => '/usr/sbin/visudo -cf %',
      }
    }

    file { $twitch::run_dir:
      ensure => directory,
      owner  => $twitch::platform::service_owner,
      group  => $twitch::platform::service_group,
      mode   => '0750',
    }
  } else {
    $sudoers = $windows ? { true => [], false => [$sudoers_path] }
    file { $sudoers + [$twitch::config_path, "${twitch::config_dir}${sep}tls", $twitch::config_dir, $twitch::run_dir]:
      ensure => absent,
      force  => true,
    }
  }
}
