// What a hostile client must never achieve, checked the same way by the hostile corpus and the fuzz run: a
// puppet run started, an error or a 5xx in the service log, the service gone; and where hostile clients connect
// from (loopback addresses of their own, so the failed-authentication block of one does not answer for another).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { AUTH } from './auth';
import type { ServiceContext } from './harness';
import { request } from './service';

/**
 * The service under attack: every kind of credential (auth.ts), an allowlist of 127.0.0.0 to 127.127.255.255 and
 * ::1, webhook bodies up to 2 KiB, and one environment a caller may choose.
 */
export const HOSTILE_CONFIG = {
  auth: { ...AUTH, allow_from: ['127.0.0.0/9', '::1/128'] },
  limits: { max_body_bytes: 2048 },
  puppet: { environments: ['production'] },
};
/** A loopback address outside HOSTILE_CONFIG's allowlist. */
export const OUTSIDE = '127.200.0.1';

/** The `n`th client address of `block` (1 to 127): 127.<block>.<n / 256>.<n % 256>, n from 0 to 65535. */
export function clientAddress(block: number, n: number): string {
  return `127.${block}.${(n >> 8) & 255}.${n & 255}`;
}

/** Neither the stand-in puppet ran nor the service wrote a run record (its state_dir holds only the audit log). */
export function assertNoRunStarted(ctx: ServiceContext): void {
  assert.deepEqual(ctx.sb.runs(), [], 'the stand-in puppet ran');
  // the audit log, and the webhook deliveries remembered (auth/deliveries.ts), are no run records
  const records = readdirSync(ctx.sb.recordsDir).filter((name) => !name.startsWith('audit.log') && name !== 'webhook-deliveries.json');
  assert.deepEqual(records, [], 'the service wrote run records');
}

/** No ERROR line, no uncaught exception on stderr, and no 5xx in the access log but 505 (an HTTP version it does not serve). */
export function assertLogClean(ctx: ServiceContext): void {
  const lines = ctx.svc.stdout.split('\n');
  assert.deepEqual(lines.filter((line) => / ERROR /.test(line)).slice(0, 5), [], 'errors in the service log');
  assert.deepEqual(lines.filter((line) => /^\S+ INFO \S+ \S+ \S+ 5(?!05)\d\d /.test(line)).slice(0, 5), [], '5xx answers in the service log');
  assert.equal(ctx.svc.stderr, '', 'output on stderr');
}

/** The service process is alive and /healthz answers 200 ok on a new connection. */
export async function assertServing(ctx: ServiceContext, when: string): Promise<void> {
  assert.ok(ctx.svc.running, `the service exited ${when}\n${ctx.svc.logs}`);
  const res = await request(ctx.svc.port, '/healthz', { timeoutMs: 10000 });
  assert.equal(res.status, 200, `/healthz ${when}`);
  assert.equal(res.body, 'ok');
}

/** The service's resident memory, in MiB (VmRSS of /proc/<pid>/status). */
export function serviceRssMiB(ctx: ServiceContext): number {
  const line = readFileSync(`/proc/${ctx.svc.servicePid()}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  const kib = Number(/(\d+)/.exec(line ?? '')?.[1]);
  assert.ok(kib > 0, `no VmRSS in /proc/${ctx.svc.servicePid()}/status`);
  return kib / 1024;
}
