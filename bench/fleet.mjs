#!/usr/bin/env node
// Benchmark for `puppet-twitch fleet`, the client that rolls Puppet runs out over many nodes.
//
// 1,000 simulated nodes (the fleet simulator of spec/fleet/simulator.ts, built into .build by
// `node ts/build.mjs tests`: one HTTP server per 127.77.x.y address, one shared port, each run a timer of
// --run-seconds), selected through a PuppetDB (--puppetdb URL, or PUPPETDB_HTTP from the environment, or one
// started with spec/fleet/puppetdb.sh for the run) and addressed by their networking.ip fact. The client
// (files/puppet-twitch.js fleet --concurrency 50 --json) runs as a child process; the report gives its wall time
// against the ideal (nodes / concurrency x run time, 40 s with the defaults), its peak RSS and CPU time, the
// most runs the nodes saw in progress at once, and the PuppetDB query time from the client's --json document.
// Then the same nodes again with a batch plan (--canary 10 --batch-size 10% --batch-sleep 1): its ideal is the
// sum of each batch's ideal (ceil(nodes in the batch / concurrency) x run time, from the batch each node ran in
// according to the --json document) plus the sleeps between batches.
// Without PuppetDB (--no-puppetdb, or none reachable and none can be started) the nodes are named by address
// in a --nodes-file.
// Prints a table and a JSON document; progress goes to stderr. Exits non-zero only when it cannot run.
// Only the Node standard library is used.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CannotRun, fail, readOptions, table } from './common.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const DEFAULTS = {
  node: process.env.TWITCH_BENCH_NODE || process.execPath,
  bundle: path.join(REPO, 'files', 'puppet-twitch.js'),
  nodes: 1000,
  concurrency: 50,
  runSeconds: 2,
  puppetdb: process.env.PUPPETDB_HTTP || null,
  usePuppetDb: true,
  feed: true,
  keepTmp: false,
  plans: ['flat', 'batches'],
  canary: 10,
  batchSize: '10%',
  batchSleep: 1,
};

const HELP = `Usage: node bench/fleet.mjs [options]

  --node PATH          node binary that runs the client (env TWITCH_BENCH_NODE; default: this node)
  --bundle PATH        the bundle (default: files/puppet-twitch.js)
  --nodes N            simulated nodes (default ${DEFAULTS.nodes}; at most 1000, the synthetic fleet)
  --concurrency N      the client's --concurrency (default ${DEFAULTS.concurrency})
  --run-seconds S      how long each simulated run lasts (default ${DEFAULTS.runSeconds})
  --puppetdb URL       a PuppetDB holding the synthetic fleet (default: env PUPPETDB_HTTP; else one is started
                       with spec/fleet/puppetdb.sh, which needs root, for the run and stopped after)
  --no-feed            do not store the nodes' facts in that PuppetDB first (they are already there)
  --no-puppetdb        no PuppetDB: the nodes are named by address in a --nodes-file
  --plan flat|batches|both
                       flat: one rollout at --concurrency; batches: the same nodes with --canary, --batch-size
                       and --batch-sleep (default both, one after the other, on the same simulated fleet)
  --canary N           the batch plan's canary (default ${DEFAULTS.canary})
  --batch-size N|N%    the batch plan's batch size (default ${DEFAULTS.batchSize})
  --batch-sleep S      the batch plan's sleep between batches (default ${DEFAULTS.batchSleep})
  --keep-tmp           keep the temp dir (nodes file, client output) for inspection
  --help               this text
`;

const log = (msg) => process.stderr.write(`[bench:fleet] ${msg}\n`);
const round = (x, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

function parseArgs(argv) {
  const o = { ...DEFAULTS };
  readOptions(argv, HELP, (a, val, num) => {
    switch (a) {
      case '--node': o.node = val(); break;
      case '--bundle': o.bundle = path.resolve(val()); break;
      case '--nodes': o.nodes = Math.floor(num(1, 1000)); break;
      case '--concurrency': o.concurrency = Math.floor(num(1, 10000)); break;
      case '--run-seconds': o.runSeconds = num(0.01, 600); break;
      case '--puppetdb': o.puppetdb = val().replace(/\/+$/, ''); break;
      case '--no-feed': o.feed = false; break;
      case '--no-puppetdb': o.usePuppetDb = false; break;
      case '--keep-tmp': o.keepTmp = true; break;
      case '--plan': {
        const plan = val();
        if (!['flat', 'batches', 'both'].includes(plan)) fail(`--plan is flat, batches or both, not '${plan}'`);
        o.plans = plan === 'both' ? ['flat', 'batches'] : [plan];
        break;
      }
      case '--canary': o.canary = Math.floor(num(1, 1000)); break;
      case '--batch-size': o.batchSize = val(); break;
      case '--batch-sleep': o.batchSleep = num(0, 600); break;
      default: return false;
    }
    return true;
  });
  if (o.node.includes('/')) o.node = path.resolve(o.node);
  return o;
}

// ---------------------------------------------------------------- state for cleanup

const state = { tmp: null, sim: null, puppetdbDir: null, client: null, keepTmp: false };

async function cleanup() {
  if (state.client && state.client.exitCode === null) state.client.kill('SIGKILL');
  if (state.sim) await state.sim.close().catch(() => {});
  state.sim = null;
  if (state.puppetdbDir) {
    log('stopping PuppetDB');
    try {
      execFileSync('bash', [path.join(REPO, 'spec/fleet/puppetdb.sh'), 'stop', state.puppetdbDir], { stdio: ['ignore', 'ignore', 'inherit'] });
      fs.rmSync(state.puppetdbDir, { recursive: true, force: true });
    } catch (e) {
      log(`stopping PuppetDB failed (its files are in ${state.puppetdbDir}): ${e.message}`);
    }
    state.puppetdbDir = null;
  }
  if (state.tmp && !state.keepTmp) fs.rmSync(state.tmp, { recursive: true, force: true });
}

// ---------------------------------------------------------------- PuppetDB

async function reachable(url) {
  try {
    const res = await fetch(`${url}/status/v1/services/puppetdb-status`, { signal: AbortSignal.timeout(3000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** The PuppetDB to use: given, from the environment, or started here; null when there is none. */
async function puppetDb(opts) {
  if (!opts.usePuppetDb) return null;
  if (opts.puppetdb !== null) {
    if (!(await reachable(opts.puppetdb))) fail(`PuppetDB at ${opts.puppetdb} does not answer (or give --no-puppetdb)`);
    return { url: opts.puppetdb, started: false, startSeconds: null };
  }
  const script = path.join(REPO, 'spec/fleet/puppetdb.sh');
  const installed = fs.existsSync('/usr/share/puppetdb/puppetdb.jar') || fs.existsSync('/opt/puppetlabs/server/apps/puppetdb');
  if (process.getuid?.() !== 0 || !installed || !fs.existsSync(script)) {
    log('no PuppetDB given, and none can be started here (needs root and the puppetdb package): the nodes go in a --nodes-file');
    return null;
  }
  state.puppetdbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fleet-puppetdb-'));
  log(`starting PuppetDB in ${state.puppetdbDir} (takes a while)`);
  const t0 = performance.now();
  execFileSync('bash', [script, 'start', state.puppetdbDir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const env = Object.fromEntries(
    fs.readFileSync(path.join(state.puppetdbDir, 'env'), 'utf8').split('\n').map((l) => /^([A-Z_0-9]+)=(.*)$/.exec(l)).filter(Boolean).map((m) => [m[1], m[2]]),
  );
  return { url: env.PUPPETDB_HTTP, started: true, startSeconds: round((performance.now() - t0) / 1000, 1) };
}

// ---------------------------------------------------------------- the client

// Loaded into the client with --require: writes its own resource usage to fd 3 as it exits.
const USAGE_PRELOAD = `
const fs = require('node:fs');
process.on('exit', () => {
  const u = process.resourceUsage();
  try { fs.writeSync(3, JSON.stringify({ maxRSS_kB: u.maxRSS, user_us: u.userCPUTime, system_us: u.systemCPUTime })); } catch {}
});
`;

function readProc(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1]);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { hwm_kB: hwm, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

function runClient(opts, args) {
  const preload = path.join(state.tmp, 'usage-preload.cjs');
  fs.writeFileSync(preload, USAGE_PRELOAD);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(opts.node, ['--require', preload, opts.bundle, 'fleet', ...args], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    state.client = child;
    let stdout = '';
    let stderr = '';
    let usage = '';
    child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
    child.stdio[3].setEncoding('utf8').on('data', (c) => (usage += c));
    // the same figures from /proc, sampled, in case the preload could not report
    let proc = null;
    const sampler = setInterval(() => (proc = readProc(child.pid) ?? proc), 100);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(sampler);
      const wall = (performance.now() - t0) / 1000;
      let own = null;
      try {
        own = JSON.parse(usage);
      } catch {
        // no report: the /proc samples stand in
      }
      const hz = 100;
      resolve({
        code,
        signal,
        stdout,
        stderr,
        wall_seconds: wall,
        peak_rss_mib: own ? own.maxRSS_kB / 1024 : proc ? proc.hwm_kB / 1024 : NaN,
        cpu_seconds: own ? (own.user_us + own.system_us) / 1e6 : proc ? proc.ticks / hz : NaN,
        cpu_user_seconds: own ? own.user_us / 1e6 : NaN,
        cpu_system_seconds: own ? own.system_us / 1e6 : NaN,
        measured_by: own ? 'process.resourceUsage() in the client' : '/proc samples (VmHWM, utime+stime)',
      });
    });
  });
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(opts.bundle)) fail(`bundle not found: ${opts.bundle} (run npm run build first)`);
  const help = spawn(opts.node, [opts.bundle, 'fleet', '--help'], { stdio: 'ignore' });
  if ((await new Promise((r) => help.on('close', r))) !== 0) fail(`${opts.bundle} has no fleet command`);

  log('building the simulator (node ts/build.mjs tests)');
  execFileSync(process.execPath, [path.join(REPO, 'ts/build.mjs'), 'tests'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const { FleetSimulator, freePort, peakConcurrency } = require(path.join(REPO, '.build/spec/fleet/simulator.js'));
  const { fleetNodes } = require(path.join(REPO, '.build/spec/fleet/nodes.js'));

  state.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fleet-'));
  state.keepTmp = opts.keepTmp;
  const nodes = fleetNodes(opts.nodes);
  const runMs = Math.round(opts.runSeconds * 1000);

  const db = await puppetDb(opts);
  let feedSeconds = null;
  if (db !== null && (db.started || opts.feed)) {
    log(`feeding ${nodes.length} nodes into ${db.url}`);
    const out = execFileSync(process.execPath, [path.join(REPO, '.build/spec/fleet/feed.js'), db.url, String(nodes.length)], { encoding: 'utf8' });
    feedSeconds = round(JSON.parse(out.trim().split('\n').pop()).seconds, 1);
  }

  const port = await freePort(nodes[0].ip);
  const t0 = performance.now();
  state.sim = await FleetSimulator.start(nodes.map((n) => ({ address: n.ip, behaviour: { mode: 'ok', runMs } })), port);
  const simStartMs = performance.now() - t0;
  log(`${nodes.length} simulated nodes on port ${port} (${Math.round(simStartMs)} ms)`);

  const common = ['--port', String(port), '--concurrency', String(opts.concurrency), '--json'];
  // the whole synthetic fleet by a query; fewer nodes by certname (their addresses still from PuppetDB); without
  // PuppetDB, by address
  const file = path.join(state.tmp, 'nodes.txt');
  let selection;
  if (db !== null && nodes.length === 1000) {
    selection = ['--puppetdb', db.url, '--address-fact', 'networking.ip', '--query', 'inventory[certname] { facts.networking.ip ~ "^127\\\\.77\\\\." }'];
  } else if (db !== null) {
    fs.writeFileSync(file, nodes.map((n) => n.certname).join('\n') + '\n');
    selection = ['--puppetdb', db.url, '--address-fact', 'networking.ip', '--nodes-file', file];
  } else {
    fs.writeFileSync(file, nodes.map((n) => n.ip).join('\n') + '\n');
    selection = ['--nodes-file', file];
  }
  const runs = [];
  for (const plan of opts.plans) {
    await state.sim.idle(60_000);
    state.sim.reset();
    const planArgs = plan === 'batches' ? ['--canary', String(opts.canary), '--batch-size', String(opts.batchSize), '--batch-sleep', String(opts.batchSleep)] : [];
    log(`running the client (${plan}): ${nodes.length} nodes, --concurrency ${opts.concurrency} ${planArgs.join(' ')}, ${opts.runSeconds} s runs`);
    const client = await runClient(opts, [...selection, ...common, ...planArgs]);
    if (opts.keepTmp) fs.writeFileSync(path.join(state.tmp, `client-${plan}.json`), client.stdout);
    let doc;
    try {
      doc = JSON.parse(client.stdout);
    } catch {
      fail(`the client (exit ${client.code}) printed no JSON document:\n${client.stdout.slice(0, 2000)}\n${client.stderr.slice(0, 2000)}`);
    }
    // the ideal: each batch's nodes in waves of --concurrency, one run time a wave, batch after batch, plus the sleeps
    const perBatch = new Map();
    for (const n of doc.nodes) if (n.batch !== null && n.batch !== undefined) perBatch.set(n.batch, (perBatch.get(n.batch) ?? 0) + 1);
    const batches = plan === 'flat' ? [nodes.length] : [...perBatch.keys()].sort((a, b) => a - b).map((b) => perBatch.get(b));
    const waves = batches.reduce((sum, count) => sum + Math.ceil(count / opts.concurrency), 0);
    const sleeps = plan === 'flat' ? 0 : Math.max(0, batches.length - 1) * opts.batchSleep;
    const ideal = plan === 'flat' ? (nodes.length / opts.concurrency) * opts.runSeconds : waves * opts.runSeconds + sleeps;
    const spans = state.sim.runSpans();
    const peak = peakConcurrency(spans);
    runs.push({
      plan,
      args: planArgs.join(' '),
      batches: batches.length,
      batch_sizes: plan === 'flat' ? null : batches,
      exit_code: client.code,
      signal: client.signal,
      wall_seconds: round(client.wall_seconds),
      reported_duration_seconds: round(doc.duration_seconds),
      ideal_seconds: round(ideal),
      ideal_is: plan === 'flat' ? `${nodes.length} / ${opts.concurrency} x ${opts.runSeconds} s` : `${waves} waves x ${opts.runSeconds} s + ${batches.length - 1} sleeps x ${opts.batchSleep} s`,
      ratio: round(client.wall_seconds / ideal, 3),
      peak_rss_mib: round(client.peak_rss_mib, 1),
      cpu_seconds: round(client.cpu_seconds),
      cpu_user_seconds: round(client.cpu_user_seconds),
      cpu_system_seconds: round(client.cpu_system_seconds),
      measured_by: client.measured_by,
      puppetdb_query_seconds: doc.puppetdb_query_seconds,
      summary: doc.summary,
      at_the_nodes: { triggers: state.sim.totalTriggers, runs: spans.length, max_in_progress: peak.count, max_in_progress_live: state.sim.peak.count },
    });
  }

  return {
    node_version: process.version,
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model ?? 'unknown',
    nodes: nodes.length,
    concurrency: opts.concurrency,
    run_seconds: opts.runSeconds,
    selection: db === null ? 'a nodes file of addresses' : nodes.length === 1000 ? 'a PuppetDB query, addresses from networking.ip' : 'a nodes file, addresses from networking.ip in PuppetDB',
    puppetdb: db === null ? null : { url: db.url, started_here: db.started, start_seconds: db.startSeconds, feed_seconds: feedSeconds },
    simulator_start_ms: Math.round(simStartMs),
    runs,
  };
}

function report(r) {
  const rows = [];
  for (const c of r.runs) {
    const name = (what) => `${c.plan}: ${what}`;
    rows.push(
      [name('wall time (client process)'), `${c.wall_seconds} s`, `ideal ${c.ideal_seconds} s (${c.ideal_is})`],
      [name('wall time / ideal'), `${c.ratio}x`, c.args === '' ? '' : c.args],
      [name('client peak RSS'), `${c.peak_rss_mib} MiB`, c.measured_by],
      [name('client CPU (user + sys)'), `${c.cpu_seconds} s`, Number.isFinite(c.cpu_user_seconds) ? `${c.cpu_user_seconds} + ${c.cpu_system_seconds} s` : ''],
      [name('max runs in progress at the nodes'), String(c.at_the_nodes.max_in_progress), `--concurrency ${r.concurrency}`],
      [name('triggers / runs at the nodes'), `${c.at_the_nodes.triggers} / ${c.at_the_nodes.runs}`, `${r.nodes} nodes${c.batch_sizes ? `, ${c.batches} batches` : ''}`],
      [name('PuppetDB query time (client)'), c.puppetdb_query_seconds === null || c.puppetdb_query_seconds === undefined ? 'n/a' : `${c.puppetdb_query_seconds} s`, r.puppetdb ? r.puppetdb.url : 'no PuppetDB'],
      [name('outcomes'), Object.entries(c.summary).filter(([k, v]) => k !== 'total' && v > 0).map(([k, v]) => `${v} ${k}`).join(', '), `exit ${c.exit_code}`],
    );
  }
  const out = [
    `puppet-twitch fleet benchmark — node ${r.node_version}, ${r.cpus} CPU(s) (${r.cpu_model}), ${r.selection}`,
    '',
    table(['metric', 'value', 'for comparison'], rows),
    '',
    JSON.stringify(r, null, 2),
  ];
  process.stdout.write(out.join('\n') + '\n');
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    log(`${sig}: stopping`);
    cleanup().finally(() => process.exit(130));
  });
}

try {
  const r = await main();
  await cleanup();
  report(r);
  process.exitCode = 0;
} catch (e) {
  log(e instanceof CannotRun ? `cannot run: ${e.message}` : `error: ${e && e.stack ? e.stack : e}`);
  await cleanup().catch((e2) => log(`cleanup failed: ${e2.message}`));
  process.exitCode = 1;
}
