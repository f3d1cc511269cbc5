// The puppet command line: the root-owned config's fixed part, then the checked run options, each one argv
// element; no shell ever sees it.
import type { PuppetConfig } from '../config';
import { optionArgs, type RunOptions } from '../core/options';

/** `systemLog`: where the platform's agent logs besides the console (Platform.puppetLogdest: syslog, eventlog). */
export function puppetCommand(puppet: PuppetConfig, systemLog: string, options: RunOptions = {}): { file: string; args: string[] } {
  if (puppet.mode === 'apply') {
    // Validated by config.ts: apply mode always has a manifest.
    return {
      file: puppet.bin,
      args: ['apply', '--detailed-exitcodes', ...puppet.args, ...optionArgs(options), puppet.manifest as string],
    };
  }
  // --no-daemonize keeps the run our child; --no-usecacheonfailure stops an unreachable server from passing as success.
  return {
    file: puppet.bin,
    args: ['agent', '--onetime', '--no-daemonize', '--detailed-exitcodes', '--no-usecacheonfailure', ...agentLogdest(puppet.args, systemLog), ...puppet.args, ...optionArgs(options)],
  };
}

/**
 * Without --verbose, an agent logs to the system's log only (syslog; eventlog on Windows) and prints nothing:
 * the console is where the service reads a run's output. The system's log keeps what it would have had, unless
 * puppet.args names destinations of their own.
 */
export function agentLogdest(args: readonly string[], systemLog: string): string[] {
  const own = args.some((arg) => arg === '--logdest' || arg.startsWith('--logdest='));
  return own ? ['--logdest=console'] : ['--logdest=console', `--logdest=${systemLog}`];
}
