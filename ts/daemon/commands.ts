// start, stop, restart and status of a service run in the background: each returns the exit status.
// Messages go to stdout (what happened) or stderr (what went wrong and what to do).
import { spawn } from 'node:child_process';
import { accessSync, closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { resolve } from 'node:path';
import type { DaemonCommand, Invocation } from '../cli';
import { loadConfig } from '../config';
import { PATHS, serviceUrl } from '../api';
import { twitchError } from '../errors';
import { localClientOptions } from '../tls/files';
import { nodeHttps } from '../lazy';
import { LOG_FILE_ENV } from './logfile';
import {
  inspectPid,
  readPidFile,
  readState,
  removeRunFiles,
  reservePidFile,
  runFiles,
  writeState,
  type PidFinding,
  type RunFiles,
} from './pidfile';
import { recall, remember } from './remember';

const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;
const LISTENING = /listening on (https?):\/\/(\[[^\]]+\]|[^\s:]+):(\d+)/;

export interface Target {
  files: RunFiles;
  /** absolute path of the config file, when there is one to pass on */
  config?: string;
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`puppet-twitch: ${line}\n`);
const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

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

function describe(found: PidFinding, file: string): string {
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

/** Where to connect to reach a service bound to `address` (the wildcard addresses mean this host). */
function connectHost(address: string): string {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  if (bare === '0.0.0.0') return '127.0.0.1';
  if (bare === '::') return '::1';
  return bare;
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
  });
}

function readFrom(file: string, offset: number): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    if (size <= offset) return '';
    const buf = Buffer.alloc(Math.min(size - offset, 64 * 1024));
    const n = readSync(fd, buf, 0, buf.length, offset);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function indent(text: string): string {
  const lines = text.trimEnd().split('\n');
  return lines.length === 1 && lines[0] === '' ? '  (nothing)' : lines.map((l) => `  ${l}`).join('\n');
}

export interface StartOptions {
  bind?: string;
  port?: string;
}

export async function start(target: Target, opts: StartOptions, bundle: string): Promise<number> {
  const { files } = target;
  const found = readPidFile(files.pid, bundle);
  if (found.kind === 'ours') {
    const state = readState(files.state);
    const where = state?.pid === found.pid ? ` on ${serviceUrl(state.address, state.port, state.tls === true)}` : '';
    out(`puppet-twitch is already running (pid ${found.pid})${where}`);
    return 0;
  }
  if (found.kind !== 'none') {
    err(`${describe(found, files.pid)}: removing it (nothing is signalled)`);
    removeRunFiles(files);
  }

  let pidFile;
  try {
    pidFile = reservePidFile(files.pid);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    err(`${files.pid} appeared while starting: another start is under way. Run 'puppet-twitch status dir=${files.dir}'.`);
    return 1;
  }

  const logFd = openSync(files.log, 'a', 0o644);
  const offset = fstatSync(logFd).size;
  const args = [
    bundle,
    'serve',
    ...(target.config !== undefined ? ['--config', target.config] : []),
    ...(opts.bind !== undefined ? ['--bind', opts.bind] : []),
    ...(opts.port !== undefined ? ['--port', opts.port] : []),
  ];
  // detached: setsid, its own session; no terminal, no pipe to this process.
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    cwd: '/',
    env: { ...process.env, [LOG_FILE_ENV]: files.log },
  });
  closeSync(logFd);
  let exit: string | undefined;
  child.on('exit', (code, signal) => (exit = signal !== null ? `killed by ${signal}` : `exit code ${code}`));
  child.on('error', (e) => (exit = e.message));
  if (child.pid === undefined) {
    await sleep(10);
    removeRunFiles(files);
    err(`cannot run ${process.execPath}: ${exit ?? 'unknown error'}`);
    return 1;
  }
  pidFile.fill(child.pid);

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exit !== undefined) {
      removeRunFiles(files);
      err(`the service did not start (${exit}). Its log ${files.log} says:\n${indent(readFrom(files.log, offset))}`);
      return 1;
    }
    const match = LISTENING.exec(readFrom(files.log, offset));
    if (match && (await accepts(connectHost(match[2]), Number(match[3])))) {
      const tls = match[1] === 'https';
      const address = match[2].replace(/^\[(.*)\]$/, '$1');
      const port = Number(match[3]);
      writeState(files.state, {
        pid: child.pid,
        address,
        port,
        tls,
        config: target.config ?? null,
        bind_option: opts.bind ?? null,
        port_option: opts.port ?? null,
        started_at: new Date().toISOString(),
      });
      try {
        remember({ dir: files.dir, config: target.config ?? null });
      } catch (e) {
        err(`started, but cannot remember the run directory for later commands (${(e as Error).message}); give dir=${files.dir} to them`);
      }
      child.unref();
      out(`puppet-twitch started (pid ${child.pid}) on ${serviceUrl(address, port, tls)}`);
      return 0;
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      removeRunFiles(files);
      err(
        `the service did not accept connections within ${START_TIMEOUT_MS / 1000} s and was killed. Its log ${files.log} says:\n` +
          indent(readFrom(files.log, offset)),
      );
      return 1;
    }
    await sleep(25);
  }
}

export async function stop(target: Target, bundle: string): Promise<number> {
  const { files } = target;
  const found = readPidFile(files.pid, bundle);
  if (found.kind === 'none') {
    removeRunFiles(files);
    out(`puppet-twitch is not running (no PID file in ${files.dir})`);
    return 0;
  }
  if (found.kind !== 'ours') {
    removeRunFiles(files);
    out(`puppet-twitch is not running: ${describe(found, files.pid)}; left that process alone and removed the PID file`);
    return 0;
  }
  try {
    process.kill(found.pid, 'SIGTERM');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (inspectPid(found.pid, bundle).kind === 'ours') {
    if (Date.now() > deadline) {
      err(
        `pid ${found.pid} did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM and is still running. ` +
          `See its log ${files.log}; 'kill -KILL ${found.pid}' stops it for good (a puppet run in progress goes on).`,
      );
      return 1;
    }
    await sleep(25);
  }
  removeRunFiles(files);
  out(`puppet-twitch stopped (pid ${found.pid})`);
  return 0;
}

/** Asks the service for its current run; over TLS with the CA, certificate and key of its config (target.config). */
function currentRun(host: string, port: number, tls: boolean, config: string | undefined): Promise<string> {
  return new Promise((done, fail) => {
    const onAnswer = (res: http.IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        try {
          if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${body.trim()}`);
          const status = JSON.parse(body) as { current_run?: string | null };
          done(status.current_run ?? 'none');
        } catch (e) {
          fail(e);
        }
      });
    };
    let req: http.ClientRequest;
    if (!tls) req = http.get({ host, port, path: PATHS.status, agent: false }, onAnswer);
    else {
      const settings = loadConfig({ config }).tls;
      if (settings === undefined) throw new Error(`the service speaks HTTPS, but its config (${config ?? 'none'}) has no tls now`);
      req = nodeHttps().get({ host, port, path: PATHS.status, agent: false, ...localClientOptions(settings) }, onAnswer);
    }
    req.setTimeout(5000, () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', fail);
  });
}

/** LSB: 0 running, 1 dead but the PID file is left, 3 not running. */
export async function status(target: Target, bundle: string): Promise<number> {
  const { files } = target;
  const found = readPidFile(files.pid, bundle);
  if (found.kind === 'none') {
    out(`puppet-twitch is stopped (no PID file in ${files.dir})`);
    return 3;
  }
  if (found.kind !== 'ours') {
    out(`puppet-twitch is stopped, but ${describe(found, files.pid)}; 'puppet-twitch stop dir=${files.dir}' removes it`);
    return 1;
  }
  const state = readState(files.state);
  if (state?.pid !== found.pid) {
    out(`puppet-twitch is running (pid ${found.pid}); its address is unknown (${files.state} is missing or stale)`);
    return 0;
  }
  let run: string;
  try {
    run = `current run: ${await currentRun(connectHost(state.address), state.port, state.tls === true, target.config)}`;
  } catch (e) {
    run = `its status is unavailable: ${(e as Error).message}`;
  }
  out(`puppet-twitch is running (pid ${found.pid}) on ${serviceUrl(state.address, state.port, state.tls === true)}, ${run}`);
  return 0;
}

export async function runDaemonCommand(command: DaemonCommand, inv: Invocation, bundle: string): Promise<number> {
  const target = resolveTarget(inv);
  switch (command) {
    case 'start':
      return start(target, { bind: inv.bind, port: inv.port }, bundle);
    case 'stop':
      return stop(target, bundle);
    case 'status':
      return status(target, bundle);
    case 'restart': {
      // Without bind/port, the ones the running service was started with.
      const given = inv.bind !== undefined || inv.port !== undefined;
      const state = readState(target.files.state);
      const opts = given
        ? { bind: inv.bind, port: inv.port }
        : { bind: state?.bind_option ?? undefined, port: state?.port_option ?? undefined };
      const stopped = await stop(target, bundle);
      return stopped !== 0 ? stopped : start(target, opts, bundle);
    }
  }
}
