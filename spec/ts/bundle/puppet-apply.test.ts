// End to end with the real Debian `puppet apply` (/usr/bin/puppet): the service runs it and reports the result.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trigger, useService } from '../support/harness';
import { startService } from '../support/service';

describe('bundle: real puppet apply (/usr/bin/puppet)', function () {
  this.timeout(90000);
  const ctx = useService({ autoStart: false });

  it('POST ?async=false runs puppet apply, answers 200 "Puppet run complete" and the manifest\'s file exists', async function () {
    const target = join(ctx.sb.dir, 'made-by-puppet.txt');
    const manifest = ctx.sb.writeRawConfig(
      'site.pp',
      `file { '${target}':\n  ensure  => file,\n  content => "created by puppet apply\\n",\n}\n`,
    );
    ctx.sb.writeConfig({ puppet: { bin: '/usr/bin/puppet', mode: 'apply', manifest } });
    ctx.svc = await startService({ config: ctx.sb.configPath });
    assert.equal(existsSync(target), false);
    const res = await trigger(ctx.svc, '?async=false', { method: 'POST', timeoutMs: 80000 });
    assert.equal(res.status, 200, `${res.body}\n${ctx.sb.lastRunLog()}`);
    assert.equal(res.body, 'Puppet run complete');
    assert.equal(readFileSync(target, 'utf8'), 'created by puppet apply\n');
    assert.match(ctx.sb.lastRunLog(), /made-by-puppet\.txt/, 'puppet output in last-run.log');
  });
});
