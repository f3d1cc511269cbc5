// A bearer token sent with --scheme http crosses the network in the clear: it is sent only to nodes that are
// this host (loopback), unless --insecure-http says the operator accepts that. Pure.
import { BlockList, isIPv6 } from 'node:net';
import { printable } from '../text';
import type { FleetOptions } from './args';
import type { Target } from './targets';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Whether `host` is this host: an address in 127.0.0.0/8, ::1 (in any spelling, also ::ffff:127.x.y.z) or the
 * name localhost. Other names are not resolved: what they resolve to can change before the connection is made.
 */
export function isLoopback(host: string): boolean {
  const name = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (name === 'localhost' || name === 'localhost.') return true;
  try {
    return LOOPBACK.check(name, isIPv6(name) ? 'ipv6' : 'ipv4');
  } catch {
    return false; // not an address
  }
}

/** Why the rollout must not start, naming the first nodes the token would reach in the clear; null when it may. */
export function cleartextRefusal(targets: readonly Target[], opts: Pick<FleetOptions, 'scheme' | 'tokenFile' | 'insecureHttp'>): string | null {
  if (opts.scheme !== 'http' || opts.tokenFile === null || opts.insecureHttp) return null;
  const remote = targets.filter((t): t is Target & { address: string } => t.address !== null && !isLoopback(t.address));
  if (remote.length === 0) return null;
  const named = remote.slice(0, 3).map((t) => printable(t.address === t.node ? t.node : `${t.node} (at ${t.address})`, 255));
  const more = remote.length > 3 ? ` and ${remote.length - 3} more` : '';
  const which = remote.length === 1 ? 'a node that is not a loopback address' : `${remote.length} nodes that are not loopback addresses`;
  return (
    `--token-file would go over plain http (--scheme http) to ${which}: ${named.join(', ')}${more}; anyone on the way ` +
    'could read the token and use it. Use --scheme https, or pass --insecure-http to accept that.'
  );
}
