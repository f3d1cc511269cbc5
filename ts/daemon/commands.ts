// start, stop, restart and status of a service run in the background: each returns the exit status.
// Messages go to stdout (what happened) or stderr (what went wrong and what to do).
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DaemonCommand, Invocation } from '../cli';
import { createClient, type Tls } from '../client/http';
import { loadConfig } from '../config';
import { twitchError } from '../errors';
import { EXIT, type ExitCode } from '../exit-codes';
import { PATHS, serviceUrl } from '../api';
import { localClientOptions } from '../tls/files';
import { describeFinding, inspectPid, readPidFile, readState, removeRunFiles, runFiles, type DaemonState } from './pidfile';
import { recall } from './remember';
import { err, out, sleep } from './say';
import { start, type DaemonPlatform, type Target } from './start';

export type { Target } from './start';

const STOP_TIMEOUT_MS = 10_000;
const STATUS_TIMEOUT_MS = 5_000;

function checkDir(dir: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw twitchError('USAGE', `Run directory ${dir} does not exist: create it (mkdir -p ${dir}) or give another with dir=DIR.`);
  }
  if (!isDir) throw twitchError('USAGE', `Run directory ${dir} is not a directory: give a directory with dir=DIR.`);
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch {
    throw twitchError('USAGE', `Run directory ${dir} is not writable by this user: change its owner or mode, or give another with dir=DIR.`);
  }
}

/** The run directory and config: given, else the last successful start's, else the config's run_dir. */
export function resolveTarget(inv: Invocation): Target {
  const last = recall();
  let dir: string;
  let config = inv.config !== undefined ? resolve(inv.config) : undefined;
  if (inv.dir !== undefined) {
    dir = resolve(inv.dir);
    config ??= readState(runFiles(dir).state)?.config ?? (last?.dir === dir ? last.config ?? undefined : undefined);
  } else if (last !== undefined) {
    dir = last.dir;
    config ??= readState(runFiles(dir).state)?.config ?? last.config ?? undefined;
  } else {
    const loaded = loadConfig({ config: inv.config });
    if (loaded.run_dir === undefined) {
      throw twitchError(
        'USAGE',
        `No run directory: give one with dir=DIR (or --dir DIR), or set run_dir in the config (${loaded.file ?? 'none found; give --config FILE'}).`,
      );
    }
    dir = loaded.run_dir;
    config = loaded.file;
  }
  checkDir(dir);
  return { files: runFiles(dir), config };
}

/** Where to connect to reach a service bound to `address` (the wildcard addresses mean this host). */
function connectHost(address: string): string {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  if (bare === '0.0.0.0') return '127.0.0.1';
  if (bare === '::') return '::1';
  return bare;
}

export async function stop(target: Target, bundle: string, platform: DaemonPlatform): Promise<ExitCode> {
  const { files } = target;
  const found = readPidFile(files.pid, bundle, platform);
  if (found.kind === 'none') {
    removeRunFiles(files);
    out(`puppet-twitch is not running (no PID file in ${files.dir})`);
    return EXIT.ok;
  }
  if (found.kind !== 'ours') {
    removeRunFiles(files);
    out(`puppet-twitch is not running: ${describeFinding(found, files.pid)}; left that process alone and removed the PID file`);
    return EXIT.ok;
  }
  platform.terminate(found.pid);
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (inspectPid(found.pid, bundle, platform).kind === 'ours') {
    if (Date.now() > deadline) {
      err(
        `pid ${found.pid} did not exit within ${STOP_TIMEOUT_MS / 1000} s of ${platform.signals.terminateName} and is still running. ` +
          `See its log ${files.log}; '${platform.forceKillHint(found.pid)}' stops it for good (a puppet run in progress goes on).`,
      );
      return EXIT.failure;
    }
    await sleep(25);
  }
  removeRunFiles(files);
  out(`puppet-twitch stopped (pid ${found.pid})`);
  return EXIT.ok;
}

/** Asks the service for its current run; over TLS with the CA, certificate and key of its config (`config`). */
async function currentRun(state: DaemonState, config: string | undefined): Promise<string> {
  let tls: Tls = {};
  if (state.tls === true) {
    const settings = loadConfig({ config }).tls;
    if (settings === undefined) throw new Error(`the service speaks HTTPS, but its config (${config ?? 'none'}) has no tls now`);
    tls = localClientOptions(settings);
  }
  const client = createClient(tls);
  try {
    const url = `${serviceUrl(connectHost(state.address), state.port, state.tls === true)}${PATHS.status}`;
    const answer = await client.request(url, { connectMs: STATUS_TIMEOUT_MS, timeoutMs: STATUS_TIMEOUT_MS });
    if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.body.trim()}`);
    return (JSON.parse(answer.body) as { current_run?: string | null }).current_run ?? 'none';
  } finally {
    client.close();
  }
}

/** LSB: running, dead but the PID file is left, not running (exit-codes.ts). */
export async function status(target: Target, bundle: string, platform: DaemonPlatform): Promise<ExitCode> {
  const { files } = target;
  const found = readPidFile(files.pid, bundle, platform);
  if (found.kind === 'none') {
    out(`puppet-twitch is stopped (no PID file in ${files.dir})`);
    return EXIT.notRunning;
  }
  if (found.kind !== 'ours') {
    out(`puppet-twitch is stopped, but ${describeFinding(found, files.pid)}; 'puppet-twitch stop dir=${files.dir}' removes it`);
    return EXIT.deadWithPidFile;
  }
  const state = readState(files.state);
  if (state?.pid !== found.pid) {
    out(`puppet-twitch is running (pid ${found.pid}); its address is unknown (${files.state} is missing or stale)`);
    return EXIT.ok;
  }
  let run: string;
  try {
    run = `current run: ${await currentRun(state, target.config)}`;
  } catch (e) {
    run = `its status is unavailable: ${(e as Error).message}`;
  }
  out(`puppet-twitch is running (pid ${found.pid}) on ${serviceUrl(state.address, state.port, state.tls === true)}, ${run}`);
  return EXIT.ok;
}

export async function runDaemonCommand(command: DaemonCommand, inv: Invocation, bundle: string, platform: DaemonPlatform): Promise<ExitCode> {
  const target = resolveTarget(inv);
  switch (command) {
    case 'start':
      return start(target, { bind: inv.bind, port: inv.port }, bundle, platform);
    case 'stop':
      return stop(target, bundle, platform);
    case 'status':
      return status(target, bundle, platform);
    case 'restart': {
      // Without bind/port, the ones the running service was started with.
      const given = inv.bind !== undefined || inv.port !== undefined;
      const state = readState(target.files.state);
      const opts = given
        ? { bind: inv.bind, port: inv.port }
        : { bind: state?.bind_option ?? undefined, port: state?.port_option ?? undefined };
      const stopped = await stop(target, bundle, platform);
      return stopped !== EXIT.ok ? stopped : start(target, opts, bundle, platform);
    }
  }
}
