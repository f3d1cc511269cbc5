// A test PKI shaped like a Puppet CA, made with the openssl CLI at test time (EC P-256 keys: fast).
// Puppet 6+ issues agent certificates from an intermediate CA: ca.pem holds the intermediate and the root,
// crl.pem the intermediate's CRL and the root's. Certificates are issued with `openssl ca`, whose database
// also serves to revoke them and to write the CRLs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Issued {
  certname: string;
  cert: string;
  key: string;
  /** hex, upper case, as Node's getPeerCertificate().serialNumber gives it */
  serial: string;
}

const openssl = (args: string[], cwd: string): string =>
  execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const CA_CONFIG = `[ca]
default_ca = ca_default
[ca_default]
database = ./index.txt
new_certs_dir = ./issued
serial = ./serial
crlnumber = ./crlnumber
default_md = sha256
default_days = 30
default_crl_days = 30
policy = policy_any
copy_extensions = copy
unique_subject = no
[policy_any]
commonName = supplied
[intermediate]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

/** One CA with its `openssl ca` database in `dir`. */
class Authority {
  readonly cert: string;
  readonly key: string;
  private readonly cnf: string;
  private count = 0;

  constructor(
    readonly dir: string,
    readonly name: string,
    issuer?: Authority,
  ) {
    mkdirSync(join(dir, 'issued'), { recursive: true });
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '1001\n');
    writeFileSync(join(dir, 'crlnumber'), '01\n');
    this.cnf = join(dir, 'ca.cnf');
    writeFileSync(this.cnf, CA_CONFIG);
    this.cert = join(dir, 'ca.pem');
    this.key = join(dir, 'ca.key');
    const subject = `/CN=${name}`;
    if (issuer === undefined) {
      openssl(
        ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', this.key, '-out', this.cert,
          '-subj', subject, '-days', '30', '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
        dir,
      );
    } else {
      const csr = join(dir, 'ca.csr');
      openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', this.key, '-out', csr, '-subj', subject], dir);
      issuer.sign(csr, this.cert, 'intermediate');
    }
  }

  sign(csr: string, out: string, extensions: 'intermediate' | 'leaf', dates: string[] = []): void {
    openssl(
      ['ca', '-batch', '-config', this.cnf, '-cert', this.cert, '-keyfile', this.key, '-extensions', extensions, '-notext', '-in', csr, '-out', out, ...dates],
      this.dir,
    );
  }

  /** A certificate for `certname` (its subject CN), with the SANs given; `dates`: `openssl ca` date options. */
  issue(certname: string, opts: { san?: string; dates?: string[]; outDir?: string } = {}): Issued {
    const base = join(opts.outDir ?? this.dir, `${certname}.${++this.count}`);
    const key = `${base}.key`;
    const cert = `${base}.pem`;
    const csr = `${base}.csr`;
    const req = ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${certname}`];
    openssl(opts.san === undefined ? req : [...req, '-addext', `subjectAltName=${opts.san}`], this.dir);
    this.sign(csr, cert, 'leaf', opts.dates);
    return { certname, cert, key, serial: serialOf(cert) };
  }

  revoke(cert: string): void {
    openssl(['ca', '-config', this.cnf, '-cert', this.cert, '-keyfile', this.key, '-revoke', cert], this.dir);
  }

  crl(): string {
    return openssl(['ca', '-config', this.cnf, '-cert', this.cert, '-keyfile', this.key, '-gencrl'], this.dir);
  }
}

export function serialOf(cert: string): string {
  return openssl(['x509', '-in', cert, '-noout', '-serial'], '/').trim().replace(/^serial=/, '').toUpperCase();
}

export interface Pki {
  dir: string;
  /** the intermediate, then the root: what Puppet's ssl/certs/ca.pem holds */
  caBundle: string;
  /** the intermediate's CRL, then the root's: what Puppet's ssl/crl.pem holds */
  crl: string;
  /** the service's certificate: CN localhost, SAN localhost and 127.0.0.1 */
  server: Issued;
  /** ops01.ops.example.com */
  allowed: Issued;
  /** web01.example.com: from the CA, but not in the allowed certnames used by the tests */
  disallowed: Issued;
  /** ops02.ops.example.com, revoked in `crl` */
  revoked: Issued;
  /** ops03.ops.example.com, expired in 2020 */
  expired: Issued;
  /** ops01.ops.example.com again, but from an unrelated CA */
  untrusted: Issued;
  /** A new certificate from the same CA (a renewal), written under `outDir`. */
  issue(certname: string, san?: string, outDir?: string): Issued;
  /** Revokes `cert` and writes a fresh CRL bundle to `crlFile` (default `crl`). */
  revoke(cert: Issued, crlFile?: string): void;
}

export function createPki(dir: string): Pki {
  const root = new Authority(join(dir, 'root'), 'Test Puppet Root CA');
  const ca = new Authority(join(dir, 'intermediate'), 'Test Puppet CA', root);
  const other = new Authority(join(dir, 'other'), 'Unrelated CA');
  const caBundle = join(dir, 'ca.pem');
  writeFileSync(caBundle, readFileSync(ca.cert, 'utf8') + readFileSync(root.cert, 'utf8'));
  const crl = join(dir, 'crl.pem');
  const writeCrl = (file: string) => writeFileSync(file, ca.crl() + root.crl());

  const revoked = ca.issue('ops02.ops.example.com');
  ca.revoke(revoked.cert);
  writeCrl(crl);
  return {
    dir,
    caBundle,
    crl,
    server: ca.issue('localhost', { san: 'DNS:localhost,IP:127.0.0.1' }),
    allowed: ca.issue('ops01.ops.example.com'),
    disallowed: ca.issue('web01.example.com'),
    revoked,
    expired: ca.issue('ops03.ops.example.com', { dates: ['-startdate', '20200101000000Z', '-enddate', '20200201000000Z'] }),
    untrusted: other.issue('ops01.ops.example.com'),
    issue: (certname, san, outDir) => ca.issue(certname, { san, outDir }),
    revoke(cert, crlFile = crl) {
      ca.revoke(cert.cert);
      writeCrl(crlFile);
    },
  };
}
