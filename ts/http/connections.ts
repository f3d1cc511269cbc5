// The connections: one request at a time on each (Node hands over pipelined requests at once; later ones wait
// their turn), a cap that keeps room for new clients by evicting the oldest connection that is not handling a
// complete request, the TLS client-certificate verdict before any request is read, and the answers to requests
// Node's parser refused.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ClientCert } from '../auth/identity';
import type { ClientCerts } from '../config';
import type { TwitchError } from '../errors';
import type { Logger } from '../log';
import { printable } from '../text';
import { clientCertVerdict, describeHandshakeError } from '../tls/peer';
import { rawReply } from './protocol';

/**
 * One connection. Node calls the request listener for every pipelined request at once, before earlier ones are
 * answered; these fields hold later requests back until the one before is answered, and drop them for good
 * once an answer closed the connection.
 */
export interface Conn {
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
  clientCert: ClientCert | null;
}

/** The address and, when there is one, the client certificate's certname, for log lines. */
export function addressOf(conn: Conn): string {
  const cert = conn.clientCert;
  if (cert === null) return conn.address;
  return `${conn.address} cert:${printable(cert.certname, 255).replace(/ /g, '\\x20')}${cert.allowed ? '' : '(disallowed)'}`;
}

/** HTTPS: what the client certificate check needs. */
export interface TlsPeers {
  clientCerts: ClientCerts;
  allowedCertnames: readonly string[];
}

export interface ConnectionOptions {
  /** the most connections open at once */
  cap: number;
  log: Logger;
  tls?: TlsPeers;
  /** a request's turn on its connection has come */
  serve(conn: Conn, req: IncomingMessage, res: ServerResponse): void;
  /** the answer to a request Node's parser refused; undefined: close without one */
  refusal(conn: Conn, err: NodeJS.ErrnoException): TwitchError | undefined;
  /** such an answer is being written */
  refused(conn: Conn, status: number, code: string | undefined): void;
}

export interface Connections {
  /** the server's request listener */
  onRequest(req: IncomingMessage, res: ServerResponse): void;
  /** the active request of `conn` is answered; `close`: nothing more is processed on the connection */
  answered(conn: Conn, res: ServerResponse, close: boolean): void;
  /** listens to the server's connection, TLS and parser events */
  attach(server: Server): void;
  /** at shutdown: a handshake in progress is a new client, nothing to finish for it */
  dropHandshakes(): void;
}

// The TLS socket is not the TCP socket the 'connection' event announced; both have the same two ends.
const ends = (s: Socket) => `${s.remoteAddress} ${s.remotePort} ${s.localAddress} ${s.localPort}`;

export function createConnections(options: ConnectionOptions): Connections {
  const { cap, log, tls, serve } = options;
  // Every open connection, keyed by the socket HTTP runs on, oldest first (over TLS: by handshake completion,
  // and the ones still in their handshake keyed by the TCP socket).
  const conns = new Map<Socket, Conn>();
  const handshaking = new Map<string, Conn>(); // TLS: by ends()

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

  function onConnection(socket: Socket): void {
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
  }

  // After the handshake, before any request is read: the client certificate decides whether the connection stays.
  function onSecureConnection({ clientCerts, allowedCertnames }: TlsPeers, socket: TLSSocket): void {
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
  }

  // Requests Node's parser refuses never reach a handler; they get the same plain-text answers.
  function onClientError(err: NodeJS.ErrnoException, socket: Socket): void {
    const conn = conns.get(socket);
    const error = conn === undefined ? undefined : options.refusal(conn, err);
    if (conn === undefined || error === undefined || !socket.writable) return void socket.destroy();
    if (conn.closing) return; // Node closes the connection once the answer that said so is written
    const { status, text } = rawReply(error);
    const write = (then: () => void) => {
      options.refused(conn, status, err.code);
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
  }

  return {
    onRequest(req, res) {
      const conn = conns.get(req.socket);
      if (conn === undefined || conn.closing) return; // after `Connection: close` a request never reaches a handler
      if (conn.active === undefined) {
        conn.active = req;
        serve(conn, req, res);
      } else {
        (conn.queue ??= []).push(() => {
          conn.active = req;
          serve(conn, req, res);
        });
      }
    },
    answered(conn, res, close) {
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
    },
    attach(server) {
      server.on('connection', onConnection);
      server.on('clientError', onClientError);
      if (tls === undefined) return;
      server.on('secureConnection', (socket: TLSSocket) => onSecureConnection(tls, socket));
      // Handshakes that fail (plain HTTP, an unknown protocol, a timeout) are the client's problem: one log line.
      server.on('tlsClientError', (err: NodeJS.ErrnoException & { reason?: string }, socket: TLSSocket) => {
        log.info(`${socket.remoteAddress ?? '-'} - TLS handshake failed: ${describeHandshakeError(err)}`);
        socket.destroy();
      });
    },
    dropHandshakes() {
      for (const conn of handshaking.values()) conn.socket.destroy();
    },
  };
}
