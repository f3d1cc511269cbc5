// The root helper called as the service user would, through the real sudo rule, with what a hostile caller
// controls around the call: a shell prelude before `sudo` (ulimit …) and the pace of the request on stdin.
import { spawn } from 'node:child_process';
import type { SudoSandbox } from './sudo';

export interface HelperCall {
  code: number | null;
  stdout: string;
  stderr: string;
  /** the helper's JSON reports, in order */
  reports: Array<Record<string, unknown> & { event: string }>;
}

export const REQUEST_ID = '20261125T064812345Z-a1b2c3';
export const RUN_REQUEST = `${JSON.stringify({ action: 'run', id: REQUEST_ID, options: {} })}\n`;

export function callHelper(
  sb: SudoSandbox,
  opts: { prelude?: string; request?: string; holdMs?: number; whileHeld?: () => void | Promise<void>; timeoutMs?: number } = {},
): Promise<HelperCall> {
  const script = `${opts.prelude ?? ':'}\nexec sudo -n "$@"`;
  // Node's stdin "pipe" is a socket, which the helper sees end once sudo exits; cat makes it a pipe, as a
  // caller's shell would give it.
  const relay = 'u=$1; s=$2; shift 2; cat | runuser -u "$u" -- /bin/bash -c "$s" bash "$@"';
  const child = spawn('/bin/sh', ['-c', relay, 'sh', sb.user, script, ...sb.helperArgv], {
    cwd: '/',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.on('error', () => undefined);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60000);
  // stdout closes when the helper (setsid's child, holding the pipe) exits, not when sudo does
  const closed = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  const send = async () => {
    if (opts.holdMs !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, opts.holdMs));
      await opts.whileHeld?.();
    }
    child.stdin.end(opts.request ?? RUN_REQUEST);
  };
  return Promise.all([closed, send()]).then(([code]) => {
    clearTimeout(timer);
    const reports = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    return { code, stdout, stderr, reports };
  });
}
