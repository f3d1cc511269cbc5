#!/usr/bin/env node
// Followers of a running run: how many lines a follower that reads at 1 MB/s gets of a 20,000-line run (about
// 1.8 MB, past output_max_bytes), attached right after the trigger's answer and attached in the middle of the
// run; and how fast /healthz answers while a follower that never reads is attached to a run printing 600 kB in
// bursts (a second follower reads every line meanwhile); and how many of 64 followers reading at full speed get
// every line of a 1.6 MB run. Starts the bundle on loopback with the STAND-IN for
// puppet of the bundle tests (spec/fixtures/fake-puppet, which prints lines as told and never runs Puppet), with
// the service's default output settings. Prints a table and a JSON document.
//
//   node bench/follow.mjs [--bundle PATH] [--rate BYTES_PER_S] [--lines N]
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
const HELP = `Usage: node bench/follow.mjs [--bundle PATH] [--rate BYTES_PER_S] [--lines N]
  --bundle PATH        the service bundle (default files/puppet-twitch.js)
  --rate BYTES_PER_S   how fast the paced followers read (default 1000000)
  --lines N            lines of the long run, 91 bytes each (default 20000)
`;

const opts = { bundle: path.join(REPO, 'files', 'puppet-twitch.js'), rate: 1_000_000, lines: 20_000 };
readOptions(process.argv.slice(2), HELP, (name, value, num) => {
  if (name === '--bundle') opts.bundle = path.resolve(value());
  else if (name === '--rate') opts.rate = num(1000, 1e10);
  else if (name === '--lines') opts.lines = num(1, 10_000_000);
  else return false;
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const pct = (xs, p) => (xs.length === 0 ? null : sorted(xs)[Math.min(xs.length - 1, Math.floor(p * xs.length))]);
const round = (x) => (x === null ? null : Math.round(x * 10) / 10);

/** One request on its own connection: status, body and how long it took. */
function ask(port, method, target, ms = 5000) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request({ host: HOST, port, method, path: target, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body, ms: performance.now() - t0 }));
    });
    req.setTimeout(ms, () => {
      req.destroy();
      resolve({ status: 'timeout', body: '', ms: performance.now() - t0 });
    });
    req.on('error', () => resolve({ status: 'error', body: '', ms: performance.now() - t0 }));
    req.end();
  });
}

/** GET `target`, read no faster than `rate` bytes a second (unpaced when rate is Infinity); resolves with the body. */
function follow(port, target, rate) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: HOST, port, path: target, agent: false }, (res) => {
      const chunks = [];
      let bytes = 0;
      const t0 = performance.now();
      res.on('data', (chunk) => {
        chunks.push(chunk);
        bytes += chunk.length;
        const ahead = (bytes / rate) * 1000 - (performance.now() - t0);
        if (ahead > 1) {
          res.pause();
          setTimeout(() => res.resume(), ahead);
        }
      });
      res.on('end', () => resolve(res.statusCode === 200 ? Buffer.concat(chunks).toString('utf8') : `puppet-twitch: answered ${res.statusCode}\n`));
      res.on('error', reject);
    });
    req.setTimeout(120_000, () => req.destroy(new Error(`GET ${target} timed out`)));
    req.on('error', reject);
  });
}

/**
 * What a follower got of the lines the service had (`had`: the run log): how many, whether all of them in order,
 * the finished line, and the service's notes (a gap, a cut-off, the stored output's cap).
 */
function tally(body, had) {
  const lines = body.split('\n').slice(0, -1);
  const finished = /^puppet-twitch: run \S+ finished:/.test(lines.at(-1) ?? '');
  const own = finished ? lines.slice(0, -1) : lines;
  const notes = own.filter((l) => l.startsWith('puppet-twitch:'));
  let same = 0;
  while (same < own.length && same < had.length && own[same] === had[same]) same++;
  return { lines: same, of: had.length, every: same === had.length && own.length === had.length, finished, notes };
}

async function main() {
  if (!fs.existsSync(opts.bundle)) throw new CannotRun(`no bundle at ${opts.bundle}: run npm run build`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'puppet-twitch-follow-'));
  const bin = path.join(tmp, 'bin');
  fs.mkdirSync(bin);
  fs.mkdirSync(path.join(tmp, 'run'));
  // STAND-IN FOR PUPPET: the bundle tests' scripted fake, told by its `behaviour` file what to print.
  const standin = path.join(bin, 'puppet');
  fs.copyFileSync(path.join(REPO, 'spec', 'fixtures', 'fake-puppet'), standin);
  fs.chmodSync(standin, 0o755);
  const behave = (b) => fs.writeFileSync(path.join(bin, 'behaviour'), `${Object.entries(b).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
  const port = await new Promise((resolve) => {
    const s = net.createServer().listen(0, HOST, () => {
      const { port: free } = s.address();
      s.close(() => resolve(free));
    });
  });
  const config = {
    bind: HOST,
    port,
    state_dir: path.join(tmp, 'records'),
    run_dir: path.join(tmp, 'run'),
    access_log: 'none',
    limits: { triggers_per_minute: 100000 },
    puppet: { bin: standin, mode: 'agent', sudo: false, statedir: tmp, lastrunfile: path.join(tmp, 'summary.yaml') },
  };
  fs.writeFileSync(path.join(tmp, 'config.json'), JSON.stringify(config));
  const svc = spawn(process.execPath, [opts.bundle, 'serve', '--config', path.join(tmp, 'config.json')], { stdio: 'ignore' });
  const runId = (res) => String(res.headers.location ?? '').split('/').pop();
  /** The lines the service had of run `id` (its run log), once the run has ended. */
  const runLog = async (id) => {
    const file = path.join(tmp, 'run', 'last-run.log');
    for (let i = 0; !(fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(`puppet run ${id} finished after`)); i++) {
      if (i > 200) throw new CannotRun(`no complete run log for run ${id}`);
      await sleep(50);
    }
    return fs.readFileSync(file, 'utf8').split('\n').slice(1, -2);
  };
  /** Starts a run once the one before has ended (the service answers 409 until then). */
  const start = async () => {
    for (let i = 0; ; i++) {
      const res = await ask(port, 'POST', '/puppet/twitch');
      if (res.status === 202) return res;
      if (res.status !== 409 || i > 300) throw new CannotRun(`the trigger answered ${res.status}: ${res.body}`);
      await sleep(100);
    }
  };
  try {
    for (let i = 0; (await ask(port, 'GET', '/healthz', 500)).status !== 200; i++) {
      if (i > 100) throw new CannotRun('the service did not start');
      await sleep(100);
    }
    const longRun = { FLOOD: opts.lines, FLOOD_WIDTH: 76 };

    // 1. attached right after the trigger's answer, the run printing as fast as it can
    behave(longRun);
    let started = await start();
    const atStart = tally(await follow(port, `/puppet/runs/${runId(started)}/output`, opts.rate), await runLog(runId(started)));

    // 2. attached two thirds into the run, the run printing about 450 kB/s (bursts of 500 lines, 0.1 s apart)
    behave({ ...longRun, FLOOD_BURST: 500, FLOOD_PAUSE: 0.1 });
    started = await start();
    await sleep(((opts.lines * 91) / 450_000) * (2 / 3) * 1000); // past output_max_bytes (1 MiB) by then
    const midRun = tally(await follow(port, `/puppet/runs/${runId(started)}/output`, opts.rate), await runLog(runId(started)));

    // 3. /healthz while a follower that never reads is attached to a run printing 600 kB in bursts of 50 kB
    behave({ FLOOD: 6000, FLOOD_WIDTH: 86, FLOOD_BURST: 500, FLOOD_PAUSE: 0.05, SLEEP: 0.5 });
    started = await start();
    const id = runId(started);
    const stalled = net.connect(port, HOST);
    stalled.on('error', () => undefined);
    await new Promise((resolve) => stalled.once('connect', resolve));
    stalled.pause();
    stalled.write(`GET /puppet/runs/${id}/output HTTP/1.1\r\nHost: ${HOST}\r\n\r\n`);
    const reader = follow(port, `/puppet/runs/${id}/output`, Infinity);
    const healthz = [];
    let done = false;
    void reader.finally(() => (done = true));
    while (!done) {
      healthz.push((await ask(port, 'GET', '/healthz', 5000)).ms);
      await sleep(10);
    }
    const beside = tally(await reader, await runLog(id));
    stalled.destroy();

    // 4. 64 followers reading as fast as they can, attached right after the answer, of a 1.6 MB run printed as
    // fast as it can after a second (so that all are attached before it ends)
    behave({ LINES: 2, INTERVAL: 1, FLOOD: 16_000, FLOOD_WIDTH: 86 });
    started = await start();
    const bodies = await Promise.all(Array.from({ length: 64 }, () => follow(port, `/puppet/runs/${runId(started)}/output`, Infinity)));
    const had = await runLog(runId(started));
    const many = bodies.map((body) => tally(body, had));
    const whole = many.filter((t) => t.every && t.finished).length;

    const result = {
      bundle: path.relative(REPO, opts.bundle) || opts.bundle,
      rate_bytes_per_s: opts.rate,
      run_lines: opts.lines,
      attached_after_answer: atStart,
      attached_mid_run: midRun,
      never_reading_follower: {
        run_lines: 6000,
        healthz_requests: healthz.length,
        healthz_ms: { p50: round(pct(healthz, 0.5)), p99: round(pct(healthz, 0.99)), max: round(pct(healthz, 1)) },
        other_follower: beside,
      },
      many_followers: { followers: 64, run_lines: 16_000, with_every_line: whole, cut_off: many.filter((t) => t.notes.some((n) => n.includes('cut off'))).length, others: many.filter((t) => !t.every || !t.finished).slice(0, 3) },
    };
    const got = (t) => `${t.lines} of the ${t.of} lines the run printed, in order${t.finished ? ', then the finished line' : ''}${t.notes.length === 0 ? '' : `; ${t.notes[0]}`}`;
    process.stdout.write(
      `${table(
        ['measure', 'value'],
        [
          [`${opts.rate} B/s follower, attached after the answer`, got(atStart)],
          [`${opts.rate} B/s follower, attached mid-run`, got(midRun)],
          ['/healthz, a never-reading follower attached', `p50 ${result.never_reading_follower.healthz_ms.p50} ms, p99 ${result.never_reading_follower.healthz_ms.p99} ms, max ${result.never_reading_follower.healthz_ms.max} ms (${healthz.length} requests)`],
          ['the other follower meanwhile', got(beside)],
          ['64 followers of a 1.6 MB run, full speed', `${whole} of 64 got every line and the finished line; ${result.many_followers.cut_off} cut off`],
        ],
      )}\n${JSON.stringify(result)}\n`,
    );
  } finally {
    svc.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench/follow: ${err.message}\n`);
    process.exit(err instanceof CannotRun ? 2 : 1);
  },
);
