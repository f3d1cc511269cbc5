// Auth's own words: what an identity may do, how identities are named, which webhooks there are, how a token is
// kept. Pure data, so the config checks its auth section with them and auth never asks the config for them.

/** What an identity may do (README, "Security"). */
export const SCOPES = ['trigger', 'trigger_noop', 'read', 'control'] as const;
export type Scope = (typeof SCOPES)[number];

export const WEBHOOK_TYPES = ['github', 'gitlab', 'hmac'] as const;
export type WebhookType = (typeof WEBHOOK_TYPES)[number];

/** The name part of an identity: `token:<id>`, `webhook:<id>`. */
export const IDENTITY_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** IDENTITY_ID in words, for the messages that refuse an id. */
export const IDENTITY_ID_RULE = "1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit";

/** How a token is kept: the 64 lower-case hex digits of its SHA-256 (tokenHash), never the token itself. */
export const TOKEN_SHA256 = /^[0-9a-f]{64}$/;
