// The one place that reads the config file and the environment, applies every default and validates every key.
import { accessSync, constants, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { CRON_HINT, cronProblem, cronSyntaxProblem, normalizeCron } from './core/cron';
import { parseCidr } from './auth/cidr';
import { IDENTITY_ID, IDENTITY_ID_RULE, SCOPES, TOKEN_SHA256, WEBHOOK_TYPES, type Scope, type WebhookType } from './auth/vocabulary';
import { isTwitchError, twitchError } from './errors';
import { checkOptions, ENVIRONMENT_NAME, OPTION_NAMES, type RunOptions } from './core/options';
import { printable } from './text';
import { certnamePatternProblem } from './tls/certnames';
import { readRegularFile } from './trusted';

export const DEFAULT_CONFIG_FILE = '/etc/puppet-twitch/config.json';
export const DEFAULTS = {
  bind: '0.0.0.0',
  port: 2023,
  max_connections: 4096,
  state_dir: '/var/lib/puppet-twitch',
  history: 100,
  setsid: '/usr/bin/setsid',
  max_splay: 0,
  run_timeout: 3600,
  tls: { client_certs: 'none', allowed_certnames: [] },
  public_read: false,
  /** a webhook's payload; every other request body is small (LIMITS.maxBodyBytes) */
  max_body_bytes: 1024 * 1024,
  triggers_per_minute: 60,
  min_run_interval: 0,
  audit_file: 'audit.log',
  audit_max_bytes: 10 * 1024 * 1024,
  /** each run's stored output, <state_dir>/<id>.log; 0 keeps none */
  output_max_bytes: 1024 * 1024,
  schedule_splay: 0,
  access_log: 'default',
  metrics: { enabled: true, public: false },
} as const;
/** The longest splay, for a caller (puppet.max_splay) and for the schedule (schedule.splay). */
const MAX_SPLAY = 86_400;
const AIO_PUPPET = '/opt/puppetlabs/bin/puppet';
// Puppet's own paths by packaging (README, "Config file"): the AIO packages keep everything under /opt/puppetlabs.
const PACKAGING = {
  aio: {
    statedir: '/opt/puppetlabs/puppet/cache/state',
    lastrunfile: '/opt/puppetlabs/puppet/public/last_run_summary.yaml',
    conf: '/etc/puppetlabs/puppet/puppet.conf',
  },
  distro: {
    statedir: '/var/cache/puppet/state',
    lastrunfile: '/var/cache/puppet/public/last_run_summary.yaml',
    conf: '/etc/puppet/puppet.conf',
  },
} as const;

export type PuppetMode = 'agent' | 'apply';
export const CLIENT_CERTS = ['none', 'optional', 'required'] as const;
export type ClientCerts = (typeof CLIENT_CERTS)[number];
/** Which requests get an access log line (README, "Logs"). */
export const ACCESS_LOG = ['all', 'default', 'none'] as const;
export type AccessLog = (typeof ACCESS_LOG)[number];

/** HTTPS instead of HTTP (README, "TLS"). The files are read at start and on reload, never here. */
export interface TlsConfig {
  cert: string;
  key: string;
  ca: string;
  crl?: string;
  /** whether a client certificate is asked for, and whether one is needed */
  client_certs: ClientCerts;
  /** certname patterns (tls/certnames.ts) a client certificate is allowed for */
  allowed_certnames: string[];
}

export interface PuppetConfig {
  bin: string;
  mode: PuppetMode;
  /** apply mode only */
  manifest?: string;
  sudo: boolean;
  /** util-linux setsid: sudo's child, so that the root helper is not (see README, "The sudo boundary") */
  setsid: string;
  /** Puppet's statedir: the catalog lock and disabled lock files are in it */
  statedir: string;
  lastrunfile: string;
  /** Puppet's puppet.conf: the root helper reads the agent's server from it */
  conf: string;
  environments: string[];
  max_splay: number;
  run_timeout: number;
  args: string[];
}

export interface TokenEntry {
  id: string;
  /** hex SHA-256 of the token; the token itself is never stored */
  sha256: string;
  scopes: Scope[];
}

export interface WebhookEntry {
  id: string;
  type: WebhookType;
  secret: string;
}

export interface AuthConfig {
  tokens: TokenEntry[];
  webhooks: WebhookEntry[];
  /** CIDRs (or single addresses) that may connect; empty: any */
  allow_from: string[];
  public_read: boolean;
}

export interface LimitsConfig {
  max_body_bytes: number;
  triggers_per_minute: number;
  min_run_interval: number;
}

export interface ScheduleConfig {
  /** a cron expression of 5 or 6 fields (node-cron), spaces normalized */
  cron: string;
  /** each tick waits a random time up to this many seconds before puppet starts */
  splay: number;
  options: RunOptions;
  /** the IANA time zone the expression is read in */
  timezone: string;
}

export interface Config {
  /** Absolute path of the file this came from, when there was one: the root helper re-reads it. */
  file?: string;
  bind: string;
  port: number;
  max_connections: number;
  run_dir?: string;
  state_dir: string;
  history: number;
  puppet: PuppetConfig;
  tls?: TlsConfig;
  auth: AuthConfig;
  limits: LimitsConfig;
  audit_log: string;
  audit_max_bytes: number;
  access_log: AccessLog;
  /** the cap of each run's stored output (0: none kept) */
  output_max_bytes: number;
  /** scheduled runs, when configured */
  schedule?: ScheduleConfig;
  metrics: MetricsConfig;
}

/** GET /metrics (README, "Metrics"). */
export interface MetricsConfig {
  /** false: there is no /metrics route */
  enabled: boolean;
  /** true: /metrics needs no credentials, like /version */
  public: boolean;
}

export interface Overrides {
  config?: string;
  bind?: string;
  port?: string;
}

/** What the defaults depend on, so normalizeConfig stays pure. */
export interface Host {
  isRoot: boolean;
  findPuppet: () => string | undefined;
  /** the system's time zone; asked only when a schedule is configured (Intl costs the service memory) */
  timeZone?: () => string;
  /**
   * false in a process that never runs the schedule (the root helper): the schedule's form is checked, but not
   * what only running it needs (node-cron and the time zone data, about 10 MiB and 60 ms a process), and it is
   * left out of the config.
   */
  runsSchedule?: boolean;
}

type Raw = Record<string, unknown>;
const TOP_KEYS = [
  'bind',
  'port',
  'max_connections',
  'run_dir',
  'state_dir',
  'history',
  'puppet',
  'tls',
  'auth',
  'limits',
  'audit_log',
  'audit_max_bytes',
  'access_log',
  'output_max_bytes',
  'schedule',
  'metrics',
];
const METRICS_KEYS = ['enabled', 'public'];
const TLS_KEYS = ['cert', 'key', 'ca', 'crl', 'client_certs', 'allowed_certnames'];
const AUTH_KEYS = ['tokens', 'webhooks', 'allow_from', 'public_read'];
const LIMITS_KEYS = ['max_body_bytes', 'triggers_per_minute', 'min_run_interval'];
const SCHEDULE_KEYS = ['cron', 'splay', 'options', 'timezone'];
const PUPPET_KEYS = [
  'bin',
  'mode',
  'manifest',
  'sudo',
  'setsid',
  'statedir',
  'lastrunfile',
  'conf',
  'environments',
  'max_splay',
  'run_timeout',
  'args',
];

function invalid(key: string, message: string): never {
  throw twitchError('CONFIG_INVALID', `Invalid config key '${key}': ${message}`);
}

function checkKeys(obj: Raw, allowed: string[], prefix: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw twitchError('CONFIG_INVALID', `Unknown config key '${prefix}${key}'. Known keys: ${allowed.map((k) => prefix + k).join(', ')}.`);
    }
  }
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}


function str(obj: Raw, key: string, name: string): string | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') invalid(name, `must be a non-empty string, got ${JSON.stringify(value)}`);
  if (/[\0-\x1f]/.test(value)) invalid(name, 'must not contain control characters');
  return value;
}

function path(obj: Raw, key: string, name: string): string | undefined {
  const value = str(obj, key, name);
  if (value !== undefined && !isAbsolute(value)) invalid(name, `must be an absolute path, got "${value}"`);
  return value;
}

function integer(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(name, `must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A number given on the command line arrives as text. */
function flagInteger(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,7}$/.test(value)) invalid(name, `must be an integer from ${min} to ${max}, got "${value}"`);
  return integer(Number(value), name, min, max);
}

const TLS_FILES = {
  cert: "the service's certificate (PEM), e.g. Puppet's ssl/certs/<certname>.pem",
  key: "its private key (PEM), e.g. Puppet's ssl/private_keys/<certname>.pem",
  ca: "the CA certificates (PEM) client certificates must chain to, e.g. Puppet's ssl/certs/ca.pem",
} as const;

function tlsConfig(raw: unknown): TlsConfig | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) invalid('tls', 'must be an object with cert, key and ca (see README, "TLS")');
  checkKeys(raw, TLS_KEYS, 'tls.');
  const file = (key: keyof typeof TLS_FILES): string =>
    path(raw, key, `tls.${key}`) ?? invalid(`tls.${key}`, `is required when tls is set: the absolute path of ${TLS_FILES[key]}`);
  const client_certs = oneOf(raw.client_certs, 'tls.client_certs', CLIENT_CERTS) ?? DEFAULTS.tls.client_certs;
  const allowed = raw.allowed_certnames ?? [...DEFAULTS.tls.allowed_certnames];
  if (!Array.isArray(allowed)) invalid('tls.allowed_certnames', 'must be an array of certname patterns such as "*.ops.example.com"');
  allowed.forEach((pattern, i) => {
    const problem = certnamePatternProblem(pattern);
    if (problem !== undefined) invalid(`tls.allowed_certnames[${i}]`, problem);
  });
  const crl = path(raw, 'crl', 'tls.crl');
  return {
    cert: file('cert'),
    key: file('key'),
    ca: file('ca'),
    ...(crl !== undefined ? { crl } : {}),
    client_certs: client_certs as ClientCerts,
    allowed_certnames: allowed as string[],
  };
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The `schedule` key: run options as an HTTP caller's, checked by the same code against the same config. */
function scheduleConfig(raw: unknown, environments: string[], host: Host): ScheduleConfig | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) invalid('schedule', 'must be an object such as {"cron": "*/30 * * * *"}');
  checkKeys(raw, SCHEDULE_KEYS, 'schedule.');
  const cron = str(raw, 'cron', 'schedule.cron');
  if (cron === undefined) invalid('schedule.cron', `is required in a schedule: ${CRON_HINT}`);
  const runs = host.runsSchedule !== false;
  const problem = runs ? cronProblem(cron) : cronSyntaxProblem(cron);
  if (problem !== null) invalid('schedule.cron', `"${printable(cron)}" is not a cron expression: ${problem}; ${CRON_HINT}`);

  const options = raw.options ?? {};
  if (!isObject(options)) invalid('schedule.options', 'must be an object of run options');
  checkKeys(options, [...OPTION_NAMES], 'schedule.options.');
  // An empty list of tags is no tags here: a config writer need not leave the key out.
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => !(Array.isArray(v) && v.length === 0)));
  let checked: RunOptions;
  try {
    checked = checkOptions(given, { environments });
  } catch (err) {
    if (!isTwitchError(err)) throw err;
    invalid('schedule.options', err.message);
  }

  const splay = integer(raw.splay, 'schedule.splay', 0, MAX_SPLAY) ?? DEFAULTS.schedule_splay;
  const zone = str(raw, 'timezone', 'schedule.timezone');
  if (!runs) return undefined;
  const timezone = zone ?? (host.timeZone ?? systemTimeZone)();
  if (!isTimeZone(timezone)) {
    invalid('schedule.timezone', `"${printable(timezone)}" is not a time zone this Node.js knows; use an IANA name such as "Europe/Berlin" or "UTC"`);
  }
  return {
    cron: normalizeCron(cron),
    splay,
    options: checked,
    timezone,
  };
}

// An extra fixed argument is one `--option` or `--option=value`: nothing that could smuggle a second command.
const ARG = /^--[a-z][a-z0-9_-]*(=[^\0-\x1f]*)?$/;

export function normalizeConfig(raw: unknown, overrides: Overrides, host: Host, file?: string): Config {
  if (!isObject(raw)) throw twitchError('CONFIG_INVALID', 'The config must be a JSON object.');
  checkKeys(raw, TOP_KEYS, '');
  const p = raw.puppet ?? {};
  if (!isObject(p)) invalid('puppet', 'must be an object');
  checkKeys(p, PUPPET_KEYS, 'puppet.');

  // The file's values are checked even where a flag overrides them: a broken file fails now, not at the next restart.
  const fileBind = str(raw, 'bind', 'bind');
  const filePort = integer(raw.port, 'port', 0, 65535);
  const bind = overrides.bind ?? fileBind ?? DEFAULTS.bind;
  if (isIP(bind) === 0) invalid('bind', `must be an IP address such as 0.0.0.0, 127.0.0.1 or ::, got "${printable(bind)}"`);
  const port = flagInteger(overrides.port, 'port', 0, 65535) ?? filePort ?? DEFAULTS.port;
  const max_connections = integer(raw.max_connections, 'max_connections', 16, 1_000_000) ?? DEFAULTS.max_connections;

  const mode = p.mode ?? 'agent';
  if (mode !== 'agent' && mode !== 'apply') invalid('puppet.mode', `must be "agent" or "apply", got ${JSON.stringify(mode)}`);
  const manifest = path(p, 'manifest', 'puppet.manifest');
  if (mode === 'apply' && manifest === undefined) invalid('puppet.manifest', 'is required when puppet.mode is "apply"');
  if (mode === 'agent' && manifest !== undefined) invalid('puppet.manifest', 'is used only when puppet.mode is "apply"; remove it');

  const sudo = p.sudo ?? !host.isRoot;
  if (typeof sudo !== 'boolean') invalid('puppet.sudo', `must be true or false, got ${JSON.stringify(sudo)}`);
  if (sudo && file === undefined) {
    invalid('puppet.sudo', 'needs a config file: the root helper reads its settings only from a root-owned file (give --config)');
  }

  const bin = path(p, 'bin', 'puppet.bin') ?? host.findPuppet();
  if (bin === undefined) {
    invalid('puppet.bin', `no puppet found in ${AIO_PUPPET} or on PATH; set it to the puppet binary's path`);
  }
  const packaging = bin.startsWith('/opt/puppetlabs/') ? PACKAGING.aio : PACKAGING.distro;

  const args = p.args ?? [];
  if (!Array.isArray(args)) invalid('puppet.args', 'must be an array of strings');
  args.forEach((arg, i) => {
    if (typeof arg !== 'string' || !ARG.test(arg)) {
      invalid(`puppet.args[${i}]`, `must be one "--option" or "--option=value" without control characters, got ${JSON.stringify(arg)}`);
    }
  });

  const environments = p.environments ?? [];
  if (!Array.isArray(environments)) invalid('puppet.environments', 'must be an array of environment names');
  environments.forEach((name, i) => {
    if (typeof name !== 'string' || !ENVIRONMENT_NAME.test(name)) {
      invalid(`puppet.environments[${i}]`, `must be an environment name (lower case letters, digits and _), got ${JSON.stringify(name)}`);
    }
  });
  const tls = tlsConfig(raw.tls);

  const state_dir = path(raw, 'state_dir', 'state_dir') ?? DEFAULTS.state_dir;
  const schedule = scheduleConfig(raw.schedule, environments as string[], host);

  return {
    file,
    bind,
    port,
    max_connections,
    run_dir: path(raw, 'run_dir', 'run_dir'),
    state_dir,
    history: integer(raw.history, 'history', 1, 10_000) ?? DEFAULTS.history,
    puppet: {
      bin,
      mode,
      ...(manifest !== undefined ? { manifest } : {}),
      sudo,
      setsid: path(p, 'setsid', 'puppet.setsid') ?? DEFAULTS.setsid,
      statedir: path(p, 'statedir', 'puppet.statedir') ?? packaging.statedir,
      lastrunfile: path(p, 'lastrunfile', 'puppet.lastrunfile') ?? packaging.lastrunfile,
      conf: path(p, 'conf', 'puppet.conf') ?? packaging.conf,
      environments: environments as string[],
      max_splay: integer(p.max_splay, 'puppet.max_splay', 0, MAX_SPLAY) ?? DEFAULTS.max_splay,
      run_timeout: integer(p.run_timeout, 'puppet.run_timeout', 0, 604_800) ?? DEFAULTS.run_timeout,
      args: args as string[],
    },
    ...(tls !== undefined ? { tls } : {}),
    auth: authConfig(raw.auth),
    limits: limitsConfig(raw.limits),
    audit_log: path(raw, 'audit_log', 'audit_log') ?? join(state_dir, DEFAULTS.audit_file),
    audit_max_bytes: integer(raw.audit_max_bytes, 'audit_max_bytes', 4096, 1024 ** 4) ?? DEFAULTS.audit_max_bytes,
    access_log: oneOf(raw.access_log, 'access_log', ACCESS_LOG) ?? DEFAULTS.access_log,
    output_max_bytes: integer(raw.output_max_bytes, 'output_max_bytes', 0, 1024 ** 3) ?? DEFAULTS.output_max_bytes,
    ...(schedule !== undefined ? { schedule } : {}),
    metrics: metricsConfig(raw.metrics),
  };
}

/** The config as `puppet-twitch config` prints it: webhook secrets replaced, so the output can be shared. */
export function redactSecrets<T extends Pick<Config, 'auth'>>(config: T): T {
  return { ...config, auth: { ...config.auth, webhooks: config.auth.webhooks.map((w) => ({ ...w, secret: REDACTED })) } };
}
export const REDACTED = '(redacted)';

function oneOf<T extends string>(value: unknown, key: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    invalid(key, `must be ${allowed.map((m) => `"${m}"`).join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

function section(value: unknown, name: string, keys: string[]): Raw {
  if (value === undefined) return {};
  if (!isObject(value)) invalid(name, 'must be an object');
  checkKeys(value, keys, `${name}.`);
  return value;
}

function list(value: unknown, name: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) invalid(name, 'must be an array');
  return value;
}

function entry(value: unknown, name: string, keys: string[]): Raw {
  if (!isObject(value)) invalid(name, `must be an object with keys ${keys.join(', ')}`);
  checkKeys(value, keys, `${name}.`);
  for (const key of keys) if (value[key] === undefined) invalid(`${name}.${key}`, 'is required');
  return value;
}

function identityId(value: unknown, name: string, seen: Set<string>): string {
  if (typeof value !== 'string' || !IDENTITY_ID.test(value)) {
    invalid(name, `must be ${IDENTITY_ID_RULE}, got ${JSON.stringify(value)}`);
  }
  if (seen.has(value)) invalid(name, `"${value}" is used twice; every id must be unique`);
  seen.add(value);
  return value;
}

function authConfig(value: unknown): AuthConfig {
  const auth = section(value, 'auth', AUTH_KEYS);
  const tokenIds = new Set<string>();
  const tokens = list(auth.tokens, 'auth.tokens').map((item, i): TokenEntry => {
    const name = `auth.tokens[${i}]`;
    const t = entry(item, name, ['id', 'sha256', 'scopes']);
    const id = identityId(t.id, `${name}.id`, tokenIds);
    if (typeof t.sha256 !== 'string' || !TOKEN_SHA256.test(t.sha256)) {
      invalid(`${name}.sha256`, 'must be the 64 lower-case hex digits of the token\'s SHA-256 (puppet-twitch token hash); never the token itself');
    }
    const scopes = list(t.scopes, `${name}.scopes`);
    if (scopes.length === 0) invalid(`${name}.scopes`, `must name at least one of ${SCOPES.join(', ')}`);
    scopes.forEach((scope, j) => {
      if (!(SCOPES as readonly unknown[]).includes(scope)) {
        invalid(`${name}.scopes[${j}]`, `must be one of ${SCOPES.join(', ')}, got ${JSON.stringify(scope)}`);
      }
    });
    return { id, sha256: t.sha256, scopes: [...new Set(scopes as Scope[])] };
  });
  const hookIds = new Set<string>();
  const webhooks = list(auth.webhooks, 'auth.webhooks').map((item, i): WebhookEntry => {
    const name = `auth.webhooks[${i}]`;
    const w = entry(item, name, ['id', 'type', 'secret']);
    const id = identityId(w.id, `${name}.id`, hookIds);
    if (!(WEBHOOK_TYPES as readonly unknown[]).includes(w.type)) {
      invalid(`${name}.type`, `must be one of ${WEBHOOK_TYPES.join(', ')}, got ${JSON.stringify(w.type)}`);
    }
    // Never echo a secret: not even a wrong one.
    if (typeof w.secret !== 'string' || w.secret.length < 16 || w.secret.length > 1024 || /[\0-\x1f\x7f]/.test(w.secret)) {
      invalid(`${name}.secret`, 'must be a string of 16 to 1024 printable characters');
    }
    return { id, type: w.type as WebhookType, secret: w.secret };
  });
  const allow_from = list(auth.allow_from, 'auth.allow_from').map((cidr, i) => {
    if (typeof cidr !== 'string' || parseCidr(cidr) === undefined) {
      invalid(`auth.allow_from[${i}]`, `must be an IPv4 or IPv6 address or CIDR such as 10.0.0.0/8 or 2001:db8::/32, got ${JSON.stringify(cidr)}`);
    }
    return cidr;
  });
  const public_read = auth.public_read ?? DEFAULTS.public_read;
  if (typeof public_read !== 'boolean') invalid('auth.public_read', `must be true or false, got ${JSON.stringify(public_read)}`);
  return { tokens, webhooks, allow_from, public_read };
}

function bool(obj: Raw, key: string, name: string, fallback: boolean): boolean {
  const value = obj[key] ?? fallback;
  if (typeof value !== 'boolean') invalid(name, `must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

function metricsConfig(value: unknown): MetricsConfig {
  const metrics = section(value, 'metrics', METRICS_KEYS);
  return {
    enabled: bool(metrics, 'enabled', 'metrics.enabled', DEFAULTS.metrics.enabled),
    public: bool(metrics, 'public', 'metrics.public', DEFAULTS.metrics.public),
  };
}

function limitsConfig(value: unknown): LimitsConfig {
  const limits = section(value, 'limits', LIMITS_KEYS);
  return {
    max_body_bytes: integer(limits.max_body_bytes, 'limits.max_body_bytes', 1024, 64 * 1024 * 1024) ?? DEFAULTS.max_body_bytes,
    triggers_per_minute: integer(limits.triggers_per_minute, 'limits.triggers_per_minute', 1, 100_000) ?? DEFAULTS.triggers_per_minute,
    min_run_interval: integer(limits.min_run_interval, 'limits.min_run_interval', 0, 86_400) ?? DEFAULTS.min_run_interval,
  };
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function findPuppet(): string | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((d) => isAbsolute(d));
  return [AIO_PUPPET, ...dirs.map((d) => join(d, 'puppet'))].find(isExecutable);
}

export function hostFacts(): Host {
  return { isRoot: process.getuid?.() === 0, findPuppet, timeZone: systemTimeZone };
}

/** True when this process is root because sudo made it so: then every input must come from root-owned files. */
export function runBySudo(): boolean {
  return process.getuid?.() === 0 && process.env.SUDO_UID !== undefined;
}

/**
 * Reads the config file (the given one, else the default when it exists) and applies the overrides.
 * `trusting`: the root helper's reading, which refuses a symbolic link instead of following it.
 */
export function loadConfig(overrides: Overrides, host: Host = hostFacts(), trusting = false): Config {
  let file: string | undefined;
  let raw: unknown = {};
  if (overrides.config !== undefined) file = resolve(overrides.config);
  else if (fileExists(DEFAULT_CONFIG_FILE)) file = DEFAULT_CONFIG_FILE;
  if (file !== undefined) {
    let text: string | undefined;
    try {
      text = readRegularFile(file, { followSymlinks: !trusting });
    } catch (err) {
      throw twitchError('CONFIG_INVALID', `Cannot read config file: ${(err as Error).message}`);
    }
    if (text === undefined) throw twitchError('CONFIG_INVALID', `Cannot read config file ${file}: it does not exist`);
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw twitchError('CONFIG_INVALID', `Config file ${file} is not valid JSON: ${(err as Error).message}`);
    }
  }
  try {
    return normalizeConfig(raw, overrides, host, file);
  } catch (err) {
    if (file !== undefined && err instanceof Error) err.message = `${file}: ${err.message}`;
    throw err;
  }
}

function fileExists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
