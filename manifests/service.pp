# @summary Runs the service: a systemd unit, or on Windows two services wrapped by nssm
#
# @api private
class twitch::service {
  assert_private()

  if $twitch::platform::windows {
    contain twitch::service::windows
  } else {
    contain twitch::service::systemd
  }

  # The schedule replaces Puppet's own agent daemon: stopped once this
  # service runs (a run that daemon started goes on to its end).
  if $twitch::ensure == 'present' and $twitch::manage_agent_service and $twitch::schedule_cron {
    service { $twitch::agent_service_name:
      ensure => stopped,
      enable => false,
    }
    if $twitch::manage_service {
      Service[$twitch::service_name] -> Service[$twitch::agent_service_name]
    }
  }
}
