// The run directory's files (PID, state, ready, log) and what a PID in them points at.
// The parsing and the is-this-our-process test are pure; the rest is one small read or write each.
import { closeSync, fchmodSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../files';
import type { Platform } from '../platform';

export interface RunFiles {
  dir: string;
  pid: string;
  state: string;
  /** written by the service once it listens (ready.ts) */
  ready: string;
  log: string;
}

export function runFiles(dir: string): RunFiles {
  return {
    dir,
    pid: join(dir, 'puppet-twitch.pid'),
    state: join(dir, 'puppet-twitch.json'),
    ready: join(dir, 'puppet-twitch.ready'),
    log: join(dir, 'puppet-twitch.log'),
  };
}

/** What `start` records next to the PID file once the service accepts connections. */
export interface DaemonState {
  pid: number;
  address: string;
  port: number;
  /** HTTPS (absent in the files of versions without TLS) */
  tls?: boolean;
  config: string | null;
  /** bind and port as given to start (after `--`), for a restart without options */
  bind_option: string | null;
  port_option: string | null;
  started_at: string;
}

/** A PID file's text → the PID, or undefined when it holds anything but one positive integer. */
export function parsePid(text: string): number | undefined {
  const match = /^\s*(\d{1,10})\s*$/.exec(text);
  if (!match) return undefined;
  const pid = Number(match[1]);
  return pid > 0 && pid <= 0x3fffffff ? pid : undefined;
}

/** A command line (NUL-separated) of this bundle's `serve`? `bundle` is the path of the running bundle. */
export function isServiceCmdline(cmdline: string, bundle: string): boolean {
  const args = cmdline.split('\0').filter((a) => a !== '');
  const at = args.findIndex((a) => a === bundle || basename(a) === basename(bundle));
  return at > 0 && args[at + 1] === 'serve';
}

export type PidFinding =
  | { kind: 'none' }
  | { kind: 'unreadable'; text: string }
  | { kind: 'dead'; pid: number }
  | { kind: 'other'; pid: number; cmdline: string }
  | { kind: 'ours'; pid: number };

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** What the daemon commands ask of the platform about a PID. */
export type ProcessProbe = Pick<Platform, 'isAlive' | 'commandLine'>;

/** Whether `pid` is a live process, and whether it is this service (a command line we cannot read is not). */
export function inspectPid(pid: number, bundle: string, probe: ProcessProbe): PidFinding {
  if (!probe.isAlive(pid)) return { kind: 'dead', pid };
  const cmdline = (probe.commandLine(pid) ?? []).join('\0');
  return isServiceCmdline(cmdline, bundle) ? { kind: 'ours', pid } : { kind: 'other', pid, cmdline: cmdline.split('\0').join(' ').trim() };
}

export function readPidFile(file: string, bundle: string, probe: ProcessProbe): PidFinding {
  const text = readText(file);
  if (text === undefined) return { kind: 'none' };
  const pid = parsePid(text);
  return pid === undefined ? { kind: 'unreadable', text } : inspectPid(pid, bundle, probe);
}

/** What a PID file that does not name this service holds, for a message. */
export function describeFinding(found: PidFinding, file: string): string {
  switch (found.kind) {
    case 'unreadable':
      return `the PID file ${file} does not hold a PID`;
    case 'dead':
      return `the PID file ${file} names pid ${found.pid}, which is not running`;
    case 'other':
      return `the PID file ${file} names pid ${found.pid}, which is not puppet-twitch (${found.cmdline || 'unknown command'})`;
    default:
      return '';
  }
}

/**
 * Creates the PID file exclusively (O_EXCL), mode 0644 whatever the umask, before there is a PID to put in it:
 * of two starts at once, one gets EEXIST. `fill` writes the PID and closes it.
 */
export function reservePidFile(file: string): { fill(pid: number): void } {
  const fd = openSync(file, 'wx', 0o644);
  fchmodSync(fd, 0o644);
  return {
    fill(pid) {
      try {
        writeSync(fd, `${pid}\n`);
      } finally {
        closeSync(fd);
      }
    },
  };
}

export function readState(file: string): DaemonState | undefined {
  try {
    const text = readText(file);
    return text === undefined ? undefined : (JSON.parse(text) as DaemonState);
  } catch {
    return undefined;
  }
}

export function writeState(file: string, state: DaemonState): void {
  writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`, 0o644);
}

export function removeRunFiles(files: RunFiles): void {
  rmSync(files.pid, { force: true });
  rmSync(files.state, { force: true });
  rmSync(files.ready, { force: true });
}
