# @summary A webhook sender the service accepts, with its shared secret
#
# `github`: `X-Hub-Signature-256`; `gitlab`: `X-Gitlab-Token`; `hmac`:
# `X-Twitch-Signature` (docs/security.md, "Webhooks").
type Twitch::Webhook = Struct[{
    'id'     => Twitch::IdentityId,
    'type'   => Enum['github', 'gitlab', 'hmac'],
    'secret' => Sensitive[String[16, 1024]],
}]
