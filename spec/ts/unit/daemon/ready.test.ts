import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseReady, readReady, writeReady } from '../../../../ts/daemon/ready';

describe('daemon/ready', () => {
  it('round-trips what the service says once it listens', () => {
    const dir = mkdtempSync(join(tmpdir(), 'twitch-ready-'));
    try {
      const file = join(dir, 'puppet-twitch.ready');
      assert.equal(readReady(file), undefined);
      const ready = { pid: 42, address: '::1', port: 2023, tls: true };
      writeReady(file, ready);
      assert.deepEqual(readReady(file), ready);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('is not fooled by anything else', () => {
    for (const text of ['', '{', 'listening on http://127.0.0.1:2023', '{"pid":1,"address":"x","port":"2023","tls":false}', '{"pid":1,"port":1,"tls":false}']) {
      assert.equal(parseReady(text), undefined, text);
    }
  });
});
