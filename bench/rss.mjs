#!/usr/bin/env node
// Idle memory of the service bundle without a schedule, with one, and of a bare Node.js HTTP server, measured in
// the same run with the same node binary. Each variant is started --starts times, in turn (so a drift of the
// machine touches all alike), left to settle, then its VmRSS, RssAnon and RssFile are read from /proc and it is
// stopped with SIGTERM. Prints the medians, the deltas, and the samples as JSON. Exits non-zero only when it
// cannot run. Only the Node standard library is used.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `usage: node bench/rss.mjs [--node PATH] [--bundle PATH] [--baseline PATH] [--starts N] [--settle MS] [--cron EXPR]`;

function options(argv) {
  const o = {
    node: process.env.TWITCH_BENCH_NODE || process.execPath,
    bundle: path.join(REPO, 'files', 'puppet-twitch.js'),
    // another build (an earlier release, say) measured without a schedule alongside
    baseline: undefined,
    starts: 7,
    settle: 2000,
    // a realistic expression that does not tick while a variant is measured (unless one starts on the hour)
    cron: '17 3 * * *',
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) fail(`${flag} needs a value\n${USAGE}`);
      return argv[++i];
    };
    if (flag === '--node') o.node = val();
    else if (flag === '--bundle') o.bundle = path.resolve(val());
    else if (flag === '--baseline') o.baseline = path.resolve(val());
    else if (flag === '--starts') o.starts = Number(val());
    else if (flag === '--settle') o.settle = Number(val());
    else if (flag === '--cron') o.cron = val();
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown option ${flag}\n${USAGE}`);
  }
  if (!Number.isInteger(o.starts) || o.starts < 1 || o.starts > 100) fail('--starts must be an integer from 1 to 100');
  if (!Number.isInteger(o.settle) || o.settle < 0) fail('--settle must be a whole number of milliseconds');
  if (!fs.existsSync(o.bundle)) fail(`no bundle at ${o.bundle}: run npm run build`);
  if (o.baseline !== undefined && !fs.existsSync(o.baseline)) fail(`no baseline bundle at ${o.baseline}`);
  return o;
}

function fail(message) {
  console.error(`bench/rss: ${message}`);
  process.exit(2);
}

const log = (message) => process.stderr.write(`${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function memory(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, anon: kb('RssAnon') / 1024, file: kb('RssFile') / 1024 };
}

/** A temp dir with a stand-in puppet that exits at once, and the two configs. */
function setUp(cron) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twitch-rss-'));
  const puppet = path.join(dir, 'puppet');
  fs.writeFileSync(puppet, '#!/bin/sh\n# stand-in for puppet: never runs Puppet\nexit 0\n', { mode: 0o755 });
  const manifest = path.join(dir, 'site.pp');
  fs.writeFileSync(manifest, '# empty\n');
  const base = {
    bind: '127.0.0.1',
    port: 0,
    state_dir: path.join(dir, 'records'),
    puppet: { bin: puppet, mode: 'apply', manifest, sudo: false, statedir: path.join(dir, 'state'), lastrunfile: path.join(dir, 'summary.yaml') },
  };
  const write = (name, doc) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    return file;
  };
  return {
    dir,
    plain: write('plain.json', base),
    scheduled: write('scheduled.json', { ...base, schedule: { cron, timezone: 'UTC' } }),
  };
}

const BARE = "require('node:http').createServer((q, r) => r.end('ok')).listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1'));";

/** Starts one variant, waits for its "listening on" line and the settle time, reads its memory, stops it. */
function measure(o, variant, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(o.node, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let measured = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${variant}: no "listening on" line within 10 s\n${out}`));
    }, 10000);
    const onData = async (chunk) => {
      out += chunk;
      if (measured || !out.includes('listening on')) return;
      measured = true;
      clearTimeout(timer);
      await sleep(o.settle);
      let mem;
      try {
        mem = memory(child.pid);
      } catch (err) {
        reject(new Error(`${variant}: cannot read /proc/${child.pid}/status: ${err.message}\n${out}`));
        return;
      }
      child.once('exit', (code, signal) => {
        if (variant !== 'bare node' && code !== 0) reject(new Error(`${variant}: exit ${code ?? signal} after SIGTERM\n${out}`));
        else resolve(mem);
      });
      child.kill('SIGTERM');
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.on('error', reject);
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (n) => Math.round(n * 100) / 100;
const mib = (n) => `${n.toFixed(2)} MiB`;
const signed = (n) => `${n >= 0 ? '+' : ''}${n.toFixed(2)} MiB`;

async function main() {
  const o = options(process.argv.slice(2));
  const paths = setUp(o.cron);
  const variants = {
    'bare node': ['-e', BARE],
    'bundle, no schedule': [o.bundle, 'serve', '--config', paths.plain],
    'bundle, schedule': [o.bundle, 'serve', '--config', paths.scheduled],
    ...(o.baseline === undefined ? {} : { 'baseline bundle, no schedule': [o.baseline, 'serve', '--config', paths.plain] }),
  };
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  try {
    for (let i = 0; i < o.starts; i++) {
      for (const [name, args] of Object.entries(variants)) {
        const mem = await measure(o, name, args);
        samples[name].push(mem);
        log(`start ${i + 1}/${o.starts} ${name}: ${mib(mem.rss)} (anon ${mib(mem.anon)}, file ${mib(mem.file)})`);
      }
    }
  } finally {
    fs.rmSync(paths.dir, { recursive: true, force: true });
  }

  const med = Object.fromEntries(
    Object.entries(samples).map(([name, list]) => [
      name,
      { rss: round(median(list.map((m) => m.rss))), anon: round(median(list.map((m) => m.anon))), file: round(median(list.map((m) => m.file))) },
    ]),
  );
  const bare = med['bare node'];
  const plain = med['bundle, no schedule'];
  const scheduled = med['bundle, schedule'];
  const nodeVersion = await new Promise((resolve) => {
    const child = spawn(o.node, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let v = '';
    child.stdout.on('data', (c) => (v += c));
    child.on('close', () => resolve(v.trim()));
  });

  console.log(`\nidle RSS, median of ${o.starts} starts each, ${o.settle} ms after "listening on" (node ${nodeVersion}, schedule "${o.cron}")\n`);
  console.log('| variant | VmRSS | RssAnon | RssFile |');
  console.log('|---|---|---|---|');
  for (const [name, m] of Object.entries(med)) console.log(`| ${name} | ${mib(m.rss)} | ${mib(m.anon)} | ${mib(m.file)} |`);
  console.log('');
  console.log('| delta | VmRSS | RssAnon | RssFile |');
  console.log('|---|---|---|---|');
  const delta = (name, a, b) => console.log(`| ${name} | ${signed(a.rss - b.rss)} | ${signed(a.anon - b.anon)} | ${signed(a.file - b.file)} |`);
  delta('schedule vs no schedule', scheduled, plain);
  delta('no schedule vs bare node', plain, bare);
  delta('schedule vs bare node', scheduled, bare);
  if (o.baseline !== undefined) delta('no schedule vs baseline bundle', plain, med['baseline bundle, no schedule']);
  console.log('');
  console.log(JSON.stringify({ node: nodeVersion, starts: o.starts, settle_ms: o.settle, cron: o.cron, median_mib: med, samples_mib: samples }));
}

main().catch((err) => {
  console.error(`bench/rss: ${err.message}`);
  process.exit(1);
});
