// The service user attacks the root side with signals, for real: a throwaway unprivileged user holding the
// module's sudoers rule runs the helper through sudo (a scripted stand-in for puppet, root-owned, runs 4 s and
// exits 2) while spec/fixtures/signal-storm.js, as that user, sends every catchable signal to every process it
// may signal from the first moment of the sudo call, and attaches to any Node inspector that opens.
// Needs root (creates the user and a file in /etc/sudoers.d, both removed afterwards).
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, sleep } from '../support/service';
import { createSudoSandbox, type SudoSandbox } from '../support/sudo';

interface Proc {
  pid: number;
  comm: string;
  ppid: number;
  session: number;
  uid: number;
  cmdline: string[];
}

function processes(): Proc[] {
  const list: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1]);
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      list.push({ pid: Number(name), comm, ppid: Number(fields[1]), session: Number(fields[3]), uid, cmdline });
    } catch {
      // the process went away while we looked
    }
  }
  return list;
}

/** Listening TCP ports (any address), from /proc/net/tcp and tcp6. */
/** Listening TCP sockets: inode → port. */
function listeningSockets(): Map<number, number> {
  const sockets = new Map<number, number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[3] === '0A') sockets.set(Number(f[9]), parseInt(f[1].split(':')[1], 16));
    }
  }
  return sockets;
}

/** The socket inodes a process holds open ([] once it is gone). */
function socketInodes(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        return m === null ? [] : [Number(m[1])];
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

describe('bundle: signals from the service user never reach a root Node process (real sudo, real attack)', function () {
  this.timeout(60000);

  let sb: SudoSandbox;
  let outDir = '';
  let storm = '';
  const RUN_SECONDS = 4;
  const REQUEST = JSON.stringify({ action: 'run', id: '20261125T064812345Z-a1b2c3', options: { noop: true } });

  before(function () {
    sb = createSudoSandbox((root) => {
      const statedir = join(root, 'state');
      mkdirSync(statedir, { mode: 0o700 });
      outDir = join(root, 'out');
      mkdirSync(outDir, { mode: 0o755 });
      mkdirSync(join(root, 'bin'), { mode: 0o755 });
      const standin = join(root, 'bin', 'puppet');
      writeFileSync(
        standin,
        [
          '#!/bin/bash',
          `# scripted stand-in for puppet: a run of ${RUN_SECONDS} s that ends with exit code 2 (changes applied)`,
          `echo "start $$ $*" >> '${join(outDir, 'runs.log')}'`,
          'echo "Notice: stand-in run started"',
          `sleep ${RUN_SECONDS}`,
          `echo "end $$ 2" >> '${join(outDir, 'runs.log')}'`,
          'exit 2',
          '',
        ].join('\n'),
        { mode: 0o755 },
      );
      return { puppet: { bin: standin, mode: 'agent', statedir, lastrunfile: join(statedir, 'last_run_summary.yaml') } };
    });
    // the attacker's script, readable by the user wherever the checkout is
    storm = join(sb.root, 'signal-storm.js');
    copyFileSync(join(repoRoot, 'spec', 'fixtures', 'signal-storm.js'), storm);
  });

  after(async function () {
    await sb?.cleanup();
  });

  it('no inspector opens, nothing but the helper and puppet runs as root, no file appears, and the run finishes normally', async function () {
    const proof = join(sb.root, 'written-through-the-inspector');
    // Only sockets of the helper and what runs below it count: other tests may listen on this machine meanwhile.
    const socketsBefore = new Set(listeningSockets().keys());
    const websocket = process.allowedNodeEnvironmentFlags.has('--experimental-websocket') ? ['--experimental-websocket'] : [];
    const attacker = spawn(
      'runuser',
      ['-u', sb.user, '--', sb.node, ...websocket, storm, proof, REQUEST, '--', 'sudo', '-n', ...sb.helperArgv],
      { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    attacker.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    attacker.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const exited = new Promise<number | null>((resolve) => attacker.on('close', resolve));

    // Watch from outside while the storm lasts: new listening ports, the helper, and every process below it.
    let done = false;
    void exited.then(() => (done = true));
    const newPorts = new Set<number>();
    const helpers = new Map<number, Proc>();
    const descendants = new Map<number, Proc>();
    while (!done) {
      const all = processes();
      for (const p of all) {
        if (p.uid === 0 && p.cmdline[0] === sb.node && p.cmdline.includes(sb.bundle)) helpers.set(p.pid, p);
        // Seen between fork and exec, puppet still shows the helper's command line: it is no second helper.
        else if (helpers.has(p.pid) && helpers.has(p.ppid) && p.cmdline.length > 0) helpers.delete(p.pid);
      }
      // everything below a helper (puppet runs in a process group and session of its own)
      const below = new Set(helpers.keys());
      for (let grew = true; grew; ) {
        grew = false;
        for (const p of all) if (below.has(p.ppid) && !below.has(p.pid)) (below.add(p.pid), (grew = true));
      }
      for (const p of all) if (below.has(p.pid)) descendants.set(p.pid, p);
      const held = new Set([...below].flatMap(socketInodes));
      for (const [inode, port] of listeningSockets()) if (!socketsBefore.has(inode) && held.has(inode)) newPorts.add(port);
      await sleep(10);
    }
    const code = await exited;
    const context = `attacker exit ${code}\n--- output ---\n${out}--- stderr ---\n${err}`;

    const summaryLine = out.trim().split('\n').pop() ?? '';
    const { summary } = JSON.parse(summaryLine) as { summary: { hits: Record<string, number>; inspector_seen: boolean; exploited: boolean } };
    assert.ok((summary.hits.sudo ?? 0) > 0, `the storm reached sudo, which relays signals: ${context}`);

    // no debugger, ever
    assert.equal(existsSync(proof), false, `root wrote the attacker's file through an inspector: ${context}`);
    assert.equal(summary.exploited, false, context);
    assert.equal(summary.inspector_seen, false, `the attacker saw an inspector listening: ${context}`);
    assert.deepEqual([...newPorts], [], 'no root process of the helper opened a listening port during the attack');

    // exactly one helper, out of sudo's reach, and under it only puppet (the stand-in and its sleep)
    assert.equal(helpers.size, 1, `one root helper: ${JSON.stringify([...helpers.values()])}`);
    const [helper] = [...helpers.values()];
    assert.deepEqual(helper.cmdline, [sb.node, sb.bundle, 'helper', '--config', sb.config]);
    assert.equal(helper.session, helper.pid, 'the helper leads a session of its own (setsid)');
    const others = [...descendants.values()].filter((p) => p.pid !== helper.pid);
    assert.deepEqual([...new Set(others.map((p) => p.comm))].sort(), ['puppet', 'sleep'], `processes below the helper: ${JSON.stringify(others)}`);
    assert.ok(others.every((p) => p.uid === 0 && p.session !== helper.session), 'puppet runs as root in a session of its own');

    // the run finished with its own outcome, and left nothing but its output
    const runs = readFileSync(join(outDir, 'runs.log'), 'utf8').trim().split('\n');
    assert.equal(runs.length, 2, runs.join('\n'));
    assert.match(runs[0], /^start (\d+) agent --onetime --no-daemonize --detailed-exitcodes --no-usecacheonfailure --logdest=console --logdest=syslog --noop$/);
    assert.equal(runs[1], `end ${runs[0].split(' ')[1]} 2`);
    const reports = out.split('\n').filter((l) => l.startsWith('{"event"')).map((l) => JSON.parse(l));
    assert.deepEqual(reports.map((r) => r.event), ['started', 'exit'], context);
    assert.deepEqual(reports[1], { event: 'exit', code: 2, signal: null, timed_out: false, summary: null, report: null });
    assert.deepEqual(readdirSync(outDir), ['runs.log']);
    assert.deepEqual(readdirSync(sb.root).sort(), ['bin', 'etc', 'out', 'puppet-twitch.js', 'signal-storm.js', 'state', 'sudoers.candidate']);
  });
});
