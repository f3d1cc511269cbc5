// The `metrics` key: whether GET /metrics exists, and whether it needs credentials.
import { bool, section } from './checks';
import { DEFAULTS } from './defaults';
import type { MetricsConfig } from './types';

const METRICS_KEYS = ['enabled', 'public'];

export function metricsConfig(value: unknown): MetricsConfig {
  const metrics = section(value, 'metrics', METRICS_KEYS);
  return {
    enabled: bool(metrics, 'enabled', 'metrics.enabled', DEFAULTS.metrics.enabled),
    public: bool(metrics, 'public', 'metrics.public', DEFAULTS.metrics.public),
  };
}
