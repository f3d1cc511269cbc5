// The `limits` key: the largest request body, triggers (accepted and refused) a minute, the shortest time between
// runs, how long a refusal is reused, and how many answers may be held open.
import { integer, section } from './checks';
import { DEFAULTS } from './defaults';
import type { LimitsConfig } from './types';

const LIMITS_KEYS = ['max_body_bytes', 'triggers_per_minute', 'min_run_interval', 'refused_triggers_per_minute', 'refusal_reuse_seconds', 'max_held'];

export function limitsConfig(value: unknown): LimitsConfig {
  const limits = section(value, 'limits', LIMITS_KEYS);
  const triggers = integer(limits.triggers_per_minute, 'limits.triggers_per_minute', 1, 100_000) ?? DEFAULTS.limits.triggers_per_minute;
  return {
    max_body_bytes: integer(limits.max_body_bytes, 'limits.max_body_bytes', 1024, 64 * 1024 * 1024) ?? DEFAULTS.limits.max_body_bytes,
    triggers_per_minute: triggers,
    min_run_interval: integer(limits.min_run_interval, 'limits.min_run_interval', 0, 86_400) ?? DEFAULTS.limits.min_run_interval,
    refused_triggers_per_minute:
      integer(limits.refused_triggers_per_minute, 'limits.refused_triggers_per_minute', 1, 1_000_000_000) ??
      triggers * DEFAULTS.limits.refused_triggers_factor,
    refusal_reuse_seconds:
      integer(limits.refusal_reuse_seconds, 'limits.refusal_reuse_seconds', 0, 60) ?? DEFAULTS.limits.refusal_reuse_seconds,
    max_held: integer(limits.max_held, 'limits.max_held', 1, 1_000_000) ?? null,
  };
}
