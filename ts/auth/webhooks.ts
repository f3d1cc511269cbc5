// Webhook signatures: GitHub's X-Hub-Signature-256, GitLab's X-Gitlab-Token, and this service's own
// X-Twitch-Signature (a timestamped HMAC that is accepted once). All of them check the raw body's bytes.
import type { IncomingHttpHeaders } from 'node:http';
import type { WebhookEntry } from '../config';
import { crypto, firstOfAll, hmacSha256, sameSecret } from './crypto';
import type { WebhookType } from './vocabulary';

export const WEBHOOK_HEADERS: Record<WebhookType, string> = {
  github: 'x-hub-signature-256',
  gitlab: 'x-gitlab-token',
  hmac: 'x-twitch-signature',
};
/** How far an X-Twitch-Signature timestamp may be from the service's clock. */
export const HMAC_TOLERANCE_SECONDS = 300;

/** The kind of signature a request carries, judged by its headers alone (before its body is read). */
export function signatureType(headers: IncomingHttpHeaders): WebhookType | undefined {
  return (Object.keys(WEBHOOK_HEADERS) as WebhookType[]).find((type) => headers[WEBHOOK_HEADERS[type]] !== undefined);
}

export type Verdict = { hook: WebhookEntry } | { error: string };

function hexEqual(expected: Buffer, hex: string): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return false;
  return crypto().timingSafeEqual(expected, Buffer.from(hex, 'hex'));
}

const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? value.join(',') : (value ?? ''));

export function verifyWebhook(
  all: readonly WebhookEntry[],
  type: WebhookType,
  headers: IncomingHttpHeaders,
  body: Buffer,
  nowMs: number = Date.now(),
): Verdict {
  const hooks = all.filter((hook) => hook.type === type);
  const header = WEBHOOK_HEADERS[type];
  if (hooks.length === 0) return { error: `no ${type} webhook is configured on this node (auth.webhooks), so ${header} is not accepted` };
  const value = one(headers[header]);
  switch (type) {
    case 'github': {
      const hex = /^sha256=(.*)$/.exec(value)?.[1];
      if (hex === undefined) return { error: `${header} must be "sha256=" and the hex HMAC-SHA256 of the body` };
      const hook = firstOfAll(hooks, (h) => hexEqual(hmacSha256(h.secret, body), hex));
      return hook === undefined ? { error: `${header} does not match the body with any configured github webhook secret` } : { hook };
    }
    case 'gitlab': {
      const hook = firstOfAll(hooks, (h) => sameSecret(h.secret, value));
      return hook === undefined ? { error: `${header} is not the secret of any configured gitlab webhook` } : { hook };
    }
    case 'hmac': {
      const parts = /^t=(\d{1,12}),v1=([0-9a-fA-F]{64})$/.exec(value);
      if (parts === null) return { error: `${header} must be "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">"` };
      const t = Number(parts[1]);
      if (Math.abs(nowMs / 1000 - t) > HMAC_TOLERANCE_SECONDS) {
        return { error: `${header} timestamp is more than ${HMAC_TOLERANCE_SECONDS} s from this node's clock: sign each request when it is sent` };
      }
      const signed = Buffer.concat([Buffer.from(`${parts[1]}.`), body]);
      const hook = firstOfAll(hooks, (h) => hexEqual(hmacSha256(h.secret, signed), parts[2]));
      // a signature used again is a repeated delivery: the trigger answers it with the first one's run (auth/deliveries.ts)
      return hook === undefined ? { error: `${header} does not match the body with any configured hmac webhook secret` } : { hook };
    }
  }
}
