// The `limits` key: the largest request body, triggers a minute, and the shortest time between runs.
import { integer, section } from './checks';
import { DEFAULTS } from './defaults';
import type { LimitsConfig } from './types';

const LIMITS_KEYS = ['max_body_bytes', 'triggers_per_minute', 'min_run_interval'];

export function limitsConfig(value: unknown): LimitsConfig {
  const limits = section(value, 'limits', LIMITS_KEYS);
  return {
    max_body_bytes: integer(limits.max_body_bytes, 'limits.max_body_bytes', 1024, 64 * 1024 * 1024) ?? DEFAULTS.limits.max_body_bytes,
    triggers_per_minute:
      integer(limits.triggers_per_minute, 'limits.triggers_per_minute', 1, 100_000) ?? DEFAULTS.limits.triggers_per_minute,
    min_run_interval: integer(limits.min_run_interval, 'limits.min_run_interval', 0, 86_400) ?? DEFAULTS.limits.min_run_interval,
  };
}
