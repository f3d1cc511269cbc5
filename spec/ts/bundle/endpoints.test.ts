// Informational endpoints, unknown paths and methods, and the request size limits of the real bundle.
import { strict as assert } from 'node:assert';
import { JSON_TYPE } from '../../../ts/api';
import { buildOpenApi } from '../../../ts/http/openapi';
import { TEXT_PLAIN, useService } from '../support/harness';
import { RawConnection, header, packageVersion, request } from '../support/service';

function allowList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((m) => m.trim().toUpperCase()).filter((m) => m !== '');
}

describe('bundle: informational endpoints', function () {
  const ctx = useService({ shared: true });

  it('GET /version answers the version in package.json', async function () {
    const res = await request(ctx.svc.port, '/version');
    assert.equal(res.status, 200);
    assert.equal(res.body, packageVersion);
    assert.equal(res.headers['content-type'], TEXT_PLAIN);
  });

  it('GET /info answers the description', async function () {
    const res = await request(ctx.svc.port, '/info');
    assert.equal(res.status, 200);
    assert.equal(res.body, 'Puppet Twitch - A simple endpoint for triggering puppet');
    assert.equal(res.headers['content-type'], TEXT_PLAIN);
  });

  it('GET /healthz answers 200 ok', async function () {
    const res = await request(ctx.svc.port, '/healthz');
    assert.equal(res.status, 200);
    assert.equal(res.body, 'ok');
    assert.equal(res.headers['content-type'], TEXT_PLAIN);
  });

  it('GET /openapi.json answers the OpenAPI document; HEAD its headers', async function () {
    const res = await request(ctx.svc.port, '/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], JSON_TYPE);
    assert.deepEqual(JSON.parse(res.body), buildOpenApi());
    const head = await request(ctx.svc.port, '/openapi.json', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(res.raw.length));
    assert.equal(head.body, '');
  });
});

describe('bundle: unknown paths and methods', function () {
  const ctx = useService({ shared: true });

  for (const path of ['/', '/nope', '/puppet', '/puppet/twitch/extra', '/version/x', '/PUPPET/TWITCH']) {
    it(`GET ${path} → 404 with a text body, no run`, async function () {
      const res = await request(ctx.svc.port, path);
      assert.equal(res.status, 404);
      assert.equal(res.headers['content-type'], TEXT_PLAIN);
      assert.ok(res.body.length > 0, 'a body saying what is wrong');
      assert.deepEqual(ctx.sb.runs(), []);
    });
  }

  for (const method of ['DELETE', 'PUT', 'PATCH']) {
    it(`${method} /puppet/twitch → 405 with Allow listing GET and POST, no run`, async function () {
      const res = await request(ctx.svc.port, '/puppet/twitch', { method });
      assert.equal(res.status, 405);
      assert.equal(res.headers['content-type'], TEXT_PLAIN);
      const allow = allowList(res.headers['allow'] as string | undefined);
      assert.ok(allow.includes('GET') && allow.includes('POST'), `Allow: ${res.headers['allow']}`);
      assert.ok(!allow.includes(method), `Allow: ${res.headers['allow']}`);
      assert.deepEqual(ctx.sb.runs(), []);
    });
  }

  for (const path of ['/version', '/info', '/healthz']) {
    it(`POST ${path} → 405 with Allow listing GET but not POST`, async function () {
      const res = await request(ctx.svc.port, path, { method: 'POST' });
      assert.equal(res.status, 405);
      const allow = allowList(res.headers['allow'] as string | undefined);
      assert.ok(allow.includes('GET'), `Allow: ${res.headers['allow']}`);
      assert.ok(!allow.includes('POST'), `Allow: ${res.headers['allow']}`);
    });
  }
});

describe('bundle: request size limits', function () {
  const ctx = useService({ shared: true });

  it('a URL of 5000 bytes → 414', async function () {
    const res = await request(ctx.svc.port, '/' + 'a'.repeat(4999));
    assert.equal(res.status, 414);
    assert.equal(res.headers['content-type'], TEXT_PLAIN);
  });

  it('a 5000-byte trigger URL → 414 and no run', async function () {
    const res = await request(ctx.svc.port, '/puppet/twitch?async=true&' + 'x'.repeat(5000));
    assert.equal(res.status, 414);
    assert.deepEqual(ctx.sb.runs(), []);
  });

  it('a URL of 4000 bytes is not refused as too long (404 for an unknown path)', async function () {
    const res = await request(ctx.svc.port, '/' + 'a'.repeat(3999));
    assert.equal(res.status, 404);
  });

  it('request headers of 20 KiB → 431', async function () {
    const res = await request(ctx.svc.port, '/healthz', { headers: { 'X-Padding': 'p'.repeat(20 * 1024) } });
    assert.equal(res.status, 431);
  });

  it('request headers of 12 KiB are accepted', async function () {
    const res = await request(ctx.svc.port, '/healthz', { headers: { 'X-Padding': 'p'.repeat(12 * 1024) } });
    assert.equal(res.status, 200);
    assert.equal(res.body, 'ok');
  });

  it('a 5000-byte POST body (Content-Length) → 413 and no run', async function () {
    const form = 'async=false&' + 'x'.repeat(4988);
    const conn = await RawConnection.open(ctx.svc.port);
    conn.write(
      'POST /puppet/twitch HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
        `Content-Length: ${form.length}\r\n\r\n${form}`,
    );
    const res = await conn.next();
    conn.destroy();
    assert.equal(res.status, 413);
    assert.equal(header(res, 'content-type'), TEXT_PLAIN);
    assert.deepEqual(ctx.sb.runs(), []);
  });

  it('a chunked POST body growing past 4 KiB → 413 and no run', async function () {
    const conn = await RawConnection.open(ctx.svc.port);
    conn.write(
      'POST /puppet/twitch HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
        'Transfer-Encoding: chunked\r\n\r\n',
    );
    const chunk = 'x'.repeat(1024);
    for (let i = 0; i < 6; i++) conn.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    const res = await conn.next();
    conn.destroy();
    assert.equal(res.status, 413);
    assert.deepEqual(ctx.sb.runs(), []);
  });
});
