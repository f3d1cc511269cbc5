# @summary Writes the service configuration and the sudoers rule
#
# @api private
class twitch::config {
  assert_private()

  $sudoers_path = "/etc/sudoers.d/${twitch::user}"

  if $twitch::ensure == 'present' {
    # The whole configuration file, built in this one place. Its keys are the
    # ones the service reads; it refuses unknown keys, and puppet.manifest
    # outside apply mode.
    $puppet = {
      'bin'          => $twitch::puppet_bin,
      'mode'         => $twitch::puppet_mode,
      'manifest'     => $twitch::apply_manifest,
      'sudo'         => true,
      'setsid'       => $twitch::setsid_binary,
      'statedir'     => $twitch::puppet_statedir,
      'lastrunfile'  => $twitch::puppet_lastrunfile,
      'environments' => $twitch::environments,
      'max_splay'    => $twitch::max_splay,
      'run_timeout'  => $twitch::run_timeout,
      'args'         => $twitch::puppet_args,
    }.filter |$key, $value| { $key != 'manifest' or $twitch::puppet_mode == 'apply' }

    $settings = {
      'bind'      => $twitch::bind,
      'port'      => $twitch::port,
      'run_dir'   => $twitch::run_dir,
      'state_dir' => $twitch::state_dir,
      'history'   => $twitch::history,
      'puppet'    => $puppet,
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
          'user'          => $twitch::user,
          'setsid_binary' => $twitch::setsid_binary,
          'node_binary'   => $twitch::node_binary,
          'bundle'        => $twitch::bundle_path,
          'config'        => $twitch::config_path,
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
