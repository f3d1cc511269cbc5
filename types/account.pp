# @summary A user or group name usable in sudoers and as a sudoers.d file name
#
# Lower case letters, digits, `_` and `-`, starting with a letter or `_`, at
# most 32 characters. No `.`: sudo ignores `/etc/sudoers.d` files whose name
# contains one.
type Twitch::Account = Pattern[/\A[a-z_][a-z0-9_-]{0,31}\z/]
