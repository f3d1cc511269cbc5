#!/usr/bin/env node
// The held-request flood: how fast a new client gets /healthz when every slot of limits.max_held is taken by
// answers waiting for a run and the rest of the connection cap is full of idle connections, and how fast the
// requests past the budget are refused. Starts the bundle on loopback with a STAND-IN for puppet (a shell script
// that sleeps), max_connections 64 (so max_held is 16). Prints a table and a JSON document.
//
//   node bench/held.mjs [--bundle PATH] [--held N] [--over N] [--probes N]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CannotRun, readOptions, table } from './common.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';
const CAP = 64;
const HELP = `Usage: node bench/held.mjs [--bundle PATH] [--held N] [--over N] [--probes N]
  --bundle PATH   the service bundle (default files/puppet-twitch.js)
  --held N        async=false triggers sent first (default 16: the budget of a cap of 64)
  --over N        async=false triggers sent past them, timed (default 100)
  --probes N      /healthz requests from new clients once the cap is full, one at a time (default 50)
`;

const opts = { bundle: path.join(REPO, 'files', 'puppet-twitch.js'), held: 16, over: 100, probes: 50 };
readOptions(process.argv.slice(2), HELP, (name, value, num) => {
  if (name === '--bundle') opts.bundle = path.resolve(value());
  else if (name === '--held') opts.held = num(0, 10000);
  else if (name === '--over') opts.over = num(0, 10000);
  else if (name === '--probes') opts.probes = num(1, 10000);
  else return false;
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const pct = (xs, p) => (xs.length === 0 ? null : sorted(xs)[Math.min(xs.length - 1, Math.floor(p * xs.length))]);
const round = (x) => (x === null ? null : Math.round(x * 10) / 10);

/** One request on its own connection: its status and how long it took, or 'timeout' after `ms`. */
function ask(port, method, target, ms = 2000) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request({ host: HOST, port, method, path: target, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t0 }));
    });
    req.setTimeout(ms, () => {
      req.destroy();
      resolve({ status: 'timeout', ms: performance.now() - t0 });
    });
    req.on('error', () => resolve({ status: 'error', ms: performance.now() - t0 }));
    req.end();
  });
}

async function main() {
  if (!fs.existsSync(opts.bundle)) throw new CannotRun(`no bundle at ${opts.bundle}: run npm run build`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'puppet-twitch-held-'));
  const standin = path.join(tmp, 'puppet-standin.sh');
  // STAND-IN FOR PUPPET: it sleeps, so the service stays busy for the whole measurement.
  fs.writeFileSync(standin, '#!/bin/sh\n# stand-in for puppet (bench/held.mjs): sleeps, exits 0\nsleep 60\nexit 0\n', { mode: 0o755 });
  const port = await new Promise((resolve) => {
    const s = net.createServer().listen(0, HOST, () => {
      const { port: free } = s.address();
      s.close(() => resolve(free));
    });
  });
  const config = {
    bind: HOST,
    port,
    max_connections: CAP,
    state_dir: path.join(tmp, 'records'),
    access_log: 'none',
    limits: { triggers_per_minute: 100000 },
    puppet: { bin: standin, mode: 'agent', sudo: false, statedir: tmp, lastrunfile: path.join(tmp, 'summary.yaml') },
  };
  fs.writeFileSync(path.join(tmp, 'config.json'), JSON.stringify(config));
  const svc = spawn(process.execPath, [opts.bundle, 'serve', '--config', path.join(tmp, 'config.json')], { stdio: 'ignore' });
  const sockets = [];
  try {
    for (let i = 0; (await ask(port, 'GET', '/healthz', 500)).status !== 200; i++) {
      if (i > 100) throw new CannotRun('the service did not start');
      await sleep(100);
    }
    if ((await ask(port, 'POST', '/puppet/twitch')).status !== 202) throw new CannotRun('the first trigger did not start a run');
    const target = '/puppet/twitch?noop=true&when_busy=queue&async=false';
    const held = Array.from({ length: opts.held }, () => ask(port, 'POST', target, 120_000));
    await sleep(500);
    // the ones past the budget: what they got within a second (the rest are still held while /healthz is asked)
    const pending = Array.from({ length: opts.over }, () => ask(port, 'POST', target, 60_000));
    const over = (await Promise.all(pending.map((p) => Promise.race([p, sleep(1000).then(() => ({ status: 'held', ms: 1000 }))]))));
    // the rest of the cap: idle connections
    for (let i = 0; i < CAP; i++) {
      const s = net.connect(port, HOST);
      s.on('error', () => undefined);
      sockets.push(s);
    }
    await sleep(300);
    const probes = [];
    for (let i = 0; i < opts.probes; i++) probes.push(await ask(port, 'GET', '/healthz', 2000));
    const refusedMs = over.filter((r) => r.status === 429).map((r) => r.ms);
    const healthzMs = probes.filter((r) => r.status === 200).map((r) => r.ms);
    const result = {
      bundle: path.relative(REPO, opts.bundle) || opts.bundle,
      max_connections: CAP,
      held_sent: opts.held,
      over_sent: opts.over,
      over_answered_429: refusedMs.length,
      over_statuses: Object.fromEntries([...new Set(over.map((r) => r.status))].map((s) => [s, over.filter((r) => r.status === s).length])),
      over_429_ms: { p50: round(pct(refusedMs, 0.5)), max: round(pct(refusedMs, 1)) },
      healthz_answered: healthzMs.length,
      healthz_ms: { p50: round(pct(healthzMs, 0.5)), p99: round(pct(healthzMs, 0.99)), max: round(pct(healthzMs, 1)) },
    };
    process.stdout.write(
      `${table(
        ['measure', 'value'],
        [
          ['answers held (async=false)', `${opts.held} sent`],
          ['past the budget: answered 429', `${result.over_answered_429} of ${opts.over} (p50 ${result.over_429_ms.p50} ms, max ${result.over_429_ms.max} ms)`],
          ['/healthz from new clients, cap full', `${result.healthz_answered} of ${opts.probes} (p50 ${result.healthz_ms.p50} ms, p99 ${result.healthz_ms.p99} ms, max ${result.healthz_ms.max} ms)`],
        ],
      )}\n${JSON.stringify(result)}\n`,
    );
    void held;
    void pending;
  } finally {
    for (const s of sockets) s.destroy();
    svc.kill('SIGKILL');
    spawn('pkill', ['-f', standin]);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench/held: ${err.message}\n`);
    process.exit(err instanceof CannotRun ? 2 : 1);
  },
);
