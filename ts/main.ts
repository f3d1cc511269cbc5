// The bundle's entry: sub-command dispatch, signals and exit statuses live here and only here.
import { openAuditLog, type Audit } from './audit';
import { authWarnings } from './auth/warnings';
import { createGate } from './auth/gate';
import { triggerRate } from './auth/trigger-rate';
import { openDeliveries } from './auth/deliveries';
import { tokenHashCommand, tokenNew } from './auth/token-command';
import { isDaemonCommand, parseArgs, USAGE } from './cli';
import { isoTime } from './clock';
import { hostFacts, loadConfig, redactSecrets, type Config, type Host } from './config';
import { runDaemonCommand } from './daemon/commands';
import { LOG_FILE_ENV, openLogFile } from './daemon/logfile';
import { READY_FILE_ENV, writeReady } from './daemon/ready';
import { isTwitchError, twitchError } from './errors';
import { EXIT, exitCodeOf } from './exit-codes';
import { runOutputPath, runPath, serviceUrl } from './api';
import { createAccess } from './http/access';
import { heldBudget, heldLimit } from './http/held';
import { hostNames } from './http/origin';
import { routeScopes } from './http/scopes';
import { connectionCap, createHttpService } from './http/server';
import { routes } from './http/routes';
import { createLogger } from './log';
import { createMetrics } from './metrics/metrics';
import { createOutputHub } from './output/hub';
import { createOutputStore } from './output/store';
import { currentPlatform, type Platform } from './platform';
import { runHelper } from './puppet/helper';
import { helperCommand, helperLauncher } from './puppet/launch';
import { openRecordStore } from './core/records';
import { createReportStore } from './core/run-reports';
import { errorKind, remedy } from './core/record-writes';
import { createRunner, outcomeOfRecord } from './core/runner';
import { mayBePuppet } from './core/recovery';
import { createTrigger } from './core/trigger';
import { createControl } from './core/control';
import { disableFile } from './core/disable-file';
import { runLogOpener } from './runlog';
import { describeSchedule, startSchedule, type Schedule } from './core/schedule';
import { cachedPuppetStatus } from './core/status';
import { loadTls } from './tls/files';
import { logLoaded, watchTls, type TlsReloader } from './tls/reload';
import { version } from './version';

export interface Service {
  address: string;
  port: number;
  tls: boolean;
  /** re-reads the TLS files (no-op without TLS) */
  reload(why: string): void;
  /** writes the log lines still batched */
  flushLog(): void;
  close(): Promise<void>;
}

export async function start(
  config: Config,
  write: (text: string) => void = (text) => process.stdout.write(text),
  platform: Platform = currentPlatform(),
): Promise<Service> {
  const log = createLogger(write);
  // Unusable TLS files stop the start here, before anything else, naming the key and the path (exit 2).
  const tls = config.tls === undefined ? undefined : { config: config.tls, material: loadTls(config.tls) };
  // This bundle's own helper sub-command, run by the node binary running the service: the sudoers command.
  const launch = helperLauncher(helperCommand(config, process.execPath, __filename, platform), config.puppet.sudo, platform);
  let audit: Audit | undefined;
  const metrics = config.metrics.enabled ? createMetrics(log, platform, () => audit?.lost() ?? 0) : undefined;
  let store;
  try {
    // a state_dir the service cannot write stops the start here: a run it could not record would not start
    store = openRecordStore(config.state_dir, config.history, log, { onWriteError: metrics?.observeStateWriteError });
  } catch (err) {
    throw twitchError(
      'CONFIG_INVALID',
      `Cannot use state_dir ${config.state_dir} for run records: ${(err as Error).message}; ${remedy(errorKind(err))}, or set state_dir to a directory the service user can write.`,
    );
  }
  try {
    audit = openAuditLog(config.audit_log, config.audit_max_bytes, log);
  } catch (err) {
    throw twitchError('CONFIG_INVALID', `Cannot open audit_log ${config.audit_log}: ${(err as Error).message}`);
  }
  const gate = createGate({ auth: config.auth, clientCerts: (config.tls?.client_certs ?? 'none') !== 'none' });
  const puppetStatus = cachedPuppetStatus(launch);
  const output = createOutputHub({
    store: createOutputStore({
      dir: config.state_dir,
      maxBytes: config.output_max_bytes,
      log,
      onWriteError: metrics && ((err) => metrics.observeOutputWriteError(errorKind(err))),
    }),
    windowBytes: config.output_window_bytes,
    outcome: outcomeOfRecord,
    links: { record: runPath, output: runOutputPath },
    log,
  });
  // a report still waiting to be written when its record is pruned or discarded is dropped, not written after it
  const reports = createReportStore({ dir: config.state_dir, log, onWriteError: metrics?.observeStateWriteError, kept: (id) => store.has(id) });
  const runner = createRunner({
    launch,
    // a PID given to another process since the record was written is not the run's
    isAlive: (pid) => platform.isAlive(pid) && mayBePuppet(platform.commandLine(pid)),
    refusalReuseMs: config.limits.refusal_reuse_seconds * 1000,
    log,
    store,
    puppetStatus,
    openRunLog: runLogOpener(config.run_dir, log),
    openOutput: output.open,
    onFinished: metrics?.observeRun,
    saveReport: reports.save,
  });
  // set once the port is open, so a failed start leaves no timer behind; until then status shows no next run
  let schedule: Schedule | null = null;
  const scheduleView = config.schedule === undefined ? null : { expression: config.schedule.cron, nextRun: () => schedule?.nextRun() ?? null };
  const trigger = createTrigger({ runner, store, limits: config.limits, rate: triggerRate({ accepted: config.limits.triggers_per_minute, refused: config.limits.refused_triggers_per_minute }) });
  const cap = connectionCap(config.max_connections, platform.openFileLimit());
  const held = heldBudget(heldLimit(config.limits.max_held, cap));
  const webhooks =
    config.auth.webhooks.length === 0 ? undefined : { trigger, deliveries: openDeliveries(config.state_dir, log), webhooks: config.auth.webhooks, store };
  const control = createControl({ launch, store, runner, puppetStatus, file: disableFile(config.state_dir), maxTtl: config.control.max_disable_ttl, log });
  const table = routes({ runner, store, puppetStatus, config, trigger, held, webhooks, output, schedule: scheduleView, startedAt: Date.now(), metrics, control, authOpen: !gate.closed, reports });
  const http = createHttpService(table, log, {
    cap,
    gate,
    maxWebhookBody: config.limits.max_body_bytes,
    scopes: routeScopes(config.metrics),
    hosts: hostNames(platform.hostname(), config.allowed_hosts, config.bind),
    access: createAccess({ log, audit, accessLog: config.access_log, observe: metrics?.observeRequest }),
    tls: tls && { options: tls.material.options, clientCerts: tls.config.client_certs, allowedCertnames: tls.config.allowed_certnames },
  });
  const { address, port } = await http.listen(config.port, config.bind);
  if (config.schedule !== undefined) schedule = startSchedule(config.schedule, runner, log);
  control.resume();
  const pipe = platform.paths.helperPipe;
  const via = !config.puppet.sudo ? 'directly' : pipe === undefined ? 'through sudo' : `through the helper service on ${pipe}`;
  const scheduled = config.schedule === undefined ? '' : `; ${describeSchedule(config.schedule, schedule?.nextRun() ?? null)}`;
  log.info(`puppet-twitch ${version} listening on ${serviceUrl(address, port, tls !== undefined)} (puppet ${config.puppet.mode} ${via})${scheduled}`);
  for (const warning of authWarnings(config, gate.closed)) log.error(`WARNING: ${warning}`);
  let reloader: TlsReloader | undefined;
  if (tls !== undefined) {
    const { client_certs, allowed_certnames } = tls.config;
    const names = allowed_certnames.length === 0 ? 'none' : allowed_certnames.join(' ');
    log.info(`TLS: client certificates ${client_certs}${client_certs === 'none' ? '' : `, allowed certnames: ${names}`}`);
    logLoaded(log, 'loaded', tls.material);
    reloader = watchTls(tls.config, log, (next) => http.setSecureContext(next.options));
  }
  return {
    address,
    port,
    tls: tls !== undefined,
    reload(why) {
      reloader?.reload(why);
    },
    flushLog: log.flush,
    async close() {
      reloader?.close();
      schedule?.stop();
      control.stop();
      runner.shutdown();
      output.shutdown(); // streamed answers end with a line saying so; the run goes on
      await http.close();
      audit.close();
      log.info('stopped');
      log.flush();
    },
  };
}

function fail(err: unknown): never {
  process.stderr.write(`puppet-twitch: ${(err as Error)?.message ?? String(err)}\n`);
  process.exit(isTwitchError(err) ? exitCodeOf(err.code) : EXIT.failure);
}

/** What the config's defaults depend on, as this platform answers it. */
function hostOf(platform: Platform): Host {
  return { ...hostFacts(), isRoot: platform.isRoot(), findPuppet: platform.findPuppet };
}

/** A variable `start` set for this process only: read once, and not passed on to what it runs. */
function takeEnv(name: string): string | undefined {
  const value = process.env[name];
  delete process.env[name];
  return value === '' ? undefined : value;
}

async function serve(config: Config, platform: Platform): Promise<void> {
  // A closed stdout (a pipe whose reader left) must not take the service down; the journal never closes.
  process.stdout.on('error', () => undefined);
  // Run by `start`: the log is a file the service writes itself, reopened on SIGHUP (logrotate moves it).
  let write: (text: string) => void = (text) => process.stdout.write(text);
  let reopenLog = (_signal: string) => undefined as void;
  const logPath = takeEnv(LOG_FILE_ENV);
  const readyFile = takeEnv(READY_FILE_ENV);
  if (logPath !== undefined) {
    const logFile = openLogFile(logPath);
    write = logFile.write;
    reopenLog = (signal) => {
      try {
        logFile.reopen();
        write(`${isoTime()} INFO ${signal}: log file reopened\n`);
      } catch (err) {
        write(`${isoTime()} ERROR ${signal}: cannot reopen ${logPath}: ${(err as Error).message}; still writing to the old file\n`);
      }
    };
  }
  // Handlers first: a stop signal that lands while the port opens must still stop the service cleanly.
  let service: Service | undefined;
  // The reload signal never stops the service (under systemd too): it reopens the log file, then re-reads the TLS files.
  for (const signal of platform.signals.reload) {
    process.on(signal, () => {
      reopenLog(signal);
      service?.reload(signal);
    });
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    write(`${isoTime()} INFO ${signal}: stopping; a puppet run in progress goes on\n`);
    while (service === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    await service.close();
    process.exit(EXIT.ok);
  };
  for (const signal of platform.signals.stop) process.on(signal, () => void stop(signal));
  service = await start(config, write, platform);
  // Run by `start`: it learns from this file, not from the log, that the service listens and where.
  if (readyFile !== undefined) {
    service.flushLog(); // the log says it listens before `start` says so
    writeReady(readyFile, { pid: process.pid, address: service.address, port: service.port, tls: service.tls });
  }
}

export async function main(argv: readonly string[], platform: Platform = currentPlatform()): Promise<void> {
  const invocation = parseArgs(argv);
  switch (invocation.command) {
    case 'help':
      process.stdout.write(USAGE);
      return;
    case 'version':
      process.stdout.write(`${version}\n`);
      return;
    case 'helper':
      process.exitCode = await runHelper(invocation.config, platform);
      return;
    case 'helper-service': {
      // loaded on use: only the helper service on Windows runs it
      const { runHelperService } = await import('./puppet/pipe');
      process.exit(await runHelperService(invocation.config, platform));
    }
    case 'config': {
      const { file: _file, ...config } = loadConfig(invocation, hostOf(platform));
      process.stdout.write(`${JSON.stringify(redactSecrets(config), null, 2)}\n`);
      return;
    }
    case 'token':
      process.stdout.write(invocation.action === 'new' ? tokenNew(invocation.id as string, invocation.scopes) : tokenHashCommand());
      return;
    case 'fleet': {
      // loaded on use: the service never runs it
      const { fleetCommand } = await import('./fleet/command');
      process.exitCode = await fleetCommand(invocation.fleetArgs ?? []);
      return;
    }
    case 'serve':
      return serve(loadConfig(invocation, hostOf(platform)), platform);
    default:
      if (isDaemonCommand(invocation.command)) process.exitCode = await runDaemonCommand(invocation.command, invocation, __filename, platform);
  }
}

if (require.main === module) main(process.argv.slice(2)).catch(fail);
