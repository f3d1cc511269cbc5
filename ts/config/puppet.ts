// The `puppet` key: which puppet runs and how (agent or apply, through sudo or not), Puppet's own files, the fixed
// arguments, and the environments a caller may choose.
import { join } from 'node:path';
import { ENVIRONMENT_NAME } from '../core/options';
import { bool, checkKeys, integer, invalid, path } from './checks';
import { isJsonObject } from '../json';
import { AIO_PREFIX, AIO_PUPPET, DEFAULTS, MAX_SPLAY, PACKAGING } from './defaults';
import type { Host } from './host';
import type { PuppetConfig } from './types';

const PUPPET_KEYS = [
  'bin',
  'mode',
  'manifest',
  'sudo',
  'setsid',
  'statedir',
  'lastrunfile',
  'lastrunreport',
  'conf',
  'environments',
  'max_splay',
  'run_timeout',
  'args',
];

// An extra fixed argument is one `--option` or `--option=value`: nothing that could smuggle a second command.
const ARG = /^--[a-z][a-z0-9_-]*(=[^\0-\x1f]*)?$/;

/** `file`: the config file, which sudo needs (the root helper reads its settings only from it). */
export function puppetConfig(value: unknown, host: Host, file: string | undefined): PuppetConfig {
  const p = value ?? {};
  if (!isJsonObject(p)) invalid('puppet', 'must be an object');
  checkKeys(p, PUPPET_KEYS, 'puppet.');

  const mode = p.mode ?? DEFAULTS.puppet.mode;
  if (mode !== 'agent' && mode !== 'apply') invalid('puppet.mode', `must be "agent" or "apply", got ${JSON.stringify(mode)}`);
  const manifest = path(p, 'manifest', 'puppet.manifest');
  if (mode === 'apply' && manifest === undefined) invalid('puppet.manifest', 'is required when puppet.mode is "apply"');
  if (mode === 'agent' && manifest !== undefined) invalid('puppet.manifest', 'is used only when puppet.mode is "apply"; remove it');

  const sudo = bool(p, 'sudo', 'puppet.sudo', !host.isRoot);
  // through sudo the root helper reads this file; a helper service behind a pipe reads its own
  if (sudo && file === undefined && host.helperPipe === undefined) {
    invalid('puppet.sudo', 'needs a config file: the root helper reads its settings only from a root-owned file (give --config)');
  }

  const bin = path(p, 'bin', 'puppet.bin') ?? host.findPuppet();
  if (bin === undefined) {
    invalid('puppet.bin', `no puppet found in ${AIO_PUPPET} or on PATH; set it to the puppet binary's path`);
  }
  const packaging = bin.startsWith(AIO_PREFIX) ? PACKAGING.aio : PACKAGING.distro;

  const args = p.args ?? [];
  if (!Array.isArray(args)) invalid('puppet.args', 'must be an array of strings');
  args.forEach((arg, i) => {
    if (typeof arg !== 'string' || !ARG.test(arg)) {
      invalid(`puppet.args[${i}]`, `must be one "--option" or "--option=value" without control characters, got ${JSON.stringify(arg)}`);
    }
  });

  const environments = p.environments ?? [];
  if (!Array.isArray(environments)) invalid('puppet.environments', 'must be an array of environment names');
  environments.forEach((name, i) => {
    if (typeof name !== 'string' || !ENVIRONMENT_NAME.test(name)) {
      invalid(`puppet.environments[${i}]`, `must be an environment name (lower case letters, digits and _), got ${JSON.stringify(name)}`);
    }
  });

  const statedir = path(p, 'statedir', 'puppet.statedir') ?? packaging.statedir;
  return {
    bin,
    mode,
    ...(manifest !== undefined ? { manifest } : {}),
    sudo,
    setsid: path(p, 'setsid', 'puppet.setsid') ?? DEFAULTS.puppet.setsid,
    statedir,
    lastrunfile: path(p, 'lastrunfile', 'puppet.lastrunfile') ?? packaging.lastrunfile,
    // Puppet's own default for lastrunreport
    lastrunreport: path(p, 'lastrunreport', 'puppet.lastrunreport') ?? join(statedir, 'last_run_report.yaml'),
    conf: path(p, 'conf', 'puppet.conf') ?? packaging.conf,
    environments: environments as string[],
    max_splay: integer(p.max_splay, 'puppet.max_splay', 0, MAX_SPLAY) ?? DEFAULTS.puppet.max_splay,
    run_timeout: integer(p.run_timeout, 'puppet.run_timeout', 0, 604_800) ?? DEFAULTS.puppet.run_timeout,
    args: args as string[],
  };
}
