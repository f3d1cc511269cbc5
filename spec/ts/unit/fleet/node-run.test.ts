import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type Answer, type Ask } from '../../../../ts/client/http';
import { serviceUrl } from '../../../../ts/api';
import { attemptNode, fromRecord, outcomeOfStatus, recordView, retryAfter, triggerQuery, type NodeContext } from '../../../../ts/fleet/node-run';
import { parseNodesFile } from '../../../../ts/fleet/targets';
import { certnamesOf, factLookupQuery } from '../../../../ts/fleet/puppetdb';

const record = (fields: Record<string, unknown>): Parameters<typeof fromRecord>[0] => ({
  id: 'r1', state: 'finished', outcome: 'changes', exit_code: 2, signal: null, started_at: '2026-12-03T10:00:00.000Z',
  finished_at: '2026-12-03T10:00:02.500Z', summary: { resources: { changed: 2, failed: 0, total: 10 } }, error: null, ...fields,
}) as Parameters<typeof fromRecord>[0];

/** A node answering from a script of [method path, status, headers, body]; records what it was asked. */
function scripted(answers: Array<[string, number, Record<string, string>, string]>) {
  const asked: Array<{ url: string; ask: Ask }> = [];
  const request = async (url: string, ask: Ask): Promise<Answer> => {
    asked.push({ url, ask });
    const next = answers.shift();
    if (next === undefined) throw new Error(`unexpected request ${url}`);
    const [what, status, headers, body] = next;
    assert.equal(`${ask.method ?? 'GET'} ${new URL(url).pathname}`, what);
    return { status, headers, body };
  };
  return { request, asked };
}

const ctx = (request: NodeContext['request']): NodeContext => ({
  request, scheme: 'http', port: 2023, authorization: 'Bearer s3cret', connectMs: 1000, timeoutMs: 5000, waitSeconds: 60, run: { noop: true },
});

describe('fleet/node-run', () => {
  it('builds the trigger query from the run options', () => {
    assert.equal(triggerQuery({}, false), '');
    assert.equal(triggerQuery({ noop: true, tags: ['a', 'b'], skip_tags: ['c'], environment: 'prod' }, true), '?async=false&noop=true&tags=a,b&skip_tags=c&environment=prod');
    assert.equal(serviceUrl('fe80::1', 2023, true), 'https://[fe80::1]:2023');
  });
  it('reads Retry-After as seconds or a date, else the service default', () => {
    assert.equal(retryAfter('12', 0), 12);
    assert.equal(retryAfter(new Date(20_000).toUTCString(), 10_000), 10);
    assert.equal(retryAfter(undefined, 0), 30);
  });
  it('maps answers and records to outcomes', () => {
    assert.deepEqual([409, 429, 423, 401, 403, 500, 400].map(outcomeOfStatus), ['busy', 'busy', 'disabled', 'refused', 'refused', 'failed', 'failed']);
    const r = fromRecord(record({}));
    assert.deepEqual([r.outcome, r.exit_code, r.duration_seconds, r.resources?.changed, r.error], ['changes', 2, 2.5, 2, null]);
    assert.match(String(fromRecord(record({ outcome: 'failures', exit_code: 4 })).error), /exit code 4/);
  });
  it('reads of a record only the fields of their types: a node cannot put a number where text goes, or the reverse', () => {
    const view = recordView({
      id: 7, state: 'finished', outcome: 'changes', exit_code: '2\x1b[2J', signal: ['x'], started_at: {}, finished_at: 5, error: { text: 'x' },
      summary: { resources: { changed: '1\r', failed: 0, total: null } },
    });
    assert.deepEqual(view, {
      id: undefined, state: 'finished', outcome: 'changes', exit_code: undefined, signal: undefined, started_at: undefined, finished_at: undefined,
      summary: { resources: { failed: 0 } }, error: undefined,
    });
    assert.deepEqual(recordView({ summary: { resources: [1] } }).summary, undefined);
    const real = record({});
    assert.deepEqual(recordView(real as Record<string, unknown>), { ...real, signal: undefined, error: undefined }, 'a record of the service is read whole');
  });
  it('probes, triggers with the token and the options, and waits on the record until it is finished', async () => {
    const node = scripted([
      ['GET /puppet/runs', 200, {}, '[]'],
      ['POST /puppet/twitch', 202, { location: '/puppet/runs/r1' }, JSON.stringify(record({ state: 'running' }))],
      ['GET /puppet/runs/r1', 200, {}, JSON.stringify(record({ state: 'running' }))],
      ['GET /puppet/runs/r1', 200, {}, JSON.stringify(record({}))],
    ]);
    const state = { attempts: 0 };
    const a = await attemptNode({ node: 'web1', address: '10.0.0.1' }, ctx(node.request), state);
    assert.equal(a.kind, 'done');
    assert.equal(a.result.outcome, 'changes');
    assert.equal(a.result.run_id, 'r1');
    assert.equal(a.result.attempts, 1);
    assert.equal(node.asked[1].url, 'http://10.0.0.1:2023/puppet/twitch?noop=true');
    assert.equal(node.asked[1].ask.headers?.Authorization, 'Bearer s3cret');
    assert.match(node.asked[2].url, /\/puppet\/runs\/r1\?wait=(59|60)$/);
    assert.ok(node.asked[2].ask.timeoutMs >= 5000 + 59_000, 'a wait adds its own time to --timeout');
  });
  it('triggers with async=false where the service keeps no run records, and reports busy with Retry-After', async () => {
    const node = scripted([
      ['GET /puppet/runs', 404, {}, 'Not found'],
      ['POST /puppet/twitch', 409, { 'retry-after': '7' }, 'Puppet already running'],
      ['POST /puppet/twitch', 200, {}, 'Puppet run complete'],
    ]);
    const state = { attempts: 0 };
    const busy = await attemptNode({ node: 'old1', address: 'old1' }, ctx(node.request), state);
    assert.deepEqual([busy.kind, busy.kind === 'busy' && busy.retryAfterSeconds, busy.result.error], ['busy', 7, 'Puppet already running']);
    const done = await attemptNode({ node: 'old1', address: 'old1' }, ctx(node.request), state);
    assert.deepEqual([done.result.outcome, done.result.attempts], ['ok', 2]);
    assert.equal(node.asked[1].url, 'http://old1:2023/puppet/twitch?async=false&noop=true');
  });
  it('reports a node without an address as unreachable without asking it', async () => {
    const a = await attemptNode({ node: 'x', address: null }, ctx(async () => assert.fail('asked')), { attempts: 0 });
    assert.equal(a.result.outcome, 'unreachable');
    assert.match(String(a.result.error), /--address-fact/);
  });
});

/** A node's service on loopback: run records, a trigger whose run has finished in drift, and `report` for its report. */
function driftNode(report: (res: ServerResponse) => void) {
  const asked: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    asked.push(`${req.method} ${req.url}`);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/puppet/runs?limit=1') return json(200, []);
    if (req.method === 'POST') return json(202, record({ id: 'r 1', state: 'running' }), { Location: '/puppet/runs/r%201' });
    if (req.url?.startsWith('/puppet/runs/r%201?wait=')) return json(200, record({ id: 'r 1', outcome: 'noop_changes', exit_code: 0 }));
    if (req.url === '/puppet/runs/r%201/report') return report(res);
    json(404, { error: 'no such thing' });
  });
  return {
    asked,
    start: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))),
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const noopReport = {
  time: '2026-12-06T19:36:44Z', status: 'unchanged', noop: true, resources_left_out: 0, error: null,
  resources: [
    { type: 'File', title: '/etc/ntp.conf', file: '/site.pp', line: 3, state: 'noop', events: [{ property: 'content', previous_value: '{md5}a', desired_value: '{md5}b', status: 'noop', message: 'would change' }] },
    { type: 'Service', title: 'ntp', file: null, line: null, state: 'noop', events: [{ property: 'ensure', previous_value: 'stopped', desired_value: 'running', status: 'noop', message: null }] },
  ],
};

describe('fleet/node-run: the report of a drift node with --noop', function () {
  this.timeout(20_000);
  const client = createClient({});
  after(() => client.close());

  async function attempt(report: (res: ServerResponse) => void, run: NodeContext['run'] = { noop: true }, timeoutMs = 5000) {
    const node = driftNode(report);
    const port = await node.start();
    try {
      const a = await attemptNode({ node: 'web1', address: '127.0.0.1' }, { ...ctx(client.request), port, timeoutMs, run, authorization: null }, { attempts: 0 });
      return { result: a.result, asked: node.asked };
    } finally {
      await node.stop();
    }
  }
  const reportAsks = (asked: string[]) => asked.filter((a) => a.endsWith('/report'));

  it('200: the node is drift with what its report says would change, asked once', async () => {
    const { result, asked } = await attempt((res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(noopReport)));
    assert.deepEqual([result.outcome, result.run_id, result.report_error], ['drift', 'r 1', null]);
    assert.deepEqual(result.drift, [{ resource: 'File[/etc/ntp.conf]', property: 'content' }, { resource: 'Service[ntp]', property: 'ensure' }]);
    assert.deepEqual(reportAsks(asked), ['GET /puppet/runs/r%201/report']);
  });

  it('a report that left resources out (past the service\'s bound): the node\'s drift is marked partial with their count', async () => {
    const partial = { ...noopReport, resources_left_out: 712 };
    const { result } = await attempt((res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(partial)));
    assert.deepEqual([result.outcome, result.drift_partial, result.report_error], ['drift', 712, null]);
    assert.equal(result.drift?.length, 2);
    const whole = await attempt((res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(noopReport)));
    assert.equal(whole.result.drift_partial, null, 'a whole report is not partial');
    const none = await attempt((res) => res.writeHead(404).end('no report'));
    assert.equal(none.result.drift_partial, null);
  });

  it('404: drift stays, drift is null and report_error quotes the answer', async () => {
    const { result, asked } = await attempt((res) => res.writeHead(404, { 'Content-Type': 'text/plain' }).end('No report of run r 1\x1b[2J\nsecond line'));
    assert.deepEqual([result.outcome, result.drift], ['drift', null]);
    assert.equal(result.report_error, 'GET /puppet/runs/r%201/report answered 404: No report of run r 1\\x1b[2J');
    assert.equal(reportAsks(asked).length, 1);
  });

  it('garbage, or the node\'s own error reading the report: drift stays, report_error says why', async () => {
    const garbage = await attempt((res) => res.writeHead(200).end('<html>not json'));
    assert.deepEqual([garbage.result.outcome, garbage.result.drift, garbage.result.report_error], ['drift', null, 'the report is not JSON']);
    const shape = await attempt((res) => res.writeHead(200).end('{"resources":"many"}'));
    assert.deepEqual([shape.result.drift, shape.result.report_error], [null, 'the answer is not a run report (no resources list)']);
    const failed = await attempt((res) => res.writeHead(200).end(JSON.stringify({ ...noopReport, resources: [], error: 'the report is over 64 MiB' })));
    assert.deepEqual([failed.result.outcome, failed.result.drift, failed.result.report_error], ['drift', null, "the node could not read Puppet's report: the report is over 64 MiB"]);
    const odd = await attempt((res) => res.writeHead(200).end(JSON.stringify({ ...noopReport, resources: [null, 7, { type: 'File' }, ...noopReport.resources.slice(1), { type: 'X', title: 'y', state: 'noop', events: 'no' }] })));
    assert.deepEqual(odd.result.drift, [{ resource: 'Service[ntp]', property: 'ensure' }, { resource: 'X[y]', property: null }], 'what is not of its type is left out');
  });

  it('a hang: no answer within --timeout is said in report_error, and the node is still drift', async () => {
    const started = Date.now();
    const { result, asked } = await attempt(() => undefined, { noop: true }, 400);
    assert.deepEqual([result.outcome, result.drift], ['drift', null]);
    assert.match(String(result.report_error), /^GET \/puppet\/runs\/r%201\/report: .*(timeout|within|answer)/i);
    assert.ok(Date.now() - started < 5000, 'within --timeout');
    assert.equal(reportAsks(asked).length, 1, 'asked once, not retried');
  });

  it('without --noop (or with noop false), no report is asked', async () => {
    const plain = await attempt(() => assert.fail('asked'), {});
    assert.deepEqual([plain.result.outcome, plain.result.drift, plain.result.report_error, reportAsks(plain.asked)], ['drift', null, null, []]);
    const off = await attempt(() => assert.fail('asked'), { noop: false });
    assert.deepEqual(reportAsks(off.asked), []);
  });
});

describe('fleet/targets and fleet/puppetdb', () => {
  it('reads a nodes file', () => assert.deepEqual(parseNodesFile('# all\nweb1\n\n web2 # second\nweb1\n'), ['web1', 'web2']));
  it('takes certnames from query rows, each once, and names a row without one', () => {
    assert.deepEqual(certnamesOf([{ certname: 'b' }, { certname: 'a' }, { certname: 'b' }]), ['a', 'b']);
    assert.throws(() => certnamesOf([{ value: 1 }]), /must have a certname/);
  });
  it('looks facts up with an inventory AST', () => {
    assert.deepEqual(JSON.parse(factLookupQuery('networking.ip', ['a', 'b'])), ['from', 'inventory', ['extract', ['certname', 'facts.networking.ip'], ['in', 'certname', ['array', ['a', 'b']]]]]);
  });
});
