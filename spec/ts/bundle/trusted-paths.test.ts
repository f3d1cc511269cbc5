// Trusted paths are checked as they are used, over the real sudo boundary: the root helper reads the request
// first, then resolves puppet.bin and puppet.manifest hop by hop (every directory and link root's alone), and
// runs what it checked. The attack: puppet.bin a symbolic link in a directory the service user owns, swapped
// to the user's own script while the helper waits for the request. Needs root.
import { strict as assert } from 'node:assert';
import { chownSync, existsSync, lchownSync, mkdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { callHelper, RUN_REQUEST } from '../support/helper-call';
import { createSudoSandbox, run, type SudoSandbox } from '../support/sudo';

describe('bundle: the root helper checks trusted paths as it uses them (real sudo)', function () {
  this.timeout(120000);

  let sb: SudoSandbox;
  let out = '';
  let state = '';
  let standin = '';
  let config: Record<string, unknown> = {};

  before(function () {
    sb = createSudoSandbox((root) => {
      out = join(root, 'out');
      mkdirSync(out, { mode: 0o755 });
      state = join(root, 'state');
      mkdirSync(state, { mode: 0o700 });
      standin = join(root, 'real', 'bin', 'puppet-standin');
      mkdirSync(join(root, 'real', 'bin'), { recursive: true, mode: 0o755 });
      // a root-owned scripted stand-in for puppet: records how it was run ($0 and its arguments)
      writeFileSync(standin, `#!/bin/sh\n# scripted stand-in for puppet\nprintf '%s\\n' "$0" "$@" > '${out}/standin-ran.txt'\n`, { mode: 0o755 });
      config = { puppet: { bin: standin, mode: 'agent', statedir: state } };
      return config;
    });
  });
  after(async function () {
    await sb?.cleanup();
  });
  beforeEach(function () {
    for (const f of ['standin-ran.txt', 'attacker-ran.txt']) rmSync(join(out, f), { force: true });
  });

  function usePuppet(puppet: Record<string, unknown>): void {
    sb.writeConfig({ ...config, puppet: { ...(config.puppet as object), ...puppet } });
  }

  /** A directory the service user owns (a misconfiguration the check is there to catch) with the user's own script. */
  function userDir(name: string): { dir: string; attacker: string } {
    const dir = join(sb.root, name);
    mkdirSync(dir, { mode: 0o755 });
    const attacker = join(dir, 'attacker');
    writeFileSync(attacker, `#!/bin/sh\n# the service user's script: root must never run it\nid -u > '${out}/attacker-ran.txt'\n`, { mode: 0o755 });
    chownSync(attacker, sb.uid, sb.gid);
    chownSync(dir, sb.uid, sb.gid);
    return { dir, attacker };
  }

  it('the swap: puppet.bin a link in the user\'s directory, swapped while the helper waits → refused, naming the directory', async function () {
    const { dir, attacker } = userDir('user-bin');
    const link = join(dir, 'puppet');
    symlinkSync(standin, link);
    lchownSync(link, sb.uid, sb.gid);
    usePuppet({ bin: link });
    const res = await callHelper(sb, {
      holdMs: 1500,
      // as the service user, while the helper waits for the request: the link now leads to the user's script
      whileHeld: () => void run('runuser', ['-u', sb.user, '--', 'ln', '-sfn', attacker, link]),
    });
    assert.equal(existsSync(join(out, 'attacker-ran.txt')), false, 'root did not run the user\'s script');
    assert.deepEqual(res.reports.map((r) => r.event), ['error'], res.stdout + res.stderr);
    assert.match(String(res.reports[0].message), new RegExp(`^The directory ${dir} must be owned by root and not writable by group or others \\(it is uid ${sb.uid}, mode 755\\)`));
    assert.equal(existsSync(join(out, 'standin-ran.txt')), false, 'nor the stand-in');
  });

  it('a link made by root while the helper waits for the request is checked as it is when used, not before', async function () {
    // a root-owned link in a root-only directory that, during the wait, is pointed at a script in the user's directory
    const { attacker } = userDir('user-bin2');
    const link = join(sb.root, 'real', 'bin', 'puppet');
    symlinkSync('puppet-standin', link);
    try {
      usePuppet({ bin: link });
      const res = await callHelper(sb, {
        holdMs: 1500,
        whileHeld: () => {
          unlinkSync(link);
          symlinkSync(attacker, link);
        },
      });
      assert.equal(existsSync(join(out, 'attacker-ran.txt')), false, 'root did not run the user\'s script');
      assert.deepEqual(res.reports.map((r) => r.event), ['error'], res.stdout + res.stderr);
      assert.match(String(res.reports[0].message), /The directory .*user-bin2 must be owned by root/);
    } finally {
      rmSync(link, { force: true });
    }
  });

  it('a chain of links through root-only directories works, and the helper runs the path it resolved', async function () {
    // <root>/links/bin → ../real/bin (a linked directory); real/bin/puppet → puppet-standin; the same for the manifest
    const links = join(sb.root, 'links');
    mkdirSync(links, { mode: 0o755 });
    symlinkSync('../real/bin', join(links, 'bin'));
    symlinkSync('puppet-standin', join(sb.root, 'real', 'bin', 'puppet'));
    const manifest = join(sb.root, 'real', 'site.pp');
    writeFileSync(manifest, 'notice("stand-in")\n', { mode: 0o644 });
    symlinkSync(manifest, join(links, 'site.pp'));
    try {
      usePuppet({ bin: join(links, 'bin', 'puppet'), mode: 'apply', manifest: join(links, 'site.pp'), environments: ['production'] });
      const res = await callHelper(sb, { request: RUN_REQUEST });
      assert.deepEqual(res.reports.map((r) => r.event), ['started', 'exit'], res.stdout + res.stderr);
      assert.equal(res.reports[1].code, 0);
      const ran = readFileSync(join(out, 'standin-ran.txt'), 'utf8').trim().split('\n');
      // every directory resolved (no <root>/links left), the program's own name kept (AIO's wrapper needs it)
      assert.equal(ran[0], join(sb.root, 'real', 'bin', 'puppet'));
      assert.equal(ran.at(-1), manifest, 'puppet apply gets the manifest as resolved');
    } finally {
      rmSync(links, { recursive: true, force: true });
      rmSync(join(sb.root, 'real', 'bin', 'puppet'), { force: true });
    }
  });
});
