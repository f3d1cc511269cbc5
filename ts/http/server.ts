// node:http (or node:https) serving HTTP/1.0 and 1.1 only, with bounded requests answered one at a time per
// connection, a connection cap that keeps room for new clients, and graceful shutdown.
// A request travels: its turn on the connection → protocol checks and limits → route → body → handler → reply,
// then one log line. Over TLS, a connection first passes its client certificate check (tls/peer.ts).
import { createServer, STATUS_CODES, type IncomingMessage, type ServerOptions, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { SecureContextOptions, TLSSocket } from 'node:tls';
import { readFileSync } from 'node:fs';
import type { AccessLog, ClientCerts, Scope } from '../config';
import { isoTime } from '../clock';
import { twitchError, type TwitchError } from '../errors';
import type { Logger } from '../log';
import { printable } from '../text';
import { clientCertVerdict, describeHandshakeError, type ClientCert } from '../tls/peer';
import { LIMITS } from './limits';
import { replyForError, type Reply } from './respond';
import { route, type RequestContext, type RouteTable } from './routes';
import { ACCESS_LOGGED, OTHER_ROUTE, ROUTE_SCOPES } from '../api';
import type { Audit } from '../audit';
import { nodeHttps } from '../lazy';
import type { Gate, Identity } from '../auth/gate';

const EMPTY = Buffer.alloc(0);

export interface HttpService {
  listen(port: number, bind: string): Promise<{ address: string; port: number }>;
  /** TLS only: new connections get this certificate, key, CA and CRL; open connections keep theirs. */
  setSecureContext(options: SecureContextOptions): void;
  close(): Promise<void>;
}

/** HTTPS instead of HTTP. */
export interface TlsServing {
  options: SecureContextOptions;
  clientCerts: ClientCerts;
  allowedCertnames: readonly string[];
}

/** The soft limit on open files, so the cap can stay under it (Linux; elsewhere the configured cap stands). */
export function openFileLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft !== undefined && /^\d+$/.test(soft) ? Number(soft) : undefined;
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// Node's own test for the one expectation it handles (by answering 100 Continue).
const CONTINUE = /(?:^|\W)100-continue(?:$|\W)/i;
// RFC 3986 host (IP-literal, IPv4 address or reg-name) with an optional port; empty is allowed (RFC 9112 §3.2).
const HOST = /^(?:\[[0-9A-Za-z:.]+\]|[0-9A-Za-z\-._~!$&'()*+,;=%]*)(?::[0-9]*)?$/;
const EXAMPLE_LINE = 'e.g. "POST /puppet/twitch HTTP/1.1"';
const EXAMPLE_HOST = 'e.g. "Host: node01:2023"';

/** Refuses what HTTP/1.1 (RFC 9112) says a server must not serve: other versions, a missing or bad Host, unknown expectations. */
function checkProtocol(req: IncomingMessage): void {
  if (req.httpVersionMajor !== 1 || req.httpVersionMinor > 1) {
    const version = req.httpVersionMajor === 0 ? 'HTTP/0.9 (a request line without a version)' : `HTTP/${req.httpVersion}`;
    throw twitchError('HTTP_VERSION_NOT_SUPPORTED', `${version} is not supported: send HTTP/1.1 (or HTTP/1.0), ${EXAMPLE_LINE}.`);
  }
  checkHost(req);
  const expect = req.headers.expect;
  if (expect !== undefined && !CONTINUE.test(expect)) {
    throw twitchError(
      'EXPECTATION_FAILED',
      `Cannot meet "Expect: ${printable(expect)}": only "Expect: 100-continue" is supported; send the request without it.`,
    );
  }
}

function checkHost(req: IncomingMessage): void {
  // req.headers keeps only the first Host; the raw list shows them all.
  // req.headers keeps only the first Authorization too: a second one must not go unseen.
  let hosts = 0;
  let authorizations = 0;
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name.length === 4 && (name === 'Host' || name.toLowerCase() === 'host')) hosts++;
    else if (name.length === 13 && name.toLowerCase() === 'authorization') authorizations++;
  }
  if (hosts > 1) throw twitchError('BAD_HOST', `The request has ${hosts} Host headers: send exactly one, ${EXAMPLE_HOST}.`);
  if (authorizations > 1) {
    throw twitchError('BAD_REQUEST', `The request has ${authorizations} Authorization headers: send one, "Authorization: Bearer <token>".`);
  }
  const host = req.headers.host;
  if (host === undefined) {
    if (req.httpVersionMinor === 1) throw twitchError('BAD_HOST', `An HTTP/1.1 request needs a Host header: send one, ${EXAMPLE_HOST}.`);
  } else if (!HOST.test(host)) {
    throw twitchError(
      'BAD_HOST',
      `Invalid Host header "${printable(host)}": send the node's name or address, optionally with the port, ${EXAMPLE_HOST}.`,
    );
  }
}

/** The answer to a request Node's parser refused (or did not receive in time); undefined: nothing to answer. */
function parserError(err: NodeJS.ErrnoException & { reason?: string }): TwitchError | undefined {
  switch (err.code) {
    case 'HPE_INVALID_EOF_STATE':
      return undefined; // the client closed its end mid-request: an abort, not something to answer
    case 'HPE_HEADER_OVERFLOW':
      return twitchError(
        'HEADERS_TOO_LARGE',
        `Request headers too large: the limit is ${LIMITS.maxHeaderBytes} bytes for the request line and headers together; send fewer or shorter headers.`,
      );
    case 'HPE_INVALID_VERSION':
      // llhttp also says this of a request line that ends wrong (a bare LF, a word after the version): only a
      // well-formed version it does not speak is a 505, the rest is a malformed request (400, below).
      if (err.reason !== 'Invalid HTTP version') break;
      return twitchError('HTTP_VERSION_NOT_SUPPORTED', `Unsupported HTTP version: send HTTP/1.1 (or HTTP/1.0), ${EXAMPLE_LINE}.`);
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return twitchError(
        'REQUEST_TIMEOUT',
        `Request not received in time: send the headers within ${LIMITS.headersTimeoutMs / 1000} s ` +
          `and the whole request within ${LIMITS.requestTimeoutMs / 1000} s.`,
      );
  }
  if (!err.code?.startsWith('HPE_')) return undefined;
  const reason = err.reason === undefined ? '' : ` (${printable(err.reason)})`;
  return twitchError('BAD_REQUEST', `Malformed HTTP request${reason}: send a valid HTTP/1.1 request, ${EXAMPLE_LINE} with a Host header.`);
}

function rawReply(error: TwitchError): { status: number; text: string } {
  const { status, body } = replyForError(error);
  const text =
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
  return { status, text };
}

function tooLarge(limit: number) {
  return twitchError('BODY_TOO_LARGE', `Request body too large: the limit is ${limit} bytes.`);
}

/** Path and query of an origin-form target; anything else (`*`, absolute-form) is not a path we serve. */
export function splitTarget(target: string): { path: string; query: string } | undefined {
  if (!target.startsWith('/')) return undefined;
  const q = target.indexOf('?');
  return q === -1 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

/** What a handler sees of the request, once the gate has decided who asks. */
function context(
  req: IncomingMessage,
  conn: Conn,
  path: string,
  query: string,
  params: Record<string, string>,
  raw: Buffer,
  identity: Identity | null,
): RequestContext {
  if (raw.length > 0 && req.method !== 'POST') {
    throw twitchError('UNSUPPORTED_MEDIA_TYPE', `Only POST takes a body: send the parameters of ${req.method} in the query string.`);
  }
  return {
    method: req.method ?? '',
    path,
    query: new URLSearchParams(query),
    headers: req.headers,
    peer: conn.address,
    body: raw.toString('utf8'),
    contentType: (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase(),
    params,
    identity,
    clientCert: conn.clientCert,
  };
}

/**
 * One connection. Node calls the request listener for every pipelined request at once, before earlier ones are
 * answered; these fields hold later requests back until the one before is answered, and drop them for good
 * once an answer closed the connection.
 */
interface Conn {
  /** dispatched to a handler, not yet answered */
  active: IncomingMessage | undefined;
  /** received behind the active request, dispatched in order */
  queue: Array<() => void> | undefined;
  /** an answer with `Connection: close` was written: nothing after it is processed */
  closing: boolean;
  /** the answer to a malformed request behind the active one, written after the answers before it */
  deferred: (() => void) | undefined;
  /** why the service closed the connection, when it did */
  closedBy: 'cap' | 'error' | undefined;
  /** read when connected: a closed socket no longer knows it */
  address: string;
  /** the socket HTTP runs on: the TCP socket, or over TLS the TLS socket once the handshake is done */
  socket: Socket;
  /** the verified client certificate (TLS with client_certs optional or required) */
  clientCert: ClientCert;
}

/** The address and, when there is one, the client certificate's certname, for log lines. */
function addressOf(conn: Conn): string {
  const cert = conn.clientCert;
  if (cert === null) return conn.address;
  return `${conn.address} cert:${printable(cert.certname, 255).replace(/ /g, '\\x20')}${cert.allowed ? '' : '(disallowed)'}`;
}

// The TLS socket is not the TCP socket the 'connection' event announced; both have the same two ends.
const ends = (s: Socket) => `${s.remoteAddress} ${s.remotePort} ${s.localAddress} ${s.localPort}`;

export interface HttpOptions {
  maxConnections: number;
  gate: Gate;
  /** the body limit of a request signed as a webhook (limits.max_body_bytes) */
  maxWebhookBody: number;
  audit?: Audit;
  /** HTTPS instead of HTTP */
  tls?: TlsServing;
  /** which requests get an access log line (default: all) */
  accessLog?: AccessLog;
  /** the scope each protected route needs (default ROUTE_SCOPES) */
  scopes?: Readonly<Record<string, Scope>>;
  /** counts every answered request by route table key ('other': no route) and status */
  observe?: (route: string, status: number) => void;
}

/** What the access log and the audit log say of a request beyond its line and status. */
interface Seen {
  identity: Identity | null;
  audited: boolean;
  /** the route table key the request matched */
  route: string;
}


export function createHttpService(table: RouteTable, log: Logger, options: HttpOptions): HttpService {
  const { gate, audit, tls, observe } = options;
  const scopes = options.scopes ?? ROUTE_SCOPES;
  const accessLog = options.accessLog ?? 'all';
  /** Whether a request gets an access log line: `default` leaves out answered requests to the quiet routes. */
  const logs = (route: string, status: number): boolean =>
    accessLog === 'all' || (accessLog === 'default' && (status >= 400 || ACCESS_LOGGED.has(route)));
  // Every open connection, keyed by the socket HTTP runs on, oldest first (over TLS: by handshake completion,
  // and the ones still in their handshake keyed by the TCP socket).
  const conns = new Map<Socket, Conn>();
  const handshaking = new Map<string, Conn>(); // TLS: by ends()
  let closing = false;
  let webhookBodies = 0;
  const fdLimit = openFileLimit();
  const cap = fdLimit === undefined ? options.maxConnections : Math.max(16, Math.min(options.maxConnections, fdLimit - LIMITS.fdReserve));

  /** A client outside auth.allow_from hears only that, even when its request is malformed. */
  function refused(address: string): TwitchError | undefined {
    try {
      gate.admit(address);
      return undefined;
    } catch (err) {
      return err as TwitchError;
    }
  }

  async function handle(conn: Conn, req: IncomingMessage, target: ReturnType<typeof splitTarget>, seen: Seen): Promise<Reply> {
    gate.admit(conn.address);
    checkProtocol(req);
    if ((req.url ?? '').length > LIMITS.maxUrlBytes) {
      throw twitchError('URL_TOO_LONG', `Request URL too long: the limit is ${LIMITS.maxUrlBytes} bytes.`);
    }
    if (target === undefined) throw twitchError('BAD_REQUEST', 'The request target must be a path starting with "/".');
    const { handler, params, key } = route(table, target.path, req.method ?? '');
    seen.route = key;
    const scope = scopes[key] ?? null;
    seen.audited = audit !== undefined && scope !== null;
    // Credentials in headers are judged before the body is read; a webhook signature needs the body.
    let identity = gate.identify(req.headers, conn.clientCert, conn.address, scope);
    seen.identity = identity;
    const hook = identity === null && scope !== null ? gate.signature(req.headers) : undefined;
    if (hook === undefined) gate.authorize(identity, scope);
    // `Content-Length: 0` (what many clients send with a bare POST) has nothing to wait for
    const length = req.headers['content-length'];
    const hasBody = (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
    let raw: Buffer = EMPTY;
    if (hasBody && hook === undefined) raw = await readBody(req, LIMITS.maxBodyBytes);
    else if (hasBody) {
      if (webhookBodies >= LIMITS.maxWebhookBodies) {
        throw twitchError('TOO_MANY_REQUESTS', 'Too many signed requests are being received at once: try again in a second.', {
          'Retry-After': '1',
        });
      }
      webhookBodies++;
      try {
        raw = await readBody(req, options.maxWebhookBody);
      } finally {
        webhookBodies--;
      }
    }
    if (hook !== undefined) {
      identity = gate.verify(hook, req.headers, raw, conn.address);
      seen.identity = identity;
      gate.authorize(identity, scope);
    }
    return handler(context(req, conn, target.path, target.query, params, raw, identity));
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const conn = conns.get(req.socket);
    if (conn === undefined || conn.closing) return; // after `Connection: close` a request never reaches a handler
    if (conn.active === undefined) serve(conn, req, res);
    else (conn.queue ??= []).push(() => serve(conn, req, res));
  }

  function serve(conn: Conn, req: IncomingMessage, res: ServerResponse): void {
    conn.active = req;
    const start = process.hrtime.bigint();
    const target = splitTarget(req.url ?? '');
    const seen: Seen = { identity: null, audited: false, route: OTHER_ROUTE };
    handle(conn, req, target, seen)
      .catch(replyForError)
      .then((reply) => {
        // Never the query string, also of a target that is not a path: it may carry a credential.
        const path = (target?.path ?? (req.url ?? '').split('?')[0]).slice(0, 200);
        if (seen.audited) {
          audit?.({
            time: isoTime(),
            client: conn.address,
            identity: seen.identity?.name ?? null,
            method: req.method ?? '',
            path,
            options: reply.audit?.options ?? null,
            status: reply.status,
            run_id: reply.audit?.run_id ?? null,
          });
        }
        const logged = logs(seen.route, reply.status);
        // A certificate is named after the address already; other identities come last.
        const who = () => (seen.identity === null || seen.identity.kind === 'cert' ? '' : ` ${seen.identity.name}`);
        const took = () => `${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(1)}ms${who()}`;
        const outcome = () => `${reply.status} ${took()}`;
        if (req.socket.destroyed) {
          void reply.stream?.(res).catch(() => undefined); // it finds the client gone and releases what it holds
          return logged ? logUnsent(conn, req, path, outcome()) : undefined;
        }
        const close = closing || reply.close === true || !res.shouldKeepAlive;
        if (reply.stream !== undefined) {
          return streamReply(conn, req, res, reply, close, () => {
            observe?.(seen.route, reply.status);
            return logged ? `${req.method} ${path} ${outcome()}` : undefined;
          });
        }
        const headers: Record<string, string | number> = {
          'Content-Type': 'text/plain; charset=utf-8',
          'Content-Length': Buffer.byteLength(reply.body),
          ...reply.headers,
        };
        if (close) headers.Connection = 'close';
        res.writeHead(reply.status, headers);
        res.end(reply.body);
        observe?.(seen.route, reply.status);
        if (logged) log.info(`${addressOf(conn)} ${req.method} ${path} ${outcome()}`);
        answered(conn, res, close);
      })
      .catch((err: Error) => {
        // One broken response must not take the service down with it.
        log.error(`cannot answer ${req.method} ${target?.path ?? '-'}: ${err.message}`);
        res.destroy();
      });
  }

  /**
   * A body written as it comes: the head at once (chunked, no Content-Length), then whatever `reply.stream`
   * writes. The connection goes on after it unless the answer said close or the service is stopping: then it is
   * closed once the rest is sent, or after a grace period when the client does not read it.
   */
  async function streamReply(
    conn: Conn,
    req: IncomingMessage,
    res: ServerResponse,
    reply: Reply,
    close: boolean,
    ended: () => string | undefined,
  ): Promise<void> {
    const headers: Record<string, string> = { ...reply.headers };
    if (close) headers.Connection = 'close';
    res.writeHead(reply.status, headers);
    res.flushHeaders();
    try {
      await reply.stream?.(res);
    } finally {
      const line = ended(); // the access log line, when access_log logs this request
      if (line !== undefined) log.info(`${addressOf(conn)} ${line}${res.writableFinished || res.writableEnded ? '' : ' (client left)'}`);
      if (!res.writableEnded) res.end();
      // A client still reading the rest keeps its connection; one that is gone or cut off (output/hub.ts) does not.
      const done = close || closing || res.destroyed;
      if (done) {
        const socket = req.socket;
        socket.destroySoon();
        setTimeout(() => socket.destroy(), LIMITS.streamCloseGraceMs).unref();
      }
      answered(conn, res, done);
    }
  }

  // The connection is gone, so nothing is written. A request cut off before it was complete is the client's
  // doing (or the cap's), not an error of the service.
  function logUnsent(conn: Conn, req: IncomingMessage, path: string, outcome: string): void {
    if (conn.closedBy === 'error') return; // its error answer is logged
    const what = req.complete
      ? `${outcome} (not sent: the client closed the connection)`
      : conn.closedBy === 'cap'
        ? '- closed before the request was complete, to make room for a new connection (max_connections)'
        : '- client aborted the request';
    log.info(`${addressOf(conn)} ${req.method} ${path} ${what}`);
  }

  function answered(conn: Conn, res: ServerResponse, close: boolean): void {
    conn.active = undefined;
    if (close) {
      conn.closing = true;
      conn.queue = conn.deferred = undefined;
      return;
    }
    const next = conn.queue?.shift();
    if (next !== undefined) return next();
    if (conn.deferred !== undefined) {
      conn.closing = true;
      res.once('finish', conn.deferred); // behind the answer just given, which Node may still hold
    }
  }

  const serverOptions: ServerOptions & { requireHostHeader: boolean } = {
    maxHeaderSize: LIMITS.maxHeaderBytes,
    headersTimeout: LIMITS.headersTimeoutMs,
    requestTimeout: LIMITS.requestTimeoutMs,
    keepAliveTimeout: LIMITS.keepAliveTimeoutMs,
    connectionsCheckingInterval: LIMITS.timeoutCheckMs,
    requireHostHeader: false, // checked by checkProtocol, so the answer is ours
  };
  const server =
    tls === undefined
      ? createServer(serverOptions, onRequest)
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
          onRequest,
        );
  // Node calls this instead of the request listener for an Expect other than 100-continue; checkProtocol answers 417.
  server.on('checkExpectation', onRequest);

  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '-';
    const conn: Conn = { active: undefined, queue: undefined, closing: false, deferred: undefined, closedBy: undefined, address, socket, clientCert: null };
    conns.set(socket, conn);
    const key = ends(socket);
    if (tls !== undefined) handshaking.set(key, conn);
    socket.once('close', () => {
      conns.delete(conn.socket);
      if (handshaking.get(key) === conn) handshaking.delete(key);
    });
    if (conns.size > cap) evict(socket);
  });

  if (tls !== undefined) serveTls(tls);

  function serveTls({ clientCerts, allowedCertnames }: TlsServing): void {
    // After the handshake, before any request is read: the client certificate decides whether the connection stays.
    server.on('secureConnection', (socket: TLSSocket) => {
      const key = ends(socket);
      const conn = handshaking.get(key);
      handshaking.delete(key);
      if (conn === undefined || conns.get(conn.socket) !== conn) return void socket.destroy(); // evicted meanwhile
      const cert = socket.getPeerCertificate();
      const presented = Object.keys(cert).length > 0;
      const verdict = clientCertVerdict(clientCerts, allowedCertnames, {
        presented,
        authorized: socket.authorized,
        error: socket.authorizationError === undefined ? null : String(socket.authorizationError),
        cn: presented ? cert.subject?.CN : undefined,
      });
      conns.delete(conn.socket);
      if (!verdict.ok) {
        const name = typeof cert.subject?.CN === 'string' ? ` CN=${printable(cert.subject.CN)}` : '';
        log.info(`${conn.address} - TLS client certificate${name} refused: ${verdict.reason}`);
        return void socket.destroy();
      }
      conn.clientCert = verdict.clientCert;
      conn.socket = socket;
      conns.set(socket, conn);
    });

    // Handshakes that fail (plain HTTP, an unknown protocol, a timeout) are the client's problem: one log line.
    server.on('tlsClientError', (err: NodeJS.ErrnoException & { reason?: string }, socket: TLSSocket) => {
      log.info(`${socket.remoteAddress ?? '-'} - TLS handshake failed: ${describeHandshakeError(err)}`);
      socket.destroy();
    });
  }

  // At the cap, the oldest connection that is not handling a fully received request makes room: idle, silent,
  // slow and unfinished requests cannot lock new clients out. Only complete requests being handled are kept.
  function evict(newcomer: Socket): void {
    for (const [socket, conn] of conns) {
      if (socket !== newcomer && conn.active?.complete !== true) {
        conn.closedBy = 'cap';
        conns.delete(socket);
        socket.destroy();
        return;
      }
    }
    newcomer.destroy();
  }

  // Requests Node's parser refuses never reach a handler; they get the same plain-text answers.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    const conn = conns.get(socket);
    const error = conn === undefined ? undefined : (refused(conn.address) ?? parserError(err));
    if (conn === undefined || error === undefined || !socket.writable) return void socket.destroy();
    if (conn.closing) return; // Node closes the connection once the answer that said so is written
    const { status, text } = rawReply(error);
    const write = (then: () => void) => {
      observe?.(OTHER_ROUTE, status);
      if (logs(OTHER_ROUTE, status)) log.info(`${addressOf(conn)} - - ${status} ${err.code}`);
      socket.end(text, then);
    };
    if (conn.active?.complete === true) {
      // The malformed request came after one being handled: answer that one (and any between) first.
      conn.deferred ??= () => write(() => socket.destroy());
      return;
    }
    conn.closedBy = 'error';
    write(() => undefined);
    socket.destroy();
  });

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
      (server as import("node:https").Server).setSecureContext(secure);
    },
    close() {
      closing = true;
      // A handshake in progress is a new client: nothing to finish for it.
      for (const conn of handshaking.values()) conn.socket.destroy();
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
