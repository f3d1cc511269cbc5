// TLS with client certificates from a Puppet-like CA, over real HTTPS to the real bundle. The PKI is made with
// the openssl CLI (spec/ts/support/pki.ts); puppet is the scripted stand-in (spec/fixtures/fake-puppet).
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { TRIGGER, useService } from '../support/harness';
import { httpsRequest, refused, tlsFiles, type HttpsOptions } from '../support/https';
import { createPki, type Issued, type Pki } from '../support/pki';
import { packageVersion, rawExchange, RawConnection, runCli, startService, waitFor, type Service } from '../support/service';
import { Sandbox } from '../support/standin';

let pki: Pki;
before(function () {
  this.timeout(30000);
  pki = createPki(mkdtempSync(join(tmpdir(), 'twitch-pki-')));
});
after(() => rmSync(pki.dir, { recursive: true, force: true }));

const ALLOWED = ['*.ops.example.com'];

function tlsConfig(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { cert: pki.server.cert, key: pki.server.key, ca: pki.caBundle, crl: pki.crl, allowed_certnames: ALLOWED, ...over };
}

/** Waits for a log line matching `pattern` and returns it. */
function logLine(svc: Service, pattern: RegExp, timeoutMs = 5000): Promise<string> {
  return waitFor(`a log line matching ${pattern}`, () => svc.logLines().find((l) => pattern.test(l)), timeoutMs).catch((err: Error) => {
    throw new Error(`${err.message}\n${svc.logs}`);
  });
}

const ca = () => ({ ca: pki.caBundle });
const as = (client: Issued): HttpsOptions => ({ ...ca(), client });

describe('bundle: TLS, client_certs none', function () {
  this.timeout(20000);
  const ctx = useService({ shared: true, autoStart: false });
  before(async function () {
    ctx.sb.writeConfig({ tls: tlsConfig({ crl: undefined, allowed_certnames: undefined }) });
    ctx.svc = await startService({ config: ctx.sb.configPath });
  });

  it('serves HTTPS with a certificate that verifies against the CA, for 127.0.0.1 and localhost', async function () {
    assert.match(ctx.svc.stdout, new RegExp(`listening on https://127\\.0\\.0\\.1:${ctx.svc.port} `));
    assert.match(ctx.svc.stdout, /INFO TLS: client certificates none\n.* INFO TLS: loaded certificate CN=localhost \(serial \w+, valid until /);
    const res = await httpsRequest(ctx.svc.port, '/healthz', ca());
    assert.equal(res.status, 200);
    assert.equal(res.body, 'ok');
    assert.equal(res.serverSerial, pki.server.serial);
    assert.equal((await httpsRequest(ctx.svc.port, '/version', { ...ca(), servername: 'localhost' })).status, 200);
    const line = await logLine(ctx.svc, /GET \/healthz 200/);
    assert.match(line, /INFO 127\.0\.0\.1 GET \/healthz 200/, 'no client certificate: no cert: in the log line');
  });

  it('answers nothing to plain HTTP or garbage on its port, logs the failed handshake, and goes on', async function () {
    const plain = await rawExchange(ctx.svc.port, 'GET /healthz HTTP/1.1\r\nHost: node01\r\n\r\n');
    assert.equal(plain.closedByServer, true);
    assert.deepEqual(plain.responses, []);
    assert.equal(plain.trailing.includes('HTTP/1.1'), false, `no HTTP answer: ${plain.trailing.toString('latin1')}`);
    await logLine(ctx.svc, /127\.0\.0\.1 - TLS handshake failed: plain HTTP sent to the HTTPS port: use https:\/\//);

    const garbage = await rawExchange(ctx.svc.port, Buffer.from('16030100050102030405', 'hex'));
    assert.equal(garbage.closedByServer, true);
    assert.deepEqual(garbage.responses, []);
    await waitFor('two failed handshakes logged', () => ctx.svc.logLines().filter((l) => /TLS handshake failed/.test(l)).length >= 2);

    assert.equal((await httpsRequest(ctx.svc.port, '/healthz', ca())).status, 200);
    assert.doesNotMatch(ctx.svc.stdout, / 500 /);
    assert.equal(ctx.svc.running, true);
  });

  it('runs the same request pipeline: strict HTTP, limits, pipelining', async function () {
    const conn = await RawConnection.openTls(ctx.svc.port, tlsFiles(pki.caBundle));
    conn.write('GET /version HTTP/1.1\r\nHost: node01\r\n\r\nGET /healthz HTTP/1.1\r\nHost: node01\r\n\r\n');
    assert.deepEqual([(await conn.next()).text, (await conn.next()).text], [packageVersion, 'ok']);
    conn.write(`GET /healthz HTTP/1.1\r\nHost: node01\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    const big = await conn.next();
    assert.equal(big.status, 431);
    assert.match(big.text, /Request headers too large/);
    conn.destroy();

    const noHost = await RawConnection.openTls(ctx.svc.port, tlsFiles(pki.caBundle));
    noHost.write('GET /healthz HTTP/1.1\r\n\r\n');
    assert.equal((await noHost.next()).status, 400);
    assert.equal(await noHost.waitClosed(), true);
  });

  it('does not ask for a client certificate: one offered anyway is not seen', async function () {
    const res = await httpsRequest(ctx.svc.port, '/info', as(pki.allowed));
    assert.equal(res.status, 200);
    const line = await logLine(ctx.svc, /GET \/info 200/);
    assert.doesNotMatch(line, /cert:/);
  });
});

describe('bundle: TLS, client_certs required', function () {
  this.timeout(20000);
  const ctx = useService({ shared: true, autoStart: false });
  before(async function () {
    ctx.sb.writeConfig({ tls: tlsConfig({ client_certs: 'required' }) });
    ctx.svc = await startService({ config: ctx.sb.configPath });
  });

  const cases: Array<[string, () => Issued | undefined, RegExp]> = [
    ['no certificate', () => undefined, /TLS client certificate refused: no client certificate, and tls\.client_certs is "required"/],
    ['a certificate from an unrelated CA', () => pki.untrusted, /CN=ops01\.ops\.example\.com refused: the certificate is not from the CA in tls\.ca/],
    ['a revoked certificate', () => pki.revoked, /CN=ops02\.ops\.example\.com refused: the certificate is revoked in tls\.crl \(CERT_REVOKED\)/],
    ['an expired certificate', () => pki.expired, /CN=ops03\.ops\.example\.com refused: the certificate has expired.*\(CERT_HAS_EXPIRED\)/],
  ];
  for (const [what, client, logged] of cases) {
    it(`refuses ${what} before any request is read, and logs why`, async function () {
      const cert = client();
      await refused(ctx.svc.port, '/puppet/twitch', { ...ca(), client: cert, method: 'POST' });
      await logLine(ctx.svc, logged);
      assert.deepEqual(ctx.sb.runs(), []);
      assert.doesNotMatch(ctx.svc.stdout, /\/puppet\/twitch/, 'no request reached the pipeline');
    });
  }

  it('serves an allowed certificate: the request reaches the handlers, a trigger runs the stand-in puppet', async function () {
    const health = await httpsRequest(ctx.svc.port, '/healthz', as(pki.allowed));
    assert.equal(health.status, 200);
    assert.equal(health.body, 'ok');
    await logLine(ctx.svc, /INFO 127\.0\.0\.1 cert:ops01\.ops\.example\.com GET \/healthz 200/);

    const run = await httpsRequest(ctx.svc.port, `${TRIGGER}?async=false`, { ...as(pki.allowed), method: 'POST' });
    assert.equal(run.status, 200, run.body);
    assert.equal(run.body, 'Puppet run complete');
    assert.equal(ctx.sb.runs().length, 1, 'the stand-in puppet ran once');
    await logLine(ctx.svc, /cert:ops01\.ops\.example\.com POST \/puppet\/twitch 200/);
  });

  it('serves a certificate from the CA whose certname is not allowed, marked disallowed for the pipeline', async function () {
    const res = await httpsRequest(ctx.svc.port, '/version', as(pki.disallowed));
    assert.equal(res.status, 200);
    await logLine(ctx.svc, /INFO 127\.0\.0\.1 cert:web01\.example\.com\(disallowed\) GET \/version 200/);
  });

  it('resumes no TLS session: every connection is checked against the CA and CRL as they are then', async function () {
    const first = await RawConnection.openTls(ctx.svc.port, tlsFiles(pki.caBundle, pki.allowed));
    let session: Buffer | undefined;
    first.socket.on('session', (s: Buffer) => (session = s));
    first.write('GET /healthz HTTP/1.1\r\nHost: node01\r\n\r\n');
    assert.equal((await first.next()).status, 200);
    first.destroy();
    const second = await RawConnection.openTls(ctx.svc.port, { ...tlsFiles(pki.caBundle, pki.allowed), session });
    second.write('GET /healthz HTTP/1.1\r\nHost: node01\r\n\r\n');
    assert.equal((await second.next()).status, 200);
    assert.equal((second.socket as TLSSocket).isSessionReused(), false);
    second.destroy();
  });
});

describe('bundle: TLS, client_certs optional', function () {
  this.timeout(20000);
  const ctx = useService({ shared: true, autoStart: false });
  before(async function () {
    ctx.sb.writeConfig({ tls: tlsConfig({ client_certs: 'optional' }) });
    ctx.svc = await startService({ config: ctx.sb.configPath });
  });

  it('serves a client without a certificate as anonymous', async function () {
    const res = await httpsRequest(ctx.svc.port, '/healthz', ca());
    assert.equal(res.status, 200);
    assert.match(await logLine(ctx.svc, /GET \/healthz 200/), /INFO 127\.0\.0\.1 GET \/healthz 200/);
  });

  it('serves an allowed certificate with its certname', async function () {
    assert.equal((await httpsRequest(ctx.svc.port, '/info', as(pki.allowed))).status, 200);
    await logLine(ctx.svc, /127\.0\.0\.1 cert:ops01\.ops\.example\.com GET \/info 200/);
  });

  it("gives the authentication gate the certificate: cert:<certname> when allowed, 403 when not", async function () {
    const anonymous = await httpsRequest(ctx.svc.port, TRIGGER, { ...ca(), method: 'POST' });
    assert.equal(anonymous.status, 401, anonymous.body);
    const disallowed = await httpsRequest(ctx.svc.port, TRIGGER, { ...as(pki.disallowed), method: 'POST' });
    assert.equal(disallowed.status, 403);
    assert.equal(disallowed.body, "Forbidden: certificate web01.example.com is not in this node's tls.allowed_certnames.");
    const allowed = await httpsRequest(ctx.svc.port, `${TRIGGER}?async=false`, { ...as(pki.allowed), method: 'POST', headers: { Accept: 'application/json' } });
    assert.equal(allowed.status, 200, allowed.body);
    assert.equal(JSON.parse(allowed.body).identity, 'cert:ops01.ops.example.com');
    assert.equal(ctx.sb.runs().length, 1);
  });

  it('refuses a certificate that does not verify instead of serving it as anonymous', async function () {
    for (const [client, code] of [
      [pki.untrusted, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
      [pki.revoked, 'CERT_REVOKED'],
      [pki.expired, 'CERT_HAS_EXPIRED'],
    ] as const) {
      await refused(ctx.svc.port, '/version', as(client));
      await logLine(ctx.svc, new RegExp(`CN=${client.certname.replace(/\./g, '\\.')} refused: .*\\(${code}\\)`));
    }
    assert.doesNotMatch(ctx.svc.stdout, /GET \/version/, 'none of them reached the pipeline');
  });
});

describe('bundle: TLS at the connection cap', function () {
  this.timeout(20000);
  const ctx = useService({ shared: true, autoStart: false });
  before(async function () {
    ctx.sb.writeConfig({ max_connections: 16, tls: tlsConfig({ client_certs: 'optional' }) });
    ctx.svc = await startService({ config: ctx.sb.configPath });
  });

  it('counts connections still in their handshake and idle TLS connections, and closes the oldest to make room', async function () {
    const idle: RawConnection[] = [];
    for (let i = 0; i < 20; i++) {
      const conn = await RawConnection.openTls(ctx.svc.port, tlsFiles(pki.caBundle, pki.allowed));
      conn.write('GET /healthz HTTP/1.1\r\nHost: node01\r\n\r\n');
      assert.equal((await conn.next()).status, 200);
      idle.push(conn);
    }
    await waitFor('the 4 oldest idle connections closed', () => idle.slice(0, 4).every((c) => c.closed));
    assert.deepEqual(idle.map((c) => c.closed), [...Array(4).fill(true), ...Array(16).fill(false)]);

    // Silent clients that never start a handshake make room the same way, and a new client is served.
    const silent = await Promise.all(Array.from({ length: 20 }, () => RawConnection.open(ctx.svc.port)));
    await waitFor('the idle TLS connections closed for the silent ones', () => idle.every((c) => c.closed));
    assert.equal((await httpsRequest(ctx.svc.port, '/healthz', as(pki.allowed))).status, 200);
    await waitFor('the oldest silent connections closed', () => silent.filter((c) => c.closed).length >= 5);
    for (const conn of [...idle, ...silent]) conn.destroy();
  });
});

describe('bundle: TLS reload', function () {
  this.timeout(30000);
  let sb: Sandbox;
  let svc: Service | undefined;
  let dir: string;
  let files: { cert: string; key: string; crl: string };

  beforeEach(function () {
    sb = new Sandbox();
    sb.setBehaviour({});
    dir = join(sb.dir, 'tls');
    mkdirSync(dir);
    files = { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem'), crl: join(dir, 'crl.pem') };
    copyFileSync(pki.server.cert, files.cert);
    copyFileSync(pki.server.key, files.key);
    copyFileSync(pki.crl, files.crl);
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed' && svc) console.log(`    service log:\n${svc.logs}`);
    svc?.kill();
    svc = undefined;
    sb.cleanup();
  });

  async function start(clientCerts = 'optional'): Promise<Service> {
    sb.writeConfig({ tls: tlsConfig({ ...files, client_certs: clientCerts }) });
    svc = await startService({ config: sb.configPath });
    return svc;
  }

  /** Renames a file into place, as a renewal does. */
  function replace(file: string, text: string | Buffer): void {
    const temp = `${file}.new`;
    writeFileSync(temp, text, { mode: 0o600 });
    renameSync(temp, file);
  }

  function renew(): Issued {
    const next = pki.issue('localhost', 'DNS:localhost,IP:127.0.0.1', dir);
    replace(files.key, readFileSync(next.key));
    replace(files.cert, readFileSync(next.cert));
    return next;
  }

  /** A keep-alive connection opened before the reload, with one request answered on it. */
  async function openBefore(svc: Service): Promise<RawConnection> {
    const conn = await RawConnection.openTls(svc.port, tlsFiles(pki.caBundle));
    conn.write('GET /healthz HTTP/1.1\r\nHost: node01\r\n\r\n');
    assert.equal((await conn.next()).status, 200);
    return conn;
  }

  async function stillWorks(conn: RawConnection): Promise<void> {
    conn.write('GET /version HTTP/1.1\r\nHost: node01\r\n\r\n');
    const res = await conn.next();
    assert.equal(res.status, 200);
    assert.equal(res.text, packageVersion);
    assert.equal((conn.socket as TLSSocket).getPeerCertificate().serialNumber, pki.server.serial, 'the open connection keeps its certificate');
  }

  it('SIGHUP: new connections get a renewed certificate; an open keep-alive connection goes on', async function () {
    const svc = await start();
    const before = await openBefore(svc);
    const next = renew();
    svc.signal('SIGHUP');
    await logLine(svc, new RegExp(`TLS: reloaded \\(SIGHUP\\): certificate CN=localhost \\(serial ${next.serial},`));
    assert.equal((await httpsRequest(svc.port, '/healthz', ca())).serverSerial, next.serial);
    await stillWorks(before);
    before.destroy();
    assert.equal(svc.running, true, 'SIGHUP does not stop the service in the foreground');
  });

  it('a renewed certificate renamed into place is picked up without a signal', async function () {
    const svc = await start();
    const before = await openBefore(svc);
    const next = renew();
    // The watch polls once a second; a request a second keeps the connection inside its keep-alive time.
    await waitFor(
      'the renewed certificate on a new connection',
      async () => {
        await stillWorks(before);
        return (await httpsRequest(svc.port, '/healthz', ca())).serverSerial === next.serial;
      },
      10000,
      1000,
    );
    await logLine(svc, /TLS: reloaded \(tls\.(cert|key).* changed\): certificate CN=localhost/);
    await stillWorks(before);
    before.destroy();
  });

  it('a client certificate revoked in a replaced CRL is refused after the reload', async function () {
    const svc = await start('required');
    const client = pki.issue('ops09.ops.example.com');
    assert.equal((await httpsRequest(svc.port, '/healthz', as(client))).status, 200);
    pki.revoke(client, `${files.crl}.new`);
    renameSync(`${files.crl}.new`, files.crl);
    svc.signal('SIGHUP');
    await logLine(svc, /TLS: reloaded \(SIGHUP\)/);
    await refused(svc.port, '/healthz', as(client));
    await logLine(svc, /CN=ops09\.ops\.example\.com refused: the certificate is revoked in tls\.crl \(CERT_REVOKED\)/);
    assert.equal((await httpsRequest(svc.port, '/healthz', as(pki.allowed))).status, 200, 'other clients are still served');
  });

  it('a reload that fails (a garbage key, a key of another certificate) keeps the old certificate and logs an error', async function () {
    const svc = await start();
    const marker = 'GARBAGE-KEY-MATERIAL-7f3a';
    replace(files.key, `-----BEGIN PRIVATE KEY-----\n${marker}\n-----END PRIVATE KEY-----\n`);
    svc.signal('SIGHUP');
    const error = await logLine(svc, /ERROR TLS: reload \(SIGHUP\) failed/);
    assert.match(error, new RegExp(`Cannot use 'tls\\.key' ${files.key}: it holds no usable PEM private key`));
    assert.match(error, /Still serving with the files loaded before; fix the file, then send SIGHUP/);
    assert.equal((await httpsRequest(svc.port, '/healthz', ca())).serverSerial, pki.server.serial);

    const other = readFileSync(pki.allowed.key, 'utf8');
    replace(files.key, other);
    svc.signal('SIGHUP');
    await logLine(svc, /ERROR TLS: reload \(SIGHUP\) failed: Cannot use 'tls\.key' .*: this private key does not belong to the certificate in 'tls\.cert'/);
    assert.equal((await httpsRequest(svc.port, '/healthz', ca())).serverSerial, pki.server.serial);

    const keyLines = other.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
    for (const secret of [marker, ...keyLines]) assert.equal(svc.logs.includes(secret), false, 'no key material in the log');
    assert.equal(svc.running, true);
  });
});

describe('bundle: TLS start-up errors', function () {
  this.timeout(20000);
  let sb: Sandbox;
  beforeEach(() => {
    sb = new Sandbox();
  });
  afterEach(() => sb.cleanup());

  async function exit2(tls: Record<string, unknown>, message: RegExp): Promise<string> {
    sb.writeConfig({ bind: '127.0.0.1', port: 0, tls });
    const res = await runCli(['serve', '--config', sb.configPath]);
    assert.equal(res.code, 2, `exit status: ${res.code}\n${res.stdout}${res.stderr}`);
    assert.match(res.stderr, message);
    assert.doesNotMatch(res.stdout, /listening on/);
    return res.stderr;
  }

  it('a missing certificate file → exit 2 naming tls.cert and the path', async function () {
    const missing = join(sb.dir, 'nope.pem');
    await exit2(tlsConfig({ cert: missing }), new RegExp(`Cannot use 'tls\\.cert' ${missing}: it does not exist`));
  });

  it('a key that is not the certificate\'s → exit 2 naming tls.key, without the key in the message', async function () {
    const stderr = await exit2(tlsConfig({ key: pki.allowed.key }), new RegExp(`Cannot use 'tls\\.key' ${pki.allowed.key}: this private key does not belong`));
    const keyLines = readFileSync(pki.allowed.key, 'utf8').split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
    for (const line of keyLines) assert.equal(stderr.includes(line), false);
  });

  it('an unreadable key (a directory) or a file without a key → exit 2 naming tls.key', async function () {
    await exit2(tlsConfig({ key: sb.dir }), new RegExp(`Cannot use 'tls\\.key' ${sb.dir}: .*is a directory, not a regular file`));
    await exit2(tlsConfig({ key: pki.server.cert }), /Cannot use 'tls\.key' .*: it holds no usable PEM private key/);
  });

  it('a CRL file without a CRL → exit 2 naming tls.crl; config mistakes name their key', async function () {
    await exit2(tlsConfig({ crl: pki.caBundle }), new RegExp(`Cannot use 'tls\\.crl' ${pki.caBundle}: it holds no PEM CRL`));
    await exit2(tlsConfig({ client_certs: 'maybe' }), /'tls\.client_certs': must be "none", "optional", "required"/);
    await exit2({ cert: pki.server.cert, key: pki.server.key }, /'tls\.ca': is required when tls is set/);
    await exit2(tlsConfig({ allowed_certnames: ['*.OPS.example.com'] }), /'tls\.allowed_certnames\[0\]'/);
  });
});

describe('bundle: TLS with the daemon commands', function () {
  this.timeout(30000);
  let sb: Sandbox;
  let stateHome: string;
  let dir: string;

  beforeEach(function () {
    sb = new Sandbox();
    sb.setBehaviour({});
    stateHome = mkdtempSync(join(tmpdir(), 'twitch-state-'));
    dir = join(sb.dir, 'daemon');
    mkdirSync(dir);
  });
  afterEach(async function () {
    const log = join(dir, 'puppet-twitch.log');
    if (this.currentTest?.state === 'failed') console.log(`    log:\n${readFileSync(log, 'utf8')}`);
    await daemon('stop', `dir=${dir}`);
    sb.cleanup();
    rmSync(stateHome, { recursive: true, force: true });
  });

  const daemon = (...args: string[]) => runCli(args, { env: { ...process.env, XDG_STATE_HOME: stateHome }, timeoutMs: 20000 });

  it('start prints the https URL, status asks the service over TLS, SIGHUP reopens the log and reloads TLS', async function () {
    sb.writeConfig({ bind: '127.0.0.1', port: 0, tls: tlsConfig({ client_certs: 'required', allowed_certnames: ['localhost'] }) });
    const start = await daemon('start', `dir=${dir}`, '--config', sb.configPath);
    assert.equal(start.code, 0, start.stderr);
    const match = /^puppet-twitch started \(pid (\d+)\) on https:\/\/127\.0\.0\.1:(\d+)$/m.exec(start.stdout);
    assert.ok(match, start.stdout);
    const [pid, port] = [Number(match[1]), Number(match[2])];

    // With client certificates required, status presents the service's own certificate.
    const status = await daemon('status', `dir=${dir}`);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, new RegExp(`running \\(pid ${pid}\\) on https://127\\.0\\.0\\.1:${port}, current run: none`));

    const log = join(dir, 'puppet-twitch.log');
    renameSync(log, `${log}.1`);
    process.kill(pid, 'SIGHUP');
    await waitFor('the reopened log with the reload', () => {
      try {
        const text = readFileSync(log, 'utf8');
        return /SIGHUP: log file reopened/.test(text) && /TLS: reloaded \(SIGHUP\)/.test(text);
      } catch {
        return false;
      }
    });
    assert.equal((await httpsRequest(port, '/healthz', as(pki.allowed))).status, 200);
  });
});
