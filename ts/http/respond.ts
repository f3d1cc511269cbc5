// A handler's result → status, headers and plain-text body. The only place that maps outcomes and errors to HTTP.
import type { ServerResponse } from 'node:http';
import { ERROR_STATUS, isTwitchError, type ErrorCode } from '../errors';
import { describeFailure } from '../puppet/outcome';
import type { RunRecord } from '../core/records';
import type { TriggerResult } from '../core/runner';
import { JSON_TYPE, RETRY_AFTER_SECONDS, runPath, TEXT } from '../api';

export interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
  /** answer with `Connection: close` and process nothing more on the connection */
  close?: boolean;
  /**
   * A body written as it comes (chunked, no Content-Length; `body` is unused): the server writes the status and
   * headers, then hands the response to this, and once it settles logs the request and goes on with the
   * connection. Called exactly once, also when the client left before the answer (it then finds `res` destroyed).
   */
  stream?: (res: ServerResponse) => Promise<void>;
  /** the run the answer is about (its id once there is one, and the options asked for): the audit line names it */
  run?: { id: string | null; options?: unknown };
}

// After these, what follows on the connection cannot be trusted to start a request (an unread body, an
// unknown framing), so the connection closes.
const CLOSES_CONNECTION: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'ADDRESS_NOT_ALLOWED',
  'BAD_HOST',
  'BODY_TOO_LARGE',
  'EXPECTATION_FAILED',
  'HTTP_VERSION_NOT_SUPPORTED',
  'MISDIRECTED_REQUEST',
]);

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body: JSON.stringify(value), headers: { 'Content-Type': JSON_TYPE, ...headers } };
}

/** Items of a JSON array stringified at a time before other work is let in. */
const LIST_BATCH = 200;

/** A 200 JSON array, made a batch of items at a time: a long list (a history of runs) does not hold up the cheap paths. */
export async function jsonListReply(items: readonly unknown[]): Promise<Reply> {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i += LIST_BATCH) {
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const item of items.slice(i, i + LIST_BATCH)) parts.push(JSON.stringify(item));
  }
  return { status: 200, body: `[${parts.join(',')}]`, headers: { 'Content-Type': JSON_TYPE } };
}

/** The original's plain-text bodies for curl; the run record as JSON for a caller that accepts it. */
export function replyForTrigger(result: TriggerResult, json = false): Reply {
  const reply = (status: number, body: string, record?: RunRecord, headers: Record<string, string> = {}): Reply => {
    if (record !== undefined) headers.Location = runPath(record.id);
    return json && record !== undefined ? jsonReply(status, record, headers) : { status, body, headers };
  };
  const retry = { 'Retry-After': String(RETRY_AFTER_SECONDS) };
  switch (result.kind) {
    case 'started':
      return reply(202, TEXT.triggered, result.record);
    case 'queued':
      return reply(202, TEXT.queued, result.record);
    case 'busy':
      return reply(409, TEXT.busy, undefined, retry);
    case 'queue_conflict':
      return reply(409, TEXT.queueConflict, undefined, { ...retry, Location: runPath(result.queued.id) });
    case 'disabled':
      return reply(423, result.message === null ? TEXT.disabled : `${TEXT.disabled}: ${result.message}`);
    case 'error':
      return reply(ERROR_STATUS.HELPER_FAILED, result.message);
    case 'finished':
      if (result.record.outcome === 'disabled') return reply(423, `${TEXT.disabled}`, result.record);
      return result.outcome.ok
        ? reply(200, TEXT.complete, result.record)
        : reply(ERROR_STATUS.RUN_FAILED, describeFailure(result.outcome), result.record);
    case 'shutdown':
      return reply(
        ERROR_STATUS.SHUTTING_DOWN,
        'The service is shutting down before the puppet run ended; the run goes on, and its result is in the service log.',
      );
  }
}

export function replyForError(err: unknown): Reply {
  if (isTwitchError(err)) {
    const reply: Reply = { status: ERROR_STATUS[err.code], body: err.message, headers: err.headers };
    return CLOSES_CONNECTION.has(err.code) ? { ...reply, close: true } : reply;
  }
  return { status: 500, body: `Internal error: ${(err as Error)?.message ?? String(err)}` };
}
