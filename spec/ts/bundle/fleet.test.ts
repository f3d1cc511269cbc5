// `puppet-twitch fleet --nodes ...` against real service instances (the bundle, each with the stand-in puppet,
// a scripted replacement for puppet) on their own loopback addresses and one port. PuppetDB and the large
// fleet are spec/fleet's; this is the client's behaviour per node, end to end, in the mocha suite.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUTH, TOKENS } from '../support/auth';
import { createPki, type Issued, type Pki } from '../support/pki';
import { runCli, startService, type Service } from '../support/service';
import { Sandbox } from '../support/standin';

interface Node {
  address: string;
  sb: Sandbox;
  svc: Service;
}

const addresses = ['127.78.0.1', '127.78.0.2', '127.78.0.3', '127.78.0.4'];

describe('bundle: the fleet client against real services (stand-in puppet)', function () {
  this.timeout(30000);
  const nodes: Node[] = [];
  let port = 0;

  before(async function () {
    for (const address of addresses) {
      const sb = new Sandbox('twitch-fleet-');
      const svc = await startService({ config: sb.configPath, args: ['--config', sb.configPath, '--bind', address, '--port', String(port)] });
      port = svc.port;
      nodes.push({ address, sb, svc });
    }
  });
  after(async function () {
    for (const n of nodes) {
      await n.svc.stop();
      n.sb.cleanup();
    }
  });
  beforeEach(function () {
    for (const n of nodes) n.sb.reset();
  });

  const fleet = (args: string[], timeoutMs = 20000) =>
    runCli(['fleet', '--port', String(port), '--connect-timeout', '1', ...(args.includes('--timeout') ? [] : ['--timeout', '5']), ...args], { timeoutMs });
  const json = (stdout: string) => JSON.parse(stdout) as { summary: Record<string, number>; nodes: Array<Record<string, unknown>>; stopped?: unknown; exit_status?: number };

  it('runs each node once and reports ok, changes, failed and disabled with exit codes; exit status 1', async function () {
    nodes[0].sb.setBehaviour({ exit: 0, sleep: 0.2 });
    nodes[1].sb.setBehaviour({ exit: 2, sleep: 0.2 });
    nodes[2].sb.setBehaviour({ exit: 4, sleep: 0.2 });
    nodes[3].sb.writeDisabled('{"disabled_message":"maintenance"}');
    const res = await fleet(['--nodes', addresses.join(','), '--json']);
    assert.equal(res.code, 1, res.stderr);
    const doc = json(res.stdout);
    const by = Object.fromEntries(doc.nodes.map((n) => [n.node, n]));
    assert.deepEqual(
      addresses.map((a) => [by[a].outcome, by[a].exit_code]),
      [['ok', 0], ['changes', 2], ['failed', 4], ['disabled', null]],
    );
    assert.deepEqual(doc.nodes.map((n) => n.outcome), ['ok', 'changes', 'disabled', 'failed'], 'sorted by outcome');
    assert.equal(doc.summary.total, 4);
    assert.match(String(by[addresses[0]].run_id), /^\d{8}T\d{9}Z-[0-9a-f]{6}$/);
    assert.equal(nodes[0].sb.finishedRuns().length, 1);
    assert.equal(nodes[3].sb.runs().length, 0, 'a disabled node runs nothing');
  });

  it('passes the run options to every node as puppet arguments', async function () {
    const res = await fleet(['--nodes', addresses.slice(0, 2).join(','), '--noop', '--tags', 'web,ntp']);
    assert.equal(res.code, 0, res.stdout + res.stderr);
    for (const n of nodes.slice(0, 2)) {
      const argv = n.sb.runs()[0].argv;
      assert.deepEqual(argv.slice(-3), ['--noop', '--tags', 'web,ntp']);
    }
  });

  it('never runs more nodes at once than --concurrency, and holds a slot until the run has finished', async function () {
    for (const n of nodes) n.sb.setBehaviour({ sleep: 0.6 });
    const t0 = Date.now();
    const res = await fleet(['--nodes', addresses.join(','), '--concurrency', '2']);
    assert.equal(res.code, 0, res.stdout + res.stderr);
    // 4 runs of 0.6 s, 2 at a time: two waves, not one
    assert.ok(Date.now() - t0 >= 1200, `took ${Date.now() - t0} ms`);
    const lines = res.stdout.trim().split('\n');
    assert.match(lines[0], /^NODE +OUTCOME +EXIT +CHANGED +FAILED +SECONDS +DETAIL$/);
    assert.match(lines.at(-1) as string, /^4 nodes in \d+\.\d s: 4 ok$/);
  });

  it('reports a busy node busy, honouring its Retry-After (30 s) over a shorter --busy-timeout', async function () {
    const holder = nodes[0].sb.spawnLiveProcess();
    nodes[0].sb.writeLock(holder);
    const t0 = Date.now();
    const res = await fleet(['--nodes', addresses[0], '--busy-timeout', '5', '--json']);
    assert.equal(res.code, 1);
    const node = json(res.stdout).nodes[0];
    assert.deepEqual([node.outcome, node.http_status, node.attempts, node.error], ['busy', 409, 1, 'Puppet already running']);
    assert.ok(Date.now() - t0 < 4000, 'no early retry');
    assert.equal(nodes[0].sb.runs().length, 0);
  });

  it('reports a port nobody listens on as unreachable and a node that never answers within --timeout likewise', async function () {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(port, '127.78.0.9', resolve));
    try {
      const res = await fleet(['--nodes', '127.78.0.8,127.78.0.9', '--timeout', '1', '--json']);
      assert.equal(res.code, 1);
      const doc = json(res.stdout);
      assert.deepEqual(doc.nodes.map((n) => n.outcome), ['unreachable', 'unreachable']);
      assert.match(String(doc.nodes[0].error), /ECONNREFUSED|no answer/);
      assert.match(String(doc.nodes[1].error), /no answer from 127\.78\.0\.9.* within 1 s/);
    } finally {
      silent.close();
    }
  });

  it('stops starting runs after --max-failures: the rest are skipped, exit status 3', async function () {
    for (const n of nodes) n.sb.setBehaviour({ exit: 1 });
    const res = await fleet(['--nodes', addresses.join(','), '--concurrency', '1', '--max-failures', '2', '--json']);
    assert.equal(res.code, 3);
    const doc = json(res.stdout);
    assert.deepEqual(doc.stopped, { reason: 'max_failures', message: '--max-failures 2 reached' });
    assert.equal(doc.exit_status, 3);
    assert.equal(doc.summary.failed, 2);
    assert.equal(doc.summary.skipped, 2);
    assert.equal(nodes.reduce((sum, n) => sum + n.sb.runs().length, 0), 2, 'only two runs started');
  });

  it('reads certnames from --nodes-file and refuses bad usage with exit status 2', async function () {
    const file = join(nodes[0].sb.dir, 'nodes.txt');
    writeFileSync(file, `# web\n${addresses[0]}\n\n${addresses[1]}  # and one more\n`);
    const ok = await fleet(['--nodes-file', file, '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(json(ok.stdout).nodes.map((n) => n.node), addresses.slice(0, 2));
    for (const args of [['--nodes', 'a', '--query', 'x'], ['--nodes', 'a', '--concurrency', '0'], ['--nodes', 'a', '--bogus'], []]) {
      const res = await fleet(args);
      assert.equal(res.code, 2, `${args.join(' ')}: ${res.stderr}`);
      assert.match(res.stderr, /^puppet-twitch: fleet: .+See 'puppet-twitch fleet --help'\.\n$/);
      assert.equal(res.stdout, '');
    }
  });
});

describe('bundle: the fleet client over HTTPS with the Puppet CA (stand-in puppet)', function () {
  this.timeout(30000);
  let pki: Pki;
  const started: Array<{ sb: Sandbox; svc: Service }> = [];
  const serve = async (server: Issued) => {
    const sb = new Sandbox('twitch-fleet-tls-');
    sb.writeConfig({
      tls: { cert: server.cert, key: server.key, ca: pki.caBundle, crl: pki.crl, client_certs: 'required', allowed_certnames: ['*.ops.example.com'] },
    });
    const svc = await startService({ config: sb.configPath });
    started.push({ sb, svc });
    return svc;
  };
  before(() => {
    pki = createPki(mkdtempSync(join(tmpdir(), 'twitch-fleet-pki-')));
  });
  after(async () => {
    for (const { sb, svc } of started) {
      await svc.stop();
      sb.cleanup();
    }
    rmSync(pki.dir, { recursive: true, force: true });
  });
  const fleet = (port: number, client: Issued, node = 'localhost') =>
    runCli(['fleet', '--nodes', node, '--port', String(port), '--scheme', 'https', '--cacert', pki.caBundle, '--cert', client.cert, '--key', client.key, '--json'], { timeoutMs: 20000 });

  it('checks the node\'s certificate against the CA and the certname, presents the client certificate, and gets in', async function () {
    const svc = await serve(pki.server);
    const res = await fleet(svc.port, pki.allowed);
    assert.equal(res.code, 0, res.stdout + res.stderr);
    const [node] = JSON.parse(res.stdout).nodes;
    assert.deepEqual([node.outcome, node.url], ['ok', `https://localhost:${svc.port}`]);
  });
  it('is refused by a node whose allowed_certnames leave this client out', async function () {
    const res = await fleet(started[0].svc.port, pki.disallowed);
    assert.equal(res.code, 1);
    const [node] = JSON.parse(res.stdout).nodes;
    assert.deepEqual([node.outcome, node.http_status], ['refused', 403]);
    assert.equal(started[0].sb.runs().length, 1, 'no second run');
  });
  it('fails a node whose certificate names another host, and sends it nothing', async function () {
    const svc = await serve(pki.disallowed);
    const res = await fleet(svc.port, pki.allowed);
    assert.equal(res.code, 1);
    const [node] = JSON.parse(res.stdout).nodes;
    assert.equal(node.outcome, 'failed');
    assert.match(node.error, /TLS with localhost:\d+ failed: .*(altnames|web01\.example\.com)/);
    assert.equal(started[1].sb.runs().length, 0);
  });
});

describe('bundle: the fleet client with bearer tokens (stand-in puppet)', function () {
  this.timeout(30000);
  let sb: Sandbox;
  let svc: Service;
  before(async () => {
    sb = new Sandbox('twitch-fleet-auth-');
    sb.writeConfig({ auth: { tokens: AUTH.tokens } });
    svc = await startService({ config: sb.configPath });
  });
  after(async () => {
    await svc.stop();
    sb.cleanup();
  });
  const fleet = async (token?: string, ...extra: string[]) => {
    const args = ['fleet', '--nodes', '127.0.0.1', '--port', String(svc.port), '--json', ...extra];
    if (token !== undefined) {
      const file = join(sb.dir, 'token');
      writeFileSync(file, `${token}\n`, { mode: 0o600 });
      args.push('--token-file', file);
    }
    const res = await runCli(args, { timeoutMs: 20000 });
    return { ...res, node: JSON.parse(res.stdout || '{"nodes":[{}]}').nodes[0] };
  };

  it('sends the token, waits on the record with it, and never prints it', async function () {
    const res = await fleet(TOKENS.deploy);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.node.outcome, 'ok');
    assert.match(res.node.run_id, /^\d{8}T/);
    assert.ok(!res.stdout.includes(TOKENS.deploy) && !res.stderr.includes(TOKENS.deploy));
  });
  it('triggers synchronously with a token that may trigger but not read records', async function () {
    // trigger_noop: no read scope, so no waiting on records; the trigger itself waits (async=false)
    const res = await fleet(TOKENS.noop, '--noop');
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual([res.node.outcome, res.node.http_status, res.node.exit_code], ['ok', 200, 0]);
    assert.deepEqual(sb.runs().at(-1)?.argv.slice(-1), ['--noop']);
    // and without --noop the node refuses the real run
    const real = await fleet(TOKENS.noop);
    assert.deepEqual([real.node.outcome, real.node.http_status], ['refused', 403]);
  });
  it('reports refused without a token (401) and with a read-only one (403)', async function () {
    const none = await fleet();
    assert.deepEqual([none.node.outcome, none.node.http_status], ['refused', 401]);
    const reader = await fleet(TOKENS.reader);
    assert.deepEqual([reader.node.outcome, reader.node.http_status], ['refused', 403]);
    assert.equal(sb.runs().length, 2, 'only the deploy token and the noop run ran puppet');
  });
});
