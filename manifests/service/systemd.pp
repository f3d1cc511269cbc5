# @summary Writes the systemd unit and manages the service
#
# @api private
class twitch::service::systemd {
  assert_private()

  $unit_path = "/etc/systemd/system/${twitch::service_name}.service"

  # systemd reads unit files again only when told to. Hosts not booted with
  # systemd (containers, chroots) have no manager to tell.
  exec { "${twitch::service_name}-systemctl-daemon-reload":
    command     => 'systemctl daemon-reload',
    onlyif      => 'test -d /run/systemd/system',
    path        => ['/usr/bin', '/bin', '/usr/sbin', '/sbin'],
    refreshonly => true,
  }

  if $twitch::ensure == 'present' {
    # systemd creates RuntimeDirectory= below /run; another run_dir is only
    # managed as a plain directory.
    $runtime_directory = $twitch::run_dir ? {
      /\A\/run\/(.+)\z/ => $1,
      default           => undef,
    }

    file { $unit_path:
      ensure  => file,
      owner   => 'root',
      group   => 'root',
      mode    => '0644',
      content => epp('twitch/service.epp', {
          'user'              => $twitch::user,
          'group'             => $twitch::group,
          'node_binary'       => $twitch::node_binary,
          'bundle'            => $twitch::bundle_path,
          'config'            => $twitch::config_path,
          'runtime_directory' => $runtime_directory,
      }),
      notify  => Exec["${twitch::service_name}-systemctl-daemon-reload"],
    }

    if $twitch::manage_service {
      service { $twitch::service_name:
        ensure    => $twitch::service_ensure,
        enable    => $twitch::service_enable,
        require   => Exec["${twitch::service_name}-systemctl-daemon-reload"],
        subscribe => File[$twitch::config_path, $twitch::bundle_path, $unit_path],
      }
    }
  } else {
    if $twitch::manage_service {
      service { $twitch::service_name:
        ensure => stopped,
        enable => false,
        before => File[$unit_path],
      }
    }

    file { $unit_path:
      ensure => absent,
      notify => Exec["${twitch::service_name}-systemctl-daemon-reload"],
    }
  }
}
