import { strict as assert } from 'node:assert';
import { certnameMatches, certnamePatternProblem, isAllowedCertname } from '../../../../ts/tls/certnames';

describe('tls/certnames: allowed_certnames patterns', () => {
  it('matches whole certnames; * spans any characters, dots included; ? is one character', () => {
    const cases: Array<[string, string, boolean]> = [
      ['ops01.ops.example.com', 'ops01.ops.example.com', true],
      ['ops01.ops.example.com', 'ops01.ops.example.com.evil', false],
      ['ops01.ops.example.com', 'xops01.ops.example.com', false],
      ['*.ops.example.com', 'ops01.ops.example.com', true],
      ['*.ops.example.com', 'a.b.ops.example.com', true],
      ['*.ops.example.com', 'ops.example.com', false],
      ['*.ops.example.com', '.ops.example.com', true],
      ['*.ops.example.com', 'ops01.ops.example.com.evil.net', false],
      ['*.ops.example.com', 'web01.example.com', false],
      ['ops??.ops.example.com', 'ops01.ops.example.com', true],
      ['ops??.ops.example.com', 'ops1.ops.example.com', false],
      ['ops??.ops.example.com', 'ops001.ops.example.com', false],
      ['ops*', 'ops', true],
      ['*', 'anything.at.all', true],
      ['*ops*', 'web-ops-01', true],
      ['a*b*c', 'aXbYbZc', true],
      ['a*b*c', 'aXbYbZ', false],
      ['**.example.com', 'x.example.com', true],
      ['ops01.ops.example.com', 'OPS01.ops.example.com', false],
      ['web.example.com', 'webxexample.com', false],
    ];
    for (const [pattern, certname, expected] of cases) {
      assert.equal(certnameMatches(pattern, certname), expected, `${pattern} vs ${certname}`);
    }
  });

  it('treats a * or ? in the certname as a plain character', () => {
    assert.equal(certnameMatches('ab', '*'), false);
    assert.equal(certnameMatches('a*', 'a*'), true);
    assert.equal(certnameMatches('a?', 'a?'), true);
  });

  it('allows a certname only when a pattern matches; an empty list allows none', () => {
    const allowed = ['*.ops.example.com', 'deploy01.example.com'];
    assert.equal(isAllowedCertname(allowed, 'ops01.ops.example.com'), true);
    assert.equal(isAllowedCertname(allowed, 'deploy01.example.com'), true);
    assert.equal(isAllowedCertname(allowed, 'web01.example.com'), false);
    assert.equal(isAllowedCertname([], 'ops01.ops.example.com'), false);
  });

  it('never allows a certname Puppet would not issue, whatever the pattern', () => {
    for (const certname of ['', 'ops01.ops.example.com\n', 'a/b.ops.example.com', 'ops01.ops.example.com\u00e9', 'x\0.ops.example.com']) {
      assert.equal(isAllowedCertname(['*'], certname), false, JSON.stringify(certname));
    }
  });

  it('takes patterns of certname characters and wildcards, and says what is wrong with others', () => {
    for (const pattern of ['*.ops.example.com', 'node_01.example', 'ops??', '*']) assert.equal(certnamePatternProblem(pattern), undefined, pattern);
    for (const pattern of ['', '*.OPS.example.com', 'ops[0-9].example.com', 'a b', 'a/b', 7, null]) {
      assert.match(String(certnamePatternProblem(pattern)), /must be/, JSON.stringify(pattern));
    }
  });
});
