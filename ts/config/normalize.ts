// The whole config from a parsed file and the command line: every section checked, every default applied. Pure:
// what depends on the system comes in as `host`.
import { twitchError } from '../errors';
import { authConfig } from './auth';
import { checkKeys } from './checks';
import { isJsonObject } from '../json';
import { controlConfig } from './control';
import type { Host } from './host';
import { limitsConfig } from './limits';
import { metricsConfig } from './metrics';
import { puppetConfig } from './puppet';
import { scheduleConfig } from './schedule';
import { allowedHosts, listenKeys, stateKeys } from './service';
import { tlsConfig } from './tls';
import type { Config, Overrides } from './types';

const TOP_KEYS = [
  'bind',
  'port',
  'max_connections',
  'allowed_hosts',
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
  'output_window_bytes',
  'schedule',
  'metrics',
  'control',
];

/** `file`: the absolute path the config was read from, if any (puppet.sudo needs one). */
export function normalizeConfig(raw: unknown, overrides: Overrides, host: Host, file?: string): Config {
  if (!isJsonObject(raw)) throw twitchError('CONFIG_INVALID', 'The config must be a JSON object.');
  checkKeys(raw, TOP_KEYS, '');
  const listen = listenKeys(raw, overrides);
  const puppet = puppetConfig(raw.puppet, host, file);
  const tls = tlsConfig(raw.tls);
  const state = stateKeys(raw);
  const schedule = scheduleConfig(raw.schedule, puppet.environments, host);
  const auth = authConfig(raw.auth, puppet.environments);
  const limits = limitsConfig(raw.limits);
  const metrics = metricsConfig(raw.metrics);
  const control = controlConfig(raw.control);

  // The keys in the order `puppet-twitch config` prints them.
  return {
    file,
    ...listen,
    allowed_hosts: allowedHosts(raw.allowed_hosts),
    run_dir: state.run_dir,
    state_dir: state.state_dir,
    history: state.history,
    puppet,
    ...(tls !== undefined ? { tls } : {}),
    auth,
    limits,
    audit_log: state.audit_log,
    audit_max_bytes: state.audit_max_bytes,
    access_log: state.access_log,
    output_max_bytes: state.output_max_bytes,
    output_window_bytes: state.output_window_bytes,
    ...(schedule !== undefined ? { schedule } : {}),
    metrics,
    control,
  };
}
