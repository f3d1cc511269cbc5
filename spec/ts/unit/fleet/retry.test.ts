import { strict as assert } from 'node:assert';
import { RETRY_OUTCOMES } from '../../../../ts/fleet/args';
import { retryTargets } from '../../../../ts/fleet/retry';

const node = (name: string, outcome: string, address: string | null = name) => ({ node: name, address, outcome, run_id: null, error: null });
const documentText = JSON.stringify({ started_at: 'x', summary: {}, nodes: [node('web2', 'failed', '10.0.0.2'), node('web1', 'ok'), node('db1', 'unreachable', null), node('app1', 'skipped'), node('app2', 'drift')] }, null, 2);
const stream = [
  { event: 'node', ...node('web2', 'busy', '10.0.0.2') },
  { event: 'node', ...node('web1', 'changes') },
  { event: 'node', ...node('db1', 'unknown') },
  { event: 'end', summary: {} },
].map((l) => JSON.stringify(l)).join('\n') + '\n';
const refusal = (text: string, outcomes: readonly string[], message: RegExp) =>
  assert.throws(() => retryTargets(text, '/tmp/last.json', outcomes as never), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'USAGE');
    assert.match(err.message, /^fleet: --retry-from \/tmp\/last\.json: /);
    assert.match(err.message, message);
    return true;
  });

describe('fleet/retry', () => {
  it('takes the nodes of a --format json document that did not end well, at their recorded address, sorted', () => {
    assert.deepEqual(retryTargets(documentText, 'f', RETRY_OUTCOMES), [
      { node: 'app1', address: 'app1' },
      { node: 'db1', address: null },
      { node: 'web2', address: '10.0.0.2' },
    ]);
  });
  it('takes those of a --format jsonl stream, passing the end line over', () => {
    assert.deepEqual(retryTargets(stream, 'f', RETRY_OUTCOMES), [{ node: 'db1', address: 'db1' }, { node: 'web2', address: '10.0.0.2' }]);
  });
  it('restricts them to --retry-outcomes, a success too when asked', () => {
    assert.deepEqual(retryTargets(documentText, 'f', ['failed']), [{ node: 'web2', address: '10.0.0.2' }]);
    assert.deepEqual(retryTargets(documentText, 'f', ['drift']), [{ node: 'app2', address: 'app2' }]);
  });
  it('takes a stream\'s last line of a node, and one that has no end line (cut short)', () => {
    const again = stream + JSON.stringify({ event: 'node', ...node('web2', 'ok') }) + '\n';
    assert.deepEqual(retryTargets(again.split('\n').filter((l) => !l.includes('"end"')).join('\n'), 'f', RETRY_OUTCOMES), [{ node: 'db1', address: 'db1' }]);
  });
  it('says what is wrong with a file it cannot use', () => {
    refusal('', RETRY_OUTCOMES, /it lists no nodes\. Give a file that --format json or --format jsonl wrote\./);
    refusal('NODE OUTCOME\nweb1 ok\n', RETRY_OUTCOMES, /line 1 is not JSON/);
    refusal('{"event":"node","node":"a","outcome":"ok"}\n[1]\n', RETRY_OUTCOMES, /line 2 is not a JSON object/);
    refusal(JSON.stringify({ nodes: [{ outcome: 'ok' }] }), RETRY_OUTCOMES, /node 1 of the document has no node name/);
    refusal(JSON.stringify({ nodes: [node('a', 'exploded')] }), RETRY_OUTCOMES, /node 1 of the document \(a\) has no outcome this version knows \(exploded\)/);
    refusal(JSON.stringify({ nodes: [node('a', 'ok'), node('b', 'changes')] }), RETRY_OUTCOMES, /none of its 2 nodes ended skipped, unknown, busy, .*: there is nothing to retry\./);
    refusal(JSON.stringify({ nodes: [] }), RETRY_OUTCOMES, /it lists no nodes/);
  });
});
