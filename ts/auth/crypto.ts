// Hashes and constant-time comparisons for tokens and webhook signatures, with node:crypto loaded on first use.
import { nodeCrypto as crypto } from '../lazy';

export { crypto };

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

/**
 * The first item `matches`, after trying every one: the time taken tells nothing of which matched (the
 * comparisons themselves are constant-time).
 */
export function firstOfAll<T>(items: readonly T[], matches: (item: T) => boolean): T | undefined {
  let found: T | undefined;
  for (const item of items) if (matches(item) && found === undefined) found = item;
  return found;
}
