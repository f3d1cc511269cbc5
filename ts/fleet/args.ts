// `puppet-twitch fleet` argv → what to do. Pure: every default of the fleet client lives here.
import { twitchError } from '../errors';
import { checkOptions, ENVIRONMENT_NAME, type RunOptions } from '../core/options';
import type { NodeOutcome } from './outcomes';

export type Selection =
  | { query: string }
  | { nodes: string[] }
  | { nodes_file: string }
  /** the nodes of an earlier --json or --format jsonl result that did not end well (or those of `outcomes`) */
  | { retry_from: string; outcomes: NodeOutcome[] };

export interface FleetOptions {
  selection: Selection;
  puppetdb: string;
  concurrency: number;
  run: RunOptions;
  /** the longest one node's run is waited for, from its trigger */
  waitSeconds: number;
  port: number;
  scheme: 'http' | 'https';
  addressFact: string | null;
  tokenFile: string | null;
  /** send the token over plain http to nodes that are not loopback addresses too */
  insecureHttp: boolean;
  cacert: string | null;
  cert: string | null;
  key: string | null;
  maxFailures: number | null;
  busyTimeout: number;
  connectTimeout: number;
  timeout: number;
  json: boolean;
}

export const FLEET_DEFAULTS = {
  puppetdb: 'https://puppet:8081',
  concurrency: 10,
  waitSeconds: 3600,
  port: 2023,
  scheme: 'http',
  busyTimeout: 0,
  connectTimeout: 5,
  timeout: 30,
} as const;

export const FLEET_USAGE = `Usage: puppet-twitch fleet (--query PQL | --nodes a,b,c | --nodes-file FILE) [options]

Triggers a Puppet run through puppet-twitch on every node selected, at most --concurrency runs at once, waits
for each run to finish and reports each node's outcome: ok, changes, drift (a noop run found changes pending), failed, disabled, busy,
unreachable, refused (401/403) or skipped. Exit status: 0 all ok, changes or drift, 1 any other outcome, 2 usage or PuppetDB errors.

Selecting nodes:
  --query PQL            a PuppetDB query (PQL, or AST as a JSON array) whose rows have a certname, e.g.
                         'nodes[certname] { facts.role = "web" }'
  --nodes a,b,c          certnames
  --nodes-file FILE      one certname a line (# comments and blank lines ignored)
  --puppetdb URL         PuppetDB (default ${FLEET_DEFAULTS.puppetdb})
  --address-fact FACT    address each node by this fact (e.g. networking.ip) instead of its certname,
                         looked up in PuppetDB

Running:
  --concurrency N        Puppet runs at once (default ${FLEET_DEFAULTS.concurrency}); a slot is held until the node's run has finished
  --noop  --tags a,b  --skip-tags a,b  --environment NAME
                         run options, the same for every node
  --wait[=SECONDS]       how long one node's run is waited for (default ${FLEET_DEFAULTS.waitSeconds}); runs are always waited for
  --busy-timeout S       retry a node that answers 409 (busy) when its Retry-After says, for up to S
                         seconds (default ${FLEET_DEFAULTS.busyTimeout}: report it busy at once)
  --max-failures N       start no new run after N nodes have failed; the rest are skipped

Reaching the nodes:
  --port N               the service's port (default ${FLEET_DEFAULTS.port})
  --scheme http|https    (default ${FLEET_DEFAULTS.scheme}); https checks each node's certificate against its certname
  --token-file FILE      a bearer token for the nodes (never printed); with --scheme http it is sent only to
                         loopback nodes (127.0.0.0/8, ::1, localhost): others are refused (exit status 2)
  --insecure-http        send the token over plain http to any node all the same (anyone on the way can
                         read it)
  --cacert FILE --cert FILE --key FILE
                         TLS for PuppetDB and the nodes (default: this host's Puppet agent's CA,
                         certificate and key, when https is used)
  --connect-timeout S    (default ${FLEET_DEFAULTS.connectTimeout})  --timeout S  per answer (default ${FLEET_DEFAULTS.timeout}; a wait adds its own time)

Output:
  --json                 one JSON document on stdout instead of the table
`;

const VALUE_OPTIONS = [
  'query', 'nodes', 'nodes-file', 'puppetdb', 'concurrency', 'tags', 'skip-tags', 'environment', 'port', 'scheme',
  'address-fact', 'token-file', 'cacert', 'cert', 'key', 'max-failures', 'busy-timeout', 'connect-timeout', 'timeout',
] as const;
const FLAG_OPTIONS = ['noop', 'json', 'insecure-http'] as const;
/** A fact name as PuppetDB's inventory addresses it: dotted path of plain segments. */
const FACT_PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

const usage = (message: string): never => {
  throw twitchError('USAGE', `fleet: ${message} See 'puppet-twitch fleet --help'.`);
};

function whole(name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) usage(`--${name} takes a whole number from ${min} to ${max}, not '${text}'.`);
  return Number(text);
}

function seconds(name: string, text: string, max: number): number {
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) > max) usage(`--${name} takes seconds (0 to ${max}), not '${text}'.`);
  return Number(text);
}

function list(name: string, text: string): string[] {
  const items = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) usage(`--${name} needs at least one name.`);
  return items;
}

function runOptions(given: Map<string, string>, noop: boolean): RunOptions {
  const raw: Record<string, unknown> = {};
  if (noop) raw.noop = true;
  if (given.has('tags')) raw.tags = list('tags', given.get('tags') as string);
  if (given.has('skip-tags')) raw.skip_tags = list('skip-tags', given.get('skip-tags') as string);
  let run: RunOptions;
  try {
    run = checkOptions(raw, { environments: [] });
  } catch (err) {
    return usage(`${(err as Error).message.replace(/parameter '(\w+)'/, (_m, p: string) => `--${p.replace('_', '-')}`)}`);
  }
  const environment = given.get('environment');
  if (environment !== undefined) {
    if (!ENVIRONMENT_NAME.test(environment)) usage(`--environment '${environment}' is not an environment name (lower case letters, digits and _).`);
    run.environment = environment;
  }
  return run;
}

export function parseFleetArgs(argv: readonly string[]): FleetOptions | 'help' {
  const given = new Map<string, string>();
  const flags = new Set<string>();
  let wait: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (!arg.startsWith('--')) usage(`unexpected argument '${arg}'.`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (given.has(name) || flags.has(name) || (name === 'wait' && wait !== undefined)) usage(`--${name} is given more than once.`);
    if (name === 'wait') {
      wait = eq > 0 ? seconds('wait', arg.slice(eq + 1), 86400) : FLEET_DEFAULTS.waitSeconds;
      if (wait === 0) usage('--wait needs more than 0 seconds.');
    } else if ((FLAG_OPTIONS as readonly string[]).includes(name)) {
      if (eq > 0) usage(`--${name} takes no value.`);
      flags.add(name);
    } else if ((VALUE_OPTIONS as readonly string[]).includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') usage(`--${name} needs a value.`);
      given.set(name, value);
    } else {
      usage(`unknown option '${eq > 0 ? arg.slice(0, eq) : arg}'.`);
    }
  }

  const sources = (['query', 'nodes', 'nodes-file'] as const).filter((s) => given.has(s));
  if (sources.length !== 1) usage('give exactly one of --query PQL, --nodes a,b,c or --nodes-file FILE.');
  const source = sources[0];
  const selection: Selection =
    source === 'query' ? { query: given.get('query') as string }
    : source === 'nodes' ? { nodes: list('nodes', given.get('nodes') as string) }
    : { nodes_file: given.get('nodes-file') as string };

  const scheme = given.get('scheme') ?? FLEET_DEFAULTS.scheme;
  if (scheme !== 'http' && scheme !== 'https') return usage(`--scheme is http or https, not '${scheme}'.`);
  const puppetdb = (given.get('puppetdb') ?? FLEET_DEFAULTS.puppetdb).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#\s]+$/.test(puppetdb)) usage(`--puppetdb takes a URL like https://puppetdb.example.com:8081, not '${puppetdb}'.`);
  const addressFact = given.get('address-fact') ?? null;
  if (addressFact !== null && !FACT_PATH.test(addressFact)) usage(`--address-fact takes a fact name such as networking.ip, not '${addressFact}'.`);
  const num = (name: string, min: number, max: number, fallback: number) => (given.has(name) ? whole(name, given.get(name) as string, min, max) : fallback);
  const secs = (name: string, max: number, fallback: number) => (given.has(name) ? seconds(name, given.get(name) as string, max) : fallback);
  const connectTimeout = secs('connect-timeout', 3600, FLEET_DEFAULTS.connectTimeout);
  const timeout = secs('timeout', 86400, FLEET_DEFAULTS.timeout);
  if (connectTimeout === 0 || timeout === 0) usage('--connect-timeout and --timeout need more than 0 seconds.');
  return {
    selection,
    puppetdb,
    concurrency: num('concurrency', 1, 10000, FLEET_DEFAULTS.concurrency),
    run: runOptions(given, flags.has('noop')),
    waitSeconds: wait ?? FLEET_DEFAULTS.waitSeconds,
    port: num('port', 1, 65535, FLEET_DEFAULTS.port),
    scheme,
    addressFact,
    tokenFile: given.get('token-file') ?? null,
    insecureHttp: flags.has('insecure-http'),
    cacert: given.get('cacert') ?? null,
    cert: given.get('cert') ?? null,
    key: given.get('key') ?? null,
    maxFailures: given.has('max-failures') ? whole('max-failures', given.get('max-failures') as string, 1, 1000000) : null,
    busyTimeout: secs('busy-timeout', 86400, FLEET_DEFAULTS.busyTimeout),
    connectTimeout,
    timeout,
    json: flags.has('json'),
  };
}
