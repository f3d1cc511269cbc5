// Who is asking, and may they: decided once per request, at the edge, before a handler runs. Every 401, 403
// and 429 of authentication and rate limits comes from here (README, "Security").
import type { IncomingHttpHeaders } from 'node:http';
import type { AuthConfig } from '../config';
import { twitchError, type TwitchError } from '../errors';
import { printable } from '../text';
import { allowList, plainAddress } from './addresses';
import type { ClientCert, Identity } from './identity';
import { slidingWindow } from './limiter';
import { bearerToken, findToken } from './tokens';
import type { Scope, WebhookType } from './vocabulary';
import { signatureType, verifyWebhook } from './webhooks';


export const REALM = 'puppet-twitch';
export const CHALLENGE = { 'WWW-Authenticate': `Bearer realm="${REALM}"` };
export const FAILED_AUTH_LIMIT = 10;
export const FAILED_AUTH_BLOCK_SECONDS = 60;
const MINUTE = 60_000;
const CERT_SCOPES: ReadonlySet<Scope> = new Set<Scope>(['trigger', 'read']);
const WEBHOOK_SCOPES: ReadonlySet<Scope> = new Set<Scope>(['trigger']);

export interface Gate {
  /** true when any credential or allowlist is configured: then protected routes need an identity */
  closed: boolean;
  /** auth.allow_from, before anything else of the request is looked at */
  admit(peer: string): void;
  /** the identity of a token or client certificate; 401 for a wrong token, 403 for a certname not allowed */
  identify(headers: IncomingHttpHeaders, cert: ClientCert | null, peer: string, scope: Scope | null): Identity | null;
  /** the webhook signature a request without other credentials carries, when webhooks are configured */
  signature(headers: IncomingHttpHeaders): WebhookType | undefined;
  /** 401 unless the body's signature is valid */
  verify(type: WebhookType, headers: IncomingHttpHeaders, body: Buffer, peer: string): Identity;
  /** 401 without an identity, 403 without the scope (`trigger` is met by `trigger_noop` too: the handler decides) */
  authorize(identity: Identity | null, scope: Scope | null): void;
}

export interface GateOptions {
  auth: AuthConfig;
  /** TLS asks for client certificates */
  clientCerts: boolean;
  now?: () => number;
}

export function tooMany(seconds: number, message: string): TwitchError {
  return twitchError('TOO_MANY_REQUESTS', message, { 'Retry-After': String(seconds) });
}

export function createGate(options: GateOptions): Gate {
  const { auth } = options;
  const now = options.now ?? Date.now;
  const closed = auth.tokens.length + auth.webhooks.length + auth.allow_from.length > 0 || options.clientCerts;
  const allowed = allowList(auth.allow_from);
  const failures = slidingWindow(FAILED_AUTH_LIMIT, MINUTE);
  const blocked = slidingWindow(1, FAILED_AUTH_BLOCK_SECONDS * 1000);

  const unauthorized = (peer: string, message: string): TwitchError => {
    const key = plainAddress(peer);
    if (failures.hit(key, now()) !== undefined) blocked.hit(key, now());
    return twitchError('UNAUTHORIZED', message, CHALLENGE);
  };

  const throttle = (peer: string) => {
    const wait = blocked.over(plainAddress(peer), now());
    if (wait !== undefined) {
      throw tooMany(wait, `Too many failed authentications from ${plainAddress(peer)}: try again in ${wait} s with valid credentials.`);
    }
  };

  return {
    closed,
    admit(peer) {
      if (!allowed(peer)) {
        throw twitchError('ADDRESS_NOT_ALLOWED', `Forbidden: ${printable(plainAddress(peer))} is not in this node's auth.allow_from.`);
      }
    },
    identify(headers, cert, peer, scope) {
      if (!closed || scope === null) return null;
      // A webhook's signature is judged with its body (verify): a lockout of its address must not refuse a valid one.
      if (cert === null && this.signature(headers) !== undefined) return null;
      throttle(peer);
      const token = bearerToken(headers.authorization);
      if (token === null) throw unauthorized(peer, 'Unauthorized: the Authorization header must be "Bearer <token>".');
      if (token !== undefined) {
        const entry = findToken(auth.tokens, token);
        if (entry === undefined) throw unauthorized(peer, 'Unauthorized: the bearer token is not valid on this node.');
        return { kind: 'token', name: `token:${entry.id}`, scopes: new Set(entry.scopes) };
      }
      if (cert !== null) {
        if (!cert.allowed) {
          throw twitchError(
            'FORBIDDEN',
            `Forbidden: certificate ${printable(cert.certname)} is not in this node's tls.allowed_certnames.`,
          );
        }
        return { kind: 'cert', name: `cert:${cert.certname}`, scopes: CERT_SCOPES };
      }
      return null;
    },
    signature(headers) {
      if (auth.webhooks.length === 0 || headers.authorization !== undefined) return undefined;
      return signatureType(headers);
    },
    verify(type, headers, body, peer) {
      const verdict = verifyWebhook(auth.webhooks, type, headers, body, now());
      if ('error' in verdict) {
        throttle(peer);
        throw unauthorized(peer, `Unauthorized: ${verdict.error}.`);
      }
      return { kind: 'webhook', name: `webhook:${verdict.hook.id}`, scopes: WEBHOOK_SCOPES };
    },
    authorize(identity, scope) {
      if (!closed || scope === null) return;
      if (scope === 'read' && auth.public_read) return;
      if (identity === null) {
        throw twitchError(
          'UNAUTHORIZED',
          `Unauthorized: this node needs credentials with scope '${scope}': send "Authorization: Bearer <token>"` +
            `${options.clientCerts ? ' or a client certificate' : ''}.`,
          CHALLENGE,
        );
      }
      const ok = identity.scopes.has(scope) || (scope === 'trigger' && identity.scopes.has('trigger_noop'));
      if (!ok) throw twitchError('FORBIDDEN', `Forbidden: ${identity.name} lacks scope '${scope}'.`);
    },
  };
}
