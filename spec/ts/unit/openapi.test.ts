import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEBHOOK_HEADERS } from '../../../ts/auth/webhooks';
import { ERROR_STATUS } from '../../../ts/errors';
import { DISABLE_PARAMS, JSON_TYPE, PATHS, RUN_PARAMS, RUNS_PARAMS, TRIGGER_PARAMS } from '../../../ts/api';
import { ROUTE_SCOPES } from '../../../ts/http/scopes';
import type { RequestContext } from '../../../ts/http/context';
import { buildOpenApi, openApiJson, templated } from '../../../ts/http/openapi';
import { routes, type RouteDeps } from '../../../ts/http/routes';
import { parseSummary } from '../../../ts/puppet/summary';
import { newRecord, type RecordStore, type RunRecord } from '../../../ts/core/records';
import type { Runner } from '../../../ts/core/runner';
import { statusDocument } from '../../../ts/core/status';
import { checkAnswer, checkUnframedAnswer, openApiDocument, sentRequests } from '../support/openapi';
import { repoRoot } from '../support/service';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const doc = buildOpenApi() as Json;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const operations = (item: Json) => Object.keys(item).filter((m) => METHODS.includes(m));
const statuses = (op: Json) => Object.keys(op.responses).map(Number);

async function validate(value: unknown): Promise<{ valid: boolean; errors?: unknown }> {
  const { Validator } = await import('@seriousme/openapi-schema-validator');
  return new Validator().validate(value as Record<string, unknown>);
}

const SUMMARY = `---
version:
  config: "1732518000"
  puppet: 8.10.0
resources:
  changed: 1
  failed: 0
  total: 12
time:
  total: 3.2
  last_run: 1732518003
changes:
  total: 1
events:
  failure: 0
  success: 1
  total: 1
application:
  converged_environment: production
`;

function records(): { queued: RunRecord; finished: RunRecord } {
  const queued = newRecord({ source: 'http', client: '127.0.0.1', identity: 'token:ci', options: { noop: true, tags: ['ntp'] } }, new Date('2026-11-25T06:48:12.345Z'));
  const finished: RunRecord = {
    ...newRecord({ source: 'schedule', client: null, identity: null, options: { splay: 30 } as RunRecord['options'] }),
    state: 'finished',
    started_at: '2026-11-25T06:48:13.000Z',
    finished_at: '2026-11-25T06:48:16.200Z',
    pid: 4242,
    exit_code: 2,
    outcome: 'changes',
    summary: parseSummary(SUMMARY) ?? null,
    output_tail: ['Notice: Applied catalog in 3.20 seconds'],
  };
  assert.notEqual(finished.summary, null);
  return { queued, finished };
}

/** An answer of the route table to a request with no credentials and no body. */
async function answer(path: string, method: string, deps: Partial<RouteDeps> = {}) {
  const table = routes({ config: {}, ...deps } as RouteDeps);
  const handler = table[path][method]!;
  const ctx = { method, path, query: new URLSearchParams(), headers: {}, peer: null, body: '', contentType: '', params: {}, identity: null, clientCert: null };
  return handler(ctx as RequestContext);
}

describe('openapi: the API document', () => {
  it('is a valid OpenAPI 3.1 document, and the validator refuses a broken one', async function () {
    this.timeout(10_000);
    assert.equal(doc.openapi, '3.1.0');
    const verdict = await validate(doc);
    assert.ok(verdict.valid, JSON.stringify(verdict.errors, null, 1));
    const broken = JSON.parse(JSON.stringify(doc)) as Json;
    delete broken.paths['/healthz'].get.responses['200'].description;
    broken.paths['/version'].get.responses['200'].content = 'text/plain';
    assert.equal((await validate(broken)).valid, false);
  });

  it('describes every path of PATHS and every method of the route table, and no other path or method', () => {
    // with metrics enabled: the table then serves every path
    const table = routes({ metrics: {}, config: {}, control: {} } as unknown as RouteDeps);
    for (const path of Object.values(PATHS)) assert.ok(doc.paths[templated(path)], `${path} is not described`);
    for (const [path, methods] of Object.entries(table)) {
      assert.deepEqual(operations(doc.paths[templated(path)]).sort(), Object.keys(methods).map((m) => m.toLowerCase()).sort(), path);
    }
    // and nothing else
    assert.deepEqual(Object.keys(doc.paths).sort(), Object.keys(table).map(templated).sort());
  });

  it('names every parameter the server accepts', () => {
    const names = (path: string, method = 'get') => (doc.paths[templated(path)][method].parameters as Json[]).filter((p) => p.in === 'query').map((p) => p.name);
    for (const method of ['get', 'post']) for (const p of TRIGGER_PARAMS) assert.ok(names(PATHS.trigger, method).includes(p), p);
    assert.ok(names(PATHS.trigger).includes('stream'));
    assert.deepEqual(names(PATHS.runs), [...RUNS_PARAMS]);
    assert.deepEqual(names(PATHS.run), [...RUN_PARAMS]);
    assert.deepEqual(names(PATHS.disable, 'post'), [...DISABLE_PARAMS]);
    for (const type of Object.keys(doc.paths[PATHS.trigger].post.requestBody.content)) {
      assert.deepEqual(Object.keys(doc.paths[PATHS.trigger].post.requestBody.content[type].schema.properties), names(PATHS.trigger), type);
    }
  });

  it('protects exactly the routes that need a scope, with bearer tokens, client certificates and (to trigger) webhook signatures', () => {
    const schemes = doc.components.securitySchemes as Json;
    assert.deepEqual(schemes.bearerAuth, { ...schemes.bearerAuth, type: 'http', scheme: 'bearer' });
    assert.equal(schemes.mutualTLS.type, 'mutualTLS');
    const webhookHeaders = Object.values(schemes).filter((s: Json) => s.type === 'apiKey').map((s: Json) => s.name as string);
    assert.deepEqual(webhookHeaders, ['X-Hub-Signature-256', 'X-Gitlab-Token', 'X-Twitch-Signature']);
    assert.deepEqual(webhookHeaders.map((h) => h.toLowerCase()), Object.values(WEBHOOK_HEADERS));
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      for (const method of operations(item)) {
        const op = item[method];
        const needs = ROUTE_SCOPES[path.replace(/\{(\w+)\}/g, ':$1')];
        const names = (op.security as Json[]).flatMap((s) => Object.keys(s));
        if (needs === undefined) assert.deepEqual(op.security, [], `${method} ${path}`);
        else {
          assert.ok(names.includes('bearerAuth') && names.includes('mutualTLS'), `${method} ${path}`);
          assert.equal(names.includes('githubSignature'), path === PATHS.trigger, `${method} ${path}`);
          for (const code of [401, 403, 429]) assert.ok(statuses(op).includes(code), `${method} ${path} ${code}`);
          assert.ok(op.responses['401'].$ref, `${method} ${path}`);
        }
      }
    }
  });

  it('lists every HTTP status of ERROR_STATUS, and the generic answers on every operation', () => {
    const all = new Set(Object.values(doc.paths as Json).flatMap((item: Json) => operations(item).flatMap((m) => statuses(item[m]))));
    for (const status of Object.keys(doc['x-any-request'])) all.add(Number(status));
    for (const [code, status] of Object.entries(ERROR_STATUS)) if (status >= 400) assert.ok(all.has(status), `${code} ${status}`);
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      for (const m of operations(item)) for (const s of [400, 403, 408, 413, 414, 415, 417, 421, 431, 500, 505]) assert.ok(statuses(item[m]).includes(s), `${m} ${path} ${s}`);
    }
    assert.deepEqual(Object.keys(doc['x-any-request']).map(Number), [400, 403, 404, 405, 408, 414, 417, 421, 431, 505]);
    const headers = (ref: string) => Object.keys(doc.components.responses[ref.split('/').pop()!].headers ?? {});
    assert.deepEqual(headers(doc['x-any-request']['405'].$ref), ['Allow']);
    const trigger = doc.paths[PATHS.trigger].post.responses;
    assert.deepEqual(Object.keys(trigger['202'].headers), ['Location']);
    assert.equal(doc.components.headers.Location.required, true);
    assert.deepEqual(Object.keys(trigger['409'].headers), ['Retry-After', 'Location']);
    assert.deepEqual(Object.keys(trigger['429'].headers), ['Retry-After']);
  });

  it('has a run record schema with exactly the fields of a record, which a queued and a finished record match', () => {
    const { queued, finished } = records();
    const schema = doc.components.schemas.RunRecord;
    // kind and control are a disable's or enable's only: a run's record has neither (README, "Disabling the agent")
    assert.deepEqual(Object.keys(schema.properties), [...Object.keys(queued), 'kind', 'control']);
    assert.deepEqual(schema.required, Object.keys(queued));
    const disable: RunRecord = {
      ...finished,
      kind: 'disable',
      options: {},
      control: { message: 'kernel update', ttl: 600, until: '2026-11-25T06:58:16.200Z', result: 'done' },
    };
    for (const record of [queued, finished, disable]) {
      const json = JSON.parse(JSON.stringify(record)) as RunRecord;
      checkAnswer({ method: 'GET', target: `/puppet/runs/${record.id}`, status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(json) });
    }
    checkAnswer({ method: 'GET', target: '/puppet/runs?limit=2', status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify([finished, queued]) });
    assert.deepEqual(doc.components.schemas.Summary.required, Object.keys(finished.summary!));
  });

  it('has a status schema with exactly the fields of the status document, which one matches', async () => {
    const { finished } = records();
    const store = { find: (match: (r: RunRecord) => boolean) => [finished].find(match), health: () => ({ writable: false, lastError: { time: '2026-11-26T03:17:00.000Z', message: 'ENOSPC: no space left on device' } }) } as unknown as RecordStore;
    const runner = { state: () => 'idle', current: () => undefined, queued: () => undefined } as unknown as Runner;
    const puppet = async () => ({
      applying: false,
      pid: null,
      enabled: false,
      disabled_message: 'maintenance',
      disabled_since: 1764000000,
      server: 'puppet.example.com',
      summary: finished.summary,
    });
    const schedule = { expression: '17 3 * * *', nextRun: () => new Date('2026-11-26T03:17:00Z') };
    const status = await statusDocument(puppet, runner, store, { puppet: { mode: 'agent' } } as never, schedule, Date.now() - 5000);
    assert.deepEqual(Object.keys(doc.components.schemas.Status.properties), Object.keys(status));
    checkAnswer({ method: 'GET', target: '/puppet/status', status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(status) });
  });

  it('is what GET /openapi.json answers, built once', async () => {
    const reply = await answer(PATHS.openapi, 'GET');
    assert.equal(reply.headers?.['Content-Type'], JSON_TYPE);
    assert.deepEqual(JSON.parse(reply.body), doc);
    assert.equal(openApiJson(), openApiJson());
    checkAnswer({ method: 'GET', target: PATHS.openapi, status: 200, headers: { 'content-type': JSON_TYPE }, body: reply.body });
  });

  it("agrees with docs/api.md's endpoint table: paths, methods and statuses, both ways", () => {
    const api = readFileSync(join(repoRoot, 'docs', 'api.md'), 'utf8');
    const heading = '\n## Endpoints\n';
    assert.ok(api.includes(heading), 'docs/api.md has a section "## Endpoints"');
    const section = api.slice(api.indexOf(heading), api.indexOf('\n## ', api.indexOf(heading) + 1));
    const codes = (text: string) => new Set([...text.matchAll(/`([1-5]\d\d)`/g)].map((m) => Number(m[1])));
    const rows = section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => {
        const [methods, path, answers] = line.slice(2, -2).split(' | ');
        return { methods: [...methods.matchAll(/`([A-Z]+)`/g)].map((m) => m[1].toLowerCase()), path: path.replace(/`/g, '').replace(/<(\w+)>/g, '{$1}'), codes: codes(answers) };
      });
    assert.ok(section.includes('| method | path | answers |'), 'the table has the columns method, path, answers');
    const every = codes(/Every route can also answer([^;]*);/.exec(section)?.[1] ?? '');
    const scoped = codes(/the routes that need a scope[^;.]*?also([^.]*)\./s.exec(section)?.[1] ?? '');
    const ops = Object.entries(doc.paths as Json).flatMap(([path, item]) => operations(item).map((m) => ({ path, method: m, op: item[m] })));
    const intersection = ops.map(({ op }) => new Set(statuses(op).filter((s) => s >= 400))).reduce((a, b) => new Set([...a].filter((s) => b.has(s))));
    assert.deepEqual([...every].sort(), [...intersection].sort(), 'the answers of every route');
    const sorted = (s: Iterable<number>) => [...s].sort((a, b) => a - b);
    for (const { path, method, op } of ops) {
      const row = rows.find((r) => r.path === path && r.methods.includes(method));
      assert.ok(row, `docs/api.md's endpoint table has no row for ${method.toUpperCase()} ${path}`);
      const expected = new Set([...row.codes, ...every, ...((op.security as Json[]).length > 0 ? scoped : [])]);
      assert.deepEqual(sorted(expected), sorted(statuses(op)), `${method.toUpperCase()} ${path}: docs/api.md's statuses (with the generic ones) and the document's`);
    }
    for (const row of rows) for (const m of row.methods) assert.ok(doc.paths[row.path]?.[m], `docs/api.md lists ${m.toUpperCase()} ${row.path}, which the document does not describe`);
    assert.ok(/unknown path is a `404`, a method a path does not take a `405` with `Allow`/.test(section));
  });
});

describe('openapi: checking answers against the document', () => {
  const text = { 'content-type': 'text/plain; charset=utf-8' };
  it('accepts described answers, also generic ones to unknown paths and methods', () => {
    checkAnswer({ method: 'POST', target: '/puppet/twitch?noop=true', status: 202, headers: { ...text, location: '/puppet/runs/20261125T064812345Z-a1b2c3' }, body: 'Triggered puppet run' });
    checkAnswer({ method: 'GET', target: '/puppet/twitch', status: 409, headers: { ...text, 'retry-after': '30' }, body: 'Puppet already running' });
    checkAnswer({ method: 'HEAD', target: '/version', status: 200, headers: text });
    checkAnswer({ method: 'GET', target: '/nope', status: 404, headers: text, body: 'Not found' });
    checkAnswer({ method: 'DELETE', target: '/puppet/twitch', status: 405, headers: { ...text, allow: 'GET, POST' }, body: '' });
    checkAnswer({ method: 'GET', target: '/metrics', status: 200, headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' } });
    checkAnswer({ method: 'GET', target: '/puppet/runs/x/output', status: 200, headers: { 'content-type': 'text/event-stream' } });
    checkUnframedAnswer(505, text);
  });
  it('refuses an undescribed status, a missing required header, an undescribed media type and a body that does not match', () => {
    const id = '20261125T064812345Z-a1b2c3';
    assert.throws(() => checkAnswer({ method: 'GET', target: '/healthz', status: 202, headers: text, body: 'ok' }), /GET \/healthz answered 202, which the document does not list/);
    assert.throws(() => checkAnswer({ method: 'POST', target: '/puppet/twitch', status: 202, headers: text, body: 'x' }), /header Location is missing/);
    assert.throws(() => checkAnswer({ method: 'GET', target: '/puppet/twitch', status: 429, headers: text, body: 'x' }), /header Retry-After is missing/);
    assert.throws(() => checkAnswer({ method: 'GET', target: '/puppet/runs', status: 401, headers: text, body: 'x' }), /header WWW-Authenticate is missing/);
    assert.throws(() => checkAnswer({ method: 'PUT', target: '/version', status: 405, headers: { ...text, allow: 'GET' }, body: '' }), /describes GET, HEAD/);
    assert.throws(() => checkAnswer({ method: 'GET', target: '/healthz', status: 200, headers: { 'content-type': 'text/html' }, body: 'ok' }), /Content-Type "text\/html" is not one described/);
    assert.throws(() => checkAnswer({ method: 'GET', target: `/puppet/runs/${id}`, status: 200, headers: { 'content-type': JSON_TYPE }, body: '{"id":"x"}' }), /does not match its schema/);
    assert.throws(() => checkAnswer({ method: 'GET', target: '/nope', status: 200, headers: text, body: '' }), /the path is not described/);
    assert.throws(() => checkUnframedAnswer(200), /not among the answers to any request/);
  });
  it('reads the requests a client wrote on a raw connection, as far as they frame', () => {
    const bytes = (s: string) => Buffer.from(s, 'latin1');
    assert.deepEqual(sentRequests(bytes('GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b?c=1 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcHEAD /d HTTP/1.0\r\n\r\n')), [
      { method: 'GET', target: '/a' },
      { method: 'POST', target: '/b?c=1' },
      { method: 'HEAD', target: '/d' },
    ]);
    assert.deepEqual(sentRequests(bytes('GET /a HTTP/1.1\r\n\r\nGET /b HTTP/2.0\r\n\r\nGET /c HTTP/1.1\r\n\r\n')), [{ method: 'GET', target: '/a' }, undefined]);
    assert.deepEqual(sentRequests(bytes('GET /a HTTP/1.1\r\nHost: x')), [undefined]);
    const chunked = 'POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nX-T: 1\r\n\r\nGET  /b  HTTP/1.1\r\n\r\n';
    assert.deepEqual(sentRequests(bytes(chunked)), [{ method: 'POST', target: '/a' }, { method: 'GET', target: '/b' }]);
    assert.deepEqual(sentRequests(bytes('POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nab')), [{ method: 'POST', target: '/a' }]);
    assert.equal(openApiDocument().openapi, '3.1.0');
  });
});
