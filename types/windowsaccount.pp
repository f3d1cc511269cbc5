# @summary A built-in Windows account the HTTP service can log on as without a password
#
# Spelled as the service control manager wants it, whatever the system's
# language. `NT AUTHORITY\LocalService` has the fewest rights; choose
# `NT AUTHORITY\NetworkService` when the service must reach the network with
# the computer's identity.
type Twitch::WindowsAccount = Enum['NT AUTHORITY\LocalService', 'NT AUTHORITY\NetworkService']
