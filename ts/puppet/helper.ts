// The root entry point (`puppet-twitch helper`): the only thing the service user may run through sudo, as
// `sudo <setsid> --fork <node> <bundle> helper --config <file>`. setsid forks it into a session of its own and
// exits, so sudo has no Node process to relay the service user's signals to (README, "The sudo boundary").
// Its settings come from the root-owned config only; the caller's choices arrive as one JSON line on stdin,
// checked again here against that config (protocol.ts). It reads Puppet's state as root, runs puppet, or both.
import type { Readable } from 'node:stream';
import { splitLines } from '../lines';
import { nodeOs } from '../lazy';
import type { Config } from '../config';
import type { Platform } from '../platform';
import type { RunOptions } from '../core/options';
import { readRegularFile } from '../trusted';
import { puppetCommand } from './command';
import { encodeReport, HELPER_EXIT, MAX_REQUEST_BYTES, parseRequest, type HelperRequest, type Report } from './protocol';
import { puppetServer, serverFromArgs } from './conf';
import { runControl } from './control';
import { refuseNodeOptions, trustedConfig } from './root-config';
import { disabledMessage, disabledSince, lockedSince, lockFiles, runningPid } from './state';
import { parseSummary, type Summary } from './summary';
import { readRunReport } from './report-file';

const REQUEST_TIMEOUT_MS = 10_000;
/** After the request to end at the run timeout, how long puppet has before it is killed. */
export const KILL_GRACE_MS = 30_000;

/**
 * Where one request comes from and its answers go: stdin, stdout and stderr under sudo; one connection of the
 * helper service's named pipe (pipe.ts). If the service goes away mid-run, writing fails; the run must carry
 * on, so `report` and `output` never throw.
 */
export interface HelperIo {
  /** the request: its first line */
  input: Readable;
  report(r: Report): void;
  /** puppet's own output, as it comes: never where a report could be forged */
  output(chunk: Buffer): void;
}

/**
 * Puppet's stdout and stderr reach the service through one channel: each is passed on in whole lines, so a line
 * one of them prints is never cut by a chunk of the other.
 */
function forwardLines(stream: Readable | null, output: (chunk: Buffer) => void): void {
  if (stream === null) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const { lines, rest } = splitLines(pending, chunk);
    pending = rest;
    if (lines.length > 0) output(Buffer.from(`${lines.join('\n')}\n`));
  });
  stream.on('end', () => {
    if (pending !== '') output(Buffer.from(`${pending}\n`));
    pending = '';
  });
}

/** The privilege boundary the request crossed: sudo, the helper service's pipe, or none (run directly). */
export type Boundary = 'sudo' | 'pipe' | 'none';

function stdio(): HelperIo {
  const write = (stream: NodeJS.WritableStream, data: string | Buffer) => {
    try {
      stream.write(data);
    } catch {
      /* the service is gone */
    }
  };
  return { input: process.stdin, report: (r) => write(process.stdout, encodeReport(r)), output: (chunk) => write(process.stderr, chunk) };
}

/** The request's PID of the run this process has started, 0 while it starts: a helper service runs one at a time. */
let ownRun: number | undefined;

/** The first line of `input`: the request. No line, a line over the limit, or silence is an error. */
function readRequestLine(input: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (err: Error | undefined, line?: string) => {
      clearTimeout(timer);
      input.removeAllListeners('data').removeAllListeners('end');
      if (input === process.stdin) input.destroy(); // a pipe connection stays open for the reports
      if (err) reject(err);
      else resolve(line as string);
    };
    const timer = setTimeout(() => finish(new Error('no request on stdin')), REQUEST_TIMEOUT_MS);
    input.on('data', (chunk: Buffer) => {
      const newline = chunk.indexOf(10);
      const part = newline === -1 ? chunk : chunk.subarray(0, newline);
      size += part.length;
      if (size > MAX_REQUEST_BYTES) return finish(new Error(`the request on stdin is over ${MAX_REQUEST_BYTES} bytes`));
      chunks.push(part);
      if (newline !== -1) finish(undefined, Buffer.concat(chunks).toString('utf8'));
    });
    input.on('end', () => (size === 0 ? finish(new Error('no request on stdin')) : finish(undefined, Buffer.concat(chunks).toString('utf8'))));
    input.on('error', (err) => finish(err));
  });
}

function readSummary(file: string): Summary | null {
  try {
    const text = readRegularFile(file, { followSymlinks: false });
    return (text !== undefined && parseSummary(text)) || null;
  } catch {
    return null;
  }
}

/** The agent's server from puppet.conf; null when unset or unreadable (status reports it, nothing depends on it). */
function readServer(file: string): string | null {
  try {
    const text = readRegularFile(file, { followSymlinks: false });
    return text === undefined ? null : puppetServer(text);
  } catch {
    return null;
  }
}

function status(io: HelperIo, config: Config, platform: Platform): number {
  const { puppet } = config;
  const files = lockFiles(puppet);
  const message = disabledMessage(files.disabled);
  const pid = runningPid(files.lockfile, platform.isAlive) ?? null;
  io.report({
    event: 'status',
    applying: pid !== null,
    pid,
    enabled: message === undefined,
    disabled_message: message ?? null,
    disabled_since: message === undefined ? null : disabledSince(files.disabled),
    server: serverFromArgs(puppet.args) ?? readServer(puppet.conf),
    summary: readSummary(puppet.lastrunfile),
    applying_since: pid === null ? null : lockedSince(files.lockfile),
  });
  return HELPER_EXIT.ok;
}

async function runPuppet(io: HelperIo, config: Config, options: RunOptions, platform: Platform): Promise<number> {
  const { puppet } = config;
  const files = lockFiles(puppet);
  const message = disabledMessage(files.disabled);
  if (message !== undefined) {
    io.report({ event: 'disabled', message });
    return HELPER_EXIT.disabled;
  }
  const holder = ownRun ?? runningPid(files.lockfile, platform.isAlive);
  if (holder !== undefined) {
    io.report({ event: 'busy', pid: holder });
    return HELPER_EXIT.busy;
  }
  ownRun = 0;
  try {
    return await startPuppet(io, config, options, platform);
  } finally {
    ownRun = undefined;
  }
}

async function startPuppet(io: HelperIo, config: Config, options: RunOptions, platform: Platform): Promise<number> {
  const { puppet } = config;
  const before = readSummary(puppet.lastrunfile);
  const { file, args } = puppetCommand(puppet, platform.puppetLogdest, options);
  const { execa } = await import('execa');
  const since = Date.now();
  const child = execa(file, args, {
    cwd: platform.paths.workDir,
    // a group of its own, so the run timeout stops puppet and everything it started
    ...platform.ownGroup,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    cleanup: false,
  });
  forwardLines(child.stdout, io.output);
  forwardLines(child.stderr, io.output);
  if (child.pid !== undefined) {
    ownRun = child.pid;
    io.report({ event: 'started', pid: child.pid });
  }

  let timedOut = false;
  const timer =
    puppet.run_timeout > 0
      ? setTimeout(() => {
          timedOut = true;
          if (child.pid !== undefined) platform.killTree(child.pid, KILL_GRACE_MS);
        }, puppet.run_timeout * 1000)
      : undefined;
  const result = await child;
  clearTimeout(timer);
  if (result.failed && result.exitCode === undefined && result.signal === undefined) {
    // execa's shortMessage spans two lines (the command, then the cause): the cause alone says it
    io.report({ event: 'error', message: `Cannot run ${file}: ${result.originalMessage || result.shortMessage}; check puppet.bin in the config` });
    return HELPER_EXIT.error;
  }
  const code = result.exitCode ?? null;
  const signal = result.signal ?? null;
  // Puppet writes its summary at the end of a run; an unchanged one belongs to an earlier run.
  const after = readSummary(puppet.lastrunfile);
  const summary = after !== null && after.last_run !== before?.last_run ? after : null;
  io.report({ event: 'exit', code, signal, timed_out: timedOut, summary, report: await readRunReport(puppet.lastrunreport, since) });
  return code ?? 128 + (nodeOs().constants.signals[signal as NodeJS.Signals] ?? 0);
}

function fail(io: HelperIo, err: unknown): number {
  io.report({ event: 'error', message: err instanceof Error ? err.message : String(err) });
  return HELPER_EXIT.error;
}

/**
 * One request, start to end: read it from `io`, check it against the config (read now, as the privileged side
 * sees it), answer a status or run puppet. The sudo helper and the helper service's pipe both come here.
 */
export async function serveRequest(io: HelperIo, configFile: string | undefined, platform: Platform, boundary: Boundary): Promise<number> {
  try {
    const sudo = boundary === 'sudo';
    const host = { isRoot: platform.isRoot(), findPuppet: platform.findPuppet };
    if (sudo) {
      refuseNodeOptions();
      platform.setRootLimits();
    }
    // Through sudo, paths are checked after the request is read: the caller's pace on stdin cannot come between
    // a check and its use. Otherwise a bad config is reported at once.
    const early = sudo ? undefined : trustedConfig(configFile, sudo, host);
    const line = await readRequestLine(io.input);
    const config = early ?? trustedConfig(configFile, sudo, host);
    const request: HelperRequest = parseRequest(line, config.puppet);
    if (request.action === 'disable' || request.action === 'enable') {
      io.report(await runControl(config.puppet, request, platform));
      return HELPER_EXIT.ok;
    }
    return request.action === 'status' ? status(io, config, platform) : await runPuppet(io, config, request.options, platform);
  } catch (err) {
    return fail(io, err);
  }
}

/** `puppet-twitch helper`: one request on stdin, run by sudo or directly by an elevated service. */
export async function runHelper(configFile: string | undefined, platform: Platform): Promise<number> {
  // Only root can signal this process; these are ignored all the same, so nothing but root's kill stops a run.
  for (const signal of platform.signals.helperIgnores) process.on(signal, () => undefined);
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  const io = stdio();
  process.on('uncaughtException', (err) => process.exit(fail(io, err)));
  // Nothing of the caller's working directory: puppet and everything it starts run from /.
  try {
    process.chdir(platform.paths.workDir);
  } catch (err) {
    return fail(io, err);
  }
  return serveRequest(io, configFile, platform, platform.runBySudo() ? 'sudo' : 'none');
}
