// Browsers cannot be made to use this service: a request must name this node in its Host (so DNS rebinding
// reaches nothing), and a request that would start a run must not carry a browser's cross-site marks (so no web
// page can trigger one). curl, the fleet client and webhook senders send neither mark.
import { isIP } from 'node:net';
import { twitchError } from '../errors';
import { printable } from '../text';

/** The names a request's Host may give (besides IP literals). */
export interface HostNames {
  /** any Host is accepted (allowed_hosts contains "*") */
  any: boolean;
  /** lower case, without a trailing dot: the node's hostname, its short name, and config allowed_hosts */
  names: ReadonlySet<string>;
  /** the service listens on a loopback or wildcard address, so `localhost` reaches it */
  localhost: boolean;
  /** Host values, as sent, already found to name this node */
  accepted: Set<string>;
}

/** The name part of a Host header value: lower case, without port, brackets or a trailing dot. */
export function hostName(host: string): string {
  const bracket = host.startsWith('[') ? host.indexOf(']') : -1;
  const name = bracket !== -1 ? host.slice(1, bracket) : host.replace(/:\d*$/, '');
  return name.toLowerCase().replace(/\.$/, '');
}

/** The names a service on `hostname` (the OS's) with `allowed` (config allowed_hosts) bound to `bind` answers to. */
export function hostNames(hostname: string, allowed: readonly string[], bind: string): HostNames {
  const names = new Set<string>();
  const add = (name: string) => name !== '' && names.add(name.toLowerCase().replace(/\.$/, ''));
  add(hostname);
  add(hostname.split('.')[0]);
  for (const name of allowed) if (name !== '*') add(name);
  const loopback = bind === '0.0.0.0' || bind === '::' || bind === '::1' || bind.startsWith('127.') || bind === 'localhost';
  return { any: allowed.includes('*'), names, localhost: loopback, accepted: new Set() };
}

/** How many Host values, as sent, are remembered as naming this node: most clients send one again and again. */
const MAX_ACCEPTED = 64;

/** 421 unless `host` (a syntactically valid Host header, or none) names this node. */
export function checkHostName(host: string | undefined, allowed: HostNames): void {
  if (host === undefined || host === '' || allowed.any || allowed.accepted.has(host)) return;
  if (!namesThisNode(host, allowed)) {
    throw twitchError(
      'MISDIRECTED_REQUEST',
      `Host "${printable(host, 255)}" does not name this node: send its name or address, or add the name to allowed_hosts ` +
        'in the service config (the module parameter allowed_hosts; "*" accepts any).',
    );
  }
  if (allowed.accepted.size < MAX_ACCEPTED) allowed.accepted.add(host);
}

function namesThisNode(host: string, allowed: HostNames): boolean {
  const name = hostName(host);
  return isIP(name) !== 0 || (name === 'localhost' && allowed.localhost) || allowed.names.has(name);
}

// What a browser sends with a request it makes for a page (Fetch Metadata), and what it means here.
const SAME_SITE_OK: ReadonlySet<string> = new Set(['same-origin', 'none']);

/**
 * 403 for a request that carries a browser's cross-site marks: `Sec-Fetch-Site` other than same-origin or none
 * (a user typing the URL), or an `Origin` other than this service's own (`scheme://host`).
 */
export function checkSameOrigin(headers: { 'sec-fetch-site'?: string | string[]; origin?: string | string[]; host?: string }, scheme: 'http' | 'https'): void {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && !(typeof site === 'string' && SAME_SITE_OK.has(site.toLowerCase()))) {
    throw twitchError(
      'FORBIDDEN',
      `Forbidden: a web page on another site sent this request (Sec-Fetch-Site: ${printable(String(site), 64)}); ` +
        'runs are started with curl, the fleet client or a webhook, not from a browser.',
    );
  }
  const origin = headers.origin;
  if (origin === undefined) return;
  const own = headers.host === undefined ? undefined : `${scheme}://${headers.host.toLowerCase()}`;
  if (typeof origin !== 'string' || own === undefined || origin.toLowerCase() !== own) {
    throw twitchError(
      'FORBIDDEN',
      `Forbidden: a web page at ${printable(String(origin), 200)} sent this request, not this service's own origin; ` +
        'runs are started with curl, the fleet client or a webhook, not from a browser.',
    );
  }
}
