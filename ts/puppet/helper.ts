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
import { refuseNodeOptions, trustedConfig } from './root-config';
import { disabledMessage, disabledSince, lockedSince, lockFiles, runningPid } from './state';
import { parseSummary, type Summary } from './summary';
import { readRunReport } from './report-file';

const REQUEST_TIMEOUT_MS = 10_000;
/** After the request to end at the run timeout, how long puppet has before it is killed. */
export const KILL_GRACE_MS = 30_000;

// If the service goes away mid-run its pipes break; the run must carry on, so write errors are ignored.
function report(r: Report): void {
  try {
    process.stdout.write(encodeReport(r));
  } catch {
    /* the service is gone */
  }
}

function forward(text: string): void {
  try {
    process.stderr.write(text);
  } catch {
    /* the service is gone */
  }
}

/**
 * Puppet's stdout and stderr go to the service through one pipe: each is passed on in whole lines, so a line one
 * of them prints is never cut by a chunk of the other.
 */
function forwardLines(stream: Readable | null): void {
  if (stream === null) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const { lines, rest } = splitLines(pending, chunk);
    pending = rest;
    if (lines.length > 0) forward(`${lines.join('\n')}\n`);
  });
  stream.on('end', () => {
    if (pending !== '') forward(`${pending}\n`);
    pending = '';
  });
}

/** The first line on stdin: the request. No line, a line over the limit, or silence is an error. */
function readRequestLine(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (err: Error | undefined, line?: string) => {
      clearTimeout(timer);
      process.stdin.removeAllListeners('data').removeAllListeners('end').destroy();
      if (err) reject(err);
      else resolve(line as string);
    };
    const timer = setTimeout(() => finish(new Error('no request on stdin')), REQUEST_TIMEOUT_MS);
    process.stdin.on('data', (chunk: Buffer) => {
      const newline = chunk.indexOf(10);
      const part = newline === -1 ? chunk : chunk.subarray(0, newline);
      size += part.length;
      if (size > MAX_REQUEST_BYTES) return finish(new Error(`the request on stdin is over ${MAX_REQUEST_BYTES} bytes`));
      chunks.push(part);
      if (newline !== -1) finish(undefined, Buffer.concat(chunks).toString('utf8'));
    });
    process.stdin.on('end', () => (size === 0 ? finish(new Error('no request on stdin')) : finish(undefined, Buffer.concat(chunks).toString('utf8'))));
    process.stdin.on('error', (err) => finish(err));
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

function status(config: Config, platform: Platform): number {
  const { puppet } = config;
  const files = lockFiles(puppet);
  const message = disabledMessage(files.disabled);
  const pid = runningPid(files.lockfile, platform.isAlive) ?? null;
  report({
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

async function runPuppet(config: Config, options: RunOptions, platform: Platform): Promise<number> {
  const { puppet } = config;
  const files = lockFiles(puppet);
  const message = disabledMessage(files.disabled);
  if (message !== undefined) {
    report({ event: 'disabled', message });
    return HELPER_EXIT.disabled;
  }
  const holder = runningPid(files.lockfile, platform.isAlive);
  if (holder !== undefined) {
    report({ event: 'busy', pid: holder });
    return HELPER_EXIT.busy;
  }

  const before = readSummary(puppet.lastrunfile);
  const { file, args } = puppetCommand(puppet, options);
  const { execa } = await import('execa');
  const since = Date.now();
  const child = execa(file, args, {
    cwd: '/',
    // a group of its own, so the run timeout stops puppet and everything it started
    ...platform.ownGroup,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    cleanup: false,
  });
  forwardLines(child.stdout);
  forwardLines(child.stderr);
  if (child.pid !== undefined) report({ event: 'started', pid: child.pid });

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
    report({ event: 'error', message: `Cannot run ${file}: ${result.originalMessage || result.shortMessage}; check puppet.bin in the config` });
    return HELPER_EXIT.error;
  }
  const code = result.exitCode ?? null;
  const signal = result.signal ?? null;
  // Puppet writes its summary at the end of a run; an unchanged one belongs to an earlier run.
  const after = readSummary(puppet.lastrunfile);
  const summary = after !== null && after.last_run !== before?.last_run ? after : null;
  report({ event: 'exit', code, signal, timed_out: timedOut, summary, report: await readRunReport(puppet.lastrunreport, since) });
  return code ?? 128 + (nodeOs().constants.signals[signal as NodeJS.Signals] ?? 0);
}

function fail(err: unknown): number {
  report({ event: 'error', message: err instanceof Error ? err.message : String(err) });
  return HELPER_EXIT.error;
}

export async function runHelper(configFile: string | undefined, platform: Platform): Promise<number> {
  // Only root can signal this process; these are ignored all the same, so nothing but root's kill stops a run.
  for (const signal of platform.signals.helperIgnores) process.on(signal, () => undefined);
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  process.on('uncaughtException', (err) => process.exit(fail(err)));
  try {
    // Nothing of the caller's working directory: puppet and everything it starts run from /.
    process.chdir('/');
    const sudo = platform.runBySudo();
    const host = { isRoot: platform.isRoot(), findPuppet: platform.findPuppet };
    if (sudo) {
      refuseNodeOptions();
      platform.setRootLimits();
    }
    // Through sudo, paths are checked after the request is read: the caller's pace on stdin cannot come between
    // a check and its use. Otherwise there is no boundary, and a bad config is reported at once.
    const early = sudo ? undefined : trustedConfig(configFile, sudo, host);
    const line = await readRequestLine();
    const config = early ?? trustedConfig(configFile, sudo, host);
    const request: HelperRequest = parseRequest(line, config.puppet);
    return request.action === 'status' ? status(config, platform) : await runPuppet(config, request.options, platform);
  } catch (err) {
    return fail(err);
  }
}
