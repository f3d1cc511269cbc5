# @summary Writes the service configuration and the sudoers rule
#
# @api private
class twitch::config {
  assert_private()

  $sudoers_path = "/etc/sudoers.d/${twitch::user}"

  if $twitch::ensure == 'present' {
    # The whole configuration file, built in this one place. Its keys are the
    # ones the service reads; it refuses unknown keys.
    $settings = {
      'bind'    => $twitch::bind,
      'port'    => $twitch::port,
      'run_dir' => $twitch::run_dir,
      'puppet'  => {
        'bin'               => $twitch::puppet_bin,
        'mode'              => $twitch::puppet_mode,
        'manifest'          => $twitch::apply_manifest,
        'sudo'              => true,
        'lockfile'          => $twitch::puppet_lockfile,
        'disabled_lockfile' => $twitch::puppet_disabled_lockfile,
        'args'              => $twitch::puppet_args,
      },
    }

    file { $twitch::config_dir:
      ensure => directory,
      owner  => 'root',
      group  => $twitch::group,
      mode   => '0750',
    }

    # The helper runs as root and refuses a configuration that is not owned by
    # root or that its group or others may write.
    file { $twitch::config_path:
      ensure  => file,
      owner   => 'root',
      group   => $twitch::group,
      mode    => '0640',
      content => to_json_pretty($settings),
    }

    file { $sudoers_path:
      ensure       => file,
      owner        => 'root',
      group        => 'root',
      mode         => '0440',
      content      => epp('twitch/sudoers.epp', {
          'user'        => $twitch::user,
          'node_binary' => $twitch::node_binary,
          'bundle'      => $twitch::bundle_path,
          'config'      => $twitch::config_path,
      }),
      validate_cmd => '/usr/sbin/visudo -cf %',
    }

    file { $twitch::run_dir:
      ensure => directory,
      owner  => $twitch::user,
      group  => $twitch::group,
      mode   => '0750',
    }
  } else {
    file { [$sudoers_path, $twitch::config_path, $twitch::config_dir, $twitch::run_dir]:
      ensure => absent,
      force  => true,
    }
  }
}
