#!/usr/bin/env node
// Start of the service bundle with a crowded state_dir: --records valid run records (10,000), a 50 MB junk file
// and a symbolic link to a root-only file, both named like records (and newer than every record, so they are
// among the files read), against an empty state_dir. For each variant the state_dir is copied afresh from a
// template (a start removes the records beyond `history`), then the service is started --starts times, in turn:
// the time from spawn to its ready file (written once it listens), its VmRSS after --settle ms and its peak
// (VmHWM), then how long GET /puppet/runs takes for the whole history and the longest a /healthz asked meanwhile
// (one after another) waited, then GET /puppet/status. Variants: empty; crowded with the default history (100);
// crowded with history at its maximum (10,000), where every record is kept and known by name, the newest 100 read
// and held. Prints the medians against the targets (ready under 1 s, RSS within 20 MiB of the empty state_dir),
// then the samples as JSON. Exits non-zero only when it cannot run. Standard library only.
import { spawn } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CannotRun, fail, readOptions, table } from './common.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HELP = `usage: node bench/records.mjs [--node PATH] [--bundle PATH] [--records N] [--starts N] [--settle MS] [--junk-mb N]
`;
const READY_FILE_ENV = 'PUPPET_TWITCH_READY_FILE'; // ts/daemon/ready.ts
const TARGET_READY_MS = 1000;
const TARGET_RSS_DELTA_MIB = 20;

function options(argv) {
  const o = { node: process.env.TWITCH_BENCH_NODE || process.execPath, bundle: path.join(REPO, 'files', 'puppet-twitch.js'), records: 10_000, starts: 5, settle: 1000, junkMb: 50 };
  readOptions(argv, HELP, (name, value, num) => {
    if (name === '--node') o.node = value();
    else if (name === '--bundle') o.bundle = path.resolve(value());
    else if (name === '--records') o.records = num(0, 100_000);
    else if (name === '--starts') o.starts = num(1, 50);
    else if (name === '--settle') o.settle = num(0, 60_000);
    else if (name === '--junk-mb') o.junkMb = num(0, 1024);
    else return false;
    return true;
  });
  if (!fs.existsSync(o.bundle)) fail(`no bundle at ${o.bundle}: run npm run build`);
  return o;
}

const log = (message) => process.stderr.write(`${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** An id as the service makes them (ts/core/records.ts newRunId): the time, then 24 random bits. */
function runId(ms, n) {
  const stamp = new Date(ms).toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${(n & 0xffffff).toString(16).padStart(6, '0')}`;
}

/** A finished record of a realistic size: options, a summary, 20 lines of output. */
function record(id, at) {
  const iso = (ms) => new Date(ms).toISOString();
  return {
    id,
    state: 'finished',
    source: 'http',
    client: '127.0.0.1',
    identity: 'token:deploy',
    options: { noop: false, tags: ['profile::base'] },
    requested_at: iso(at),
    started_at: iso(at + 5),
    finished_at: iso(at + 42_000),
    pid: 12345,
    exit_code: 2,
    signal: null,
    outcome: 'changes',
    summary: {
      last_run: Math.floor((at + 42_000) / 1000),
      total_time: 41.2,
      config_retrieval: 3.1,
      config_version: '1700000000',
      environment: 'production',
      resources: { total: 812, changed: 3, failed: 0, skipped: 0 },
      events: { total: 3, success: 3, failure: 0 },
      changes: 3,
    },
    output_tail: Array.from({ length: 20 }, (_, i) => `Notice: /Stage[main]/Profile::Base/File[/etc/motd-${i}]/content: content changed '{sha256}aa' to '{sha256}bb'`),
    error: null,
  };
}

/** The template state_dirs and the config files of each variant. */
function setUp(o) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twitch-bench-records-'));
  const puppet = path.join(dir, 'puppet');
  fs.writeFileSync(puppet, '#!/bin/sh\n# stand-in for puppet: never runs Puppet\nexit 0\n', { mode: 0o755 });
  const empty = path.join(dir, 'template-empty');
  const crowded = path.join(dir, 'template-crowded');
  fs.mkdirSync(empty, { mode: 0o750 });
  fs.mkdirSync(crowded, { mode: 0o750 });
  const first = Date.UTC(2026, 0, 1);
  for (let i = 0; i < o.records; i++) {
    const at = first + i * 60_000;
    const id = runId(at, i);
    fs.writeFileSync(path.join(crowded, `${id}.json`), `${JSON.stringify(record(id, at))}\n`, { mode: 0o640 });
  }
  const newest = first + o.records * 60_000;
  const junk = path.join(crowded, `${runId(newest, 1)}.json`);
  const fd = fs.openSync(junk, 'w', 0o640);
  const block = Buffer.alloc(1024 * 1024, 0x7b); // '{' again and again: no valid JSON
  for (let i = 0; i < o.junkMb; i++) fs.writeSync(fd, block);
  fs.closeSync(fd);
  // root's own when the bench runs as root, else a file only this user may read
  let secret = '/etc/shadow';
  if (process.getuid?.() !== 0 || !fs.existsSync(secret)) {
    secret = path.join(dir, 'owner-only');
    fs.writeFileSync(secret, 'owner-only\n', { mode: 0o600 });
  }
  fs.symlinkSync(secret, path.join(crowded, `${runId(newest, 2)}.json`));
  const config = (name, history) => {
    const file = path.join(dir, `${name}.json`);
    const doc = {
      bind: '127.0.0.1',
      port: 0,
      run_dir: path.join(dir, 'run'),
      state_dir: path.join(dir, 'state_dir'),
      ...(history === undefined ? {} : { history }),
      puppet: { bin: puppet, mode: 'agent', sudo: false, statedir: path.join(dir, 'puppet-state'), lastrunfile: path.join(dir, 'summary.yaml') },
    };
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    return file;
  };
  return {
    dir,
    stateDir: path.join(dir, 'state_dir'),
    variants: [
      { name: 'empty state_dir', template: empty, config: config('empty', undefined) },
      { name: `${o.records} records + junk, history 100`, template: crowded, config: config('crowded', undefined) },
      { name: `${o.records} records + junk, history 10000`, template: crowded, config: config('crowded-max', 10_000) },
    ],
  };
}

function memory(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** One start: state_dir copied from the template, spawn → ready file, settle, memory, SIGTERM. */
async function measure(o, paths, variant) {
  fs.rmSync(paths.stateDir, { recursive: true, force: true });
  fs.cpSync(variant.template, paths.stateDir, { recursive: true, verbatimSymlinks: true });
  const ready = path.join(paths.dir, 'ready.json');
  fs.rmSync(ready, { force: true });
  const t0 = process.hrtime.bigint();
  const child = spawn(o.node, [o.bundle, 'serve', '--config', variant.config], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, [READY_FILE_ENV]: ready } });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c) => (out += c));
  let exited = false;
  child.on('exit', () => (exited = true));
  while (!fs.existsSync(ready)) {
    if (exited) fail(`${variant.name}: the service exited before it was ready\n${out}`);
    if (Number(process.hrtime.bigint() - t0) > 30e9) {
      child.kill('SIGKILL');
      fail(`${variant.name}: not ready within 30 s\n${out}`);
    }
    await sleep(1);
  }
  const readyMs = Number(process.hrtime.bigint() - t0) / 1e6;
  await sleep(o.settle);
  const mem = memory(child.pid);
  // after the memory figure: reading every record of a long history grows the heap
  const { port } = JSON.parse(fs.readFileSync(ready, 'utf8'));
  // /healthz asked one after another while the whole history is listed: how long the cheap path waits
  let listing = true;
  const listed = timedGet(port, '/puppet/runs').finally(() => (listing = false));
  let healthMaxMs = 0;
  while (listing) healthMaxMs = Math.max(healthMaxMs, (await timedGet(port, '/healthz')).ms);
  const list = await listed;
  const status = await timedGet(port, '/puppet/status');
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
  const skipped = out.split('\n').filter((line) => line.includes('skipping run record')).length;
  return { readyMs, ...mem, skipped, listMs: list.ms, listed: list.count, healthMaxMs, statusMs: status.ms };
}

/** One GET: how long until its whole answer came, and how many items a JSON array answer had (else null). */
function timedGet(port, urlPath) {
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, headers: { Host: '127.0.0.1' } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          if (res.statusCode !== 200) return reject(new CannotRun(`GET ${urlPath} answered ${res.statusCode}`));
          const json = String(res.headers['content-type']).startsWith('application/json');
          const body = json ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
          resolve({ ms, count: Array.isArray(body) ? body.length : null });
        });
      })
      .on('error', reject);
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  const o = options(process.argv.slice(2));
  log(`bench/records: building a state_dir of ${o.records} records, a ${o.junkMb} MB junk file and a link to a root-only file`);
  const paths = setUp(o);
  try {
    const samples = Object.fromEntries(paths.variants.map((v) => [v.name, []]));
    for (let i = 0; i < o.starts; i++) {
      for (const variant of paths.variants) {
        samples[variant.name].push(await measure(o, paths, variant));
        log(`start ${i + 1}/${o.starts}: ${variant.name}: ${JSON.stringify(samples[variant.name].at(-1))}`);
      }
    }
    const base = median(samples[paths.variants[0].name].map((s) => s.rss));
    const rows = paths.variants.map((v) => {
      const s = samples[v.name];
      const ready = median(s.map((x) => x.readyMs));
      const rss = median(s.map((x) => x.rss));
      const delta = rss - base;
      const met = ready < TARGET_READY_MS && delta <= TARGET_RSS_DELTA_MIB;
      const list = `${median(s.map((x) => x.listMs)).toFixed(0)} ms (${s[0].listed})`;
      const status = `${median(s.map((x) => x.statusMs)).toFixed(0)} ms`;
      const health = `${median(s.map((x) => x.healthMaxMs)).toFixed(0)} ms`;
      return [v.name, `${ready.toFixed(0)} ms`, `${rss.toFixed(1)} MiB`, `${delta >= 0 ? '+' : ''}${delta.toFixed(1)} MiB`, `${median(s.map((x) => x.peak)).toFixed(1)} MiB`, s[0].skipped, list, health, status, met ? 'met' : 'MISSED'];
    });
    console.log(`node ${o.node === process.execPath ? process.version : o.node}, ${o.starts} starts each, medians; targets: ready < ${TARGET_READY_MS} ms, RSS within ${TARGET_RSS_DELTA_MIB} MiB of the empty state_dir`);
    console.log(table(['variant', 'ready', 'RSS', 'vs empty', 'peak RSS', 'skipped', 'GET runs (records)', '/healthz max meanwhile', 'GET status', 'target'], rows));
    console.log(JSON.stringify({ records: o.records, junk_mb: o.junkMb, samples }, null, 2));
  } finally {
    fs.rmSync(paths.dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`bench/records: ${err.message}`);
  process.exit(err instanceof CannotRun ? 2 : 1);
});
