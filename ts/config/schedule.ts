// The `schedule` key: run options as an HTTP caller's, checked by the same code against the same config.
import { CRON_HINT, cronProblem, cronSyntaxProblem, normalizeCron } from '../core/cron';
import { checkOptions, OPTION_NAMES, type RunOptions } from '../core/options';
import { isTwitchError } from '../errors';
import { printable } from '../text';
import { checkKeys, integer, invalid, isObject, str } from './checks';
import { DEFAULTS, MAX_SPLAY } from './defaults';
import { systemTimeZone, type Host } from './host';
import type { ScheduleConfig } from './types';

const SCHEDULE_KEYS = ['cron', 'splay', 'options', 'timezone'];

/** `environments`: the checked puppet.environments, the ones schedule.options.environment may name. */
export function scheduleConfig(raw: unknown, environments: string[], host: Host): ScheduleConfig | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) invalid('schedule', 'must be an object such as {"cron": "*/30 * * * *"}');
  checkKeys(raw, SCHEDULE_KEYS, 'schedule.');
  const cron = str(raw, 'cron', 'schedule.cron');
  if (cron === undefined) invalid('schedule.cron', `is required in a schedule: ${CRON_HINT}`);
  const runs = host.runsSchedule !== false;
  const problem = runs ? cronProblem(cron) : cronSyntaxProblem(cron);
  if (problem !== null) invalid('schedule.cron', `"${printable(cron)}" is not a cron expression: ${problem}; ${CRON_HINT}`);

  const options = raw.options ?? {};
  if (!isObject(options)) invalid('schedule.options', 'must be an object of run options');
  checkKeys(options, OPTION_NAMES, 'schedule.options.');
  // An empty list of tags is no tags here: a config writer need not leave the key out.
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => !(Array.isArray(v) && v.length === 0)));
  let checked: RunOptions;
  try {
    checked = checkOptions(given, { environments });
  } catch (err) {
    if (!isTwitchError(err)) throw err;
    invalid('schedule.options', err.message);
  }

  const splay = integer(raw.splay, 'schedule.splay', 0, MAX_SPLAY) ?? DEFAULTS.schedule.splay;
  const zone = str(raw, 'timezone', 'schedule.timezone');
  if (!runs) return undefined;
  const timezone = zone ?? (host.timeZone ?? systemTimeZone)();
  if (!isTimeZone(timezone)) {
    invalid('schedule.timezone', `"${printable(timezone)}" is not a time zone this Node.js knows; use an IANA name such as "Europe/Berlin" or "UTC"`);
  }
  return {
    cron: normalizeCron(cron),
    splay,
    options: checked,
    timezone,
  };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
