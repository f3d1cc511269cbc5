#!/usr/bin/env node
// Benchmark for the puppet-twitch service bundle (files/puppet-twitch.js).
//
// Starts the service on loopback with a throw-away config whose "puppet" is a
// stand-in shell script that only sleeps, triggers one run so the service is
// busy, then measures start time, memory, latency and throughput with wrk, and how fast a new client gets
// /healthz while thousands of slow clients hold connections with unfinished requests.
// Prints a table and a JSON document. Exits non-zero only when it cannot run.
//
// Only the Node standard library is used; wrk is the load generator.

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CannotRun, fail, number, readOptions, table } from './common.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';
const MiB = 1024 * 1024;

// ---------------------------------------------------------------- options

const DEFAULTS = {
  node: process.env.TWITCH_BENCH_NODE || process.execPath,
  bundle: path.join(REPO, 'files', 'puppet-twitch.js'),
  wrk: process.env.TWITCH_BENCH_WRK || 'wrk',
  duration: 10, // seconds per throughput run
  rounds: 5, // the throughput runs are split into this many rounds, alternating with the bare server's
  latencyDuration: 3, // seconds per single-connection wrk latency run
  threads: 2,
  connections: 50,
  starts: 5,
  seqRequests: 2000, // sequential Node client requests per path
  settle: 1000, // ms after start before idle RSS is read
  rssCounts: '10000,100000',
  log: 'file', // service stdout/stderr: file (in the temp dir) | null (/dev/null)
  standinSleep: 600, // seconds the stand-in puppet sleeps
  slowClients: 5000, // connections holding an unfinished POST body (0: skip that measurement)
  accessLog: 'default', // the service's access_log setting
  // the service's limits: the busy answer measured is the 409 of a refused trigger, which one client's flood would
  // otherwise turn into 429 past limits.refused_triggers_per_minute (ten times triggers_per_minute)
  limits: '{"refused_triggers_per_minute":1000000000}',
  closeRequests: 100000, // Connection: close requests after which RSS is compared with the bare server's
  keepTmp: false,
};

const HELP = `Usage: node bench/run.mjs [options]

  --node PATH             node binary that runs the service (env TWITCH_BENCH_NODE;
                          default: the node running this script)
  --bundle PATH           service bundle (default: files/puppet-twitch.js)
  --wrk PATH              wrk binary (env TWITCH_BENCH_WRK; default: wrk from PATH)
  --duration S            seconds per throughput run (default ${DEFAULTS.duration})
  --rounds N              split each throughput run into N rounds alternating with the bare
                          server's; rates and ratios are the rounds' medians (default ${DEFAULTS.rounds})
  --latency-duration S    seconds per single-connection latency run (default ${DEFAULTS.latencyDuration})
  --threads N             wrk threads for throughput runs (default ${DEFAULTS.threads})
  --connections N         wrk connections for throughput runs (default ${DEFAULTS.connections})
  --starts N              service starts timed for the start metric (default ${DEFAULTS.starts})
  --seq-requests N        sequential Node-client requests per path (default ${DEFAULTS.seqRequests})
  --settle MS             wait after start before reading idle RSS (default ${DEFAULTS.settle})
  --rss-counts A,B        request counts after which RSS is read (default ${DEFAULTS.rssCounts})
  --log file|null         where the service's stdout/stderr go (default ${DEFAULTS.log})
  --standin-sleep S       seconds the stand-in puppet sleeps (default ${DEFAULTS.standinSleep})
  --limits JSON           the service's limits object (default: refused_triggers_per_minute 1e9, so the busy
                          answer stays a 409; '{}' for a build that does not know that key)
  --access-log MODE       the service's access_log: all, default or none (default ${DEFAULTS.accessLog})
  --close-requests N      Connection: close requests after which RSS is compared with the
                          bare server's (default ${DEFAULTS.closeRequests})
  --slow-clients N        connections that each hold an unfinished POST body while a new
                          client asks for /healthz (default ${DEFAULTS.slowClients}; 0 skips it)
  --keep-tmp              keep the temp dir (config, logs) for inspection
  --help                  this text
`;

function parseArgs(argv) {
  const o = { ...DEFAULTS };
  readOptions(argv, HELP, (a, val, num) => {
    switch (a) {
      case '--node': o.node = val(); break;
      case '--bundle': o.bundle = path.resolve(val()); break;
      case '--wrk': o.wrk = val(); break;
      case '--duration': o.duration = num(1, 600); break;
      case '--rounds': o.rounds = Math.floor(num(1, 100)); break;
      case '--latency-duration': o.latencyDuration = num(1, 600); break;
      case '--threads': o.threads = Math.floor(num(1, 64)); break;
      case '--connections': o.connections = Math.floor(num(1, 10000)); break;
      case '--starts': o.starts = Math.floor(num(1, 100)); break;
      case '--seq-requests': o.seqRequests = Math.floor(num(1, 1e6)); break;
      case '--settle': o.settle = num(0, 60000); break;
      case '--rss-counts': o.rssCounts = val(); break;
      case '--log': o.log = val(); if (!['file', 'null'].includes(o.log)) fail('--log: file or null'); break;
      case '--standin-sleep': o.standinSleep = Math.floor(num(10, 86400)); break;
      case '--limits': o.limits = val(); break;
      case '--access-log': o.accessLog = val(); if (!['all', 'default', 'none'].includes(o.accessLog)) fail('--access-log: all, default or none'); break;
      case '--close-requests': o.closeRequests = Math.floor(num(2, 1e7)); break;
      case '--slow-clients': o.slowClients = Math.floor(num(0, 50000)); break;
      case '--keep-tmp': o.keepTmp = true; break;
      default: return false;
    }
    return true;
  });
  // the service runs with the temp dir as cwd: make relative binary paths absolute
  if (o.node.includes('/')) o.node = path.resolve(o.node);
  if (o.wrk.includes('/')) o.wrk = path.resolve(o.wrk);
  if (o.connections < o.threads) o.connections = o.threads;
  o.rssCountList = String(o.rssCounts).split(',').map((s) => Math.floor(number('--rss-counts', s, 1, 1e8)));
  for (let i = 1; i < o.rssCountList.length; i++) {
    if (o.rssCountList[i] <= o.rssCountList[i - 1]) fail('--rss-counts must be increasing');
  }
  return o;
}

// ---------------------------------------------------------------- helpers


const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
const median = (xs) => percentile([...xs].sort((a, b) => a - b), 50);
const round = (x, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, HOST, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function tryConnect(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: HOST, port });
    const done = (ok) => {
      sock.removeAllListeners();
      sock.on('error', () => {});
      sock.destroy();
      resolve(ok);
    };
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
    sock.setTimeout(1000, () => done(false));
  });
}

function readStatusKb(pid, field) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}
const rssMiB = (pid) => readStatusKb(pid, 'VmRSS') / 1024;

/** /proc/<pid>/stat's fields after the command name: [0] is the state (field 3 of proc(5)). */
function statFields(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}
const readPgid = (pid) => Number(statFields(pid)?.[2] ?? NaN); // state, ppid, pgrp
const CLOCK_TICK_US = 1e6 / (Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100);
/** The CPU time (user + system) a process has used so far, in µs. */
function cpuUs(pid) {
  const f = statFields(pid);
  return f === undefined ? NaN : (Number(f[11]) + Number(f[12])) * CLOCK_TICK_US; // utime, stime
}
/** A wrk run's result with the CPU time the server process `pid` spent per request during it. */
async function withCpu(pid, run) {
  const before = cpuUs(pid);
  const x = await run();
  return { ...x, cpu_us_per_request: round((cpuUs(pid) - before) / x.requests, 1) };
}
const alive = (pid) => fs.existsSync(`/proc/${pid}`);

function httpRequest(port, method, reqPath, agent, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      { host: HOST, port, method, path: reqPath, agent, headers: method === 'POST' ? { 'Content-Length': '0' } : {} },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${reqPath}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

// ---------------------------------------------------------------- state for cleanup

const state = {
  tmp: null,
  services: new Set(), // ChildProcess
  wrks: new Set(), // ChildProcess
  pidsFile: null,
  cleaned: false,
  interrupted: false,
};
const OWN_PGID = readPgid(process.pid);

// ---------------------------------------------------------------- setup

const LUA = String.raw`
-- wrk script: counts response codes per thread; optional per-thread response limit.
-- args: METHOD EXPECTED_STATUS LIMIT_PER_THREAD(0 = none)
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = args[1] or "GET"
  if wrk.method == "POST" then wrk.body = "" end
  expected = tonumber(args[2] or "200")
  limit = tonumber(args[3] or "0")
  ok = 0
  bad = 0
  codes = {}
  stopped = false
end

function response(status, headers, body)
  if status == expected then
    ok = ok + 1
  else
    bad = bad + 1
    codes[status] = (codes[status] or 0) + 1
  end
  if limit > 0 and not stopped and ok + bad >= limit then
    stopped = true
    io.write("BENCH_LIMIT\n")
    io.flush()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local tok, tbad, parts = 0, 0, {}
  for _, t in ipairs(threads) do
    tok = tok + (t:get("ok") or 0)
    tbad = tbad + (t:get("bad") or 0)
    local c = t:get("codes")
    if type(c) == "table" then
      for k, v in pairs(c) do table.insert(parts, tostring(k) .. ":" .. tostring(v)) end
    end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"ok":%d,"bad":%d,"codes":"%s",' ..
    '"err_connect":%d,"err_read":%d,"err_write":%d,"err_status":%d,"err_timeout":%d,' ..
    '"lat_mean_us":%.3f,"lat_stdev_us":%.3f,"lat_max_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, tok, tbad, table.concat(parts, ","),
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9)))
  io.flush()
end
`;

// Run as its own process with a raised open-files limit: opens N connections that each send the headers of a
// POST with Content-Length: 1000 and a few bytes of the body, then nothing more; then times new clients'
// GET /healthz on fresh connections. Prints one JSON line.
const SLOW_CLIENTS = String.raw`
import net from 'node:net';
import { performance } from 'node:perf_hooks';
const [host, port, count] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const HEAD = 'POST /puppet/twitch HTTP/1.1\r\nHost: bench\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
  'Content-Length: 1000\r\n\r\nasync=f';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function openSlow() {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.on('error', () => {});
    s.once('connect', () => { s.write(HEAD); resolve(s); });
    s.once('close', () => resolve(s));
  });
}

function healthz() {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const s = net.connect({ host, port });
    let got = '';
    let settled = false;
    const done = (status) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      s.destroy();
      resolve({ status, ms: Math.round((performance.now() - t0) * 100) / 100 });
    };
    const timer = setTimeout(() => done('no answer within 5 s'), 5000);
    s.on('error', () => {});
    s.once('connect', () => s.write('GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n'));
    s.on('data', (d) => { got += d; });
    s.once('close', () => {
      const m = /^HTTP\/1\.1 (\d{3}) /.exec(got);
      done(m && got.endsWith('\r\n\r\nok') ? Number(m[1]) : 'connection closed without an answer');
    });
  });
}

const sockets = [];
const t0 = performance.now();
while (sockets.length < count) {
  const n = Math.min(250, count - sockets.length);
  sockets.push(...(await Promise.all(Array.from({ length: n }, openSlow))));
  await sleep(50); // let the service read the batch (and the listen queue drain)
}
const openMs = performance.now() - t0;
await sleep(500);
const samples = [];
for (let i = 0; i < 5; i++) {
  samples.push(await healthz());
  await sleep(100);
}
const closed = sockets.filter((s) => s.destroyed || s.readableEnded).length;
process.stdout.write(JSON.stringify({ opened: sockets.length, open_ms: Math.round(openMs), closed_by_service: closed, healthz: samples }) + '\n');
for (const s of sockets) s.resetAndDestroy();
`;

// The yardstick: a bare node:http server, run by the same node binary, that answers "ok" to every request.
const BARE_SERVER = String.raw`
const http = require('node:http');
const [host, port] = [process.argv[2], Number(process.argv[3])];
http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': 2 });
  res.end('ok');
}).listen(port, host);
`;

// Raises the soft open-files limit (to the hard limit when 65536 is not allowed), then runs the command.
const RAISE_OPEN_FILES = 'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"';

function setupTmp(opts) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'puppet-twitch-bench-'));
  state.tmp = tmp;
  const standin = path.join(tmp, 'puppet-standin.sh');
  const pidsFile = path.join(tmp, 'puppet-standin.pids');
  state.pidsFile = pidsFile;
  fs.writeFileSync(
    standin,
    [
      '#!/bin/sh',
      '# STAND-IN FOR PUPPET, written by bench/run.mjs. It is not puppet: it records',
      '# its PID, sleeps so the service stays busy for the whole benchmark, exits 0.',
      `echo "$$" >> '${pidsFile}'`,
      `sleep ${opts.standinSleep}`,
      'exit 0',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  const manifest = path.join(tmp, 'site.pp');
  fs.writeFileSync(manifest, '# dummy manifest for the benchmark; the stand-in puppet never reads it\n');
  const runDir = path.join(tmp, 'run');
  fs.mkdirSync(runDir);
  const config = {
    bind: HOST,
    port: 0,
    run_dir: runDir,
    state_dir: path.join(tmp, 'records'),
    access_log: opts.accessLog,
    ...(opts.limits === '{}' ? {} : { limits: JSON.parse(opts.limits) }),
    puppet: {
      bin: standin,
      mode: 'apply',
      manifest,
      sudo: false,
      statedir: tmp, // puppet's lock files, never written: the stand-in takes no lock
      lastrunfile: path.join(tmp, 'last_run_summary.yaml'),
      args: [],
    },
  };
  const configFile = path.join(tmp, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2) + '\n', { mode: 0o644 });
  const luaFile = path.join(tmp, 'count.lua');
  fs.writeFileSync(luaFile, LUA);
  const slowClientsFile = path.join(tmp, 'slow-clients.mjs');
  fs.writeFileSync(slowClientsFile, SLOW_CLIENTS);
  const bareFile = path.join(tmp, 'bare-server.cjs');
  fs.writeFileSync(bareFile, BARE_SERVER);
  return { tmp, configFile, luaFile, slowClientsFile, bareFile, standin };
}

// ---------------------------------------------------------------- service control

function spawnService(opts, env, port, tag, { raiseOpenFiles = false } = {}) {
  const out = opts.log === 'null' ? '/dev/null' : path.join(env.tmp, `service-${tag}.log`);
  const fd = fs.openSync(out, 'a');
  const t0 = performance.now();
  const command = [opts.node, opts.bundle, 'serve', '--config', env.configFile, '--port', String(port)];
  // bash execs the service, so the child's PID is the service's
  const argv = raiseOpenFiles ? ['bash', '-c', RAISE_OPEN_FILES, 'bash', ...command] : command;
  const child = spawn(argv[0], argv.slice(1), {
    stdio: ['ignore', fd, fd],
    cwd: env.tmp,
  });
  fs.closeSync(fd);
  child.logFile = opts.log === 'null' ? null : out;
  return tracked(child, t0);
}

function spawnBare(opts, env, port) {
  const t0 = performance.now();
  return tracked(spawn(opts.node, [env.bareFile, HOST, String(port)], { stdio: ['ignore', 'ignore', 'inherit'], cwd: env.tmp }), t0);
}

/** A started server process, stopped at cleanup; `exited` resolves with how it ended. */
function tracked(child, t0) {
  child.t0 = t0;
  child.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      state.services.delete(child);
      resolve({ code, signal });
    });
  });
  child.once('error', (e) => {
    child.spawnError = e;
  });
  state.services.add(child);
  return child;
}

async function waitAccepting(opts, child, port, timeoutMs = 10000) {
  const deadline = child.t0 + timeoutMs;
  for (let attempt = 0; attempt < 100000; attempt++) {
    if (child.spawnError) fail(`cannot start ${opts.node}: ${child.spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      const tail = child.logFile && fs.existsSync(child.logFile) ? fs.readFileSync(child.logFile, 'utf8').slice(-2000) : '';
      fail(`service exited (code ${child.exitCode}, signal ${child.signalCode}) before accepting on port ${port}\n${tail}`);
    }
    if (await tryConnect(port)) return performance.now() - child.t0;
    if (performance.now() > deadline) fail(`service did not accept on ${HOST}:${port} within ${timeoutMs} ms`);
    await sleep(1);
  }
  fail('service did not accept connections');
}

async function stopService(child, timeoutMs = 10000) {
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode, ms: 0 };
  const t0 = performance.now();
  child.kill('SIGTERM');
  const r = await Promise.race([child.exited, sleep(timeoutMs).then(() => null)]);
  if (r) return { ...r, ms: performance.now() - t0 };
  child.kill('SIGKILL');
  const k = await Promise.race([child.exited, sleep(2000).then(() => ({ code: null, signal: 'SIGKILL' }))]);
  return { ...k, ms: performance.now() - t0, forced: true };
}

function standinPids() {
  if (!state.pidsFile || !fs.existsSync(state.pidsFile)) return [];
  return fs
    .readFileSync(state.pidsFile, 'utf8')
    .split(/\s+/)
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 1);
}

function isOurStandin(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(state.tmp);
  } catch {
    return false;
  }
}

async function killStandins() {
  const pids = standinPids();
  const groups = new Set();
  for (const pid of pids) {
    if (!alive(pid) || !isOurStandin(pid)) continue;
    const pgid = readPgid(pid);
    if (Number.isInteger(pgid) && pgid > 1 && pgid !== OWN_PGID) groups.add(pgid);
  }
  const signalAll = (sig) => {
    for (const g of groups) {
      try { process.kill(-g, sig); } catch { /* gone */ }
    }
    for (const pid of pids) {
      if (alive(pid) && isOurStandin(pid)) {
        try { process.kill(pid, sig); } catch { /* gone */ }
      }
    }
  };
  signalAll('SIGTERM');
  for (let i = 0; i < 40 && pids.some((p) => alive(p) && isOurStandin(p)); i++) await sleep(50);
  if (pids.some((p) => alive(p) && isOurStandin(p))) {
    signalAll('SIGKILL');
    await sleep(100);
  }
  const left = pids.filter((p) => alive(p) && isOurStandin(p));
  return { pids, groups: [...groups], left };
}

async function cleanup(opts) {
  if (state.cleaned) return null;
  state.cleaned = true;
  for (const w of state.wrks) {
    try { w.kill('SIGKILL'); } catch { /* gone */ }
  }
  const stops = [];
  for (const s of [...state.services]) stops.push(await stopService(s, 5000));
  const standins = await killStandins();
  if (state.tmp && !(opts && opts.keepTmp)) fs.rmSync(state.tmp, { recursive: true, force: true });
  return { stops, standins };
}

// ---------------------------------------------------------------- wrk

function runWrk(opts, env, port, spec) {
  const { name, method, reqPath, expected, close = false, threads, connections, duration, limitTotal = 0 } = spec;
  const limitPerThread = limitTotal > 0 ? Math.ceil(limitTotal / threads) : 0;
  const args = ['-t', String(threads), '-c', String(connections), '-d', `${duration}s`, '--timeout', '5s', '--latency', '-s', env.luaFile];
  if (close) args.push('-H', 'Connection: close');
  args.push(`http://${HOST}:${port}${reqPath}`, '--', method, String(expected), String(limitPerThread));
  return new Promise((resolve, reject) => {
    const w = spawn(opts.wrk, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    state.wrks.add(w);
    let out = '';
    let err = '';
    let limits = 0;
    let interrupted = false;
    const hardTimer = setTimeout(() => {
      try { w.kill('SIGKILL'); } catch { /* gone */ }
    }, (duration + 20) * 1000);
    w.stdout.on('data', (d) => {
      out += d;
      const n = (out.match(/^BENCH_LIMIT$/gm) || []).length;
      if (n !== limits) {
        limits = n;
        if (limitPerThread > 0 && limits >= threads && !interrupted) {
          interrupted = true;
          w.kill('SIGINT'); // all threads reached their count: end the run now
        }
      }
    });
    w.stderr.on('data', (d) => { err += d; });
    w.once('error', (e) => {
      clearTimeout(hardTimer);
      state.wrks.delete(w);
      reject(new CannotRun(`cannot run wrk (${opts.wrk}): ${e.message}`));
    });
    w.once('close', (code, signal) => {
      clearTimeout(hardTimer);
      state.wrks.delete(w);
      const m = out.match(/^BENCH_RESULT (\{.*\})$/m);
      if (!m) {
        reject(new CannotRun(`wrk run '${name}' gave no result (exit ${code}, signal ${signal})\n${out}\n${err}`));
        return;
      }
      const r = JSON.parse(m[1]);
      const seconds = r.duration_us / 1e6;
      const codes = {};
      for (const part of r.codes.split(',').filter(Boolean)) {
        const [k, v] = part.split(':').map(Number);
        codes[k] = (codes[k] || 0) + v;
      }
      resolve({
        name,
        method,
        path: reqPath,
        expected,
        connection: close ? 'close' : 'keep-alive',
        threads,
        connections,
        seconds: round(seconds, 3),
        requests: r.requests,
        rps: round(r.requests / seconds, 0),
        ok: r.ok,
        unexpected: r.bad,
        unexpected_codes: codes,
        socket_errors: { connect: r.err_connect, read: r.err_read, write: r.err_write, timeout: r.err_timeout },
        latency_us: { mean: round(r.lat_mean_us, 1), stdev: round(r.lat_stdev_us, 1), p50: r.p50_us, p90: r.p90_us, p99: r.p99_us, p999: r.p999_us, max: r.lat_max_us },
      });
    });
  });
}

/** Rounds of one load → one result: requests and errors summed, the median round's rate and latencies. */
function combineRounds(rounds) {
  const byRate = [...rounds].sort((a, b) => a.rps - b.rps);
  const mid = byRate[Math.floor((byRate.length - 1) / 2)];
  const sum = (f) => rounds.reduce((a, x) => a + f(x), 0);
  const socketErrors = {};
  for (const key of Object.keys(mid.socket_errors)) socketErrors[key] = sum((x) => x.socket_errors[key]);
  const codes = {};
  for (const x of rounds) for (const [k, v] of Object.entries(x.unexpected_codes)) codes[k] = (codes[k] || 0) + v;
  return {
    ...mid,
    seconds: round(sum((x) => x.seconds), 3),
    requests: sum((x) => x.requests),
    rps: round(median(rounds.map((x) => x.rps)), 0),
    rounds_rps: rounds.map((x) => x.rps),
    cpu_us_per_request: round(median(rounds.map((x) => x.cpu_us_per_request)), 1),
    ok: sum((x) => x.ok),
    unexpected: sum((x) => x.unexpected),
    unexpected_codes: codes,
    socket_errors: socketErrors,
  };
}

// ---------------------------------------------------------------- phases

async function measureStarts(opts, env) {
  const samples = [];
  const stops = [];
  for (let i = 0; i < opts.starts; i++) {
    const port = await freePort();
    const child = spawnService(opts, env, port, `start${i + 1}`);
    const ms = await waitAccepting(opts, child, port);
    samples.push(ms);
    stops.push(await stopService(child));
    log(`start ${i + 1}/${opts.starts}: accepting after ${ms.toFixed(1)} ms`);
  }
  return { samples, stops };
}

function openFilesSoftLimit(pid) {
  try {
    const line = fs.readFileSync(`/proc/${pid}/limits`, 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft !== undefined && /^\d+$/.test(soft) ? Number(soft) : null;
  } catch {
    return null;
  }
}

function runSlowClients(env, port, count) {
  return new Promise((resolve, reject) => {
    const c = spawn('bash', ['-c', RAISE_OPEN_FILES, 'bash', process.execPath, env.slowClientsFile, HOST, String(port), String(count)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    state.wrks.add(c);
    let out = '';
    let err = '';
    const timer = setTimeout(() => c.kill('SIGKILL'), 300000);
    c.stdout.on('data', (d) => { out += d; });
    c.stderr.on('data', (d) => { err += d; });
    c.once('error', (e) => reject(new CannotRun(`cannot run the slow clients: ${e.message}`)));
    c.once('close', (code, signal) => {
      clearTimeout(timer);
      state.wrks.delete(c);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) reject(new CannotRun(`slow clients gave no result (exit ${code}, signal ${signal})\n${out}\n${err}`));
      else resolve(JSON.parse(line));
    });
  });
}

// A fresh instance (default max_connections, open-files limit raised) flooded with connections that each hold an
// unfinished POST body; a new client must still get /healthz quickly, and none of them may start a run.
async function measureSlowClients(opts, env) {
  const port = await freePort();
  const child = spawnService(opts, env, port, 'slow', { raiseOpenFiles: true });
  await waitAccepting(opts, child, port);
  const runsBefore = standinPids().length;
  const r = await runSlowClients(env, port, opts.slowClients);
  const ms = r.healthz.map((x) => x.ms).sort((a, b) => a - b);
  const result = {
    clients: r.opened,
    service_open_files_limit: openFilesSoftLimit(child.pid),
    open_ms: r.open_ms,
    closed_by_service: r.closed_by_service,
    healthz: r.healthz,
    healthz_ok: r.healthz.filter((x) => x.status === 200).length,
    healthz_median_ms: round(median(ms), 2),
    healthz_max_ms: round(ms[ms.length - 1], 2),
    service_running: child.exitCode === null && child.signalCode === null,
    runs_started: standinPids().length - runsBefore,
  };
  const stop = await stopService(child);
  result.sigterm_exit = { code: stop.code, signal: stop.signal, ms: round(stop.ms, 1), forced: !!stop.forced };
  return result;
}

async function sequentialLatency(port, method, reqPath, expected, n) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const warm = Math.min(200, n);
  const times = [];
  const codes = {};
  const deadline = performance.now() + 120000;
  try {
    for (let i = 0; i < warm + n && performance.now() < deadline; i++) {
      const r = await httpRequest(port, method, reqPath, agent);
      if (i >= warm) {
        times.push(r.ms);
        codes[r.status] = (codes[r.status] || 0) + 1;
      }
    }
  } finally {
    agent.destroy();
  }
  times.sort((a, b) => a - b);
  const unexpected = Object.entries(codes).filter(([k]) => Number(k) !== expected).reduce((s, [, v]) => s + v, 0);
  return {
    requests: times.length,
    warmup: warm,
    p50_ms: round(percentile(times, 50), 3),
    p99_ms: round(percentile(times, 99), 3),
    max_ms: round(times[times.length - 1], 3),
    codes,
    unexpected,
  };
}

// ---------------------------------------------------------------- output

function fmtMs(x) {
  return x == null || !Number.isFinite(x) ? 'n/a' : `${x.toFixed(x < 10 ? 3 : 1)} ms`;
}
function fmtUs(us) {
  return us == null ? 'n/a' : fmtMs(us / 1000);
}
function fmtMiB(x) {
  return Number.isFinite(x) ? `${x.toFixed(1)} MiB` : 'n/a';
}
function fmtInt(x) {
  return Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a';
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(opts.bundle)) fail(`bundle not found: ${opts.bundle} (run npm run build first)`);
  let nodeVersion;
  try {
    nodeVersion = execFileSync(opts.node, ['--version'], { encoding: 'utf8', timeout: 10000 }).trim();
  } catch (e) {
    fail(`cannot run node binary '${opts.node}': ${e.message}`);
  }
  try {
    execFileSync(opts.wrk, ['--version'], { stdio: 'ignore', timeout: 10000 });
  } catch (e) {
    // wrk --version exits 1 after printing; only a missing binary matters
    if (e.code === 'ENOENT') fail(`wrk not found: ${opts.wrk}`);
  }

  const env = setupTmp(opts);
  const results = {
    node: opts.node,
    node_version: nodeVersion,
    bundle: path.relative(REPO, opts.bundle) || opts.bundle,
    cpus: os.cpus().length,
    cpu_model: (os.cpus()[0] || {}).model || 'unknown',
    options: {
      duration_s: opts.duration,
      latency_duration_s: opts.latencyDuration,
      threads: opts.threads,
      connections: opts.connections,
      starts: opts.starts,
      seq_requests: opts.seqRequests,
      settle_ms: opts.settle,
      service_log: opts.log,
      access_log: opts.accessLog,
    },
  };
  log(`node ${nodeVersion} (${opts.node}), bundle ${opts.bundle}, temp dir ${env.tmp}`);

  // 1. start time
  const starts = await measureStarts(opts, env);
  results.start = {
    median_ms: round(median(starts.samples), 1),
    samples_ms: starts.samples.map((x) => round(x, 1)),
    sigterm_exit: starts.stops.map((s) => ({ code: s.code, signal: s.signal, ms: round(s.ms, 1), forced: !!s.forced })),
  };

  // 2. main instance, idle RSS
  const port = await freePort();
  const svc = spawnService(opts, env, port, 'main');
  await waitAccepting(opts, svc, port);
  await sleep(opts.settle);
  results.rss_idle_mib = round(rssMiB(svc.pid), 1);
  // the bare server, started and measured the same way, takes every load the service takes
  const barePort = await freePort();
  const bare = spawnBare(opts, env, barePort);
  await waitAccepting(opts, bare, barePort);
  await sleep(opts.settle);
  results.bare = { rss_idle_mib: round(rssMiB(bare.pid), 1) };
  log(`idle RSS ${fmtMiB(results.rss_idle_mib)}; bare node:http server ${fmtMiB(results.bare.rss_idle_mib)}`);
  let served = 0; // requests answered by the main instance (as counted by the clients)

  // 3. trigger one run so the service is busy
  const healthz = await httpRequest(port, 'GET', '/healthz');
  served++;
  if (healthz.status !== 200) fail(`GET /healthz answered ${healthz.status} '${healthz.body}'`);
  const trig = await httpRequest(port, 'POST', '/puppet/twitch');
  served++;
  if (trig.status !== 202) fail(`POST /puppet/twitch answered ${trig.status} '${trig.body}', expected 202`);
  for (let i = 0; i < 200 && standinPids().length === 0; i++) await sleep(25);
  if (standinPids().length === 0) fail('the stand-in puppet did not start within 5 s after the trigger');
  const busy = await httpRequest(port, 'POST', '/puppet/twitch');
  served++;
  if (busy.status !== 409) fail(`POST /puppet/twitch while busy answered ${busy.status} '${busy.body}', expected 409`);
  results.trigger = {
    status: trig.status,
    body: trig.body,
    busy_status: busy.status,
    busy_body: busy.body,
    busy_retry_after: busy.headers['retry-after'] ?? null,
    standin_pids: standinPids(),
  };
  log(`triggered: ${trig.status} '${trig.body}'; busy: ${busy.status} '${busy.body}'`);

  // 4. RSS after N requests (half busy POST, half GET /healthz, keep-alive)
  results.rss_after = [];
  results.rss_runs = [];
  for (const target of opts.rssCountList) {
    const need = target - served;
    if (need > 0) {
      const half = Math.ceil(need / 2);
      const common = { threads: opts.threads, connections: Math.min(opts.connections, 16), duration: 120 };
      const a = await runWrk(opts, env, port, { ...common, name: `rss busy ${half}`, method: 'POST', reqPath: '/puppet/twitch', expected: 409, limitTotal: half });
      served += a.requests;
      const b = await runWrk(opts, env, port, { ...common, name: `rss healthz ${need - half}`, method: 'GET', reqPath: '/healthz', expected: 200, limitTotal: need - half });
      served += b.requests;
      results.rss_runs.push(a, b);
      for (const [run, reqPath, method] of [[a, '/puppet/twitch', 'POST'], [b, '/healthz', 'GET']]) {
        await runWrk(opts, env, barePort, { ...common, name: `bare ${run.name}`, method, reqPath, expected: 200, limitTotal: run.requests });
      }
    }
    await sleep(200);
    const rss = round(rssMiB(svc.pid), 1);
    const bareRss = round(rssMiB(bare.pid), 1);
    results.rss_after.push({ target, requests: served, rss_mib: rss, bare_rss_mib: bareRss });
    log(`RSS after ${fmtInt(served)} requests: ${fmtMiB(rss)}; bare ${fmtMiB(bareRss)}`);
  }

  // 4b. RSS after 100,000 Connection: close requests (half busy POST, half GET /healthz), on both
  {
    const common = { threads: opts.threads, connections: Math.min(opts.connections, 16), duration: 120, close: true };
    const half = Math.ceil(opts.closeRequests / 2);
    const loads = [['POST', '/puppet/twitch', 409, half], ['GET', '/healthz', 200, opts.closeRequests - half]];
    const counted = { service: 0, bare: 0 };
    for (const [method, reqPath, expected, count] of loads) {
      const a = await runWrk(opts, env, port, { ...common, name: `rss close ${method} ${reqPath} ${count}`, method, reqPath, expected, limitTotal: count });
      const b = await runWrk(opts, env, barePort, { ...common, name: `bare rss close ${method} ${reqPath} ${count}`, method, reqPath, expected: 200, limitTotal: count });
      served += a.requests;
      counted.service += a.requests;
      counted.bare += b.requests;
      results.rss_runs.push(a, b);
    }
    await sleep(200);
    results.rss_after_close = {
      requests: counted.service,
      bare_requests: counted.bare,
      rss_mib: round(rssMiB(svc.pid), 1),
      bare_rss_mib: round(rssMiB(bare.pid), 1),
    };
    log(`RSS after ${fmtInt(counted.service)} more Connection: close requests: ${fmtMiB(results.rss_after_close.rss_mib)}; bare ${fmtMiB(results.rss_after_close.bare_rss_mib)}`);
  }

  // 5. latency: single connection wrk (primary) and a sequential Node client; then the read endpoints
  //    (status answered from its 2 s cache, which one root helper refreshes; run records from memory)
  const lat = {};
  const runPath = trig.headers.location;
  if (!/^\/puppet\/runs\/\S+$/.test(String(runPath))) fail(`the trigger's answer has no Location of a run record: ${runPath}`);
  for (const [key, method, reqPath, expected] of [
    ['busy', 'POST', '/puppet/twitch', 409],
    ['healthz', 'GET', '/healthz', 200],
    ['status', 'GET', '/puppet/status', 200],
    ['runs', 'GET', '/puppet/runs?limit=20', 200],
    ['run', 'GET', runPath, 200],
    ['metrics', 'GET', '/metrics', 200],
  ]) {
    const w = await runWrk(opts, env, port, { name: `latency ${key} (1 conn)`, method, reqPath, expected, threads: 1, connections: 1, duration: opts.latencyDuration });
    served += w.requests;
    const s = await sequentialLatency(port, method, reqPath, expected, opts.seqRequests);
    served += s.requests + s.warmup;
    lat[key] = { wrk_1conn: w, node_sequential: s };
    log(`latency ${key}: wrk 1 conn p50 ${fmtUs(w.latency_us.p50)} p99 ${fmtUs(w.latency_us.p99)}; node sequential p50 ${fmtMs(s.p50_ms)} p99 ${fmtMs(s.p99_ms)}`);
  }
  results.latency = lat;

  // 6. throughput
  const runs = [];
  const bareRuns = [];
  for (const [key, method, reqPath, expected] of [
    ['busy', 'POST', '/puppet/twitch', 409],
    ['healthz', 'GET', '/healthz', 200],
  ]) {
    for (const close of [false, true]) {
      const name = `${key} ${close ? 'close' : 'keep-alive'}`;
      const load = { method, reqPath, close, threads: opts.threads, connections: opts.connections, duration: Math.max(1, Math.round(opts.duration / opts.rounds)) };
      // Side by side in short alternating rounds (which goes first alternates too), so that a drift of the
      // machine touches both alike; the ratio is the median of the rounds' ratios.
      const bs = [];
      const rs = [];
      for (let k = 0; k < opts.rounds; k++) {
        const bareRound = () => withCpu(bare.pid, () => runWrk(opts, env, barePort, { ...load, name: `bare ${name}`, expected: 200 })).then((x) => bs.push(x));
        const serviceRound = () => withCpu(svc.pid, () => runWrk(opts, env, port, { ...load, name, expected })).then((x) => rs.push(x));
        if (k % 2 === 0) await bareRound().then(serviceRound);
        else await serviceRound().then(bareRound);
      }
      const b = combineRounds(bs);
      const r = { ...combineRounds(rs), ratio_vs_bare: round(median(rs.map((x, k) => x.rps / bs[k].rps)), 2) };
      served += r.requests;
      runs.push(r);
      bareRuns.push(b);
      log(`${name}: ${fmtInt(r.rps)} req/s (bare ${fmtInt(b.rps)}: ${r.ratio_vs_bare}x, rounds ${rs.map((x, k) => (x.rps / bs[k].rps).toFixed(2)).join(' ')}), CPU per request ${r.cpu_us_per_request} µs (bare ${b.cpu_us_per_request} µs), unexpected ${r.unexpected}, socket errors ${JSON.stringify(r.socket_errors)}`);
    }
  }
  results.throughput = runs;
  results.bare.throughput = bareRuns;
  await stopService(bare);

  // 7. a new client while the connection cap is full of unfinished requests (own instance)
  results.slow_clients = null;
  if (opts.slowClients > 0) {
    const slow = await measureSlowClients(opts, env);
    results.slow_clients = slow;
    log(`${fmtInt(slow.clients)} slow-body clients (${fmtInt(slow.closed_by_service)} closed by the service): /healthz ` +
      `${slow.healthz.map((x) => (x.status === 200 ? `${x.ms} ms` : x.status)).join(', ')}; runs started ${slow.runs_started}`);
  }

  // 8. still busy? final memory, then stop
  const still = await httpRequest(port, 'POST', '/puppet/twitch');
  served++;
  results.still_busy_at_end = still.status === 409;
  results.rss_end = { requests: served, rss_mib: round(rssMiB(svc.pid), 1), hwm_mib: round(readStatusKb(svc.pid, 'VmHWM') / 1024, 1) };
  if (svc.logFile) results.service_log_bytes = fs.statSync(svc.logFile).size;
  const stop = await stopService(svc);
  results.main_sigterm_exit = { code: stop.code, signal: stop.signal, ms: round(stop.ms, 1), forced: !!stop.forced };
  results.standin_runs = standinPids().length;
  const c = await cleanup(opts);
  results.cleanup = { standin_pids: c.standins.pids, standin_left_running: c.standins.left.length };
  return { opts, results };
}

function report({ opts, results: r }) {
  const verdict = (ok) => (ok ? 'met' : 'MISSED');
  const busyKa = r.throughput.find((t) => t.name === 'busy keep-alive');
  const healthKa = r.throughput.find((t) => t.name === 'healthz keep-alive');
  const rss100k = r.rss_after.find((x) => x.target === 100000) || r.rss_after[r.rss_after.length - 1];
  const busyLat = r.latency.busy.wrk_1conn.latency_us;
  const hzLat = r.latency.healthz.wrk_1conn.latency_us;
  const latencies = Object.values(r.latency);
  const allRuns = [...r.rss_runs, ...latencies.map((l) => l.wrk_1conn), ...r.throughput];
  const unexpected = allRuns.reduce((s, x) => s + x.unexpected, 0) + latencies.reduce((s, l) => s + l.node_sequential.unexpected, 0);
  const checked = allRuns.reduce((s, x) => s + x.requests, 0) + latencies.reduce((s, l) => s + l.node_sequential.requests, 0);
  const sockErr = allRuns.reduce((s, x) => s + Object.values(x.socket_errors).reduce((a, b) => a + b, 0), 0);

  const rows = [];
  const add = (metric, value, target, ok) => rows.push([metric, value, target, ok === undefined ? '-' : verdict(ok)]);
  // Against the bare node:http server of the same run: the figures that do not depend on the machine.
  const ratio = (a, b) => (Number.isFinite(a / b) ? Math.round((a / b) * 100) / 100 : null);
  const bareOf = (t) => r.bare.throughput.find((b) => b.name === `bare ${t.name}`);
  for (const t of r.throughput) {
    const b = bareOf(t);
    const x = t.ratio_vs_bare ?? ratio(t.rps, b.rps);
    const ka = t.connection === 'keep-alive';
    add(`throughput ${t.method} ${t.path} ${t.connection} vs bare node:http`, `${x}x (${fmtInt(t.rps)} / ${fmtInt(b.rps)} req/s)`, ka ? '>= 0.8x' : '', ka ? x >= 0.8 : undefined);
  }
  // What a request costs the server process, which depends less than req/s on how wrk and the server share the CPUs.
  for (const t of r.throughput) {
    const b = bareOf(t);
    add(`CPU per request ${t.method} ${t.path} ${t.connection}, service / bare`, `${t.cpu_us_per_request} / ${b.cpu_us_per_request} µs (${ratio(t.cpu_us_per_request, b.cpu_us_per_request)}x)`, '', undefined);
  }
  const idleX = ratio(r.rss_idle_mib, r.bare.rss_idle_mib);
  add('RSS idle vs bare node:http', `${idleX}x (${fmtMiB(r.rss_idle_mib)} / ${fmtMiB(r.bare.rss_idle_mib)})`, '<= 1.05x', idleX <= 1.05);
  for (const x of r.rss_after) {
    add(`RSS after ${fmtInt(x.requests)} keep-alive requests vs bare`, `${ratio(x.rss_mib, x.bare_rss_mib)}x (${fmtMiB(x.rss_mib)} / ${fmtMiB(x.bare_rss_mib)})`, '', undefined);
  }
  const c = r.rss_after_close;
  const closeX = ratio(c.rss_mib, c.bare_rss_mib);
  add(`RSS after ${fmtInt(c.requests)} more Connection: close requests vs bare`, `${closeX}x (${fmtMiB(c.rss_mib)} / ${fmtMiB(c.bare_rss_mib)})`, '<= 1.1x', closeX <= 1.1);
  add(`start: spawn -> port accepts (median of ${r.start.samples_ms.length})`, fmtMs(r.start.median_ms), '<= 120 ms', r.start.median_ms <= 120);
  add('RSS idle', fmtMiB(r.rss_idle_mib), '<= 45 MiB', r.rss_idle_mib <= 45);
  for (const x of r.rss_after) {
    const is100k = x === rss100k && x.target === 100000;
    add(`RSS after ${fmtInt(x.requests)} requests`, fmtMiB(x.rss_mib), is100k ? '<= 60 MiB' : '', is100k ? x.rss_mib <= 60 : undefined);
  }
  add(`RSS at end (${fmtInt(r.rss_end.requests)} requests) / peak`, `${fmtMiB(r.rss_end.rss_mib)} / ${fmtMiB(r.rss_end.hwm_mib)}`, '', undefined);
  add('busy 409 latency p50 (wrk, 1 conn)', fmtUs(busyLat.p50), '<= 1 ms', busyLat.p50 <= 1000);
  add('busy 409 latency p99 (wrk, 1 conn)', fmtUs(busyLat.p99), '', undefined);
  add('busy 409 latency p50 / p99 (Node client, sequential)', `${fmtMs(r.latency.busy.node_sequential.p50_ms)} / ${fmtMs(r.latency.busy.node_sequential.p99_ms)}`, '', undefined);
  add('healthz latency p50 (wrk, 1 conn)', fmtUs(hzLat.p50), '', undefined);
  add('healthz latency p99 (wrk, 1 conn)', fmtUs(hzLat.p99), '', undefined);
  add('healthz latency p50 / p99 (Node client, sequential)', `${fmtMs(r.latency.healthz.node_sequential.p50_ms)} / ${fmtMs(r.latency.healthz.node_sequential.p99_ms)}`, '', undefined);
  for (const [key, what] of [['status', 'GET /puppet/status'], ['runs', 'GET /puppet/runs?limit=20'], ['run', 'GET /puppet/runs/<id>'], ['metrics', 'GET /metrics']]) {
    const w = r.latency[key].wrk_1conn;
    add(`${what} latency p50 / p99 (wrk, 1 conn); req/s`, `${fmtUs(w.latency_us.p50)} / ${fmtUs(w.latency_us.p99)}; ${fmtInt(w.rps)}`, '', undefined);
  }
  for (const t of r.throughput) {
    const target = t.connection === 'keep-alive' ? '>= 30,000 req/s' : '';
    add(`throughput ${t.method} ${t.path} ${t.connection} (${t.connections} conns)`, `${fmtInt(t.rps)} req/s`, target, t.connection === 'keep-alive' ? t.rps >= 30000 : undefined);
  }
  const slow = r.slow_clients;
  if (slow) {
    const allOk = slow.healthz_ok === slow.healthz.length;
    add(`/healthz, new client, ${fmtInt(slow.clients)} slow-body clients open (median / max of ${slow.healthz.length})`,
      allOk ? `${fmtMs(slow.healthz_median_ms)} / ${fmtMs(slow.healthz_max_ms)}` : `${slow.healthz_ok} of ${slow.healthz.length} answered`,
      '<= 1000 ms', allOk && slow.healthz_max_ms <= 1000);
    add('slow-body clients closed by the service to make room', fmtInt(slow.closed_by_service), '', undefined);
    add('runs started by slow-body clients; service still running', `${slow.runs_started}; ${slow.service_running ? 'yes' : 'no'}`,
      '0; yes', slow.runs_started === 0 && slow.service_running);
  }
  add('unexpected status codes (all load)', `${fmtInt(unexpected)} of ${fmtInt(checked)}`, '0', unexpected === 0);
  add('socket errors (all wrk runs)', fmtInt(sockErr), '0', sockErr === 0);
  add('still busy at end (POST -> 409)', r.still_busy_at_end ? 'yes' : 'no', 'yes', r.still_busy_at_end);
  add('stand-in puppet runs started', String(r.standin_runs), '1', r.standin_runs === 1);
  const earlyOk = r.start.sigterm_exit.filter((x) => x.code === 0).length;
  const earlyN = r.start.sigterm_exit.length;
  const earlyOther = r.start.sigterm_exit.filter((x) => x.code !== 0).map((x) => (x.signal ? `killed by ${x.signal}` : `code ${x.code}`));
  add('SIGTERM right after the port accepts -> exit 0', `${earlyOk} of ${earlyN}${earlyOther.length ? ` (others: ${[...new Set(earlyOther)].join(', ')})` : ''}`, `${earlyN} of ${earlyN}`, earlyOk === earlyN);
  add('SIGTERM exit (main instance)', `code ${r.main_sigterm_exit.code} in ${fmtMs(r.main_sigterm_exit.ms)}`, 'code 0', r.main_sigterm_exit.code === 0);
  add('processes left running', String(r.cleanup.standin_left_running), '0', r.cleanup.standin_left_running === 0);

  const runRows = allRuns.map((t) => [
    t.name,
    t.connection,
    `${t.threads}/${t.connections}`,
    `${t.seconds}`,
    fmtInt(t.requests),
    fmtInt(t.rps),
    fmtUs(t.latency_us.p50),
    fmtUs(t.latency_us.p99),
    `${t.unexpected}${t.unexpected ? ' ' + JSON.stringify(t.unexpected_codes) : ''}`,
    Object.values(t.socket_errors).join('/'),
  ]);

  const out = [];
  out.push(`puppet-twitch benchmark — node ${r.node_version}, ${r.cpus} CPU(s) (${r.cpu_model}), service log: ${opts.log}, access_log: ${opts.accessLog}`);
  out.push('');
  out.push(table(['metric', 'value', 'target', 'result'], rows));
  out.push('');
  out.push('wrk runs (latency columns are under that run\'s load; socket errors = connect/read/write/timeout)');
  out.push(table(['run', 'connection', 'thr/conns', 'secs', 'requests', 'req/s', 'p50', 'p99', 'unexpected', 'sock err'], runRows));
  out.push('');
  out.push(JSON.stringify(r, null, 2));
  process.stdout.write(out.join('\n') + '\n');
}

let optsForCleanup = null;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    state.interrupted = true;
    log(`${sig}: stopping the service and the stand-in puppet`);
    cleanup(optsForCleanup).finally(() => process.exit(130));
  });
}

try {
  optsForCleanup = { keepTmp: process.argv.includes('--keep-tmp') };
  const res = await main();
  report(res);
  process.exitCode = 0;
} catch (e) {
  if (state.interrupted) await new Promise(() => {}); // the signal handler cleans up and exits
  log(e instanceof CannotRun ? `cannot run: ${e.message}` : `error: ${e && e.stack ? e.stack : e}`);
  try {
    await cleanup(optsForCleanup);
  } catch (e2) {
    log(`cleanup failed: ${e2.message}`);
  }
  process.exitCode = 1;
}
