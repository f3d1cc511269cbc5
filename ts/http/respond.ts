// A handler's result → status, headers and plain-text body. The only place that maps outcomes and errors to HTTP.
import { ERROR_STATUS, isTwitchError } from '../errors';
import { describeFailure } from '../puppet/outcome';
import type { TriggerResult } from '../runner';

export interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export const RETRY_AFTER_SECONDS = 30;

export function replyForTrigger(result: TriggerResult): Reply {
  switch (result.kind) {
    case 'started':
      return { status: 202, body: 'Triggered puppet run' };
    case 'busy':
      return { status: 409, body: 'Puppet already running', headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } };
    case 'disabled':
      return { status: 423, body: result.message === null ? 'Puppet agent is disabled' : `Puppet agent is disabled: ${result.message}` };
    case 'error':
      return { status: ERROR_STATUS.HELPER_FAILED, body: result.message };
    case 'finished':
      return result.outcome.ok
        ? { status: 200, body: 'Puppet run complete' }
        : { status: ERROR_STATUS.RUN_FAILED, body: describeFailure(result.outcome) };
    case 'shutdown':
      return {
        status: ERROR_STATUS.SHUTTING_DOWN,
        body: 'The service is shutting down before the puppet run ended; the run goes on, and its result is in the service log.',
      };
  }
}

export function replyForError(err: unknown): Reply {
  if (isTwitchError(err)) return { status: ERROR_STATUS[err.code], body: err.message, headers: err.headers };
  return { status: 500, body: `Internal error: ${(err as Error)?.message ?? String(err)}` };
}
