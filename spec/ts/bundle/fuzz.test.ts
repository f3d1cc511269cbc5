// A seeded fuzz run against one real bundle with tokens, webhooks, an allowlist and a stand-in puppet
// (spec/fixtures/fake-puppet). At least 20,000 requests are built from valid ones (the API's paths and
// parameters, form, JSON and random bodies, credentials from wrong secrets or the read-only token) and sent by
// parallel clients: half as they are on keep-alive connections, half mutated byte by byte (flips, inserts,
// deletes, cuts, swapped header names and values) on fresh connections that the client closes after writing.
// Request i depends on the seed and i alone (but for signature timestamps, read from the clock):
// TWITCH_FUZZ_SEED=<seed> repeats a run's requests.
// Every answer must be well-formed HTTP: a plain-text 4xx, a 505 for an HTTP version the service does not speak,
// or a 200 from an open endpoint (or a read with the read-only token); a well-framed request always gets one. No
// run may start, and the service must stay up.
import { strict as assert } from 'node:assert';
import { randomInt } from 'node:crypto';
import * as net from 'node:net';
import { TRIGGER_PARAMS } from '../../../ts/api';
import { INFO } from '../../../ts/version';
import { CHALLENGE, SECRETS, TOKENS, assertNoSecretLeaked, githubSignature, hash, nowSeconds, twitchSignature } from '../support/auth';
import { TEXT_PLAIN, useService } from '../support/harness';
import { HOSTILE_CONFIG, assertLogClean, assertNoRunStarted, assertServing, clientAddress, serviceRssMiB } from '../support/hostile';
import { checkRawAnswer } from '../support/openapi';
import { header, packageVersion, parseResponses, sleep, type RawResponse } from '../support/service';

const REQUESTS = 20_000;
const STOP_AFTER_MS = 55_000;
const CLIENTS = 32;
/** How long a client waits for an answer (keep-alive) or for the service to close (fresh connection): longer is a hang. */
const HANG_MS = 10_000;
const RSS_LIMIT_MIB = 200;

function seedFromEnv(): number {
  const text = process.env.TWITCH_FUZZ_SEED;
  if (text === undefined || text === '') return randomInt(2 ** 32);
  if (!/^\d+$/.test(text) || Number(text) >= 2 ** 32) throw new Error(`TWITCH_FUZZ_SEED must be a whole number below 2^32, got "${text}"`);
  return Number(text);
}
const SEED = seedFromEnv();

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Rng {
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
}

function rngFor(i: number): Rng {
  const next = prng(SEED ^ Math.imul(i + 1, 0x9e3779b1));
  const int = (n: number) => Math.floor(next() * n);
  return { int, chance: (p) => next() < p, pick: (list) => list[int(list.length)] };
}

// ---------------------------------------------------------------------------------------------------------
// Requests: valid ones first, built from the API, then mutated.

const OPEN_BODIES = new Set(['ok', packageVersion, INFO]);
const OPEN_LENGTHS = new Set([...OPEN_BODIES].map((b) => Buffer.byteLength(b)));
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'HEAD', 'CONNECT'];
/** The API's paths with their methods, and paths next to them. */
const ROUTES: Array<[string, string[]]> = [
  ['/puppet/twitch', ['GET', 'POST', 'POST']],
  ['/puppet/runs', ['GET']],
  ['/puppet/runs/20261125T064812345Z-a1b2c3', ['GET']],
  ['/puppet/status', ['GET']],
  ['/healthz', ['GET', 'HEAD']],
  ['/version', ['GET', 'HEAD']],
  ['/info', ['GET', 'HEAD']],
];
const NEAR_PATHS = [
  '/',
  '/puppet',
  '/puppet/runs/',
  '/puppet/twitch/',
  '/puppet/runs/../twitch',
  '/puppet%2ftwitch',
  '/puppet/runs/%00',
  '/puppet/runs/20261125T064812345Z-a1b2c3/x',
];
const PARAM_NAMES = [...TRIGGER_PARAMS, 'limit', 'wait', 'token', 'access_token', 'server', '__proto__', 'noop[]', ''];
const VALUES = [
  '', 'true', 'false', '1', '0', 'yes', 'no', 'TRUE', 'queue', 'reject', 'production', 'web,db', 'web', '5', '600', '99999999',
  '-1', '1e3', '0x10', '--noop', '--server=evil', '--config=/x', '../x', '..%2fx', 'a;rm+-rf+/', '$(id)', '%60id%60', '%00', '%ff%fe',
  '%c0%af', '%zz', '%', 'a%0d%0aX-Injected:%201', 'x'.repeat(300),
];
const CONTENT_TYPES = [
  'application/x-www-form-urlencoded', 'application/json', 'application/json; charset=utf-8', 'text/plain',
  'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded; charset=latin1', 'APPLICATION/JSON', '', ';;;',
];
/** Keys that sign wrong for a webhook type: every other type's secret, a token, and made-up ones. */
const wrongSecret = (r: Rng, type: keyof typeof SECRETS) =>
  r.pick([...Object.values(SECRETS).filter((s) => s !== SECRETS[type]), 'secret', 'a'.repeat(64), TOKENS.reader]);

const randomText = (r: Rng, n: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-_.~') =>
  Array.from({ length: n }, () => alphabet[r.int(alphabet.length)]).join('');
const randomBytes = (r: Rng, n: number) => Array.from({ length: n }, () => String.fromCharCode(r.int(256))).join('');

function query(r: Rng, n: number): string {
  return Array.from({ length: n }, () => {
    const name = r.chance(0.9) ? r.pick(PARAM_NAMES) : randomText(r, 1 + r.int(8));
    return r.chance(0.1) ? name : `${name}=${r.chance(0.9) ? r.pick(VALUES) : encodeURIComponent(randomText(r, r.int(20)))}`;
  }).join('&');
}

function jsonValue(r: Rng, depth: number): unknown {
  switch (r.int(depth > 3 ? 4 : 7)) {
    case 0:
      return r.pick(VALUES);
    case 1:
      return r.int(1000) - 10;
    case 2:
      return r.chance(0.5);
    case 3:
      return null;
    case 4:
      return Array.from({ length: r.int(4) }, () => jsonValue(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: r.int(4) }, () => [r.pick(PARAM_NAMES), jsonValue(r, depth + 1)]));
  }
}

function body(r: Rng): string {
  switch (r.int(8)) {
    case 0:
      return '';
    case 1:
    case 2:
      return query(r, 1 + r.int(4));
    case 3:
    case 4:
      return JSON.stringify(Object.fromEntries(Array.from({ length: r.int(5) }, () => [r.pick(PARAM_NAMES), jsonValue(r, 1)])));
    case 5:
      return JSON.stringify(jsonValue(r, 0)) ?? 'null';
    case 6:
      return randomBytes(r, r.int(200));
    default:
      return 'x'.repeat(r.pick([2049, 4097, 6000]));
  }
}

/** Credentials that cannot be right: random or altered tokens, other schemes, signatures made with wrong secrets. */
function credentials(r: Rng, payload: string): Array<[string, string]> {
  switch (r.int(10)) {
    case 0:
    case 1:
      return [];
    case 2:
      return [['Authorization', `Bearer ${randomText(r, 43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')}`]];
    case 3:
      return [['Authorization', r.pick(['Bearer', 'bearer x', 'Basic eDp5', `Bearer ${hash(TOKENS.reader)}`, `Token ${TOKENS.reader}`, 'Bearer a b', ''])]];
    case 4:
      return [['Authorization', `Bearer ${TOKENS.reader}`]];
    case 5:
      return [
        ['X-GitHub-Event', r.pick(['push', 'ping', ''])],
        ['X-Hub-Signature-256', r.chance(0.8) ? githubSignature(payload, wrongSecret(r, 'github')) : `sha256=${randomText(r, 64, '0123456789abcdef')}`],
      ];
    case 6:
      return [['X-Gitlab-Token', r.pick([SECRETS.github, SECRETS.hmac, randomText(r, 35), ''])]];
    case 7: {
      const t = nowSeconds() + r.pick([0, 0, -301, 301, -100000, 1e9]);
      return [['X-Twitch-Signature', r.chance(0.8) ? twitchSignature(payload, t, wrongSecret(r, 'hmac')) : `t=${t},v1=${randomText(r, 64, '0123456789abcdef')}`]];
    }
    case 8:
      return [['Authorization', `Bearer ${TOKENS.reader}`], ['X-Hub-Signature-256', githubSignature(payload, wrongSecret(r, 'github'))]];
    default:
      return [['Cookie', `token=${randomText(r, 43)}`]];
  }
}

interface Generated {
  bytes: Buffer;
  /** sent as is on a keep-alive connection (an answer is due), or mutated on a fresh one */
  mutated: boolean;
  head: boolean;
  connect: boolean;
}

const MUTATIONS = ['flip', 'insert', 'delete', 'duplicate', 'cut', 'overwrite', 'crlf'] as const;
const INTERESTING = ['\0', '\n', '\r', ' ', ':', '\x7f', '\xff', '\x80', '\t', '%', '?', '/', ',', ';', '"', '0', '9'];

function mutate(r: Rng, text: string): string {
  let s = text;
  for (let n = r.chance(0.5) ? 1 : 2 + r.int(6); n > 0 && s.length > 0; n--) {
    const at = r.int(s.length);
    switch (r.pick(MUTATIONS)) {
      case 'flip':
        s = s.slice(0, at) + String.fromCharCode(s.charCodeAt(at) ^ (1 << r.int(8))) + s.slice(at + 1);
        break;
      case 'insert':
        s = s.slice(0, at) + (r.chance(0.7) ? r.pick(INTERESTING) : randomBytes(r, 1 + r.int(4))) + s.slice(at);
        break;
      case 'delete':
        s = s.slice(0, at) + s.slice(at + 1 + r.int(4));
        break;
      case 'duplicate':
        s = s.slice(0, at) + s.slice(at, at + 1 + r.int(40)) + s.slice(at);
        break;
      case 'cut':
        s = s.slice(0, at);
        break;
      case 'overwrite':
        s = s.slice(0, at) + randomBytes(r, 1 + r.int(8)) + s.slice(at + 9);
        break;
      case 'crlf':
        s = s.slice(0, at) + '\r\n' + s.slice(at);
        break;
    }
  }
  return s;
}

function generate(i: number): Generated {
  const r = rngFor(i);
  const mutated = r.chance(0.5);
  const [route, methods] = r.pick(ROUTES);
  const path = r.chance(0.8) ? route : r.chance(0.8) ? r.pick(NEAR_PATHS) : `/${randomText(r, r.int(30), 'abcdefghijklmnopqrstuvwxyz/%.')}`;
  const chosen = r.chance(0.8) ? r.pick(methods) : r.pick(METHODS);
  // The answers to a mutated request are parsed as they come: not knowing whether it is HEAD's (no body) or not.
  const method = mutated && chosen === 'HEAD' ? 'GET' : chosen;
  const target = r.chance(0.6) ? `${path}?${query(r, 1 + r.int(4))}` : path;
  const payload = method === 'POST' || r.chance(0.05) ? body(r) : '';
  const headers: Array<[string, string]> = [];
  if (r.chance(0.95)) headers.push(['Host', r.chance(0.95) ? 'node01' : r.pick(['', 'node01:2023', '[::1]', 'a b', 'x\xff'])]);
  headers.push(...credentials(r, payload));
  if (payload !== '' || r.chance(0.1)) headers.push(['Content-Type', r.pick(CONTENT_TYPES)]);
  if (r.chance(0.2)) headers.push(['Accept', r.pick(['application/json', '*/*', 'text/plain'])]);
  if (r.chance(0.1)) headers.push(['Connection', r.pick(['close', 'keep-alive', 'upgrade', 'x'])]);
  if (r.chance(0.05)) headers.push(['Expect', '100-continue']);
  if (r.chance(0.1)) headers.push([`X-${randomText(r, 1 + r.int(10))}`, randomText(r, r.int(40))]);
  if (r.chance(0.1) && headers.length > 1) {
    const h = r.int(headers.length);
    headers[h] = r.chance(0.5) ? [headers[h][1], headers[h][0]] : [headers[h][0], headers[r.int(headers.length)][1]];
  }
  if (r.chance(0.05)) headers.push(headers[r.int(headers.length)] ?? ['Host', 'node01']);
  const chunked = payload !== '' && r.chance(0.15);
  const framing = chunked
    ? `Transfer-Encoding: chunked\r\n`
    : payload !== '' || method === 'POST'
      ? `Content-Length: ${Buffer.byteLength(payload, 'latin1')}\r\n`
      : '';
  const content = chunked ? `${payload.length.toString(16)}\r\n${payload}\r\n0\r\n\r\n` : payload;
  const version = r.chance(0.97) ? 'HTTP/1.1' : r.pick(['HTTP/1.0', 'HTTP/1.2', 'HTTP/2.0', 'HTTP/0.9']);
  const head = `${method} ${target} ${version}\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}${framing}\r\n`;
  const text = mutated ? mutate(r, head + content) : head + content;
  return { bytes: Buffer.from(text, 'latin1'), mutated, head: /^(\r\n)*HEAD /.test(text), connect: /^(\r\n)*CONNECT /.test(text) };
}

// ---------------------------------------------------------------------------------------------------------
// Judging answers

/** What is wrong with an answer; undefined when it is one the service may give to any of these requests. */
function judgeAnswer(res: RawResponse, sent: Generated): string | undefined {
  if (res.status >= 400 && res.status <= 499) {
    if (header(res, 'content-type') !== TEXT_PLAIN) return `${res.status} with Content-Type ${header(res, 'content-type')}`;
    if (res.status === 401 && header(res, 'www-authenticate') !== CHALLENGE) return '401 without the Bearer challenge';
    return undefined;
  }
  if (res.status === 505 && (sent.head || /^(Unsupported HTTP version|HTTP\/\S+ .*is not supported): send HTTP\/1\.1/.test(res.text))) return undefined;
  if (res.status === 200) {
    if (OPEN_BODIES.has(res.text)) return undefined;
    if (sent.head && res.body.length === 0 && OPEN_LENGTHS.has(Number(header(res, 'content-length')))) return undefined;
    // The read-only token may read the runs (none) and the status, as JSON.
    if (sent.bytes.includes(TOKENS.reader) && /^application\/json/.test(header(res, 'content-type') ?? '') && isJson(res.text)) return undefined;
  }
  return `answered ${res.status}: ${res.text.slice(0, 200)}`;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Connections

interface Wire {
  socket: net.Socket;
  buf: Buffer;
  closed: boolean;
  wake: (() => void) | undefined;
}

function open(port: number, from: string): Promise<Wire> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress: from });
    const wire: Wire = { socket, buf: Buffer.alloc(0), closed: false, wake: undefined };
    socket.on('data', (chunk: Buffer) => {
      wire.buf = wire.buf.length === 0 ? chunk : Buffer.concat([wire.buf, chunk]);
      wire.wake?.();
    });
    socket.on('close', () => {
      wire.closed = true;
      wire.wake?.();
    });
    socket.on('error', () => undefined); // seen as the close
    socket.once('connect', () => resolve(wire));
    socket.once('error', reject);
  });
}

/** Waits until `ready()` or the connection closed; false when `ms` passed first. */
async function until(wire: Wire, ready: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!ready() && !wire.closed) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, left);
      wire.wake = () => {
        clearTimeout(timer);
        wire.wake = undefined;
        resolve();
      };
    });
  }
  return true;
}

const show = (bytes: Buffer) => JSON.stringify(bytes.toString('latin1').slice(0, 400));

/**
 * Every answer in `buf`, which must hold nothing else. An answer to HEAD has no body, but an error answer that
 * closes the connection may have one: the request was not understood as HEAD.
 */
function parseAll(buf: Buffer, sent: Generated): RawResponse[] {
  let error: Error | undefined;
  for (const head of sent.head ? [false, true] : [false]) {
    try {
      const { responses, rest } = parseResponses(buf, { head, interim: true });
      if (rest.length === 0) return responses;
      error = new Error(`bytes after the last answer: ${show(rest)}`);
    } catch (err) {
      error = err as Error;
    }
  }
  throw error;
}

describe('bundle: seeded fuzz run (stand-in puppet, tokens, webhooks, allowlist)', function () {
  this.timeout(STOP_AFTER_MS + 30_000);
  const ctx = useService({
    shared: true,
    config: HOSTILE_CONFIG,
  });

  it(`answers ${REQUESTS.toLocaleString('en')} generated requests with well-formed 4xx (or open 200s) or a closed connection, and starts no run`, async function () {
    console.log(`      fuzz seed ${SEED} (TWITCH_FUZZ_SEED=${SEED} repeats these requests)`);
    const started = Date.now();
    const stopAt = started + STOP_AFTER_MS;
    let next = 0;
    let connections = 0;
    const failures: string[] = [];
    let failed = 0;
    const statuses = new Map<string, number>();
    const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
    const fail = (i: number, g: Generated, what: string) => {
      if (++failed <= 10) failures.push(`request #${i} (${g.mutated ? 'mutated, fresh connection' : 'keep-alive'}): ${what}\n        sent ${show(g.bytes)}`);
    };
    const judgeAll = (i: number, g: Generated, responses: RawResponse[]) => {
      responses.forEach((res, n) => {
        count(String(res.status));
        const wrong = judgeAnswer(res, g);
        if (wrong !== undefined) fail(i, g, wrong);
        try {
          checkRawAnswer(g.bytes, n, res);
        } catch (err) {
          fail(i, g, (err as Error).message);
        }
      });
    };

    async function fresh(i: number, g: Generated): Promise<void> {
      const wire = await open(ctx.svc.port, clientAddress(2, connections++ % 512));
      wire.socket.end(g.bytes);
      const closed = await until(wire, () => false, HANG_MS);
      wire.socket.destroy();
      if (!closed) return fail(i, g, `neither answered nor closed within ${HANG_MS} ms after the client's end; got ${show(wire.buf)}`);
      try {
        const responses = parseAll(wire.buf, g);
        if (responses.length === 0) count('closed');
        judgeAll(i, g, responses);
      } catch (err) {
        fail(i, g, `a malformed answer: ${(err as Error).message}`);
      }
    }

    /** Sends a well-framed request on a keep-alive connection; returns whether the connection is still usable. */
    async function keepAlive(conn: Wire, i: number, g: Generated): Promise<boolean> {
      conn.socket.write(g.bytes);
      let first: RawResponse | undefined;
      let rest: Buffer = Buffer.alloc(0);
      const settled = await until(
        conn,
        () => {
          try {
            const parsed = parseResponses(conn.buf, { head: g.head, interim: true });
            [first, rest] = [parsed.responses[0], parsed.rest];
          } catch {
            return true; // judged below, on everything received
          }
          return first !== undefined;
        },
        HANG_MS,
      );
      if (!settled) return fail(i, g, `no answer within ${HANG_MS} ms; got ${show(conn.buf)}`), false;
      if (first !== undefined && header(first, 'connection') !== 'close' && !conn.closed) {
        conn.buf = Buffer.alloc(0);
        judgeAll(i, g, [first]);
        if (rest.length > 0) fail(i, g, `bytes after the answer: ${show(rest)}`);
        return rest.length === 0;
      }
      // The service closes the connection (after an answer that says so): judge all it sent.
      if (!(await until(conn, () => false, HANG_MS))) return fail(i, g, 'the connection stayed open after Connection: close'), false;
      try {
        const responses = parseAll(conn.buf, g);
        if (responses.length === 0) {
          count('closed');
          if (!g.connect) fail(i, g, 'the connection closed without an answer to a well-framed request');
        }
        judgeAll(i, g, responses);
        if (responses.length > 1) fail(i, g, `more than one answer to one request: ${show(conn.buf)}`);
      } catch (err) {
        fail(i, g, `a malformed answer: ${(err as Error).message}`);
      }
      return false;
    }

    async function client(): Promise<void> {
      let wire: Wire | undefined;
      for (;;) {
        if (next >= REQUESTS || Date.now() >= stopAt) break;
        const i = next++;
        const g = generate(i);
        if (g.mutated) {
          await fresh(i, g);
          continue;
        }
        wire ??= await open(ctx.svc.port, clientAddress(3, connections++ % 64));
        if (!(await keepAlive(wire, i, g))) {
          wire.socket.destroy();
          wire = undefined;
        }
      }
      wire?.socket.destroy();
    }

    await Promise.all(Array.from({ length: CLIENTS }, client));
    const seconds = (Date.now() - started) / 1000;
    const summary = [...statuses].sort().map(([k, v]) => `${k}: ${v}`).join(', ');
    console.log(`      ${next.toLocaleString('en')} requests in ${seconds.toFixed(1)} s (${Math.round(next / seconds)}/s), ${CLIENTS} clients, ${connections} connections; ${summary}`);
    assert.deepEqual(failures, [], `${failed} wrong answers (the first 10 above); seed ${SEED}`);
    assert.ok(next >= REQUESTS, `only ${next} requests were sent in ${STOP_AFTER_MS / 1000} s`);
    await assertServing(ctx, 'after the fuzz run');
    await sleep(200); // a stand-in run starts within milliseconds of a trigger
    assertNoRunStarted(ctx);
  });

  it('logs no secret and no error, and keeps a sane resident memory', function () {
    assertNoSecretLeaked(ctx);
    assertLogClean(ctx);
    const rss = serviceRssMiB(ctx);
    console.log(`      service RSS after the fuzz run: ${rss.toFixed(1)} MiB`);
    assert.ok(rss < RSS_LIMIT_MIB, `RSS ${rss.toFixed(1)} MiB`);
  });
});
