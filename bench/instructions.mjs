#!/usr/bin/env node
// Instructions per request of the service bundle, counted under valgrind's callgrind: a figure that, unlike CPU
// time, does not move with what else the machine runs. For `GET /healthz` and the busy answer (409 while a stand-in
// run lasts), and for a --baseline bundle beside it: the service runs `node --single-threaded` (the compiler on the
// main thread, so that its work is counted and can be told apart), takes --warmup requests, then --requests counted
// ones, 4 at a time on keep-alive connections. Prints the total and the count without the optimizing compiler's
// own work, per request, as a table and as JSON. Exits non-zero only when it cannot run. Only the Node standard
// library, valgrind and callgrind_annotate are used; about 2 minutes a bundle and path.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CannotRun, fail, readOptions, table } from './common.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HELP = `Usage: node bench/instructions.mjs [options]

  --node PATH            node binary that runs the service (env TWITCH_BENCH_NODE; default: this node)
  --bundle PATH          service bundle (default: files/puppet-twitch.js)
  --baseline PATH        another bundle counted the same way (an earlier build)
  --limits JSON          the service's limits (default: refused_triggers_per_minute 1e9, so the busy answer stays
                         a 409); --baseline-limits for the baseline (default '{}': a build that may not know the key)
  --warmup N             requests before counting (default 15000)
  --requests N           requests counted (default 5000)
  --help                 this text
`;

function options(argv) {
  const o = {
    node: process.env.TWITCH_BENCH_NODE || process.execPath,
    bundle: path.join(REPO, 'files', 'puppet-twitch.js'),
    baseline: undefined,
    limits: '{"refused_triggers_per_minute":1000000000}',
    baselineLimits: '{}',
    warmup: 15000,
    requests: 5000,
  };
  readOptions(argv, HELP, (name, value, num) => {
    if (name === '--node') o.node = value();
    else if (name === '--bundle') o.bundle = path.resolve(value());
    else if (name === '--baseline') o.baseline = path.resolve(value());
    else if (name === '--limits') o.limits = value();
    else if (name === '--baseline-limits') o.baselineLimits = value();
    else if (name === '--warmup') o.warmup = Math.floor(num(0, 1e7));
    else if (name === '--requests') o.requests = Math.floor(num(100, 1e7));
    else return false;
    return true;
  });
  for (const bundle of [o.bundle, o.baseline].filter(Boolean)) if (!fs.existsSync(bundle)) fail(`no bundle at ${bundle}`);
  for (const tool of ['valgrind', 'callgrind_control', 'callgrind_annotate']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      fail(`${tool} is not installed (apt-get install valgrind)`);
    }
  }
  return o;
}

const log = (message) => process.stderr.write(`[instructions] ${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function request(port, method, reqPath, agent) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: reqPath, agent, headers: method === 'POST' ? { 'Content-Length': '0' } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.setTimeout(60000, () => req.destroy(new Error(`${method} ${reqPath}: no answer within 60 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** `count` requests, 4 at a time on keep-alive connections; fails on any other status than `expected`. */
async function load(port, method, reqPath, expected, count) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const status = await request(port, method, reqPath, agent);
      if (status !== expected) throw new CannotRun(`${method} ${reqPath} answered ${status}, not ${expected}`);
    }
  };
  try {
    await Promise.all([worker(), worker(), worker(), worker()]);
  } finally {
    agent.destroy();
  }
}

const COMPILER = /compiler::|Zone|Turbofan|Maglev|OptimizedCompilationJob|PipelineImpl|InstructionSelector|RegisterAllocat|LiveRange|Scheduler|GraphReducer|Compile/;

/** The dump's total and the part outside the optimizing compiler, from callgrind_annotate's per-function lines. */
function count(file) {
  const text = execFileSync('callgrind_annotate', ['--threshold=100', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  let total = 0;
  let compiler = 0;
  for (const line of text.split('\n')) {
    const m = /^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$/.exec(line);
    if (m === null) continue;
    const n = Number(m[1].replace(/,/g, ''));
    if (m[2].includes('PROGRAM TOTALS')) total = n;
    else if (COMPILER.test(m[2])) compiler += n;
  }
  return { total, compiler };
}

/** One bundle, one path: the service under callgrind, warmed up, then counted. */
async function measure(o, bundle, limits, busy) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twitch-instructions-'));
  const puppet = path.join(dir, 'puppet');
  fs.writeFileSync(puppet, `#!/bin/sh\n# stand-in for puppet: never runs Puppet\necho $$ >> ${dir}/standins\nexec sleep 600\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'site.pp'), '# empty\n');
  const config = {
    bind: '127.0.0.1',
    port: 0,
    state_dir: path.join(dir, 'records'),
    puppet: { bin: puppet, mode: 'apply', manifest: path.join(dir, 'site.pp'), sudo: false, statedir: path.join(dir, 'state'), lastrunfile: path.join(dir, 'summary.yaml') },
    ...(limits === '{}' ? {} : { limits: JSON.parse(limits) }),
  };
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  const out = path.join(dir, 'callgrind.out');
  const args = ['--tool=callgrind', '--smc-check=all-non-file', '--instr-atstart=no', `--callgrind-out-file=${out}`, o.node, '--single-threaded', bundle, 'serve', '--config', path.join(dir, 'config.json')];
  const child = spawn('valgrind', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c) => (output += c));
  child.stderr.setEncoding('utf8').on('data', (c) => (output += c));
  try {
    let port;
    for (let waited = 0; port === undefined; waited += 200) {
      if (waited > 180000 || child.exitCode !== null) throw new CannotRun(`the service did not start under valgrind:\n${output.slice(-2000)}`);
      port = /listening on https?:\/\/[^ ]*:(\d+)/.exec(output)?.[1];
      await sleep(200);
    }
    const [reqPath, method, expected] = busy ? ['/puppet/twitch', 'POST', 409] : ['/healthz', 'GET', 200];
    if (busy) {
      const status = await request(Number(port), 'POST', '/puppet/twitch', undefined);
      if (status !== 202) throw new CannotRun(`the trigger that keeps the service busy answered ${status}, not 202`);
    }
    await load(Number(port), method, reqPath, expected, o.warmup);
    execFileSync('callgrind_control', ['-i', 'on', String(child.pid)], { stdio: 'ignore' });
    await load(Number(port), method, reqPath, expected, o.requests);
    execFileSync('callgrind_control', ['-i', 'off', String(child.pid)], { stdio: 'ignore' });
    execFileSync('callgrind_control', ['-d', String(child.pid)], { stdio: 'ignore' });
    await sleep(500);
    // the dump asked for is the largest of the files (the one at exit holds what came after it)
    const dumps = fs.readdirSync(dir).filter((f) => f.startsWith('callgrind.out')).map((f) => path.join(dir, f));
    const file = dumps.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
    const { total, compiler } = count(file);
    return { total: Math.round(total / o.requests), without_compiler: Math.round((total - compiler) / o.requests) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    const standins = fs.existsSync(path.join(dir, 'standins')) ? fs.readFileSync(path.join(dir, 'standins'), 'utf8').split('\n').filter(Boolean) : [];
    for (const pid of standins) {
      try {
        process.kill(Number(pid), 'SIGTERM');
      } catch {
        // already gone
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const o = options(process.argv.slice(2));
  const bundles = [['bundle', o.bundle, o.limits], ...(o.baseline === undefined ? [] : [['baseline', o.baseline, o.baselineLimits]])];
  const results = {};
  for (const busy of [false, true]) {
    const name = busy ? 'busy answer (409)' : 'GET /healthz';
    results[name] = {};
    for (const [which, bundle, limits] of bundles) {
      log(`${which}: ${name} (${o.warmup} to warm up, ${o.requests} counted)`);
      results[name][which] = await measure(o, bundle, limits, busy);
      log(`${which}: ${name}: ${JSON.stringify(results[name][which])} instructions per request`);
    }
  }
  const rows = Object.entries(results).map(([name, r]) => [
    name,
    `${r.bundle.without_compiler} (${r.bundle.total} with the compiler)`,
    r.baseline === undefined ? '-' : `${r.baseline.without_compiler} (${r.baseline.total})`,
    r.baseline === undefined ? '-' : `${(r.bundle.without_compiler / r.baseline.without_compiler).toFixed(2)}x`,
  ]);
  console.log(`instructions per request, without the optimizing compiler's own work (node ${execFileSync(o.node, ['--version'], { encoding: 'utf8' }).trim()})\n`);
  console.log(table(['path', 'bundle', 'baseline', 'bundle / baseline'], rows));
  console.log('');
  console.log(JSON.stringify({ warmup: o.warmup, requests: o.requests, results }));
}

main().catch((err) => {
  console.error(`bench/instructions: ${err instanceof CannotRun ? `cannot run: ${err.message}` : err.stack}`);
  process.exit(1);
});
