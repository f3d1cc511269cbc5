// `start`: runs the service in the background, in a session of its own, logging to the run directory's log
// file, and waits until the service itself says it listens (ready.ts). Returns the exit status.
import { spawn } from 'node:child_process';
import { closeSync, fstatSync, openSync, readSync, rmSync } from 'node:fs';
import { EXIT, type ExitCode } from '../exit-codes';
import { serviceUrl } from '../api';
import type { Platform } from '../platform';
import { LOG_FILE_ENV, openLogFd } from './logfile';
import { describeFinding, readPidFile, readState, removeRunFiles, reservePidFile, writeState, type RunFiles } from './pidfile';
import { READY_FILE_ENV, readReady } from './ready';
import { remember } from './remember';
import { err, out, sleep } from './say';

const START_TIMEOUT_MS = 15_000;

export interface Target {
  files: RunFiles;
  /** absolute path of the config file, when there is one to pass on */
  config?: string;
}

export interface StartOptions {
  bind?: string;
  port?: string;
}

export type DaemonPlatform = Pick<Platform, 'isAlive' | 'commandLine' | 'ownGroup' | 'forceKill' | 'terminate' | 'signals' | 'forceKillHint'>;

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

export async function start(target: Target, opts: StartOptions, bundle: string, platform: DaemonPlatform): Promise<ExitCode> {
  const { files } = target;
  const found = readPidFile(files.pid, bundle, platform);
  if (found.kind === 'ours') {
    const state = readState(files.state);
    const where = state?.pid === found.pid ? ` on ${serviceUrl(state.address, state.port, state.tls === true)}` : '';
    out(`puppet-twitch is already running (pid ${found.pid})${where}`);
    return EXIT.ok;
  }
  if (found.kind !== 'none') {
    err(`${describeFinding(found, files.pid)}: removing it (nothing is signalled)`);
    removeRunFiles(files);
  }

  let pidFile;
  try {
    pidFile = reservePidFile(files.pid);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    err(`${files.pid} appeared while starting: another start is under way. Run 'puppet-twitch status dir=${files.dir}'.`);
    return EXIT.failure;
  }
  // a ready file left by a service that died uncleanly must not be taken for the new one's
  rmSync(files.ready, { force: true });

  const logFd = openLogFd(files.log);
  const offset = fstatSync(logFd).size;
  const args = [
    bundle,
    'serve',
    ...(target.config !== undefined ? ['--config', target.config] : []),
    ...(opts.bind !== undefined ? ['--bind', opts.bind] : []),
    ...(opts.port !== undefined ? ['--port', opts.port] : []),
  ];
  // a session of its own; no terminal, no pipe to this process
  const child = spawn(process.execPath, args, {
    ...platform.ownGroup,
    stdio: ['ignore', logFd, logFd],
    cwd: '/',
    env: { ...process.env, [LOG_FILE_ENV]: files.log, [READY_FILE_ENV]: files.ready },
  });
  closeSync(logFd);
  let exit: string | undefined;
  child.on('exit', (code, signal) => (exit = signal !== null ? `killed by ${signal}` : `exit code ${code}`));
  child.on('error', (e) => (exit = e.message));
  if (child.pid === undefined) {
    await sleep(10);
    removeRunFiles(files);
    err(`cannot run ${process.execPath}: ${exit ?? 'unknown error'}`);
    return EXIT.failure;
  }
  pidFile.fill(child.pid);

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exit !== undefined) {
      removeRunFiles(files);
      err(`the service did not start (${exit}). Its log ${files.log} says:\n${indent(readFrom(files.log, offset))}`);
      return EXIT.failure;
    }
    const ready = readReady(files.ready);
    if (ready !== undefined && ready.pid === child.pid) {
      const { address, port, tls } = ready;
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
      rmSync(files.ready, { force: true });
      try {
        remember({ dir: files.dir, config: target.config ?? null });
      } catch (e) {
        err(`started, but cannot remember the run directory for later commands (${(e as Error).message}); give dir=${files.dir} to them`);
      }
      child.unref();
      out(`puppet-twitch started (pid ${child.pid}) on ${serviceUrl(address, port, tls)}`);
      return EXIT.ok;
    }
    if (Date.now() > deadline) {
      platform.forceKill(child.pid);
      removeRunFiles(files);
      err(
        `the service did not accept connections within ${START_TIMEOUT_MS / 1000} s and was killed. Its log ${files.log} says:\n` +
          indent(readFrom(files.log, offset)),
      );
      return EXIT.failure;
    }
    await sleep(25);
  }
}
