// Starts the root helper (through `sudo -n` when configured) and turns its reports into promises.
import { createInterface } from 'node:readline';
import { execa } from 'execa';
import type { Config } from '../config';
import { parseReport, type Report } from './protocol';

export interface Ending {
  code: number | null;
  signal: string | null;
}

export interface RunProcess {
  /** The helper's first report: started, busy, disabled or error. */
  first: Promise<Report>;
  /** How the run ended; resolves after `first`. */
  done: Promise<Ending>;
}

export type Launch = (output: (line: string) => void) => RunProcess;

/** The exact command the sudoers rule allows: fixed node, fixed bundle, fixed config, nothing from a request. */
export function helperCommand(config: Config, node: string, bundle: string): { file: string; args: string[] } {
  const helper = [node, bundle, 'helper', ...(config.file !== undefined ? ['--config', config.file] : [])];
  return config.puppet.sudo ? { file: 'sudo', args: ['-n', ...helper] } : { file: helper[0], args: helper.slice(1) };
}

const TAIL_LINES = 5;

/** Puppet colours its console output; the journal wants plain lines, and no line may forge another. */
export function plainText(line: string): string {
  return line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/[\0-\x1f\x7f]/g, ' ');
}

export function helperLauncher(command: { file: string; args: string[] }, sudo: boolean): Launch {
  return (output) => {
    // Detached and not cleaned up: a restart of the service must not take the puppet run down with it.
    const child = execa(command.file, command.args, {
      stdin: 'ignore',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
      reject: false,
      cleanup: false,
      detached: true,
    });
    const tail: string[] = [];
    let firstReport: Report | undefined;
    let exitReport: Ending | undefined;
    let resolveFirst!: (r: Report) => void;
    const first = new Promise<Report>((resolve) => (resolveFirst = resolve));

    createInterface({ input: child.stderr! }).on('line', (raw) => {
      const line = plainText(raw);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      output(line);
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const report = parseReport(line);
      if (report === undefined) return output(line);
      if (report.event === 'exit') exitReport = { code: report.code, signal: report.signal };
      else if (firstReport === undefined) {
        firstReport = report;
        resolveFirst(report);
      }
    });

    const done = (async (): Promise<Ending> => {
      const result = await child;
      if (firstReport === undefined) {
        const why = tail.join(' ').trim() || result.shortMessage;
        const message = sudo
          ? `sudo did not run the puppet-twitch helper (exit ${result.exitCode ?? result.signal}): ${why}. Check the sudoers rule for this user (see README, "The sudo boundary").`
          : `The puppet-twitch helper failed before starting puppet (exit ${result.exitCode ?? result.signal}): ${why}`;
        firstReport = { event: 'error', message };
        resolveFirst(firstReport);
      }
      return exitReport ?? { code: result.exitCode ?? null, signal: result.signal ?? null };
    })();
    return { first, done };
  };
}
