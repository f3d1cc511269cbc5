// node:crypto costs the service about 0.6 MiB of memory, so it is loaded on first use: a service without
// tokens, webhooks or TLS never loads it.
type Crypto = typeof import('node:crypto');

let loaded: Crypto | undefined;

export function crypto(): Crypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('node:crypto') as Crypto;
  return loaded;
}

export function sha256(data: string | Buffer): Buffer {
  return crypto().createHash('sha256').update(data).digest();
}

/** Equality whose time does not depend on where the inputs differ (both are hashed to the same length first). */
export function sameSecret(a: string | Buffer, b: string | Buffer): boolean {
  return crypto().timingSafeEqual(sha256(a), sha256(b));
}

export function hmacSha256(secret: string, data: Buffer | string): Buffer {
  return crypto().createHmac('sha256', secret).update(data).digest();
}
