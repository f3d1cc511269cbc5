import { strict as assert } from 'node:assert';
import { jsonListReply } from '../../../../ts/http/respond';
import { turnsDuring } from '../../support/turns';

describe('http/respond: replies', () => {
  it('answers a long JSON list exactly as JSON.stringify would, letting other work in while it is made', async () => {
    const items = Array.from({ length: 450 }, (_, i) => ({ id: `run-${i}`, tail: ['a "quoted" line', 'ü'], exit_code: i % 3 === 0 ? null : i }));
    const { value: reply, turns } = await turnsDuring(() => jsonListReply(items));
    assert.equal(reply.status, 200);
    assert.equal(reply.body, JSON.stringify(items));
    assert.match(String(reply.headers?.['Content-Type']), /^application\/json/);
    assert.ok(turns >= 2, `other work ran ${turns} times`);
    assert.equal((await jsonListReply([])).body, '[]');
  });
});
