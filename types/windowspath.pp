# @summary An absolute Windows path that is safe to write into a `.cmd` script between double quotes
#
# A drive letter, then components of letters, digits, `._+()-` and single
# inner spaces (`C:\Program Files\nodejs\node.exe`); no `.` or `..`
# components, no trailing backslash, nothing that `cmd.exe` expands or
# splits on (`"`, `%`, `!`, `&`, `|`, `^`, `<`, `>`).
type Twitch::WindowsPath = Pattern[/\A[A-Za-z]:(\\(?!\.\.?(\\|\z))[A-Za-z0-9._+()-]+( [A-Za-z0-9._+()-]+)*)+\z/]
