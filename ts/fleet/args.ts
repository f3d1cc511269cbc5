// `puppet-twitch fleet` argv → what to do. Pure: every default of the fleet client lives here.
import { twitchError } from '../errors';
import { checkOptions, ENVIRONMENT_NAME, type RunOptions } from '../core/options';
import { RETRY_OUTCOME_NAMES, SUCCESS, type NodeOutcome, type RetryOutcome } from './outcomes';

export type Selection =
  | { query: string }
  | { nodes: string[] }
  | { nodes_file: string }
  /** the nodes of an earlier --json or --format jsonl result that did not end well (or those of `outcomes`) */
  | { retry_from: string; outcomes: RetryOutcome[] };

export const FLEET_FORMATS = ['table', 'json', 'jsonl', 'junit', 'github'] as const;
export type FleetFormat = (typeof FLEET_FORMATS)[number];

/** A count given as N, or as N% of the nodes selected (plan.ts resolves it once they are known). */
export type Amount = { given: string; count: number } | { given: string; percent: number };

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
  maxFailures: Amount | null;
  busyTimeout: number;
  connectTimeout: number;
  timeout: number;
  /** the first nodes in --order, run first; the rest only when all of them ended well */
  canary: number | null;
  batchSize: Amount | null;
  /** seconds between the end of one batch (the canary too) and the start of the next */
  batchSleep: number;
  order: 'name' | 'random';
  /** the seed of a random order; null: one is chosen (and reported) */
  seed: string | null;
  format: FleetFormat;
  /** the format goes to this file, and the table to stdout */
  output: string | null;
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
  batchSleep: 0,
  order: 'name',
  format: 'table',
} as const;

/** What --retry-from retries when --retry-outcomes is not given: every node that did not end well, or whose end is not known. */
export const RETRY_OUTCOMES: readonly RetryOutcome[] = RETRY_OUTCOME_NAMES.filter((o) => !SUCCESS.has(o as NodeOutcome));

const VALUE_OPTIONS = [
  'query', 'nodes', 'nodes-file', 'puppetdb', 'concurrency', 'tags', 'skip-tags', 'environment', 'port', 'scheme',
  'address-fact', 'token-file', 'cacert', 'cert', 'key', 'max-failures', 'busy-timeout', 'connect-timeout', 'timeout',
  'canary', 'batch-size', 'batch-sleep', 'order', 'seed', 'format', 'output', 'retry-from', 'retry-outcomes',
] as const;
const FLAG_OPTIONS = ['noop', 'json', 'insecure-http'] as const;
const SOURCES = ['query', 'nodes', 'nodes-file', 'retry-from'] as const;
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

/** N (a whole number from 1 to max) or N% (0 < N <= 100, decimals allowed). */
function amount(name: string, text: string, max: number): Amount {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent !== null && Number(percent[1]) > 0 && Number(percent[1]) <= 100) return { given: text, percent: Number(percent[1]) };
  if (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= max) return { given: text, count: Number(text) };
  return usage(`--${name} takes a whole number from 1 to ${max} or a percentage of the nodes (more than 0% up to 100%), not '${text}'.`);
}

function oneOf<T extends string>(name: string, text: string, values: readonly T[]): T {
  if (!(values as readonly string[]).includes(text)) usage(`--${name} is ${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}, not '${text}'.`);
  return text as T;
}

function selectionOf(given: Map<string, string>): Selection {
  const sources = SOURCES.filter((s) => given.has(s));
  if (sources.length !== 1) usage('give exactly one of --query PQL, --nodes a,b,c, --nodes-file FILE or --retry-from FILE.');
  if (given.has('retry-outcomes') && !given.has('retry-from')) usage('--retry-outcomes needs --retry-from FILE.');
  const text = (name: string) => given.get(name) as string;
  switch (sources[0]) {
    case 'query':
      return { query: text('query') };
    case 'nodes':
      return { nodes: list('nodes', text('nodes')) };
    case 'nodes-file':
      return { nodes_file: text('nodes-file') };
    default: {
      const outcomes = given.has('retry-outcomes')
        ? [...new Set(list('retry-outcomes', text('retry-outcomes')).map((o) => oneOf('retry-outcomes', o, RETRY_OUTCOME_NAMES)))]
        : [...RETRY_OUTCOMES];
      return { retry_from: text('retry-from'), outcomes };
    }
  }
}

function formatOf(given: Map<string, string>, json: boolean): FleetFormat {
  const format = given.has('format') ? oneOf('format', given.get('format') as string, FLEET_FORMATS) : null;
  if (json && format !== null && format !== 'json') usage(`--json means --format json, not --format ${format}: give one of them.`);
  return json ? 'json' : (format ?? FLEET_DEFAULTS.format);
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

  const selection = selectionOf(given);
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
  const canary = given.has('canary') ? whole('canary', given.get('canary') as string, 1, 10000) : null;
  const batchSize = given.has('batch-size') ? amount('batch-size', given.get('batch-size') as string, 1000000) : null;
  if (given.has('batch-sleep') && canary === null && batchSize === null) usage('--batch-sleep needs --batch-size or --canary: without them there is one batch.');
  const order = given.has('order') ? oneOf('order', given.get('order') as string, ['name', 'random'] as const) : FLEET_DEFAULTS.order;
  if (given.has('seed') && order !== 'random') usage('--seed needs --order random.');
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
    maxFailures: given.has('max-failures') ? amount('max-failures', given.get('max-failures') as string, 1000000) : null,
    busyTimeout: secs('busy-timeout', 86400, FLEET_DEFAULTS.busyTimeout),
    connectTimeout,
    timeout,
    canary,
    batchSize,
    batchSleep: secs('batch-sleep', 86400, FLEET_DEFAULTS.batchSleep),
    order,
    seed: given.get('seed') ?? null,
    format: formatOf(given, flags.has('json')),
    output: given.get('output') ?? null,
  };
}
