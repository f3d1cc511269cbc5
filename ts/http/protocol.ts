// What HTTP/1.1 (RFC 9112) says a server must not serve, checked before a request goes further: other versions,
// a missing, repeated or bad Host, unknown expectations, a second Authorization, an over-long URL, a target that
// is not a path. Also the answers to requests Node's own parser refused.
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import { twitchError, type TwitchError } from '../errors';
import { printable } from '../text';
import { LIMITS } from './limits';
import { replyForError } from './respond';

// Node's own test for the one expectation it handles (by answering 100 Continue).
const CONTINUE = /(?:^|\W)100-continue(?:$|\W)/i;
// RFC 3986 host (IP-literal, IPv4 address or reg-name) with an optional port; empty is allowed (RFC 9112 §3.2).
const HOST = /^(?:\[[0-9A-Za-z:.]+\]|[0-9A-Za-z\-._~!$&'()*+,;=%]*)(?::[0-9]*)?$/;
const EXAMPLE_LINE = 'e.g. "POST /puppet/twitch HTTP/1.1"';
const EXAMPLE_HOST = 'e.g. "Host: node01:2023"';

/** The path and query of an origin-form request target. */
export interface Target {
  path: string;
  query: string;
}

/** Path and query of an origin-form target; anything else (`*`, absolute-form) is not a path we serve. */
export function splitTarget(target: string): Target | undefined {
  if (!target.startsWith('/')) return undefined;
  const q = target.indexOf('?');
  return q === -1 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

/**
 * What log lines name a request's target by: the part before any `?` (the query may carry a credential), also of a
 * target that is not a path, at most 200 characters. Without split(), which costs every request an array.
 */
export function loggedPath(target: string): string {
  const q = target.indexOf('?');
  return (q === -1 ? target : target.slice(0, q)).slice(0, 200);
}

/** The request's target once its protocol is one this server speaks; a TwitchError naming what is wrong otherwise. */
export function checkProtocol(req: IncomingMessage, target: Target | undefined): Target {
  if (req.httpVersionMajor !== 1 || req.httpVersionMinor > 1) {
    const version = req.httpVersionMajor === 0 ? 'HTTP/0.9 (a request line without a version)' : `HTTP/${req.httpVersion}`;
    throw twitchError('HTTP_VERSION_NOT_SUPPORTED', `${version} is not supported: send HTTP/1.1 (or HTTP/1.0), ${EXAMPLE_LINE}.`);
  }
  checkHeaders(req);
  const expect = req.headers.expect;
  if (expect !== undefined && !CONTINUE.test(expect)) {
    throw twitchError(
      'EXPECTATION_FAILED',
      `Cannot meet "Expect: ${printable(expect)}": only "Expect: 100-continue" is supported; send the request without it.`,
    );
  }
  if ((req.url ?? '').length > LIMITS.maxUrlBytes) {
    throw twitchError('URL_TOO_LONG', `Request URL too long: the limit is ${LIMITS.maxUrlBytes} bytes.`);
  }
  if (target === undefined) throw twitchError('BAD_REQUEST', 'The request target must be a path starting with "/".');
  return target;
}

function checkHeaders(req: IncomingMessage): void {
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
export function parserError(err: NodeJS.ErrnoException & { reason?: string }): TwitchError | undefined {
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

/** A whole answer written straight to the socket, for a request that never became an IncomingMessage. */
export function rawReply(error: TwitchError): { status: number; text: string } {
  const { status, body } = replyForError(error);
  const text =
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
  return { status, text };
}
