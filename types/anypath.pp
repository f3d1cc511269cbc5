# @summary A path of the service's own files: POSIX (`Twitch::Path`) or Windows (`Twitch::WindowsPath`)
#
# The class checks that each one is of the node's kind: POSIX on Linux,
# Windows on Windows.
type Twitch::AnyPath = Variant[Twitch::Path, Twitch::WindowsPath]
