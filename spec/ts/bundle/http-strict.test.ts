// HTTP/1.1 as RFC 9112 asks of a server, seen on the wire: only HTTP/1.0 and 1.1 are served, a Host header is
// checked, nothing after an answer with `Connection: close` is processed, pipelined requests are handled one at
// a time, every error answer is plain text that says what to do, and a client's abort is not a server error.
import { strict as assert } from 'node:assert';
import { TEXT_PLAIN, useService } from '../support/harness';
import { RawConnection, header, rawExchange, sleep, waitFor, type RawResponse } from '../support/service';

const TRIGGER_LINE = 'POST /puppet/twitch HTTP/1.1\r\nHost: localhost\r\n\r\n';

describe('bundle: strict HTTP/1.1 (stand-in puppet)', function () {
  const ctx = useService({ shared: true });

  /** Sends `data` on a fresh connection; the server must answer and close it, sending nothing else. */
  async function exchange(data: string): Promise<RawResponse[]> {
    const { responses, trailing, closedByServer } = await rawExchange(ctx.svc.port, data);
    assert.ok(closedByServer, 'the server closes the connection');
    assert.equal(trailing.length, 0, `bytes after the last answer: ${JSON.stringify(trailing.toString('latin1'))}`);
    return responses;
  }

  async function onlyAnswer(data: string): Promise<RawResponse> {
    const responses = await exchange(data);
    assert.equal(responses.length, 1, `exactly one answer; got ${responses.map((r) => r.statusLine).join(' | ')}`);
    return responses[0];
  }

  /** An error answer as the service writes them all: plain text saying what went wrong, and the connection closes. */
  function expectError(res: RawResponse, status: number, body: RegExp): void {
    assert.equal(res.status, status, res.text);
    assert.equal(header(res, 'content-type'), TEXT_PLAIN);
    assert.equal(Number(header(res, 'content-length')), res.body.length);
    assert.equal(header(res, 'connection'), 'close');
    assert.match(res.text, body);
  }

  /** A stand-in run starts within milliseconds of a trigger; none may have started. */
  async function expectNoRun(): Promise<void> {
    await sleep(300);
    assert.deepEqual(ctx.sb.runs(), [], 'no puppet run was started');
  }

  it('a request line without an HTTP version gets 505 and starts no run', async function () {
    const res = await onlyAnswer('POST /puppet/twitch\r\n\r\n');
    expectError(res, 505, /^HTTP\/0\.9 \(a request line without a version\) is not supported: send HTTP\/1\.1/);
    await expectNoRun();
  });

  it('HTTP/2.0 in the request line gets 505 and starts no run', async function () {
    const res = await onlyAnswer('POST /puppet/twitch HTTP/2.0\r\nHost: localhost\r\n\r\n');
    expectError(res, 505, /^HTTP\/2\.0 is not supported: send HTTP\/1\.1 \(or HTTP\/1\.0\)/);
    await expectNoRun();
  });

  it('HTTP/1.2, which the parser refuses, gets 505 with a plain-text body and starts no run', async function () {
    const res = await onlyAnswer('POST /puppet/twitch HTTP/1.2\r\nHost: localhost\r\n\r\n');
    expectError(res, 505, /HTTP version: send HTTP\/1\.1/);
    await expectNoRun();
  });

  it('a trigger pipelined behind a request answered 413 gets no answer and starts no run', async function () {
    const tooLarge =
      'POST /puppet/twitch HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
      `Content-Length: 5000\r\n\r\n${'a'.repeat(5000)}`;
    const res = await onlyAnswer(tooLarge + TRIGGER_LINE);
    expectError(res, 413, /^Request body too large: the limit is 4096 bytes/);
    await expectNoRun();
  });

  it('a trigger pipelined behind a request that said "Connection: close" gets no answer and starts no run', async function () {
    const res = await onlyAnswer('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' + TRIGGER_LINE);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.text, 'ok');
    assert.equal(header(res, 'connection'), 'close');
    await expectNoRun();
  });

  it('a trigger pipelined behind an HTTP/1.0 request without keep-alive gets no answer and starts no run', async function () {
    const res = await onlyAnswer('GET /healthz HTTP/1.0\r\n\r\n' + TRIGGER_LINE);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.text, 'ok');
    await expectNoRun();
  });

  it('pipelined requests are handled in turn: a trigger behind a synchronous run starts the next run, not 409', async function () {
    ctx.sb.setBehaviour({ sleep: 0.3 });
    const responses = await exchange(
      'POST /puppet/twitch?async=false HTTP/1.1\r\nHost: localhost\r\n\r\n' +
        'POST /puppet/twitch HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    );
    assert.deepEqual(
      responses.map((r) => `${r.status} ${r.text}`),
      ['200 Puppet run complete', '202 Triggered puppet run'],
    );
    assert.equal((await ctx.sb.waitForFinishedRuns(2)).length, 2);
  });

  it('two Host headers get 400 and start no run', async function () {
    const res = await onlyAnswer('POST /puppet/twitch HTTP/1.1\r\nHost: localhost\r\nHost: example.org\r\n\r\n');
    expectError(res, 400, /^The request has 2 Host headers: send exactly one/);
    await expectNoRun();
  });

  it('a Host header with a space gets 400 and starts no run', async function () {
    const res = await onlyAnswer('POST /puppet/twitch HTTP/1.1\r\nHost: node01 evil\r\n\r\n');
    expectError(res, 400, /^Invalid Host header "node01 evil": send the node's name or address/);
    await expectNoRun();
  });

  it('an HTTP/1.1 request without Host gets a plain-text 400 that asks for one and starts no run', async function () {
    const res = await onlyAnswer('POST /puppet/twitch HTTP/1.1\r\n\r\n');
    expectError(res, 400, /^An HTTP\/1\.1 request needs a Host header: send one, e\.g\. "Host: /);
    await expectNoRun();
  });

  it('an HTTP/1.0 request without Host is served', async function () {
    const res = await onlyAnswer('GET /healthz HTTP/1.0\r\n\r\n');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.text, 'ok');
  });

  it('a Host with a port, an IPv6 literal or an empty value is accepted', async function () {
    for (const host of ['node01.example.org:2023', '[::1]:2023', '127.0.0.1', '']) {
      const res = await onlyAnswer(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      assert.equal(res.status, 200, `Host: ${host}: ${res.text}`);
    }
  });

  it('"Expect: bogus" gets a plain-text 417 and starts no run', async function () {
    const res = await onlyAnswer('POST /puppet/twitch HTTP/1.1\r\nHost: localhost\r\nExpect: bogus\r\n\r\n');
    expectError(res, 417, /^Cannot meet "Expect: bogus": only "Expect: 100-continue" is supported/);
    await expectNoRun();
  });

  it('a malformed request line gets a plain-text 400 that says what to send', async function () {
    const res = await onlyAnswer('GET /healthz http/1.1\r\nHost: localhost\r\n\r\n');
    expectError(res, 400, /^Malformed HTTP request.*: send a valid HTTP\/1\.1 request, e\.g\. "POST \/puppet\/twitch HTTP\/1\.1"/);
  });

  it('a malformed request pipelined behind a good one: the good one is answered first, then 400', async function () {
    const responses = await exchange('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\nNOT HTTP AT ALL\r\n\r\n');
    assert.equal(responses.length, 2, `two answers; got ${responses.map((r) => r.statusLine).join(' | ')}`);
    assert.equal(responses[0].status, 200);
    assert.equal(responses[0].text, 'ok');
    expectError(responses[1], 400, /^Malformed HTTP request/);
  });

  it('a client that aborts in the middle of a POST body is logged as an abort, not as a 500', async function () {
    const logStart = ctx.svc.stdout.length;
    const conn = await RawConnection.open(ctx.svc.port);
    conn.write('POST /puppet/twitch HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n');
    conn.write('Content-Length: 1000\r\n\r\nasync=fal');
    await sleep(100); // the request has reached its handler, which waits for the rest of the body
    conn.destroy();
    const log = await waitFor('the abort in the service log', () => {
      const text = ctx.svc.stdout.slice(logStart);
      return text.includes('client aborted the request') ? text : undefined;
    });
    assert.doesNotMatch(log, / 500 /, 'no 500 logged');
    assert.doesNotMatch(log, /ERROR/, 'nothing logged as an error');
    assert.match(log, /POST \/puppet\/twitch - client aborted the request/);
    assert.equal(conn.received.length, 0, 'nothing was written to the aborted connection');
    await expectNoRun();
  });
});
