// What is told of every answered request, as listeners of the response: the audit line (when the answer is
// decided, also for an answer that streams for an hour), then the access log line and the request metrics (when
// it has ended, sent or not). The server calls `answered` and `ended` once each per request.
import type { AccessLog } from '../config';
import type { Audit } from '../audit';
import { isoTime } from '../clock';
import type { Logger } from '../log';
import { PATHS } from '../api';
import type { Answer } from './pipeline';
import { OTHER_ROUTE } from './scopes';

/** The routes `access_log: default` logs every answer of; on the others it logs only errors (4xx and 5xx). */
export const ACCESS_LOGGED: ReadonlySet<string> = new Set([PATHS.trigger, PATHS.runs, PATHS.run, PATHS.runOutput, PATHS.status, PATHS.disable, PATHS.enable]);

/** A request as the listeners see it. */
export interface ResponseEvent {
  /** the client's address */
  address: string;
  /** the address and, over TLS, the certname: what log lines name the client by */
  who: string;
  method: string;
  /** the path, never the query string (it may carry a credential) */
  path: string;
  answer: Answer;
  /** process.hrtime.bigint() when the request's turn began */
  start: bigint;
}

/** How an answer ended. */
export type Ending =
  | 'sent'
  /** a streamed answer whose client left before its end */
  | 'client left'
  /** the client closed the connection before the answer could be written */
  | 'client closed'
  /** closed, before the request was complete, to make room at max_connections */
  | 'evicted'
  /** the client left before its request was complete */
  | 'aborted'
  /** the connection was closed with an error answer to a malformed request behind this one */
  | 'error';

export interface ResponseListener {
  answered(event: ResponseEvent): void;
  ended(event: ResponseEvent, ending: Ending): void;
  /** a request Node's parser refused, answered `status` with a close (`code`: the parser's error code) */
  refused(who: string, status: number, code: string | undefined): void;
}

export interface AccessOptions {
  log: Logger;
  audit?: Audit;
  /** which requests get an access log line (default: all) */
  accessLog?: AccessLog;
  /** counts every answered request by route table key (OTHER_ROUTE: no route) and status */
  observe?: (route: string, status: number) => void;
}

const took = (start: bigint) => `${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(1)}ms`;

export function createAccess(options: AccessOptions): ResponseListener {
  const { log, audit, observe } = options;
  const accessLog = options.accessLog ?? 'all';
  /** Whether a request gets an access log line: `default` leaves out answered requests to the quiet routes. */
  const logs = (route: string, status: number): boolean =>
    accessLog === 'all' || (accessLog === 'default' && (status >= 400 || ACCESS_LOGGED.has(route)));

  function accessLine(event: ResponseEvent, ending: Ending): string | undefined {
    const { answer } = event;
    const { status } = answer.reply;
    // A certificate is named after the address already; other identities come last.
    const name = answer.identity === null || answer.identity.kind === 'cert' ? '' : ` ${answer.identity.name}`;
    const outcome = `${status} ${took(event.start)}${name}`;
    const line = `${event.who} ${event.method} ${event.path}`;
    switch (ending) {
      case 'sent':
        return `${line} ${outcome}`;
      case 'client left':
        return `${line} ${outcome} (client left)`;
      case 'client closed':
        return `${line} ${outcome} (not sent: the client closed the connection)`;
      case 'evicted':
        return `${line} - closed before the request was complete, to make room for a new connection (max_connections)`;
      case 'aborted':
        return `${line} - client aborted the request`;
      case 'error':
        return undefined; // its error answer is logged
    }
  }

  return {
    answered(event) {
      if (audit === undefined || event.answer.scope === null) return;
      const { reply, identity } = event.answer;
      audit({
        time: isoTime(),
        client: event.address,
        identity: identity?.name ?? null,
        method: event.method,
        path: event.path,
        options: reply.run?.options ?? null,
        status: reply.status,
        run_id: reply.run?.id ?? null,
      });
    },
    ended(event, ending) {
      const { route, reply } = event.answer;
      // an answer that was never written is not counted as answered
      const written = ending === 'sent' || ending === 'client left';
      if (written) observe?.(route, reply.status);
      if (!logs(route, reply.status)) return;
      const line = accessLine(event, ending);
      if (line !== undefined) log.info(line);
    },
    refused(who, status, code) {
      observe?.(OTHER_ROUTE, status);
      if (logs(OTHER_ROUTE, status)) log.info(`${who} - - ${status} ${code}`);
    },
  };
}
