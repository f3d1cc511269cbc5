// Reads and checks the TLS files (tls.cert, tls.key, tls.ca, tls.crl) into what Node's TLS server takes, at
// start and at each reload. Every problem names the config key and the path, and never quotes the private key.
import type { KeyObject, X509Certificate } from 'node:crypto';
import type { SecureContextOptions } from 'node:tls';
import { nodeCrypto, nodeTls } from '../lazy';
import type { TlsConfig } from '../config';
import { twitchError, type TwitchError } from '../errors';
import { currentPlatform } from '../platform';
import { printable } from '../text';
import { readRegularFile } from '../trusted';

export interface TlsMaterial {
  /** what https.createServer and server.setSecureContext take */
  options: SecureContextOptions;
  /** the service's certificate, for the log: subject, serial, expiry */
  summary: string;
  expired: boolean;
}

type FileKey = 'cert' | 'key' | 'ca' | 'crl';

function problem(tls: TlsConfig, key: FileKey, what: string): TwitchError {
  return twitchError('CONFIG_INVALID', `Cannot use 'tls.${key}' ${tls[key]}: ${what}`);
}

function read(tls: TlsConfig, key: FileKey): string {
  const path = tls[key] as string;
  let text: string | undefined;
  try {
    text = readRegularFile(path, { followSymlinks: true });
  } catch (err) {
    const denied = /EACCES|EPERM/.test((err as Error).message);
    const uid = currentPlatform().userId();
    throw problem(
      tls,
      key,
      denied
        ? `permission denied: make it readable by the user the service runs as${uid === undefined ? '' : ` (uid ${uid})`}`
        : (err as Error).message,
    );
  }
  if (text === undefined) throw problem(tls, key, 'it does not exist: give the path of an existing PEM file');
  return text;
}

const pemBlocks = (text: string, label: string): string[] =>
  text.match(new RegExp(`-----BEGIN ${label}-----[^-]+-----END ${label}-----`, 'g')) ?? [];

function certificates(tls: TlsConfig, key: 'cert' | 'ca', text: string): X509Certificate[] {
  const blocks = pemBlocks(text, 'CERTIFICATE');
  if (blocks.length === 0) throw problem(tls, key, 'it holds no PEM certificate ("-----BEGIN CERTIFICATE-----")');
  return blocks.map((block, i) => {
    try {
      return new (nodeCrypto().X509Certificate)(block);
    } catch (err) {
      throw problem(tls, key, `certificate ${i + 1} in it cannot be parsed (${(err as Error).message})`);
    }
  });
}

// The key's text must not reach an error: only the reason OpenSSL gives (a code, never the input) is kept.
function privateKey(tls: TlsConfig, text: string): KeyObject {
  try {
    return nodeCrypto().createPrivateKey({ key: text, format: 'pem' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw problem(tls, 'key', `it holds no usable PEM private key (one protected by a passphrase is not usable either)${code ? ` (${code})` : ''}`);
  }
}

function crls(tls: TlsConfig, text: string): string[] {
  const blocks = pemBlocks(text, 'X509 CRL');
  if (blocks.length === 0) throw problem(tls, 'crl', 'it holds no PEM CRL ("-----BEGIN X509 CRL-----")');
  blocks.forEach((crl, i) => {
    try {
      nodeTls().createSecureContext({ crl });
    } catch (err) {
      throw problem(tls, 'crl', `CRL ${i + 1} in it cannot be parsed (${(err as Error).message})`);
    }
  });
  return blocks;
}

export function loadTls(tls: TlsConfig, now: Date = new Date()): TlsMaterial {
  const certText = read(tls, 'cert');
  const keyText = read(tls, 'key');
  const caText = read(tls, 'ca');
  const crlText = tls.crl !== undefined ? read(tls, 'crl') : undefined;

  const [leaf] = certificates(tls, 'cert', certText);
  if (!leaf.checkPrivateKey(privateKey(tls, keyText))) {
    throw problem(tls, 'key', `this private key does not belong to the certificate in 'tls.cert' ${tls.cert}: give the key that certificate was made for`);
  }
  // Each PEM block separately: Node reads only the first CRL of a string, and a Puppet CA's crl.pem holds two
  // (the intermediate's and the root's).
  const ca = certificates(tls, 'ca', caText).map((c) => c.toString());
  const crl = crlText !== undefined ? crls(tls, crlText) : undefined;

  const options: SecureContextOptions = {
    cert: certText,
    key: keyText,
    ca,
    ...(crl !== undefined ? { crl } : {}),
    // No session resumption when clients present certificates: every connection's certificate is checked
    // against the CA and the CRL as they are now, not as they were when a session ticket was issued.
    ...(tls.client_certs !== 'none' ? { secureOptions: nodeCrypto().constants.SSL_OP_NO_TICKET } : {}),
  };
  try {
    nodeTls().createSecureContext(options);
  } catch (err) {
    throw twitchError(
      'CONFIG_INVALID',
      `Cannot use 'tls.cert' ${tls.cert} with 'tls.key' ${tls.key} and 'tls.ca' ${tls.ca}: ${printable((err as Error).message)}`,
    );
  }
  const validTo = new Date(leaf.validTo);
  const subject = leaf.subject.replace(/\n/g, ', ');
  return {
    options,
    summary: `certificate ${printable(subject)} (serial ${leaf.serialNumber}, valid until ${validTo.toISOString()})`,
    expired: validTo.getTime() < now.getTime(),
  };
}

/**
 * What a local client of the service (the `status` command) uses: tls.ca to trust the service, and the service's
 * own certificate and key as its client certificate when this user can read them. It reaches the service at the
 * address `start` recorded, so the certificate's names are not checked against that address.
 */
export function localClientOptions(tls: TlsConfig): { ca: string[]; cert?: string; key?: string; checkServerIdentity: () => undefined } {
  const ca = pemBlocks(read(tls, 'ca'), 'CERTIFICATE');
  try {
    return { ca, cert: read(tls, 'cert'), key: read(tls, 'key'), checkServerIdentity: () => undefined };
  } catch {
    return { ca, checkServerIdentity: () => undefined };
  }
}
