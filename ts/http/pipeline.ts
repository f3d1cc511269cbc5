// A request's way from its turn on the connection to its handler's reply, as named stages:
//   admit → route → identify → body → verify → authorize → handle
// Each stage takes what the one before decided and adds its own decision; one that refuses throws a TwitchError.
// runPipeline never throws: it returns the reply with what the stages had decided by then (the route and who
// asked), which is what the access log, the audit log and the request metrics are told.
import type { IncomingMessage } from 'node:http';
import type { Gate } from '../auth/gate';
import type { ClientCert, Identity } from '../auth/identity';
import type { Scope, WebhookType } from '../auth/vocabulary';
import { twitchError } from '../errors';
import type { RequestContext } from './context';
import { LIMITS } from './limits';
import { checkHostName, checkSameOrigin, type HostNames } from './origin';
import { checkProtocol, splitTarget, type Target } from './protocol';
import { replyForError, type Reply } from './respond';
import { route as findRoute, type Handler, type RouteTable } from './routes';
import { CHANGES_RUNS, OTHER_ROUTE } from './scopes';

const EMPTY = Buffer.alloc(0);

/** What the pipeline knows of the connection a request came on. */
export interface Peer {
  address: string;
  clientCert: ClientCert | null;
}

/** A request whose client may connect and whose protocol this server speaks. */
interface Admitted {
  req: IncomingMessage;
  peer: Peer;
  target: Target;
}

/** … with the handler its path and method name, and the scope that route needs (null: open). */
interface Routed extends Admitted {
  handler: Handler;
  params: Record<string, string>;
  route: string;
  scope: Scope | null;
}

/** … with who asks as the headers and the connection say; `signed`: a webhook signature still to verify. */
interface Identified extends Routed {
  identity: Identity | null;
  signed: WebhookType | undefined;
}

/** … with its body. */
interface Received extends Identified {
  raw: Buffer;
}

/** What the pipeline decided of a request: its reply, the route it matched and who asked. */
export interface Answer {
  reply: Reply;
  /** the route table key, or OTHER_ROUTE */
  route: string;
  identity: Identity | null;
  /** the scope the route needs: null for the open routes */
  scope: Scope | null;
}

export interface PipelineOptions {
  table: RouteTable;
  gate: Gate;
  /** the scope each protected route needs */
  scopes: Readonly<Record<string, Scope>>;
  /** the body limit of a request signed as a webhook (limits.max_body_bytes) */
  maxWebhookBody: number;
  /** the names a request's Host may give */
  hosts: HostNames;
  /** what this service's own origin starts with */
  scheme: 'http' | 'https';
}

export type Pipeline = (req: IncomingMessage, peer: Peer) => Promise<Answer>;

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

function tooLarge(limit: number) {
  return twitchError('BODY_TOO_LARGE', `Request body too large: the limit is ${limit} bytes.`);
}

export function createPipeline(options: PipelineOptions): Pipeline {
  const { table, gate, scopes } = options;
  let webhookBodies = 0;

  /** auth.allow_from before anything else of the request is looked at, then the protocol, then a Host of this node. */
  function admit(req: IncomingMessage, peer: Peer): Admitted {
    gate.admit(peer.address);
    const target = checkProtocol(req, splitTarget(req.url ?? ''));
    checkHostName(req.headers.host, options.hosts);
    return { req, peer, target };
  }

  /** 404 and 405 are decided here; a route that starts or changes runs refuses what a browser sent cross-site. */
  function route(admitted: Admitted): Routed {
    const { handler, params, key } = findRoute(table, admitted.target.path, admitted.req.method ?? '');
    if (CHANGES_RUNS.has(key)) checkSameOrigin(admitted.req.headers, options.scheme);
    return { ...admitted, handler, params, route: key, scope: scopes[key] ?? null };
  }

  /** A token or a client certificate, judged before the body is read; or a webhook signature to verify with it. */
  function identify(routed: Routed): Identified {
    const { req, peer, scope } = routed;
    const identity = gate.identify(req.headers, peer.clientCert, peer.address, scope);
    const signed = identity === null && scope !== null ? gate.signature(req.headers) : undefined;
    return { ...routed, identity, signed };
  }

  /** The body within its limit: a signed webhook's up to limits.max_body_bytes, a few at a time. */
  async function body(identified: Identified): Promise<Received> {
    const { req, signed } = identified;
    // `Content-Length: 0` (what many clients send with a bare POST) has nothing to wait for
    const length = req.headers['content-length'];
    const hasBody = (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody) return { ...identified, raw: EMPTY };
    if (signed === undefined) return { ...identified, raw: await readBody(req, LIMITS.maxBodyBytes) };
    if (webhookBodies >= LIMITS.maxWebhookBodies) {
      throw twitchError('TOO_MANY_REQUESTS', 'Too many signed requests are being received at once: try again in a second.', {
        'Retry-After': '1',
      });
    }
    webhookBodies++;
    try {
      return { ...identified, raw: await readBody(req, options.maxWebhookBody) };
    } finally {
      webhookBodies--;
    }
  }

  /** A webhook's identity, from its signature over the body it came with. */
  function verify(received: Received): Received {
    if (received.signed === undefined) return received;
    const identity = gate.verify(received.signed, received.req.headers, received.raw, received.peer.address);
    return { ...received, identity, signed: undefined };
  }

  /** 401 without an identity where the route needs one, 403 without the route's scope. */
  function authorize<T extends Identified>(identified: T): T {
    gate.authorize(identified.identity, identified.scope);
    return identified;
  }

  async function handle(received: Received): Promise<Reply> {
    const { req, target, raw } = received;
    if (raw.length > 0 && req.method !== 'POST') {
      throw twitchError('UNSUPPORTED_MEDIA_TYPE', `Only POST takes a body: send the parameters of ${req.method} in the query string.`);
    }
    const ctx: RequestContext = {
      method: req.method ?? '',
      path: target.path,
      query: new URLSearchParams(target.query),
      headers: req.headers,
      peer: received.peer.address,
      body: raw.toString('utf8'),
      contentType: (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase(),
      params: received.params,
      identity: received.identity,
      clientCert: received.peer.clientCert,
    };
    return received.handler(ctx);
  }

  return async (req, peer) => {
    // what the stages decided so far: what a refusal is logged and audited with
    let known: Omit<Answer, 'reply'> = { route: OTHER_ROUTE, identity: null, scope: null };
    try {
      const routed = route(admit(req, peer));
      known = { route: routed.route, identity: null, scope: routed.scope };
      const identified = identify(routed);
      known.identity = identified.identity;
      const received =
        identified.signed === undefined
          ? await body(authorize(identified)) // credentials in the headers are judged before the body is read
          : authorize(verify(await body(identified))); // a signature only with the body it covers
      known.identity = received.identity;
      return { ...known, reply: await handle(received) };
    } catch (err) {
      return { ...known, reply: replyForError(err) };
    }
  };
}
