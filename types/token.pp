# @summary A bearer token the service accepts: its id, the SHA-256 of the token and its scopes
#
# Only the hash is in the catalog; `puppet-twitch token new --id NAME` makes a
# token and prints this entry for it.
type Twitch::Token = Struct[{
    'id'     => Twitch::IdentityId,
    'sha256' => Pattern[/\A[0-9a-f]{64}\z/],
    'scopes' => Array[Enum['trigger', 'trigger_noop', 'read', 'control'], 1],
}]
