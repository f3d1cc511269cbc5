import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RETRY_OUTCOMES } from '../../../../ts/fleet/args';
import { resolveTargets } from '../../../../ts/fleet/targets';

const noPuppetDb = { url: 'https://puppetdb:8081', connectMs: 1, timeoutMs: 1, request: () => Promise.reject(new Error('PuppetDB was asked')) };

describe('fleet/targets: --retry-from', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'fleet-retry-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reaches each node at the address the earlier rollout recorded, without asking PuppetDB', async () => {
    const file = join(dir, 'last.json');
    writeFileSync(file, JSON.stringify({ nodes: [{ node: 'b', address: '10.0.0.2', outcome: 'failed' }, { node: 'a', address: '10.0.0.1', outcome: 'ok' }] }));
    const { targets, puppetdbSeconds } = await resolveTargets({ retry_from: file, outcomes: [...RETRY_OUTCOMES] }, null, noPuppetDb);
    assert.deepEqual(targets, [{ node: 'b', address: '10.0.0.2' }]);
    assert.equal(puppetdbSeconds, null);
  });
  it('passes on what to say of an interrupted stream\'s nodes without a result', async () => {
    const file = join(dir, 'cut.jsonl');
    const start = { event: 'start', nodes: [{ node: 'a', address: '10.0.0.1' }, { node: 'b', address: '10.0.0.2' }] };
    writeFileSync(file, `${JSON.stringify(start)}\n${JSON.stringify({ event: 'node', node: 'a', address: '10.0.0.1', outcome: 'ok' })}\n`);
    const { targets, notice } = await resolveTargets({ retry_from: file, outcomes: [...RETRY_OUTCOMES] }, null, noPuppetDb);
    assert.deepEqual(targets, [{ node: 'b', address: '10.0.0.2' }]);
    assert.match(String(notice), /: 1 node of the interrupted stream has no result: retried$/);
    writeFileSync(file, `${JSON.stringify(start)}\n${JSON.stringify({ event: 'node', node: 'b', address: '10.0.0.2', outcome: 'failed' })}\n{"event":"end"}\n`);
    const whole = await resolveTargets({ retry_from: file, outcomes: [...RETRY_OUTCOMES] }, null, noPuppetDb);
    assert.equal(whole.notice, null);
  });
  it('says it cannot read the file (exit status 2)', async () => {
    await assert.rejects(resolveTargets({ retry_from: join(dir, 'none.json'), outcomes: ['failed'] }, null, noPuppetDb), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'USAGE');
      assert.match(err.message, /^fleet: cannot read --retry-from .*none\.json: ENOENT/);
      return true;
    });
  });
});
