# @summary The name of a token or webhook, as it appears in run records and the audit log
type Twitch::IdentityId = Pattern[/\A[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\z/]
