// What a handler sees of a request, once the pipeline has decided who asks (identity) and read the body.
import type { IncomingHttpHeaders } from 'node:http';
import type { ClientCert, Identity } from '../auth/identity';

export interface RequestContext {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** the client's address */
  peer: string | null;
  /** the raw body ('' when none), read by the pipeline within its limits */
  body: string;
  /** the body's media type, lower case, without parameters */
  contentType: string;
  /** the values of the route's `:name` segments */
  params: Record<string, string>;
  /** who asks (null: anonymous), with what scopes */
  identity: Identity | null;
  /** the client's verified certificate over TLS; null: plain HTTP, tls.client_certs "none", or none presented */
  clientCert: ClientCert | null;
}
