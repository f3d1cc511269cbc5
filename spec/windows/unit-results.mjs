// The unit suite's results under node.exe (mocha's JSON report): every test passes there as on Linux, each
// choosing its expectations by platform, so any failure fails the suite. Pending tests are named: each says
// in its own text why it does not apply to Windows.
// Usage: node unit-results.mjs REPORT.json
import { readFileSync } from 'node:fs';

const [reportFile] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(readFileSync(reportFile, 'utf8'));
} catch (err) {
  console.error(`no mocha report from node.exe (${err.message}): see the output above`);
  process.exit(1);
}
const { passes, pending, failures } = report.stats;
console.log(`under node.exe: ${passes} passing, ${pending} pending, ${failures} failing`);
for (const p of report.pending) console.log(`  pending: ${p.fullTitle}`);
for (const f of report.failures) console.log(`  FAILED: ${f.fullTitle}: ${(f.err?.message ?? '').split('\n')[0]}`);
process.exit(failures === 0 ? 0 : 1);
