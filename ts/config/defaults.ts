// Every built-in default, each in this one place (the module's data is checked against them by
// spec/classes/defaults_spec.rb). A list or object left out of the file is empty. The paths
// here are the platform's (ts/platform).
import { currentPlatform } from '../platform';

const PATHS = currentPlatform().paths;

export const DEFAULT_CONFIG_FILE = PATHS.configFile;

export const DEFAULTS = {
  bind: '0.0.0.0',
  port: 2023,
  max_connections: 4096,
  state_dir: PATHS.stateDir,
  history: 100,
  /** audit_log's default: this file in state_dir */
  audit_file: 'audit.log',
  audit_max_bytes: 10 * 1024 * 1024,
  access_log: 'default',
  /** each run's stored output, <state_dir>/<id>.log; 0 keeps none */
  output_max_bytes: 1024 * 1024,
  /** the last bytes of a running run's output kept in memory for its followers, past what the store has */
  output_window_bytes: 4 * 1024 * 1024,
  // puppet.sudo (unless root), puppet.bin (host.ts) and Puppet's own paths (PACKAGING) depend on the host.
  puppet: {
    mode: 'agent',
    setsid: PATHS.setsid,
    max_splay: 0,
    run_timeout: 3600,
  },
  tls: { client_certs: 'none', allowed_certnames: [] },
  auth: { public_read: false },
  limits: {
    /** a webhook's payload; every other request body is small (LIMITS.maxBodyBytes) */
    max_body_bytes: 1024 * 1024,
    triggers_per_minute: 60,
    min_run_interval: 0,
    /** refused triggers a minute, per identity: this many times triggers_per_minute */
    refused_triggers_factor: 10,
    /** how long the root side's refusal (lock held elsewhere, agent disabled) answers new triggers */
    refusal_reuse_seconds: 1,
    /** answers held open at once: this share of the connection cap (limits.max_held), and never more than half */
    max_held_share: 0.25,
  },
  /** names a request's Host may give besides IP literals and the node's host name */
  allowed_hosts: [],
  schedule: { splay: 0 },
  metrics: { enabled: true, public: false },
  /** a disable over the API ends by itself after at most this many seconds (7 days) */
  control: { max_disable_ttl: 604_800 },
} as const;

/** Where the AIO packages install puppet: looked for first, before PATH. */
export const AIO_PUPPET = PATHS.aioPuppet;
/** A puppet below this is the AIO packages': their paths apply (PACKAGING.aio). */
export const AIO_PREFIX = PATHS.aioPrefix;

// Puppet's own paths by packaging (README, "Config file"): the AIO packages keep everything under one prefix.
export const PACKAGING = PATHS.puppet;

/** The longest splay, for a caller (puppet.max_splay) and for the schedule (schedule.splay). */
export const MAX_SPLAY = 86_400;

/** The longest control.max_disable_ttl: 90 days. */
export const MAX_DISABLE_TTL = 7_776_000;
