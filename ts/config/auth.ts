// The `auth` key: tokens (by hash) and webhooks (with the run options of their runs) and their ids, the addresses
// that may connect, and public reads.
// The words (scopes, id rule, webhook types) are auth's own; this checks the config against them.
import { parseCidr } from '../auth/cidr';
import { IDENTITY_ID, IDENTITY_ID_RULE, SCOPES, TOKEN_SHA256, WEBHOOK_TYPES, type Scope, type WebhookType } from '../auth/vocabulary';
import { bool, entry, invalid, list, section } from './checks';
import { DEFAULTS } from './defaults';
import { configRunOptions } from './run-options';
import type { AuthConfig, TokenEntry, WebhookEntry } from './types';

const AUTH_KEYS = ['tokens', 'webhooks', 'allow_from', 'public_read'];

/** `environments`: the checked puppet.environments, the ones a webhook's options may name. */
export function authConfig(value: unknown, environments: readonly string[]): AuthConfig {
  const auth = section(value, 'auth', AUTH_KEYS);
  const tokenIds = new Set<string>();
  const tokens = list(auth.tokens, 'auth.tokens').map((item, i) => token(item, `auth.tokens[${i}]`, tokenIds));
  const hookIds = new Set<string>();
  const webhooks = list(auth.webhooks, 'auth.webhooks').map((item, i) => webhook(item, `auth.webhooks[${i}]`, hookIds, environments));
  const allow_from = list(auth.allow_from, 'auth.allow_from').map((cidr, i) => {
    if (typeof cidr !== 'string' || parseCidr(cidr) === undefined) {
      invalid(`auth.allow_from[${i}]`, `must be an IPv4 or IPv6 address or CIDR such as 10.0.0.0/8 or 2001:db8::/32, got ${JSON.stringify(cidr)}`);
    }
    return cidr;
  });
  const public_read = bool(auth, 'public_read', 'auth.public_read', DEFAULTS.auth.public_read);
  return { tokens, webhooks, allow_from, public_read };
}

function token(item: unknown, name: string, ids: Set<string>): TokenEntry {
  const t = entry(item, name, ['id', 'sha256', 'scopes']);
  const id = identityId(t.id, `${name}.id`, ids);
  if (typeof t.sha256 !== 'string' || !TOKEN_SHA256.test(t.sha256)) {
    invalid(`${name}.sha256`, 'must be the 64 lower-case hex digits of the token\'s SHA-256 (puppet-twitch token hash); never the token itself');
  }
  const scopes = list(t.scopes, `${name}.scopes`);
  if (scopes.length === 0) invalid(`${name}.scopes`, `must name at least one of ${SCOPES.join(', ')}`);
  scopes.forEach((scope, j) => {
    if (!(SCOPES as readonly unknown[]).includes(scope)) {
      invalid(`${name}.scopes[${j}]`, `must be one of ${SCOPES.join(', ')}, got ${JSON.stringify(scope)}`);
    }
  });
  return { id, sha256: t.sha256, scopes: [...new Set(scopes as Scope[])] };
}

function webhook(item: unknown, name: string, ids: Set<string>, environments: readonly string[]): WebhookEntry {
  const w = entry(item, name, ['id', 'type', 'secret'], ['options']);
  const id = identityId(w.id, `${name}.id`, ids);
  if (!(WEBHOOK_TYPES as readonly unknown[]).includes(w.type)) {
    invalid(`${name}.type`, `must be one of ${WEBHOOK_TYPES.join(', ')}, got ${JSON.stringify(w.type)}`);
  }
  // Never echo a secret: not even a wrong one.
  if (typeof w.secret !== 'string' || w.secret.length < 16 || w.secret.length > 1024 || /[\0-\x1f\x7f]/.test(w.secret)) {
    invalid(`${name}.secret`, 'must be a string of 16 to 1024 printable characters');
  }
  // A webhook's runs take these options, never the request's: its signature does not cover the query string.
  const options = w.options === undefined ? undefined : configRunOptions(w.options, `${name}.options`, environments);
  return { id, type: w.type as WebhookType, secret: w.secret, ...(options !== undefined ? { options } : {}) };
}

/** An id unique among its kind (tokens, webhooks). */
function identityId(value: unknown, name: string, seen: Set<string>): string {
  if (typeof value !== 'string' || !IDENTITY_ID.test(value)) {
    invalid(name, `must be ${IDENTITY_ID_RULE}, got ${JSON.stringify(value)}`);
  }
  if (seen.has(value)) invalid(name, `"${value}" is used twice; every id must be unique`);
  seen.add(value);
  return value;
}
