// The unit suite's results under node.exe (mocha's JSON report) against the list of tests known to fail there
// and why. A failure not on the list fails the suite; a listed test that passes now is named, to be taken off.
// Usage: node unit-results.mjs REPORT.json KNOWN.txt
import { readFileSync } from 'node:fs';

const [reportFile, knownFile] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(readFileSync(reportFile, 'utf8'));
} catch (err) {
  console.error(`no mocha report from node.exe (${err.message}): see the output above`);
  process.exit(1);
}
const known = new Map(
  readFileSync(knownFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [title, why = ''] = line.split(' # ');
      return [title.trim(), why.trim()];
    }),
);
const failed = new Map(report.failures.map((f) => [f.fullTitle, (f.err?.message ?? '').split('\n')[0]]));
const unexpected = [...failed].filter(([title]) => !known.has(title));
const nowPassing = [...known.keys()].filter((title) => !failed.has(title));
const { passes, pending, failures } = report.stats;
console.log(`under node.exe: ${passes} passing, ${pending} pending, ${failures} failing (${failed.size - unexpected.length} of them known)`);
for (const [title, why] of known) if (failed.has(title)) console.log(`  known: ${title} (${why})`);
for (const title of nowPassing) console.log(`  passes now, take it off ${knownFile}: ${title}`);
for (const [title, message] of unexpected) console.log(`  NEW FAILURE: ${title}: ${message}`);
process.exit(unexpected.length === 0 ? 0 : 1);
