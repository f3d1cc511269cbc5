import { strict as assert } from 'node:assert';
import { cronProblem, normalizeCron, startCronTask } from '../../../../ts/core/cron';

describe('cron: node-cron behind one small interface', () => {
  it('normalizes the spaces between fields', () => {
    assert.equal(normalizeCron('  */30   *  * * * '), '*/30 * * * *');
  });
  it('finds nothing wrong with expressions node-cron runs', () => {
    for (const cron of ['*/30 * * * *', '0 3 * * mon-fri', '*/2 * * * * *', '0 0 1 jan,jul *']) assert.equal(cronProblem(cron), null, cron);
  });
  it('ticks at the times of the expression, says when the next one is due, and stops for good', async function () {
    this.timeout(6000);
    let ticks = 0;
    const task = startCronTask('* * * * * *', 'UTC', () => (ticks += 1));
    const next = task.nextRun();
    assert.ok(next !== null && next.getUTCMilliseconds() === 0 && next.getTime() > Date.now() - 1000, String(next));
    await new Promise((r) => setTimeout(r, 2100));
    assert.ok(ticks >= 1, `${ticks} ticks in 2.1 s`);
    task.stop();
    const after = ticks;
    assert.equal(task.nextRun(), null);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(ticks, after, 'a tick came after stop()');
  });
  it('reads the expression in the given time zone', () => {
    const task = startCronTask('0 0 1 1 *', 'Asia/Tokyo', () => undefined);
    try {
      // midnight of 1 January in Tokyo is 15:00 UTC on 31 December
      assert.match(task.nextRun()?.toISOString() ?? '', /^\d{4}-12-31T15:00:00\.000Z$/);
    } finally {
      task.stop();
    }
  });
});
