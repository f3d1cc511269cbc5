// A real sudo boundary for tests that need root: a throwaway system user, a root-owned install of the bundle in
// a directory tree only root can write (as the helper demands), and the module's own sudoers rule, rendered from
// templates/sudoers.epp with `puppet epp render` and checked with visudo. Everything is removed by cleanup().
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundlePath, repoRoot, runCli, sleep, type CliResult } from './service';

export const SETSID = '/usr/bin/setsid';

export function run(cmd: string, args: string[]): string {
  const res = spawnSync(cmd, args, { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}): ${res.stderr}${res.stdout}`);
  return res.stdout;
}

/** PIDs of the processes whose real uid is `uid` (from /proc). */
export function pidsOfUid(uid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return new RegExp(`^Uid:\\s+${uid}\\s`, 'm').test(readFileSync(`/proc/${name}/status`, 'utf8'));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The sudoers file the module writes for these values (templates/sudoers.epp, rendered by Puppet itself). */
export function renderSudoers(values: { user: string; node: string; bundle: string; config: string }): string {
  const hash = `{ user => '${values.user}', setsid_binary => '${SETSID}', node_binary => '${values.node}', bundle => '${values.bundle}', config => '${values.config}' }`;
  // The template's parameter types are the module's own (Twitch::Path ...): a modulepath that holds this checkout.
  const modulepath = mkdtempSync(join(tmpdir(), 'twitch-modules-'));
  try {
    symlinkSync(repoRoot, join(modulepath, 'twitch'));
    return run('puppet', ['epp', 'render', '--modulepath', `${modulepath}:/usr/share/puppet/modules`, join(repoRoot, 'templates', 'sudoers.epp'), '--values', hash]);
  } finally {
    rmSync(modulepath, { recursive: true, force: true });
  }
}

export interface SudoSandbox {
  user: string;
  uid: number;
  gid: number;
  /** root-owned, 0755, below /var/lib: no directory above it is writable by anyone but root */
  root: string;
  /** the bundle's root-owned copy */
  bundle: string;
  /** root:<user's group>, 0640 */
  config: string;
  node: string;
  /** the command the sudoers rule allows (after `sudo -n`) */
  helperArgv: string[];
  writeConfig(config: object): void;
  /** `sudo -n ARGS` as the user, with `input` on stdin */
  sudo(args: string[], input?: string | Buffer, timeoutMs?: number): Promise<CliResult>;
  cleanup(): Promise<void>;
}

export function createSudoSandbox(config: (root: string) => object): SudoSandbox {
  if (process.getuid?.() !== 0) throw new Error('the sudo tests need root');
  const user = `twtest${randomBytes(3).toString('hex')}`;
  const node = process.execPath;
  run('useradd', ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', '--user-group', user]);
  const uid = Number(run('id', ['-u', user]).trim());
  const gid = Number(run('id', ['-g', user]).trim());
  const root = mkdtempSync('/var/lib/twitch-test-');
  chmodSync(root, 0o755);
  const bundle = join(root, 'puppet-twitch.js');
  copyFileSync(bundlePath, bundle);
  chmodSync(bundle, 0o644);
  mkdirSync(join(root, 'etc'), { mode: 0o755 });
  const configPath = join(root, 'etc', 'config.json');
  const sudoersFile = join('/etc/sudoers.d', user);
  let removed = false;

  const sandbox: SudoSandbox = {
    user,
    uid,
    gid,
    root,
    bundle,
    config: configPath,
    node,
    helperArgv: [SETSID, '--fork', node, bundle, 'helper', '--config', configPath],
    writeConfig(value) {
      writeFileSync(configPath, JSON.stringify(value, null, 2), { mode: 0o640 });
      chownSync(configPath, 0, gid);
      chmodSync(configPath, 0o640);
    },
    sudo(args, input, timeoutMs = 60000) {
      return runCli(['-u', user, '--', 'sudo', '-n', ...args], { command: ['runuser'], timeoutMs, cwd: '/', input });
    },
    async cleanup() {
      if (removed) return;
      removed = true;
      rmSync(sudoersFile, { force: true });
      // userdel refuses while a process of the user is left; end those (by the user's uid) first
      for (let i = 0; i < 10 && spawnSync('userdel', [user]).status !== 0; i++) {
        for (const pid of pidsOfUid(uid)) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // gone already
          }
        }
        await sleep(100);
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    sandbox.writeConfig(config(root));
    const sudoers = renderSudoers({ user, node, bundle, config: configPath });
    const candidate = join(root, 'sudoers.candidate');
    writeFileSync(candidate, sudoers, { mode: 0o440 });
    run('visudo', ['-cf', candidate]);
    writeFileSync(sudoersFile, sudoers, { mode: 0o440 });
    chmodSync(sudoersFile, 0o440);
    run('visudo', ['-c']);
  } catch (err) {
    void sandbox.cleanup();
    throw err;
  }
  return sandbox;
}
