import { strict as assert } from 'node:assert';
import { FLEET_DEFAULTS, parseFleetArgs, type FleetOptions } from '../../../../ts/fleet/args';

const parse = (...argv: string[]) => parseFleetArgs(argv) as FleetOptions;
const refusal = (argv: string[], message: RegExp) => assert.throws(() => parseFleetArgs(argv), (err: Error & { code?: string }) => {
  assert.equal(err.code, 'USAGE');
  assert.match(err.message, message);
  assert.match(err.message, /See 'puppet-twitch fleet --help'\.$/);
  return true;
});

describe('fleet/args', () => {
  it('takes the defaults from one place', () => {
    const o = parse('--nodes', 'a,b');
    assert.deepEqual(o.selection, { nodes: ['a', 'b'] });
    assert.equal(o.puppetdb, FLEET_DEFAULTS.puppetdb);
    assert.equal(o.concurrency, FLEET_DEFAULTS.concurrency);
    assert.equal(o.waitSeconds, FLEET_DEFAULTS.waitSeconds);
    assert.equal(o.port, FLEET_DEFAULTS.port);
    assert.equal(o.scheme, 'http');
    assert.equal(o.maxFailures, null);
    assert.deepEqual(o.run, {});
    assert.equal(o.format, 'table');
    assert.equal(o.insecureHttp, false);
    assert.deepEqual([o.canary, o.batchSize, o.batchSleep, o.order, o.seed, o.output], [null, null, FLEET_DEFAULTS.batchSleep, 'name', null, null]);
  });
  it('reads every option, in both --name value and --name=value forms', () => {
    const o = parse('--query=nodes[certname] { facts.role = "web" }', '--puppetdb', 'https://pdb:8081/', '--concurrency=50', '--noop',
      '--tags', 'Web,ntp', '--skip-tags=slow', '--environment', 'staging', '--wait=120', '--port', '8443', '--scheme', 'https',
      '--address-fact', 'networking.ip', '--token-file', '/t', '--cacert', '/ca', '--cert', '/c', '--key', '/k', '--max-failures', '3',
      '--busy-timeout', '60', '--connect-timeout', '2', '--timeout', '10', '--json', '--insecure-http');
    assert.deepEqual(o, {
      selection: { query: 'nodes[certname] { facts.role = "web" }' },
      puppetdb: 'https://pdb:8081',
      concurrency: 50,
      run: { noop: true, tags: ['web', 'ntp'], skip_tags: ['slow'], environment: 'staging' },
      waitSeconds: 120,
      port: 8443,
      scheme: 'https',
      addressFact: 'networking.ip',
      tokenFile: '/t',
      insecureHttp: true,
      cacert: '/ca',
      cert: '/c',
      key: '/k',
      maxFailures: { given: '3', count: 3 },
      busyTimeout: 60,
      connectTimeout: 2,
      timeout: 10,
      canary: null,
      batchSize: null,
      batchSleep: 0,
      order: 'name',
      seed: null,
      format: 'json',
      output: null,
    });
  });
  it('reads the rollout, output and retry options', () => {
    const o = parse('--nodes', 'a', '--canary', '5', '--batch-size=10%', '--batch-sleep', '2.5', '--max-failures', '2.5%', '--order', 'random',
      '--seed', 'monday', '--format', 'junit', '--output', 'out.xml');
    assert.deepEqual([o.canary, o.batchSize, o.batchSleep, o.maxFailures, o.order, o.seed, o.format, o.output],
      [5, { given: '10%', percent: 10 }, 2.5, { given: '2.5%', percent: 2.5 }, 'random', 'monday', 'junit', 'out.xml']);
    assert.deepEqual(parse('--nodes', 'a', '--batch-size', '20').batchSize, { given: '20', count: 20 });
    assert.deepEqual(parse('--nodes', 'a', '--max-failures', '100%').maxFailures, { given: '100%', percent: 100 });
    assert.equal(parse('--nodes', 'a', '--order', 'random').seed, null);
    assert.equal(parse('--nodes', 'a', '--canary', '1', '--batch-sleep', '0').batchSleep, 0);
    // --json is --format json, and may be given with it
    assert.equal(parse('--nodes', 'a', '--json').format, 'json');
    assert.equal(parse('--nodes', 'a', '--json', '--format', 'json').format, 'json');
    for (const f of ['table', 'json', 'jsonl', 'junit', 'github']) assert.equal(parse('--nodes', 'a', '--format', f).format, f);
  });
  it('selects the nodes not ended well of an earlier result with --retry-from, or those of --retry-outcomes', () => {
    assert.deepEqual(parse('--retry-from', 'last.json').selection, {
      retry_from: 'last.json',
      outcomes: ['skipped', 'unknown', 'busy', 'disabled', 'refused', 'unreachable', 'failed', 'unrecorded'],
    });
    assert.deepEqual(parse('--retry-from=last.jsonl', '--retry-outcomes', 'failed,unreachable,failed').selection, { retry_from: 'last.jsonl', outcomes: ['failed', 'unreachable'] });
    assert.deepEqual(parse('--retry-from', 'cut.jsonl', '--retry-outcomes', 'unrecorded').selection, { retry_from: 'cut.jsonl', outcomes: ['unrecorded'] });
  });
  it('answers --help', () => assert.equal(parseFleetArgs(['--nodes', 'a', '--help']), 'help'));
  it('refuses what it cannot do, naming the option', () => {
    refusal([], /exactly one of --query/);
    refusal(['--nodes', 'a', '--nodes-file', 'f'], /exactly one of/);
    refusal(['--nodes', 'a', '--concurrency', '0'], /--concurrency takes a whole number from 1/);
    refusal(['--nodes', 'a', '--scheme', 'ftp'], /--scheme is http or https/);
    refusal(['--nodes', 'a', '--puppetdb', 'pdb:8081'], /--puppetdb takes a URL/);
    refusal(['--nodes', 'a', '--address-fact', 'facts["ip"]'], /--address-fact takes a fact name/);
    refusal(['--nodes', 'a', '--tags', 'a b'], /--tags/);
    refusal(['--nodes', 'a', '--environment', 'Prod'], /--environment 'Prod' is not an environment name/);
    refusal(['--nodes', 'a', '--noop=yes'], /--noop takes no value/);
    refusal(['--nodes', 'a', '--insecure-http=yes'], /--insecure-http takes no value/);
    refusal(['--nodes', 'a', '--port'], /--port needs a value/);
    refusal(['--nodes', 'a', '--nodes', 'b'], /--nodes is given more than once/);
    refusal(['--nodes', 'a', '--wait=0'], /--wait needs more than 0 seconds/);
    refusal(['--nodes', 'a', '--colour'], /unknown option '--colour'/);
    refusal(['--nodes', 'a', 'extra'], /unexpected argument 'extra'/);
    refusal(['--nodes', 'a', '--retry-from', 'f'], /exactly one of --query PQL, --nodes a,b,c, --nodes-file FILE or --retry-from FILE/);
    refusal(['--nodes', 'a', '--retry-outcomes', 'failed'], /--retry-outcomes needs --retry-from FILE/);
    refusal(['--retry-from', 'f', '--retry-outcomes', 'failed,broken'], /--retry-outcomes is ok, changes, .*, failed or unrecorded, not 'broken'/);
    refusal(['--nodes', 'a', '--canary', '0'], /--canary takes a whole number from 1 to 10000, not '0'/);
    refusal(['--nodes', 'a', '--canary', '10001'], /--canary takes a whole number from 1 to 10000/);
    for (const bad of ['0', '0%', '0.0%', '101%', '-1', '5.5', 'ten', '%', '5 %']) {
      refusal(['--nodes', 'a', '--batch-size', bad], new RegExp(`--batch-size takes a whole number from 1 to 1000000 or a percentage .*not '${bad.replace(/[.%]/g, '\\$&')}'`));
      refusal(['--nodes', 'a', '--max-failures', bad], /--max-failures takes a whole number from 1 to 1000000 or a percentage/);
    }
    refusal(['--nodes', 'a', '--max-failures', '1000001'], /--max-failures takes a whole number from 1 to 1000000/);
    refusal(['--nodes', 'a', '--batch-sleep', '5'], /--batch-sleep needs --batch-size or --canary/);
    refusal(['--nodes', 'a', '--canary', '1', '--batch-sleep', '86401'], /--batch-sleep takes seconds \(0 to 86400\)/);
    refusal(['--nodes', 'a', '--order', 'size'], /--order is name or random, not 'size'/);
    refusal(['--nodes', 'a', '--seed', 'x'], /--seed needs --order random/);
    refusal(['--nodes', 'a', '--order', 'name', '--seed', 'x'], /--seed needs --order random/);
    refusal(['--nodes', 'a', '--format', 'xml'], /--format is table, json, jsonl, junit or github, not 'xml'/);
    refusal(['--nodes', 'a', '--json', '--format', 'junit'], /--json means --format json, not --format junit/);
    refusal(['--nodes', 'a', '--output'], /--output needs a value/);
  });
});
