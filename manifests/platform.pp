# @summary The OS's conventions: the kind of path, its separator, and who owns what
#
# The only class that tells POSIX and Windows apart by facts; the others ask
# it (`windows`, `separator`, the owners).
#
# @api private
class twitch::platform {
  assert_private()

  $windows = $facts['os']['family'] == 'windows'

  # Every path the service is given must be of the node's kind: the class's
  # types accept both.
  $path_kind = $windows ? {
    true  => ['a Windows', Stdlib::Windowspath],
    false => ['a POSIX', Stdlib::Unixpath],
  }
  $paths = {
    'run_dir'              => $twitch::run_dir,
    'config_dir'           => $twitch::config_dir,
    'install_dir'          => $twitch::install_dir,
    'node_binary'          => $twitch::node_binary,
    'state_dir'            => $twitch::state_dir,
    'puppet_bin'           => $twitch::puppet_bin,
    'apply_manifest'       => $twitch::apply_manifest,
    'puppet_statedir'      => $twitch::puppet_statedir,
    'puppet_lastrunfile'   => $twitch::puppet_lastrunfile,
    'puppet_lastrunreport' => $twitch::puppet_lastrunreport,
    'puppet_ssldir'        => $twitch::puppet_ssldir,
    'audit_log'            => $twitch::audit_log,
    'tls_cert'             => $twitch::tls_cert,
    'tls_key'              => $twitch::tls_key,
    'tls_ca'               => $twitch::tls_ca,
    'tls_crl'              => $twitch::tls_crl,
  }
  $paths.each |$name, $path| {
    if $path != undef and $path !~ $path_kind[1] {
      fail("twitch: parameter '${name}' must be ${path_kind[0]} path on this node, got '${path}'.")
    }
  }
  # nssm passes the service's arguments on as one command line: no quoting.
  if $windows {
    $paths.filter |$name, $path| { $name in ['install_dir', 'config_dir'] and ' ' in $path }.each |$name, $path| {
      fail("twitch: parameter '${name}' must not contain spaces on Windows (it is on the services' command line), got '${path}'.")
    }
    if $twitch::helper_service_name == $twitch::service_name {
      fail("twitch: helper_service_name and service_name must differ, both are '${twitch::service_name}'.")
    }
  }

  $separator = $windows ? { true => '\\', false => '/' }
  $bundle_path = "${twitch::install_dir}${separator}puppet-twitch.js"
  # the licences of the libraries the bundle holds, installed with it
  $licenses_path = "${twitch::install_dir}${separator}THIRD-PARTY-LICENSES.txt"
  $config_path = "${twitch::config_dir}${separator}config.json"
  # Windows: beside the bundle, where no PATH leads
  $launcher = $windows ? { true => "${twitch::install_dir}\\puppet-twitch.cmd", false => $twitch::launcher }

  # Who owns what. POSIX: root, and the service's user and group. Windows: SIDs,
  # whose names depend on the system's language: BUILTIN\Administrators, and
  # the service account (LOCAL SERVICE or NETWORK SERVICE).
  $administrators = 'S-1-5-32-544'
  $account_sid = {
    'NT AUTHORITY\LocalService'   => 'S-1-5-19',
    'NT AUTHORITY\NetworkService' => 'S-1-5-20',
  }[$twitch::service_account]
  # owner and group of what the service must not change
  $admin_owner = $windows ? { true => $administrators, false => 'root' }
  # owner and group of the service's own directories
  $service_owner = $windows ? { true => $account_sid, false => $twitch::user }
  $service_group = $windows ? { true => $administrators, false => $twitch::group }
  # the group that may read the configuration
  $reader_group = $windows ? { true => $account_sid, false => $twitch::group }
}
