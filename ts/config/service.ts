// The top-level keys: where the service listens, and what it keeps and logs where.
import { isIP } from 'node:net';
import { join } from 'node:path';
import { printable } from '../text';
import { flagInteger, integer, invalid, list, oneOf, path, str, type Raw } from './checks';
import { DEFAULTS } from './defaults';
import { ACCESS_LOG, type Config, type Overrides } from './types';

export function listenKeys(raw: Raw, overrides: Overrides): Pick<Config, 'bind' | 'port' | 'max_connections'> {
  // The file's values are checked even where a flag overrides them: a broken file fails now, not at the next restart.
  const fileBind = str(raw, 'bind', 'bind');
  const filePort = integer(raw.port, 'port', 0, 65535);
  const bind = overrides.bind ?? fileBind ?? DEFAULTS.bind;
  if (isIP(bind) === 0) invalid('bind', `must be an IP address such as 0.0.0.0, 127.0.0.1 or ::, got "${printable(bind)}"`);
  const port = flagInteger(overrides.port, 'port', 0, 65535) ?? filePort ?? DEFAULTS.port;
  const max_connections = integer(raw.max_connections, 'max_connections', 16, 1_000_000) ?? DEFAULTS.max_connections;
  return { bind, port, max_connections };
}

type StateKeys = 'run_dir' | 'state_dir' | 'history' | 'audit_log' | 'audit_max_bytes' | 'access_log' | 'output_max_bytes' | 'output_window_bytes';

export function stateKeys(raw: Raw): Pick<Config, StateKeys> {
  const state_dir = path(raw, 'state_dir', 'state_dir') ?? DEFAULTS.state_dir;
  return {
    run_dir: path(raw, 'run_dir', 'run_dir'),
    state_dir,
    history: integer(raw.history, 'history', 1, 10_000) ?? DEFAULTS.history,
    audit_log: path(raw, 'audit_log', 'audit_log') ?? join(state_dir, DEFAULTS.audit_file),
    audit_max_bytes: integer(raw.audit_max_bytes, 'audit_max_bytes', 4096, 1024 ** 4) ?? DEFAULTS.audit_max_bytes,
    access_log: oneOf(raw.access_log, 'access_log', ACCESS_LOG) ?? DEFAULTS.access_log,
    output_max_bytes: integer(raw.output_max_bytes, 'output_max_bytes', 0, 1024 ** 3) ?? DEFAULTS.output_max_bytes,
    output_window_bytes: integer(raw.output_window_bytes, 'output_window_bytes', 64 * 1024, 1024 ** 3) ?? DEFAULTS.output_window_bytes,
  };
}

// A DNS name (letters, digits, hyphens and dots), as a Host header gives it, or "*" for any.
const HOST_NAME = /^(?:\*|[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\.?)$/;

/** `allowed_hosts`: the names a request's Host may give besides IP literals, the node's host name and localhost. */
export function allowedHosts(value: unknown): string[] {
  return list(value, 'allowed_hosts').map((name, i) => {
    if (typeof name !== 'string' || name.length > 253 || !HOST_NAME.test(name)) {
      invalid(`allowed_hosts[${i}]`, `must be a host name such as node01.example.com, or "*" for any, got ${JSON.stringify(name)}`);
    }
    return name;
  });
}
