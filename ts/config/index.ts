// The config: its shape and defaults, one check per section, the host facts the defaults depend on, and loading.
// The rest of the code imports it from here.
export {
  ACCESS_LOG,
  CLIENT_CERTS,
  type AccessLog,
  type AuthConfig,
  type ClientCerts,
  type ControlConfig,
  type Config,
  type LimitsConfig,
  type MetricsConfig,
  type Overrides,
  type PuppetConfig,
  type PuppetMode,
  type ScheduleConfig,
  type TlsConfig,
  type TokenEntry,
  type WebhookEntry,
} from './types';
export { DEFAULT_CONFIG_FILE, DEFAULTS } from './defaults';
export { findPuppet, hostFacts, systemTimeZone, type Host } from './host';
export { normalizeConfig } from './normalize';
export { loadConfig, REDACTED, redactSecrets } from './load';
