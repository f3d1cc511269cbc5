// auth.allow_from: which client addresses may talk to the service at all.
import { BlockList, isIPv4 } from 'node:net';
import { parseCidr } from './cidr';

export type AddressCheck = (address: string) => boolean;

/** An IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d; it is matched as the IPv4 address it is. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped === null ? address : mapped[1];
}

/** An address of this host's loopback (127.0.0.0/8, ::1, and 127.x as a dual-stack socket shows it). */
export function isLoopback(address: string): boolean {
  return /^(127\.|::1$|::ffff:127\.)/i.test(address);
}

/** A check that passes every address when the list is empty. */
export function allowList(cidrs: readonly string[]): AddressCheck {
  if (cidrs.length === 0) return () => true;
  const list = new BlockList();
  for (const text of cidrs) {
    const cidr = parseCidr(text);
    if (cidr === undefined) throw new Error(`invalid CIDR ${text}`);
    list.addSubnet(cidr.address, cidr.prefix, cidr.family === 4 ? 'ipv4' : 'ipv6');
  }
  return (address) => {
    const plain = plainAddress(address);
    try {
      return list.check(plain, isIPv4(plain) ? 'ipv4' : 'ipv6');
    } catch {
      return false;
    }
  };
}
