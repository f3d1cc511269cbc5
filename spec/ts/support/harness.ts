// Mocha hooks shared by the bundle tests: a sandbox (stand-in puppet, config) and a running service,
// either fresh for every test or shared by a describe block (reset between tests once the service is idle).
// The service's log is printed when a test fails.
import { Sandbox, type Behaviour, type ConfigObject } from './standin';
import {
  childPids,
  pidAlive,
  request,
  startService,
  waitFor,
  type HttpResult,
  type RequestOptions,
  type Service,
  type StartOptions,
} from './service';

export interface ServiceContext {
  sb: Sandbox;
  svc: Service;
}

export interface UseServiceOptions {
  behaviour?: Behaviour;
  config?: ConfigObject;
  start?: Omit<StartOptions, 'config'>;
  /** false: the test starts the service itself (assign ctx.svc so it is cleaned up) */
  autoStart?: boolean;
  /** one service for the whole describe block instead of one per test */
  shared?: boolean;
}

/** Waits until no stand-in run is alive and the service has no child process (its helper) left. */
export async function waitIdle(ctx: ServiceContext, timeoutMs = 10000): Promise<void> {
  await waitFor(
    'the service to be idle (no stand-in run, no helper process)',
    () => ctx.sb.runs().every((r) => !pidAlive(r.pid)) && (!ctx.svc?.running || childPids(ctx.svc.servicePid()).length === 0),
    timeoutMs,
  );
}

export function useService(opts: UseServiceOptions = {}): ServiceContext {
  const ctx = {} as ServiceContext;
  const setUp = async () => {
    ctx.sb = new Sandbox();
    ctx.sb.setBehaviour(opts.behaviour ?? {});
    ctx.sb.writeConfig(opts.config);
    if (opts.autoStart !== false) ctx.svc = await startService({ ...opts.start, config: ctx.sb.configPath });
  };
  const tearDown = () => {
    (ctx.svc as Service | undefined)?.kill();
    ctx.sb?.cleanup();
    ctx.svc = undefined as unknown as Service;
  };
  const report = (test: Mocha.Test | undefined) => {
    if (test?.state !== 'failed') return;
    const svc = ctx.svc as Service | undefined;
    if (svc) console.log(`    service log of "${test.title}":\n${svc.logs}`);
    console.log(`    stand-in runs: ${JSON.stringify(ctx.sb?.runs())}`);
  };

  if (opts.shared) {
    before(setUp);
    beforeEach(async function () {
      if (!ctx.svc?.running) throw new Error(`the shared service is not running\n${ctx.svc?.logs}`);
      await waitIdle(ctx);
      ctx.sb.reset();
      ctx.sb.setBehaviour(opts.behaviour ?? {});
    });
    afterEach(function () {
      report(this.currentTest);
    });
    after(tearDown);
  } else {
    beforeEach(setUp);
    afterEach(function () {
      report(this.currentTest);
      tearDown();
    });
  }
  return ctx;
}

export const TRIGGER = '/puppet/twitch';

export function trigger(svc: Service, query = '', opts: RequestOptions = {}): Promise<HttpResult> {
  return request(svc.port, TRIGGER + query, opts);
}

export const TEXT_PLAIN = 'text/plain; charset=utf-8';
