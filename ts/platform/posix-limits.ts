// Root's resource limits. sudo hands the command the invoking user's limits, so without this the service user
// could cut a root puppet run short at a moment of its choosing (`ulimit -t`) or truncate what root writes
// (`ulimit -f`). Before it reads anything, the helper sets its own limits to these fixed values, and puppet
// inherits them. Node has no setrlimit; util-linux prlimit (on every supported OS) sets them on the helper's
// PID, and the helper then reads /proc/self/limits to see that they hold (README, "The sudo boundary").
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolveTrusted } from './trusted-path';

export const PRLIMIT = '/usr/bin/prlimit';

export type LimitValue = number | 'unlimited';

export interface RootLimit {
  /** prlimit's option (`--fsize`) */
  option: string;
  /** the row's name in /proc/<pid>/limits */
  row: string;
  soft: LimitValue;
  hard: LimitValue;
}

const U = 'unlimited';
const MIB = 1024 * 1024;

/**
 * Root's limits, in the units of setrlimit(2) and /proc (bytes, seconds, microseconds for rttime, counts): the
 * kernel's own defaults for a process of a freshly booted system, core dumps off, and no time, size or memory
 * bound (puppet.run_timeout bounds a run). Raising a hard limit needs CAP_SYS_RESOURCE, which some containers
 * do not give root; no value here is above what such a system gives its processes, so there only a caller who
 * lowered a hard limit makes the helper refuse to run. `tasks` is the kernel's default for processes and
 * pending signals: half of kernel.threads-max, a setting only root can change.
 */
export function rootLimits(tasks: number): RootLimit[] {
  return [
    { option: 'as', row: 'Max address space', soft: U, hard: U },
    // no core file of a root process: it may hold secrets (sudo's own default is the same)
    { option: 'core', row: 'Max core file size', soft: 0, hard: 0 },
    { option: 'cpu', row: 'Max cpu time', soft: U, hard: U },
    { option: 'data', row: 'Max data size', soft: U, hard: U },
    { option: 'fsize', row: 'Max file size', soft: U, hard: U },
    { option: 'locks', row: 'Max file locks', soft: U, hard: U },
    { option: 'memlock', row: 'Max locked memory', soft: 64 * 1024, hard: 64 * 1024 },
    { option: 'msgqueue', row: 'Max msgqueue size', soft: 819200, hard: 819200 },
    { option: 'nice', row: 'Max nice priority', soft: 0, hard: 0 },
    { option: 'nofile', row: 'Max open files', soft: 1024, hard: 4096 },
    { option: 'nproc', row: 'Max processes', soft: tasks, hard: tasks },
    { option: 'rss', row: 'Max resident set', soft: U, hard: U },
    { option: 'rtprio', row: 'Max realtime priority', soft: 0, hard: 0 },
    { option: 'rttime', row: 'Max realtime timeout', soft: U, hard: U },
    { option: 'sigpending', row: 'Max pending signals', soft: tasks, hard: tasks },
    { option: 'stack', row: 'Max stack size', soft: 8 * MIB, hard: U },
  ];
}

/** The kernel's default for processes and pending signals (kernel/fork.c: max_threads / 2). */
export function defaultTasks(threadsMax: string): number {
  const n = Number(threadsMax.trim());
  if (!Number.isInteger(n) || n < 2) throw new Error(`kernel.threads-max is not a count: ${JSON.stringify(threadsMax)}`);
  return Math.floor(n / 2);
}

/** prlimit's arguments that set each of `limits` on `pid`. */
export function prlimitArgs(pid: number, limits: readonly RootLimit[]): string[] {
  return ['--pid', String(pid), ...limits.map((l) => `--${l.option}=${l.soft}:${l.hard}`)];
}

/** The rows of /proc/<pid>/limits: name → soft and hard value as the kernel prints them. */
export function parseProcLimits(text: string): Map<string, { soft: string; hard: string }> {
  const rows = new Map<string, { soft: string; hard: string }>();
  for (const line of text.split('\n')) {
    const m = /^(Max [a-z ]+?)\s{2,}(\S+)\s+(\S+)/.exec(line);
    if (m) rows.set(m[1], { soft: m[2], hard: m[3] });
  }
  return rows;
}

/** Each of `limits` that `procLimits` (a /proc/<pid>/limits text) does not show, described. */
export function limitsAmiss(limits: readonly RootLimit[], procLimits: string): string[] {
  const rows = parseProcLimits(procLimits);
  return limits.flatMap((l) => {
    const seen = rows.get(l.row);
    const want = { soft: String(l.soft), hard: String(l.hard) };
    if (seen !== undefined && seen.soft === want.soft && seen.hard === want.hard) return [];
    return [`${l.option} is ${seen === undefined ? 'not shown' : `${seen.soft}:${seen.hard}`}, not ${want.soft}:${want.hard}`];
  });
}

/** Sets this process's limits to root's (as root), or throws saying which did not take: then nothing runs. */
export function setRootLimits(): void {
  const limits = rootLimits(defaultTasks(readFileSync('/proc/sys/kernel/threads-max', 'utf8')));
  // prlimit is run as root: it is checked like every other path root runs
  const prlimit = resolveTrusted(PRLIMIT, 'The prlimit binary').path;
  let failure = '';
  try {
    execFileSync(prlimit, prlimitArgs(process.pid, limits), { stdio: ['ignore', 'ignore', 'pipe'], env: {} });
  } catch (err) {
    failure = String((err as { stderr?: Buffer }).stderr ?? '').trim() || (err as Error).message;
  }
  const amiss = limitsAmiss(limits, readFileSync('/proc/self/limits', 'utf8'));
  if (failure === '' && amiss.length === 0) return;
  throw new Error(
    `Cannot give puppet root's resource limits (${failure || 'prlimit did not set them'}): ${amiss.join('; ')}. ` +
      'The caller lowered a hard limit, and raising one needs CAP_SYS_RESOURCE, which root lacks here',
  );
}
