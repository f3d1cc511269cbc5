import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOutput } from '../../../../ts/fleet/output-file';

describe('fleet/output-file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'fleet-output-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends a streamed format line by line from the start, replacing an older file, mode 0644', () => {
    const file = join(dir, 'out.jsonl');
    writeFileSync(file, 'an older rollout\n');
    const out = openOutput(file, true);
    assert.equal(readFileSync(file, 'utf8'), '', 'emptied before the first node starts');
    out.append('{"event":"node"}\n');
    assert.equal(readFileSync(file, 'utf8'), '{"event":"node"}\n', 'there as soon as the node ended');
    assert.equal(out.finish('{"event":"end"}\n'), null);
    assert.equal(readFileSync(file, 'utf8'), '{"event":"node"}\n{"event":"end"}\n');
    // Windows has no POSIX modes: a file anyone may write reads as 0666 there
    assert.equal(statSync(file).mode & 0o777, process.platform === 'win32' ? 0o666 : 0o644);
  });
  it('replaces the file at the end in one step for the other formats, leaving no temporary file', () => {
    const file = join(dir, 'out.xml');
    writeFileSync(file, 'old');
    const out = openOutput(file, false);
    assert.equal(readFileSync(file, 'utf8'), 'old');
    assert.equal(out.finish('<testsuites/>\n'), null);
    assert.equal(readFileSync(file, 'utf8'), '<testsuites/>\n');
    assert.deepEqual(readdirSync(dir), ['out.xml']);
  });
  it('refuses, before anything starts, a file it cannot write, naming the option', () => {
    for (const streamed of [true, false]) {
      assert.throws(() => openOutput(join(dir, 'missing', 'out'), streamed), (err: Error & { code?: string }) => {
        assert.equal(err.code, 'USAGE');
        assert.match(err.message, /^fleet: cannot write --output .*missing[\\/]out: ENOENT\. Give a file in a directory this user may write\.$/);
        return true;
      });
    }
  });
  it('says so when the file cannot be replaced at the end', () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    const out = openOutput(join(sub, 'out.json'), false);
    rmSync(sub, { recursive: true });
    assert.match(String(out.finish('{}')), /^cannot write --output .*sub[\\/]out\.json: ENOENT$/);
  });
});
