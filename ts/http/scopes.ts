// Which scope each route needs, and the route label of a request that matched none.
import type { Scope } from '../auth/vocabulary';
import type { MetricsConfig } from '../config';
import { PATHS } from '../api';

/** The scope each protected route needs (README, "Security"); the others are open to anyone allowed to connect. */
export const ROUTE_SCOPES: Readonly<Record<string, Scope>> = {
  [PATHS.trigger]: 'trigger',
  [PATHS.runs]: 'read',
  [PATHS.run]: 'read',
  [PATHS.runOutput]: 'read',
  [PATHS.status]: 'read',
  [PATHS.metrics]: 'read',
  [PATHS.disable]: 'control',
  [PATHS.enable]: 'control',
  [PATHS.runReport]: 'read',
};

/** The scopes this service's config asks for: /metrics is open when metrics.public is true. */
export function routeScopes(metrics: Pick<MetricsConfig, 'public'>): Readonly<Record<string, Scope>> {
  if (!metrics.public) return ROUTE_SCOPES;
  const { [PATHS.metrics]: _metrics, ...scopes } = ROUTE_SCOPES;
  return scopes;
}

/** The routes that start, queue or change a run: a browser's cross-site request to them is refused. */
export const CHANGES_RUNS: ReadonlySet<string> = new Set([PATHS.trigger, PATHS.disable, PATHS.enable]);

/** The `route` label of a request that matched no route (also one Node's parser refused): route keys + this, nothing else. */
export const OTHER_ROUTE = 'other';
