// The `tls` key: HTTPS with these files, and which client certificates are asked for and let in.
import { certnamePatternProblem } from '../tls/certnames';
import { checkKeys, invalid, oneOf, path } from './checks';
import { isJsonObject } from '../json';
import { DEFAULTS } from './defaults';
import { CLIENT_CERTS, type TlsConfig } from './types';

const TLS_KEYS = ['cert', 'key', 'ca', 'crl', 'client_certs', 'allowed_certnames'];

const TLS_FILES = {
  cert: "the service's certificate (PEM), e.g. Puppet's ssl/certs/<certname>.pem",
  key: "its private key (PEM), e.g. Puppet's ssl/private_keys/<certname>.pem",
  ca: "the CA certificates (PEM) client certificates must chain to, e.g. Puppet's ssl/certs/ca.pem",
} as const;

export function tlsConfig(raw: unknown): TlsConfig | undefined {
  if (raw === undefined) return undefined;
  if (!isJsonObject(raw)) invalid('tls', 'must be an object with cert, key and ca (see README, "TLS")');
  checkKeys(raw, TLS_KEYS, 'tls.');
  const file = (key: keyof typeof TLS_FILES): string =>
    path(raw, key, `tls.${key}`) ?? invalid(`tls.${key}`, `is required when tls is set: the absolute path of ${TLS_FILES[key]}`);
  const client_certs = oneOf(raw.client_certs, 'tls.client_certs', CLIENT_CERTS) ?? DEFAULTS.tls.client_certs;
  const allowed = raw.allowed_certnames ?? [...DEFAULTS.tls.allowed_certnames];
  if (!Array.isArray(allowed)) invalid('tls.allowed_certnames', 'must be an array of certname patterns such as "*.ops.example.com"');
  allowed.forEach((pattern, i) => {
    const problem = certnamePatternProblem(pattern);
    if (problem !== undefined) invalid(`tls.allowed_certnames[${i}]`, problem);
  });
  const crl = path(raw, 'crl', 'tls.crl');
  return {
    cert: file('cert'),
    key: file('key'),
    ca: file('ca'),
    ...(crl !== undefined ? { crl } : {}),
    client_certs,
    allowed_certnames: allowed as string[],
  };
}
