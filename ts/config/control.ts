// The `control` key: how long a disable made over the API may last before it ends by itself.
import { integer, section } from './checks';
import { DEFAULTS, MAX_DISABLE_TTL } from './defaults';
import type { ControlConfig } from './types';

const CONTROL_KEYS = ['max_disable_ttl'];

export function controlConfig(value: unknown): ControlConfig {
  const control = section(value, 'control', CONTROL_KEYS);
  return {
    max_disable_ttl: integer(control.max_disable_ttl, 'control.max_disable_ttl', 60, MAX_DISABLE_TTL) ?? DEFAULTS.control.max_disable_ttl,
  };
}
