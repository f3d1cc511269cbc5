// A disable over the API on an operator's bad day, against the real bundle with the stand-in puppet: state_dir
// full or read-only, so the disable's end cannot be kept. Fail closed: nothing is disabled, and the answer says
// why and what to do; once state_dir takes writes again, the disable is made.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS } from '../../../ts/api';
import { fill, mountTmpfs, requireRoot, setReadOnly, unfill } from '../support/faults';
import { postForm, startService, type Service } from '../support/service';
import { Sandbox } from '../support/standin';

describe('faults: a disable whose end cannot be kept is not made (stand-in puppet)', function () {
  this.timeout(30_000);
  let sb: Sandbox | undefined;
  let svc: Service | undefined;
  let unmount = () => undefined as void;
  before(async function () {
    requireRoot(this);
    sb = new Sandbox();
    unmount = mountTmpfs(sb.recordsDir, 256 * 1024);
    // the audit log elsewhere: a file the service holds open in state_dir would keep it from being remounted read-only
    sb.writeConfig({ audit_log: join(sb.dir, 'audit.log') });
    svc = await startService({ config: sb.configPath });
  });
  after(() => {
    svc?.kill();
    if (sb !== undefined) {
      try {
        setReadOnly(sb.recordsDir, false);
      } catch {
        // not read-only, or not mounted
      }
    }
    unmount();
    sb?.cleanup();
  });

  it('answers 503 CANNOT_RECORD on a full state_dir, and leaves the agent enabled', async function () {
    const filler = fill((sb as Sandbox).recordsDir);
    try {
      const res = await postForm((svc as Service).port, PATHS.disable, 'message=full+disk&ttl=60');
      assert.equal(res.status, 503, res.body);
      assert.match(res.body, /^Cannot record the disable: .*ENOSPC.*Nothing was changed: free space in state_dir, then try again\.$/);
      assert.match(String(res.headers['retry-after']), /^\d+$/);
      assert.equal(existsSync((sb as Sandbox).disabledLockfile), false);
    } finally {
      unfill(filler);
    }
  });

  it('answers 503 on a read-only state_dir, and disables once it is writable again', async function () {
    const s = sb as Sandbox;
    setReadOnly(s.recordsDir, true);
    try {
      const res = await postForm((svc as Service).port, PATHS.disable, 'message=read+only&ttl=60');
      assert.equal(res.status, 503, res.body);
      assert.match(res.body, /EROFS.*make state_dir writable for the service user/);
      assert.equal(existsSync(s.disabledLockfile), false);
    } finally {
      setReadOnly(s.recordsDir, false);
    }
    const res = await postForm((svc as Service).port, PATHS.disable, 'message=writable+again&ttl=60');
    assert.equal(res.status, 200, res.body);
    assert.match(readFileSync(s.disabledLockfile, 'utf8'), /writable again \(puppet-twitch: anonymous, until /);
  });
});
