# @summary The name of a Puppet environment that a caller may ask for
#
# Lower case letters, digits and `_`, as Puppet requires of environment
# names; nothing that could be read as an option or a path.
type Twitch::Environment = Pattern[/\A[a-z0-9_]+\z/]
