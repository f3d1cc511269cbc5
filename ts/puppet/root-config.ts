// The root helper's config, and its environment, as root may trust them. Under sudo every path root runs or
// reads because the config says so is checked (trusted-path.ts) and replaced by the path that was checked, so
// what is used is what was checked (README, "The sudo boundary").
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG_FILE, hostFacts, loadConfig, type Config, type Host } from '../config';
import { resolveTrusted } from '../platform/trusted-path';

/** Node options could make root run other code: the sudoers rule resets the environment, and this checks it did. */
export function refuseNodeOptions(): void {
  if (process.env.NODE_OPTIONS !== undefined || process.execArgv.length > 0) {
    throw new Error('refusing to run with NODE_OPTIONS or node options: the sudoers rule must reset the environment (env_reset)');
  }
}

/**
 * The config, with the checked paths of puppet.bin and puppet.manifest under sudo: the manifest wholly resolved,
 * the binary by its own name in a resolved directory (see TrustedPath.path), and the config file read by its own
 * name, so that a link there is refused when read. The helper calls this after reading the request, so nothing
 * the caller does (its pace on stdin included) comes between a check and a use.
 */
export function trustedConfig(configFile: string | undefined, sudo: boolean, platform: Pick<Host, 'isRoot' | 'findPuppet'>): Config {
  const host = { ...hostFacts(), ...platform, runsSchedule: false };
  if (!sudo) return loadConfig({ config: configFile }, host, false);
  const given = configFile ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  if (given === undefined) throw new Error('run through sudo without --config: refusing to use defaults');
  const file = resolveTrusted(resolve(given), 'The config file').path;
  const config = loadConfig({ config: file }, host, true);
  resolveTrusted(process.execPath, 'The node binary');
  resolveTrusted(process.argv[1], 'The bundle');
  const { puppet } = config;
  const bin = resolveTrusted(puppet.bin, 'The puppet binary').path;
  const manifest = puppet.manifest === undefined ? {} : { manifest: resolveTrusted(puppet.manifest, 'The manifest', ['file', 'directory']).real };
  return { ...config, puppet: { ...puppet, bin, ...manifest } };
}
