import { strict as assert } from 'node:assert';
import { normalizeConfig } from '../../../../ts/config';
import { root } from './hosts';

describe('config: tls', () => {
  it('takes tls with cert, key and ca, and applies the tls defaults', () => {
    assert.equal(normalizeConfig({}, {}, root).tls, undefined);
    const files = { cert: '/ssl/certs/node01.pem', key: '/ssl/private_keys/node01.pem', ca: '/ssl/certs/ca.pem' };
    assert.deepEqual(normalizeConfig({ tls: files }, {}, root).tls, { ...files, client_certs: 'none', allowed_certnames: [] });
    const full = { ...files, crl: '/ssl/crl.pem', client_certs: 'required', allowed_certnames: ['*.ops.example.com', 'deploy01.example.com'] };
    assert.deepEqual(normalizeConfig({ tls: full }, {}, root).tls, full);
  });
  it('names the tls key that is wrong', () => {
    const files = { cert: '/c.pem', key: '/k.pem', ca: '/ca.pem' };
    const cases: [unknown, RegExp][] = [
      ['on', /'tls': must be an object/],
      [{ ...files, cert: undefined }, /'tls.cert': is required when tls is set/],
      [{ ...files, key: undefined }, /'tls.key': is required when tls is set/],
      [{ ...files, ca: undefined }, /'tls.ca': is required when tls is set/],
      [{ ...files, key: 'private/k.pem' }, /'tls.key': must be an absolute path/],
      [{ ...files, crl: 'crl.pem' }, /'tls.crl': must be an absolute path/],
      [{ ...files, client_certs: 'yes' }, /'tls.client_certs': must be "none", "optional", "required", got "yes"/],
      [{ ...files, client_certs: true }, /'tls.client_certs'/],
      [{ ...files, allowed_certnames: '*.ops.example.com' }, /'tls.allowed_certnames': must be an array/],
      [{ ...files, allowed_certnames: ['ok.example.com', 'Bad.example.com'] }, /'tls.allowed_certnames\[1\]': must be a certname pattern/],
      [{ ...files, allowed_certnames: [''] }, /'tls.allowed_certnames\[0\]': must be a non-empty string/],
      [{ ...files, certificate: '/x' }, /Unknown config key 'tls.certificate'/],
    ];
    for (const [tls, message] of cases) assert.throws(() => normalizeConfig({ tls }, {}, root), message, JSON.stringify(tls));
  });
});
