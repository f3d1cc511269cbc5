// What an operator should hear at start about who can reach this service.
import type { Config } from '../config';
import { isLoopback } from './addresses';

export function authWarnings(config: Pick<Config, 'bind' | 'auth' | 'tls'>, closed: boolean): string[] {
  const { auth } = config;
  const warnings: string[] = [];
  if (!closed && !isLoopback(config.bind)) {
    warnings.push(
      `anyone who can reach ${config.bind} may trigger puppet runs and read their records: ` +
        'configure auth.tokens, auth.webhooks, auth.allow_from or TLS client certificates (README, "Security")',
    );
  }
  const certs = config.tls !== undefined && config.tls.client_certs !== 'none' ? config.tls.allowed_certnames.length : 0;
  const triggerers =
    auth.tokens.filter((t) => t.scopes.includes('trigger') || t.scopes.includes('trigger_noop')).length + auth.webhooks.length + certs;
  if (closed && triggerers === 0 && auth.allow_from.length > 0) {
    warnings.push('auth.allow_from is set, but no token, webhook or client certificate may trigger: every trigger is refused (401)');
  }
  return warnings;
}
