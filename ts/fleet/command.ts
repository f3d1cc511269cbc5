// `puppet-twitch fleet`: select nodes, roll the runs out batch by batch, print what became of each in the format
// asked for. Ctrl-C is the rollout's while it goes on. Returns the exit status.
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { isTwitchError, twitchError } from '../errors';
import { EXIT, exitCodeOf } from '../exit-codes';
import { printable } from '../text';
import { parseFleetArgs, type FleetOptions } from './args';
import { cleartextRefusal } from './cleartext';
import { createClient, type Request } from '../client/http';
import { bearer, tlsMaterial } from './credentials';
import { groupDrift } from './drift';
import { endTexts, isStreamed, nodeText, startText } from './emit';
import { attemptNode } from './node-run';
import { openOutput, type OutputFile } from './output-file';
import { exitStatus, summarize } from './outcomes';
import { planBatches, resolveAmount } from './plan';
import { fleetDocument, progressLine, type FleetPlan } from './report';
import { rollout, type Progress } from './rollout';
import { resolveTargets } from './targets';
import { FLEET_USAGE } from './usage';

const usage = (message: string) => twitchError('USAGE', `fleet: ${message}`);

/** What stderr says at the first Ctrl-C. */
export const interruptNotice = (running: number): string =>
  `fleet: interrupted: waiting for ${running} runs in flight (Ctrl-C again to stop waiting)\n`;

/** A seed for --order random without --seed: reported in the document, so that the order can be had again. */
export const newSeed = (): string => randomBytes(8).toString('hex');

async function fleet(opts: FleetOptions, out: NodeJS.WritableStream & { isTTY?: boolean }, err: NodeJS.WritableStream & { isTTY?: boolean }, env: NodeJS.ProcessEnv): Promise<number> {
  const tls = tlsMaterial(opts);
  const authorization = bearer(opts.tokenFile);
  const client = createClient(tls);
  const connectMs = opts.connectTimeout * 1000;
  const timeoutMs = opts.timeout * 1000;
  const started = new Date();
  try {
    const db = { url: opts.puppetdb, request: client.request, connectMs, timeoutMs };
    const { targets, puppetdbSeconds, notice } = await resolveTargets(opts.selection, opts.addressFact, db);
    const refusal = cleartextRefusal(targets, opts);
    if (refusal !== null) throw usage(`${refusal} See 'puppet-twitch fleet --help'.`);
    const ctx = { scheme: opts.scheme, port: opts.port, authorization, connectMs, timeoutMs, waitSeconds: opts.waitSeconds, run: opts.run };
    const seed = opts.order === 'random' ? (opts.seed ?? newSeed()) : null;
    const batches = planBatches(targets, { order: opts.order, seed, canary: opts.canary, batchSize: opts.batchSize });
    const maxFailures = opts.maxFailures === null ? null : resolveAmount(opts.maxFailures, targets.length);
    const streamed = isStreamed(opts.format);
    // made (or checked) before any node is started: a result that cannot be written is not run for
    const file: OutputFile | null = opts.output === null ? null : openOutput(opts.output, streamed);
    const stepSummaryFile = opts.format === 'github' ? (env.GITHUB_STEP_SUMMARY || null) : null;
    if (notice !== null) err.write(`puppet-twitch: ${printable(notice, Infinity)}\n`);
    const plan: FleetPlan = {
      started_at: started.toISOString(),
      selection: opts.selection,
      puppetdb_query_seconds: puppetdbSeconds,
      concurrency: opts.concurrency,
      max_failures: maxFailures,
      busy_timeout: opts.busyTimeout,
      options: opts.run,
      order: opts.order,
      seed,
      canary: opts.canary,
      batch_size: opts.batchSize === null ? null : resolveAmount(opts.batchSize, targets.length),
      batch_sleep: opts.batchSleep,
      max_failures_given: opts.maxFailures?.given ?? null,
      batches: batches.length,
    };
    // a stream names every node before any starts, so that one cut short still says which nodes it had
    const start = startText(opts.format, plan, batches);
    if (start !== null) {
      if (file === null) out.write(start);
      else if (!file.append(start)) {
        const trouble = file.finish('');
        throw usage(`${trouble ?? `cannot write --output ${opts.output}`}. Nothing was started: free room on its disk or give another --output file.`);
      }
    }

    const tty = err.isTTY === true;
    let last: Progress = { total: targets.length, done: 0, running: 0, failed: 0, counts: summarize([]), batch: null, batches: batches.filter((b) => b.index > 0).length, elapsedSeconds: 0 };
    const show = () => err.write(`\r\x1b[K${progressLine({ ...last, elapsedSeconds: (Date.now() - started.getTime()) / 1000 })}`);
    const ticker = tty ? setInterval(show, 1000) : undefined;
    // connections of their own per node and try, closed when it ends: a finished node holds no socket, and a
    // second Ctrl-C closes those of the runs no longer waited for, so that the process can exit
    const open = new Set<{ close(): void }>();
    let abandoned = false;
    let lineTrouble: string | null = null;
    const handle = rollout(
      batches,
      { concurrency: opts.concurrency, maxFailures, maxFailuresGiven: opts.maxFailures?.given ?? null, busyTimeout: opts.busyTimeout, batchSleep: opts.batchSleep },
      async (target, state) => {
        const own = createClient(tls);
        open.add(own);
        const request: Request = (url, ask) => (abandoned ? Promise.reject(new Error('not waited for: interrupted')) : own.request(url, ask));
        try {
          return await attemptNode(target, { ...ctx, request }, state);
        } finally {
          open.delete(own);
          own.close();
        }
      },
      {
        onProgress: (p) => {
          last = p;
          if (tty) show();
        },
        // a node's line that cannot be made or written must not end the rollout: the runs going on are still
        // waited for, and the trouble is said at the end
        onResult: (result) => {
          try {
            const line = nodeText(opts.format, result);
            if (line === null) return;
            if (file !== null) file.append(line);
            else out.write(line);
          } catch (e) {
            lineTrouble ??= `cannot write the line of node ${result.node}: ${(e as Error).message}`;
          }
        },
      },
    );
    let interrupts = 0;
    const onSigint = () => {
      const running = handle.interrupt();
      if (++interrupts === 1) {
        err.write(`${tty ? '\r\x1b[K' : ''}${interruptNotice(running)}`);
        return;
      }
      abandoned = true;
      for (const c of open) c.close();
    };
    process.on('SIGINT', onSigint);
    let end;
    try {
      end = await handle.done;
    } finally {
      process.off('SIGINT', onSigint);
      clearInterval(ticker);
    }
    if (tty) err.write('\r\x1b[K');
    const { results, stopped } = end;

    const finished = new Date();
    const status = exitStatus(results, stopped?.reason ?? null);
    const { started_at, ...planned } = plan;
    const doc = fleetDocument(
      {
        started_at,
        finished_at: finished.toISOString(),
        duration_seconds: (finished.getTime() - started.getTime()) / 1000,
        ...planned,
        stopped,
        drift: opts.run.noop === true ? groupDrift(results) : null,
        exit_status: status,
      },
      results,
    );
    const texts = endTexts(opts.format, doc, { output: file !== null, stepSummary: stepSummaryFile !== null });
    out.write(texts.stdout);
    // what could not be written is said, and a rollout whose results were lost does not exit 0
    const troubles: string[] = lineTrouble === null ? [] : [lineTrouble];
    if (file !== null) {
      const trouble = file.finish(texts.file ?? '');
      if (trouble !== null) troubles.push(trouble);
    }
    if (stepSummaryFile !== null && texts.stepSummary !== null) {
      try {
        appendFileSync(stepSummaryFile, texts.stepSummary);
      } catch (e) {
        troubles.push(`cannot append to $GITHUB_STEP_SUMMARY ${stepSummaryFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
    for (const trouble of troubles) err.write(`puppet-twitch: fleet: ${printable(trouble, Infinity)}; the table above has every node's outcome.\n`);
    return troubles.length > 0 && status === EXIT.ok ? EXIT.failure : status;
  } finally {
    client.close();
  }
}

/** The sub-command's entry: usage and PuppetDB errors print one line and exit 2. */
export async function fleetCommand(argv: readonly string[], out = process.stdout, err = process.stderr, env = process.env): Promise<number> {
  try {
    const opts = parseFleetArgs(argv);
    if (opts === 'help') {
      out.write(FLEET_USAGE);
      return EXIT.ok;
    }
    return await fleet(opts, out, err, env);
  } catch (e) {
    if (!isTwitchError(e)) throw e;
    // a message may quote PuppetDB's answer or its certificate's names: their control characters are shown escaped
    err.write(`puppet-twitch: ${printable(e.message, Infinity)}\n`);
    return exitCodeOf(e.code);
  }
}
