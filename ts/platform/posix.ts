// Linux and other POSIX systems: /proc where there is one, uids, sudo and setsid, process groups and signals.
import { constants, openSync, readdirSync, readFileSync, accessSync, statSync } from 'node:fs';
import { nodeOs } from '../lazy';
import { delimiter, isAbsolute, join } from 'node:path';
import { setRootLimits } from './posix-limits';
import type { Platform, PlatformPaths, ProcessStats } from './platform';

export const POSIX_PATHS: PlatformPaths = {
  configFile: '/etc/puppet-twitch/config.json',
  stateDir: '/var/lib/puppet-twitch',
  runDir: undefined,
  setsid: '/usr/bin/setsid',
  helperPipe: undefined,
  workDir: '/',
  aioPuppet: '/opt/puppetlabs/bin/puppet',
  aioPrefix: '/opt/puppetlabs/',
  puppet: {
    aio: {
      statedir: '/opt/puppetlabs/puppet/cache/state',
      lastrunfile: '/opt/puppetlabs/puppet/public/last_run_summary.yaml',
      conf: '/etc/puppetlabs/puppet/puppet.conf',
    },
    distro: {
      statedir: '/var/cache/puppet/state',
      lastrunfile: '/var/cache/puppet/public/last_run_summary.yaml',
      conf: '/etc/puppet/puppet.conf',
    },
  },
};

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A live process (one we may not signal counts too); a zombie, which still answers kill(0), does not. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc to ask: kill(0) said alive
  }
}

/** /proc/PID/cmdline is NUL-separated, with a NUL after the last argument. */
function commandLine(pid: number): string[] | undefined {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (args[args.length - 1] === '') args.pop();
    return args;
  } catch {
    return undefined; // gone, or not ours to read
  }
}

function virtualMemory(): number | undefined {
  try {
    const kb = /^VmSize:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

function openFds(): number | undefined {
  try {
    return readdirSync('/proc/self/fd').length - 1; // less the one reading the directory
  } catch {
    return undefined;
  }
}

/** Linux's /proc/self/limits; elsewhere unknown, and the configured cap stands. */
function openFileLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft !== undefined && /^\d+$/.test(soft) ? Number(soft) : undefined;
  } catch {
    return undefined;
  }
}

function signal(target: number, name: NodeJS.Signals): void {
  try {
    process.kill(target, name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

// O_NONBLOCK makes a FIFO open at once (and fail the type check) instead of waiting for a writer.
function trustedOpenFlags(followSymlinks: boolean): number {
  return constants.O_RDONLY | constants.O_NONBLOCK | (followSymlinks ? 0 : constants.O_NOFOLLOW);
}

export function posixPlatform(): Platform {
  return {
    name: 'posix',
    paths: POSIX_PATHS,
    isRoot: () => process.getuid?.() === 0,
    setRootLimits,
    hostname: () => nodeOs().hostname(),
    runBySudo: () => process.getuid?.() === 0 && process.env.SUDO_UID !== undefined,
    userId: () => process.getuid?.(),
    findPuppet() {
      const dirs = (process.env.PATH ?? '').split(delimiter).filter((d) => isAbsolute(d));
      return [POSIX_PATHS.aioPuppet, ...dirs.map((d) => join(d, 'puppet'))].find(isExecutable);
    },
    puppetLogdest: 'syslog',
    isAlive,
    commandLine,
    startTime: () => Math.round(Date.now() / 1000 - process.uptime()),
    processStats: (): ProcessStats => ({ virtualMemoryBytes: virtualMemory(), openFds: openFds(), maxFds: openFileLimit() }),
    openFileLimit,
    // Through sudo, `setsid --fork` is sudo's child and the helper its grandchild in a session of its own: sudo
    // relays the invoking user's signals to its child only, and setsid has exited before any could matter.
    helperCommand({ sudo, setsid, node, bundle, config }) {
      const helper = [node, bundle, 'helper', ...(config !== undefined ? ['--config', config] : [])];
      return sudo ? { file: 'sudo', args: ['-n', setsid, '--fork', ...helper] } : { file: helper[0], args: helper.slice(1) };
    },
    // a process group (and session) of its own, led by the child
    ownGroup: { detached: true },
    killTree(pid, graceMs) {
      const group = (name: NodeJS.Signals) => {
        try {
          process.kill(-pid, name);
        } catch {
          // the group is gone already
        }
      };
      group('SIGTERM');
      setTimeout(() => group('SIGKILL'), graceMs).unref();
    },
    terminate: (pid) => signal(pid, 'SIGTERM'),
    forceKill: (pid) => signal(pid, 'SIGKILL'),
    signals: {
      reload: ['SIGHUP'],
      stop: ['SIGTERM', 'SIGINT'],
      helperIgnores: ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGUSR1', 'SIGUSR2', 'SIGPIPE', 'SIGQUIT', 'SIGALRM'],
      terminateName: 'SIGTERM',
    },
    forceKillHint: (pid) => `kill -KILL ${pid}`,
    trustedOpenFlags,
    openTrusted: (file, followSymlinks) => openSync(file, trustedOpenFlags(followSymlinks)),
  };
}
