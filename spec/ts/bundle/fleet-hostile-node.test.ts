// `puppet-twitch fleet` (the bundle) against hostile nodes and a hostile PuppetDB: raw HTTP servers on loopback
// addresses of their own that put ESC sequences, CR, BS, NUL, DEL, C1 controls, line separators and
// bidirectional overrides into every field they can (certnames, addresses, status texts, run ids, exit codes,
// resource counts, errors, Location). What the client prints for the operator's terminal, the table on stdout
// and its errors on stderr, must hold none of them raw: only escaped. And a token is not sent over plain http to
// a node that is not a loopback address.
import { strict as assert } from 'node:assert';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/service';

/** Everything a terminal acts on, in one string. */
const HOSTILE = '\x1b[2J\x1b[H\x1b]0;pwned\x07\r\b\0\x7f\x85\x9b31m\u2028\u202e\x0b\x0c\x1b[1A';
/** What must not be in the output: every control character but the newline that ends a line. */
const RAW_CONTROL = /[\0-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const PUPPETDB = '127.79.0.100';
/** Each hostile node's address, and how it answers. */
const NODES = {
  record: '127.79.0.1', // a finished run record with hostile text in every field, and strings for numbers
  pollError: '127.79.0.2', // a Location with C1 bytes, then a 500 with a hostile body
  refuse: '127.79.0.3', // 401 with a hostile body
  busy: '127.79.0.4', // 409 with a hostile body
  changes: '127.79.0.5', // a finished record of changes with a hostile run id
  garbage: '127.79.0.6', // an answer the HTTP parser refuses (an ESC in a header name)
} as const;
const GHOST = `ghost${HOSTILE}`; // its address fact is hostile too

interface Head {
  method: string;
  path: string;
}

function respond(socket: Socket, status: string, headers: Record<string, string>, body: string): void {
  const bytes = Buffer.from(body, 'utf8');
  const head = [`HTTP/1.1 ${status}`, ...Object.entries({ ...headers, 'Content-Length': String(bytes.length), Connection: 'close' }).map(([k, v]) => `${k}: ${v}`)];
  // latin1: a header's C1 characters go out as single bytes (obs-text), which the client's parser admits
  socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), bytes]));
}

const finished = (fields: Record<string, unknown>) =>
  JSON.stringify({ id: HOSTILE, state: 'finished', started_at: HOSTILE, finished_at: HOSTILE, signal: HOSTILE, error: HOSTILE, ...fields });

function answerPuppetDb(socket: Socket, head: Head): void {
  const query = new URL(head.path, 'http://x').searchParams.get('query') ?? '';
  if (query === 'broken') return respond(socket, '500 Internal Server Error', {}, `${HOSTILE}\nline two${HOSTILE}`);
  if (query === 'not json') return respond(socket, '200 OK', {}, `<html>${HOSTILE}`);
  const certnames = [...Object.keys(NODES).map((name) => `${name}${HOSTILE}`), GHOST];
  if (!query.startsWith('["from","inventory"')) return respond(socket, '200 OK', {}, JSON.stringify(certnames.map((certname) => ({ certname }))));
  const address = (certname: string) => (certname === GHOST ? `127.79.0.7${HOSTILE}` : NODES[certname.slice(0, -HOSTILE.length) as keyof typeof NODES]);
  respond(socket, '200 OK', {}, JSON.stringify(certnames.map((certname) => ({ certname, 'facts.networking.ip': address(certname) }))));
}

function answerNode(socket: Socket, head: Head, address: string): void {
  const probe = head.method === 'GET' && head.path.startsWith('/puppet/runs?');
  const trigger = head.method === 'POST' && head.path.startsWith('/puppet/twitch');
  if (address === NODES.garbage) return void socket.end(`HTTP/1.1 200 OK\r\nX-${HOSTILE}: ${HOSTILE}\r\nContent-Length: 0\r\n\r\n`);
  if (address === NODES.refuse) return respond(socket, '401 Unauthorized', { 'WWW-Authenticate': 'Bearer' }, `${HOSTILE} no`);
  if (probe) return respond(socket, '200 OK', { 'Content-Type': 'application/json' }, '[]');
  if (address === NODES.busy && trigger) return respond(socket, '409 Conflict', { 'Retry-After': '30' }, `${HOSTILE} busy`);
  if (address === NODES.changes && trigger) {
    return respond(socket, '200 OK', {}, finished({ outcome: 'changes', exit_code: 2, summary: { resources: { changed: 3, failed: 0 } }, error: null }));
  }
  if (address === NODES.record && trigger) return respond(socket, '202 Accepted', { Location: '/puppet/runs/r1' }, JSON.stringify({ id: HOSTILE, state: 'running' }));
  if (address === NODES.record) {
    return respond(socket, '200 OK', {}, finished({ outcome: 'failures', exit_code: HOSTILE, summary: { resources: { changed: HOSTILE, failed: HOSTILE } } }));
  }
  if (address === NODES.pollError && trigger) return respond(socket, '202 Accepted', { Location: '/puppet/runs/\x9b2J\x85\x8d' }, 'not json');
  respond(socket, '500 Internal Server Error', {}, `${HOSTILE}\nand more`);
}

/** One raw HTTP server per address, all on one port: each request answered by `answer`, then the connection closed. */
async function hostileServers(): Promise<{ port: number; close(): void }> {
  const servers: Server[] = [];
  let port = 0;
  for (const address of [PUPPETDB, ...Object.values(NODES)]) {
    const server = createServer((socket) => {
      let data = '';
      socket.on('error', () => undefined);
      socket.setEncoding('latin1').on('data', (chunk: string) => {
        data += chunk;
        const end = data.indexOf('\r\n\r\n');
        if (end < 0) return;
        const [method, path] = data.slice(0, data.indexOf('\r\n')).split(' ');
        socket.removeAllListeners('data');
        if (address === PUPPETDB) answerPuppetDb(socket, { method, path });
        else answerNode(socket, { method, path }, address);
      });
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, address, resolve));
    port = (server.address() as { port: number }).port;
    servers.push(server);
  }
  return { port, close: () => servers.forEach((s) => s.close()) };
}

const assertNoRawControl = (where: string, text: string) => {
  const found = RAW_CONTROL.exec(text);
  assert.equal(found, null, `${where} holds a raw control character \\u${found?.[0].charCodeAt(0).toString(16).padStart(4, '0')}:\n${JSON.stringify(text)}`);
};

describe('bundle: the fleet client against hostile nodes and a hostile PuppetDB', function () {
  this.timeout(30000);
  let servers: { port: number; close(): void };
  let dir: string;
  before(async () => {
    servers = await hostileServers();
    dir = mkdtempSync(join(tmpdir(), 'twitch-fleet-hostile-'));
  });
  after(() => {
    servers.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const fleet = (...args: string[]) =>
    runCli(['fleet', '--port', String(servers.port), '--puppetdb', `http://${PUPPETDB}:${servers.port}`, '--connect-timeout', '1', '--timeout', '5', ...args], { timeoutMs: 20000 });

  it('prints the table of every node with the control characters of their answers escaped, none raw', async function () {
    const res = await fleet('--query', 'nodes[certname] {}', '--address-fact', 'networking.ip');
    assertNoRawControl('stdout', res.stdout);
    assertNoRawControl('stderr', res.stderr);
    assert.equal(res.code, 1, res.stderr);
    const lines = res.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1 + 7 + 1, res.stdout);
    assert.match(lines[0], /^NODE +OUTCOME +EXIT +CHANGED +FAILED +SECONDS +DETAIL$/);
    assert.match(lines.at(-1) as string, /^7 nodes in \d+\.\d s: 1 changes, 1 busy, 1 refused, 1 unreachable, 3 failed$/);
    const row = (name: string) => lines.find((line) => line.startsWith(`${name}\\x1b[2J\\x1b[H\\x1b]0;pwned\\x07\\x0d\\x08\\x00\\x7f\\x85\\x9b31m\\u2028\\u202e\\x0b\\x0c\\x1b[1A `)) ?? '';
    assert.match(row('changes'), / changes +2 +3 +0 +- +run \\x1b\[2J\\x1b\[H\\x1b\]0;pwned\\x07\\x0d\\x08\\x00\\x7f\\x85\\x9b31m\\u2028\\u202e\\x0b\\x0c\\x1b\[1A, at 127\.79\.0\.5$/);
    assert.match(row('record'), / failed +- +- +- +- +\\x1b\[2J\\x1b\[H\\x1b\]0;pwned\\x07 \\x08\\x00\\x7f\\x85\\x9b31m \\u202e \\x1b\[1A, at 127\.79\.0\.1$/);
    assert.match(row('refuse'), / refused +- +- +- +- +\\x1b\[2J.*\\x9b31m/);
    assert.match(row('busy'), / busy +- +- +- +- +\\x1b\[2J.* busy, at 127\.79\.0\.4$/);
    assert.match(row('pollError'), / failed +.*GET \/puppet\/runs\/\\x9b2J\\x85\\x8d answered 500: \\x1b\[2J/);
    assert.match(row('garbage'), / unreachable +- +- +- +- +the connection to 127\.79\.0\.6:\d+ failed: Parse Error/);
    assert.match(row('ghost'), / failed +- +- +- +- +Invalid URL, at 127\.79\.0\.7\\x1b\[2J\\x1b\[H\\x1b\]0;pwned\\x07\\x0d\\x08/);
  });

  it('prints the --json document with no control character raw, each value as the node sent it', async function () {
    const res = await fleet('--query', 'nodes[certname] {}', '--address-fact', 'networking.ip', '--json');
    assertNoRawControl('stdout', res.stdout);
    assertNoRawControl('stderr', res.stderr);
    assert.equal(res.code, 1, res.stderr);
    const doc = JSON.parse(res.stdout) as { nodes: Array<Record<string, unknown>> };
    const by = Object.fromEntries(doc.nodes.map((n) => [n.node, n]));
    assert.deepEqual(Object.keys(by).sort(), [...Object.keys(NODES).map((name) => `${name}${HOSTILE}`), GHOST].sort());
    assert.deepEqual([by[`record${HOSTILE}`].error, by[`record${HOSTILE}`].run_id, by[`changes${HOSTILE}`].run_id], [HOSTILE, HOSTILE, HOSTILE]);
    assert.equal(by[GHOST].address, `127.79.0.7${HOSTILE}`);
  });

  it('prints PuppetDB\'s hostile answers in its errors escaped, none raw (exit status 2)', async function () {
    for (const query of ['broken', 'not json']) {
      const res = await fleet('--query', query);
      assertNoRawControl(`stderr (${query})`, res.stderr);
      assert.equal(res.code, 2, res.stderr);
      assert.equal(res.stdout, '');
      assert.match(res.stderr, /^puppet-twitch: PuppetDB.*\\x1b\[2J/);
    }
  });

  it('sends a token over plain http only to loopback nodes; elsewhere only with --insecure-http', async function () {
    const token = join(dir, 'token');
    writeFileSync(token, 'fleet-secret\n', { mode: 0o600 });
    const refused = await fleet('--nodes', `${NODES.changes},192.0.2.10`, '--token-file', token);
    assert.equal(refused.code, 2, refused.stderr);
    assert.equal(refused.stdout, '');
    assert.match(refused.stderr, /^puppet-twitch: fleet: --token-file would go over plain http \(--scheme http\) to a node that is not a loopback address: 192\.0\.2\.10; .*Use --scheme https, or pass --insecure-http to accept that\. See 'puppet-twitch fleet --help'\.\n$/);
    const loopback = await fleet('--nodes', `${NODES.changes},localhost`, '--token-file', token, '--json');
    assert.deepEqual(JSON.parse(loopback.stdout).nodes.map((n: { outcome: string }) => n.outcome), ['changes', 'unreachable'], loopback.stderr);
    const accepted = await fleet('--nodes', `${NODES.changes},192.0.2.10`, '--token-file', token, '--insecure-http', '--json');
    assert.deepEqual(JSON.parse(accepted.stdout).nodes.map((n: { node: string; outcome: string }) => [n.node, n.outcome]), [[NODES.changes, 'changes'], ['192.0.2.10', 'unreachable']]);
  });
});
