// The formats' texts are their own modules' to test; this is only which text goes where.
import { strict as assert } from 'node:assert';
import { emptyResult } from '../../../../ts/fleet/node-run';
import { endTexts, isStreamed, nodeText, startText } from '../../../../ts/fleet/emit';
import { jsonlStart } from '../../../../ts/fleet/formats/jsonl';
import { fleetDocument, jsonText, table } from '../../../../ts/fleet/report';

const doc = fleetDocument({
  started_at: '2026-12-03T10:00:00.000Z', finished_at: '2026-12-03T10:00:42.000Z', duration_seconds: 42, selection: { nodes: ['a'] },
  puppetdb_query_seconds: null, concurrency: 10, max_failures: null, busy_timeout: 0, options: {},
  order: 'name', seed: null, canary: null, batch_size: null, batch_sleep: 0, max_failures_given: null, batches: 1, stopped: null, drift: null, exit_status: 0,
}, [{ ...emptyResult({ node: 'a', address: 'a' }, null), outcome: 'ok' }]);

describe('fleet/emit', () => {
  it('writes the table, or the --json document, to stdout', () => {
    assert.deepEqual(endTexts('table', doc, { output: false, stepSummary: false }), { stdout: table(doc), file: null, stepSummary: null });
    assert.deepEqual(endTexts('json', doc, { output: false, stepSummary: false }), { stdout: jsonText(doc), file: null, stepSummary: null });
  });
  it('with --output writes the format to the file and the table to stdout', () => {
    assert.deepEqual(endTexts('json', doc, { output: true, stepSummary: false }), { stdout: table(doc), file: jsonText(doc), stepSummary: null });
    assert.deepEqual(endTexts('table', doc, { output: true, stepSummary: true }), { stdout: table(doc), file: table(doc), stepSummary: null });
  });
  it('streams jsonl only', () => {
    assert.deepEqual(['table', 'json', 'jsonl', 'junit', 'github'].map((f) => isStreamed(f as never)), [false, false, true, false, false]);
    assert.equal(nodeText('json', doc.nodes[0]), null);
    const { finished_at: _f, duration_seconds: _d, stopped: _s, drift: _r, exit_status: _e, summary: _m, nodes: _n, ...plan } = doc;
    const batches = [{ index: 1, targets: [{ node: 'a', address: 'a' }] }];
    assert.equal(startText('jsonl', plan, batches), jsonlStart(plan, batches));
    for (const f of ['table', 'json', 'junit', 'github']) assert.equal(startText(f as never, plan, batches), null);
  });
});
