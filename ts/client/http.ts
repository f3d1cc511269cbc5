// One HTTP(S) request, bounded twice: the connection within connectMs, the whole answer within timeoutMs.
// The client of the fleet command and of the daemon's `status`. Keep-alive agents, so probe, trigger and waits
// on one node share a connection.
import { Agent, request as httpRequest, type IncomingHttpHeaders, type RequestOptions } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { nodeHttps, nodeTls } from '../lazy';

export interface Tls {
  ca?: Buffer | string | string[];
  cert?: Buffer | string;
  key?: Buffer | string;
  /** the local service's own certificate need not name the address it is reached by */
  checkServerIdentity?: () => undefined;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Ask {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connectMs: number;
  timeoutMs: number;
  /** the name the server's certificate must carry (a node's certname when it is reached by address) */
  certname?: string;
}

/** Why a request got no answer: `connect` (nothing listens, no route, no name, no connection in time) or `timeout`. */
export interface NoAnswer extends Error {
  stage: 'connect' | 'timeout' | 'tls';
}

const noAnswer = (stage: NoAnswer['stage'], message: string): NoAnswer => Object.assign(new Error(message), { stage });
export const isNoAnswer = (err: unknown): err is NoAnswer => err instanceof Error && typeof (err as NoAnswer).stage === 'string';

const MAX_BODY = 4 * 1024 * 1024;
const TLS_CODES = /^(ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL_)/;

export type Request = (url: string, ask: Ask) => Promise<Answer>;

/** A request function with its own agents; `close()` ends their idle connections so the process can exit. */
export function createClient(tls: Tls): { request: Request; close(): void } {
  const httpAgent = new Agent({ keepAlive: true, maxSockets: 4 });
  let httpsAgent: HttpsAgent | undefined;
  const agentFor = (https: boolean) =>
    https ? (httpsAgent ??= new (nodeHttps().Agent)({ keepAlive: true, maxSockets: 4, ...tls })) : httpAgent;

  const request: Request = (url, ask) =>
    new Promise<Answer>((resolve, reject) => {
      const target = new URL(url);
      const https = target.protocol === 'https:';
      const options: RequestOptions & Record<string, unknown> = {
        method: ask.method ?? 'GET',
        headers: { ...ask.headers, ...(ask.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(ask.body)) } : {}) },
        agent: agentFor(https),
      };
      if (https && ask.certname !== undefined) {
        const certname = ask.certname;
        options.servername = certname;
        options.checkServerIdentity = (_host: string, cert: import('node:tls').PeerCertificate) => nodeTls().checkServerIdentity(certname, cert);
      }
      const send = https ? nodeHttps().request : httpRequest;
      let settled = false;
      const finish = (err: Error | undefined, answer?: Answer) => {
        if (settled) return;
        settled = true;
        clearTimeout(connectTimer);
        clearTimeout(totalTimer);
        if (err !== undefined) {
          req.destroy();
          reject(err);
        } else resolve(answer as Answer);
      };
      const req = send(target, options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) finish(new Error(`the answer from ${target.host} is larger than ${MAX_BODY} bytes`));
          else chunks.push(chunk);
        });
        res.on('end', () => finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => finish(err));
      });
      const connectTimer = setTimeout(
        () => finish(noAnswer('connect', `no connection to ${target.host} within ${ask.connectMs / 1000} s`)),
        ask.connectMs,
      );
      const totalTimer = setTimeout(
        () => finish(noAnswer('timeout', `no answer from ${target.host} within ${ask.timeoutMs / 1000} s`)),
        ask.timeoutMs,
      );
      req.on('socket', (socket) => {
        // a reused keep-alive socket is connected already
        if (!socket.connecting) clearTimeout(connectTimer);
        socket.once(https ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        const code = err.code ?? '';
        if (TLS_CODES.test(code) || /certificate|altnames|self.signed/i.test(err.message)) {
          finish(noAnswer('tls', `TLS with ${target.host} failed: ${err.message}`));
        } else if (/^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EADDRNOTAVAIL)$/.test(code)) {
          finish(noAnswer('connect', `cannot connect to ${target.host}: ${code === 'ENOTFOUND' ? 'no such host' : code}`));
        } else {
          finish(noAnswer('timeout', `the connection to ${target.host} failed: ${err.message}`));
        }
      });
      req.end(ask.body);
    });

  return {
    request,
    close() {
      httpAgent.destroy();
      httpsAgent?.destroy();
    },
  };
}
