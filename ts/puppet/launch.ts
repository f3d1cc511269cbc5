// Starts the root helper (through the privilege boundary when configured: sudo, or the helper service's named
// pipe on Windows) and turns its reports into promises.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { PassThrough, type Readable } from 'node:stream';
import type { Config } from '../config';
import { eachLine } from '../lines';
import type { Platform } from '../platform';
import { encodeRequest, parsePipeLine, parseReport, type HelperRequest, type Report } from './protocol';
import type { Summary } from './summary';
import type { RunReport } from './report';

export interface Ending {
  code: number | null;
  signal: string | null;
  timed_out: boolean;
  summary: Summary | null;
  /** the resources the run changed, failed, found out of sync or skipped (report.ts); null: none of this run's */
  report?: RunReport | null;
}

export interface RunProcess {
  /** The helper's first report: started, busy, disabled, error, or (for a status request) status. */
  first: Promise<Report>;
  /** How the run ended; resolves after `first`. */
  done: Promise<Ending>;
}

/** Starts the helper with one request; `output` gets each line puppet prints. */
export type Launch = (request: HelperRequest, output?: (line: string) => void) => RunProcess;

/** The exact command the sudoers rule allows: fixed setsid, node, bundle and config, nothing from a request. */
export function helperCommand(config: Config, node: string, bundle: string, platform: Pick<Platform, 'helperCommand'>): { file: string; args: string[] } {
  return platform.helperCommand({ sudo: config.puppet.sudo, setsid: config.puppet.setsid, node, bundle, config: config.file });
}

const TAIL_LINES = 5;

/**
 * The longest report line taken whole: an exit report carries the run's resource report (report.ts: at most
 * 256 KiB of resources), longer than an output line may be.
 */
export const MAX_REPORT_LINE_BYTES = 1024 * 1024;

/** Puppet colours its console output; the journal wants plain lines, and no line may forge another. */
export function plainText(line: string): string {
  return line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/[\0-\x1f\x7f]/g, ' ');
}

/** A started helper as the launcher sees it: its report lines, puppet's output, and how the channel ended. */
interface HelperChannel {
  reports: Readable;
  output: Readable;
  /** the helper's exit status where there is one (a process); null over a pipe */
  ended: Promise<{ code: number | null; signal: string | null }>;
  /** what to tell a person when it ended without an exit report */
  failed(code: number | null, signal: string | null, why: string): string;
}

function processChannel(command: { file: string; args: string[] }, request: HelperRequest, sudo: boolean, platform: Pick<Platform, 'ownGroup'>): HelperChannel {
  // node:child_process rather than execa here: this process lives for months, and loading execa costs it
  // 8 MB of resident memory for a spawn and an exit status (execa runs puppet itself, in the helper).
  // In a group of its own: stopping the service must not take the puppet run down with it.
  const child = spawn(command.file, command.args, { ...platform.ownGroup, stdio: ['pipe', 'pipe', 'pipe'] });
  // The request is data on stdin, never an argument: the sudoers command stays the same for every request.
  child.stdin.on('error', () => undefined);
  child.stdin.end(encodeRequest(request));
  return {
    reports: child.stdout,
    output: child.stderr,
    ended: new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal }));
    }),
    failed: (code, signal, why) =>
      sudo
        ? `sudo did not run the puppet-twitch helper (exit ${code ?? signal}): ${why}. Check the sudoers rule for this user (see README, "The sudo boundary").`
        : `The puppet-twitch helper failed before starting puppet (exit ${code ?? signal}): ${why}`,
  };
}

/** The helper service's named pipe (Windows): one connection per request, reports and output as lines on it. */
function pipeChannel(pipe: string, request: HelperRequest): HelperChannel {
  const reports = new PassThrough();
  const output = new PassThrough();
  const socket = connect(pipe);
  // written, not ended: a Windows named pipe has no half-close, ending it would close it both ways
  socket.write(encodeRequest(request));
  eachLine(
    socket,
    (line) => {
      const parsed = parsePipeLine(line);
      if (parsed !== undefined && 'output' in parsed) output.write(parsed.output);
      else reports.write(`${line}\n`);
    },
    MAX_REPORT_LINE_BYTES,
  );
  const drained = Promise.all([reports, output].map((stream) => new Promise((resolve) => stream.once('end', resolve))));
  const ended = new Promise<{ code: null; signal: null }>((resolve, reject) => {
    socket.once('error', (err) =>
      reject(new Error(`${err.message}: is the helper service (puppet-twitch helper-service, run as SYSTEM) listening on ${pipe}? See docs/windows.md, "The service and its privilege boundary on Windows"`)),
    );
    socket.once('close', () => {
      reports.end();
      output.end();
      // every line read before the end is seen, the exit report among them
      void drained.then(() => resolve({ code: null, signal: null }));
    });
  });
  return {
    reports,
    output,
    ended,
    failed: (_code, _signal, why) => `The puppet-twitch helper service on ${pipe} ended the request without a report: ${why}. See its log`,
  };
}

/**
 * Starts a helper per request: through the platform's privilege boundary when `boundary` is on (sudo, or the
 * helper service's named pipe where the platform has one), else the helper directly.
 */
export function helperLauncher(command: { file: string; args: string[] }, boundary: boolean, platform: Pick<Platform, 'ownGroup' | 'paths'>): Launch {
  const pipe = boundary ? platform.paths.helperPipe : undefined;
  return (request, output = () => undefined) => {
    const tail: string[] = [];
    let firstReport: Report | undefined;
    let exitReport: Ending | undefined;
    let resolveFirst!: (r: Report) => void;
    const first = new Promise<Report>((resolve) => (resolveFirst = resolve));
    const report = (r: Report) => {
      if (firstReport !== undefined) return;
      firstReport = r;
      resolveFirst(r);
    };

    let channel: HelperChannel;
    try {
      channel = pipe === undefined ? processChannel(command, request, boundary, platform) : pipeChannel(pipe, request);
    } catch (err) {
      report({ event: 'error', message: `Cannot start the puppet-twitch helper: ${(err as Error).message}` });
      return { first, done: Promise.reject(err as Error) };
    }
    eachLine(channel.output, (raw) => {
      const line = plainText(raw);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      output(line);
    });
    eachLine(channel.reports, (line) => {
      const parsed = parseReport(line);
      if (parsed === undefined) output(plainText(line));
      else if (parsed.event === 'exit') {
        exitReport = { code: parsed.code, signal: parsed.signal, timed_out: parsed.timed_out === true, summary: parsed.summary ?? null, report: parsed.report ?? null };
      }
      else report(parsed);
    }, MAX_REPORT_LINE_BYTES);
    const done = channel.ended.then(({ code, signal }) => {
      const why = tail.join(' ').trim() || 'no output';
      report({ event: 'error', message: channel.failed(code, signal, why) });
      // Through the boundary, `code` is setsid's (it exits at once) or there is none (a pipe): only the
      // helper's report tells how puppet ended.
      const none = { timed_out: false, summary: null };
      return exitReport ?? (boundary ? { code: null, signal: null, ...none } : { code, signal, ...none });
    });
    done.catch((err: Error) => report({ event: 'error', message: `Cannot start the puppet-twitch helper: ${err.message}` }));
    return { first, done };
  };
}
