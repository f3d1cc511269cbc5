import { strict as assert } from 'node:assert';
import { jsonlEnd, jsonlNode, jsonlStart } from '../../../../../ts/fleet/formats/jsonl';
import { richDocument } from './documents';

const RAW_CONTROL = /[\0-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('fleet/formats/jsonl', () => {
  const doc = richDocument();

  it('writes one line per node, parseable, the node\'s result whole after "event": "node"', () => {
    for (const node of doc.nodes) {
      const line = jsonlNode(node);
      assert.ok(line.endsWith('\n'));
      assert.equal(line.indexOf('\n'), line.length - 1, 'one line');
      assert.deepEqual(JSON.parse(line), { event: 'node', ...node });
      assert.ok(line.startsWith('{"event":"node",'));
    }
  });

  it('begins with the plan and every node targeted, in the order they start, with address and batch, after "event": "start"', () => {
    const { finished_at: _f, duration_seconds: _d, stopped: _s, drift: _r, exit_status: _e, summary: _m, nodes: _n, ...plan } = doc;
    const batches = [
      { index: 0, targets: [{ node: 'web9', address: '10.0.0.9' }] },
      { index: 1, targets: [{ node: 'db1', address: null }, { node: 'app1', address: 'app1' }] },
    ];
    const line = jsonlStart(plan, batches);
    assert.equal(line.indexOf('\n'), line.length - 1, 'one line');
    assert.ok(line.startsWith('{"event":"start",'));
    assert.deepEqual(JSON.parse(line), {
      event: 'start',
      ...plan,
      nodes: [{ node: 'web9', address: '10.0.0.9', batch: 0 }, { node: 'db1', address: null, batch: 1 }, { node: 'app1', address: 'app1', batch: 1 }],
    });
    assert.doesNotMatch(jsonlStart(plan, [{ index: 1, targets: [{ node: 'evil\x1b[2J\u2028', address: 'x' }] }]).trimEnd(), RAW_CONTROL);
  });

  it('ends with the document without its nodes after "event": "end"', () => {
    const line = jsonlEnd(doc);
    assert.equal(line.indexOf('\n'), line.length - 1);
    const { nodes, ...rest } = doc;
    assert.ok(nodes.length > 0);
    assert.deepEqual(JSON.parse(line), { event: 'end', ...rest });
    assert.ok(!('nodes' in JSON.parse(line)));
    assert.ok(line.startsWith('{"event":"end",'));
  });

  it('has no control character raw, the C1 ones and the line and bidi separators included', () => {
    const text = doc.nodes.map(jsonlNode).join('') + jsonlEnd(doc);
    for (const line of text.trimEnd().split('\n')) assert.doesNotMatch(line, RAW_CONTROL, line);
    const evil = doc.nodes.find((n) => n.node.startsWith('evil'));
    assert.ok(evil !== undefined);
    assert.ok(jsonlNode(evil).includes('\\u001b[2J\\u0007\\u0000\\u000b\\u007f\\u0085\\u202e'), jsonlNode(evil));
    assert.ok(jsonlNode(evil).includes('\\r\\n'));
  });
});
