// Webhook deliveries already received, kept in state_dir so that a repeated delivery (a sender's retry, a
// replayed request) starts nothing, also after a restart. A delivery is known by the keys its sender gives it
// (GitHub's X-GitHub-Delivery, GitLab's X-Gitlab-Event-UUID) and by what it signed (the body's signature), so a
// replay with a new delivery id is known too. Keys are kept hashed; no secret and no body is stored.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingHttpHeaders } from 'node:http';
import type { WebhookType } from './vocabulary';
import { writeFileAtomic } from '../files';
import type { Logger } from '../log';
import { sha256 } from './crypto';
import { WEBHOOK_HEADERS } from './webhooks';

/** How long a delivery is remembered: far longer than the hmac signature's window of 300 s, and a sender's retries. */
export const DELIVERY_RETAIN_MS = 24 * 3600 * 1000;
/** The most deliveries remembered; past it the oldest are forgotten. */
export const MAX_DELIVERIES = 10_000;

/** What the first delivery got: its run (null: it started none), or that it is still being handled. */
export type FirstAnswer = { run_id: string | null } | 'pending';

export interface Deliveries {
  /** the first answer to a delivery with any of these keys, while it is remembered */
  find(keys: readonly string[]): FirstAnswer | undefined;
  /** remembers a delivery being handled; throws when it cannot be written (then nothing may start) */
  begin(keys: readonly string[]): void;
  /** what the delivery led to; a failed write is logged (the run has started) and retried with the next write */
  finish(keys: readonly string[], runId: string | null): void;
  /** a delivery that ended before the runner was asked (an error): forgotten, so the sender may try again */
  abandon(keys: readonly string[]): void;
}

interface Entry {
  run_id: string | null;
  pending: boolean;
  until: number;
}

/** The keys a verified delivery is known by. */
export function deliveryKeys(type: WebhookType, hookId: string, headers: IncomingHttpHeaders, body: string): string[] {
  const header = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const keys = [`${hookId}:signed:${header(WEBHOOK_HEADERS[type]) ?? ''}`];
  if (type === 'gitlab') keys[0] = `${hookId}:body:${sha256(body).toString('hex')}`; // the token is the same for every delivery
  const id = type === 'github' ? header('x-github-delivery') : type === 'gitlab' ? header('x-gitlab-event-uuid') : undefined;
  if (id !== undefined) keys.push(`${hookId}:id:${id}`);
  return keys.map((key) => sha256(key).toString('hex').slice(0, 40));
}

/** The deliveries remembered in `stateDir` (webhook-deliveries.json). */
export function openDeliveries(stateDir: string, log: Logger, now: () => number = Date.now): Deliveries {
  const file = join(stateDir, 'webhook-deliveries.json');
  const entries = new Map<string, Entry>();
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { deliveries?: Array<[string, string | null, number]> };
    for (const [key, runId, until] of doc.deliveries ?? []) {
      if (typeof key === 'string' && typeof until === 'number' && until > now()) entries.set(key, { run_id: runId ?? null, pending: false, until });
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.error(`cannot read ${file}, starting with no remembered webhook deliveries: ${(err as Error).message}`);
  }

  const write = () => {
    const t = now();
    for (const [key, entry] of entries) {
      if (entry.until > t && entries.size <= MAX_DELIVERIES) break; // kept in insertion order: the oldest first
      entries.delete(key);
    }
    // a delivery still being handled is written as one that started nothing: after a crash it is not started again
    const deliveries = [...entries].map(([key, e]) => [key, e.run_id, e.until]);
    writeFileAtomic(file, `${JSON.stringify({ deliveries })}\n`, 0o640);
  };

  return {
    find(keys) {
      const t = now();
      for (const key of keys) {
        const entry = entries.get(key);
        if (entry !== undefined && entry.until > t) return entry.pending ? 'pending' : { run_id: entry.run_id };
      }
      return undefined;
    },
    begin(keys) {
      const until = now() + DELIVERY_RETAIN_MS;
      for (const key of keys) {
        entries.delete(key);
        entries.set(key, { run_id: null, pending: true, until });
      }
      try {
        write();
      } catch (err) {
        for (const key of keys) entries.delete(key);
        throw err;
      }
    },
    finish(keys, runId) {
      for (const key of keys) {
        const entry = entries.get(key);
        if (entry !== undefined) Object.assign(entry, { run_id: runId, pending: false });
      }
      try {
        write();
      } catch (err) {
        log.error(`cannot write ${file}: ${(err as Error).message}; the delivery is remembered in memory`);
      }
    },
    abandon(keys) {
      for (const key of keys) entries.delete(key);
      try {
        write();
      } catch {
        // it stays out of memory; the file has it as one that started nothing, which is the safe side
      }
    },
  };
}
