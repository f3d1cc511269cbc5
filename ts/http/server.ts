// node:http (or node:https) serving HTTP/1.0 and 1.1 only. It composes the stages a request travels:
//   connections (its turn, the cap) → pipeline (admit → route → identify → body → verify → authorize → handle)
//   → the reply written here (whole, or streamed) → access listeners (audit line, access log line, metrics)
// and shuts down gracefully.
import { createServer, type IncomingMessage, type ServerOptions, type ServerResponse } from 'node:http';
import type { SecureContextOptions } from 'node:tls';
import type { Gate } from '../auth/gate';
import type { Scope } from '../auth/vocabulary';
import type { Logger } from '../log';
import { nodeHttps } from '../lazy';
import type { ResponseEvent, ResponseListener } from './access';
import { addressOf, createConnections, type Conn, type TlsPeers } from './connections';
import { LIMITS } from './limits';
import type { HostNames } from './origin';
import { createPipeline } from './pipeline';
import { loggedPath, parserError } from './protocol';
import type { Reply } from './respond';
import type { RouteTable } from './routes';

export interface HttpService {
  listen(port: number, bind: string): Promise<{ address: string; port: number }>;
  /** TLS only: new connections get this certificate, key, CA and CRL; open connections keep theirs. */
  setSecureContext(options: SecureContextOptions): void;
  close(): Promise<void>;
}

/** HTTPS instead of HTTP. */
export interface TlsServing extends TlsPeers {
  options: SecureContextOptions;
}

export interface HttpOptions {
  /** max_connections, already kept under the open-files limit */
  cap: number;
  gate: Gate;
  /** the body limit of a request signed as a webhook (limits.max_body_bytes) */
  maxWebhookBody: number;
  /** the scope each protected route needs */
  scopes: Readonly<Record<string, Scope>>;
  /** told of every request: the audit line, the access log line, the request metrics */
  access: ResponseListener;
  /** HTTPS instead of HTTP */
  tls?: TlsServing;
  /** the names a request's Host may give */
  hosts: HostNames;
}

/** max_connections kept under the soft limit on open files (when it is known), with room for the rest. */
export function connectionCap(maxConnections: number, openFiles: number | undefined): number {
  return openFiles === undefined ? maxConnections : Math.max(16, Math.min(maxConnections, openFiles - LIMITS.fdReserve));
}

export function createHttpService(table: RouteTable, log: Logger, options: HttpOptions): HttpService {
  const { gate, access, tls } = options;
  let closing = false;
  const pipeline = createPipeline({
    table,
    gate,
    scopes: options.scopes,
    maxWebhookBody: options.maxWebhookBody,
    hosts: options.hosts,
    scheme: tls === undefined ? 'http' : 'https',
  });

  const connections = createConnections({
    cap: options.cap,
    log,
    tls,
    serve,
    // A client outside auth.allow_from hears only that, even when its request is malformed.
    refusal(conn, err) {
      try {
        gate.admit(conn.address);
      } catch (refused) {
        return refused as ReturnType<typeof parserError>;
      }
      return parserError(err);
    },
    refused: (conn, status, code) => access.refused(addressOf(conn), status, code),
  });

  function serve(conn: Conn, req: IncomingMessage, res: ServerResponse): void {
    const start = process.hrtime.bigint();
    pipeline(req, conn)
      .then((answer) => {
        const event: ResponseEvent = {
          address: conn.address,
          who: addressOf(conn),
          method: req.method ?? '',
          path: loggedPath(req.url ?? ''),
          answer,
          start,
        };
        access.answered(event);
        const { reply } = answer;
        if (req.socket.destroyed) {
          void reply.stream?.(res).catch(() => undefined); // it finds the client gone and releases what it holds
          const ending = conn.closedBy === 'error' ? 'error' : req.complete ? 'client closed' : conn.closedBy === 'cap' ? 'evicted' : 'aborted';
          return access.ended(event, ending);
        }
        const close = closing || reply.close === true || !res.shouldKeepAlive;
        if (reply.stream !== undefined) return streamReply(conn, req, res, reply, close, event);
        const headers: Record<string, string | number> = {
          'Content-Type': 'text/plain; charset=utf-8',
          'Content-Length': Buffer.byteLength(reply.body),
          ...reply.headers,
        };
        if (close) headers.Connection = 'close';
        res.writeHead(reply.status, headers);
        res.end(reply.body);
        access.ended(event, 'sent');
        connections.answered(conn, res, close);
      })
      .catch((err: Error) => {
        // One broken response must not take the service down with it.
        log.error(`cannot answer ${req.method} ${loggedPath(req.url ?? '-')}: ${err.message}`);
        res.destroy();
      });
  }

  /**
   * A body written as it comes: the head at once (chunked, no Content-Length), then whatever `reply.stream`
   * writes. The connection goes on after it unless the answer said close or the service is stopping: then it is
   * closed once the rest is sent, or after a grace period when the client does not read it.
   */
  async function streamReply(conn: Conn, req: IncomingMessage, res: ServerResponse, reply: Reply, close: boolean, event: ResponseEvent): Promise<void> {
    const headers: Record<string, string> = { ...reply.headers };
    if (close) headers.Connection = 'close';
    res.writeHead(reply.status, headers);
    res.flushHeaders();
    try {
      await reply.stream?.(res);
    } finally {
      access.ended(event, res.writableFinished || res.writableEnded ? 'sent' : 'client left');
      if (!res.writableEnded) res.end();
      // A client still reading the rest keeps its connection; one that is gone or cut off (output/hub.ts) does not.
      const done = close || closing || res.destroyed;
      if (done) {
        const socket = req.socket;
        socket.destroySoon();
        setTimeout(() => socket.destroy(), LIMITS.streamCloseGraceMs).unref();
      }
      connections.answered(conn, res, done);
    }
  }

  const serverOptions: ServerOptions & { requireHostHeader: boolean } = {
    maxHeaderSize: LIMITS.maxHeaderBytes,
    headersTimeout: LIMITS.headersTimeoutMs,
    requestTimeout: LIMITS.requestTimeoutMs,
    keepAliveTimeout: LIMITS.keepAliveTimeoutMs,
    connectionsCheckingInterval: LIMITS.timeoutCheckMs,
    requireHostHeader: false, // checked by http/protocol.ts, so the answer is ours
  };
  const server =
    tls === undefined
      ? createServer(serverOptions, connections.onRequest)
      : nodeHttps().createServer(
          {
            ...serverOptions,
            ...tls.options,
            // Asked for, and checked by clientCertVerdict once the handshake is done, so that every refusal is
            // logged with its reason (Node would drop a bad certificate without a word).
            requestCert: tls.clientCerts !== 'none',
            rejectUnauthorized: false,
            handshakeTimeout: LIMITS.handshakeTimeoutMs,
          },
          connections.onRequest,
        );
  // Node calls this instead of the request listener for an Expect other than 100-continue; protocol.ts answers 417.
  server.on('checkExpectation', connections.onRequest);
  connections.attach(server);

  return {
    listen(port, bind) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, bind, () => {
          server.off('error', reject);
          const addr = server.address();
          if (addr === null || typeof addr === 'string') return reject(new Error('server has no TCP address'));
          resolve({ address: addr.address, port: addr.port });
        });
      });
    },
    setSecureContext(secure) {
      if (tls === undefined) throw new Error('setSecureContext: this service does not serve TLS');
      (server as import('node:https').Server).setSecureContext(secure);
    },
    close() {
      closing = true;
      connections.dropHandshakes();
      return new Promise((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), LIMITS.shutdownGraceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}

