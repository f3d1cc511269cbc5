// What a TLS connection's client certificate makes of the client: anonymous, a verified certname (allowed or
// not), or refused before any request is read. Pure: the server hands in what the handshake left.
import type { ClientCerts } from '../config';
import type { ClientCert } from '../auth/identity';
import { isAllowedCertname } from './certnames';

/** What the handshake left on the socket. */
export interface PeerFacts {
  /** the client sent a certificate */
  presented: boolean;
  /** it chains to tls.ca and is not revoked in tls.crl (Node's `authorized`) */
  authorized: boolean;
  /** OpenSSL's verify error code when not authorized (Node's `authorizationError`) */
  error: string | null;
  /** the subject's CN: one string, several (an array), or none */
  cn: string | string[] | undefined;
}

export type Verdict = { ok: true; clientCert: ClientCert | null } | { ok: false; reason: string };

// OpenSSL verify codes a Puppet CA's clients meet, in words that say what to do.
const REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'the certificate has expired: renew it',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet: check the clocks',
  CERT_REVOKED: 'the certificate is revoked in tls.crl',
  UNABLE_TO_GET_ISSUER_CERT: 'the certificate is not from the CA in tls.ca',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate is not from the CA in tls.ca',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate is not from the CA in tls.ca',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate is not from the CA in tls.ca',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed, not from the CA in tls.ca',
  CERT_SIGNATURE_FAILURE: 'the certificate signature does not verify',
  UNABLE_TO_GET_CRL: "tls.crl holds no CRL from the certificate's issuer: give the CA's CRL file",
  CRL_HAS_EXPIRED: 'the CRL in tls.crl has expired: refresh it from the CA',
  CRL_NOT_YET_VALID: 'the CRL in tls.crl is not valid yet: check the clocks',
  INVALID_PURPOSE: 'the certificate is not made for client authentication',
};

export function describeVerifyError(code: string | null): string {
  const key = code ?? 'unknown';
  return `${REASONS[key] ?? 'the certificate does not verify'} (${key})`;
}

export function clientCertVerdict(mode: ClientCerts, allowedCertnames: readonly string[], peer: PeerFacts): Verdict {
  if (mode === 'none') return { ok: true, clientCert: null };
  if (!peer.presented) {
    return mode === 'required'
      ? { ok: false, reason: 'no client certificate, and tls.client_certs is "required": present a certificate from the CA in tls.ca' }
      : { ok: true, clientCert: null };
  }
  // Presented but not good: refused in both modes, never served as anonymous.
  if (!peer.authorized) return { ok: false, reason: describeVerifyError(peer.error) };
  if (typeof peer.cn !== 'string' || peer.cn === '') {
    return { ok: false, reason: 'the certificate has no single subject CN to take the certname from' };
  }
  return { ok: true, clientCert: { certname: peer.cn, allowed: isAllowedCertname(allowedCertnames, peer.cn) } };
}

/** A failed handshake in a few words: OpenSSL's reason, or what the client did. */
export function describeHandshakeError(err: { code?: string; reason?: string; message?: string }): string {
  switch (err.code) {
    case 'ERR_SSL_HTTP_REQUEST':
      return 'plain HTTP sent to the HTTPS port: use https://';
    case 'ERR_TLS_HANDSHAKE_TIMEOUT':
      return 'no complete handshake in time';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the client closed the connection during the handshake';
  }
  const reason = err.reason ?? err.code ?? err.message ?? 'unknown error';
  return `${reason.slice(0, 120).replace(/[\0-\x1f\x7f]/g, ' ')}${err.code !== undefined && err.reason !== undefined ? ` (${err.code})` : ''}`;
}
