import { strict as assert } from 'node:assert';
import { jsonListReply } from '../../../../ts/http/respond';

describe('http/respond: replies', () => {
  it('answers a long JSON list exactly as JSON.stringify would, letting other work in while it is made', async () => {
    const items = Array.from({ length: 450 }, (_, i) => ({ id: `run-${i}`, tail: ['a "quoted" line', 'ü'], exit_code: i % 3 === 0 ? null : i }));
    let turns = 0;
    let done = false;
    const turn = () => {
      turns += 1;
      if (!done) setImmediate(turn);
    };
    setImmediate(turn);
    const reply = await jsonListReply(items);
    done = true;
    assert.equal(reply.status, 200);
    assert.equal(reply.body, JSON.stringify(items));
    assert.match(String(reply.headers?.['Content-Type']), /^application\/json/);
    assert.ok(turns >= 2, `other work ran ${turns} times`);
    assert.equal((await jsonListReply([])).body, '[]');
  });
});
