// loadTls over files made with the openssl CLI (spec/ts/support/pki.ts).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import type { TlsConfig } from '../../../../ts/config';
import { loadTls, localClientOptions } from '../../../../ts/tls/files';
import { createPki, type Pki } from '../../support/pki';
import { handedOver, handingOver } from '../handover';

describe('tls/files: reading the TLS files', function () {
  this.timeout(30000);
  let pki: Pki;
  let tls: TlsConfig;
  before(async () => {
    // made with openssl, which Windows' node under Wine has not: there, the PKI the Linux run made
    pki = await handedOver('pki', (into) => {
      if (into !== undefined) mkdirSync(into);
      return createPki(into ?? mkdtempSync(join(tmpdir(), 'twitch-pki-')));
    });
    tls = { cert: pki.server.cert, key: pki.server.key, ca: pki.caBundle, crl: pki.crl, client_certs: 'required', allowed_certnames: [] };
  });
  after(() => {
    if (!handingOver) rmSync(pki.dir, { recursive: true, force: true });
  });

  it('loads the certificate, key, every CA certificate and every CRL of the files', () => {
    const material = loadTls(tls);
    assert.equal((material.options.ca as string[]).length, 2, 'the intermediate and the root');
    assert.equal((material.options.crl as string[]).length, 2, "the intermediate's CRL and the root's");
    assert.match(material.summary, new RegExp(`^certificate CN=localhost \\(serial ${pki.server.serial}, valid until \\d{4}-`));
    assert.equal(material.expired, false);
    createSecureContext(material.options);
  });

  it('says when the certificate has expired', () => {
    assert.equal(loadTls(tls, new Date(Date.now() + 400 * 86_400_000)).expired, true);
  });

  it('names the key and the path of a file it cannot use, never quoting the private key', () => {
    const dir = join(pki.dir, 'broken');
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    const otherKey = readFileSync(pki.allowed.key, 'utf8');
    const cases: Array<[Partial<TlsConfig>, RegExp]> = [
      [{ cert: join(dir, 'missing.pem') }, /^Cannot use 'tls\.cert' \S+missing\.pem: it does not exist/],
      [{ cert: file('empty.pem', '') }, /^Cannot use 'tls\.cert' \S+empty\.pem: it holds no PEM certificate/],
      [{ key: pki.allowed.key }, /^Cannot use 'tls\.key' \S+: this private key does not belong to the certificate in 'tls\.cert'/],
      [{ key: file('garbage.pem', '-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n') }, /^Cannot use 'tls\.key' \S+garbage\.pem: it holds no usable PEM private key/],
      [{ ca: pki.server.key }, /^Cannot use 'tls\.ca' \S+: it holds no PEM certificate/],
      [{ crl: pki.caBundle }, /^Cannot use 'tls\.crl' \S+: it holds no PEM CRL/],
      [{ crl: file('bad-crl.pem', '-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n') }, /^Cannot use 'tls\.crl' \S+: CRL 1 in it cannot be parsed/],
    ];
    for (const [over, message] of cases) {
      assert.throws(
        () => loadTls({ ...tls, ...over }),
        (err: Error & { code?: string }) => {
          assert.equal(err.code, 'CONFIG_INVALID');
          assert.match(err.message, message);
          for (const line of otherKey.split('\n').filter((l) => l.length > 20)) assert.equal(err.message.includes(line), false);
          assert.equal(err.message.includes('c2VjcmV0'), false);
          return true;
        },
        JSON.stringify(over),
      );
    }
  });

  it('gives a local client the CA, and the service certificate and key when it can read them', () => {
    const local = localClientOptions(tls);
    assert.equal(local.ca.length, 2);
    assert.equal(local.cert, readFileSync(pki.server.cert, 'utf8'));
    assert.equal(local.checkServerIdentity(), undefined);
    const anonymous = localClientOptions({ ...tls, key: join(pki.dir, 'no-such-key.pem') });
    assert.equal(anonymous.cert, undefined);
    assert.equal(anonymous.key, undefined);
  });
});
