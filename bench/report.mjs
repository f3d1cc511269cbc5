#!/usr/bin/env node
// The cost of a run's resource report in the root helper: reading Puppet's last_run_report.yaml of a
// --resources-resource run (10,000 by default) and extracting the bounded list (ts/puppet/report-file.ts). The
// report is written once by a real `puppet apply` of generated notify resources and kept in the temp dir (the run
// takes puppet about a minute). ts/puppet/report-file.ts is built with esbuild into a script that, in a fresh Node
// process each time (--runs of them), reads the report --reads times; it prints the time of each read and the
// process's peak RSS (VmHWM), against a process that only loads the same script. Prints medians against the target
// (under 2 s), then the samples as JSON. Exits non-zero only when it cannot run.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CannotRun, fail, readOptions, table } from './common.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HELP = `usage: node bench/report.mjs [--node PATH] [--puppet PATH] [--resources N] [--runs N] [--reads N]
`;
const TARGET_MS = 2000;

function options(argv) {
  const o = { node: process.env.TWITCH_BENCH_NODE || process.execPath, puppet: '/usr/bin/puppet', resources: 10_000, runs: 5, reads: 1 };
  readOptions(argv, HELP, (name, value, num) => {
    if (name === '--node') o.node = value();
    else if (name === '--puppet') o.puppet = value();
    else if (name === '--resources') o.resources = num(1, 100_000);
    else if (name === '--runs') o.runs = num(1, 50);
    else if (name === '--reads') o.reads = num(1, 50);
    else return false;
    return true;
  });
  return o;
}

/** The report of a real puppet apply of `count` notify resources: made once per puppet version and count. */
function reportFile(o) {
  const version = execFileSync(o.puppet, ['--version']).toString().trim();
  const file = path.join(os.tmpdir(), `puppet-twitch-report-${o.resources}-${version}.yaml`);
  if (fs.existsSync(file)) return file;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twitch-bench-report-'));
  try {
    const manifest = path.join(dir, 'site.pp');
    fs.writeFileSync(manifest, Array.from({ length: o.resources }, (_, i) => `notify { 'n${i}': message => '${'m'.repeat(i % 50)}' }`).join('\n'));
    console.error(`writing a report of ${o.resources} resources with ${o.puppet} apply (once; kept as ${file})`);
    const out = path.join(dir, 'last_run_report.yaml');
    spawnSync(o.puppet, ['apply', `--vardir=${dir}/var`, `--logdir=${dir}/var`, `--lastrunreport=${out}`, manifest], { stdio: 'ignore' });
    fs.copyFileSync(out, file);
    return file;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function buildScript(dir) {
  const { build } = await import('esbuild');
  const entry = path.join(dir, 'entry.ts');
  fs.writeFileSync(
    entry,
    `import { readRunReport } from ${JSON.stringify(path.join(REPO, 'ts/puppet/report-file'))};
const peak = () => Number(/VmHWM:\\s+(\\d+)/.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
void (async () => {
  const [file, reads] = process.argv.slice(2);
  const before = peak();
  const ms: number[] = [];
  let report;
  for (let i = 0; i < Number(reads); i++) {
    const t0 = process.hrtime.bigint();
    report = await readRunReport(file, 0);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  console.log(JSON.stringify({ ms, before, peak: peak(), listed: report?.resources.length ?? 0, left_out: report?.resources_left_out ?? 0, error: report?.error ?? null, bytes: Buffer.byteLength(JSON.stringify(report)) }));
})();
`,
  );
  const out = path.join(dir, 'report-bench.js');
  await build({ entryPoints: [entry], outfile: out, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning', absWorkingDir: REPO, nodePaths: [path.join(REPO, 'node_modules')] });
  return out;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const o = options(process.argv.slice(2));
  if (!fs.existsSync(o.puppet)) fail(`no puppet at ${o.puppet} (--puppet)`);
  const file = reportFile(o);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twitch-bench-report-build-'));
  try {
    const script = await buildScript(dir);
    const samples = [];
    for (let run = 0; run < o.runs; run++) {
      const r = spawnSync(o.node, [script, file, String(o.reads)], { encoding: 'utf8' });
      if (r.status !== 0) fail(`the bench script failed: ${r.stderr}`);
      const sample = JSON.parse(r.stdout.trim().split('\n').pop());
      samples.push(sample);
      console.error(`run ${run + 1}/${o.runs}: ${sample.ms.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}; peak RSS ${sample.peak.toFixed(1)} MiB (${sample.before.toFixed(1)} MiB loaded)`);
    }
    const first = median(samples.map((s) => s.ms[0]));
    const later = median(samples.flatMap((s) => s.ms.slice(1)).concat(samples.length > 0 && o.reads === 1 ? [first] : []));
    const peak = median(samples.map((s) => s.peak));
    const base = median(samples.map((s) => s.before));
    const size = fs.statSync(file).size;
    console.log(`\nthe report of a ${o.resources}-resource run (${(size / 1024 / 1024).toFixed(1)} MiB of YAML), median of ${o.runs} processes:\n`);
    console.log(
      table(
        ['measure', 'value', 'target'],
        [
          ['first read (loads yaml): parse + extract', `${first.toFixed(0)} ms`, `< ${TARGET_MS} ms`],
          ['later reads: parse + extract', `${later.toFixed(0)} ms`, `< ${TARGET_MS} ms`],
          ['peak RSS of the process', `${peak.toFixed(1)} MiB`, ''],
          ['peak RSS over the loaded script', `+${(peak - base).toFixed(1)} MiB`, ''],
          ['resources listed / left out', `${samples[0].listed} / ${samples[0].left_out}`, '500 at most'],
          ['report JSON', `${(samples[0].bytes / 1024).toFixed(0)} KiB`, '256 KiB of resources at most'],
        ],
      ),
    );
    console.log(`\n${JSON.stringify({ file, size, samples })}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (err) {
  if (!(err instanceof CannotRun)) throw err;
  console.error(`bench/report.mjs: ${err.message}`);
  process.exit(1);
}
