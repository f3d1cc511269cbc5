import { strict as assert } from 'node:assert';
import { clientCertVerdict, describeHandshakeError, type PeerFacts } from '../../../../ts/tls/peer';

const none: PeerFacts = { presented: false, authorized: false, error: 'UNABLE_TO_GET_ISSUER_CERT', cn: undefined };
const good = (cn: string | string[] | undefined): PeerFacts => ({ presented: true, authorized: true, error: null, cn });
const bad = (error: string): PeerFacts => ({ presented: true, authorized: false, error, cn: 'ops01.ops.example.com' });
const allowed = ['*.ops.example.com'];

describe('tls/peer: what a client certificate makes of a connection', () => {
  it('none: no certificate is asked for, every client is anonymous', () => {
    assert.deepEqual(clientCertVerdict('none', allowed, none), { ok: true, clientCert: null });
  });

  it('without a certificate: anonymous when optional, refused when required', () => {
    assert.deepEqual(clientCertVerdict('optional', allowed, none), { ok: true, clientCert: null });
    const refused = clientCertVerdict('required', allowed, none);
    assert.equal(refused.ok, false);
    assert.match((refused as { reason: string }).reason, /no client certificate, and tls\.client_certs is "required"/);
  });

  it('a verified certificate gives its certname and whether it is allowed, in both modes', () => {
    for (const mode of ['optional', 'required'] as const) {
      assert.deepEqual(clientCertVerdict(mode, allowed, good('ops01.ops.example.com')), {
        ok: true,
        clientCert: { certname: 'ops01.ops.example.com', allowed: true },
      });
      assert.deepEqual(clientCertVerdict(mode, allowed, good('web01.example.com')), {
        ok: true,
        clientCert: { certname: 'web01.example.com', allowed: false },
      });
      assert.deepEqual(clientCertVerdict(mode, [], good('ops01.ops.example.com')), {
        ok: true,
        clientCert: { certname: 'ops01.ops.example.com', allowed: false },
      });
    }
  });

  it('a certificate that does not verify is refused in both modes, with the reason', () => {
    const cases: Array<[string, RegExp]> = [
      ['CERT_REVOKED', /revoked in tls\.crl \(CERT_REVOKED\)/],
      ['CERT_HAS_EXPIRED', /has expired: renew it \(CERT_HAS_EXPIRED\)/],
      ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', /not from the CA in tls\.ca/],
      ['UNABLE_TO_GET_CRL', /tls\.crl holds no CRL from the certificate's issuer/],
      ['SOMETHING_NEW', /does not verify \(SOMETHING_NEW\)/],
    ];
    for (const mode of ['optional', 'required'] as const) {
      for (const [code, reason] of cases) {
        const verdict = clientCertVerdict(mode, allowed, bad(code));
        assert.equal(verdict.ok, false, `${mode} ${code}`);
        assert.match((verdict as { reason: string }).reason, reason);
      }
    }
  });

  it('a verified certificate without exactly one subject CN is refused', () => {
    for (const cn of [undefined, '', ['a.ops.example.com', 'b.ops.example.com']]) {
      const verdict = clientCertVerdict('optional', allowed, good(cn));
      assert.equal(verdict.ok, false, JSON.stringify(cn));
      assert.match((verdict as { reason: string }).reason, /no single subject CN/);
    }
  });

  it('describes failed handshakes briefly', () => {
    assert.equal(describeHandshakeError({ code: 'ERR_SSL_HTTP_REQUEST', reason: 'http request' }), 'plain HTTP sent to the HTTPS port: use https://');
    assert.equal(describeHandshakeError({ code: 'ECONNRESET', message: 'read ECONNRESET' }), 'the client closed the connection during the handshake');
    assert.equal(describeHandshakeError({ code: 'ERR_SSL_WRONG_VERSION_NUMBER', reason: 'wrong version number' }), 'wrong version number (ERR_SSL_WRONG_VERSION_NUMBER)');
    assert.equal(describeHandshakeError({ message: 'odd\nthing' }), 'odd thing');
  });
});
