// The exit statuses of the command line, in one table. HTTP statuses are another matter (errors.ts).
import type { ErrorCode } from './errors';

export const EXIT = {
  /** done as asked (and for `status`: the service is running) */
  ok: 0,
  /** something went wrong that the message explains: a failed start or stop, a failed fleet node */
  failure: 1,
  /** a wrong command line, an unusable config, or a PuppetDB that did not answer: nothing was tried */
  usage: 2,
  /** `status` (LSB): the service is not running, but its PID file is left */
  deadWithPidFile: 1,
  /** `status` (LSB): the service is not running */
  notRunning: 3,
  /** fleet: the rollout stopped itself (the canary failed, or --max-failures was reached) */
  stopped: 3,
  /** fleet: stopped by Ctrl-C (128 + SIGINT) */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The error codes that mean "nothing was tried"; every other error exits with `failure`. */
const USAGE_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['USAGE', 'CONFIG_INVALID', 'PUPPETDB_FAILED']);

export function exitCodeOf(code: ErrorCode): ExitCode {
  return USAGE_ERRORS.has(code) ? EXIT.usage : EXIT.failure;
}
