import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DELIVERY_RETAIN_MS, deliveryKeys, openDeliveries } from '../../../../ts/auth/deliveries';
import type { Logger } from '../../../../ts/log';

const quiet: Logger = { info: () => undefined, error: () => undefined, flush: () => undefined };

describe('auth/deliveries: webhook deliveries remembered in state_dir', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'twitch-deliveries-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('knows a delivery by its id and by what it signed, per hook, hashed', () => {
    const github = (id: string, sig: string) => deliveryKeys('github', 'gh', { 'x-github-delivery': id, 'x-hub-signature-256': sig }, '{}');
    const [bySig, byId] = github('d1', 'sha256=aa');
    assert.deepEqual(github('d2', 'sha256=aa')[0], bySig, 'the same signature with a new delivery id');
    assert.deepEqual(github('d1', 'sha256=bb')[1], byId, 'the same delivery id with another signature');
    assert.notDeepEqual(deliveryKeys('github', 'other', { 'x-github-delivery': 'd1', 'x-hub-signature-256': 'sha256=aa' }, '{}'), github('d1', 'sha256=aa'));
    const gitlab = deliveryKeys('gitlab', 'gl', { 'x-gitlab-token': 'secret', 'x-gitlab-event-uuid': 'u1' }, '{"a":1}');
    assert.deepEqual(deliveryKeys('gitlab', 'gl', { 'x-gitlab-token': 'secret' }, '{"a":1}')[0], gitlab[0], 'gitlab: by its body');
    for (const key of [...gitlab, bySig, byId]) assert.match(key, /^[0-9a-f]{40}$/);
  });

  it('remembers a delivery being handled, then what it led to, across a reopen; forgets an abandoned one', () => {
    let now = 1_000;
    const first = openDeliveries(dir, quiet, () => now);
    first.begin(['a', 'b']);
    assert.equal(first.find(['b']), 'pending');
    first.finish(['a', 'b'], '20261206T000000000Z-abcdef');
    first.begin(['c']);
    first.abandon(['c']);
    const again = openDeliveries(dir, quiet, () => now);
    assert.deepEqual(again.find(['x', 'a']), { run_id: '20261206T000000000Z-abcdef' });
    assert.equal(again.find(['c']), undefined);
    now += DELIVERY_RETAIN_MS + 1;
    assert.equal(openDeliveries(dir, quiet, () => now).find(['a']), undefined, 'forgotten after a day');
  });

  it('a delivery still being handled when the service died is remembered as one that started nothing', () => {
    openDeliveries(dir, quiet).begin(['k']);
    assert.deepEqual(openDeliveries(dir, quiet).find(['k']), { run_id: null });
  });

  it('refuses to begin what it cannot write, and keeps nothing of it', () => {
    const deliveries = openDeliveries(join(dir, 'missing'), quiet);
    assert.throws(() => deliveries.begin(['k']), /ENOENT/);
    assert.equal(deliveries.find(['k']), undefined);
  });

  it('writes the file 0640 with hashed keys only', () => {
    const deliveries = openDeliveries(dir, quiet);
    deliveries.begin(deliveryKeys('hmac', 'p', { 'x-twitch-signature': 't=1,v1=' + 'ab'.repeat(32) }, 'body'));
    const file = join(dir, 'webhook-deliveries.json');
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes('abab') && !text.includes('body'));
    // Windows has no POSIX modes (Node reports 0666); its ACLs, which the module sets, decide who reads it
    assert.equal(statSync(file).mode & 0o777, process.platform === 'win32' ? 0o666 : 0o640);
  });
});
