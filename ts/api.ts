// The HTTP API's facts in one place: paths, parameter names, reply texts. The server, the tests and any
// client of this API take them from here.
import { INFO } from './version';

export const PATHS = {
  trigger: '/puppet/twitch',
  runs: '/puppet/runs',
  run: '/puppet/runs/:id',
  runOutput: '/puppet/runs/:id/output',
  status: '/puppet/status',
  version: '/version',
  info: '/info',
  healthz: '/healthz',
  metrics: '/metrics',
  openapi: '/openapi.json',
  disable: '/puppet/disable',
  enable: '/puppet/enable',
  runReport: '/puppet/runs/:id/report',
} as const;

export const runPath = (id: string): string => `${PATHS.runs}/${id}`;
export const runOutputPath = (id: string): string => `${PATHS.runs}/${id}/output`;
export const runReportPath = (id: string): string => `${PATHS.runs}/${id}/report`;

/** The service's base URL for an address it listens on (an IPv6 address in brackets); https:// with TLS on. */
export const serviceUrl = (address: string, port: number, tls: boolean): string =>
  `${tls ? 'https' : 'http'}://${address.includes(':') && !address.startsWith('[') ? `[${address}]` : address}:${port}`;

/** Parameters of /puppet/twitch: the run options (options.ts), then how to trigger. */
export const TRIGGER_PARAMS = ['async', 'stream', 'noop', 'tags', 'skip_tags', 'environment', 'splay', 'when_busy'] as const;
export const RUNS_PARAMS = ['limit'] as const;
export const RUN_PARAMS = ['wait'] as const;
/** Parameters of /puppet/disable (/puppet/enable takes none). */
export const DISABLE_PARAMS = ['message', 'ttl', 'wait'] as const;

export const TEXT = {
  triggered: 'Triggered puppet run',
  queued: 'Queued puppet run',
  busy: 'Puppet already running',
  complete: 'Puppet run complete',
  disabled: 'Puppet agent is disabled',
  queueConflict: 'A different run is already queued',
  healthy: 'ok',
  info: INFO,
} as const;

export const RETRY_AFTER_SECONDS = 30;
/** The longest GET /puppet/runs/<id>?wait= holds an answer. */
export const MAX_WAIT_SECONDS = 600;
export const JSON_TYPE = 'application/json; charset=utf-8';
