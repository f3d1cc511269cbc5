// Byte-level checks over raw sockets: every response is CRLF-framed with a Content-Length that matches
// the body's bytes exactly; keep-alive and pipelining on one connection.
import { strict as assert } from 'node:assert';
import { TEXT_PLAIN, useService } from '../support/harness';
import { RawConnection, header, packageVersion, rawExchange, type RawResponse } from '../support/service';

function rawRequest(method: string, target: string, extraHeaders = '', body = ''): string {
  const length = body === '' ? '' : `Content-Length: ${Buffer.byteLength(body)}\r\n`;
  return `${method} ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${extraHeaders}${length}\r\n${body}`;
}

describe('bundle: response framing on the wire (stand-in puppet)', function () {
  const ctx = useService({ shared: true });

  /** One request on its own connection; the single response must be the only bytes the server sent. */
  async function exchange(data: string): Promise<RawResponse> {
    const { responses, trailing, closedByServer } = await rawExchange(ctx.svc.port, data);
    assert.ok(closedByServer, 'the server closes the connection after answering "Connection: close"');
    assert.equal(responses.length, 1, `exactly one response; got ${responses.map((r) => r.statusLine).join(' | ')}`);
    assert.equal(trailing.length, 0, `bytes after the body: ${JSON.stringify(trailing.toString('latin1'))}`);
    return responses[0];
  }

  function expectText(res: RawResponse, status: number, body: string | RegExp): void {
    assert.equal(res.status, status, res.text);
    assert.equal(header(res, 'content-type'), TEXT_PLAIN);
    assert.equal(Number(header(res, 'content-length')), res.body.length);
    if (typeof body === 'string') assert.equal(res.text, body);
    else assert.match(res.text, body);
  }

  it('202 for a trigger', async function () {
    expectText(await exchange(rawRequest('GET', '/puppet/twitch')), 202, 'Triggered puppet run');
  });

  it('409 while a stand-in run lasts, with Retry-After', async function () {
    ctx.sb.setBehaviour({ sleep: 1 });
    expectText(await exchange(rawRequest('POST', '/puppet/twitch')), 202, 'Triggered puppet run');
    const res = await exchange(rawRequest('POST', '/puppet/twitch'));
    expectText(res, 409, 'Puppet already running');
    assert.match(header(res, 'retry-after') ?? '', /^\d+$/);
  });

  it('423 with a non-ASCII disabled message: Content-Length counts bytes, not characters', async function () {
    const message = 'Wartung – bis 18 Uhr, grüße';
    ctx.sb.writeDisabled(JSON.stringify({ disabled_message: message }));
    const res = await exchange(rawRequest('GET', '/puppet/twitch'));
    expectText(res, 423, `Puppet agent is disabled: ${message}`);
    assert.ok(res.body.length > res.text.length, 'the body has multi-byte characters');
  });

  it('423 without a message', async function () {
    ctx.sb.writeDisabled('{}');
    expectText(await exchange(rawRequest('GET', '/puppet/twitch')), 423, 'Puppet agent is disabled');
  });

  it('200 for a synchronous run', async function () {
    expectText(await exchange(rawRequest('GET', '/puppet/twitch?async=false')), 200, 'Puppet run complete');
  });

  it('500 for a failed synchronous run', async function () {
    ctx.sb.setBehaviour({ exit: 4 });
    expectText(await exchange(rawRequest('GET', '/puppet/twitch?async=false')), 500, /^Puppet run failed: exit code 4 \(.+\)$/);
  });

  it('400 for a bad async value', async function () {
    expectText(await exchange(rawRequest('GET', '/puppet/twitch?async=maybe')), 400, /^Invalid value for parameter 'async': /);
  });

  it('400 for an unknown non-ASCII parameter name (byte-exact Content-Length)', async function () {
    const res = await exchange(rawRequest('GET', '/puppet/twitch?gr%C3%BC%C3%9Fe=1'));
    expectText(res, 400, /^Unknown parameter 'grüße'/);
  });

  it('400 for a form body with a bad value', async function () {
    const res = await exchange(
      rawRequest('POST', '/puppet/twitch', 'Content-Type: application/x-www-form-urlencoded\r\n', 'async=perhaps'),
    );
    expectText(res, 400, /^Invalid value for parameter 'async': /);
  });

  it('400 for a request that is not HTTP', async function () {
    const res = await exchange('THIS IS NOT HTTP\r\n\r\n');
    assert.equal(res.status, 400);
    assert.equal(Number(header(res, 'content-length')), res.body.length);
  });

  it('404 for an unknown path', async function () {
    expectText(await exchange(rawRequest('GET', '/nope?x=1')), 404, /./);
  });

  it('405 with Allow for a wrong method', async function () {
    const res = await exchange(rawRequest('DELETE', '/puppet/twitch'));
    expectText(res, 405, /./);
    assert.ok(header(res, 'allow'), 'Allow header');
  });

  it('413 for a 5000-byte body', async function () {
    const res = await exchange(
      rawRequest('POST', '/puppet/twitch', 'Content-Type: application/x-www-form-urlencoded\r\n', 'a'.repeat(5000)),
    );
    expectText(res, 413, /./);
  });

  it('414 for a 5000-byte URL', async function () {
    expectText(await exchange(rawRequest('GET', '/' + 'u'.repeat(4999))), 414, /./);
  });

  it('431 for 20 KiB of headers', async function () {
    const res = await exchange(rawRequest('GET', '/healthz', `X-Padding: ${'h'.repeat(20 * 1024)}\r\n`));
    assert.equal(res.status, 431);
    assert.equal(Number(header(res, 'content-length')), res.body.length);
  });

  it('200 for /version, /info and /healthz', async function () {
    expectText(await exchange(rawRequest('GET', '/version')), 200, packageVersion);
    expectText(await exchange(rawRequest('GET', '/info')), 200, 'Puppet Twitch - A simple endpoint for triggering puppet');
    expectText(await exchange(rawRequest('GET', '/healthz')), 200, 'ok');
  });

  it('an HTTP/1.0 request gets a Content-Length-framed answer and the connection is closed', async function () {
    const { responses, trailing, closedByServer } = await rawExchange(ctx.svc.port, 'GET /healthz HTTP/1.0\r\n\r\n');
    assert.ok(closedByServer);
    assert.equal(responses.length, 1);
    assert.equal(responses[0].text, 'ok');
    assert.equal(trailing.length, 0);
  });
});

describe('bundle: keep-alive (stand-in puppet)', function () {
  const ctx = useService({ behaviour: { sleep: 1 }, shared: true });

  it('answers several requests one after another on one connection', async function () {
    const conn = await RawConnection.open(ctx.svc.port);
    try {
      const steps: Array<[string, number, string | RegExp]> = [
        ['GET /healthz', 200, 'ok'],
        ['GET /version', 200, packageVersion],
        ['GET /nope', 404, /./],
        ['GET /info', 200, 'Puppet Twitch - A simple endpoint for triggering puppet'],
        ['DELETE /puppet/twitch', 405, /./],
        ['GET /puppet/twitch?async=maybe', 400, /^Invalid value for parameter 'async': /],
        ['POST /puppet/twitch', 202, 'Triggered puppet run'],
        ['POST /puppet/twitch', 409, 'Puppet already running'],
        ['GET /healthz', 200, 'ok'],
      ];
      for (const [line, status, body] of steps) {
        conn.write(`${line} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
        const res = await conn.next();
        assert.equal(res.status, status, `${line}: ${res.text}`);
        if (typeof body === 'string') assert.equal(res.text, body, line);
        else assert.match(res.text, body, line);
        assert.equal(conn.closed, false, `connection still open after ${line}`);
      }
      assert.equal(conn.pending.length, 0);
    } finally {
      conn.destroy();
    }
    assert.equal((await ctx.sb.waitForFinishedRuns(1)).length, 1);
  });

  it('answers pipelined requests in order on one connection', async function () {
    const conn = await RawConnection.open(ctx.svc.port);
    try {
      conn.write(
        'GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n' +
          'GET /version HTTP/1.1\r\nHost: a\r\n\r\n' +
          'GET /info HTTP/1.1\r\nHost: a\r\n\r\n',
      );
      const bodies = [(await conn.next()).text, (await conn.next()).text, (await conn.next()).text];
      assert.deepEqual(bodies, ['ok', packageVersion, 'Puppet Twitch - A simple endpoint for triggering puppet']);
      assert.equal(conn.closed, false);
    } finally {
      conn.destroy();
    }
  });
});
