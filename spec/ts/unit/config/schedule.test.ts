import { strict as assert } from 'node:assert';
import { normalizeConfig, type Host } from '../../../../ts/config';
import { invalid, root } from './hosts';

describe('config: schedule', () => {
  const berlin: Host = { ...root, timeZone: () => 'Europe/Berlin' };
  const withEnvs = (schedule: unknown) => ({ puppet: { environments: ['production'] }, schedule });

  it('is absent unless configured', () => {
    assert.equal(normalizeConfig({}, {}, root).schedule, undefined);
  });
  it("needs only cron: splay 0, no options, the system's time zone", () => {
    assert.deepEqual(normalizeConfig({ schedule: { cron: '*/30 * * * *' } }, {}, berlin).schedule, {
      cron: '*/30 * * * *',
      splay: 0,
      options: {},
      timezone: 'Europe/Berlin',
    });
  });
  it('takes every key, with run options checked as an HTTP caller’s; empty tag lists mean none', () => {
    const raw = { cron: '0  */2 * * MON-FRI', splay: 300, options: { noop: false, tags: [], skip_tags: ['Slow'], environment: 'production' }, timezone: 'UTC' };
    assert.deepEqual(normalizeConfig(withEnvs(raw), {}, berlin).schedule, {
      cron: '0 */2 * * MON-FRI',
      splay: 300,
      options: { noop: false, skip_tags: ['slow'], environment: 'production' },
      timezone: 'UTC',
    });
  });
  it('accepts 5 and 6 fields, names, lists, ranges and steps', () => {
    for (const cron of ['* * * * *', '*/2 * * * * *', '15,45 3 1-15/2 jan,Jul * ', '0 4 * * sun', '0 4 * * 0-6', '0 4 * * 7', '30 1 * * saturday']) {
      assert.equal(normalizeConfig({ schedule: { cron } }, {}, berlin).schedule?.cron, cron.trim(), cron);
    }
  });
  it('refuses a bad expression, naming schedule.cron, the expression and what is wrong', () => {
    const cases: [string, RegExp][] = [
      ['* * * *', /it has 4 fields/],
      ['* * * * * * *', /it has 7 fields/],
      ['61 * * * *', /61 is outside 0-59 in the minute field/],
      ['* 24 * * *', /24 is outside 0-23 in the hour field/],
      ['* * 0 * *', /0 is outside 1-31 in the day of month field/],
      ['* * * 13 *', /13 is outside 1-12 in the month field/],
      ['*/0 * * * *', /"\*\/0" in the minute field: a step/],
      ['5/15 * * * *', /"5\/15" in the minute field: a step/],
      ['10-5 * * * *', /the range "10-5" in the minute field goes backwards/],
      ['0 0 * * 5-7', /write Sunday as 0 or SUN/],
      ['0 0 * * funday', /"funday" is not a value of the day of week field/],
      ['jan * * * *', /"jan" is not a value of the minute field/],
      ['1,,2 * * * *', /has an empty item/],
      ['*,5 * * * *', /combines \* with other items/],
      ['@hourly', /it has 1 field/],
      ['0-999999999 * * * *', /999999999 is outside 0-59 in the minute field/],
    ];
    for (const [cron, why] of cases) {
      assert.throws(
        () => normalizeConfig({ schedule: { cron } }, {}, berlin),
        (err: Error & { code?: string }) =>
          err.code === 'CONFIG_INVALID' && err.message.includes(`'schedule.cron': "${cron}" is not a cron expression`) && why.test(err.message),
        cron,
      );
    }
  });
  it('names every other bad schedule key', () => {
    const cases: [unknown, RegExp][] = [
      ['*/30 * * * *', /'schedule': must be an object/],
      [{}, /'schedule.cron': is required/],
      [{ cron: 30 }, /'schedule.cron': must be a non-empty string/],
      [{ cron: '* * * * *', every: 5 }, /Unknown config key 'schedule.every'/],
      [{ cron: '* * * * *', splay: 86_401 }, /'schedule.splay': must be an integer from 0 to 86400/],
      [{ cron: '* * * * *', splay: '60' }, /'schedule.splay'/],
      [{ cron: '* * * * *', options: [] }, /'schedule.options': must be an object/],
      [{ cron: '* * * * *', options: { server: 'x' } }, /Unknown config key 'schedule.options.server'/],
      [{ cron: '* * * * *', options: { async: false } }, /Unknown config key 'schedule.options.async'/],
      [{ cron: '* * * * *', options: { noop: 'yes' } }, /'schedule.options': Invalid value for parameter 'noop'/],
      [{ cron: '* * * * *', options: { tags: ['--server=x'] } }, /'schedule.options': Invalid value for parameter 'tags'/],
      [{ cron: '* * * * *', options: { environment: 'staging' } }, /'schedule.options': Environment 'staging' is not allowed/],
      [{ cron: '* * * * *', timezone: 'Mars/Base' }, /'schedule.timezone': "Mars\/Base" is not a time zone/],
      [{ cron: '* * * * *', timezone: '' }, /'schedule.timezone': must be a non-empty string/],
    ];
    for (const [schedule, message] of cases) {
      assert.throws(() => normalizeConfig(withEnvs(schedule), {}, berlin), message, JSON.stringify(schedule));
      assert.throws(() => normalizeConfig(withEnvs(schedule), {}, berlin), invalid());
    }
  });
  it("asks for the system's time zone only when a schedule is configured", () => {
    let asked = 0;
    const host: Host = { ...root, timeZone: () => ((asked += 1), 'UTC') };
    normalizeConfig({}, {}, host);
    assert.equal(asked, 0);
    normalizeConfig({ schedule: { cron: '* * * * *', timezone: 'Asia/Tokyo' } }, {}, host);
    assert.equal(asked, 0);
    normalizeConfig({ schedule: { cron: '* * * * *' } }, {}, host);
    assert.equal(asked, 1);
  });

  it('in a process that never runs it (the root helper), checks its form only and leaves it out', () => {
    let asked = 0;
    const helper: Host = { ...root, runsSchedule: false, timeZone: () => (asked++, 'UTC') };
    assert.equal(normalizeConfig({ schedule: { cron: '*/30 * * * *', timezone: 'Europe/Berlin', splay: 60 } }, {}, helper).schedule, undefined);
    assert.equal(asked, 0, 'the time zone was not looked up');
    assert.throws(() => normalizeConfig({ schedule: { cron: '*/0 * * * *' } }, {}, helper), /schedule\.cron/);
    assert.throws(() => normalizeConfig({ schedule: { cron: '* * * * *', splay: -1 } }, {}, helper), /schedule\.splay/);
    assert.throws(() => normalizeConfig({ schedule: { cron: '* * * * *', options: { bogus: 1 } } }, {}, helper), /schedule\.options\.bogus/);
  });
});
