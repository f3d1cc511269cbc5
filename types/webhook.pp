# @summary A webhook sender the service accepts, with its shared secret
#
# `github`: `X-Hub-Signature-256`; `gitlab`: `X-Gitlab-Token`; `hmac`:
# `X-Twitch-Signature` (docs/security.md, "Webhooks"). `options`: the run
# options of every run it starts (a webhook's query string is not signed, so
# it never gives any).
type Twitch::Webhook = Struct[{
    'id'                => Twitch::IdentityId,
    'type'              => Enum['github', 'gitlab', 'hmac'],
    'secret'            => Sensitive[String[16, 1024]],
    Optional['options'] => Twitch::RunOptions,
}]
