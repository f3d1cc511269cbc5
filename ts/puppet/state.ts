// Puppet's lock and disabled files. Read as root by the helper: the service user may not see the state dir.
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { PuppetConfig } from '../config';
import { readRegularFile } from '../trusted';

/** Puppet's agent_catalog_run_lockfile and agent_disabled_lockfile: both in its statedir. */
export function lockFiles(puppet: Pick<PuppetConfig, 'statedir'>): { lockfile: string; disabled: string } {
  return { lockfile: join(puppet.statedir, 'agent_catalog_run.lock'), disabled: join(puppet.statedir, 'agent_disabled.lock') };
}

// Root reads these: a symbolic link or a FIFO planted in their place is an error, never followed or waited on.
function read(file: string): string | undefined {
  return readRegularFile(file, { followSymlinks: false });
}

/** The PID of the run holding the catalog lock, or undefined when there is no lock or it is stale. */
export function runningPid(lockfile: string, alive: (pid: number) => boolean): number | undefined {
  const pid = parseLockPid(read(lockfile));
  return pid !== undefined && alive(pid) ? pid : undefined;
}

export function parseLockPid(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return undefined;
  const pid = Number(text.trim());
  return pid > 0 ? pid : undefined;
}

/** undefined when the agent is enabled; otherwise the message given to `puppet agent --disable` (or null). */
export function disabledMessage(disabledLockfile: string): string | null | undefined {
  const text = read(disabledLockfile);
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

/** When the agent was disabled: the disabled lock's mtime in epoch seconds (lstat: a link is not followed). */
export function disabledSince(disabledLockfile: string): number | null {
  return mtimeSeconds(disabledLockfile);
}

/** When the catalog run holding the lock began: the lock's mtime in epoch seconds (Puppet writes it at the start). */
export function lockedSince(lockfile: string): number | null {
  return mtimeSeconds(lockfile);
}

function mtimeSeconds(file: string): number | null {
  try {
    const st = lstatSync(file);
    return st.isFile() ? Math.round(st.mtimeMs) / 1000 : null;
  } catch {
    return null;
  }
}
