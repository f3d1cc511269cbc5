import { strict as assert } from 'node:assert';
import { normalizeConfig, type Host } from '../../../ts/config';

const root: Host = { isRoot: true, findPuppet: () => '/usr/bin/puppet' };
const user: Host = { isRoot: false, findPuppet: () => '/opt/puppetlabs/bin/puppet' };
const invalid = (code = 'CONFIG_INVALID') => (err: { code?: string }) => err.code === code;

describe('config: normalizeConfig', () => {
  it('applies every default in one place', () => {
    const c = normalizeConfig({}, {}, root);
    assert.equal(c.bind, '0.0.0.0');
    assert.equal(c.port, 2023);
    assert.equal(c.state_dir, '/var/lib/puppet-twitch');
    assert.equal(c.history, 100);
    assert.deepEqual(c.puppet, {
      bin: '/usr/bin/puppet',
      mode: 'agent',
      sudo: false,
      setsid: '/usr/bin/setsid',
      statedir: '/var/cache/puppet/state',
      lastrunfile: '/var/cache/puppet/public/last_run_summary.yaml',
      conf: '/etc/puppet/puppet.conf',
      environments: [],
      max_splay: 0,
      run_timeout: 3600,
      args: [],
    });
  });
  it("uses the AIO packages' paths for an AIO puppet and sudo when not root", () => {
    const c = normalizeConfig({}, {}, user, '/etc/puppet-twitch/config.json');
    assert.equal(c.puppet.sudo, true);
    assert.equal(c.puppet.statedir, '/opt/puppetlabs/puppet/cache/state');
    assert.equal(c.puppet.lastrunfile, '/opt/puppetlabs/puppet/public/last_run_summary.yaml');
    assert.equal(c.puppet.conf, '/etc/puppetlabs/puppet/puppet.conf');
  });
  it('takes only an IP address to bind to, from the file or a flag', () => {
    for (const bind of ['127.0.0.1', '::', '::1', '10.1.2.3']) assert.equal(normalizeConfig({ bind }, {}, root).bind, bind);
    assert.throws(() => normalizeConfig({ bind: 'localhost' }, {}, root), /'bind': must be an IP address.*"localhost"/);
    assert.throws(() => normalizeConfig({}, { bind: 'node01.example' }, root), /'bind': must be an IP address/);
    assert.throws(() => normalizeConfig({ bind: '127.0.0.1 ' }, {}, root), /'bind'/);
  });
  it('lets flags override the file', () => {
    const c = normalizeConfig({ bind: '10.0.0.1', port: 2023 }, { bind: '127.0.0.1', port: '8090' }, root);
    assert.equal(c.bind, '127.0.0.1');
    assert.equal(c.port, 8090);
  });
  it('checks the file even where a flag overrides it', () => {
    assert.throws(() => normalizeConfig({ port: 99999 }, { port: '0' }, root), /'port'/);
    assert.throws(() => normalizeConfig({}, { port: '8o8o' }, root), /'port'/);
    assert.throws(() => normalizeConfig({ bind: 127 }, { bind: '127.0.0.1' }, root), /'bind'/);
  });
  it('names unknown keys, nested ones too', () => {
    assert.throws(() => normalizeConfig({ prot: 1 }, {}, root), /Unknown config key 'prot'/);
    assert.throws(() => normalizeConfig({ puppet: { server: 'x' } }, {}, root), /Unknown config key 'puppet.server'/);
  });
  it('names keys with wrong types or values', () => {
    const cases: [unknown, RegExp][] = [
      [{ port: '80a' }, /'port'/],
      [{ port: '2023' }, /'port': must be an integer/],
      [{ port: 70000 }, /'port'/],
      [{ puppet: { mode: 'daemon' } }, /'puppet.mode'/],
      [{ puppet: { mode: 'apply' } }, /'puppet.manifest': is required/],
      [{ puppet: { manifest: '/etc/site.pp' } }, /'puppet.manifest': is used only when puppet.mode is "apply"/],
      [{ puppet: { lockfile: '/x' } }, /Unknown config key 'puppet.lockfile'/],
      [{ puppet: { environments: ['Production'] } }, /'puppet.environments\[0\]'/],
      [{ puppet: { environments: 'production' } }, /'puppet.environments'/],
      [{ puppet: { run_timeout: -1 } }, /'puppet.run_timeout'/],
      [{ puppet: { max_splay: 1.5 } }, /'puppet.max_splay'/],
      [{ history: 0 }, /'history'/],
      [{ state_dir: 'var/lib' }, /'state_dir': must be an absolute path/],
      [{ puppet: { bin: 'puppet' } }, /'puppet.bin': must be an absolute path/],
      [{ puppet: { sudo: 'yes' } }, /'puppet.sudo'/],
      [{ puppet: { args: '--noop' } }, /'puppet.args'/],
      [{ puppet: 'agent' }, /'puppet'/],
      [[], /JSON object/],
    ];
    for (const [raw, message] of cases) assert.throws(() => normalizeConfig(raw, {}, root), message, JSON.stringify(raw));
    assert.throws(() => normalizeConfig({ port: 'x' }, {}, root), invalid());
  });
  it('refuses extra arguments that could smuggle something to puppet as root', () => {
    // A value may hold any printable text: it stays one argv element, and no shell ever sees it.
    for (const arg of ['--server=puppet.example', '--noop', '--tags=a;b c']) normalizeConfig({ puppet: { args: [arg] } }, {}, root);
    for (const arg of ['-v', 'apply', '--tags=a\n--server=x', '--', ';id']) {
      assert.throws(() => normalizeConfig({ puppet: { args: [arg] } }, {}, root), /puppet\.args\[0\]/, arg);
    }
  });
  it('takes tls with cert, key and ca, and applies the tls defaults', () => {
    assert.equal(normalizeConfig({}, {}, root).tls, undefined);
    const files = { cert: '/ssl/certs/node01.pem', key: '/ssl/private_keys/node01.pem', ca: '/ssl/certs/ca.pem' };
    assert.deepEqual(normalizeConfig({ tls: files }, {}, root).tls, { ...files, client_certs: 'none', allowed_certnames: [] });
    const full = { ...files, crl: '/ssl/crl.pem', client_certs: 'required', allowed_certnames: ['*.ops.example.com', 'deploy01.example.com'] };
    assert.deepEqual(normalizeConfig({ tls: full }, {}, root).tls, full);
  });
  it('names the tls key that is wrong', () => {
    const files = { cert: '/c.pem', key: '/k.pem', ca: '/ca.pem' };
    const cases: [unknown, RegExp][] = [
      ['on', /'tls': must be an object/],
      [{ ...files, cert: undefined }, /'tls.cert': is required when tls is set/],
      [{ ...files, key: undefined }, /'tls.key': is required when tls is set/],
      [{ ...files, ca: undefined }, /'tls.ca': is required when tls is set/],
      [{ ...files, key: 'private/k.pem' }, /'tls.key': must be an absolute path/],
      [{ ...files, crl: 'crl.pem' }, /'tls.crl': must be an absolute path/],
      [{ ...files, client_certs: 'yes' }, /'tls.client_certs': must be "none", "optional", "required", got "yes"/],
      [{ ...files, client_certs: true }, /'tls.client_certs'/],
      [{ ...files, allowed_certnames: '*.ops.example.com' }, /'tls.allowed_certnames': must be an array/],
      [{ ...files, allowed_certnames: ['ok.example.com', 'Bad.example.com'] }, /'tls.allowed_certnames\[1\]': must be a certname pattern/],
      [{ ...files, allowed_certnames: [''] }, /'tls.allowed_certnames\[0\]': must be a non-empty string/],
      [{ ...files, certificate: '/x' }, /Unknown config key 'tls.certificate'/],
    ];
    for (const [tls, message] of cases) assert.throws(() => normalizeConfig({ tls }, {}, root), message, JSON.stringify(tls));
  });
  it('needs a config file when sudo is on, and a puppet binary', () => {
    assert.throws(() => normalizeConfig({}, {}, user), /'puppet.sudo': needs a config file/);
    assert.throws(() => normalizeConfig({}, {}, { isRoot: true, findPuppet: () => undefined }), /no puppet found/);
  });
});

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
