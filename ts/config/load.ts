// Loading: the config file (the given one, else the default when it exists) read and parsed, then normalized with
// the command line's overrides; and the config as it may be shown. Its errors are one line each (JSON.parse's
// quote the text, line breaks and all), naming the file.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { twitchError } from '../errors';
import { oneLine, printable } from '../text';
import { readRegularFile } from '../trusted';
import { DEFAULT_CONFIG_FILE } from './defaults';
import { duplicateKey } from './duplicate-keys';
import { hostFacts, type Host } from './host';
import { normalizeConfig } from './normalize';
import type { Config, Overrides } from './types';

/**
 * Reads the config file and applies the overrides.
 * `trusting`: the root helper's reading, which refuses a symbolic link instead of following it.
 */
export function loadConfig(overrides: Overrides, host: Host = hostFacts(), trusting = false): Config {
  try {
    return readConfig(overrides, host, trusting);
  } catch (err) {
    if (err instanceof Error) err.message = oneLine(err.message);
    throw err;
  }
}

function readConfig(overrides: Overrides, host: Host, trusting: boolean): Config {
  let file: string | undefined;
  let raw: unknown = {};
  if (overrides.config !== undefined) file = resolve(overrides.config);
  else if (fileExists(DEFAULT_CONFIG_FILE)) file = DEFAULT_CONFIG_FILE;
  if (file !== undefined) {
    let text: string | undefined;
    try {
      text = readRegularFile(file, { followSymlinks: !trusting });
    } catch (err) {
      throw twitchError('CONFIG_INVALID', `Cannot read config file: ${(err as Error).message}`);
    }
    if (text === undefined) throw twitchError('CONFIG_INVALID', `Cannot read config file ${file}: it does not exist`);
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw twitchError('CONFIG_INVALID', `Config file ${file} is not valid JSON: ${(err as Error).message}`);
    }
    const twice = duplicateKey(text);
    if (twice !== undefined) {
      throw twitchError('CONFIG_INVALID', `Config file ${file}: key '${printable(twice, 200)}' is given twice; JSON keeps only the last one, so give it once`);
    }
  }
  try {
    return normalizeConfig(raw, overrides, host, file);
  } catch (err) {
    if (file !== undefined && err instanceof Error) err.message = `${file}: ${err.message}`;
    throw err;
  }
}

function fileExists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export const REDACTED = '(redacted)';

/** The config as `puppet-twitch config` prints it: webhook secrets replaced, so the output can be shared. */
export function redactSecrets<T extends Pick<Config, 'auth'>>(config: T): T {
  return { ...config, auth: { ...config.auth, webhooks: config.auth.webhooks.map((w) => ({ ...w, secret: REDACTED })) } };
}
