// The synthetic fleet: node0001.fleet.test … node1000.fleet.test with the facts the fleet client selects and
// addresses them by, and a feeder that stores them in a PuppetDB (spec/fleet/puppetdb.sh starts one) the way
// a puppetserver would, with replace_facts commands.
//
// Node i (1-based): networking.ip 127.77.X.Y with X = floor((i-1)/250), Y = ((i-1) % 250) + 1;
// role by i % 4: 0 db, 1 web, 2 app, 3 cache; os.family RedHat when i % 10 == 0, else Debian.
import * as http from 'node:http';
import * as https from 'node:https';

export type Role = 'db' | 'web' | 'app' | 'cache';
export type OsFamily = 'Debian' | 'RedHat';

export interface NodeFacts {
  networking: { ip: string; hostname: string; fqdn: string; domain: string };
  role: Role;
  os: { family: OsFamily; name: string; release: { major: string; full: string } };
  kernel: string;
}

export interface FleetNode {
  certname: string;
  ip: string;
  role: Role;
  osFamily: OsFamily;
  facts: NodeFacts;
}

export const FLEET_DOMAIN = 'fleet.test';
const ROLES: readonly Role[] = ['db', 'web', 'app', 'cache'];

/** Node i (1-based) of the synthetic fleet. */
export function fleetNode(i: number): FleetNode {
  if (!Number.isInteger(i) || i < 1 || i > 9999) throw new RangeError(`fleet node number out of range: ${i}`);
  const hostname = `node${String(i).padStart(4, '0')}`;
  const certname = `${hostname}.${FLEET_DOMAIN}`;
  const ip = `127.77.${Math.floor((i - 1) / 250)}.${((i - 1) % 250) + 1}`;
  const role = ROLES[i % 4];
  const osFamily: OsFamily = i % 10 === 0 ? 'RedHat' : 'Debian';
  const os =
    osFamily === 'RedHat'
      ? { family: osFamily, name: 'AlmaLinux', release: { major: '9', full: '9.4' } }
      : { family: osFamily, name: 'Debian', release: { major: '12', full: '12.5' } };
  return {
    certname,
    ip,
    role,
    osFamily,
    facts: { networking: { ip, hostname, fqdn: certname, domain: FLEET_DOMAIN }, role, os, kernel: 'Linux' },
  };
}

/** The first `count` nodes of the synthetic fleet. */
export function fleetNodes(count = 1000): FleetNode[] {
  return Array.from({ length: count }, (_, k) => fleetNode(k + 1));
}

/** Client certificate material for a PuppetDB https:// URL (PEM text). */
export interface Tls {
  ca: string | Buffer;
  cert: string | Buffer;
  key: string | Buffer;
}

export interface FeedOptions {
  /** commands in flight at once (default 20) */
  concurrency?: number;
  /** give up when the nodes are not all queryable after this long (default 120 s) */
  timeoutMs?: number;
  /** facts environment (default production) */
  environment?: string;
  tls?: Tls;
}

interface Answer {
  status: number;
  body: string;
}

function request(url: string, method: 'GET' | 'POST', body: unknown, agent: http.Agent, tls?: Tls): Promise<Answer> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const options: https.RequestOptions = {
      method,
      agent,
      headers: {
        Accept: 'application/json',
        ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
      },
      timeout: 30_000,
      ...(secure && tls ? { ca: tls.ca, cert: tls.cert, key: tls.key } : {}),
    };
    const req = (secure ? https : http).request(target, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${target.pathname}: no answer in 30 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}

function agentFor(baseUrl: string, concurrency: number, tls?: Tls): http.Agent {
  const options = { keepAlive: true, maxSockets: concurrency };
  return new URL(baseUrl).protocol === 'https:' ? new https.Agent({ ...options, ...tls }) : new http.Agent(options);
}

const base = (url: string) => url.replace(/\/+$/, '');

async function command(baseUrl: string, agent: http.Agent, tls: Tls | undefined, name: string, version: number, certname: string, body: unknown, extra = ''): Promise<Answer> {
  const url = `${base(baseUrl)}/pdb/cmd/v1?command=${name}&version=${version}&certname=${encodeURIComponent(certname)}${extra}`;
  const answer = await request(url, 'POST', body, agent, tls);
  if (answer.status !== 200) throw new Error(`PuppetDB answered ${answer.status} to ${name} for ${certname}: ${answer.body.slice(0, 300)}`);
  return answer;
}

/** Rows of a query (PQL text or an AST) against /pdb/query/v4. */
export async function pdbQuery(baseUrl: string, query: string | unknown[], tls?: Tls): Promise<Array<Record<string, unknown>>> {
  const agent = agentFor(baseUrl, 1, tls);
  try {
    const text = typeof query === 'string' ? query : JSON.stringify(query);
    const answer = await request(`${base(baseUrl)}/pdb/query/v4?query=${encodeURIComponent(text)}`, 'GET', undefined, agent, tls);
    if (answer.status !== 200) throw new Error(`PuppetDB answered ${answer.status} to the query: ${answer.body.slice(0, 300)}`);
    return JSON.parse(answer.body) as Array<Record<string, unknown>>;
  } finally {
    agent.destroy();
  }
}

/**
 * Stores the nodes' facts in the PuppetDB at `baseUrl` (replace_facts, version 5) and waits until every one of
 * them is queryable with these facts. Returns the seconds from the first command to the last node queryable.
 */
export async function feedPuppetDb(baseUrl: string, nodes: readonly FleetNode[], opts: FeedOptions = {}): Promise<number> {
  const concurrency = opts.concurrency ?? 20;
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const environment = opts.environment ?? 'production';
  const started = Date.now();
  // PuppetDB stamps a node's facts_timestamp when it stores the facts: anything from now on is this feed's
  // (a second's slack for clocks that step)
  const since = new Date(started - 1000).toISOString();
  const agent = agentFor(baseUrl, concurrency, opts.tls);
  try {
    let next = 0;
    const worker = async () => {
      while (next < nodes.length) {
        const node = nodes[next++];
        await command(baseUrl, agent, opts.tls, 'replace_facts', 5, node.certname, {
          certname: node.certname,
          environment,
          producer_timestamp: new Date().toISOString(),
          producer: 'fleet-test',
          values: node.facts,
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, nodes.length) }, worker));

    const wanted = new Set(nodes.map((n) => n.certname));
    const query = encodeURIComponent(JSON.stringify(['extract', ['certname'], ['>=', 'facts_timestamp', since]]));
    let missing = wanted.size;
    for (;;) {
      const answer = await request(`${base(baseUrl)}/pdb/query/v4/nodes?query=${query}`, 'GET', undefined, agent, opts.tls);
      if (answer.status !== 200) throw new Error(`PuppetDB answered ${answer.status} to the nodes query: ${answer.body.slice(0, 300)}`);
      const seen = new Set((JSON.parse(answer.body) as Array<{ certname: string }>).map((row) => row.certname));
      missing = [...wanted].filter((name) => !seen.has(name)).length;
      if (missing === 0) return (Date.now() - started) / 1000;
      if (Date.now() - started > timeoutMs) {
        throw new Error(`${missing} of ${wanted.size} nodes are not queryable in PuppetDB after ${timeoutMs / 1000} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    agent.destroy();
  }
}

/**
 * Deactivates a node (deactivate_node, version 3): it drops out of query results until its facts are replaced
 * again. Waits up to `waitSeconds` (default 30) for PuppetDB to process the command.
 */
export async function deactivate(baseUrl: string, certname: string, opts: { tls?: Tls; waitSeconds?: number } = {}): Promise<void> {
  const agent = agentFor(baseUrl, 1, opts.tls);
  try {
    const wait = opts.waitSeconds ?? 30;
    const body = { certname, producer_timestamp: new Date().toISOString() };
    await command(baseUrl, agent, opts.tls, 'deactivate_node', 3, certname, body, `&secondsToWaitForCompletion=${wait}`);
  } finally {
    agent.destroy();
  }
}
