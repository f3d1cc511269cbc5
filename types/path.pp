# @summary An absolute path that is safe to write into sudoers and systemd units
#
# Only letters, digits and `._+-` in each component, no `.` or `..`
# components and no trailing slash, so the path needs no quoting or escaping
# in `/etc/sudoers.d` or in a unit's `ExecStart=`.
type Twitch::Path = Pattern[/\A(\/(?!\.\.?(\/|\z))[A-Za-z0-9._+-]+)+\z/]
