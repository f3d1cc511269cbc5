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

/**
 * A request as the stages decide it, one object per request: each stage fills in its own fields and hands it on
 * (a fresh object per stage would cost the cheap answers more than the stages themselves).
 */
interface Exchange {
  req: IncomingMessage;
  peer: Peer;
  // admit
  target: Target;
  // route: the handler its path and method name, and the scope that route needs (null: open)
  handler: Handler;
  params: Record<string, string>;
  route: string;
  scope: Scope | null;
  // identify: who asks as the headers and the connection say; `signed`: a webhook signature still to verify
  identity: Identity | null;
  signed: WebhookType | undefined;
  // body
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

const NO_TARGET: Target = { path: '', query: '' };
const NO_HANDLER: Handler = () => {
  throw new Error('no handler');
};

export function createPipeline(options: PipelineOptions): Pipeline {
  const { table, gate, scopes } = options;
  let webhookBodies = 0;

  /** auth.allow_from before anything else of the request is looked at, then the protocol, then a Host of this node. */
  function admit(ex: Exchange): Exchange {
    gate.admit(ex.peer.address);
    ex.target = checkProtocol(ex.req, splitTarget(ex.req.url ?? ''));
    checkHostName(ex.req.headers.host, options.hosts);
    return ex;
  }

  /** 404 and 405 are decided here; a route that starts or changes runs refuses what a browser sent cross-site. */
  function route(ex: Exchange): Exchange {
    const { handler, params, key } = findRoute(table, ex.target.path, ex.req.method ?? '');
    if (CHANGES_RUNS.has(key)) checkSameOrigin(ex.req.headers, options.scheme);
    ex.handler = handler;
    ex.params = params;
    ex.route = key;
    ex.scope = scopes[key] ?? null;
    return ex;
  }

  /** A token or a client certificate, judged before the body is read; or a webhook signature to verify with it. */
  function identify(ex: Exchange): Exchange {
    ex.identity = gate.identify(ex.req.headers, ex.peer.clientCert, ex.peer.address, ex.scope);
    ex.signed = ex.identity === null && ex.scope !== null ? gate.signature(ex.req.headers) : undefined;
    return ex;
  }

  /** Whether a body is coming: `Content-Length: 0` (what many clients send with a bare POST) has nothing to wait for. */
  function hasBody(ex: Exchange): boolean {
    const length = ex.req.headers['content-length'];
    return (length !== undefined && length !== '0') || ex.req.headers['transfer-encoding'] !== undefined;
  }

  /** The body within its limit: a signed webhook's up to limits.max_body_bytes, a few at a time. */
  async function body(ex: Exchange): Promise<Exchange> {
    if (ex.signed === undefined) {
      ex.raw = await readBody(ex.req, LIMITS.maxBodyBytes);
      return ex;
    }
    if (webhookBodies >= LIMITS.maxWebhookBodies) {
      throw twitchError('TOO_MANY_REQUESTS', 'Too many signed requests are being received at once: try again in a second.', {
        'Retry-After': '1',
      });
    }
    webhookBodies++;
    try {
      ex.raw = await readBody(ex.req, options.maxWebhookBody);
      return ex;
    } finally {
      webhookBodies--;
    }
  }

  /** A webhook's identity, from its signature over the body it came with. */
  function verify(ex: Exchange): Exchange {
    if (ex.signed === undefined) return ex;
    ex.identity = gate.verify(ex.signed, ex.req.headers, ex.raw, ex.peer.address);
    ex.signed = undefined;
    return ex;
  }

  /** 401 without an identity where the route needs one, 403 without the route's scope. */
  function authorize(ex: Exchange): Exchange {
    gate.authorize(ex.identity, ex.scope);
    return ex;
  }

  function handle(ex: Exchange): Promise<Reply> | Reply {
    const { req, target, raw } = ex;
    if (raw.length > 0 && req.method !== 'POST') {
      throw twitchError('UNSUPPORTED_MEDIA_TYPE', `Only POST takes a body: send the parameters of ${req.method} in the query string.`);
    }
    const ctx: RequestContext = {
      method: req.method ?? '',
      path: target.path,
      query: new URLSearchParams(target.query),
      headers: req.headers,
      peer: ex.peer.address,
      body: raw.length === 0 ? '' : raw.toString('utf8'),
      contentType: (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase(),
      params: ex.params,
      identity: ex.identity,
      clientCert: ex.peer.clientCert,
    };
    return ex.handler(ctx);
  }

  const answer = (ex: Exchange, reply: Reply): Answer => ({ reply, route: ex.route, identity: ex.identity, scope: ex.scope });

  return async (req, peer) => {
    // what the stages have decided by the time one refuses is what the refusal is logged and audited with
    const ex: Exchange = {
      req,
      peer,
      target: NO_TARGET,
      handler: NO_HANDLER,
      params: {},
      route: OTHER_ROUTE,
      scope: null,
      identity: null,
      signed: undefined,
      raw: EMPTY,
    };
    try {
      identify(route(admit(ex)));
      if (ex.signed === undefined) {
        authorize(ex); // credentials in the headers are judged before the body is read
        if (hasBody(ex)) await body(ex);
      } else {
        if (hasBody(ex)) await body(ex);
        authorize(verify(ex)); // a signature only with the body it covers
      }
      const reply = handle(ex);
      return answer(ex, reply instanceof Promise ? await reply : reply);
    } catch (err) {
      return answer(ex, replyForError(err));
    }
  };
}
