// Bearer tokens: 32 random bytes, base64url. The config holds only their SHA-256; a presented token is hashed
// and compared with every configured hash in constant time.
import type { TokenEntry } from '../config';
import { crypto, firstOfAll, sha256 } from './crypto';
import type { Scope } from './vocabulary';

export function newToken(): string {
  return crypto().randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return sha256(token).toString('hex');
}

/** The config entry for a token: what `puppet-twitch token new` prints beside the token. */
export function tokenEntry(id: string, scopes: Scope[], token: string): TokenEntry {
  return { id, sha256: tokenHash(token), scopes };
}

// RFC 6750 §2.1: "Bearer" (any case), one space, a b64token.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The token of an Authorization header; null when the header is there but is not a Bearer token. */
export function bearerToken(header: string | undefined): string | null | undefined {
  if (header === undefined) return undefined;
  return BEARER.exec(header)?.[1] ?? null;
}

/** The entry whose hash is the token's. Every entry is compared, so the time taken tells nothing of which. */
export function findToken(tokens: readonly TokenEntry[], token: string): TokenEntry | undefined {
  const presented = sha256(token);
  const { timingSafeEqual } = crypto();
  return firstOfAll(tokens, (entry) => timingSafeEqual(presented, Buffer.from(entry.sha256, 'hex')));
}
