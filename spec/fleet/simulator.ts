// A fleet simulator: many puppet-twitch nodes in one process, for the fleet client's tests and benchmark.
//
// It speaks the service's HTTP API as far as a client triggering runs sees it, with the paths, texts, headers and
// limits of ts/http/api.ts: POST /puppet/twitch (202 + Location + the run record as JSON when the caller accepts
// JSON; async=false holds until the run ends), GET /puppet/runs/<id>?wait=S, GET /puppet/runs?limit=N, /healthz.
// Each simulated node is one node:http server on its own loopback address (127.77.x.y: all of 127.0.0.0/8 is
// loopback on Linux), every node on the same port, as a real fleet's nodes all listen on 2023. No puppet runs: a
// simulated run is a timer.
//
// Per node, a behaviour: ok (exit 0), changes (exit 2), failed (exit 4), drift (a noop run finding resources out
// of sync: exit 0, outcome noop_changes, and its resource report at GET /puppet/runs/<id>/report), busy (409 with Retry-After for the first
// K triggers, or for T seconds from the first trigger, or for ever; then a run), disabled (423), refuse (401 with
// the service's challenge, or 403), hang (takes the connection and the request and never answers) and unreachable
// (nothing listens on the address). A refusing node refuses its run records too, as a service whose tokens the
// client lacks. A node that is running answers a trigger 409, as the service does.
//
// The simulator counts, per node, the triggers, answers, probes and waits it saw, and, across the whole simulated
// fleet, how many runs were in progress at once (the highest count and when), with every run's start and end,
// so that a test can measure a client's concurrency at the nodes rather than take the client's word for it.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHALLENGE } from '../../ts/auth/gate';
import { ERROR_STATUS } from '../../ts/errors';
import { JSON_TYPE, MAX_WAIT_SECONDS, PATHS, RETRY_AFTER_SECONDS, runPath, TEXT } from '../../ts/api';
import type { RunOptions } from '../../ts/core/options';
import { describeFailure, outcomeOf } from '../../ts/puppet/outcome';
import { newRecord, type RunRecord } from '../../ts/core/records';

export type RunEnd = 'ok' | 'changes' | 'failed' | 'drift';
export type Mode = RunEnd | 'busy' | 'disabled' | 'refuse' | 'hang' | 'unreachable';

export interface NodeBehaviour {
  mode: Mode;
  /** how long a run lasts, ms (default 300) */
  runMs?: number;
  /** busy: answer 409 to this many triggers, then run */
  busyTriggers?: number;
  /** busy: answer 409 for this many seconds from the first trigger, then run (neither this nor busyTriggers: busy for ever) */
  busySeconds?: number;
  /** busy: how the run ends once the node is free (default ok) */
  then?: RunEnd;
  /** the Retry-After of a 409, seconds (default the service's RETRY_AFTER_SECONDS) */
  retryAfter?: number;
  /** refuse: 401 (default, with the service's WWW-Authenticate challenge) or 403 */
  refuseStatus?: 401 | 403;
  /** disabled: the message `puppet agent --disable` was given */
  disabledMessage?: string;
  /** drift: what its noop run finds out of sync, as `Type[title]` and property (default one File content) */
  drift?: Array<{ resource: string; property: string }>;
}

export interface SimulatedNode {
  address: string;
  behaviour: NodeBehaviour;
}

/** What one simulated node saw. */
export interface NodeStats {
  address: string;
  /** requests to the trigger path */
  triggers: number;
  /** runs it started */
  runs: number;
  /** GET /puppet/runs (the client's probe) */
  probes: number;
  /** GET /puppet/runs/<id> */
  polls: number;
  /** GET /puppet/runs/<id>/report */
  reports: number;
  /** requests it took and never answered (hang) */
  hung: number;
  /** answer status → how many */
  statuses: Record<number, number>;
  /** the query string of the last trigger */
  lastTriggerQuery: string | null;
  /** the Authorization header of the last trigger (null: none) */
  lastAuthorization: string | null;
  /** epoch ms of each trigger */
  triggerTimes: number[];
}

/** One run's span at a node, epoch ms, [start, end). */
export interface RunSpan {
  address: string;
  start: number;
  end: number;
}

export interface Peak {
  /** the most runs in progress at once */
  count: number;
  /** epoch ms when that count was first reached (null: no run) */
  at: number | null;
}

/** The most spans in progress at the same instant (spans are half-open: one ending as another starts is not an overlap). */
export function peakConcurrency(spans: readonly Pick<RunSpan, 'start' | 'end'>[]): Peak {
  const events: Array<[number, number]> = [];
  for (const s of spans) events.push([s.start, 1], [s.end, -1]);
  // ends before starts at the same ms
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak: Peak = { count: 0, at: null };
  for (const [at, delta] of events) {
    now += delta;
    if (now > peak.count) peak = { count: now, at };
  }
  return peak;
}

interface NodeState {
  address: string;
  behaviour: NodeBehaviour;
  server: http.Server | null;
  stats: NodeStats;
  records: RunRecord[];
  /** the run in progress, with those waiting for its end */
  running: { record: RunRecord; waiters: Array<() => void> } | null;
  busySince: number | null;
  busyAnswered: number;
  /** run id → what its report lists as out of sync */
  reportsOf: Map<string, Array<{ resource: string; property: string }>>;
}

const DEFAULT_RUN_MS = 300;
const EXIT_CODES: Record<RunEnd, number> = { ok: 0, changes: 2, failed: 4, drift: 0 };
const DEFAULT_DRIFT = [{ resource: 'File[/etc/motd]', property: 'content' }];

const freshStats = (address: string): NodeStats => ({
  address,
  triggers: 0,
  runs: 0,
  probes: 0,
  polls: 0,
  reports: 0,
  hung: 0,
  statuses: {},
  lastTriggerQuery: null,
  lastAuthorization: null,
  triggerTimes: [],
});

function listen(server: http.Server, address: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen({ host: address, port, exclusive: true }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** A port free on `address` right now (for a fleet to share). */
export async function freePort(address = '127.77.0.1'): Promise<number> {
  const probe = http.createServer();
  const port = await listen(probe, address, 0);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function runOptions(query: URLSearchParams): RunOptions {
  const options: RunOptions = {};
  const noop = query.get('noop');
  if (noop !== null) options.noop = noop === 'true';
  const list = (name: string) => query.get(name)?.split(',').filter((s) => s !== '');
  const tags = list('tags');
  if (tags) options.tags = tags;
  const skip = list('skip_tags');
  if (skip) options.skip_tags = skip;
  const environment = query.get('environment');
  if (environment !== null) options.environment = environment;
  return options;
}

/** Many simulated puppet-twitch nodes, one server per address, all on one port. */
export class FleetSimulator {
  private readonly nodes = new Map<string, NodeState>();
  private spans: RunSpan[] = [];
  private inProgress = 0;
  private livePeak: Peak = { count: 0, at: null };

  private constructor(readonly port: number) {}

  /**
   * Starts a server for every node that is not unreachable, on `port` (0: one picked on the first address, then
   * used for all). Rejects if any address cannot be bound (nothing is left listening then).
   */
  static async start(nodes: readonly SimulatedNode[], port = 0): Promise<FleetSimulator> {
    let shared = port;
    if (shared === 0) shared = await freePort(nodes[0]?.address);
    const sim = new FleetSimulator(shared);
    try {
      for (const node of nodes) {
        if (sim.nodes.has(node.address)) throw new Error(`simulated node ${node.address} is given twice`);
        sim.nodes.set(node.address, {
          address: node.address,
          behaviour: node.behaviour,
          server: null,
          stats: freshStats(node.address),
          records: [],
          running: null,
          busySince: null,
          busyAnswered: 0,
          reportsOf: new Map(),
        });
      }
      // a hundred at a time
      const states = [...sim.nodes.values()];
      for (let i = 0; i < states.length; i += 100) await Promise.all(states.slice(i, i + 100).map((s) => sim.open(s)));
    } catch (err) {
      await sim.close();
      throw err;
    }
    return sim;
  }

  get addresses(): string[] {
    return [...this.nodes.keys()];
  }

  private state(address: string): NodeState {
    const s = this.nodes.get(address);
    if (s === undefined) throw new Error(`no simulated node at ${address}`);
    return s;
  }

  private async open(s: NodeState): Promise<void> {
    if (s.behaviour.mode === 'unreachable' || s.server !== null) return;
    const server = http.createServer({ keepAlive: true }, (req, res) => this.handle(s, req, res));
    // a hanging node keeps its requests open for as long as the client waits
    server.requestTimeout = 0;
    server.headersTimeout = 60_000;
    s.server = server;
    await listen(server, s.address, this.port);
  }

  private async shut(s: NodeState): Promise<void> {
    const server = s.server;
    if (server === null) return;
    s.server = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** A new behaviour for a node, from now on: an unreachable node stops listening, any other one listens. */
  async setBehaviour(address: string, behaviour: NodeBehaviour): Promise<void> {
    const s = this.state(address);
    s.behaviour = behaviour;
    s.busySince = null;
    s.busyAnswered = 0;
    if (behaviour.mode === 'unreachable') await this.shut(s);
    else await this.open(s);
  }

  /** The same behaviour for many nodes. */
  async setBehaviours(addresses: readonly string[], behaviour: NodeBehaviour): Promise<void> {
    await Promise.all(addresses.map((a) => this.setBehaviour(a, behaviour)));
  }

  stats(address: string): NodeStats {
    return this.state(address).stats;
  }

  /** Every node's stats. */
  allStats(): NodeStats[] {
    return [...this.nodes.values()].map((s) => s.stats);
  }

  /** address → triggers, for nodes that saw at least one. */
  triggerCounts(): Map<string, number> {
    const out = new Map<string, number>();
    for (const s of this.nodes.values()) if (s.stats.triggers > 0) out.set(s.address, s.stats.triggers);
    return out;
  }

  get totalTriggers(): number {
    let n = 0;
    for (const s of this.nodes.values()) n += s.stats.triggers;
    return n;
  }

  /** The runs of a node, newest first, as its GET /puppet/runs lists them. */
  records(address: string): RunRecord[] {
    return [...this.state(address).records].reverse();
  }

  /** Every run's span at its node, finished or not (a run still going ends at Infinity). */
  runSpans(): RunSpan[] {
    return this.spans.map((span) => ({ ...span }));
  }

  /** The most runs in progress at once across the simulated fleet since the last reset, counted as they happened. */
  get peak(): Peak {
    return { ...this.livePeak };
  }

  /** Runs in progress now. */
  get running(): number {
    return this.inProgress;
  }

  /** Forgets counts, finished runs' spans and records (behaviours stay; a run in progress stays counted). */
  reset(): void {
    for (const s of this.nodes.values()) {
      s.stats = freshStats(s.address);
      s.records = s.running === null ? [] : [s.running.record];
      s.busySince = null;
      s.busyAnswered = 0;
    }
    this.spans = this.spans.filter((span) => span.end === Infinity);
    this.livePeak = { count: this.inProgress, at: this.inProgress === 0 ? null : Date.now() };
  }

  /** Resolves once no simulated run is in progress. */
  async idle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ([...this.nodes.values()].some((s) => s.running !== null)) {
      if (Date.now() > deadline) throw new Error(`simulated runs still in progress after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.nodes.values()].map((s) => this.shut(s)));
  }

  // ------------------------------------------------------------------------------------------ the API

  private send(s: NodeState, res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    s.stats.statuses[status] = (s.stats.statuses[status] ?? 0) + 1;
    const type = headers['Content-Type'] ?? 'text/plain; charset=utf-8';
    res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }

  private json(s: NodeState, res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
    this.send(s, res, status, JSON.stringify(value), { ...headers, 'Content-Type': JSON_TYPE });
  }

  private handle(s: NodeState, req: http.IncomingMessage, res: http.ServerResponse): void {
    // the body (none expected) is read and dropped, so that keep-alive goes on
    req.resume();
    const url = new URL(req.url ?? '/', 'http://simulated');
    const path = url.pathname;
    if (path === PATHS.trigger && (req.method === 'POST' || req.method === 'GET')) return this.trigger(s, req, res, url.searchParams);
    if (s.behaviour.mode === 'hang') {
      s.stats.hung += 1;
      return;
    }
    const isRuns = path === PATHS.runs || path.startsWith(`${PATHS.runs}/`);
    if (isRuns && s.behaviour.mode === 'refuse') {
      if (path === PATHS.runs) s.stats.probes += 1;
      return this.refuse(s, res);
    }
    if (path === PATHS.runs && req.method === 'GET') {
      s.stats.probes += 1;
      const limit = Number(url.searchParams.get('limit') ?? 100);
      return this.json(s, res, 200, this.records(s.address).slice(0, limit));
    }
    const report = /^\/puppet\/runs\/([^/]+)\/report$/.exec(path);
    if (report !== null && req.method === 'GET') {
      s.stats.reports += 1;
      return this.report(s, res, report[1]);
    }
    if (path.startsWith(`${PATHS.runs}/`) && req.method === 'GET') {
      s.stats.polls += 1;
      return this.poll(s, res, path.slice(PATHS.runs.length + 1), url.searchParams.get('wait'));
    }
    if (path === PATHS.healthz) return this.send(s, res, 200, TEXT.healthy);
    if (path === PATHS.info) return this.send(s, res, 200, TEXT.info);
    return this.send(s, res, 404, `Not found: ${path.slice(0, 200)}. Try POST ${PATHS.trigger}.`);
  }

  /** A node that wants credentials the client has not: 401 with the challenge, or 403. */
  private refuse(s: NodeState, res: http.ServerResponse): void {
    if (s.behaviour.refuseStatus === 403) return this.send(s, res, 403, 'Forbidden: this client may not trigger runs here.');
    return this.send(s, res, 401, 'Unauthorized: send a bearer token (Authorization: Bearer <token>).', { ...CHALLENGE });
  }

  private trigger(s: NodeState, req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): void {
    const b = s.behaviour;
    const now = Date.now();
    s.stats.triggers += 1;
    s.stats.triggerTimes.push(now);
    s.stats.lastTriggerQuery = query.toString();
    s.stats.lastAuthorization = req.headers.authorization ?? null;
    if (b.mode === 'hang') {
      s.stats.hung += 1;
      return;
    }
    if (b.mode === 'refuse') return this.refuse(s, res);
    if (b.mode === 'disabled') {
      const message = b.disabledMessage ?? null;
      return this.send(s, res, 423, message === null ? TEXT.disabled : `${TEXT.disabled}: ${message}`);
    }
    const busy = { 'Retry-After': String(b.retryAfter ?? RETRY_AFTER_SECONDS) };
    if (s.running !== null) return this.send(s, res, 409, TEXT.busy, busy);
    if (b.mode === 'busy') {
      s.busySince ??= now;
      const byCount = b.busyTriggers !== undefined && s.busyAnswered < b.busyTriggers;
      const byTime = b.busySeconds !== undefined && now - s.busySince < b.busySeconds * 1000;
      const forEver = b.busyTriggers === undefined && b.busySeconds === undefined;
      if (byCount || byTime || forEver) {
        s.busyAnswered += 1;
        return this.send(s, res, 409, TEXT.busy, busy);
      }
    }
    const { record, waiters } = this.startRun(s, query, req.socket.remoteAddress ?? null);
    const wantsJson = /\bapplication\/json\b/i.test(String(req.headers.accept ?? ''));
    const location = { Location: runPath(record.id) };
    if (query.get('async') === 'false') {
      // held until the run ends, as the service does
      waiters.push(() => {
        const outcome = outcomeOf(record.exit_code, null);
        const status = outcome.ok ? 200 : ERROR_STATUS.RUN_FAILED;
        if (wantsJson) this.json(s, res, status, record, location);
        else this.send(s, res, status, outcome.ok ? TEXT.complete : describeFailure(outcome), location);
      });
      return;
    }
    if (wantsJson) this.json(s, res, 202, record, location);
    else this.send(s, res, 202, TEXT.triggered, location);
  }

  private startRun(s: NodeState, query: URLSearchParams, client: string | null): NonNullable<NodeState['running']> {
    const b = s.behaviour;
    const end: RunEnd = b.mode === 'busy' ? (b.then ?? 'ok') : (b.mode as RunEnd);
    const start = new Date();
    const record: RunRecord = {
      ...newRecord({ source: 'http', client, identity: null, options: runOptions(query) }, start),
      state: 'running',
      started_at: start.toISOString(),
      pid: 100000 + Math.floor(Math.random() * 100000),
    };
    const span: RunSpan = { address: s.address, start: start.getTime(), end: Infinity };
    this.spans.push(span);
    s.records.push(record);
    s.reportsOf.set(record.id, end === 'drift' ? (b.drift ?? DEFAULT_DRIFT) : []);
    s.stats.runs += 1;
    const running = { record, waiters: [] as Array<() => void> };
    s.running = running;
    this.inProgress += 1;
    if (this.inProgress > this.livePeak.count) this.livePeak = { count: this.inProgress, at: span.start };
    const runMs = b.runMs ?? DEFAULT_RUN_MS;
    setTimeout(() => {
      const finished = new Date();
      const code = EXIT_CODES[end];
      const drifted = end === 'drift' ? (s.reportsOf.get(record.id) ?? []).length : 0;
      const outcome = end === 'drift' ? outcomeOf(code, null, false, true) : outcomeOf(code, null);
      Object.assign(record, {
        state: 'finished',
        finished_at: finished.toISOString(),
        exit_code: code,
        outcome: outcome.name,
        summary: {
          last_run: Math.floor(finished.getTime() / 1000),
          total_time: runMs / 1000,
          config_retrieval: null,
          config_version: '1700000000',
          environment: record.options.environment ?? 'production',
          resources: { changed: end === 'changes' ? 1 : 0, failed: end === 'failed' ? 1 : 0, out_of_sync: end === 'drift' ? drifted : end === 'ok' ? 0 : 1, total: 3 + drifted },
          events: { failure: end === 'failed' ? 1 : 0, success: end === 'changes' ? 1 : 0, noop: drifted, total: end === 'ok' ? 0 : Math.max(1, drifted) },
          changes: end === 'changes' ? 1 : 0,
        },
        output_tail: [`Notice: simulated run on ${s.address} finished with exit code ${code}`],
        error: outcome.ok ? null : describeFailure(outcome),
      } satisfies Partial<RunRecord>);
      span.end = finished.getTime();
      this.inProgress -= 1;
      s.running = null;
      for (const wake of running.waiters) wake();
    }, runMs);
    return running;
  }

  /** The run's resource report, as the service serves it (ts/puppet/report.ts): for a drift run its noop resources. */
  private report(s: NodeState, res: http.ServerResponse, id: string): void {
    const record = s.records.find((r) => r.id === id);
    const items = s.reportsOf.get(id);
    if (record === undefined || items === undefined || record.state !== 'finished') {
      return this.send(s, res, 404, `No report for run ${id.slice(0, 64)}.`);
    }
    const byResource = new Map<string, string[]>();
    for (const { resource, property } of items) byResource.set(resource, [...(byResource.get(resource) ?? []), property]);
    const resources = [...byResource].map(([resource, properties]) => {
      const m = /^([^[]+)\[(.*)\]$/.exec(resource) as RegExpExecArray;
      return {
        type: m[1],
        title: m[2],
        file: '/etc/puppetlabs/code/environments/production/manifests/site.pp',
        line: 1,
        state: 'noop',
        events: properties.map((property) => ({ property, previous_value: 'a', desired_value: 'b', status: 'noop', message: `current_value 'a', should be 'b' (noop)` })),
      };
    });
    return this.json(s, res, 200, { time: record.started_at, status: 'unchanged', noop: items.length > 0, resources, resources_left_out: 0, error: null });
  }

  private poll(s: NodeState, res: http.ServerResponse, id: string, wait: string | null): void {
    const record = s.records.find((r) => r.id === id);
    if (record === undefined) return this.send(s, res, 404, `No run ${id.slice(0, 64)}: GET ${PATHS.runs} lists the runs this node remembers.`);
    const seconds = Math.min(MAX_WAIT_SECONDS, Number(wait ?? 0) || 0);
    const running = s.running;
    if (seconds === 0 || running === null || running.record !== record) return this.json(s, res, 200, record);
    let answered = false;
    const answer = () => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      if (!res.destroyed) this.json(s, res, 200, record);
    };
    const timer = setTimeout(answer, seconds * 1000);
    running.waiters.push(answer);
  }
}
