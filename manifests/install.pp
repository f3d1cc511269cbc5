# @summary Creates the service user and installs Node.js and the bundle
#
# @api private
class twitch::install {
  assert_private()

  # The service user's home (when this class manages the user) and the
  # service's state directory, each declared once: by default they are the
  # same directory.
  $directories = $twitch::manage_user ? {
    true  => unique([$twitch::home, $twitch::state_dir]),
    false => [$twitch::state_dir],
  }

  if $twitch::ensure == 'present' {
    if $twitch::manage_user {
      group { $twitch::group:
        ensure => present,
        gid    => $twitch::gid,
        system => true,
      }

      user { $twitch::user:
        ensure     => present,
        uid        => $twitch::uid,
        gid        => $twitch::group,
        home       => $twitch::home,
        shell      => '/usr/sbin/nologin',
        password   => '!',
        comment    => 'puppet-twitch service',
        managehome => false,
        system     => true,
      }
    }

    file { $directories:
      ensure => directory,
      owner  => $twitch::user,
      group  => $twitch::group,
      mode   => '0750',
    }

    if $twitch::manage_nodejs {
      if $twitch::nodejs_module_stream {
        package { "${twitch::nodejs_package}:${twitch::nodejs_module_stream}":
          ensure      => $twitch::nodejs_module_stream,
          name        => $twitch::nodejs_package,
          provider    => 'dnfmodule',
          enable_only => true,
          before      => Package[$twitch::nodejs_package],
        }
      }

      package { $twitch::nodejs_package:
        ensure => installed,
      }
    }

    file { $twitch::install_dir:
      ensure => directory,
      owner  => 'root',
      group  => 'root',
      mode   => '0755',
    }

    file { $twitch::bundle_path:
      ensure => file,
      owner  => 'root',
      group  => 'root',
      mode   => '0644',
      source => 'puppet:///modules/twitch/puppet-twitch.js',
    }

    if $twitch::manage_launcher {
      file { $twitch::launcher:
        ensure  => file,
        owner   => 'root',
        group   => 'root',
        mode    => '0755',
        content => epp('twitch/launcher.epp', {
            'node_binary' => $twitch::node_binary,
            'bundle'      => $twitch::bundle_path,
        }),
      }
    }
  } else {
    if $twitch::manage_launcher {
      file { $twitch::launcher:
        ensure => absent,
      }
    }

    file { [$twitch::bundle_path, $twitch::install_dir]:
      ensure => absent,
      force  => true,
    }

    file { $directories:
      ensure => absent,
      force  => true,
    }

    if $twitch::manage_user {
      user { $twitch::user:
        ensure  => absent,
        require => File[$directories],
      }
      -> group { $twitch::group:
        ensure => absent,
      }
    }
  }
}
