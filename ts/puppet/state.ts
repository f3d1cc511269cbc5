// Puppet's lock and disabled files. Read as root by the helper: the service user cannot see the state dir.
import { readFileSync } from 'node:fs';

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The PID of the run holding the catalog lock, or undefined when there is no lock or it is stale. */
export function runningPid(lockfile: string, alive: (pid: number) => boolean = isAlive): number | undefined {
  const text = readIfExists(lockfile);
  const pid = parseLockPid(text);
  return pid !== undefined && alive(pid) ? pid : undefined;
}

export function parseLockPid(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return undefined;
  const pid = Number(text.trim());
  return pid > 0 ? pid : undefined;
}

/** undefined when the agent is enabled; otherwise the message given to `puppet agent --disable` (or null). */
export function disabledMessage(disabledLockfile: string): string | null | undefined {
  const text = readIfExists(disabledLockfile);
  return text === undefined ? undefined : parseDisabledMessage(text);
}

export function parseDisabledMessage(text: string): string | null {
  try {
    const parsed: unknown = JSON.parse(text);
    const message = (parsed as { disabled_message?: unknown } | null)?.disabled_message;
    return typeof message === 'string' && message.trim() !== '' ? message.replace(/[\0-\x1f]/g, ' ') : null;
  } catch {
    return null;
  }
}
