// The root entry point (`puppet-twitch helper`): the only thing the service user may run through sudo.
// It takes no input but the root-owned config: checks the lock and disabled files as root, then runs puppet.
import { statSync } from 'node:fs';
import { constants } from 'node:os';
import { loadConfig, runBySudo, type Config } from '../config';
import { puppetCommand } from './command';
import { encodeReport, HELPER_EXIT, type Report } from './protocol';
import { disabledMessage, runningPid } from './state';

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

/** Under sudo, the service user must not be able to change what root runs. */
function checkRootOwned(file: string, what: string): void {
  const st = statSync(file);
  if (st.uid !== 0 || (st.mode & 0o022) !== 0) {
    throw new Error(`${what} ${file} must be owned by root and not writable by group or others (mode ${(st.mode & 0o777).toString(8)}, uid ${st.uid})`);
  }
}

function prepare(configFile: string | undefined): Config {
  const config = loadConfig({ config: configFile });
  if (runBySudo()) {
    if (config.file === undefined) throw new Error('run through sudo without --config: refusing to use defaults');
    checkRootOwned(config.file, 'The config file');
    checkRootOwned(config.puppet.bin, 'The puppet binary');
    if (config.puppet.mode === 'apply') checkRootOwned(config.puppet.manifest as string, 'The manifest');
  }
  return config;
}

export async function runHelper(configFile: string | undefined): Promise<number> {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  process.on('SIGHUP', () => undefined);
  process.on('SIGPIPE', () => undefined);

  let config: Config;
  try {
    config = prepare(configFile);
  } catch (err) {
    report({ event: 'error', message: err instanceof Error ? err.message : String(err) });
    return HELPER_EXIT.error;
  }

  const { puppet } = config;
  const message = disabledMessage(puppet.disabled_lockfile);
  if (message !== undefined) {
    report({ event: 'disabled', message });
    return HELPER_EXIT.disabled;
  }
  const holder = runningPid(puppet.lockfile);
  if (holder !== undefined) {
    report({ event: 'busy', pid: holder });
    return HELPER_EXIT.busy;
  }

  const { file, args } = puppetCommand(puppet);
  const { execa } = await import('execa');
  const child = execa(file, args, {
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
