// The config's shape: what every part of the service reads once loadConfig has checked it and applied every default.
import type { Scope, WebhookType } from '../auth/vocabulary';
import type { RunOptions } from '../core/options';

export type PuppetMode = 'agent' | 'apply';
export const CLIENT_CERTS = ['none', 'optional', 'required'] as const;
export type ClientCerts = (typeof CLIENT_CERTS)[number];
/** Which requests get an access log line (README, "Logs"). */
export const ACCESS_LOG = ['all', 'default', 'none'] as const;
export type AccessLog = (typeof ACCESS_LOG)[number];

export interface Config {
  /** Absolute path of the file this came from, when there was one: the root helper re-reads it. */
  file?: string;
  bind: string;
  port: number;
  max_connections: number;
  /** names a request's Host may give besides IP literals, the node's host name and localhost; "*": any */
  allowed_hosts: string[];
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
  /** the last bytes of a running run's output its followers can still read (a follower further behind is cut off) */
  output_window_bytes: number;
  /** scheduled runs, when configured */
  schedule?: ScheduleConfig;
  metrics: MetricsConfig;
  control: ControlConfig;
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
  /** Puppet's lastrunreport: the root helper reads each run's resources from it (default: in statedir) */
  lastrunreport: string;
  /** Puppet's puppet.conf: the root helper reads the agent's server from it */
  conf: string;
  environments: string[];
  max_splay: number;
  run_timeout: number;
  args: string[];
}

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
  /** the run options of every run it starts (none: puppet's own settings) */
  options?: RunOptions;
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
  /** refused triggers a minute per identity (default ten times triggers_per_minute) */
  refused_triggers_per_minute: number;
  /** seconds the root side's refusal answers new triggers without a new helper; 0: ask every time */
  refusal_reuse_seconds: number;
  /** answers held open at once; null: a quarter of the connection cap */
  max_held: number | null;
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

/** GET /metrics (README, "Metrics"). */
export interface MetricsConfig {
  /** false: there is no /metrics route */
  enabled: boolean;
  /** true: /metrics needs no credentials, like /version */
  public: boolean;
}

/** POST /puppet/disable and /puppet/enable (README, "Disabling the agent"). */
export interface ControlConfig {
  /** seconds: the longest disable over the API, and the TTL of one that names none */
  max_disable_ttl: number;
}

/** What the command line gives: they win over the file's values. */
export interface Overrides {
  config?: string;
  bind?: string;
  port?: string;
}
