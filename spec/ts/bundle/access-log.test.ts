// access_log: which answers get a line in the service log (docs/operations.md, "Logs").
import { strict as assert } from 'node:assert';
import { useService, trigger } from '../support/harness';
import { request, runCli, waitFor, type Service } from '../support/service';
import { Sandbox } from '../support/standin';

const accessLines = (svc: Service) => svc.logLines().filter((l) => / (GET|POST|HEAD) \//.test(l) || / - - \d{3} /.test(l));

/** Makes the same requests in every mode: quiet routes, a trigger, an error, a malformed request. */
async function makeRequests(svc: Service): Promise<void> {
  for (const path of ['/healthz', '/version', '/info']) assert.equal((await request(svc.port, path)).status, 200);
  assert.equal((await request(svc.port, '/nope')).status, 404);
  assert.equal((await request(svc.port, '/puppet/runs')).status, 200);
  assert.equal((await trigger(svc, '?noop=maybe', { method: 'POST' })).status, 400);
  // the last request: once its line is there (or its answer is in), all lines before it are written
  assert.equal((await request(svc.port, '/puppet/status')).status, 200);
}

describe('bundle: access_log', function () {
  describe('default', function () {
    const ctx = useService({ config: { access_log: 'default' } });

    it('logs triggers, runs and status requests and every error, not /healthz, /version or /info', async function () {
      await makeRequests(ctx.svc);
      await waitFor('the status request in the log', () => accessLines(ctx.svc).some((l) => l.includes('GET /puppet/status 200')));
      const lines = accessLines(ctx.svc).join('\n');
      assert.match(lines, /GET \/nope 404/);
      assert.match(lines, /GET \/puppet\/runs 200/);
      assert.match(lines, /POST \/puppet\/twitch 400/);
      assert.doesNotMatch(lines, /\/healthz|\/version|\/info/);
    });
  });

  describe('all', function () {
    const ctx = useService({ config: { access_log: 'all' } });

    it('logs every answer', async function () {
      await makeRequests(ctx.svc);
      await waitFor('the status request in the log', () => accessLines(ctx.svc).some((l) => l.includes('GET /puppet/status 200')));
      const lines = accessLines(ctx.svc).join('\n');
      for (const p of [/GET \/healthz 200/, /GET \/version 200/, /GET \/info 200/, /GET \/nope 404/, /POST \/puppet\/twitch 400/]) assert.match(lines, p);
    });
  });

  describe('none', function () {
    const ctx = useService({ config: { access_log: 'none' } });

    it('logs no request, and still logs what the service does', async function () {
      await makeRequests(ctx.svc);
      assert.equal((await trigger(ctx.svc, '', { method: 'POST' })).status, 202);
      await waitFor('the run to be logged', () => ctx.svc.logLines().some((l) => /puppet run \S+ finished/.test(l)));
      assert.deepEqual(accessLines(ctx.svc), []);
    });
  });

  it('an unknown mode stops the start with exit 2 naming access_log', async function () {
    const sb = new Sandbox();
    try {
      sb.writeConfig({ access_log: 'some' });
      const res = await runCli(['serve', '--config', sb.configPath]);
      assert.equal(res.code, 2);
      assert.match(res.stderr, /access_log.*"all", "default", "none"/);
    } finally {
      sb.cleanup();
    }
  });
});
