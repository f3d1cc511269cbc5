// The root entry point (`puppet-twitch helper`): the only thing the service user may run through sudo, as
// `sudo <setsid> --fork <node> <bundle> helper --config <file>`. setsid forks it into a session of its own and
// exits, so sudo has no Node process to relay the service user's signals to (README, "The sudo boundary").
// It takes no input but the root-owned config: checks the lock and disabled files as root, then runs puppet.
import { constants } from 'node:os';
import { loadConfig, runBySudo, type Config } from '../config';
import { checkRootOnlyPath } from '../trusted';
import { puppetCommand } from './command';
import { encodeReport, HELPER_EXIT, type Report } from './protocol';
import { disabledMessage, lockFiles, runningPid } from './state';

// Only root can signal this process; these are ignored all the same, so nothing but root's SIGKILL stops a run.
const IGNORED_SIGNALS: NodeJS.Signals[] = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGUSR1', 'SIGUSR2', 'SIGPIPE', 'SIGQUIT', 'SIGALRM'];

// If the service goes away mid-run its pipes break; the run must carry on, so write errors are ignored.
function report(r: Report): void {
  try {
    process.stdout.write(encodeReport(r));
  } catch {
    /* the service is gone */
  }
}

function forward(chunk: Buffer): void {
  try {
    process.stderr.write(chunk);
  } catch {
    /* the service is gone */
  }
}

/** Under sudo, nothing the service user can write may change what root runs. */
function checkTrusted(config: Config): void {
  if (process.env.NODE_OPTIONS !== undefined || process.execArgv.length > 0) {
    throw new Error('refusing to run with NODE_OPTIONS or node options: the sudoers rule must reset the environment (env_reset)');
  }
  if (config.file === undefined) throw new Error('run through sudo without --config: refusing to use defaults');
  checkRootOnlyPath(config.file, 'The config file');
  checkRootOnlyPath(process.execPath, 'The node binary');
  checkRootOnlyPath(process.argv[1], 'The bundle');
  checkRootOnlyPath(config.puppet.bin, 'The puppet binary');
  if (config.puppet.manifest !== undefined) checkRootOnlyPath(config.puppet.manifest, 'The manifest', ['file', 'directory']);
}

function prepare(configFile: string | undefined): Config {
  const sudo = runBySudo();
  const config = loadConfig({ config: configFile }, undefined, sudo);
  if (sudo) checkTrusted(config);
  return config;
}

async function runPuppet(config: Config): Promise<number> {
  const { puppet } = config;
  const files = lockFiles(puppet);
  const message = disabledMessage(files.disabled);
  if (message !== undefined) {
    report({ event: 'disabled', message });
    return HELPER_EXIT.disabled;
  }
  const holder = runningPid(files.lockfile);
  if (holder !== undefined) {
    report({ event: 'busy', pid: holder });
    return HELPER_EXIT.busy;
  }

  const { file, args } = puppetCommand(puppet);
  const { execa } = await import('execa');
  const child = execa(file, args, {
    cwd: '/',
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    cleanup: false,
  });
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  if (child.pid !== undefined) report({ event: 'started', pid: child.pid });

  const result = await child;
  if (result.failed && result.exitCode === undefined && result.signal === undefined) {
    report({ event: 'error', message: `Cannot run ${file}: ${result.shortMessage}` });
    return HELPER_EXIT.error;
  }
  const code = result.exitCode ?? null;
  const signal = result.signal ?? null;
  report({ event: 'exit', code, signal });
  return code ?? 128 + (constants.signals[signal as NodeJS.Signals] ?? 0);
}

function fail(err: unknown): number {
  report({ event: 'error', message: err instanceof Error ? err.message : String(err) });
  return HELPER_EXIT.error;
}

export async function runHelper(configFile: string | undefined): Promise<number> {
  for (const signal of IGNORED_SIGNALS) process.on(signal, () => undefined);
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  process.on('uncaughtException', (err) => process.exit(fail(err)));
  try {
    // Nothing of the caller's working directory: puppet and everything it starts run from /.
    process.chdir('/');
    return await runPuppet(prepare(configFile));
  } catch (err) {
    return fail(err);
  }
}
