// `puppet-twitch fleet` end to end: a real PuppetDB (spec/fleet/puppetdb.sh, fed by spec/fleet/feed.ts with the
// 1,000 synthetic nodes of spec/fleet/nodes.ts) selects the nodes and gives their addresses (networking.ip,
// 127.77.x.y); 51 of them are real puppet-twitch instances (the built bundle, each with the stand-in puppet, a
// scripted fault-injecting replacement for puppet that never runs Puppet), each bound to its own address; the
// other 949 are served by the fleet simulator (spec/fleet/simulator.ts), all on one shared port. The client runs
// as a child process, as a user runs it; the tests look at what the user sees (exit status, the table, the --json
// document) and at what the nodes saw (triggers, runs and when they ran, measured at the nodes).
//
// Run by spec/fleet/run.sh, which starts PuppetDB and exports PUPPETDB_HTTP, PUPPETDB_HTTPS, PUPPETDB_CACERT,
// PUPPETDB_CERT and PUPPETDB_KEY (or FLEET_DIR, the directory whose `env` file holds them).
import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeResult } from '../../ts/fleet/outcomes';
import type { FleetDocument } from '../../ts/fleet/report';
import { PATHS } from '../../ts/api';
import type { RunRecord } from '../../ts/core/records';
import { waitIdle } from '../ts/support/harness';
import { request, runCli, sleep, startService, type CliResult, type Service } from '../ts/support/service';
import { Sandbox, type Behaviour } from '../ts/support/standin';
import { fleetNodes, pdbQuery } from './nodes';
import { FleetSimulator, freePort, peakConcurrency, type NodeBehaviour, type RunSpan } from './simulator';

// ------------------------------------------------------------------------------------------ the fleet

const NODES = fleetNodes(1000);
type FleetNode = (typeof NODES)[number];
const byName = new Map(NODES.map((n) => [n.certname, n]));
const indexOf = (n: FleetNode) => NODES.indexOf(n) + 1;
const node = (i: number): FleetNode => NODES[i - 1];
const name = (i: number) => node(i).certname;

/** A real instance behind this node: the db nodes on RedHat (every 20th), and node0007, which wants a token. */
const AUTH_NODE = 7;
const isReal = (i: number) => i % 20 === 0 || i === AUTH_NODE;
const REAL = NODES.filter((n) => isReal(indexOf(n)));
const SIMULATED = NODES.filter((n) => !isReal(indexOf(n)));

/** The simulated nodes' usual behaviour: a good run of 200 to 440 ms. */
const usual = (n: FleetNode): NodeBehaviour => ({ mode: 'ok', runMs: 200 + (indexOf(n) % 7) * 40 });
/** The stand-in's usual run: 0.3 s, exit 0. */
const STANDIN: Behaviour = { sleep: 0.3 };

const TOKEN = randomBytes(32).toString('base64url');

function puppetDb(): Record<'http' | 'https' | 'cacert' | 'cert' | 'key', string> {
  const env: Record<string, string | undefined> = { ...process.env };
  const dir = process.env.FLEET_DIR;
  if (env.PUPPETDB_HTTP === undefined && dir !== undefined && existsSync(join(dir, 'env'))) {
    for (const line of readFileSync(join(dir, 'env'), 'utf8').split('\n')) {
      const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
      if (m) env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
    }
  }
  const get = (key: string) => {
    const value = env[key];
    if (value === undefined || value === '') throw new Error(`${key} is not set: run this suite with spec/fleet/run.sh (it starts PuppetDB)`);
    return value;
  };
  return { http: get('PUPPETDB_HTTP'), https: get('PUPPETDB_HTTPS'), cacert: get('PUPPETDB_CACERT'), cert: get('PUPPETDB_CERT'), key: get('PUPPETDB_KEY') };
}

// ------------------------------------------------------------------------------------------ what the user sees

type NodeRow = NodeResult;
const OUTCOMES = ['ok', 'changes', 'drift', 'skipped', 'unknown', 'busy', 'disabled', 'refused', 'unreachable', 'failed'] as const;

interface Run extends CliResult {
  args: string[];
  /** epoch ms before the client started and after it ended */
  t0: number;
  t1: number;
}

interface TableRow {
  node: string;
  outcome: string;
  exit: string;
  changed: string;
  failed: string;
  seconds: string;
  detail: string;
}

/** The table: header, rows of six space-free fields and a free DETAIL, and the summary line. */
function parseTable(stdout: string): { rows: TableRow[]; total: number; seconds: number; counts: Record<string, number> } {
  const lines = stdout.replace(/\n$/, '').split('\n');
  assert.deepEqual(lines[0].trim().split(/\s+/), ['NODE', 'OUTCOME', 'EXIT', 'CHANGED', 'FAILED', 'SECONDS', 'DETAIL'], `table header: ${lines[0]}`);
  const last = lines[lines.length - 1];
  const summary = /^(\d+) nodes? in (\d+(?:\.\d+)?) s: (.*)$/.exec(last);
  assert.ok(summary, `summary line: ${last}`);
  const counts: Record<string, number> = {};
  for (const part of summary[3].split(', ')) {
    const m = /^(\d+) (\w+)$/.exec(part);
    assert.ok(m, `summary part '${part}' in: ${last}`);
    assert.ok((OUTCOMES as readonly string[]).includes(m[2]), `unknown outcome ${m[2]} in: ${last}`);
    counts[m[2]] = Number(m[1]);
  }
  const rows = lines.slice(1, -1).map((line) => {
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(line);
    assert.ok(m, `table row: ${line}`);
    return { node: m[1], outcome: m[2], exit: m[3], changed: m[4], failed: m[5], seconds: m[6], detail: m[7] ?? '' };
  });
  return { rows, total: Number(summary[1]), seconds: Number(summary[2]), counts };
}

const doc = (run: Run): FleetDocument => {
  try {
    return JSON.parse(run.stdout) as FleetDocument;
  } catch (err) {
    throw new Error(`stdout is not one JSON document (${(err as Error).message}):\n${run.stdout.slice(0, 2000)}\nstderr: ${run.stderr}`);
  }
};
const outcomesOf = (d: FleetDocument) => Object.fromEntries(d.nodes.map((n) => [n.node, n.outcome]));
const sorted = (xs: Iterable<string>) => [...xs].sort();
const shown = (run: Run) => `fleet ${run.args.join(' ')}\nexit ${run.code}${run.timedOut ? ' (killed: timed out)' : ''}\n--- stdout ---\n${run.stdout.slice(0, 6000)}\n--- stderr ---\n${run.stderr.slice(0, 3000)}`;

// ------------------------------------------------------------------------------------------ the suite

describe('fleet: the fleet client against PuppetDB, the fleet simulator (949 nodes) and 51 real instances with the stand-in puppet (a scripted, fault-injecting replacement)', function () {
  this.timeout(60_000);
  let db: ReturnType<typeof puppetDb>;
  let port = 0;
  let sim: FleetSimulator;
  const real = new Map<string, { sb: Sandbox; svc: Service; node: FleetNode }>();
  let tmp = '';
  let tokenFile = '';
  /** simulated nodes whose behaviour a test changed, set back before the next */
  const changed = new Set<string>();
  let last: Run | undefined;

  const fleet = async (args: string[], timeoutMs = 60_000, more: Pick<Parameters<typeof runCli>[1] & object, 'env' | 'onSpawn'> = {}): Promise<Run> => {
    const where = args.includes('--puppetdb') ? [] : ['--puppetdb', db.http];
    const all = ['fleet', ...where, '--address-fact', 'networking.ip', '--port', String(port), '--connect-timeout', '2', ...args];
    const t0 = Date.now();
    const result = await runCli(all, { timeoutMs, ...more });
    last = { ...result, args: all.slice(1), t0, t1: Date.now() };
    assert.equal(last.timedOut, false, `the client did not exit within ${timeoutMs} ms\n${shown(last)}`);
    return last;
  };
  const simulate = async (i: number, behaviour: NodeBehaviour) => {
    await sim.setBehaviour(node(i).ip, behaviour);
    changed.add(node(i).ip);
  };
  const instance = (i: number) => {
    const found = real.get(name(i));
    if (found === undefined) throw new Error(`${name(i)} is not a real instance`);
    return found;
  };
  /** The runs a real instance recorded since `since` (epoch ms), from its own GET /puppet/runs. */
  const recordsSince = async (i: number, since: number): Promise<RunRecord[]> => {
    const { svc } = instance(i);
    const headers = i === AUTH_NODE ? { Authorization: `Bearer ${TOKEN}` } : {};
    const res = await request(svc.port, `${PATHS.runs}?limit=100`, { host: svc.host, headers });
    assert.equal(res.status, 200, res.body);
    return (JSON.parse(res.body) as RunRecord[]).filter((r) => Date.parse(r.requested_at) >= since);
  };
  /** Every run's span at every node, simulated and real, that started during `run`. */
  const spansAtTheNodes = async (run: Run): Promise<RunSpan[]> => {
    const spans = sim.runSpans();
    for (const { node: n } of real.values()) {
      for (const r of await recordsSince(indexOf(n), run.t0)) {
        assert.ok(r.started_at !== null && r.finished_at !== null, `unfinished run on ${n.certname}: ${JSON.stringify(r)}`);
        spans.push({ address: n.ip, start: Date.parse(r.started_at), end: Date.parse(r.finished_at) });
      }
    }
    return spans;
  };
  /** How many stand-in runs each real instance made since the last reset (only those with any). */
  const standinRuns = () => {
    const out: Record<string, number> = {};
    for (const [certname, { sb }] of real) if (sb.runs().length > 0) out[certname] = sb.runs().length;
    return out;
  };

  before(async function () {
    this.timeout(180_000);
    db = puppetDb();
    const [{ count }] = await pdbQuery(db.http, 'inventory[count()] { facts.networking.ip ~ "^127\\\\.77\\\\." }');
    assert.equal(count, NODES.length, `PuppetDB at ${db.http} holds ${count} of the synthetic nodes: feed it (spec/fleet/run.sh does)`);
    const help = await runCli(['fleet', '--help']);
    assert.equal(help.code, 0, `the bundle has no fleet command: ${help.stdout}${help.stderr}`);

    tmp = mkdtempSync(join(tmpdir(), 'fleet-suite-'));
    tokenFile = join(tmp, 'token');
    writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
    const t0 = Date.now();
    for (let attempt = 0; ; attempt++) {
      port = await freePort(node(1).ip);
      try {
        sim = await FleetSimulator.start(SIMULATED.map((n) => ({ address: n.ip, behaviour: usual(n) })), port);
        break;
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
    const t1 = Date.now();
    const start = async (n: FleetNode) => {
      const sb = new Sandbox('fleet-node-');
      sb.setBehaviour(STANDIN);
      const auth = indexOf(n) === AUTH_NODE ? { auth: { tokens: [{ id: 'fleet', sha256: createHash('sha256').update(TOKEN).digest('hex'), scopes: ['trigger', 'read'] }] } } : {};
      sb.writeConfig(auth);
      try {
        const svc = await startService({ config: sb.configPath, args: ['--config', sb.configPath, '--bind', n.ip, '--port', String(port)], timeoutMs: 30_000 });
        real.set(n.certname, { sb, svc, node: n });
      } catch (err) {
        sb.cleanup();
        throw err;
      }
    };
    for (let i = 0; i < REAL.length; i += 6) await Promise.all(REAL.slice(i, i + 6).map(start));
    console.log(`      fleet on port ${port}: ${SIMULATED.length} simulated nodes in ${t1 - t0} ms, ${real.size} real instances in ${Date.now() - t1} ms`);
  });

  after(async function () {
    await Promise.all([...real.values()].map(async ({ svc }) => svc.stop().catch(() => svc.kill())));
    for (const { sb } of real.values()) sb.cleanup();
    await sim?.close();
    if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
  });

  beforeEach(async function () {
    last = undefined;
    await sim.idle();
    for (const address of changed) {
      const n = NODES.find((x) => x.ip === address) as FleetNode;
      await sim.setBehaviour(address, usual(n));
    }
    changed.clear();
    sim.reset();
    await Promise.all(
      [...real.values()].map(async (r) => {
        await waitIdle(r);
        r.sb.reset();
        r.sb.setBehaviour(STANDIN);
      }),
    );
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed' && last !== undefined) console.log(`      the last client run:\n${shown(last)}`);
  });

  it('a PQL query selects exactly the db nodes on RedHat (50 real instances), each run once with the run options given', async function () {
    const query = 'inventory[certname] { facts.role = "db" and facts.os.family = "RedHat" }';
    const run = await fleet(['--query', query, '--concurrency', '10', '--noop', '--tags', 'fleet_test,ssh', '--json']);
    assert.equal(run.code, 0, shown(run));
    const d = doc(run);
    const expected = NODES.filter((n) => n.role === 'db' && n.osFamily === 'RedHat');
    assert.equal(expected.length, 50);
    assert.deepEqual(sorted(d.nodes.map((n) => n.node)), sorted(expected.map((n) => n.certname)));
    assert.deepEqual(d.summary, { total: 50, ok: 50, changes: 0, drift: 0, skipped: 0, unknown: 0, busy: 0, disabled: 0, refused: 0, unreachable: 0, failed: 0 });
    for (const row of d.nodes) {
      const n = byName.get(row.node) as FleetNode;
      assert.equal(row.address, n.ip);
      assert.equal(row.url, `http://${n.ip}:${port}`);
      assert.equal(row.exit_code, 0, JSON.stringify(row));
      assert.equal(row.attempts, 1);
      assert.match(String(row.run_id), /^\d{8}T\d{9}Z-[0-9a-f]{6}$/);
    }
    assert.deepEqual(d.selection, { query });
    assert.equal(typeof d.puppetdb_query_seconds, 'number');
    assert.deepEqual(d.options, { noop: true, tags: ['fleet_test', 'ssh'] });
    // at the nodes: every selected instance's stand-in ran once, with the options; nobody else was asked
    assert.deepEqual(standinRuns(), Object.fromEntries(expected.map((n) => [n.certname, 1])));
    for (const n of expected) {
      const argv = instance(indexOf(n)).sb.runs()[0].argv;
      assert.ok(argv.includes('--noop') && argv.join(' ').includes('--tags fleet_test,ssh'), `${n.certname}: ${argv.join(' ')}`);
      const [record] = await recordsSince(indexOf(n), run.t0);
      assert.equal(record.id, d.nodes.find((r) => r.node === n.certname)?.run_id);
    }
    assert.equal(sim.totalTriggers, 0);
  });

  it('a PQL query on a fact and a regex on the address selects the 63 web nodes of 127.77.0.0/24 (simulated), and no other node is asked', async function () {
    const run = await fleet(['--query', 'inventory[certname] { facts.role = "web" and facts.networking.ip ~ "^127\\\\.77\\\\.0\\\\." }', '--concurrency', '50', '--json']);
    assert.equal(run.code, 0, shown(run));
    const expected = NODES.filter((n) => n.role === 'web' && n.ip.startsWith('127.77.0.'));
    assert.equal(expected.length, 63);
    assert.deepEqual(sorted(doc(run).nodes.map((n) => n.node)), sorted(expected.map((n) => n.certname)));
    assert.deepEqual([...sim.triggerCounts()].sort(), expected.map((n) => [n.ip, 1] as [string, number]).sort());
    assert.deepEqual(standinRuns(), {});
  });

  it('--concurrency 40 over all 1,000 nodes: never more than 40 runs at once at the nodes, and 40 reached', async function () {
    // runs long next to the few ms between one node's end and the next one's start, so that all 40 slots are
    // seen running at once
    for (const n of SIMULATED) await simulate(indexOf(n), { mode: 'ok', runMs: 600 + (indexOf(n) % 7) * 50 });
    for (const { sb } of real.values()) sb.setBehaviour({ sleep: 0.8 });
    const run = await fleet(['--query', 'inventory[certname] { facts.networking.ip ~ "^127\\\\.77\\\\." }', '--concurrency', '40', '--token-file', tokenFile, '--json'], 120_000);
    assert.equal(run.code, 0, shown(run));
    const d = doc(run);
    assert.equal(d.summary.total, 1000);
    assert.equal(d.summary.ok, 1000, JSON.stringify(d.summary));
    assert.equal(d.concurrency, 40);
    // each node ran exactly once: 949 simulated, 51 real (the one that wants a token got it)
    assert.equal(sim.triggerCounts().size, SIMULATED.length);
    assert.ok([...sim.triggerCounts().values()].every((c) => c === 1));
    assert.deepEqual(standinRuns(), Object.fromEntries(REAL.map((n) => [n.certname, 1])));
    assert.equal(sim.stats(node(1).ip).lastAuthorization, `Bearer ${TOKEN}`);
    const spans = await spansAtTheNodes(run);
    assert.equal(spans.length, 1000);
    const peak = peakConcurrency(spans);
    assert.ok(sim.peak.count <= 40, `the simulated nodes alone saw ${sim.peak.count} runs at once`);
    assert.ok(peak.count <= 40, `${peak.count} runs at once at ${new Date(peak.at ?? 0).toISOString()}`);
    assert.equal(peak.count, 40, 'the concurrency asked for was never reached');
    const ideal = (spans.reduce((sum, s) => sum + (s.end - s.start), 0) / 40) / 1000;
    console.log(`      1,000 nodes at --concurrency 40: ${d.duration_seconds.toFixed(1)} s (runs' own time / 40: ${ideal.toFixed(1)} s), peak ${peak.count} at the nodes, PuppetDB ${d.puppetdb_query_seconds} s`);
  });

  it('--nodes with --concurrency 3: at most 3 runs at once over real and simulated nodes, and 3 reached', async function () {
    const picked = [1, 2, 3, 4, 5, 20, 40, 60, 61, 62, 63, 64];
    const run = await fleet(['--nodes', picked.map(name).join(','), '--concurrency', '3', '--json']);
    assert.equal(run.code, 0, shown(run));
    assert.deepEqual(sorted(doc(run).nodes.map((n) => n.node)), sorted(picked.map(name)));
    const spans = await spansAtTheNodes(run);
    assert.equal(spans.length, picked.length);
    assert.equal(peakConcurrency(spans).count, 3);
    assert.deepEqual(standinRuns(), { [name(20)]: 1, [name(40)]: 1, [name(60)]: 1 });
  });

  it('busy nodes (409 with Retry-After) are retried no sooner than Retry-After while --busy-timeout lasts, and finish', async function () {
    await simulate(1, { mode: 'busy', busyTriggers: 2, retryAfter: 1, then: 'changes', runMs: 200 });
    await simulate(2, { mode: 'busy', busySeconds: 2, retryAfter: 1, runMs: 200 });
    await simulate(3, { mode: 'busy', retryAfter: 1 });
    // a real instance whose puppet is running (its lock held by a live process): Retry-After 30, past the timeout
    const busyReal = instance(100);
    busyReal.sb.writeLock(busyReal.sb.spawnLiveProcess());
    const logFrom = busyReal.svc.stdout.length;
    const run = await fleet(['--nodes', [1, 2, 3, 100, 5].map(name).join(','), '--busy-timeout', '4', '--json']);
    assert.equal(run.code, 1, shown(run));
    const d = doc(run);
    assert.deepEqual(outcomesOf(d), { [name(1)]: 'changes', [name(2)]: 'ok', [name(3)]: 'busy', [name(100)]: 'busy', [name(5)]: 'ok' });
    const row = (i: number) => d.nodes.find((r) => r.node === name(i)) as NodeRow;
    assert.equal(row(1).attempts, 3);
    assert.equal(row(1).exit_code, 2);
    assert.ok(row(2).attempts >= 3, JSON.stringify(row(2)));
    assert.equal(row(3).http_status, 409);
    assert.ok(row(3).attempts >= 4, JSON.stringify(row(3)));
    assert.equal(row(100).http_status, 409);
    // at the nodes: the triggers came no sooner than Retry-After (1 s) after the last
    assert.equal(sim.stats(node(1).ip).triggers, 3);
    for (const i of [1, 2, 3]) {
      const times = sim.stats(node(i).ip).triggerTimes;
      for (let k = 1; k < times.length; k++) assert.ok(times[k] - times[k - 1] >= 995, `${name(i)}: triggers ${times[k] - times[k - 1]} ms apart, Retry-After 1 s`);
      assert.ok(times[times.length - 1] - times[0] <= 4500, `${name(i)} was still tried ${times[times.length - 1] - times[0]} ms after it first was busy`);
    }
    assert.equal(sim.stats(node(1).ip).runs, 1);
    assert.deepEqual(standinRuns(), {});
    assert.ok(run.t1 - run.t0 < 9000, `took ${run.t1 - run.t0} ms with --busy-timeout 4`);
    // the real instance's Retry-After (30 s, the service's) is past --busy-timeout: asked once, never again
    await sleep(100); // the service writes its log every 20 ms
    const posts = busyReal.svc.stdout.slice(logFrom).split('\n').filter((l) => l.includes(`POST ${PATHS.trigger}`));
    assert.equal(posts.length, 1, `${name(100)} was triggered ${posts.length} times:\n${posts.join('\n')}`);
    assert.equal(row(100).attempts, 1, JSON.stringify(row(100)));
  });

  describe('nodes that do not run', function () {
    const HANG_TIMEOUT = 2;
    const picked = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 20, 40, 60, 80, 100];
    const expected = {
      [name(1)]: 'ok', // simulated
      [name(2)]: 'changes',
      [name(3)]: 'failed',
      [name(4)]: 'busy',
      [name(5)]: 'disabled',
      [name(6)]: 'refused', // 403
      [name(7)]: 'refused', // a real instance that wants a token: 401
      [name(8)]: 'unreachable', // hangs: bounded by --timeout
      [name(9)]: 'refused', // 401
      [name(11)]: 'unreachable', // nothing listening
      [name(20)]: 'ok', // real instances from here
      [name(40)]: 'changes',
      [name(60)]: 'failed',
      [name(80)]: 'disabled',
      [name(100)]: 'busy',
    };
    const exits: Record<string, number> = { [name(1)]: 0, [name(2)]: 2, [name(3)]: 4, [name(20)]: 0, [name(40)]: 2, [name(60)]: 4 };
    const arrange = async () => {
      await simulate(2, { mode: 'changes' });
      await simulate(3, { mode: 'failed' });
      await simulate(4, { mode: 'busy' });
      await simulate(5, { mode: 'disabled', disabledMessage: 'maintenance' });
      await simulate(6, { mode: 'refuse', refuseStatus: 403 });
      await simulate(8, { mode: 'hang' });
      await simulate(9, { mode: 'refuse' });
      await simulate(11, { mode: 'unreachable' });
      instance(40).sb.setBehaviour({ sleep: 0.3, exit: 2 });
      instance(60).sb.setBehaviour({ sleep: 0.3, exit: 4 });
      instance(80).sb.writeDisabled('{"disabled_message":"maintenance"}');
      instance(100).sb.writeLock(instance(100).sb.spawnLiveProcess());
    };
    const command = ['--nodes', picked.map(name).join(','), '--concurrency', '20', '--timeout', String(HANG_TIMEOUT)];

    it('disabled, busy, refusing, hanging (--timeout) and unreachable nodes are reported as such, with exit status 1', async function () {
      await arrange();
      const run = await fleet([...command, '--json']);
      assert.equal(run.code, 1, shown(run));
      const d = doc(run);
      assert.deepEqual(outcomesOf(d), expected);
      for (const row of d.nodes) {
        assert.equal(row.exit_code, exits[row.node] ?? null, `${row.node} exit code: ${JSON.stringify(row)}`);
        if (row.outcome === 'changes') assert.equal(row.resources?.changed, 1, JSON.stringify(row));
        if (row.outcome === 'failed') assert.equal(row.resources?.failed, 1, JSON.stringify(row));
      }
      const status = (i: number) => d.nodes.find((r) => r.node === name(i))?.http_status;
      assert.deepEqual([status(4), status(5), status(6), status(7), status(9), status(80), status(100)], [409, 423, 403, 401, 401, 423, 409]);
      assert.deepEqual(d.summary, { total: 15, ok: 2, changes: 2, drift: 0, skipped: 0, unknown: 0, busy: 2, disabled: 2, refused: 3, unreachable: 2, failed: 2 });
      // sorted by outcome, then node
      const order = d.nodes.map((r) => [OUTCOMES.indexOf(r.outcome), r.node] as const);
      assert.deepEqual(order, [...order].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1)));
      // the hanging node took the request and never answered; the rollout still ended soon after --timeout
      assert.ok(sim.stats(node(8).ip).hung >= 1);
      assert.ok(run.t1 - run.t0 < (HANG_TIMEOUT + 5) * 1000, `took ${run.t1 - run.t0} ms with --timeout ${HANG_TIMEOUT}`);
      // at the nodes: only the ones that could run did, once each; none that refused or was busy ran
      assert.deepEqual(standinRuns(), { [name(20)]: 1, [name(40)]: 1, [name(60)]: 1 });
      assert.deepEqual([1, 2, 3, 4, 5, 6, 9].map((i) => sim.stats(node(i).ip).runs), [1, 1, 1, 0, 0, 0, 0]);
      assert.deepEqual([1, 2, 3, 4, 5].map((i) => sim.stats(node(i).ip).triggers), [1, 1, 1, 1, 1]);
    });

    it('the table says what the --json document says: the same nodes in the same order, outcomes, exit codes and counts', async function () {
      await arrange();
      const asJson = await fleet([...command, '--json']);
      await sim.idle();
      await Promise.all([20, 40, 60].map((i) => waitIdle(instance(i))));
      const asTable = await fleet(command);
      assert.equal(asTable.code, 1, shown(asTable));
      assert.equal(asJson.code, asTable.code);
      const d = doc(asJson);
      const t = parseTable(asTable.stdout);
      assert.deepEqual(
        t.rows.map((r) => [r.node, r.outcome, r.exit, r.changed, r.failed]),
        d.nodes.map((n) => [n.node, n.outcome, String(n.exit_code ?? '-'), String(n.resources?.changed ?? '-'), String(n.resources?.failed ?? '-')]),
      );
      assert.equal(t.total, d.summary.total);
      assert.deepEqual(t.counts, Object.fromEntries(OUTCOMES.filter((o) => d.summary[o] > 0).map((o) => [o, d.summary[o]])));
      for (const r of t.rows) {
        assert.ok(r.seconds === '-' || /^\d+\.\d$/.test(r.seconds), `SECONDS of ${r.node}: ${r.seconds}`);
        if (['busy', 'disabled', 'refused', 'unreachable', 'failed'].includes(r.outcome)) assert.notEqual(r.detail, '', `no DETAIL for ${r.node}`);
      }
      assert.equal(asTable.stderr, '', 'stderr is not a terminal: no progress line');
    });
  });

  it('--max-failures 3 stops the rollout: no new run after the third failure, the rest skipped and never asked', async function () {
    const picked = SIMULATED.filter((n) => indexOf(n) > 100).slice(0, 30);
    for (const n of picked) await simulate(indexOf(n), { mode: 'failed', runMs: 300 });
    const list = join(tmp, 'nodes.txt');
    writeFileSync(list, `# thirty nodes that all fail\n\n${picked.map((n) => n.certname).join('\n')}\n`);
    const run = await fleet(['--nodes-file', list, '--concurrency', '2', '--max-failures', '3', '--json']);
    assert.equal(run.code, 3, `exit status 3: the rollout stopped itself\n${shown(run)}`);
    const d = doc(run);
    assert.equal(d.max_failures, 3);
    assert.equal(d.stopped?.reason, 'max_failures');
    assert.equal(d.summary.total, 30);
    const failed = d.nodes.filter((n) => n.outcome === 'failed');
    const skipped = d.nodes.filter((n) => n.outcome === 'skipped');
    // the runs already going when the third failed may finish (and fail): at most concurrency - 1 more
    assert.ok(failed.length >= 3 && failed.length <= 4, `${failed.length} failed`);
    assert.equal(skipped.length + failed.length, 30);
    for (const s of skipped) {
      assert.equal(s.exit_code, null);
      assert.equal(s.attempts, 0);
      assert.equal(sim.stats((byName.get(s.node) as FleetNode).ip).triggers, 0, `${s.node} is skipped but was triggered`);
    }
    assert.deepEqual(sorted([...sim.triggerCounts().keys()]), sorted(failed.map((n) => (byName.get(n.node) as FleetNode).ip)));
    assert.ok(sim.peak.count <= 2);
  });

  describe('rollouts that stop themselves', function () {
    /** The simulated nodes among 101..`to`, in name order (the default --order). */
    const simulatedBetween = (from: number, to: number) => SIMULATED.filter((n) => indexOf(n) >= from && indexOf(n) <= to);
    const ipOf = (certname: string) => (byName.get(certname) as FleetNode).ip;

    it('a canary of 5 with one failing node stops the rollout: only those 5 run, the rest skipped, exit status 3', async function () {
      const picked = NODES.slice(100, 130); // node0101..node0130: 28 simulated, node0120 real
      const canary = picked.slice(0, 5);
      await simulate(indexOf(canary[2]), { mode: 'failed', runMs: 300 });
      const run = await fleet(['--nodes', picked.map((n) => n.certname).join(','), '--canary', '5', '--batch-size', '10', '--concurrency', '5', '--json']);
      assert.equal(run.code, 3, shown(run));
      const d = doc(run);
      assert.equal(d.stopped?.reason, 'canary');
      assert.match(d.stopped?.message ?? '', new RegExp(canary[2].certname.replace(/\./g, '\\.')));
      assert.equal(d.canary, 5);
      assert.deepEqual(sorted([...sim.triggerCounts().keys()]), sorted(canary.map((n) => n.ip)), 'only the canary was asked');
      assert.deepEqual(standinRuns(), {}, 'the real instance after the canary never ran');
      const outcomes = outcomesOf(d);
      for (const n of canary) assert.equal(outcomes[n.certname], n === canary[2] ? 'failed' : 'ok', n.certname);
      for (const n of picked.slice(5)) {
        assert.equal(outcomes[n.certname], 'skipped', n.certname);
        assert.match(String(d.nodes.find((r) => r.node === n.certname)?.error), /canary/);
      }
      assert.ok(d.nodes.filter((r) => r.batch === 0).length === 5 && d.nodes.every((r) => r.batch === 0 || r.batch === null));
    });

    it('batches of 20% with --batch-sleep 1: each batch starts only after the previous ended and the sleep passed (times at the nodes)', async function () {
      const picked = NODES.slice(200, 250); // 50 nodes: 2 of them real instances
      for (const n of picked.filter((x) => !isReal(indexOf(x)))) await simulate(indexOf(n), { mode: 'ok', runMs: 300 + (indexOf(n) % 3) * 100 });
      const run = await fleet(['--nodes', picked.map((n) => n.certname).join(','), '--batch-size', '20%', '--batch-sleep', '1', '--concurrency', '4', '--json']);
      assert.equal(run.code, 0, shown(run));
      const d = doc(run);
      assert.deepEqual([d.batch_size, d.batches, d.batch_sleep], [10, 5, 1]);
      const spans = await spansAtTheNodes(run);
      assert.equal(spans.length, 50);
      const batchOf = new Map(d.nodes.map((r) => [r.address, r.batch]));
      const byBatch = new Map<number, RunSpan[]>();
      for (const span of spans) {
        const b = batchOf.get(span.address);
        assert.ok(typeof b === 'number', `no batch for ${span.address}`);
        byBatch.set(b, [...(byBatch.get(b) ?? []), span]);
      }
      assert.deepEqual([...byBatch.keys()].sort(), [1, 2, 3, 4, 5]);
      for (let b = 1; b <= 5; b++) {
        const these = byBatch.get(b) as RunSpan[];
        assert.equal(these.length, 10, `batch ${b}`);
        assert.ok(peakConcurrency(these).count <= 4, `batch ${b}: ${peakConcurrency(these).count} at once`);
        if (b === 1) continue;
        const previousEnd = Math.max(...(byBatch.get(b - 1) as RunSpan[]).map((x) => x.end));
        const start = Math.min(...these.map((x) => x.start));
        // the sleep is measured by the client from the end it saw, which is after the node's: 1 s at least, less a
        // few ms of the two clocks' rounding
        assert.ok(start - previousEnd >= 990, `batch ${b} started ${start - previousEnd} ms after batch ${b - 1} ended`);
      }
      console.log(`      50 nodes in 5 batches of 10 (--concurrency 4, --batch-sleep 1): ${d.duration_seconds.toFixed(1)} s`);
    });

    it('--max-failures 5% over 1,000 nodes with 8% failing stops near 5%: the rest skipped and never asked', async function () {
      // 80 simulated nodes fail, spread over the fleet
      const failing = SIMULATED.filter((n) => indexOf(n) % 12 === 5).slice(0, 80);
      assert.equal(failing.length, 80);
      for (const n of failing) await simulate(indexOf(n), { mode: 'failed', runMs: 250 });
      const run = await fleet(['--query', 'inventory[certname] { facts.networking.ip ~ "^127\\\\.77\\\\." }', '--concurrency', '40', '--max-failures', '5%', '--token-file', tokenFile, '--json'], 120_000);
      assert.equal(run.code, 3, shown(run));
      const d = doc(run);
      assert.deepEqual([d.max_failures, d.max_failures_given, d.stopped?.reason], [50, '5%', 'max_failures']);
      const failed = d.nodes.filter((r) => r.outcome === 'failed').length;
      // the runs in flight when the 50th failed still end: at most concurrency - 1 more
      assert.ok(failed >= 50 && failed < 50 + 40, `${failed} failed`);
      const skipped = d.nodes.filter((r) => r.outcome === 'skipped');
      assert.ok(skipped.length > 100, `${skipped.length} skipped`);
      assert.equal(d.summary.total, 1000);
      assert.equal(d.summary.skipped + d.summary.ok + d.summary.failed, 1000, JSON.stringify(d.summary));
      for (const r of skipped) assert.equal(sim.triggerCounts().get(r.address as string) ?? standinRuns()[r.node] ?? 0, 0, `${r.node} skipped but asked`);
      console.log(`      --max-failures 5% (50) over 1,000 nodes with 80 failing: ${failed} failed, ${skipped.length} skipped, in ${d.duration_seconds.toFixed(1)} s`);
    });

    it('Ctrl-C once: nothing new starts, the runs in flight are waited for, the report is complete (exit status 130)', async function () {
      const picked = simulatedBetween(301, 360);
      for (const n of picked) await simulate(indexOf(n), { mode: 'ok', runMs: 1500 });
      let interruptedAt = 0;
      const run = await fleet(['--nodes', picked.map((n) => n.certname).join(','), '--concurrency', '10', '--json'], 60_000, {
        onSpawn: (proc) => {
          const poll = setInterval(() => {
            // the second wave is in flight
            if (sim.totalTriggers >= 15) {
              clearInterval(poll);
              interruptedAt = Date.now();
              proc.kill('SIGINT');
            }
          }, 20);
          proc.on('close', () => clearInterval(poll));
        },
      });
      assert.ok(interruptedAt > 0, 'the client ended before it was interrupted');
      assert.equal(run.code, 130, shown(run));
      assert.match(run.stderr, /interrupted: waiting for \d+ runs? in flight/);
      const d = doc(run);
      assert.equal(d.stopped?.reason, 'interrupted');
      assert.equal(d.nodes.length, picked.length);
      const ran = d.nodes.filter((r) => r.outcome === 'ok');
      const skipped = d.nodes.filter((r) => r.outcome === 'skipped');
      assert.equal(ran.length + skipped.length, picked.length, JSON.stringify(d.summary));
      assert.ok(ran.length >= 15 && ran.length <= 20, `${ran.length} ran`);
      // no run orphaned: every run triggered ended before the client did, and was reported as it ended
      const spans = sim.runSpans();
      assert.equal(spans.length, ran.length);
      for (const span of spans) assert.ok(span.end <= run.t1, `a run at ${span.address} outlived the client`);
      assert.deepEqual(sorted(ran.map((r) => r.address as string)), sorted([...sim.triggerCounts().keys()]));
      for (const r of ran) assert.match(String(r.run_id), /^\d{8}T\d{9}Z-[0-9a-f]{6}$/);
      assert.ok(run.t1 - interruptedAt >= 500, 'the client waited for the runs in flight');
    });

    it('Ctrl-C twice: the client stops waiting at once and reports the runs in flight as unknown', async function () {
      const picked = simulatedBetween(361, 380);
      for (const n of picked) await simulate(indexOf(n), { mode: 'ok', runMs: 8000 });
      let secondAt = 0;
      const run = await fleet(['--nodes', picked.map((n) => n.certname).join(','), '--concurrency', '5', '--json'], 60_000, {
        onSpawn: (proc) => {
          const poll = setInterval(() => {
            if (sim.running >= 5) {
              clearInterval(poll);
              proc.kill('SIGINT');
              setTimeout(() => {
                secondAt = Date.now();
                proc.kill('SIGINT');
              }, 300);
            }
          }, 20);
          proc.on('close', () => clearInterval(poll));
        },
      });
      assert.equal(run.code, 130, shown(run));
      assert.ok(secondAt > 0 && run.t1 - secondAt < 3000, `the client took ${run.t1 - secondAt} ms after the second Ctrl-C`);
      const d = doc(run);
      assert.deepEqual([d.summary.unknown, d.summary.skipped, d.summary.total], [5, picked.length - 5, picked.length], JSON.stringify(d.summary));
      for (const r of d.nodes.filter((x) => x.outcome === 'unknown')) assert.match(String(r.run_id), /^\d{8}T/, 'an unknown node names its run');
    });

    it('--order random --seed: the same seed gives the same order, another seed another', async function () {
      const picked = simulatedBetween(401, 440);
      const order = async (seed: string) => {
        sim.reset();
        const run = await fleet(['--nodes', picked.map((n) => n.certname).join(','), '--order', 'random', '--seed', seed, '--concurrency', '1', '--json'], 60_000);
        assert.equal(run.code, 0, shown(run));
        assert.deepEqual([doc(run).order, doc(run).seed], ['random', seed]);
        return sim.runSpans().sort((a, b) => a.start - b.start).map((x) => x.address);
      };
      for (const n of picked) await simulate(indexOf(n), { mode: 'ok', runMs: 20 });
      const a = await order('release-42');
      const b = await order('release-42');
      const c = await order('release-43');
      assert.deepEqual(a, b);
      assert.notDeepEqual(a, c);
      assert.notDeepEqual(a, [...a].sort(), 'not name order');
      assert.deepEqual(sorted(a), sorted(picked.map((n) => n.ip)));
    });

    it('--retry-from a failed rollout targets exactly its failed, unreachable and skipped nodes; --retry-outcomes narrows them', async function () {
      const picked = NODES.slice(500, 530); // node0501..node0530, two real instances
      const bad = [503, 507, 511];
      for (const i of bad) await simulate(i, { mode: 'failed', runMs: 200 });
      await simulate(505, { mode: 'unreachable' });
      const first = await fleet(['--nodes', picked.map((n) => n.certname).join(','), '--concurrency', '2', '--max-failures', '4', '--json']);
      assert.equal(first.code, 3, shown(first));
      const previous = join(tmp, 'previous.json');
      writeFileSync(previous, first.stdout);
      const notOk = doc(first).nodes.filter((r) => !['ok', 'changes', 'drift'].includes(r.outcome));
      assert.ok(notOk.some((r) => r.outcome === 'skipped') && notOk.some((r) => r.outcome === 'failed') && notOk.some((r) => r.outcome === 'unreachable'), JSON.stringify(doc(first).summary));

      // the nodes are mended; only those that did not end well run again
      for (const i of [...bad, 505]) await simulate(i, usual(node(i)));
      await sim.idle();
      sim.reset();
      for (const r of real.values()) r.sb.reset();
      const retry = await fleet(['--retry-from', previous, '--concurrency', '5', '--json']);
      assert.equal(retry.code, 0, shown(retry));
      const d = doc(retry);
      assert.deepEqual(sorted(d.nodes.map((r) => r.node)), sorted(notOk.map((r) => r.node)));
      assert.ok(d.nodes.every((r) => r.outcome === 'ok'));
      const askedSim = [...sim.triggerCounts().keys()];
      const askedReal = Object.keys(standinRuns()).map(ipOf);
      assert.deepEqual(sorted([...askedSim, ...askedReal]), sorted(notOk.map((r) => r.address as string)));

      sim.reset();
      const failedOnly = await fleet(['--retry-from', previous, '--retry-outcomes', 'failed', '--json']);
      assert.equal(failedOnly.code, 0, shown(failedOnly));
      assert.deepEqual(sorted(doc(failedOnly).nodes.map((r) => r.node)), sorted(notOk.filter((r) => r.outcome === 'failed').map((r) => r.node)));

      const none = await fleet(['--retry-from', join(tmp, 'missing.json')]);
      assert.equal(none.code, 2, shown(none));
      assert.match(none.stderr, /--retry-from/);
    });

    it('--format jsonl --output FILE killed with SIGKILL mid-rollout: --retry-from FILE triggers exactly the nodes whose run had not ended, said on stderr', async function () {
      const picked = simulatedBetween(441, 480);
      for (const n of picked) await simulate(indexOf(n), { mode: 'ok', runMs: 1500 });
      const file = join(tmp, 'killed.jsonl');
      let killedAt = 0;
      const killed = await fleet(['--nodes', picked.map((n) => n.certname).join(','), '--concurrency', '5', '--format', 'jsonl', '--output', file], 60_000, {
        onSpawn: (proc) => {
          const poll = setInterval(() => {
            // the third wave is in flight: the second ended 200 ms ago, the next ends in more than a second
            if (sim.totalTriggers >= 11) {
              clearInterval(poll);
              setTimeout(() => {
                killedAt = Date.now();
                proc.kill('SIGKILL');
              }, 200);
            }
          }, 20);
          proc.on('close', () => clearInterval(poll));
        },
      });
      assert.ok(killedAt > 0, 'the client ended before it was killed');
      assert.equal(killed.signal, 'SIGKILL', shown(killed));
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.equal(lines[0].event, 'start', 'the stream begins with its start line');
      assert.deepEqual(sorted((lines[0].nodes as { node: string; address: string }[]).map((n) => `${n.node} ${n.address}`)), sorted(picked.map((n) => `${n.certname} ${n.ip}`)));
      assert.ok(lines.slice(1).every((l) => l.event === 'node'), 'no end line: the stream was cut short');
      const recorded = new Set(lines.slice(1).map((l) => String(l.node)));
      // as the nodes see it: a run that ended before the kill has its line, the others (in flight, never started) have none
      await sim.idle();
      const endedBefore = new Set(sim.runSpans().filter((x) => x.end <= killedAt).map((x) => x.address));
      assert.deepEqual(sorted([...recorded].map(ipOf)), sorted(endedBefore));
      assert.ok(recorded.size >= 10 && recorded.size < picked.length, `${recorded.size} nodes ended before the kill`);
      const notEnded = picked.filter((n) => !endedBefore.has(n.ip));

      for (const n of picked) await simulate(indexOf(n), { mode: 'ok', runMs: 20 });
      sim.reset();
      const retry = await fleet(['--retry-from', file, '--concurrency', '10', '--json']);
      assert.equal(retry.code, 0, shown(retry));
      assert.match(retry.stderr, new RegExp(`--retry-from .*killed\\.jsonl: ${notEnded.length} nodes of the interrupted stream have no result: retried`));
      assert.deepEqual(sorted(doc(retry).nodes.map((r) => r.node)), sorted(notEnded.map((n) => n.certname)));
      assert.deepEqual(sorted(sim.triggerCounts().keys()), sorted(notEnded.map((n) => n.ip)), 'exactly the nodes whose run had not ended are triggered, each once');
      assert.ok([...sim.triggerCounts().values()].every((c) => c === 1));
    });
  });

  describe('results for machines and CI', function () {
    /** Twelve nodes: ok, changes, failed (2), disabled, unreachable, refused, the rest ok. */
    const mixed = async () => {
      const picked = NODES.slice(600, 612);
      await simulate(602, { mode: 'changes', runMs: 200 });
      await simulate(603, { mode: 'failed', runMs: 200 });
      await simulate(604, { mode: 'failed', runMs: 200 });
      await simulate(605, { mode: 'disabled', disabledMessage: 'maintenance <until> "friday" & later' });
      await simulate(606, { mode: 'unreachable' });
      await simulate(607, { mode: 'refuse', refuseStatus: 403 });
      return picked;
    };
    const notOk = ['failed', 'failed', 'disabled', 'unreachable', 'refused'];

    it('--format junit --output FILE: a JUnit report that validates against the schema, one test case per node, failures with outcome and message', async function () {
      const picked = await mixed();
      const file = join(tmp, 'fleet.xml');
      const run = await fleet(['--nodes', picked.map((n) => n.certname).join(','), '--format', 'junit', '--output', file]);
      assert.equal(run.code, 1, shown(run));
      assert.match(run.stdout, /^NODE\s+OUTCOME/, 'the table still goes to stdout');
      const xml = readFileSync(file, 'utf8');
      const lint = await runCli([], { command: ['xmllint', '--noout', '--schema', join(__dirname, '..', '..', '..', 'spec', 'fleet', 'junit.xsd'), file], timeoutMs: 20_000 });
      assert.equal(lint.code, 0, `xmllint: ${lint.stderr}\n${xml.slice(0, 3000)}`);
      assert.equal((xml.match(/<testcase\b/g) ?? []).length, 12);
      assert.equal((xml.match(/<failure\b/g) ?? []).length, notOk.length);
      assert.match(xml, /<testsuites\b[^>]*\btests="12"[^>]*\bfailures="5"/);
      assert.match(xml, new RegExp(`<testcase[^>]*name="${name(603).replace(/\./g, '\\.')}"[^>]*>\\s*<failure[^>]*message="failed: [^"]*exit code 4`));
      assert.match(xml, /maintenance &lt;until&gt; (&quot;|")friday(&quot;|") &amp; later/);
    });

    it('--format github: one ::error annotation per node that did not end well, and the Markdown summary in $GITHUB_STEP_SUMMARY', async function () {
      const picked = await mixed();
      const summary = join(tmp, 'step-summary.md');
      writeFileSync(summary, '# earlier step\n');
      const run = await fleet(['--nodes', picked.map((n) => n.certname).join(','), '--format', 'github'], 60_000, { env: { ...process.env, GITHUB_STEP_SUMMARY: summary } });
      assert.equal(run.code, 1, shown(run));
      const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error '));
      assert.equal(errors.length, notOk.length, run.stdout);
      // a workflow command's property escapes its ':' as %3A
      for (const i of [603, 604, 605, 606, 607]) assert.ok(errors.some((l) => l.startsWith(`::error title=puppet-twitch fleet%3A ${name(i)}::`)), `no annotation for ${name(i)}:\n${errors.join('\n')}`);
      assert.ok(errors.every((l) => !/[\r]/.test(l)));
      assert.match(run.stdout, /^NODE\s+OUTCOME/m);
      const md = readFileSync(summary, 'utf8');
      assert.ok(md.startsWith('# earlier step\n'), 'appended, not replaced');
      assert.match(md, /\n#+ .*puppet-twitch fleet/);
      for (const i of [603, 604]) assert.match(md, new RegExp(`\\| ${name(i).replace(/\./g, '\\.')} \\| failed \\|`));
    });

    it('--format jsonl: a start line, one line per node as it ends, then one for the rollout', async function () {
      const picked = await mixed();
      const run = await fleet(['--nodes', picked.map((n) => n.certname).join(','), '--format', 'jsonl', '--concurrency', '3']);
      assert.equal(run.code, 1, shown(run));
      const all = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      const start = all[0];
      assert.equal(start.event, 'start', 'the stream begins with the plan and every node');
      assert.deepEqual(sorted((start.nodes as { node: string }[]).map((n) => n.node)), sorted(picked.map((n) => n.certname)));
      assert.equal(start.concurrency, 3);
      const lines = all.slice(1);
      assert.equal(lines.length, 13);
      assert.ok(lines.slice(0, 12).every((l) => l.event === 'node'));
      assert.deepEqual(sorted(lines.slice(0, 12).map((l) => String(l.node))), sorted(picked.map((n) => n.certname)));
      const end = lines[12];
      assert.equal(end.event, 'end');
      assert.equal((end.summary as Record<string, number>).failed, 2);
      assert.equal(end.exit_status, 1);
    });
  });

  describe('exit status 2: nothing is triggered', function () {
    const nothingTriggered = () => {
      assert.equal(sim.totalTriggers, 0);
      assert.deepEqual(standinRuns(), {});
    };

    it('for a query PuppetDB cannot parse', async function () {
      const run = await fleet(['--query', 'inventory[certname] { facts.role = }']);
      assert.equal(run.code, 2, shown(run));
      assert.equal(run.stdout, '');
      // PuppetDB's own complaint, not a failure to reach it
      assert.match(run.stderr, /^puppet-twitch: .*PuppetDB/im);
      assert.doesNotMatch(run.stderr, /ECONNREFUSED|cannot connect/i);
      assert.equal(run.stderr.trim().split('\n').length, 1, 'one line');
      nothingTriggered();
    });

    it('for a query that matches no node', async function () {
      const run = await fleet(['--query', 'inventory[certname] { facts.role = "mainframe" }', '--json']);
      assert.equal(run.code, 2, shown(run));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /no nodes/i);
      nothingTriggered();
    });

    it('for a PuppetDB that does not answer', async function () {
      const run = await fleet(['--query', 'inventory[certname] { facts.role = "db" }', '--puppetdb', 'http://127.0.0.1:9']);
      assert.equal(run.code, 2, shown(run));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /PuppetDB.*127\.0\.0\.1:9/);
      nothingTriggered();
    });
  });

  describe('PuppetDB over TLS', function () {
    const query = 'inventory[certname] { certname in ["node0001.fleet.test", "node0002.fleet.test", "node0020.fleet.test"] }';
    const tlsArgs = () => ['--puppetdb', db.https, '--cacert', db.cacert, '--cert', db.cert, '--key', db.key];

    it('with --cacert, --cert and --key: the query and the addresses come over TLS', async function () {
      const run = await fleet([...tlsArgs(), '--query', query, '--json']);
      assert.equal(run.code, 0, shown(run));
      const d = doc(run);
      assert.deepEqual(outcomesOf(d), { [name(1)]: 'ok', [name(2)]: 'ok', [name(20)]: 'ok' });
      assert.deepEqual(d.nodes.map((n) => n.address).sort(), [node(1).ip, node(2).ip, node(20).ip].sort());
      assert.deepEqual(standinRuns(), { [name(20)]: 1 });
    });

    it('a PuppetDB certificate that does not chain to --cacert: exit status 2, nothing triggered', async function () {
      // the client's own certificate is no CA of the server's
      const run = await fleet([...tlsArgs().slice(0, 2), '--cacert', db.cert, '--cert', db.cert, '--key', db.key, '--query', query]);
      assert.equal(run.code, 2, shown(run));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /certificate|self.signed|verify/i);
      assert.equal(sim.totalTriggers, 0);
      assert.deepEqual(standinRuns(), {});
    });
  });
});

describe('fleet: the fleet simulator answers as the service does (checked against its OpenAPI document)', function () {
  let sim: FleetSimulator;
  const at = (n: number) => `127.77.250.${n}`;
  before(async function () {
    sim = await FleetSimulator.start([
      { address: at(1), behaviour: { mode: 'changes', runMs: 1000 } },
      { address: at(2), behaviour: { mode: 'busy', busyTriggers: 1, retryAfter: 1 } },
      { address: at(3), behaviour: { mode: 'disabled' } },
      { address: at(4), behaviour: { mode: 'refuse' } },
      { address: at(5), behaviour: { mode: 'hang' } },
      { address: at(6), behaviour: { mode: 'unreachable' } },
    ]);
  });
  after(async () => sim?.close());
  const ask = (n: number, path: string, method = 'GET', timeoutMs = 5000) =>
    request(sim.port, path, { host: at(n), method, headers: { Accept: 'application/json' }, timeoutMs });

  it('a trigger: 202, Location and the record; 409 while it runs; the record when it ends, held by wait=', async function () {
    const res = await ask(1, PATHS.trigger, 'POST');
    assert.equal(res.status, 202);
    const record = JSON.parse(res.body) as RunRecord;
    assert.equal(res.headers.location, `${PATHS.runs}/${record.id}`);
    assert.equal(record.state, 'running');
    assert.equal((await ask(1, PATHS.trigger, 'POST')).status, 409);
    const t0 = Date.now();
    const done = JSON.parse((await ask(1, `${res.headers.location}?wait=5`)).body) as RunRecord;
    assert.ok(Date.now() - t0 >= 50, 'wait= answered before the run ended');
    assert.deepEqual([done.state, done.outcome, done.exit_code, done.summary?.resources.changed], ['finished', 'changes', 2, 1]);
    const list = JSON.parse((await ask(1, `${PATHS.runs}?limit=1`)).body) as RunRecord[];
    assert.deepEqual(list.map((r) => r.id), [record.id]);
  });

  it('busy then free, disabled, refusing, hanging and unreachable nodes', async function () {
    const busy = await ask(2, PATHS.trigger, 'POST');
    assert.deepEqual([busy.status, busy.headers['retry-after']], [409, '1']);
    assert.equal((await ask(2, PATHS.trigger, 'POST')).status, 202);
    assert.equal((await ask(3, PATHS.trigger, 'POST')).status, 423);
    assert.equal((await ask(4, PATHS.trigger, 'POST')).status, 401);
    assert.equal((await ask(4, `${PATHS.runs}?limit=1`)).status, 401);
    await assert.rejects(ask(5, PATHS.trigger, 'POST', 300), /timed out/);
    await assert.rejects(ask(6, PATHS.trigger, 'POST'), /ECONNREFUSED/);
    assert.equal(sim.stats(at(5)).hung, 1);
    assert.deepEqual(sim.stats(at(2)).statuses, { 202: 1, 409: 1 });
  });

  it('counts the most runs in progress at once (spans are half-open)', function () {
    assert.deepEqual(peakConcurrency([]), { count: 0, at: null });
    assert.deepEqual(peakConcurrency([{ start: 0, end: 10 }, { start: 10, end: 20 }]), { count: 1, at: 0 });
    assert.deepEqual(peakConcurrency([{ start: 0, end: 10 }, { start: 5, end: 20 }, { start: 9, end: 9.5 }, { start: 12, end: 30 }]), { count: 3, at: 9 });
  });
});
