# @summary Creates the two Windows services with nssm and manages them
#
# The HTTP service (`service_name`) runs the bundle as `service_account`; the
# helper service (`helper_service_name`) runs it as `LocalSystem` with
# `helper-service` and starts Puppet for the HTTP service over a named pipe.
# Each is created and configured by a script that Puppet runs when the script
# changes or the service is missing; Puppet's `service` type then runs them.
#
# @api private
class twitch::service::windows {
  assert_private()

  $system32 = $facts.dig('os', 'windows', 'system32').lest || { 'C:\Windows\system32' }
  $cmd = "${system32}\\cmd.exe"
  $sc = "${system32}\\sc.exe"
  $http = $twitch::service_name
  $helper = $twitch::helper_service_name

  # What each service runs, as whom, and where nssm writes its output: the
  # HTTP service into its own run_dir, the helper (SYSTEM) where the service
  # account cannot write.
  $services = {
    $helper => {
      'display_name' => 'puppet-twitch helper',
      'description'  => 'Starts Puppet runs for puppet-twitch over a named pipe',
      'action'       => 'helper-service',
      'account'      => 'LocalSystem',
      'log'          => "${twitch::config_dir}\\${helper}.log",
    },
    $http => {
      'display_name' => 'puppet-twitch',
      'description'  => 'Triggers Puppet runs over HTTP',
      'action'       => 'serve',
      'account'      => $twitch::service_account,
      'log'          => "${twitch::run_dir}\\${http}.log",
    },
  }

  if $twitch::ensure == 'present' {
    $services.each |$name, $service| {
      $script = "${twitch::install_dir}\\${name}.nssm.cmd"

      # CRLF line ends, as cmd.exe expects of a script.
      file { $script:
        ensure  => file,
        owner   => $twitch::platform::admin_owner,
        group   => $twitch::platform::admin_owner,
        mode    => '0750',
        content => epp('twitch/nssm-service.cmd.epp', {
            'service'     => $name,
            'nssm'        => $twitch::nssm_path,
            'system32'    => $system32,
            'node_binary' => $twitch::node_binary,
            'bundle'      => $twitch::bundle_path,
            'config'      => $twitch::config_path,
            'directory'   => $twitch::install_dir,
        } + $service).regsubst("\n", "\r\n", 'G'),
      }

      # Once when the script changes, and whenever the service is missing.
      exec { "${name}-nssm-configure":
        command     => "\"${cmd}\" /c \"${script}\"",
        refreshonly => true,
        subscribe   => File[$script],
      }
      -> exec { "${name}-nssm-create":
        command => "\"${cmd}\" /c \"${script}\"",
        unless  => "\"${sc}\" query ${name}",
        require => File[$script],
      }

      if $twitch::nssm_package {
        Package[$twitch::nssm_package] -> Exec["${name}-nssm-configure", "${name}-nssm-create"]
      }

      if $twitch::manage_service {
        service { $name:
          ensure    => $twitch::service_ensure,
          enable    => $twitch::service_enable,
          require   => Exec["${name}-nssm-create"],
          subscribe => [File[$twitch::config_path, $twitch::bundle_path], Exec["${name}-nssm-configure"]],
        }
      }
    }

    # The helper runs first, so that the first trigger finds it.
    if $twitch::manage_service {
      Service[$helper] -> Service[$http]
    }
  } else {
    # Stopped (net stop waits for it) and deleted, the HTTP service first;
    # neither needs nssm.
    exec { "${http}-remove":
      command => "\"${cmd}\" /c \"${system32}\\net.exe stop ${http} /y & ${sc} delete ${http}\"",
      onlyif  => "\"${sc}\" query ${http}",
    }
    -> exec { "${helper}-remove":
      command => "\"${cmd}\" /c \"${system32}\\net.exe stop ${helper} /y & ${sc} delete ${helper}\"",
      onlyif  => "\"${sc}\" query ${helper}",
    }
  }
}
