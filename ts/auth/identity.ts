// Who a request comes from, as the edge decides it once: the identity records and the audit log carry, and the
// client certificate a TLS connection proved.
import type { Scope } from './vocabulary';

export interface Identity {
  kind: 'token' | 'webhook' | 'cert';
  /** `<kind>:<id or certname>`: what records and the audit log show */
  name: string;
  scopes: ReadonlySet<Scope>;
}

/**
 * A client certificate that verified over TLS (chains to tls.ca, not revoked in tls.crl, in its validity period):
 * its certname (the subject CN) and whether tls.allowed_certnames matches it. A presented certificate that does
 * not verify never gets this far: its connection is closed after the handshake.
 */
export interface ClientCert {
  certname: string;
  allowed: boolean;
}
