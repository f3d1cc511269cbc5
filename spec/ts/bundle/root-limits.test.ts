// The caller's resource limits do not reach root's puppet: as the service user, `ulimit` before the sudo call
// (CPU time 1 s, files of 2 KiB, 64 open files, 64 processes, 1.5 GB of address space), and the stand-in puppet,
// as root, still sees root's fixed limits, writes 10 MB, burns 3 s of CPU and completes. The sudoers rule is the
// module's own (templates/sudoers.epp), so its secure_path is checked here too. Needs root.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTasks, limitsAmiss, rootLimits } from '../../../ts/platform/posix-limits';
import { callHelper } from '../support/helper-call';
import { createSudoSandbox, type SudoSandbox } from '../support/sudo';

const TEN_MB = 10 * 1024 * 1024;
const ATTACK = '-f 2 -t 1 -n 64 -u 64 -v 1500000';
const SECURE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Whether this process may raise a hard limit (CAP_SYS_RESOURCE, bit 24 of CapEff): some containers drop it. */
function canRaiseHardLimits(): boolean {
  const capEff = /^CapEff:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0';
  return (BigInt(`0x${capEff}`) & (1n << 24n)) !== 0n;
}

describe('bundle: root\'s puppet runs with root\'s resource limits, not the caller\'s (real sudo)', function () {
  this.timeout(120000);

  let sb: SudoSandbox;
  let out = '';

  before(function () {
    sb = createSudoSandbox((root) => {
      out = join(root, 'out');
      mkdirSync(out, { mode: 0o755 });
      const state = join(root, 'state');
      mkdirSync(state, { mode: 0o700 });
      const standin = join(root, 'standin-puppet');
      // a root-owned scripted stand-in for puppet: what a long root run does, and what it sees
      writeFileSync(
        standin,
        `#!/bin/bash
# scripted stand-in for puppet: reports its limits, writes 10 MB, burns 3 s of CPU, exits 0
out='${out}'
cat /proc/$$/limits > "$out/limits.txt"
printf '%s' "$PATH" > "$out/path.txt"
id -u > "$out/uid.txt"
head -c ${TEN_MB} /dev/zero > "$out/big.bin"
ticks=$(getconf CLK_TCK)
while :; do
  for ((i = 0; i < 20000; i++)); do :; done
  read -r -a stat < /proc/$$/stat
  (( stat[13] + stat[14] >= 3 * ticks )) && break
done
echo done > "$out/done.txt"
exit 0
`,
        { mode: 0o755 },
      );
      return { puppet: { bin: standin, mode: 'agent', statedir: state } };
    });
  });
  after(async function () {
    await sb?.cleanup();
  });
  beforeEach(function () {
    for (const f of ['limits.txt', 'path.txt', 'uid.txt', 'big.bin', 'done.txt']) rmSync(join(out, f), { force: true });
  });

  function assertCompletedWithRootLimits(res: Awaited<ReturnType<typeof callHelper>>): void {
    assert.deepEqual(res.reports.map((r) => r.event), ['started', 'exit'], res.stdout + res.stderr);
    assert.equal(res.reports[1].code, 0, JSON.stringify(res.reports[1]));
    assert.equal(res.reports[1].signal, null);
    assert.equal(readFileSync(join(out, 'uid.txt'), 'utf8').trim(), '0');
    const limits = rootLimits(defaultTasks(readFileSync('/proc/sys/kernel/threads-max', 'utf8')));
    assert.deepEqual(limitsAmiss(limits, readFileSync(join(out, 'limits.txt'), 'utf8')), [], 'the stand-in saw root\'s limits');
    assert.equal(statSync(join(out, 'big.bin')).size, TEN_MB, 'root wrote the whole 10 MB');
    assert.ok(existsSync(join(out, 'done.txt')), 'the stand-in burned 3 s of CPU and completed');
    assert.equal(readFileSync(join(out, 'path.txt'), 'utf8'), SECURE_PATH, 'PATH is the sudoers rule\'s secure_path');
  }

  it('without a ulimit, the stand-in completes with root\'s limits and the rule\'s secure_path', async function () {
    assertCompletedWithRootLimits(await callHelper(sb));
  });

  it(`after \`ulimit -S ${ATTACK}\` (soft limits) the run still completes with root's limits`, async function () {
    assertCompletedWithRootLimits(await callHelper(sb, { prelude: `ulimit -S ${ATTACK}` }));
  });

  it(`after \`ulimit ${ATTACK}\` (soft and hard): root's limits where root may raise a hard limit, else nothing runs`, async function () {
    const res = await callHelper(sb, { prelude: `ulimit ${ATTACK}` });
    if (canRaiseHardLimits()) {
      assertCompletedWithRootLimits(res);
      return;
    }
    // Without CAP_SYS_RESOURCE (this container) no one can raise the caller's hard limits: refuse, say which.
    assert.deepEqual(res.reports.map((r) => r.event), ['error'], res.stdout + res.stderr);
    assert.match(String(res.reports[0].message), /Cannot give puppet root's resource limits/);
    assert.match(String(res.reports[0].message), /cpu is 1:1, not unlimited:unlimited/);
    assert.match(String(res.reports[0].message), /fsize is 2048:2048, not unlimited:unlimited/);
    assert.equal(existsSync(join(out, 'limits.txt')), false, 'the stand-in did not start');
  });
});
