# @summary Creates the service user and installs Node.js (on Windows, nssm) and the bundle
#
# @api private
class twitch::install {
  assert_private()

  $windows = $twitch::platform::windows
  # Windows has no POSIX user: the service runs as a built-in account.
  $manage_user = $twitch::manage_user and !$windows

  # The service user's home (when this class manages the user) and the
  # service's state directory, each declared once: by default they are the
  # same directory.
  $directories = $manage_user ? {
    true  => unique([$twitch::home, $twitch::state_dir]),
    false => [$twitch::state_dir],
  }

  # Packages on Windows come from the operator's provider and source; the
  # module downloads nothing itself.
  $package_options = $windows ? {
    true  => { 'provider' => $twitch::windows_package_provider, 'source' => $twitch::windows_package_source },
    false => {},
  }

  if $twitch::ensure == 'present' {
    # First: on Windows the other directories are below it by default.
    file { $twitch::config_dir:
      ensure => directory,
      owner  => $twitch::platform::admin_owner,
      group  => $twitch::platform::reader_group,
      mode   => '0750',
    }

    if $manage_user {
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
      owner  => $twitch::platform::service_owner,
      group  => $twitch::platform::service_group,
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
        *      => $package_options,
      }
    }

    if $windows and $twitch::nssm_package {
      package { $twitch::nssm_package:
        ensure => installed,
        *      => $package_options,
      }
    }

    file { $twitch::install_dir:
      ensure => directory,
      owner  => $twitch::platform::admin_owner,
      group  => $twitch::platform::admin_owner,
      mode   => '0755',
    }

    file { $twitch::bundle_path:
      ensure => file,
      owner  => $twitch::platform::admin_owner,
      group  => $twitch::platform::admin_owner,
      mode   => '0644',
      source => 'puppet:///modules/twitch/puppet-twitch.js',
    }

    file { $twitch::platform::licenses_path:
      ensure => file,
      owner  => $twitch::platform::admin_owner,
      group  => $twitch::platform::admin_owner,
      mode   => '0644',
      source => 'puppet:///modules/twitch/THIRD-PARTY-LICENSES.txt',
    }

    if $twitch::manage_launcher {
      $launcher_values = { 'node_binary' => $twitch::node_binary, 'bundle' => $twitch::bundle_path }
      $launcher_content = $windows ? {
        # CRLF line ends, as cmd.exe expects of a script.
        true  => epp('twitch/launcher.cmd.epp', $launcher_values).regsubst("\n", "\r\n", 'G'),
        false => epp('twitch/launcher.epp', $launcher_values),
      }
      file { $twitch::platform::launcher:
        ensure  => file,
        owner   => $twitch::platform::admin_owner,
        group   => $twitch::platform::admin_owner,
        mode    => '0755',
        content => $launcher_content,
      }
    }
  } else {
    if $twitch::manage_launcher {
      file { $twitch::platform::launcher:
        ensure => absent,
      }
    }

    file { [$twitch::bundle_path, $twitch::platform::licenses_path, $twitch::install_dir]:
      ensure => absent,
      force  => true,
    }

    file { $directories:
      ensure => absent,
      force  => true,
    }

    if $manage_user {
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
