import { strict as assert } from 'node:assert';
import { cleartextRefusal, isLoopback } from '../../../../ts/fleet/cleartext';

const node = (name: string, address: string | null = name) => ({ node: name, address });
const token = { scheme: 'http', tokenFile: '/etc/puppet-twitch/fleet.token', insecureHttp: false } as const;

describe('fleet/cleartext', () => {
  it('knows loopback addresses and the name localhost, and resolves no other name', () => {
    for (const host of ['127.0.0.1', '127.78.0.4', '127.255.255.254', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost', 'LocalHost', 'localhost.']) {
      assert.equal(isLoopback(host), true, host);
    }
    for (const host of ['128.0.0.1', '10.0.0.1', '192.0.2.7', '::2', '::', '0.0.0.0', 'fe80::1', '::ffff:10.0.0.1', 'web1.example.com', 'localhost.example.com', 'mylocalhost', '127.1', '']) {
      assert.equal(isLoopback(host), false, host);
    }
  });
  it('refuses a token over http to a node that is not a loopback address, naming the way out', () => {
    const message = cleartextRefusal([node('127.0.0.1'), node('web1.example.com'), node('db1', null)], token);
    assert.match(String(message), /^--token-file would go over plain http \(--scheme http\) to a node that is not a loopback address: web1\.example\.com; /);
    assert.match(String(message), /Use --scheme https, or pass --insecure-http to accept that\.$/);
  });
  it('names three nodes, with their addresses, and counts the rest; shows their control characters escaped', () => {
    const nodes = [node('a', '10.0.0.1'), node('b\x1b[2J', '10.0.0.2'), node('c'), node('d'), node('e')];
    assert.match(String(cleartextRefusal(nodes, token)), /to 5 nodes that are not loopback addresses: a \(at 10\.0\.0\.1\), b\\x1b\[2J \(at 10\.0\.0\.2\), c and 2 more;/);
  });
  it('lets the rollout start over https, without a token, to loopback nodes only, or with --insecure-http', () => {
    const remote = [node('web1.example.com')];
    assert.equal(cleartextRefusal(remote, { ...token, scheme: 'https' }), null);
    assert.equal(cleartextRefusal(remote, { ...token, tokenFile: null }), null);
    assert.equal(cleartextRefusal(remote, { ...token, insecureHttp: true }), null);
    assert.equal(cleartextRefusal([node('localhost'), node('web1', '127.0.0.2'), node('v6', '::1'), node('gone', null)], token), null);
  });
});
