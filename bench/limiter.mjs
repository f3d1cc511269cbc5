#!/usr/bin/env node
// Benchmark for the sliding-window limiter (ts/auth/limiter.ts) behind the failed-authentication limit and
// limits.triggers_per_minute: the time of one `hit`, as the gate calls it for each failed authentication
// (10 a minute per address), with many distinct addresses, against the implementation it replaced (the
// baseline below, which scanned every key on each new key once it held 50,000).
//
// Scenarios, each a fresh window, one hit every --step-us microseconds of the window's clock:
//   distinct    --addresses (100,000) addresses, one hit each, all within the window: the table reaches its
//               bound of 50,000 live keys halfway and stays there
//   repeat      --few-addresses (1,000) addresses hit in turn, --hits hits in all (most are refused once an
//               address has had its 10)
//   expiring    --addresses addresses, one hit each, spread over 5 windows: keys expire while new ones come
// The current limiter is bundled from ts/auth/limiter.ts with esbuild (in memory). After a warm-up of each
// implementation (20,000 hits over 1,000 addresses), each scenario runs --rounds times with the current limiter
// and --baseline-rounds times with the baseline, alternating; the report gives the median over the rounds of the
// mean, p50, p99 and max of one hit, in microseconds, measured with process.hrtime.bigint() (its own cost,
// printed as "timer", is included in every figure). About 2 to 3 minutes with the defaults, mostly the
// baseline's distinct scenario.
// Prints a table and a JSON document; progress goes to stderr. Exits non-zero only when it cannot run.
// Only the Node standard library and the repository's esbuild are used.

import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CannotRun, fail, readOptions, table } from './common.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const LIMIT = 10; // FAILED_AUTH_LIMIT of ts/auth/gate.ts
const WINDOW_MS = 60_000;

const DEFAULTS = { addresses: 100_000, fewAddresses: 1_000, hits: 100_000, rounds: 3, baselineRounds: 1, stepUs: 100 };

const HELP = `Usage: node bench/limiter.mjs [options]

  --addresses N        distinct addresses of the distinct and expiring scenarios (default ${DEFAULTS.addresses})
  --few-addresses N    addresses of the repeat scenario (default ${DEFAULTS.fewAddresses})
  --hits N             hits of the repeat scenario (default ${DEFAULTS.hits})
  --rounds N           measured rounds per scenario of the current limiter (default ${DEFAULTS.rounds})
  --baseline-rounds N  the same for the baseline (default ${DEFAULTS.baselineRounds}: its distinct scenario
                       takes minutes, each new key past 50,000 scanning them all)
  --step-us N          the window's clock advances this much per hit (default ${DEFAULTS.stepUs}); the expiring
                       scenario uses 5 windows / --addresses instead
  --help               this text
`;

const log = (msg) => process.stderr.write(`[bench:limiter] ${msg}\n`);
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function parseArgs(argv) {
  const o = { ...DEFAULTS };
  readOptions(argv, HELP, (a, _val, num) => {
    switch (a) {
      case '--addresses': o.addresses = Math.floor(num(1, 10_000_000)); break;
      case '--few-addresses': o.fewAddresses = Math.floor(num(1, 10_000_000)); break;
      case '--hits': o.hits = Math.floor(num(1, 100_000_000)); break;
      case '--rounds': o.rounds = Math.floor(num(1, 100)); break;
      case '--baseline-rounds': o.baselineRounds = Math.floor(num(1, 100)); break;
      case '--step-us': o.stepUs = num(0, 1_000_000); break;
      default: return false;
    }
    return true;
  });
  return o;
}

// ---------------------------------------------------------------- the implementations

/**
 * BASELINE, for comparison only: the limiter as it was before keys were kept in the order of their latest event
 * (ts/auth/limiter.ts at the time, compiled to plain JavaScript). At maxKeys live keys, each new key scans every
 * key for expired events before it evicts the oldest inserted one.
 */
function baselineSlidingWindow(limit, windowMs, maxKeys = 50_000) {
  const events = new Map();
  const live = (key, now) => {
    const list = events.get(key);
    if (list === undefined) return [];
    while (list.length > 0 && list[0] <= now - windowMs) list.shift();
    if (list.length === 0) events.delete(key);
    return list;
  };
  const retryAfter = (list, now) => Math.max(1, Math.ceil((list[list.length - limit] + windowMs - now) / 1000));
  return {
    hit(key, now = Date.now()) {
      const list = live(key, now);
      if (list.length >= limit) return retryAfter(list, now);
      if (!events.has(key)) {
        if (events.size >= maxKeys) {
          for (const k of events.keys()) {
            live(k, now);
            if (events.size < maxKeys) break;
          }
          if (events.size >= maxKeys) events.delete(events.keys().next().value);
        }
        events.set(key, list);
      }
      list.push(now);
      return undefined;
    },
    over(key, now = Date.now()) {
      const list = live(key, now);
      return list.length >= limit ? retryAfter(list, now) : undefined;
    },
  };
}

/** The current slidingWindow, bundled from the source so the figures are the tree's as it is. */
async function currentSlidingWindow() {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    fail('esbuild is not installed (node_modules)');
  }
  const { outputFiles } = await esbuild.build({
    absWorkingDir: REPO,
    entryPoints: ['ts/auth/limiter.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', outputFiles[0].text)(module, module.exports, require);
  if (typeof module.exports.slidingWindow !== 'function') fail('ts/auth/limiter.ts exports no slidingWindow');
  return module.exports.slidingWindow;
}

// ---------------------------------------------------------------- scenarios

/** Distinct addresses, as a peer address looks: 10.x.y.z. */
const address = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

function scenarios(o) {
  const distinct = Array.from({ length: o.addresses }, (_, i) => address(i));
  const few = Array.from({ length: o.fewAddresses }, (_, i) => address(i));
  return [
    { name: 'distinct', what: `${o.addresses} addresses, one hit each, all live`, keys: distinct, hits: o.addresses, stepMs: o.stepUs / 1000 },
    { name: 'repeat', what: `${o.fewAddresses} addresses, ${o.hits} hits in turn`, keys: few, hits: o.hits, stepMs: o.stepUs / 1000 },
    { name: 'expiring', what: `${o.addresses} addresses over 5 windows`, keys: distinct, hits: o.addresses, stepMs: (5 * WINDOW_MS) / o.addresses },
  ];
}

/** One round: a fresh window, every hit timed; the durations in ns. */
function measure(slidingWindow, s) {
  const window = slidingWindow(LIMIT, WINDOW_MS);
  const times = new Float64Array(s.hits);
  const t0 = 1_700_000_000_000;
  let refused = 0;
  for (let i = 0; i < s.hits; i++) {
    const key = s.keys[i % s.keys.length];
    const now = t0 + i * s.stepMs;
    const start = process.hrtime.bigint();
    const wait = window.hit(key, now);
    times[i] = Number(process.hrtime.bigint() - start);
    if (wait !== undefined) refused++;
  }
  return { times, refused };
}

function stats(times) {
  const sorted = Float64Array.from(times).sort();
  let sum = 0;
  for (const t of sorted) sum += t;
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { mean_us: sum / sorted.length / 1000, p50_us: at(0.5) / 1000, p99_us: at(0.99) / 1000, max_us: sorted[sorted.length - 1] / 1000 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timerCost() {
  const n = 100_000;
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    times[i] = Number(process.hrtime.bigint() - start);
  }
  return stats(times);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const implementations = { current: await currentSlidingWindow(), baseline: baselineSlidingWindow };
  const warmUp = { name: 'warm-up', keys: Array.from({ length: 1000 }, (_, i) => address(i)), hits: 20_000, stepMs: 1 };
  for (const name of Object.keys(implementations)) measure(implementations[name], warmUp);
  const results = [];
  for (const s of scenarios(o)) {
    const rounds = { current: [], baseline: [] };
    const wanted = { current: o.rounds, baseline: o.baselineRounds };
    const refused = {};
    for (let r = 0; r < Math.max(o.rounds, o.baselineRounds); r++) {
      // alternate which goes first, so a drift of the machine touches both
      const order = r % 2 === 0 ? ['current', 'baseline'] : ['baseline', 'current'];
      for (const name of order.filter((n) => r < wanted[n])) {
        log(`${s.name}: ${name}, round ${r + 1} of ${wanted[name]}`);
        const m = measure(implementations[name], s);
        refused[name] = m.refused;
        rounds[name].push(stats(m.times));
      }
    }
    if (refused.current !== refused.baseline) fail(`${s.name}: the current limiter refused ${refused.current} hits, the baseline ${refused.baseline}`);
    const summary = (name) => Object.fromEntries(['mean_us', 'p50_us', 'p99_us', 'max_us'].map((k) => [k, round(median(rounds[name].map((x) => x[k])), 3)]));
    results.push({ scenario: s.name, what: s.what, hits: s.hits, refused: refused.current, current: summary('current'), baseline: summary('baseline'), rounds });
  }
  return {
    node_version: process.version,
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model ?? 'unknown',
    limit: LIMIT,
    window_ms: WINDOW_MS,
    timer: Object.fromEntries(Object.entries(timerCost()).map(([k, v]) => [k, round(v, 3)])),
    scenarios: results.map(({ rounds, ...rest }) => ({ ...rest, rounds: Object.fromEntries(Object.entries(rounds).map(([k, v]) => [k, v.map((x) => Object.fromEntries(Object.entries(x).map(([q, t]) => [q, round(t, 3)])))])) })),
  };
}

function report(r) {
  const rows = r.scenarios.flatMap((s) => [
    [s.scenario, 'current', s.current.mean_us, s.current.p50_us, s.current.p99_us, s.current.max_us, s.what],
    [s.scenario, 'baseline', s.baseline.mean_us, s.baseline.p50_us, s.baseline.p99_us, s.baseline.max_us, `${s.refused} refused`],
  ]);
  rows.push(['timer', '-', r.timer.mean_us, r.timer.p50_us, r.timer.p99_us, r.timer.max_us, 'hrtime.bigint() twice, nothing between']);
  const out = [
    `puppet-twitch limiter benchmark — node ${r.node_version}, ${r.cpus} CPU(s) (${r.cpu_model}); limit ${r.limit} a ${r.window_ms / 1000} s window, one hit (µs, median of rounds)`,
    '',
    table(['scenario', 'limiter', 'mean', 'p50', 'p99', 'max', ''], rows),
    '',
    JSON.stringify(r, null, 2),
  ];
  process.stdout.write(out.join('\n') + '\n');
}

try {
  report(await main());
  process.exitCode = 0;
} catch (e) {
  log(e instanceof CannotRun ? `cannot run: ${e.message}` : `error: ${e && e.stack ? e.stack : e}`);
  process.exitCode = 1;
}
