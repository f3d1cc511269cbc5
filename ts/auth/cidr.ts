// CIDR text, as auth.allow_from holds it: one parser for the config's check and for the allowlist.
import { isIP } from 'node:net';

export interface Cidr {
  /** the address as written (not masked to the network) */
  address: string;
  family: 4 | 6;
  prefix: number;
}

/** `addr` or `addr/prefix` → the network's address, its family and prefix length; undefined when invalid. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const family = isIP(address);
  if (family !== 4 && family !== 6) return undefined;
  const max = family === 4 ? 32 : 128;
  const prefixText = slash === -1 ? String(max) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return undefined;
  return { address, family, prefix: Number(prefixText) };
}
