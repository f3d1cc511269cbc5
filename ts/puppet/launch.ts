// Starts the root helper (through the privilege boundary when configured) and turns its reports into promises.
import { spawn } from 'node:child_process';
import type { Config } from '../config';
import { eachLine } from '../lines';
import type { Platform } from '../platform';
import { encodeRequest, parseReport, type HelperRequest, type Report } from './protocol';
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

export function helperLauncher(command: { file: string; args: string[] }, sudo: boolean, platform: Pick<Platform, 'ownGroup'>): Launch {
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

    // node:child_process rather than execa here: this process lives for months, and loading execa costs it
    // 8 MB of resident memory for a spawn and an exit status (execa runs puppet itself, in the helper).
    // In a group of its own: stopping the service must not take the puppet run down with it.
    const child = spawn(command.file, command.args, { ...platform.ownGroup, stdio: ['pipe', 'pipe', 'pipe'] });
    // The request is data on stdin, never an argument: the sudoers command stays the same for every request.
    child.stdin.on('error', () => undefined);
    child.stdin.end(encodeRequest(request));
    eachLine(child.stderr, (raw) => {
      const line = plainText(raw);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      output(line);
    });
    eachLine(child.stdout, (line) => {
      const parsed = parseReport(line);
      if (parsed === undefined) output(plainText(line));
      else if (parsed.event === 'exit') {
        exitReport = { code: parsed.code, signal: parsed.signal, timed_out: parsed.timed_out === true, summary: parsed.summary ?? null, report: parsed.report ?? null };
      }
      else report(parsed);
    }, MAX_REPORT_LINE_BYTES);
    const done = new Promise<Ending>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => {
        const why = tail.join(' ').trim() || 'no output';
        report({
          event: 'error',
          message: sudo
            ? `sudo did not run the puppet-twitch helper (exit ${code ?? signal}): ${why}. Check the sudoers rule for this user (see README, "The sudo boundary").`
            : `The puppet-twitch helper failed before starting puppet (exit ${code ?? signal}): ${why}`,
        });
        // Through sudo, `code` is setsid's (it exits at once): only the helper's report tells how puppet ended.
        const none = { timed_out: false, summary: null };
        resolve(exitReport ?? (sudo ? { code: null, signal: null, ...none } : { code, signal, ...none }));
      });
    });
    done.catch((err: Error) => report({ event: 'error', message: `Cannot start the puppet-twitch helper: ${err.message}` }));
    return { first, done };
  };
}
