// Windows: paths under ProgramData and Program Files, Puppet's AIO layout, PATH with PATHEXT, no uids, no
// process groups, no POSIX signals. The privilege boundary is a named pipe to a helper service running as
// SYSTEM instead of sudo (README, "The service and its privilege boundary on Windows").
import { spawnSync } from 'node:child_process';
import { nodeOs } from '../lazy';
import { closeSync, constants, fstatSync, lstatSync, openSync, statSync } from 'node:fs';
import { win32 } from 'node:path';
import type { Platform, PlatformPaths, ProcessStats } from './platform';
import { killProcessTree } from './windows-processes';

export const HELPER_PIPE = '\\\\.\\pipe\\puppet-twitch-helper';
const PATHEXT = '.COM;.EXE;.BAT;.CMD';

/** The default paths, from the environment's ProgramData and ProgramFiles (Windows' own defaults otherwise). */
export function windowsPaths(env: NodeJS.ProcessEnv = process.env): PlatformPaths {
  const data = env.ProgramData || 'C:\\ProgramData';
  const programs = env.ProgramFiles || 'C:\\Program Files';
  const ours = win32.join(data, 'PuppetTwitch');
  const puppetData = win32.join(data, 'PuppetLabs', 'puppet');
  const aioPrefix = win32.join(programs, 'Puppet Labs', 'Puppet') + '\\';
  const aio = {
    statedir: win32.join(puppetData, 'cache', 'state'),
    lastrunfile: win32.join(puppetData, 'public', 'last_run_summary.yaml'),
    conf: win32.join(puppetData, 'etc', 'puppet.conf'),
  };
  return {
    configFile: win32.join(ours, 'config.json'),
    stateDir: win32.join(ours, 'state'),
    runDir: undefined,
    setsid: '',
    helperPipe: HELPER_PIPE,
    workDir: win32.parse(ours).root,
    aioPuppet: win32.join(aioPrefix, 'bin', 'puppet.bat'),
    aioPrefix,
    // Puppet for Windows comes only as the AIO package: there is no other packaging to tell apart
    puppet: { aio, distro: aio },
  };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The AIO puppet.bat, else `puppet` with each PATHEXT ending in each PATH directory, as cmd.exe looks. */
export function findPuppetOn(paths: PlatformPaths, env: NodeJS.ProcessEnv, exists: (file: string) => boolean = isFile): string | undefined {
  const dirs = (env.Path ?? env.PATH ?? '').split(';').filter((d) => win32.isAbsolute(d));
  const exts = (env.PATHEXT || PATHEXT).split(';').filter((e) => e.startsWith('.'));
  const candidates = [paths.aioPuppet, ...dirs.flatMap((d) => exts.map((ext) => win32.join(d, `puppet${ext.toLowerCase()}`)))];
  return candidates.find(exists);
}

/** Alive unless Windows says there is no such process (one we may not open counts too). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Elevated: `net session` needs an administrator's token and exits 0 only with one (2 otherwise). Under Wine
 * every process counts as an administrator's.
 */
function netSessionElevated(): boolean {
  const result = spawnSync('net', ['session'], { stdio: 'ignore', timeout: 10_000, windowsHide: true });
  return result.error === undefined && result.status === 0;
}

function linkError(file: string, why: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`${file} ${why}`);
  err.code = 'ELOOP';
  return err;
}

/**
 * There is no O_NOFOLLOW: a link is refused by lstat, and the file opened is then checked to be the one lstat
 * saw (same volume and file index), so a link put in its place between the two is refused too.
 */
export function openRefusingLinks(file: string, followSymlinks: boolean): number {
  if (followSymlinks) return openSync(file, constants.O_RDONLY);
  const seen = lstatSync(file, { bigint: true });
  if (seen.isSymbolicLink()) throw linkError(file, 'is a symbolic link');
  const fd = openSync(file, constants.O_RDONLY);
  const opened = fstatSync(fd, { bigint: true });
  if (opened.dev !== seen.dev || opened.ino !== seen.ino) {
    closeSync(fd);
    throw linkError(file, 'was replaced while it was opened');
  }
  return fd;
}

export interface WindowsOptions {
  env?: NodeJS.ProcessEnv;
  /** whether this process is elevated; asked once (tests and Wine give their own answer) */
  elevated?: () => boolean;
}

export function windowsPlatform(options: WindowsOptions = {}): Platform {
  const env = options.env ?? process.env;
  const paths = windowsPaths(env);
  const askElevated = options.elevated ?? netSessionElevated;
  let elevated: boolean | undefined;
  return {
    name: 'windows',
    paths,
    isRoot: () => (elevated ??= askElevated()),
    // no resource limits pass from the caller to the helper service: it is started by the service manager
    setRootLimits: () => undefined,
    hostname: () => nodeOs().hostname(),
    runBySudo: () => false,
    userId: () => undefined,
    findPuppet: () => findPuppetOn(paths, env),
    puppetLogdest: 'eventlog',
    isAlive,
    // Windows gives another process's command line only through WMI, and Wine leaves it blank there: unknown.
    commandLine: () => undefined,
    startTime: () => Math.round(Date.now() / 1000 - process.uptime()),
    // no /proc: the virtual size and handle counts are not known to Node; metrics leave them out
    processStats: (): ProcessStats => ({ virtualMemoryBytes: undefined, openFds: undefined, maxFds: undefined }),
    openFileLimit: () => undefined,
    // The pipe is the boundary (puppet/launch.ts): this is the helper run directly, by an elevated service.
    helperCommand: ({ node, bundle, config }) => ({ file: node, args: [bundle, 'helper', ...(config !== undefined ? ['--config', config] : [])] }),
    // a detached child gets a console of its own and loses its pipes' inheritance under some hosts: keep it attached
    ownGroup: { detached: false },
    // A console program has no polite stop Windows can send: the tree ends at once, whatever the grace.
    killTree: (pid) => killProcessTree(pid),
    terminate: (pid) => {
      try {
        process.kill(pid, 'SIGTERM'); // TerminateProcess: there is no gentler request from outside
      } catch {
        // gone already
      }
    },
    forceKill: (pid) => killProcessTree(pid),
    signals: {
      // no SIGHUP: restart the service to re-read its TLS files and reopen its log
      reload: [],
      // Ctrl+C and Ctrl+Break, which service managers (nssm) send to stop a console program
      stop: ['SIGINT', 'SIGBREAK'],
      helperIgnores: ['SIGINT', 'SIGBREAK', 'SIGHUP'],
      terminateName: 'TerminateProcess',
    },
    forceKillHint: (pid) => `taskkill /PID ${pid} /T /F`,
    trustedOpenFlags: () => constants.O_RDONLY,
    openTrusted: openRefusingLinks,
  };
}
