// HTTPS requests to the bundle with node:https (Node's fetch cannot present a client certificate), with the
// certificate the service presented.
import { readFileSync } from 'node:fs';
import * as https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { checkAnswer } from './openapi';
import type { Issued } from './pki';
import type { HttpResult, RequestOptions } from './service';

export interface HttpsResult extends HttpResult {
  /** serial number of the certificate the service presented (hex, upper case) */
  serverSerial: string;
}

export interface HttpsOptions extends RequestOptions {
  /** CA bundle the client trusts */
  ca: string;
  /** client certificate to present */
  client?: Issued;
  /** TLS server name (SNI and the name checked against the certificate); default: host */
  servername?: string;
}

export const tlsFiles = (ca: string, client?: Issued) => ({
  ca: readFileSync(ca, 'utf8'),
  ...(client === undefined ? {} : { cert: readFileSync(client.cert, 'utf8'), key: readFileSync(client.key, 'utf8') }),
});

/** One request on a fresh TLS connection, the certificate verified against `ca`. */
export function httpsRequest(port: number, path: string, opts: HttpsOptions): Promise<HttpsResult> {
  return new Promise((resolve, reject) => {
    const host = opts.host ?? '127.0.0.1';
    const req = https.request(
      {
        host,
        port,
        path,
        method: opts.method ?? 'GET',
        headers: opts.headers,
        agent: false,
        servername: opts.servername,
        ...tlsFiles(opts.ca, opts.client),
      },
      (res) => {
        const serverSerial = (res.socket as TLSSocket).getPeerCertificate().serialNumber;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const status = res.statusCode ?? 0;
          try {
            checkAnswer({ method: opts.method ?? 'GET', target: path, status, headers: res.headers, body: raw });
          } catch (err) {
            return reject(err);
          }
          resolve({ status, headers: res.headers, body: raw.toString('utf8'), raw, serverSerial });
        });
      },
    );
    req.setTimeout(opts.timeoutMs ?? 15000, () => req.destroy(new Error(`request ${path} timed out`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The error a request gets, failing the test when it gets an answer instead. */
export async function refused(port: number, path: string, opts: HttpsOptions): Promise<Error> {
  try {
    const res = await httpsRequest(port, path, opts);
    throw new Error(`expected the connection to be refused, got ${res.status} ${JSON.stringify(res.body)}`);
  } catch (err) {
    if ((err as Error).message.startsWith('expected the connection')) throw err;
    return err as Error;
  }
}
