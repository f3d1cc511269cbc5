// The puppet command line: built only from the root-owned config, never from anything a caller sent.
import type { PuppetConfig } from '../config';

export function puppetCommand(puppet: PuppetConfig): { file: string; args: string[] } {
  if (puppet.mode === 'apply') {
    // Validated by config.ts: apply mode always has a manifest.
    return { file: puppet.bin, args: ['apply', '--detailed-exitcodes', ...puppet.args, puppet.manifest as string] };
  }
  // --no-daemonize keeps the run our child; --no-usecacheonfailure stops an unreachable server from passing as success.
  return {
    file: puppet.bin,
    args: ['agent', '--onetime', '--no-daemonize', '--detailed-exitcodes', '--no-usecacheonfailure', ...puppet.args],
  };
}
