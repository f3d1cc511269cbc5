// The bundle's entry: sub-command dispatch, signals and exit statuses live here and only here.
import { openAuditLog } from './audit';
import { authWarnings } from './auth/warnings';
import { createGate } from './auth/gate';
import { triggerRate } from './auth/trigger-rate';
import { tokenHashCommand, tokenNew } from './auth/token-command';
import { isDaemonCommand, parseArgs, USAGE } from './cli';
import { isoTime } from './clock';
import { loadConfig, redactSecrets, type Config } from './config';
import { runDaemonCommand } from './daemon/commands';
import { LOG_FILE_ENV, openLogFile } from './daemon/logfile';
import { ERROR_STATUS, isTwitchError, twitchError } from './errors';
import { runOutputPath, runPath, serviceUrl } from './api';
import { createAccess } from './http/access';
import { heldBudget } from './http/held';
import { routeScopes } from './http/scopes';
import { connectionCap, createHttpService, openFileLimit } from './http/server';
import { routes } from './http/routes';
import { createLogger } from './log';
import { createMetrics } from './metrics/metrics';
import { createOutputHub } from './output/hub';
import { createOutputStore } from './output/store';
import { runHelper } from './puppet/helper';
import { helperCommand, helperLauncher } from './puppet/launch';
import { openRecordStore } from './core/records';
import { createRunner, outcomeOfRecord } from './core/runner';
import { createTrigger } from './core/trigger';
import { runLogOpener } from './runlog';
import { describeSchedule, startSchedule, type Schedule } from './core/schedule';
import { cachedPuppetStatus } from './core/status';
import { loadTls } from './tls/files';
import { logLoaded, watchTls, type TlsReloader } from './tls/reload';
import { version } from './version';

export interface Service {
  address: string;
  port: number;
  /** re-reads the TLS files (no-op without TLS) */
  reload(why: string): void;
  close(): Promise<void>;
}

export async function start(config: Config, write: (text: string) => void = (text) => process.stdout.write(text)): Promise<Service> {
  const log = createLogger(write);
  // Unusable TLS files stop the start here, before anything else, naming the key and the path (exit 2).
  const tls = config.tls === undefined ? undefined : { config: config.tls, material: loadTls(config.tls) };
  // This bundle's own helper sub-command, run by the node binary running the service: the sudoers command.
  const launch = helperLauncher(helperCommand(config, process.execPath, __filename), config.puppet.sudo);
  let store;
  try {
    store = openRecordStore(config.state_dir, config.history, log);
  } catch (err) {
    throw twitchError('CONFIG_INVALID', `Cannot use state_dir ${config.state_dir} for run records: ${(err as Error).message}`);
  }
  let audit;
  try {
    audit = openAuditLog(config.audit_log, config.audit_max_bytes, log);
  } catch (err) {
    throw twitchError('CONFIG_INVALID', `Cannot open audit_log ${config.audit_log}: ${(err as Error).message}`);
  }
  const gate = createGate({ auth: config.auth, clientCerts: (config.tls?.client_certs ?? 'none') !== 'none' });
  const puppetStatus = cachedPuppetStatus(launch);
  const metrics = config.metrics.enabled ? createMetrics(log) : undefined;
  const output = createOutputHub({
    store: createOutputStore({ dir: config.state_dir, maxBytes: config.output_max_bytes, log }),
    outcome: outcomeOfRecord,
    links: { record: runPath, output: runOutputPath },
    log,
  });
  const runner = createRunner({
    launch,
    log,
    store,
    puppetStatus,
    openRunLog: runLogOpener(config.run_dir, log),
    openOutput: output.open,
    onFinished: metrics?.observeRun,
  });
  // set once the port is open, so a failed start leaves no timer behind; until then status shows no next run
  let schedule: Schedule | null = null;
  const scheduleView = config.schedule === undefined ? null : { expression: config.schedule.cron, nextRun: () => schedule?.nextRun() ?? null };
  const trigger = createTrigger({ runner, store, limits: config.limits, rate: triggerRate({ accepted: config.limits.triggers_per_minute, refused: 10 * config.limits.triggers_per_minute }) });
  const cap = connectionCap(config.max_connections, openFileLimit());
  const held = heldBudget(Math.max(1, Math.floor(cap / 4)));
  const table = routes({ runner, store, puppetStatus, config, trigger, held, output, schedule: scheduleView, startedAt: Date.now(), metrics });
  const http = createHttpService(table, log, {
    cap,
    gate,
    maxWebhookBody: config.limits.max_body_bytes,
    scopes: routeScopes(config.metrics),
    access: createAccess({ log, audit, accessLog: config.access_log, observe: metrics?.observeRequest }),
    tls: tls && { options: tls.material.options, clientCerts: tls.config.client_certs, allowedCertnames: tls.config.allowed_certnames },
  });
  const { address, port } = await http.listen(config.port, config.bind);
  if (config.schedule !== undefined) schedule = startSchedule(config.schedule, runner, log);
  const via = config.puppet.sudo ? 'through sudo' : 'directly';
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
    reload(why) {
      reloader?.reload(why);
    },
    async close() {
      reloader?.close();
      schedule?.stop();
      runner.shutdown();
      output.shutdown(); // streamed answers end with a line saying so; the run goes on
      await http.close();
      audit.flush();
      log.info('stopped');
      log.flush();
    },
  };
}

function fail(err: unknown): never {
  process.stderr.write(`puppet-twitch: ${(err as Error)?.message ?? String(err)}\n`);
  process.exit(isTwitchError(err) && (err.code === 'USAGE' || err.code === 'CONFIG_INVALID') ? ERROR_STATUS[err.code] : 1);
}

async function serve(config: Config): Promise<void> {
  // A closed stdout (a pipe whose reader left) must not take the service down; the journal never closes.
  process.stdout.on('error', () => undefined);
  // Run by `start`: the log is a file the service writes itself, reopened on SIGHUP (logrotate moves it).
  let write: (text: string) => void = (text) => process.stdout.write(text);
  let reopenLog = () => undefined as void;
  const logPath = process.env[LOG_FILE_ENV];
  if (logPath !== undefined && logPath !== '') {
    delete process.env[LOG_FILE_ENV];
    const logFile = openLogFile(logPath);
    write = logFile.write;
    reopenLog = () => {
      try {
        logFile.reopen();
        write(`${isoTime()} INFO SIGHUP: log file reopened\n`);
      } catch (err) {
        write(`${isoTime()} ERROR SIGHUP: cannot reopen ${logPath}: ${(err as Error).message}; still writing to the old file\n`);
      }
    };
  }
  // Handlers first: a SIGTERM that lands while the port opens must still stop the service cleanly.
  let service: Service | undefined;
  // SIGHUP never stops the service (under systemd too): it reopens the log file, then re-reads the TLS files.
  process.on('SIGHUP', () => {
    reopenLog();
    service?.reload('SIGHUP');
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    write(`${isoTime()} INFO ${signal}: stopping; a puppet run in progress goes on\n`);
    while (service === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    await service.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  service = await start(config, write);
}

export async function main(argv: readonly string[]): Promise<void> {
  const invocation = parseArgs(argv);
  switch (invocation.command) {
    case 'help':
      process.stdout.write(USAGE);
      return;
    case 'version':
      process.stdout.write(`${version}\n`);
      return;
    case 'helper':
      process.exitCode = await runHelper(invocation.config);
      return;
    case 'config': {
      const { file: _file, ...config } = loadConfig(invocation);
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
      return serve(loadConfig(invocation));
    default:
      if (isDaemonCommand(invocation.command)) process.exitCode = await runDaemonCommand(invocation.command, invocation, __filename);
  }
}

if (require.main === module) main(process.argv.slice(2)).catch(fail);
