// `puppet-twitch fleet`: select nodes, roll the runs out, print what became of each. Returns the exit status.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { findPuppet } from '../config';
import { isTwitchError, twitchError } from '../errors';
import { EXIT, exitCodeOf } from '../exit-codes';
import { printable } from '../text';
import { FLEET_USAGE, parseFleetArgs, type FleetOptions } from './args';
import { cleartextRefusal } from './cleartext';
import { createClient, type Tls } from '../client/http';
import { attemptNode } from './node-run';
import { exitStatus, summarize } from './outcomes';
import { fleetDocument, jsonText, progressLine, table } from './report';
import { rollout, type Progress } from './rollout';
import { resolveTargets } from './targets';

const usage = (message: string) => twitchError('USAGE', `fleet: ${message}`);

const cannotRead = (option: string, file: string, err: unknown) =>
  `cannot read ${option} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;

function readSecretFile(option: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw usage(`${cannotRead(option, file, err)}.`);
  }
}

/** The local Puppet agent's CA, certificate and key, for the TLS files not given on the command line. */
function agentSslFiles(): Record<'localcacert' | 'hostcert' | 'hostprivkey', string> {
  const puppet = findPuppet();
  const none = 'give --cacert, --cert and --key for https';
  if (puppet === undefined) throw usage(`${none} (no Puppet agent here to take them from).`);
  let out: string;
  try {
    out = execFileSync(puppet, ['config', 'print', '--section', 'agent', 'localcacert', 'hostcert', 'hostprivkey'], {
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    throw usage(`${none} ('puppet config print' failed: ${(err as Error).message.split('\n')[0]}).`);
  }
  const files: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^(\w+) = (.+)$/.exec(line.trim());
    if (m !== null) files[m[1]] = m[2];
  }
  return files as Record<'localcacert' | 'hostcert' | 'hostprivkey', string>;
}

function tlsMaterial(opts: FleetOptions): Tls {
  const asksPuppetDb = 'query' in opts.selection || opts.addressFact !== null;
  const needed = opts.scheme === 'https' || (asksPuppetDb && opts.puppetdb.startsWith('https:'));
  if (!needed) return {};
  const missing = opts.cacert === null || opts.cert === null || opts.key === null;
  const agent = missing ? agentSslFiles() : undefined;
  // a file given is read as given; a default taken from the agent says where it came from and how to give another
  const read = (option: string, given: string | null, fallback: string | undefined) => {
    if (given !== null) return readSecretFile(option, given);
    if (fallback === undefined) return undefined;
    try {
      return readFileSync(fallback);
    } catch (err) {
      throw usage(`${cannotRead(option, fallback, err)} (this host's Puppet agent's; give ${option} FILE).`);
    }
  };
  return {
    ca: read('--cacert', opts.cacert, agent?.localcacert),
    cert: read('--cert', opts.cert, agent?.hostcert),
    key: read('--key', opts.key, agent?.hostprivkey),
  };
}

function bearer(file: string | null): string | null {
  if (file === null) return null;
  const token = readSecretFile('--token-file', file).toString('utf8').trim();
  if (token === '' || /[\s\0-\x1f]/.test(token)) throw usage(`--token-file ${file} must hold one token on one line.`);
  return `Bearer ${token}`;
}

async function fleet(opts: FleetOptions, out: NodeJS.WriteStream, err: NodeJS.WriteStream): Promise<number> {
  const tls = tlsMaterial(opts);
  const authorization = bearer(opts.tokenFile);
  const client = createClient(tls);
  const connectMs = opts.connectTimeout * 1000;
  const timeoutMs = opts.timeout * 1000;
  const started = new Date();
  try {
    const db = { url: opts.puppetdb, request: client.request, connectMs, timeoutMs };
    const { targets, puppetdbSeconds } = await resolveTargets(opts.selection, opts.addressFact, db);
    const refusal = cleartextRefusal(targets, opts);
    if (refusal !== null) throw usage(`${refusal} See 'puppet-twitch fleet --help'.`);
    const ctx = { scheme: opts.scheme, port: opts.port, authorization, connectMs, timeoutMs, waitSeconds: opts.waitSeconds, run: opts.run };

    const tty = err.isTTY === true;
    let last: Progress = { total: targets.length, done: 0, running: 0, failed: 0, counts: summarize([]), batch: null, batches: 1, elapsedSeconds: 0 };
    const show = () => err.write(`\r\x1b[K${progressLine({ ...last, elapsedSeconds: (Date.now() - started.getTime()) / 1000 })}`);
    const ticker = tty ? setInterval(show, 1000) : undefined;
    const results = await rollout(
      targets,
      { concurrency: opts.concurrency, maxFailures: opts.maxFailures, busyTimeout: opts.busyTimeout },
      // connections of their own per node and try, closed when it ends: a finished node holds no socket
      async (target, state) => {
        const own = createClient(tls);
        try {
          return await attemptNode(target, { ...ctx, request: own.request }, state);
        } finally {
          own.close();
        }
      },
      (p) => {
        last = p;
        if (tty) show();
      },
    );
    clearInterval(ticker);
    if (tty) err.write('\r\x1b[K');

    const finished = new Date();
    const doc = fleetDocument(
      {
        started_at: started.toISOString(),
        finished_at: finished.toISOString(),
        duration_seconds: (finished.getTime() - started.getTime()) / 1000,
        selection: opts.selection,
        puppetdb_query_seconds: puppetdbSeconds,
        concurrency: opts.concurrency,
        max_failures: opts.maxFailures,
        busy_timeout: opts.busyTimeout,
        options: opts.run,
        order: 'name',
        seed: null,
        canary: null,
        batch_size: null,
        batch_sleep: 0,
        max_failures_given: opts.maxFailures === null ? null : String(opts.maxFailures),
        batches: 1,
        stopped: null,
        drift: null,
        exit_status: exitStatus(results),
      },
      results,
    );
    out.write(opts.json ? jsonText(doc) : table(doc));
    return exitStatus(results);
  } finally {
    client.close();
  }
}

/** The sub-command's entry: usage and PuppetDB errors print one line and exit 2. */
export async function fleetCommand(argv: readonly string[], out = process.stdout, err = process.stderr): Promise<number> {
  try {
    const opts = parseFleetArgs(argv);
    if (opts === 'help') {
      out.write(FLEET_USAGE);
      return EXIT.ok;
    }
    return await fleet(opts, out, err);
  } catch (e) {
    if (!isTwitchError(e)) throw e;
    // a message may quote PuppetDB's answer or its certificate's names: their control characters are shown escaped
    err.write(`puppet-twitch: ${printable(e.message, Infinity)}\n`);
    return exitCodeOf(e.code);
  }
}
