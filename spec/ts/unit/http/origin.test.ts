import { strict as assert } from 'node:assert';
import { checkHostName, checkSameOrigin, hostName, hostNames } from '../../../../ts/http/origin';

describe('http/origin: Host names this node, browsers cannot trigger', () => {
  const names = hostNames('node01.example.com', ['puppet-node01', 'Alias.Example.Com.'], '0.0.0.0');

  it('reads the name of a Host value without port, brackets or trailing dot', () => {
    assert.equal(hostName('Node01.Example.com.:2023'), 'node01.example.com');
    assert.equal(hostName('[::1]:2023'), '::1');
    assert.equal(hostName('192.0.2.7'), '192.0.2.7');
  });

  it("accepts IP literals, the node's names, allowed_hosts and localhost on a loopback or wildcard bind", () => {
    for (const host of [undefined, '', '192.0.2.7:2023', '[2001:db8::1]:2023', 'node01:2023', 'NODE01.example.com', 'puppet-node01', 'alias.example.com', 'localhost:2023']) {
      assert.doesNotThrow(() => checkHostName(host, names), String(host));
    }
    assert.throws(() => checkHostName('localhost', hostNames('node01', [], '192.0.2.7')), { code: 'MISDIRECTED_REQUEST' });
    assert.doesNotThrow(() => checkHostName('localhost', hostNames('node01', [], '127.0.0.1')));
  });

  it('answers 421 naming allowed_hosts for another name (DNS rebinding), unless "*" is allowed', () => {
    assert.throws(() => checkHostName('evil.example.net:2023', names), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'MISDIRECTED_REQUEST');
      assert.match(err.message, /^Host "evil\.example\.net:2023" does not name this node: .*allowed_hosts/);
      return true;
    });
    assert.throws(() => checkHostName('node01.example.com.evil.net', names), { code: 'MISDIRECTED_REQUEST' });
    assert.doesNotThrow(() => checkHostName('evil.example.net', hostNames('node01', ['*'], '0.0.0.0')));
  });

  it("refuses a browser's cross-site marks, and accepts curl's absence of them and a same-origin page", () => {
    assert.doesNotThrow(() => checkSameOrigin({ host: 'node01:2023' }, 'http'));
    assert.doesNotThrow(() => checkSameOrigin({ host: 'node01:2023', 'sec-fetch-site': 'none' }, 'http'));
    assert.doesNotThrow(() => checkSameOrigin({ host: 'node01:2023', 'sec-fetch-site': 'same-origin', origin: 'http://node01:2023' }, 'http'));
    for (const site of ['cross-site', 'same-site']) {
      assert.throws(() => checkSameOrigin({ host: 'node01:2023', 'sec-fetch-site': site }, 'http'), { code: 'FORBIDDEN', message: new RegExp(`Sec-Fetch-Site: ${site}`) });
    }
    for (const origin of ['http://evil.example.net', 'null', 'https://node01:2023']) {
      assert.throws(() => checkSameOrigin({ host: 'node01:2023', origin }, 'http'), { code: 'FORBIDDEN', message: /a web page at / }, origin);
    }
  });
});
