// Run options written in the config (schedule.options, auth.webhooks[].options): checked by the same code as an
// HTTP caller's, against the same puppet.environments, with the config key named in every error.
import { checkOptions, OPTION_NAMES, type RunOptions } from '../core/options';
import { isTwitchError } from '../errors';
import { checkKeys, invalid } from './checks';
import { isJsonObject } from '../json';

/** `environments`: the checked puppet.environments, the ones an `environment` option may name. */
export function configRunOptions(value: unknown, name: string, environments: readonly string[]): RunOptions {
  const options = value ?? {};
  if (!isJsonObject(options)) invalid(name, 'must be an object of run options');
  checkKeys(options, OPTION_NAMES, `${name}.`);
  // An empty list of tags is no tags here: a config writer need not leave the key out.
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => !(Array.isArray(v) && v.length === 0)));
  try {
    return checkOptions(given, { environments });
  } catch (err) {
    if (!isTwitchError(err)) throw err;
    invalid(name, err.message);
  }
}
