// The TLS files and the bearer token the fleet client presents: given on the command line, or this host's
// Puppet agent's own. A file that cannot be read is a usage error naming the option.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { findPuppet } from '../config';
import { twitchError } from '../errors';
import type { Tls } from '../client/http';
import type { FleetOptions } from './args';

const usage = (message: string) => twitchError('USAGE', `fleet: ${message}`);

const cannotRead = (option: string, file: string, err: unknown) =>
  `cannot read ${option} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;

function readSecretFile(option: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw usage(`${cannotRead(option, file, err)}.`);
  }
}

/** The local Puppet agent's CA, certificate and key, for the TLS files not given on the command line. */
function agentSslFiles(): Record<'localcacert' | 'hostcert' | 'hostprivkey', string> {
  const puppet = findPuppet();
  const none = 'give --cacert, --cert and --key for https';
  if (puppet === undefined) throw usage(`${none} (no Puppet agent here to take them from).`);
  let out: string;
  try {
    out = execFileSync(puppet, ['config', 'print', '--section', 'agent', 'localcacert', 'hostcert', 'hostprivkey'], {
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    throw usage(`${none} ('puppet config print' failed: ${(err as Error).message.split('\n')[0]}).`);
  }
  const files: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^(\w+) = (.+)$/.exec(line.trim());
    if (m !== null) files[m[1]] = m[2];
  }
  return files as Record<'localcacert' | 'hostcert' | 'hostprivkey', string>;
}

export function tlsMaterial(opts: FleetOptions): Tls {
  const asksPuppetDb = 'query' in opts.selection || opts.addressFact !== null;
  const needed = opts.scheme === 'https' || (asksPuppetDb && opts.puppetdb.startsWith('https:'));
  if (!needed) return {};
  const missing = opts.cacert === null || opts.cert === null || opts.key === null;
  const agent = missing ? agentSslFiles() : undefined;
  // a file given is read as given; a default taken from the agent says where it came from and how to give another
  const read = (option: string, given: string | null, fallback: string | undefined) => {
    if (given !== null) return readSecretFile(option, given);
    if (fallback === undefined) return undefined;
    try {
      return readFileSync(fallback);
    } catch (err) {
      throw usage(`${cannotRead(option, fallback, err)} (this host's Puppet agent's; give ${option} FILE).`);
    }
  };
  return {
    ca: read('--cacert', opts.cacert, agent?.localcacert),
    cert: read('--cert', opts.cert, agent?.hostcert),
    key: read('--key', opts.key, agent?.hostprivkey),
  };
}

export function bearer(file: string | null): string | null {
  if (file === null) return null;
  const token = readSecretFile('--token-file', file).toString('utf8').trim();
  if (token === '' || /[\s\0-\x1f]/.test(token)) throw usage(`--token-file ${file} must hold one token on one line.`);
  return `Bearer ${token}`;
}
