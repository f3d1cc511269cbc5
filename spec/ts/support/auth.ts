// Credentials for the bundle tests of a service with authentication: random bearer tokens and webhook secrets
// (new for every test file), the config that holds them (tokens as SHA-256 hashes only), real signatures computed
// as GitHub and a pipeline compute them, and the check that none of it reaches a log, a record or `ps`.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceContext } from './harness';

export const TOKENS = {
  deploy: randomBytes(32).toString('base64url'),
  reader: randomBytes(32).toString('base64url'),
  noop: randomBytes(32).toString('base64url'),
};
export const SECRETS = {
  github: `gh-${randomBytes(16).toString('hex')}`,
  gitlab: `gl-${randomBytes(16).toString('hex')}`,
  hmac: `hm-${randomBytes(16).toString('hex')}`,
};
/** Every secret of the test file: none may appear in a log, a record, the audit log or a process list. */
export const ALL_SECRETS = [...Object.values(TOKENS), ...Object.values(SECRETS)];

export const hash = (token: string) => createHash('sha256').update(token).digest('hex');
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
export const CHALLENGE = 'Bearer realm="puppet-twitch"';

/** The config's `auth` section: three tokens (trigger+read, read, trigger_noop) and one webhook of each type (GitHub's starts noop runs of one tag). */
export const AUTH = {
  tokens: [
    { id: 'deploy', sha256: hash(TOKENS.deploy), scopes: ['trigger', 'read'] },
    { id: 'reader', sha256: hash(TOKENS.reader), scopes: ['read'] },
    { id: 'ci-noop', sha256: hash(TOKENS.noop), scopes: ['trigger_noop'] },
  ],
  webhooks: [
    { id: 'control-repo', type: 'github', secret: SECRETS.github, options: { noop: true, tags: ['ntp'] } },
    { id: 'gitlab-repo', type: 'gitlab', secret: SECRETS.gitlab },
    { id: 'pipeline', type: 'hmac', secret: SECRETS.hmac },
  ],
};

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The value of X-Hub-Signature-256 for `body`: `sha256=` and the hex HMAC-SHA256 of the raw body. */
export function githubSignature(body: string | Buffer, secret = SECRETS.github): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The value of X-Twitch-Signature for `body` signed at `t`: the hex HMAC-SHA256 of "<t>.<body>". */
export function twitchSignature(body: string | Buffer, t = nowSeconds(), secret = SECRETS.hmac): string {
  const mac = createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
  return `t=${t},v1=${mac}`;
}

/** The service's logs, records, audit log and `ps` output, searched for every secret of the test. */
export function assertNoSecretLeaked(ctx: ServiceContext): void {
  const places: Array<[string, string]> = [['service log', ctx.svc.logs]];
  for (const name of readdirSync(ctx.sb.recordsDir)) places.push([name, readFileSync(join(ctx.sb.recordsDir, name), 'utf8')]);
  places.push(['ps', execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })]);
  for (const [where, text] of places) {
    for (const secret of ALL_SECRETS) assert.ok(!text.includes(secret), `a secret appears in ${where}`);
    assert.ok(!/X-Hub-Signature|Authorization: Bearer/i.test(text), `a credential header appears in ${where}`);
  }
}
