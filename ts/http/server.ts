// node:http with bounded requests, a connection cap that evicts idle sockets first, and graceful shutdown.
// A request travels: limits → route → body → handler → reply, then one log line.
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { ERROR_STATUS, twitchError } from '../errors';
import type { Logger } from '../log';
import { LIMITS } from './limits';
import { replyForError, type Reply } from './respond';
import { route, type Handler } from './routes';

export interface HttpService {
  listen(port: number, bind: string): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
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

function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > LIMITS.maxBodyBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > LIMITS.maxBodyBytes) {
        req.removeAllListeners('data');
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function tooLarge() {
  return twitchError('BODY_TOO_LARGE', `Request body too large: the limit is ${LIMITS.maxBodyBytes} bytes.`);
}

/** Path and query of an origin-form target; anything else (`*`, absolute-form) is not a path we serve. */
export function splitTarget(target: string): { path: string; query: string } | undefined {
  if (!target.startsWith('/')) return undefined;
  const q = target.indexOf('?');
  return q === -1 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

async function parameters(req: IncomingMessage, query: string): Promise<URLSearchParams> {
  const params = new URLSearchParams(query);
  const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
  const body = hasBody ? await readBody(req) : '';
  if (body.length === 0) return params;
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (req.method !== 'POST' || type !== 'application/x-www-form-urlencoded') {
    throw twitchError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send parameters in the query string or as an application/x-www-form-urlencoded POST body.',
    );
  }
  for (const [key, value] of new URLSearchParams(body)) params.append(key, value);
  return params;
}

export function createHttpService(table: Record<string, Partial<Record<string, Handler>>>, log: Logger, maxConnections: number): HttpService {
  const inFlight = new Map<Socket, number>(); // every open socket, oldest first, with its unanswered requests
  let closing = false;
  const fdLimit = openFileLimit();
  const cap = fdLimit === undefined ? maxConnections : Math.max(16, Math.min(maxConnections, fdLimit - LIMITS.fdReserve));

  async function handle(req: IncomingMessage, target: ReturnType<typeof splitTarget>): Promise<Reply> {
    if ((req.url ?? '').length > LIMITS.maxUrlBytes) {
      throw twitchError('URL_TOO_LONG', `Request URL too long: the limit is ${LIMITS.maxUrlBytes} bytes.`);
    }
    if (target === undefined) throw twitchError('BAD_REQUEST', 'The request target must be a path starting with "/".');
    const handler = route(table, target.path, req.method ?? '');
    return handler(await parameters(req, target.query));
  }

  const server = createServer(
    {
      maxHeaderSize: LIMITS.maxHeaderBytes,
      headersTimeout: LIMITS.headersTimeoutMs,
      requestTimeout: LIMITS.requestTimeoutMs,
      keepAliveTimeout: LIMITS.keepAliveTimeoutMs,
      connectionsCheckingInterval: LIMITS.timeoutCheckMs,
    },
    (req: IncomingMessage, res: ServerResponse) => {
      const start = process.hrtime.bigint();
      const socket = req.socket;
      inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
      const target = splitTarget(req.url ?? '');
      handle(req, target)
        .catch(replyForError)
        .then((reply) => {
          const headers: Record<string, string | number> = {
            'Content-Type': 'text/plain; charset=utf-8',
            'Content-Length': Buffer.byteLength(reply.body),
            ...reply.headers,
          };
          // A refused body is left unread: close rather than parse it as the next request.
          if (closing || reply.status === ERROR_STATUS.BODY_TOO_LARGE) headers.Connection = 'close';
          res.writeHead(reply.status, headers);
          res.end(reply.body);
          const ms = Number(process.hrtime.bigint() - start) / 1e6;
          const path = (target?.path ?? req.url ?? '').slice(0, 200);
          log.info(`${socket.remoteAddress ?? '-'} ${req.method} ${path} ${reply.status} ${ms.toFixed(1)}ms`);
        })
        .catch((err: Error) => {
          // One broken response must not take the service down with it.
          log.error(`cannot answer ${req.method} ${target?.path ?? '-'}: ${err.message}`);
          res.destroy();
        });
      res.on('close', () => {
        const pending = inFlight.get(socket);
        if (pending !== undefined) inFlight.set(socket, pending - 1);
      });
    },
  );

  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
    if (inFlight.size > cap) evictIdle(socket);
  });

  // At the cap, the oldest socket with nothing in flight makes room, so silent clients cannot lock others out.
  function evictIdle(newcomer: Socket): void {
    for (const [socket, pending] of inFlight) {
      if (pending === 0 && socket !== newcomer) {
        socket.destroy();
        return;
      }
    }
    newcomer.destroy();
  }

  // Requests Node's parser refuses never reach a handler; they get the same plain-text answers.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    const error =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? twitchError('HEADERS_TOO_LARGE', `Request headers too large: the limit is ${LIMITS.maxHeaderBytes} bytes.`)
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? twitchError('REQUEST_TIMEOUT', 'Request not received in time.')
          : err.code?.startsWith('HPE_')
            ? twitchError('BAD_REQUEST', 'Malformed HTTP request.')
            : undefined;
    if (error !== undefined && socket.writable) {
      const { status, body } = replyForError(error);
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      log.info(`${socket.remoteAddress ?? '-'} - - ${status} ${err.code}`);
    }
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
    close() {
      closing = true;
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
