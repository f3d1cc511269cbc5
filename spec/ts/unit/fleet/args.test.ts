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
    assert.equal(o.json, false);
    assert.equal(o.insecureHttp, false);
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
      maxFailures: 3,
      busyTimeout: 60,
      connectTimeout: 2,
      timeout: 10,
      json: true,
    });
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
  });
});
